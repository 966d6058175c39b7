"""Turning free text into text that may be printed in one subject's report.

Every registered name of a hidden person becomes their label ("Leerling B",
"Ouder van Leerling B"); possessives keep their 's. Whatever the redactor cannot
be sure of becomes a `Flag` for the director's review instead of a guess: a name
that fits two people, a word that may be a name ("Roos is boos"), a person name
that nobody registered, a handle or e-mail address. Text with an open flag cannot
be turned into `SafeText`, and reports render nothing but `SafeText`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from klasse_desktop.i18n import _
from klasse_desktop.reports.redaction.folding import fold_name
from klasse_desktop.reports.redaction.matcher import NameHit, NameMatcher
from klasse_desktop.reports.redaction.name_forms import PARTICLES, common_words
from klasse_desktop.reports.redaction.policy import Person, hidden_labels
from klasse_desktop.reports.redaction.unregistered import NEVER_NAMES, NameFinder
from klasse_desktop.typed_text import clean_typed

HIDE, KEEP, PARTY = "hide", "keep", "party"
UNREGISTERED, AMBIGUOUS, WORD_OR_NAME, HANDLE = "unregistered", "ambiguous", "word", "handle"

_HANDLES = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail address
    r"|(?<![\w@])@[\w][\w.]*\w"  # @handle
)


class SafeText(str):
    """Text that went through a `Redactor`: the only kind of text a report renders."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Decision:
    action: str  # HIDE (a numbered "Persoon"), KEEP (print as typed), PARTY (as party_id)
    party_id: int | None = None


@dataclass(frozen=True, slots=True)
class Flag:
    text: str  # the span as typed, spaces collapsed: also the key of its decision
    reason: str  # UNREGISTERED, AMBIGUOUS, WORD_OR_NAME or HANDLE
    candidates: tuple[int, ...]  # registered parties it may be
    context: str  # the sentence around it
    where: str  # the part of the case it is in ("Titel", "Notitie 3")


class ReviewNeeded(Exception):  # noqa: N818 - a state, not a failure
    """Names that need the director's decision before the report can be written."""

    def __init__(self, flags: list[Flag]) -> None:
        super().__init__(f"{len(flags)} names to review")
        self.flags = flags


def decision_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    replacement: str | None  # None: keep as typed
    flag: Flag | None = None


def _context(text: str, start: int, end: int, width: int = 90) -> str:
    left = max(text.rfind(ch, 0, start) for ch in ".!?\n")
    right = [i for i in (text.find(ch, end) for ch in ".!?\n") if i != -1]
    lo = max(left + 1, start - width)
    hi = min(min(right) + 1 if right else len(text), end + width)
    snippet = " ".join(text[lo:hi].split())
    return ("…" if lo > left + 1 else "") + snippet + ("…" if right and hi < min(right) else "")


