"""Who may be named in which file, and what everyone else is called instead.

A copy of a *leerlingendossier* can be asked for by the pupil's parents (inzage)
and travels further than the register, so it names the pupil it is about and no
other pupil, nor any relative of another pupil: they become "Leerling B" and
"Ouder van Leerling B". A *personeelsdossier* names no pupil and no pupil's
relative at all. Staff and external people stay named in both. A parent whose
child was not recorded could be anybody's parent, so they are hidden too.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass

from klasse_desktop.cases.errors import InvalidInputError
from klasse_desktop.i18n import _
from klasse_desktop.protocol.models import FileType

PUPIL = "leerling"
PARENT = "ouder"
STAFF_ROLES = frozenset({"medewerker", "stagiair", "vrijwilliger"})


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    role: str
    name: str
    class_or_function: str = ""
    related_to: int | None = None  # for a parent or carer: the pupil's party id


def check_subject(subject: Person, file_type: str) -> None:
    """A report belongs in the file of its subject: refuse a mismatch clearly."""
    if file_type == FileType.LEERLINGENDOSSIER and subject.role != PUPIL:
        raise InvalidInputError(
            _(
                "A report for the pupil file must be about a pupil; {name} is not a pupil. "
                "Choose the pupil the report is about, or the staff file."
            ).format(name=subject.name)
        )
    if file_type == FileType.PERSONEELSDOSSIER and subject.role not in STAFF_ROLES:
        raise InvalidInputError(
            _(
                "A report for the staff file must be about a staff member, intern or "
                "volunteer; {name} is not. Choose that person, or the pupil file."
            ).format(name=subject.name)
        )


def fits_file(person: Person, file_type: str) -> bool:
    if file_type == FileType.LEERLINGENDOSSIER:
        return person.role == PUPIL
    return person.role in STAFF_ROLES


def _letter(index: int) -> str:
    return string.ascii_uppercase[index % 26] + ("" if index < 26 else str(index // 26))


def hidden_labels(people: Iterable[Person], subject_id: int, file_type: str) -> dict[int, str]:
    """Party id -> the label printed instead of the name; everyone else is named."""
    people = list(people)
    pupils = [p for p in people if p.role == PUPIL]
    labels: dict[int, str] = {}
    # In a pupil's file that pupil is "A" (and named); the others follow in the order
    # they were added. In a staff file the pupils start at "A".
    first = 1 if file_type == FileType.LEERLINGENDOSSIER else 0
    index = first
    for pupil in pupils:
        if file_type == FileType.LEERLINGENDOSSIER and pupil.id == subject_id:
            continue
        labels[pupil.id] = _("Pupil {letter}").format(letter=_letter(index))
        index += 1
    per_pupil: dict[int, int] = {}
    unknown = 0
    for person in people:
        if person.role != PARENT:
            continue
        if person.related_to == subject_id and file_type == FileType.LEERLINGENDOSSIER:
            continue  # the subject's own parents are named in the subject's file
        pupil_label = labels.get(person.related_to) if person.related_to is not None else None
        if pupil_label is not None:
            assert person.related_to is not None
            count = per_pupil[person.related_to] = per_pupil.get(person.related_to, 0) + 1
            label = _("Parent of {pupil}").format(pupil=pupil_label)
            labels[person.id] = label if count == 1 else f"{label} ({count})"
        else:
            unknown += 1
            labels[person.id] = _("Parent or carer {number}").format(number=unknown)
    return labels
