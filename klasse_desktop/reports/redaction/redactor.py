"""Turning free text into text that may be printed in one subject's report.

Every registered name of a hidden person becomes their label ("Leerling B",
"Ouder van Leerling B"); possessives keep their 's. Whatever the redactor cannot
be sure of becomes a `Flag` for the director's review instead of a guess: a name
that fits two people, a word that may be a name ("Roos is boos"), a person name
that nobody registered, a handle or e-mail address, a name made of parts of other
people's names ("Daan Smit" when Daan de Vries and Karin Smit are registered),
words in a script the finder cannot read. Text with an open flag cannot be turned
into `SafeText`, and reports render nothing but `SafeText`.
"""

from __future__ import annotations

import dataclasses
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
    r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"  # e-mail address
    r"|(?P<handle>(?<![\w@])@[\w][\w.]*\w)"  # @handle
    r"|(?P<link>(?<![\w./])(?:www\.)?(?:instagram|tiktok|facebook|fb|snapchat|youtube|twitter|x"
    r"|threads)\.com/[\w.@/-]*\w)"  # a profile link: the path is the account
    r"|(?P<hashtag>(?<![\w#&])#\w+)"  # a hashtag: only looked at when a name is in it
)
# Between a first name and a surname typed as one name: spaces, line breaks, invisibles.
_BETWEEN = re.compile(r"[\s\u00ad\u200b\u200c\u200d\u2060\ufeff]+")
_PARTIAL = frozenset({"given", "surname"})  # forms that are only part of someone's name


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
    numbered: tuple[str, bool] | None = None  # (name, possessive) to number as "Persoon n"


# A sentence ends at . ! ? followed by a space or the end, or at a line break: the
# dots inside "daan.devries@school.nl" or "v.d. Broek" end nothing.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")