class Redactor:
    def __init__(
        self,
        people: Iterable[Person],
        subject_id: int,
        file_type: str,
        decisions: Mapping[str, Decision] | None = None,
        finder: NameFinder | None = None,
    ) -> None:
        self.people = {p.id: p for p in people}
        self.labels = hidden_labels(self.people.values(), subject_id, file_type)
        self.decisions = dict(decisions or {})
        self.finder = finder
        self.matcher = NameMatcher((p.id, p.name) for p in self.people.values())
        self._numbers: dict[str, str] = {}  # folded hidden unregistered name -> "Persoon 1"
        self._cache: dict[tuple[str, bool], list[_Span]] = {}
        # Review mode: open questions are collected instead of raised, and their spans
        # print as "[?]" (a model built this way is only good for counting them).
        self.collect = False
        self.collected: list[Flag] = []

    # -- what each party is called -------------------------------------------------------

    def is_hidden(self, party_id: int) -> bool:
        return party_id in self.labels

    def party_name(self, party_id: int) -> SafeText:
        """The label of a hidden party, the (redacted) name of a named one."""
        if party_id in self.labels:
            return SafeText(self.labels[party_id])
        return self.apply(self.people[party_id].name)

    # -- free text ----------------------------------------------------------------------------

    def scan(self, text: str, where: str, *, unregistered: bool = True) -> list[Flag]:
        """The open questions in `text` (empty when it can be printed)."""
        spans = self._spans(clean_typed(text), where, unregistered)
        return [s.flag for s in spans if s.flag is not None]

    def apply(self, text: str, where: str = "", *, unregistered: bool = True) -> SafeText:
        """`text` with every hidden name replaced; ReviewNeeded if anything is open.

        `unregistered=False` for text the app or the protocol wrote: only registered
        names are looked for there (the protocol has no names; the labels have none).
        """
        text = clean_typed(text)
        spans = self._spans(text, where, unregistered)
        flags = [s.flag for s in spans if s.flag is not None]
        if flags and not self.collect:
            raise ReviewNeeded(flags)
        self.collected += flags
        out, last = [], 0
        for span in spans:
            replacement = "[?]" if span.flag is not None else span.replacement
            if replacement is None:
                continue
            out += [text[last : span.start], replacement]
            last = span.end
        out.append(text[last:])
        return SafeText("".join(out))

    def spans_of(self, text: str) -> list[_Span]:
        """Registered names in text read back from a finished PDF (see pdf_check)."""
        return self._find(clean_typed(text), "", unregistered=False)

    def _spans(self, text: str, where: str, unregistered: bool) -> list[_Span]:
        cached = self._cache.get((text, unregistered))
        if cached is None:
            cached = self._cache[(text, unregistered)] = self._find(text, where, unregistered)
        return cached

    def _find(self, text: str, where: str, unregistered: bool) -> list[_Span]:
        hits = self.matcher.find(text)
        spans = [self._registered(text, hit, where, unregistered) for hit in hits]
        if not unregistered:
            return spans
        covered = [(h.start, h.end) for h in hits]
        found = list(self.finder(text)) if self.finder else []
        found += [(m.start(), m.end()) for m in _HANDLES.finditer(text)]
        for start, end in sorted(set(found)):
            for part in _uncovered(text, start, end, covered):
                span = self._unregistered(text, *part, where)
                if span is not None:
                    spans.append(span)
                    covered.append(part)
        return sorted(spans, key=lambda s: s.start)

    def _registered(self, text: str, hit: NameHit, where: str, typed: bool) -> _Span:
        decision = self.decisions.get(decision_key(hit.text))
        if decision is not None:
            return _Span(hit.start, hit.end, self._decided(hit.text, decision, hit.possessive))
        hidden = [pid for pid in sorted(hit.people) if pid in self.labels]
        if not hidden or (hit.word_or_name and not typed):
            # Nobody hidden; or a common word ("ben") in text the app or protocol wrote.
            return _Span(hit.start, hit.end, None)
        if len(hit.people) > 1 or hit.word_or_name:
            reason = AMBIGUOUS if len(hit.people) > 1 else WORD_OR_NAME
            flag = Flag(
                decision_key(hit.text), reason, tuple(sorted(hit.people)),
                _context(text, hit.start, hit.end), where,
            )  # fmt: skip
            return _Span(hit.start, hit.end, None, flag)
        return _Span(hit.start, hit.end, _possessive(self.labels[hidden[0]], hit.possessive))

    def _unregistered(self, text: str, start: int, end: int, where: str) -> _Span | None:
        typed = text[start:end]
        decision = self.decisions.get(decision_key(typed))
        if decision is not None:
            return _Span(start, end, self._decided(typed, decision, possessive=False))
        reason = HANDLE if "@" in typed else UNREGISTERED
        flag = Flag(decision_key(typed), reason, (), _context(text, start, end), where)
        return _Span(start, end, None, flag)

    def _decided(self, typed: str, decision: Decision, possessive: bool) -> str | None:
        if decision.action == KEEP:
            return None
        if decision.action == PARTY and decision.party_id in self.people:
            label = self.labels.get(decision.party_id)
            return None if label is None else _possessive(label, possessive)
        key = fold_name(typed)
        if key not in self._numbers:
            self._numbers[key] = _("Person {number}").format(number=len(self._numbers) + 1)
        return _possessive(self._numbers[key], possessive)


def _possessive(label: str, possessive: bool) -> str:
    return f"{label}'s" if possessive else label


def _uncovered(
    text: str, start: int, end: int, covered: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The parts of [start, end) outside registered names that still look like a name."""
    parts = [(start, end)]
    for c_start, c_end in covered:
        next_parts = []
        for p_start, p_end in parts:
            if c_end <= p_start or c_start >= p_end:
                next_parts.append((p_start, p_end))
                continue
            if c_start > p_start:
                next_parts.append((p_start, c_start))
            if c_end < p_end:
                next_parts.append((c_end, p_end))
        parts = next_parts
    result = []
    for p_start, p_end in parts:
        while p_start < p_end and not text[p_start].isalnum() and text[p_start] != "@":
            p_start += 1
        while p_end > p_start and not text[p_end - 1].isalnum():
            p_end -= 1
        words = fold_name(text[p_start:p_end]).split()
        meaningful = [
            w for w in words if w not in PARTICLES and w not in NEVER_NAMES and len(w) > 1
        ]
        if meaningful and not (text[p_start:p_end].islower() and set(meaningful) <= common_words()):
            result.append((p_start, p_end))
    return result
