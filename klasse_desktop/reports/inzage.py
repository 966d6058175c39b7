"""Inzage (AVG art. 15) with the same rules as the reports.

A parent who asks what the register holds about their child gets everything about
that child, and nothing that names another pupil or another pupil's parent: the
export is redacted per case like a *leerlingendossier* about that child. A staff
member's export names no pupil, like a *personeelsdossier*. Names the redactor is
not sure of stop the export until the director has decided on them (the same
decisions as for the reports, kept with the case).
"""

from __future__ import annotations

from typing import Any

from klasse_desktop.cases.person_export import export_person
from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.i18n import _
from klasse_desktop.protocol.models import FileType
from klasse_desktop.reports.redaction.policy import PARENT, PUPIL
from klasse_desktop.reports.redaction.redactor import (
    Decision,
    Flag,
    Redactor,
    ReviewNeeded,
)
from klasse_desktop.reports.redaction.unregistered import NameFinder
from klasse_desktop.reports.report_model import decisions_from, people_of

_TEXT_FIELDS = ("text", "reported_to")


def _redactor_for(
    register: CaseRegister, number: str, party_id: int, decisions: dict[str, Decision],
    finder: NameFinder | None,
) -> Redactor:  # fmt: skip
    detail = register.get_case(number)
    people = people_of(detail)
    person = next(p for p in people if p.id == party_id)
    if person.role == PUPIL:
        subject, file_type = person.id, FileType.LEERLINGENDOSSIER
    elif person.role == PARENT and person.related_to is not None:
        subject, file_type = person.related_to, FileType.LEERLINGENDOSSIER
    else:  # staff, externals, a parent whose child is not recorded: no pupil named
        subject, file_type = person.id, FileType.PERSONEELSDOSSIER
    stored = decisions_from(register.name_decisions(number))
    redactor = Redactor(people, subject, file_type, {**stored, **decisions}, finder)
    redactor.labels.pop(person.id, None)  # the person who asks is named in their own export
    return redactor


def redacted_export(
    register: CaseRegister, name: str, decisions: dict[str, Decision] | None = None,
    finder: NameFinder | None = None,
) -> dict[str, Any]:  # fmt: skip
    """`export_person`, with every other pupil and their relatives hidden; ReviewNeeded
    (flags marked with their case number) while names are undecided."""
    export = export_person(register, name)
    flags: list[Flag] = []
    for item in export["cases"]:
        case = item["case"]
        number = case["number"]
        redactor = _redactor_for(
            register, number, item["as_party"][0]["party_id"], decisions or {}, finder
        )
        redactor.collect = True

        def clean(
            text: str, where: str, redactor: Redactor = redactor, number: str = number
        ) -> str:
            return str(redactor.apply(text, f"{number} · {where}")) if text else text

        case["title"] = clean(case["title"], _("Title"))
        case["summary"] = clean(case["summary"], _("Summary"))
        for party in item["as_party"]:
            party["class_or_function"] = clean(party["class_or_function"], _("Parties"))
        for index, entry in enumerate(item["entries"], 1):
            for field in _TEXT_FIELDS:
                entry[field] = clean(entry.get(field) or "", _("Entry {number}").format(
                    number=index))  # fmt: skip
            entry.pop("wizard_record", None)  # the protocol's texts; the entry's text says it
        for attachment in item["attachments"]:
            attachment["filename"] = clean(attachment["filename"], _("Attachments"))
        flags += redactor.collected
    if flags:
        unique: dict[str, Flag] = {}
        for flag in flags:
            unique.setdefault(flag.text, flag)
        raise ReviewNeeded(list(unique.values()))
    return export
