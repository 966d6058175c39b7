"""The dossier report of one case, for one named subject: "Verslag voor het
personeelsdossier / leerlingendossier", ready to be signed and filed.

Everything printed goes through the subject's `Redactor` first, so no other
pupil's name reaches the PDF, not even inside the text of an entry.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from klasse_desktop.cases.models import (
    CATEGORY_LABELS,
    ENTRY_KIND_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    Entry,
    EntryKind,
    label_of,
)
from klasse_desktop.cases.repository import CaseDetail
from klasse_desktop.i18n import _, ngettext
from klasse_desktop.i18n_dates import format_date
from klasse_desktop.protocol.labels import file_type_label
from klasse_desktop.protocol.models import FileType, RuleSet
from klasse_desktop.reports.document import Frame, render
from klasse_desktop.reports.fonts import FAMILY, REPLACEMENT, printable
from klasse_desktop.reports.pseudonyms import Person, Redactor, aliases
from klasse_desktop.reports.styles import RULE, SHADE, Styles, for_text, styles, visual_order


@dataclass(frozen=True)
class ReportContext:
    foundation: str
    school: str
    author: str
    language: str
    issued_on: date


def report_title(file_type: str) -> str:
    if file_type == FileType.PERSONEELSDOSSIER:
        return _("Report for the staff file (personeelsdossier)")
    return _("Report for the pupil file (leerlingendossier)")


# Characters replaced by □ in the report being built (a context variable, so reports
# built at the same time in different threads count separately).
_REPLACED: ContextVar[list[int]] = ContextVar("replaced")


def _p(text: str, style: Any) -> Paragraph:
    shown, replaced = printable(text)
    counter = _REPLACED.get(None)
    if counter is not None:
        counter[0] += replaced
    return Paragraph(_markup(visual_order(shown)), for_text(style, shown))


CHUNK = 1500  # characters per Paragraph
GIST = 110  # characters (about one line) of an entry in the measures and reports overviews


def _gist(text: str) -> str:
    """The start of an entry for an overview table; the full text is in the timeline."""
    first = " ".join(text.split())
    return first if len(first) <= GIST else first[: first.rfind(" ", 0, GIST)] + " …"


def _chunks(block: str) -> list[str]:
    """Cut a long block at spaces into pieces of about CHUNK characters.

    ReportLab re-flows the rest of a Paragraph every time it splits it over a
    page, so one 1 MB paragraph takes minutes; many small ones take seconds.
    """
    pieces, start = [], 0
    while len(block) - start > CHUNK:
        cut = block.rfind(" ", start + CHUNK // 2, start + CHUNK)
        cut = cut if cut > start else start + CHUNK
        pieces.append(block[start:cut])
        start = cut + (1 if block[cut : cut + 1] == " " else 0)
    pieces.append(block[start:])
    return pieces


def _pieces(text: str) -> list[str]:
    """Line blocks, and long blocks cut in pieces, so entries flow over pages."""
    blocks = [b for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()] or [""]
    return [piece for block in blocks for piece in _chunks(block)]


def _paragraphs(text: str, style: Any) -> list[Flowable]:
    return [_p(piece, style) for piece in _pieces(text)]


def _markup(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _grid(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands = [
        ("FONT", (0, 0), (-1, -1), FAMILY),  # tables default to unembedded Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    table.setStyle(TableStyle(commands))
    return table


class CaseReport:
    def __init__(
        self,
        detail: CaseDetail,
        subject_id: int,
        file_type: str,
        context: ReportContext,
        rules: RuleSet,
    ) -> None:
        self.detail, self.file_type, self.context, self.rules = detail, file_type, context, rules
        people = [Person(p.id or 0, p.role, p.name) for p in detail.parties]
        if subject_id not in {p.id for p in people}:
            raise ValueError(subject_id)
        self.subject = next(p for p in detail.parties if p.id == subject_id)
        self.names = aliases(people, subject_id, file_type)
        self.redact: Callable[[str], str] = Redactor(people, self.names)
        self.s: Styles = styles()

    def _date(self, value: date | None) -> str:
        return _day(value, self.context.language) if value else "—"

    def build(self) -> bytes:
        case, context = self.detail.case, self.context
        file_label = file_type_label(FileType(self.file_type))
        marking = _("CONFIDENTIAL — {file}").format(file=file_label[:1].upper() + file_label[1:])
        letterhead = " — ".join(
            part for part in (context.foundation, context.school or case.school) if part
        )
        frame = Frame(
            letterhead=letterhead, marking=marking, reference=case.number,
            title=f"{report_title(self.file_type)} — {case.number}",
            subject=_("Case {number}: {title}").format(
                number=case.number, title=self.redact(case.title)),
            author=context.author, issued_on=context.issued_on,
        )  # fmt: skip
        counter = [0]
        _REPLACED.set(counter)
        story: list[Flowable] = [
            *self._heading(),
            *self._parties(),
            *self._summary(),
            *self._timeline(),
            *self._measures(),
            *self._reports(),
            *self._outcomes(),
            *self._clauses(),
            *self._signatures(),
        ]
        if counter[0]:
            note = ngettext(
                "{n} character that the font cannot show (such as an emoji) is printed as {mark}.",
                "{n} characters that the font cannot show (such as emoji) are printed as {mark}.",
                counter[0],
            ).format(n=counter[0], mark=REPLACEMENT)
            story.append(_p(note, self.s.small))
        return render(story, frame)

    # -- sections -------------------------------------------------------------------

    def _heading(self) -> list[Flowable]:
        case, s, context = self.detail.case, self.s, self.context
        rows = [
            (_("Case number"), case.number),
            (_("Subject"), f"{self.subject.name} ({label_of(ROLE_LABELS, self.subject.role)})"),
            (_("Title"), self.redact(case.title)),
            (_("Category"), label_of(CATEGORY_LABELS, case.category)),
            (_("Status"), label_of(STATUS_LABELS, case.status)),
            (_("Opened"), self._date(case.opened_on)),
            (_("Closed"), self._date(case.closed_on)),
            (_("Date of issue"), self._date(context.issued_on)),
            (_("Drawn up by"), context.author),
        ]  # fmt: skip
        table = _grid(
            [[_p(k, s.cell_bold), _p(v, s.cell)] for k, v in rows],
            [40 * mm, 130 * mm],
            header=False,
        )
        return [_p(report_title(self.file_type), s.title), Spacer(1, 2 * mm), table]

    def _parties(self) -> list[Flowable]:
        s = self.s
        rows = [
            [
                _p(_("Role"), s.cell_bold),
                _p(_("Name"), s.cell_bold),
                _p(_("Class or function"), s.cell_bold),
            ]
        ]
        for party in self.detail.parties:
            alias = self.names.get(party.id or 0)
            rows.append([
                _p(label_of(ROLE_LABELS, party.role), s.cell),
                _p(alias or party.name, s.cell),
                _p("—" if alias else party.class_or_function or "—", s.cell),
            ])  # fmt: skip
        return [_p(_("Parties"), s.heading), _grid(rows, [35 * mm, 75 * mm, 60 * mm])]

    def _summary(self) -> list[Flowable]:
        text = self.detail.case.summary.strip() or _("No summary was recorded.")
        return [_p(_("Summary"), self.s.heading), *_paragraphs(self.redact(text), self.s.body)]

    def _entry_block(self, entry: Entry, addendum: bool = False) -> list[Flowable]:
        s = self.s
        kind = label_of(ENTRY_KIND_LABELS, entry.kind)
        head = _("{event} · recorded {recorded} · {kind} · {author}").format(
            event=self._date(entry.event_date), recorded=self._date(entry.recorded_at.date()),
            kind=kind, author=entry.author,
        )  # fmt: skip
        if addendum:
            original = next((e for e in self.detail.entries if e.id == entry.corrects_id), None)
            head = _("Addendum to the entry of {date}: {head}").format(
                date=self._date(original.event_date if original else None), head=head
            )
        if entry.reported_to:
            head += " · " + _("reported to {whom}").format(whom=self.redact(entry.reported_to))
        style = s.quote if addendum else s.body
        # CondPageBreak keeps the grey heading line with the start of the text; a
        # KeepTogether per entry costs 30 % more time for the same effect.
        return [
            CondPageBreak(12 * mm),
            _p(head, s.entry_head),
            *_paragraphs(self.redact(entry.text), style),
        ]

    def _timeline(self) -> list[Flowable]:
        story: list[Flowable] = [_p(_("Timeline"), self.s.heading)]
        for entry in self.detail.entries:
            if entry.corrects_id is not None:
                continue  # printed right after the entry it corrects
            story += self._entry_block(entry)
            for addendum in self.detail.addenda.get(entry.id or 0, []):
                story += self._entry_block(addendum, addendum=True)
        if len(story) == 1:
            story.append(_p(_("No entries were recorded."), self.s.body))
        return story

    def _list_of(self, kind: str, heading: str, empty: str) -> list[Flowable]:
        s = self.s
        chosen = [e for e in self.detail.entries if e.kind == kind]
        story: list[Flowable] = [_p(heading, s.heading)]
        if not chosen:
            return [*story, _p(empty, s.body)]
        for entry in chosen:
            text = self.redact(entry.text)
            if entry.reported_to:
                text = _("To {whom}: {text}").format(whom=self.redact(entry.reported_to), text=text)
            # One plain run per line: mixed bold/plain text takes ReportLab's slow path.
            story.append(_p(f"{self._date(entry.event_date)} — {_gist(text)}", s.cell))
        return story

    def _measures(self) -> list[Flowable]:
        return self._list_of(
            EntryKind.MEASURE, _("Measures taken"), _("No measures were recorded.")
        )

    def _reports(self) -> list[Flowable]:
        return self._list_of(EntryKind.REPORT, _("Reports made"), _("No reports were recorded."))

    def _records(self) -> list[dict[str, Any]]:
        found = []
        for entry in self.detail.entries:
            if entry.kind == EntryKind.WIZARD_OUTCOME and entry.wizard_record:
                found.append(json.loads(entry.wizard_record))
        return found

    def _outcomes(self) -> list[Flowable]:
        s, records = self.s, self._records()
        story: list[Flowable] = [_p(_("Outcomes of the protocol questions"), s.heading)]
        if not records:
            return [*story, _p(_("No wizard outcomes were saved in this case."), s.body)]
        for record in records:
            story.append(
                _p(f"{record['title']}: {record['kind_label']} — {record['verdict']}", s.cell_bold)
            )
            for answer in record["answers_text"]:
                story.append(_p(f"• {answer['question']} → {answer['answer']}", s.cell))
            story.append(Spacer(1, 2 * mm))
        return story

    def _clauses(self) -> list[Flowable]:
        s, protocol = self.s, self.rules.protocol
        cited: dict[str, tuple[str, str]] = {}
        for record in self._records():
            for clause_id, text in record.get("clause_texts", {}).items():
                cited.setdefault(
                    clause_id, (text, record.get("protocol_version", protocol.version))
                )
        story: list[Flowable] = [_p(_("Protocol clauses cited"), s.heading)]
        if not cited:
            return [*story, _p(_("No protocol clauses were cited in this case."), s.body)]
        versions = sorted({version for _t, version in cited.values()})
        adopted = self._date(protocol.dates.adopted) if versions == [protocol.version] else "—"
        story.append(
            _p(
                _("{title}, {organisation}; version {version}, adopted {adopted}.").format(
                    title=protocol.title.get(self.context.language),
                    organisation=protocol.organisation,
                    version=", ".join(versions),
                    adopted=adopted,
                ),
                s.small,
            )
        )
        for clause_id in sorted(cited, key=_clause_order):
            story.append(
                KeepTogether([_p(clause_id, s.cell_bold), _p(f"“{cited[clause_id][0]}”", s.quote)])
            )
        return story

    def _signatures(self) -> list[Flowable]:
        s = self.s
        if self.file_type == FileType.LEERLINGENDOSSIER:
            concerned = _("Parent or carer of {name}, for acknowledgement").format(
                name=self.subject.name
            )
        else:
            concerned = _("{name}, for acknowledgement").format(name=self.subject.name)
        block = [
            [_p(_("Director"), s.cell_bold), _p(concerned, s.cell_bold)],
            [
                _p(_("Name: {name}").format(name=self.context.author), s.cell),
                _p(_("Name:"), s.cell),
            ],
            [_p(_("Date:"), s.cell), _p(_("Date:"), s.cell)],
            [_p(_("Signature:"), s.cell), _p(_("Signature:"), s.cell)],
        ]
        table = Table(
            block, colWidths=[85 * mm, 85 * mm], rowHeights=[None, 9 * mm, 9 * mm, 22 * mm]
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FAMILY),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 3), (-1, 3), 0.5, RULE),
                ]
            )
        )
        return [KeepTogether([_p(_("Signatures"), s.heading), table])]


@lru_cache(maxsize=4096)
def _day(value: date, language: str) -> str:
    return format_date(value, language)


def _clause_order(clause_id: str) -> tuple[int, int]:
    return ("URABCS".find(clause_id[0]), int(clause_id[1:]) if clause_id[1:].isdigit() else 0)


def build_case_report(
    detail: CaseDetail, subject_id: int, file_type: str, context: ReportContext, rules: RuleSet
) -> bytes:
    return CaseReport(detail, subject_id, file_type, context, rules).build()
