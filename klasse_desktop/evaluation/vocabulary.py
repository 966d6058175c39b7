"""The fixed lists the evaluation counts in, and how a typed entry is sorted into them.

A measure or a report in the register is free text ("Telefoon in bewaring genomen
tot vrijdag", "Gemeld bij de vertrouwensinspecteur"). The evaluation needs kinds,
not text: each measure is sorted into the kinds of clauses S5 and S7 by the words
it uses, each report into the recipients of A10/S4/S8. Only the kind leaves this
module; the text is read in memory and dropped. A text that fits no kind counts
as "other", never as a guess.

The lists are partitions: a measure counts once, under the heaviest kind its text
names (the order below); a report counts once for each recipient it names (a
report to the school leadership and the inspector counts for both).
"""

from __future__ import annotations

import re
import unicodedata

from klasse_desktop.i18n import N_

OTHER = "anders"

# Heaviest first: "waarschuwing en telefoon in bewaring" is a device taken in.
MEASURE_KINDS: dict[str, str] = {
    "verwijdering": N_("Expulsion from school"),
    "schorsing": N_("Suspension"),
    "rechtspositioneel": N_("Measure under employment law"),
    "in_bewaring": N_("Device taken into safekeeping"),
    "berichten_verwijderd": N_("Messages or images deleted"),
    "waarschuwing": N_("Warning"),
    OTHER: N_("Other measure"),
}
_MEASURE_WORDS: dict[str, str] = {
    "verwijdering": r"verwijder\w*\s+(van|uit)\s+(de\s+)?school"
    r"|van\s+school\s+(ge)?(verwijderd|gestuurd|af)|definitie\w*\s+verwijder|expel|expulsion",
    "schorsing": r"schors|suspen",
    "rechtspositioneel": r"rechtsposit|disciplin|berisping|ontslag|plichtsverzuim|dismiss",
    "in_bewaring": r"bewaring|ingenomen|inname|innemen|ingeleverd|afgenomen|confiscat|safekeeping",
    "berichten_verwijderd": r"verwijder|gewist|wissen|offline\s+gehaald|delete|removed"
    r"|taken\s+down",
    "waarschuwing": r"waarschuw|warning|warned",
}

RECIPIENTS: dict[str, str] = {
    "schoolleiding": N_("School leadership"),
    "bestuur": N_("Board"),
    "lvi": N_("National Confidential Inspector"),
    "politie": N_("Police"),
    OTHER: N_("Someone else"),
}
_RECIPIENT_WORDS: dict[str, str] = {
    "schoolleiding": r"schoolleiding|directeur|directie|adjunct|locatieleid|leidinggevende"
    r"|school\s+leadership|head\s*teacher|principal",
    "bestuur": r"bestuur|\bcvb\b|college\s+van\s+bestuur|\bboard\b",
    "lvi": r"vertrouwensinspect|inspectie|\blvi\b|inspector|0900\W*111\W*3111",
    "politie": r"politie|aangifte|wijkagent|police|\b112\b|0900\W*8844",
}

# Days from opening to closing, as bins (a median alone cannot be added up).
DURATIONS: dict[str, str] = {
    "0-7": N_("Within a week"),
    "8-30": N_("8 to 30 days"),
    "31-90": N_("31 to 90 days"),
    "91-180": N_("91 to 180 days"),
    "181+": N_("More than 180 days"),
}
_DURATION_LIMITS = ((7, "0-7"), (30, "8-30"), (90, "31-90"), (180, "91-180"))

# A table of its own, for the whole register as it is now: as a split of the cases
# opened in the period ("on hold 0, not on hold 12") it would publish their total.
LEGAL_HOLD: dict[str, str] = {"on_hold": N_("On legal hold")}


def _folded(text: str) -> str:
    """Lower case without accents, so "Geschorst" and "géschorst" match alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_MEASURE_RE = {kind: re.compile(words) for kind, words in _MEASURE_WORDS.items()}
_RECIPIENT_RE = {kind: re.compile(words) for kind, words in _RECIPIENT_WORDS.items()}


def measure_kind(text: str) -> str:
    """The one kind a measure counts as (OTHER when its words fit none)."""
    folded = _folded(text)
    return next((kind for kind, found in _MEASURE_RE.items() if found.search(folded)), OTHER)


def recipients(reported_to: str, text: str = "") -> list[str]:
    """Every recipient a report names: in "reported to", else in its text; at least one."""
    folded = _folded(reported_to.strip() or text)
    found = [kind for kind, words in _RECIPIENT_RE.items() if words.search(folded)]
    return found or [OTHER]


def duration_bin(days: int) -> str:
    return next((key for limit, key in _DURATION_LIMITS if days <= limit), "181+")