def _context(text: str, start: int, end: int, width: int = 90) -> str:
    """The sentence around a flagged name, at most `width` characters each side."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    left = max((e for e in ends if e <= start), default=0)
    right = min((e for e in ends if e > end), default=len(text))
    lo, hi = max(left, start - width), min(right, end + width)
    snippet = " ".join(text[lo:hi].split())
    return ("…" if lo > left else "") + snippet + ("…" if hi < right else "")


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
        self._decided_keys: tuple[str, ...] = ()
        self._decided_regex = re.compile(r"(?!)")
        self._cache: dict[tuple[str, bool], list[_Span]] = {}
        # Review mode: open questions are collected instead of raised, and their spans
        # print as "[?]" (a model built this way is only good for counting them).
        self.collect = False
        self.collected: list[Flag] = []
        # Names printed as they are because they are the director's own settings or the
        # register's users (authors); the PDF check leaves them alone.
        self.trusted: set[str] = set()

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
        # Text the director decided on as a whole ("Lotte van der Berg": keep) is
        # decided wherever it appears, also when read back from the finished PDF.
        spans = []
        for start, end in self._decided_occurrences(text, hits):
            decision = self.decisions[decision_key(text[start:end])]
            spans.append(self._decided(start, end, text[start:end], decision, False))
            hits = [h for h in hits if h.end <= start or h.start >= end]
        found = list(self.finder(text)) if self.finder and unregistered else []
        if unregistered:
            hits, compound = self._compounds(text, hits, found)
            spans += [self._compound(text, *c, where) for c in compound]
            hits, tokens = self._in_handles(text, hits)
            spans += [self._compound(text, *c, where) for c in tokens]
        spans += [self._registered(text, hit, where, unregistered) for hit in hits]
        if not unregistered:
            return self._numbered(spans)
        covered = [(s.start, s.end) for s in spans]
        found += [_handle_parts(text, m)[:2] for m in _HANDLES.finditer(text) if not m["hashtag"]]
        found += _foreign_runs(text)
        for start, end in sorted(set(found)):
            for part in _uncovered(text, start, end, covered):
                span = self._unregistered(text, *part, where)
                if span is not None:
                    spans.append(span)
                    covered.append(part)
        return self._numbered(spans)

    def _numbered(self, spans: list[_Span]) -> list[_Span]:
        """The spans in text order, hidden unregistered names numbered in that order
        ("Persoon 1" is the first one a reader meets)."""
        out = []
        for span in sorted(spans, key=lambda s: s.start):
            if span.numbered is not None:
                key, possessive = span.numbered
                if key not in self._numbers:
                    number = len(self._numbers) + 1
                    self._numbers[key] = _("Person {number}").format(number=number)
                span = _Span(span.start, span.end, _possessive(self._numbers[key], possessive))
            out.append(span)
        return out

    def _decided_occurrences(self, text: str, hits: list[NameHit]) -> list[tuple[int, int]]:
        """Where decided text holds more than one registered name, or more than a name."""
        if not hits or not self.decisions:
            return []
        keys = tuple(sorted(self.decisions, key=len, reverse=True))
        if self._decided_keys != keys:
            words = ["\\s+".join(map(re.escape, key.split())) for key in keys if key]
            self._decided_regex = re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)")
            self._decided_keys = keys
        found = []
        for match in self._decided_regex.finditer(text):
            start, end = match.span()
            inside = [h for h in hits if start <= h.start and h.end <= end]
            crossing = [h for h in hits if h.start < end and h.end > start and h not in inside]
            alone = len(inside) == 1 and (inside[0].start, inside[0].end) == (start, end)
            if inside and not crossing and not alone:
                found.append((start, end))
        return found

    def _compounds(
        self, text: str, hits: list[NameHit], found: list[tuple[int, int]]
    ) -> tuple[list[NameHit], list[tuple[int, int, str, frozenset[int]]]]:
        """Names made of parts of other people's names: "Daan Smit" when Daan de Vries
        and Karin Smit are registered; "Lotte van der Berg" found by the finder, where
        only Lotte Dekker is registered. Neither is Daan, Karin or Lotte: a flag."""
        compound: list[tuple[int, int, str, frozenset[int]]] = []
        used: set[int] = set()
        for i in range(len(hits) - 1):
            first, second = hits[i], hits[i + 1]
            if (
                first.form.kind == "given" and second.form.kind == "surname"
                and not first.possessive
                and (first.variant or second.variant or not first.people & second.people)
                and _next_to(text, first.end, second.start)
                and i not in used
            ):  # fmt: skip
                people = first.people | second.people
                compound.append((first.start, second.end, UNREGISTERED, people))
                used.update((i, i + 1))
        for start, end in found:
            inside = [
                i for i, h in enumerate(hits)
                if start <= h.start and h.end <= end and i not in used
            ]  # fmt: skip
            crossing = [i for i, h in enumerate(hits) if h.start < end and h.end > start]
            if not crossing and _uncovered(text, start, end, []):
                # Next to a registered part: "Muhammad al-Ali", "Lotte" + "van der Berg".
                inside = [
                    i for i, h in enumerate(hits)
                    if i not in used and not h.possessive and (
                        (h.form.kind == "given" and _next_to(text, h.end, start))
                        or (h.form.kind == "surname" and _next_to(text, end, h.start))
                    )
                ]  # fmt: skip
                start = min([start, *(hits[i].start for i in inside)])
                end = max([end, *(hits[i].end for i in inside)])
                crossing = inside
            if not inside or set(crossing) != set(inside):
                continue
            if any(hits[i].form.kind not in _PARTIAL for i in inside):
                continue
            spans = [(hits[i].start, hits[i].end) for i in inside]
            if not _uncovered(text, start, end, spans):
                continue  # the finder found no more than the registered name
            people = frozenset().union(*(hits[i].people for i in inside))
            compound.append((start, end, UNREGISTERED, people))
            used.update(inside)
        return [h for i, h in enumerate(hits) if i not in used], compound

    def _in_handles(
        self, text: str, hits: list[NameHit]
    ) -> tuple[list[NameHit], list[tuple[int, int, str, frozenset[int]]]]:
        """Registered names inside e-mail addresses, @handles, profile links, hashtags.

        An address that is nothing but a name ("daan.devries@…") becomes that
        person's label as a whole; a handle with more than one name, or a name and
        more ("@daan_vd_2012", "#JusticeForDaan"), is a flag: whose account it is,
        and what else it says, is the director's call."""
        compound: list[tuple[int, int, str, frozenset[int]]] = []
        kept = list(hits)
        for match in _HANDLES.finditer(text):
            kind = match.lastgroup
            start, end, body_start, body_end = _handle_parts(text, match)
            inside = [h for h in kept if start <= h.start and h.end <= end]
            if any(h.start < end and h.end > start for h in kept if h not in inside):
                continue
            if not inside:
                glued = self.matcher.glued_in(text[body_start:body_end])
                if kind == "hashtag" and any(p in self.labels for p in glued):  # "#BoIsDom"
                    compound.append((start, end, HANDLE, glued))
                continue
            if any(h.start < body_start or h.end > body_end for h in inside):
                continue
            rest = list(text[body_start:body_end])
            for h in inside:
                rest[h.start - body_start : h.end - body_start] = [""] * (h.end - h.start)
            extra = any(ch.isalnum() for ch in rest)
            if not extra and len(inside) == 1:
                if kind == "email":  # the whole address stands for the person
                    kept[kept.index(inside[0])] = dataclasses.replace(
                        inside[0], start=start, end=end, text=text[start:end], possessive=False
                    )
                continue
            if not extra and kind != "email":
                continue  # "#Daan_Bo": each name its own label
            if extra and not any(self._hides(h) for h in inside):
                continue  # only named people in it: the rest is looked at as usual
            people = frozenset().union(*(h.people for h in inside))
            compound.append((start, end, HANDLE, people))
            kept = [h for h in kept if h not in inside]
        return kept, compound

    def _hides(self, hit: NameHit) -> bool:
        return hit.word_or_name or len(hit.people) > 1 or any(p in self.labels for p in hit.people)

    def _compound(
        self, text: str, start: int, end: int, reason: str, people: frozenset[int], where: str
    ) -> _Span:
        typed = text[start:end]
        decision = self.decisions.get(decision_key(typed))
        if decision is not None:
            return self._decided(start, end, typed, decision, possessive=False)
        flag = Flag(
            decision_key(typed), reason, tuple(sorted(people)), _context(text, start, end), where
        )
        return _Span(start, end, None, flag)

    def _registered(self, text: str, hit: NameHit, where: str, typed: bool) -> _Span:
        decision = self.decisions.get(decision_key(hit.text))
        if decision is not None:
            return self._decided(hit.start, hit.end, hit.text, decision, hit.possessive)
        hidden = [pid for pid in sorted(hit.people) if pid in self.labels]
        if not hidden or ((hit.word_or_name or hit.variant) and not typed):
            # Nobody hidden; or a common word ("ben") in text the app or protocol wrote.
            return _Span(hit.start, hit.end, None)
        if len(hit.people) > 1 or hit.word_or_name or hit.variant:
            reason = AMBIGUOUS if len(hit.people) > 1 else WORD_OR_NAME
            if hit.variant:  # "Mohamed": perhaps Mohammed, perhaps someone else
                reason = UNREGISTERED
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
            return self._decided(start, end, typed, decision, possessive=False)
        reason = HANDLE if "@" in typed else UNREGISTERED
        flag = Flag(decision_key(typed), reason, (), _context(text, start, end), where)
        return _Span(start, end, None, flag)

    def _decided(
        self, start: int, end: int, typed: str, decision: Decision, possessive: bool
    ) -> _Span:
        if decision.action == KEEP:
            return _Span(start, end, None)
        if decision.action == PARTY and decision.party_id in self.people:
            label = self.labels.get(decision.party_id)
            return _Span(start, end, None if label is None else _possessive(label, possessive))
        return _Span(start, end, None, numbered=(fold_name(typed), possessive))


