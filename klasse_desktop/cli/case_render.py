"""Case register output for the CLI: plain dicts for `--format json`, lines for a terminal.

JSON keys are stable and values plain (ISO dates, stored vocabulary values);
text output is in the user's language with Babel dates. Imported only by the
`cases` handlers, because it pulls in the register's models (SQLModel).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from klasse_desktop.cases.listing import CaseRow
from klasse_desktop.cases.models import (
    CATEGORY_LABELS,
    ENTRY_KIND_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    Attachment,
    Case,
    DeletionReceipt,
    Entry,
    Party,
)
from klasse_desktop.cases.repository import CaseDetail
from klasse_desktop.cases.search import SearchHit
from klasse_desktop.i18n import _, current_language, ngettext
from klasse_desktop.i18n_dates import format_date
from klasse_desktop.protocol.labels import file_type_label
from klasse_desktop.protocol.models import FileType

WIDTH = 88
NONE = "—"


# -- values ---------------------------------------------------------------------------


def _utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; the register writes them in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return _utc(value).isoformat(timespec="seconds")
    return value.isoformat()


def day(value: date | None, fmt: str = "long") -> str:
    return format_date(value, current_language(), fmt) if value else NONE


def moment(value: datetime) -> str:
    """A recorded time in the user's own time zone: "25 November 2026, 14:03"."""
    local = _utc(value).astimezone()
    return f"{format_date(local.date(), current_language())}, {local:%H:%M}"


def label(labels: Mapping[Any, str], value: str) -> str:
    return _(labels[value]) if value in labels else value


def file_label(value: str) -> str:
    try:
        return file_type_label(FileType(value))
    except ValueError:
        return value


def indented(text: str, indent: str) -> list[str]:
    """The user's own line breaks kept; long lines wrapped."""
    lines = []
    for line in text.splitlines() or [""]:
        if not line.strip():
            lines.append("")
            continue
        lines.append(textwrap.fill(line, WIDTH, initial_indent=indent, subsequent_indent=indent))
    return lines


# -- dicts ------------------------------------------------------------------------------


def case_dict(case: Case | CaseRow, retention_end: date | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": case.number,
        "title": case.title,
        "school": case.school,
        "category": case.category,
        "status": case.status,
        "file_type": case.file_type,
        "opened_on": iso(case.opened_on),
        "closed_on": iso(case.closed_on),
        "legal_hold": bool(case.legal_hold),
    }
    if isinstance(case, Case):
        data |= {
            "retention_end": iso(retention_end),
            "summary": case.summary,
            "protocol_version": case.protocol_version,
        }
    return data


def party_dict(party: Party) -> dict[str, Any]:
    return {
        "id": party.id,
        "role": party.role,
        "name": party.name,
        "class_or_function": party.class_or_function,
        "parent_of": party.related_to_id,
    }


def entry_dict(entry: Entry, addenda: list[Entry] | None = None) -> dict[str, Any]:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "event_date": iso(entry.event_date),
        "recorded_at": iso(entry.recorded_at),
        "author": entry.author,
        "text": entry.text,
        "reported_to": entry.reported_to,
        "corrects": entry.corrects_id,
        "addenda": [a.id for a in addenda or []],
        "wizard_record": json.loads(entry.wizard_record) if entry.wizard_record else None,
    }


def attachment_dict(attachment: Attachment) -> dict[str, Any]:
    return {
        "id": attachment.id,
        "entry": attachment.entry_id,
        "filename": attachment.filename,
        "media_type": attachment.media_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "added_at": iso(attachment.added_at),
    }


def detail_dict(detail: CaseDetail) -> dict[str, Any]:
    return {
        "case": case_dict(detail.case, detail.retention_end),
        "parties": [party_dict(p) for p in detail.parties],
        "entries": [entry_dict(e, detail.addenda.get(e.id or -1)) for e in detail.entries],
        "attachments": [attachment_dict(a) for a in detail.attachments],
    }


def hit_dict(hit: SearchHit) -> dict[str, Any]:
    return {
        "case": hit.case_number,
        "title": hit.case_title,
        "source": hit.source,
        "source_id": hit.source_id,
        "snippet": hit.snippet,
    }


def expired_dict(case: Case, end: date) -> dict[str, Any]:
    return case_dict(case, end)


def receipt_dict(receipt: DeletionReceipt) -> dict[str, Any]:
    return {
        "case": receipt.case_number,
        "file_type": receipt.file_type,
        "opened_on": iso(receipt.opened_on),
        "closed_on": iso(receipt.closed_on),
        "retention_end": iso(receipt.retention_end),
        "deleted_at": iso(receipt.deleted_at),
        "parties": receipt.parties,
        "entries": receipt.entries,
        "attachments": receipt.attachments,
    }


# -- text -------------------------------------------------------------------------------


