"""Finding registered people in free text.

One regular expression over the skeleton of a text holds every form of every
registered name, longest first, so "Ingrid de Vries" is found as Ingrid before
"de Vries" could be taken for her son. A form shared by several people (two
pupils called Noor; a mother and son who share a surname) is reported with all of
them: the redactor never picks one itself. A capitalised word that sounds like a
registered name part but is spelled otherwise ("Mohamed", "Janssen") is reported as
a variant, which the redactor only ever flags; so is a capitalised word that is the
start of a registered first name, or that start made small ("Liek" and "Liekje" for
Lieke, "Sammie" for Samira): a nickname, perhaps; and so is one typing slip away from
a registered name part ("Leike" for Lieke, "Yusif" for Yusuf).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from klasse_desktop.reports.redaction.folding import Skeleton, fold_name, skeleton
from klasse_desktop.reports.redaction.name_forms import (
    NameForm,
    common_words,
    name_forms,
    sound_key,
    split_name,
    suffix_pattern,
    variant_keys,
)
from klasse_desktop.reports.redaction.slips import near_keys, one_slip

_WORD = re.compile(r"(?<![a-z0-9])[a-z]{5,}(?![a-z0-9])")
_SHORT_WORD = re.compile(r"(?<![a-z0-9])[a-z]{3,}(?![a-z0-9])")
# What Dutch puts after a name (or its start) to make it small or fond, then a
# possessive s: Liekje, Sammie, Semmetje, Lieks.
_SMALL = re.compile(r"(?:etje|tje|pje|kje|je|ie|y|ke)?s?$")
_SPACED = re.compile(r"(?<![a-z0-9])[a-z](?:[ .][a-z]){2,}(?![a-z0-9])")  # l i e k e
_SHORT_MIN = 3  # letters of a start that counts: "Sam", "Liek"; not "Mo"
_GIVEN_MIN = 4  # letters of a first name whose start is looked for
_OPENERS = "\"'“”‘’„«»‹›([{-–—*•>"  # may stand between a sentence end and its first word
_SENTENCE_ENDS = ".!?:;\n"


@dataclass(frozen=True, slots=True)
class NameHit:
    start: int  # in the original text
    end: int
    text: str  # what was typed, suffix included
    people: frozenset[int]
    form: NameForm
    possessive: bool  # "Daans", "Jo's": the label keeps the 's
    word_or_name: bool  # "ben", "Roos is…": may be a word; the director decides
    variant: bool = False  # "Mohamed" for "Mohammed": maybe them, maybe not; a flag


def _anyone(groups: Iterable[frozenset[int]]) -> frozenset[int]:
    """Everyone in any of `groups`."""
    return frozenset().union(*groups)


def _merged(hits: list[NameHit], found: list[NameHit]) -> list[NameHit]:
    return sorted(hits + found, key=lambda h: h.start) if found else hits


def _taken(hits: list[NameHit], start: int, end: int) -> bool:
    """Whether a name already found covers any of text[start:end]."""
    return any(h.start < end and start < h.end for h in hits)


def at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\u00a0" + _OPENERS)
    return not before or before[-1] in _SENTENCE_ENDS or text[:start].endswith("\n")


class NameMatcher:
    def __init__(self, people: Iterable[tuple[int, str]]) -> None:
        owners: dict[str, set[int]] = {}
        forms: dict[str, NameForm] = {}
        people_list = list(people)
        for person_id, name in people_list:
            for form in name_forms(name):
                owners.setdefault(form.pattern, set()).add(person_id)
                forms.setdefault(form.pattern, form)
        ordered = sorted(forms.values(), key=lambda f: (-f.tokens, -len(f.pattern)))
        self._forms = ordered
        self._owners = {pattern: frozenset(ids) for pattern, ids in owners.items()}
        alternatives = [
            f"(?P<f{i}>{form.pattern}){suffix_pattern(form)}" for i, form in enumerate(ordered)
        ]
        self._regex = (
            re.compile(rf"(?<![a-z0-9])(?:{'|'.join(alternatives)})(?![a-z])")
            if alternatives
            else None
        )
        # Spelling variants, sound key -> [(name part, kind, people)]; and name parts of
        # three letters or more, for names glued into hashtags.
        variants: dict[tuple[str, str, str], set[int]] = {}
        glued: dict[str, set[int]] = {}
        for person_id, name in people_list:
            for variant in variant_keys(name):
                variants.setdefault(variant, set()).add(person_id)
            given, _between, core = split_name(name)
            for token in [*given, *core, *(p for t in given for p in t.split("-"))]:
                letters = "".join(ch for ch in token if ch.isalpha())
                if len(letters) >= 3:
                    glued.setdefault(letters, set()).add(person_id)
        self._variants: dict[str, list[tuple[str, str, frozenset[int]]]] = {}
        for (key, token, kind), ids in variants.items():
            self._variants.setdefault(key, []).append((token, kind, frozenset(ids)))
        self._glued = {part: frozenset(ids) for part, ids in glued.items()}
        given_parts: dict[str, set[int]] = {}
        for person_id, name in people_list:
            given, _between, _core = split_name(name)
            for token in [*given, *(p for t in given if "-" in t for p in t.split("-"))]:
                letters = "".join(ch for ch in token if ch.isalpha())
                if len(letters) >= _GIVEN_MIN:
                    given_parts.setdefault(letters, set()).add(person_id)
        self._given = {part: frozenset(ids) for part, ids in given_parts.items()}
        self._parts = {part: ids for part, ids in self._glued.items() if len(part) >= _GIVEN_MIN}
        # Initials of whole names ("LvdB" for Lieke van den Berg): three letters or more.
        initials: dict[str, set[int]] = {}
        for person_id, name in people_list:
            given, between, core = split_name(name)
            letters = "".join(t[0] for t in [*given[:1], *between, *core] if t[:1].isalpha())
            if len(letters) >= 3 and core:
                initials.setdefault(letters, set()).add(person_id)
        self._initials = {key: frozenset(ids) for key, ids in initials.items()}
        self._initials_regex = (
            re.compile(
                "(?<![a-z0-9])(?:"
                + "|".join(r"\.?".join(key) + r"\.?" for key in sorted(initials, key=len)[::-1])
                + ")(?![a-z0-9])"
            )
            if initials
            else None
        )

    def find(self, text: str) -> list[NameHit]:
        """Every registered name in `text` (already NFC), left to right, not overlapping."""
        if self._regex is None or not text:
            return []
        skel = skeleton(text)
        hits = []
        for match in self._regex.finditer(skel.text):
            group = match.lastgroup
            assert group is not None
            form = self._forms[int(group[1:])]
            start, end = skel.span(match.start(), match.end())
            typed = text[start:end]
            suffix = skel.text[match.end(group) : match.end()]
            hits.append(
                NameHit(
                    start, end, typed, self._owners[form.pattern], form,
                    possessive=suffix.lstrip("'’") == "s" or suffix in ("'", "’"),
                    word_or_name=self._maybe_a_word(text, start, typed, form, suffix),
                )
            )  # fmt: skip
        if self._variants:
            hits = self._spelling_variants(text, skel, hits)
        if self._parts:
            hits = self._near_forms(text, skel, hits)
            hits = self._spaced_out(text, skel, hits)
        if self._initials_regex is not None:
            hits = self._initials_of(text, skel, hits)
        return hits

    def _initials_of(self, text: str, skel: Skeleton, hits: list[NameHit]) -> list[NameHit]:
        """A registered name written as its initials ("LvdB", "L.v.d.B.", "YEA"):
        flagged with the people it may be. Three letters need two capitals ("vdb" or
        "yea" in lower case are as often something else)."""
        assert self._initials_regex is not None
        found = []
        for match in self._initials_regex.finditer(skel.text):
            start, end = skel.span(match.start(), match.end())
            typed = text[start:end]
            key = "".join(ch for ch in match.group() if ch.isalpha())
            if _taken(hits, start, end) or key not in self._initials:
                continue
            if len(key) == 3 and sum(ch.isupper() for ch in typed) < 2:
                continue
            form = NameForm(re.escape(match.group()), 1, "initials")
            people = self._initials[key]
            found.append(NameHit(start, end, typed, people, form, False, False, True))
        return _merged(hits, found)

    def glued_in(self, text: str) -> frozenset[int]:
        """People with a name part anywhere in `text`, also glued to other words
        ("#JusticeForDaan"): for hashtags, where a name has no word boundary."""
        letters = "".join(ch for ch in fold_name(text) if ch.isalpha())
        found = [ids for part, ids in self._glued.items() if part in letters]
        return frozenset().union(*found) if found else frozenset()

    def _spelling_variants(self, text: str, skel: Skeleton, hits: list[NameHit]) -> list[NameHit]:
        """Capitalised words that sound like a registered name part but are spelled
        otherwise ("Mohamed", "Janssen", "Fatima"): flagged, never replaced. A
        possessive that is also such a word ("Peters": Peter's, or Jo Peeters?) is
        flagged with both."""
        by_start = {h.start: h for h in hits}
        for match in _WORD.finditer(skel.text):
            word = match.group()
            candidates = self._variants.get(sound_key(word))
            if not candidates:
                continue
            start, end = skel.span(match.start(), match.end())
            hit = by_start.get(start)
            overlaps = [h for h in hits if h.start < end and start < h.end]
            possessive = hit is not None and hit.end == end and hit.possessive and word[-1] == "s"
            if (overlaps and not possessive) or not text[start].isupper():
                continue
            if word in common_words() and at_sentence_start(text, start):
                continue
            same = [(t, k, ids) for t, k, ids in candidates if t != word and t[0] == word[0]]
            people = frozenset().union(*(ids for _t, _k, ids in same))
            if not same or (hit is not None and people <= hit.people):
                continue
            form = NameForm(re.escape(word), 1, same[0][1])
            if hit is not None:
                people, form = people | hit.people, hit.form
            variant = NameHit(start, end, text[start:end], people, form, False, False, True)
            hits = [h for h in hits if h is not hit]
            hits.append(variant)
        return sorted(hits, key=lambda h: h.start)

    def _near_forms(self, text: str, skel: Skeleton, hits: list[NameHit]) -> list[NameHit]:
        """Capitalised words that are the start of a registered first name, as typed or
        made small ("Liek", "Liekje" for Lieke; "Sam", "Sammie" for Samira), or one
        typing slip away from a registered name part ("Leike", "Yusif"), or that begin
        with a registered first name ("LiekevdB"): perhaps that person, perhaps someone
        else. Flagged with the people they may be, never replaced. A common word at
        the start of a sentence ("Dan" with a Daniel registered) is left alone. In
        lower case, as in a pasted chat ("leike zei het"), only slips of names of five
        letters or more: the starts of names and the slips of short ones are ordinary
        words there."""
        found = []
        common = common_words()
        for match in _SHORT_WORD.finditer(skel.text):
            start, end = skel.span(match.start(), match.end())
            if _taken(hits, start, end):
                continue
            word, capital = match.group(), text[start].isupper()
            if word in common and (at_sentence_start(text, start) or not capital):
                continue
            bare = word[:-1] if len(word) > _GIVEN_MIN and word[-1] == "s" else None
            near = self._near if capital else partial(self._slip_of, short_names=False)
            from_bare = near(bare) if bare else frozenset()
            people = near(word) | from_bare
            if people:
                form = NameForm(re.escape(word), 1, "given")
                possessive = bool(from_bare)
                hit = NameHit(start, end, text[start:end], people, form, possessive, False, True)
                found.append(hit)
        return _merged(hits, found)

    def _spaced_out(self, text: str, skel: Skeleton, hits: list[NameHit]) -> list[NameHit]:
        """A name typed one letter at a time ("L I E K E stinkt", "l.i.e.k.e"): the
        letters together are a registered name part or near one; flagged."""
        found = []
        for match in _SPACED.finditer(skel.text):
            start, end = skel.span(match.start(), match.end())
            if _taken(hits, start, end):
                continue
            word = "".join(ch for ch in match.group() if ch.isalpha())
            people = self._glued.get(word, frozenset()) | self._near(word)
            if people:
                form = NameForm(re.escape(match.group()), 1, "given")
                found.append(NameHit(start, end, text[start:end], people, form, False, False, True))
        return _merged(hits, found)

    def _near(self, word: str) -> frozenset[int]:
        return self._short_of(word) | self._slip_of(word) | self._glued_after(word)

    def _glued_after(self, word: str) -> frozenset[int]:
        """People whose first name starts a longer word: a handle typed without its @
        ("LiekevdB", "YusufEA"), a name drawn out ("Liekeee"). Not a common word
        ("Markt" with a Mark registered)."""
        if word in common_words():
            return frozenset()
        people = [ids for part, ids in self._given.items()
                  if len(word) > len(part) and word.startswith(part)]  # fmt: skip
        return _anyone(people)

    def _short_of(self, word: str) -> frozenset[int]:
        small = _SMALL.search(word)  # always matches (all of it is optional)
        stems = {word, word[: small.start()] if small else word}
        stems |= {s[:-1] for s in stems if len(s) > _SHORT_MIN and s[-1] == s[-2]}  # Samm-ie
        people = [
            ids for part, ids in self._given.items()
            for stem in stems
            if len(stem) >= _SHORT_MIN and part != stem and part.startswith(stem)
        ]  # fmt: skip
        return _anyone(people)

    def _slip_of(self, word: str, *, short_names: bool = True) -> frozenset[int]:
        """People with a name part one slip away from `word`: a letter added, left out,
        changed or swapped with the next. The first letter must be the same. A name of
        four letters has too many Dutch words one letter away ("Maak" from Maas, "Past"
        from Post), so there only two letters swapped or a key's neighbour count
        ("Roso" for Roos, "Daab" for Daan), never a common word; and without
        `short_names` (a word in lower case) no word or name of four letters at all."""
        if len(word) < (_GIVEN_MIN if short_names else _GIVEN_MIN + 1):
            return frozenset()
        common = word in common_words()
        people = [
            ids for part, ids in self._parts.items()
            if word[0] == part[0] and one_slip(word, part)
            and (len(part) > _GIVEN_MIN
                 or (short_names and not common and near_keys(word, part)))
        ]  # fmt: skip
        return _anyone(people)

    @staticmethod
    def _maybe_a_word(text: str, start: int, typed: str, form: NameForm, suffix: str) -> bool:
        if form.tokens > 1:
            return False
        typed_letters = sum(ch.isalpha() for ch in typed)
        letters = typed_letters - sum(ch.isalpha() for ch in suffix)  # of the name itself
        shouted = typed_letters > 1 and typed.isupper()
        if typed[:1].islower() and (letters <= 2 or (suffix and letters <= 3)):
            return True  # "bo", "bootje", "jos": a short name in lower case is often a word
        if shouted and letters <= 3:
            return True  # "BO", "JO": as often an abbreviation as a name
        if fold_name(typed) not in common_words():
            return False
        # Capitals say nothing in "IK BEN BOOS", nor at the start of a sentence.
        return typed[:1].islower() or shouted or at_sentence_start(text, start)
