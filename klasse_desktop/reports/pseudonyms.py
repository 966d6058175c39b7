"""Who is named in a dossier report, and what everyone else is called instead.

A pupil's report names that pupil and no other pupil: the others become
"Leerling B", "Leerling C", … consistently, also inside the text of entries. A
staff file names the staff member; other staff become "Medewerker B", …, and
pupils are never named in it. Plain Python, so it is tested without a PDF.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

from klasse_desktop.i18n import _
from klasse_desktop.protocol.models import FileType
from klasse_desktop.protocol.search import fold

PUPIL_ROLES = {"leerling"}
STAFF_ROLES = {"medewerker", "stagiair"}


@dataclass(frozen=True)
class Person:
    id: int
    role: str
    name: str


def _label(kind: str, index: int) -> str:
    letter = string.ascii_uppercase[index % 26] + ("" if index < 26 else str(index // 26))
    if kind == "pupil":
        return _("Pupil {letter}").format(letter=letter)
    return _("Staff member {letter}").format(letter=letter)


def aliases(people: Iterable[Person], subject_id: int, file_type: str) -> dict[int, str]:
    """Party id -> the name to print. Parties not in the result keep their own name."""
    people = list(people)
    subject = next(p for p in people if p.id == subject_id)
    hidden: dict[str, list[Person]] = {"pupil": [], "staff": []}
    for person in people:
        if person.id == subject_id:
            continue
        if person.role in PUPIL_ROLES:
            hidden["pupil"].append(person)
        elif file_type == FileType.PERSONEELSDOSSIER and person.role in STAFF_ROLES:
            hidden["staff"].append(person)
    result: dict[int, str] = {}
    for kind, group in hidden.items():
        # The subject is "A" of its own kind; the others follow in the order they were added.
        start = 1 if (kind == "pupil") == (subject.role in PUPIL_ROLES) else 0
        if kind == "staff" and subject.role not in STAFF_ROLES:
            start = 0
        seen: dict[str, str] = {}
        for person in group:
            key = fold(person.name)
            if key not in seen:
                seen[key] = _label(kind, start + len(seen))
            result[person.id] = seen[key]
    return result


def _variants(name: str) -> list[str]:
    """The full name, then first and last name alone (longest first)."""
    parts = name.split()
    found = [name]
    if len(parts) > 1:
        found += [parts[0], parts[-1]]
    return [v for v in found if len(v) >= 3]


class Redactor:
    """Replaces hidden people's names in free text, accent- and case-insensitively."""

    def __init__(self, people: Iterable[Person], names: dict[int, str]) -> None:
        people = list(people)
        kept = {fold(p.name) for p in people if p.id not in names}
        pairs: list[tuple[str, str]] = []
        for person in people:
            if person.id not in names:
                continue
            for variant in _variants(person.name):
                # Never rewrite the full name of someone who is named in the report.
                if fold(variant) in kept:
                    continue
                pairs.append((variant, names[person.id]))
        pairs.sort(key=lambda pair: -len(pair[0]))
        self._pairs = pairs
        self._pattern = (
            re.compile(
                "|".join(rf"(?<!\w){_loose(variant)}(?!\w)" for variant, _alias in pairs),
                re.IGNORECASE,
            )
            if pairs
            else None
        )

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        lookup = {fold(variant): alias for variant, alias in self._pairs}
        return self._pattern.sub(lambda m: lookup.get(fold(m.group(0)), m.group(0)), text)


def _loose(name: str) -> str:
    """A regex for `name` that also matches it without accents and with any spacing."""
    out = []
    for ch in name:
        if ch.isspace():
            out.append(r"\s+")
            continue
        base = fold(ch)
        options = {re.escape(ch), re.escape(base)} if base else {re.escape(ch)}
        out.append(
            "(?:" + "|".join(sorted(options)) + ")" if len(options) > 1 else next(iter(options))
        )
    return "".join(out)