def _possessive(label: str, possessive: bool) -> str:
    return f"{label}'s" if possessive else label


def _next_to(text: str, end: int, start: int) -> bool:
    """Only spaces or invisible characters between text[:end] and text[start:]."""
    return end < start and _BETWEEN.fullmatch(text, end, start) is not None


def _handle_parts(text: str, match: re.Match[str]) -> tuple[int, int, int, int]:
    """Start and end of a handle as a reviewer sees it, and of its name part: an
    address's local part, a handle without its @ or #, a profile link's path (the
    link's site is no one's name)."""
    start, end = match.span()
    if match.lastgroup == "email":
        return start, end, start, text.index("@", start)
    if match.lastgroup == "link":
        start = text.index("/", start) + 1
        body = start
        while body < end and text[body] == "@":
            body += 1
        return start, end, body, end
    return start, end, start + 1, end


def _foreign(ch: str) -> bool:
    return ch.isalpha() and ord(ch) > 0x24F and not unicodedata.name(ch, "").startswith("LATIN")


def _foreign_runs(text: str) -> list[tuple[int, int]]:
    """Words in a script the finder cannot read ("محمد العلي", "Дарья"): each run of
    them is a flag, since a name in it would otherwise be printed unseen."""
    runs: list[tuple[int, int]] = []
    start = last = -1
    letters = 0
    for index, ch in enumerate([*text, "\n"]):
        if _foreign(ch):
            start, letters = (index if start < 0 else start), letters + 1
            last = index + 1
        elif start >= 0 and (unicodedata.category(ch) in ("Mn", "Mc", "Cf") or ch == "\u0640"):
            last = index + 1  # vowel marks, joiners and the tatweel belong to the word
        elif start >= 0 and ch in " \u00a0" and _foreign(text[index + 1 : index + 2] or "a"):
            continue  # the next word is in the same script
        elif start >= 0:
            if letters > 1:
                runs.append((start, last))
            start, letters = -1, 0
    return runs


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
