"""Inzage: everything the register holds about one named person, as JSON and text.

Matches parties by name (case- and accent-insensitive, whole name or part), and
exports for each case they are part of: the case, their party records, every
entry and the list of attachments. The export itself is logged (without content).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlmodel import col, select

from klasse_desktop.cases import audit
from klasse_desktop.cases.errors import NotFoundError
from klasse_desktop.cases.models import (
    ENTRY_KIND_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    Attachment,
    Case,
    Entry,
    Party,
    label_of,
    without_file_data,
)
from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.i18n import _, current_language
from klasse_desktop.i18n_dates import format_date
from klasse_desktop.protocol.labels import file_type_label
from klasse_desktop.protocol.models import FileType
from klasse_desktop.protocol.search import fold


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def export_person(register: CaseRegister, name: str) -> dict[str, Any]:
    wanted = fold(" ".join(name.split()))
    if not wanted:
        raise NotFoundError(_("Give the name of the person."))
    with register.session() as session:
        parties = [p for p in session.exec(select(Party)) if wanted in fold(p.name)]
        if not parties:
            raise NotFoundError(_("Nobody named {name!r} is in the register.").format(name=name))
        cases = []
        skip = {"id", "case_id"}
        for case_id in sorted({p.case_id for p in parties}):
            case = session.get(Case, case_id)
            assert case is not None
            entries = session.exec(
                select(Entry)
                .where(Entry.case_id == case_id)
                .order_by(col(Entry.event_date), col(Entry.id))
            )
            attachments = session.exec(
                select(Attachment).where(Attachment.case_id == case_id).options(without_file_data())
            )  # the list only: the files themselves are not part of the export
            cases.append(
                {
                    "case": {k: _plain(v) for k, v in case.model_dump().items() if k != "id"},
                    "as_party": [
                        {"party_id": p.id,
                         **{k: _plain(v) for k, v in p.model_dump().items() if k not in skip}}
                        for p in parties if p.case_id == case_id
                    ],
                    "entries": [
                        {k: _plain(v) for k, v in e.model_dump().items() if k not in {"case_id"}}
                        for e in entries
                    ],
                    "attachments": [
                        {"filename": a.filename, "media_type": a.media_type, "size": a.size,
                         "sha256": a.sha256, "added_at": _plain(a.added_at)}
                        for a in attachments
                    ],
                }
            )  # fmt: skip
            audit.record(session, register.actor, "export", "person", "-", case.number)
    return {
        "person": name,
        "exported_at": datetime.now().isoformat(timespec="seconds"),
        "exported_by": register.actor,
        "cases": cases,
    }


def to_json(export: dict[str, Any]) -> str:
    return json.dumps(export, ensure_ascii=False, indent=2)


def to_text(export: dict[str, Any]) -> str:
    """A readable version of the same export, for handing to the person: values as
    words and dates as the reader says them ("3 maart 2026", "Gesprek"), in the current
    language. The JSON keeps the stored values."""
    language = current_language()

    def day(value: str) -> str:
        return format_date(date.fromisoformat(value[:10]), language)

    exported = datetime.fromisoformat(export["exported_at"])
    lines = [
        _("Everything the case register holds about: {name}").format(name=export["person"]),
        _("Exported on {at} by {by}.").format(
            at=f"{format_date(exported.date(), language)}, {exported:%H:%M}",
            by=export["exported_by"],
        ),
        "",
    ]
    for item in export["cases"]:
        case = item["case"]
        lines.append(f"{case['number']} — {case['title']}")
        status = label_of(STATUS_LABELS, case["status"]).lower()
        lines.append(
            _("Opened {opened}; status {status}; file {file}.").format(
                opened=day(case["opened_on"]), status=status, file=_file_label(case["file_type"])
            )
        )
        for party in item["as_party"]:
            line = _("  As {role}: {name} {extra}").format(
                role=label_of(ROLE_LABELS, party["role"]).lower(), name=party["name"],
                extra=party["class_or_function"],
            )  # fmt: skip
            lines.append(line.rstrip())
        for entry in item["entries"]:
            kind = label_of(ENTRY_KIND_LABELS, entry["kind"])
            lines.append(f"  [{day(entry['event_date'])}] ({kind}, {entry['author']})")
            lines.extend(f"    {line}" for line in entry["text"].splitlines())
        for attachment in item["attachments"]:
            lines.append(_("  Attachment: {name} ({size} bytes)").format(
                name=attachment["filename"], size=attachment["size"]))  # fmt: skip
        lines.append("")
    return "\n".join(lines)


def _file_label(value: str) -> str:
    try:
        return file_type_label(FileType(value))
    except ValueError:
        return value
