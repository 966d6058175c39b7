"""Finding registered people in free text.

One regular expression over the skeleton of a text holds every form of every
registered name, longest first, so "Ingrid de Vries" is found as Ingrid before
"de Vries" could be taken for her son. A form shared by several people (two
pupils called Noor; a mother and son who share a surname) is reported with all of
them: the redactor never picks one itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from klasse_desktop.reports.redaction.folding import fold_name, skeleton
from klasse_desktop.reports.redaction.name_forms import (
    NameForm,
    common_words,
    name_forms,
    suffix_pattern,
)

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


def at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\u00a0" + _OPENERS)
    return not before or before[-1] in _SENTENCE_ENDS or text[:start].endswith("\n")


class NameMatcher:
    def __init__(self, people: Iterable[tuple[int, str]]) -> None:
        owners: dict[str, set[int]] = {}
        forms: dict[str, NameForm] = {}
        for person_id, name in people:
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
        return hits

    @staticmethod
    def _maybe_a_word(text: str, start: int, typed: str, form: NameForm, suffix: str) -> bool:
        if form.tokens > 1:
            return False
        if typed[:1].islower() and suffix and len(typed) - len(suffix) <= 3:
            return True  # "bootje", "jos": a short name with a suffix is often a word
        if fold_name(typed) not in common_words():
            return False
        return typed[:1].islower() or at_sentence_start(text, start)