def case_line(case: Case | CaseRow) -> str:
    status = label(STATUS_LABELS, case.status)
    category = label(CATEGORY_LABELS, case.category)
    return f"{case.number}  {day(case.opened_on, 'medium')}  {status} · {category}  {case.title}"


def _fields(rows: list[tuple[str, str]]) -> list[str]:
    width = max(len(name) for name, _value in rows)
    return [f"  {name:<{width}}  {value}" for name, value in rows]


def detail_text(detail: CaseDetail) -> str:
    case = detail.case
    if detail.retention_end is not None:
        kept = day(detail.retention_end)
    else:
        kept = _("while the case is open")
    lines = [f"{case.number} — {case.title}"]
    lines += _fields(
        [
            (_("Category:"), label(CATEGORY_LABELS, case.category)),
            (_("Status:"), label(STATUS_LABELS, case.status)),
            (_("File:"), file_label(case.file_type)),
            (_("School:"), case.school or NONE),
            (_("Opened:"), day(case.opened_on)),
            (_("Closed:"), day(case.closed_on)),
            (_("Kept until:"), kept),
            (_("Legal hold:"), _("yes") if case.legal_hold else _("no")),
            (_("Protocol version:"), case.protocol_version),
        ]
    )
    if case.summary:
        lines += ["", _("Summary:"), *indented(case.summary, "  ")]
    lines += ["", _("Parties ({n}):").format(n=len(detail.parties))]
    names = {p.id: p.name for p in detail.parties}
    for party in detail.parties:
        extra = f" ({party.class_or_function})" if party.class_or_function else ""
        if party.related_to_id in names:
            extra += " — " + _("parent or carer of {name} ({id})").format(
                name=names[party.related_to_id], id=party.related_to_id
            )
        lines.append(f"  {party.id}. {label(ROLE_LABELS, party.role)}: {party.name}{extra}")
    if not detail.parties:
        lines.append(f"  {NONE}")
    lines += ["", _("Timeline ({n}):").format(n=len(detail.entries))]
    for entry in detail.entries:
        if entry.corrects_id is None:
            lines += _entry_lines(entry, detail, "  ")
    if not detail.entries:
        lines.append(f"  {NONE}")
    lines += ["", _("Attachments ({n}):").format(n=len(detail.attachments))]
    for attachment in detail.attachments:
        lines.append(f"  {attachment_text(attachment)}")
    if not detail.attachments:
        lines.append(f"  {NONE}")
    return "\n".join(lines)


def _entry_lines(entry: Entry, detail: CaseDetail, indent: str, depth: int = 0) -> list[str]:
    kind = label(ENTRY_KIND_LABELS, entry.kind)
    if entry.corrects_id is None:
        head = f"[{entry.id}] {day(entry.event_date)} · {kind} · {entry.author}"
    else:
        addendum = _("Addendum on entry {id}").format(id=entry.corrects_id)
        head = f"↳ [{entry.id}] {addendum} · {day(entry.event_date)} · {kind} · {entry.author}"
    body = indent + "    "
    lines = [indent + head, body + _("recorded {when}").format(when=moment(entry.recorded_at))]
    if entry.reported_to:
        lines.append(body + _("Reported to: {whom}").format(whom=entry.reported_to))
    lines += indented(entry.text, body)
    if depth < 20:  # an addendum on an addendum is shown under it, and so on
        for addendum_entry in detail.addenda.get(entry.id or -1, []):
            lines += _entry_lines(addendum_entry, detail, body, depth + 1)
    return lines


def attachment_text(attachment: Attachment) -> str:
    size = ngettext("{n} byte", "{n} bytes", attachment.size).format(n=attachment.size)
    parts = [attachment.media_type, size]
    if attachment.entry_id is not None:
        parts.append(_("with entry {id}").format(id=attachment.entry_id))
    parts.append(_("added {when}").format(when=moment(attachment.added_at)))
    return f"[{attachment.id}] {attachment.filename} ({', '.join(parts)})"


def hit_text(hit: SearchHit) -> str:
    if hit.source == "entry":
        where = _("entry {id}").format(id=hit.source_id)
    elif hit.source == "party":
        where = _("party")
    else:
        where = _("title or summary")
    return f"{hit.case_number} — {hit.case_title}\n  {where}: {hit.snippet}"


def expired_text(case: Case, end: date) -> str:
    return _("{number} — {title} (closed {closed}; kept until {end})").format(
        number=case.number, title=case.title, closed=day(case.closed_on), end=day(end)
    )


def receipt_text(receipt: DeletionReceipt) -> str:
    return _(
        "Deleted {number} ({file}, closed {closed}, kept until {end}): "
        "parties {parties}, entries {entries}, attachments {attachments}."
    ).format(
        number=receipt.case_number,
        file=receipt.file_type,
        closed=day(receipt.closed_on),
        end=day(receipt.retention_end),
        parties=receipt.parties,
        entries=receipt.entries,
        attachments=receipt.attachments,
    )
