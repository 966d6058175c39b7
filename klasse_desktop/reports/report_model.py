"""Everything a dossier report prints, already redacted for one subject and file.

`build_report_model` is the only place that reads a case for a report: every piece
of text goes through the subject's `Redactor` once, here, and comes out as
`SafeText`. The renderer (`case_report.py`) draws nothing but this model and
refuses any string that is not `SafeText`, so a section added later cannot print
a name that was not redacted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from functools import lru_cache
from typing import Any

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
from klasse_desktop.i18n import _
from klasse_desktop.i18n_dates import format_date, version_label
from klasse_desktop.protocol.labels import file_type_label
from klasse_desktop.protocol.models import FileType, RuleSet
from klasse_desktop.reports.redaction.policy import Person, check_subject
from klasse_desktop.reports.redaction.redactor import (
    Decision,
    Flag,
    Redactor,
    ReviewNeeded,
    SafeText,
)
from klasse_desktop.reports.redaction.unregistered import NameFinder

GIST = 110  # characters (about one line) of an entry in the measures and reports overviews


@dataclass(frozen=True)
class ReportContext:
    foundation: str
    school: str
    author: str
    language: str
    issued_on: date


# -- the model ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    text: SafeText
    style: str  # a name in `styles.Styles`: "body", "quote", "small", "cell", …


@dataclass(frozen=True)
class Grid:
    rows: tuple[tuple[SafeText, ...], ...]
    widths_mm: tuple[float, ...]
    header: bool = True


@dataclass(frozen=True)
class EntryBlock:
    number: SafeText  # "3", or "3a" for the first addendum to entry 3
    heading: SafeText
    paragraphs: tuple[SafeText, ...]
    addendum: bool


@dataclass(frozen=True)
class Overview:
    """A one-line excerpt of a measure or report made, with a hanging indent."""

    lead: SafeText  # "4 maart 2026 — notitie 3"
    text: SafeText


@dataclass(frozen=True)
class ClauseQuote:
    clause_id: SafeText
    text: SafeText


@dataclass(frozen=True)
class Signatures:
    heading: SafeText
    left: tuple[SafeText, ...]  # title, name line, date, signature
    right: tuple[SafeText, ...]


Block = Para | Grid | EntryBlock | Overview | ClauseQuote


@dataclass(frozen=True)
class Section:
    heading: SafeText
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class FrameText:
    letterhead: SafeText
    marking: SafeText
    reference: SafeText
    title: SafeText
    subject: SafeText
    author: SafeText


@dataclass(frozen=True)
class ReportModel:
    language: str
    frame: FrameText
    title: SafeText
    facts: Grid
    sections: tuple[Section, ...]
    signatures: Signatures


def texts(node: Any) -> Iterator[Any]:
    """Every string-valued leaf of the model (used by the renderer's guard and tests)."""
    if isinstance(node, str):
        yield node
    elif is_dataclass(node):
        for field in fields(node):
            if field.name not in ("language", "widths_mm", "style", "header", "addendum"):
                yield from texts(getattr(node, field.name))
    elif isinstance(node, tuple | list):
        for item in node:
            yield from texts(item)


# -- building it -------------------------------------------------------------------------


def people_of(detail: CaseDetail) -> list[Person]:
    return [
        Person(p.id or 0, p.role, p.name, p.class_or_function, p.related_to_id)
        for p in detail.parties
    ]


def decisions_from(stored: dict[str, tuple[str, int | None]]) -> dict[str, Decision]:
    return {text: Decision(action, party_id) for text, (action, party_id) in stored.items()}


def report_title(file_type: str) -> str:
    if file_type == FileType.PERSONEELSDOSSIER:
        return _("Report for the staff file (personeelsdossier)")
    return _("Report for the pupil file (leerlingendossier)")


@lru_cache(maxsize=4096)
def _day(value: date, language: str) -> str:
    return format_date(value, language)


def _clause_order(clause_id: str) -> tuple[int, int]:
    return ("URABCS".find(clause_id[0]), int(clause_id[1:]) if clause_id[1:].isdigit() else 0)


def _paragraphs(text: str) -> list[str]:
    """Paragraphs as typed: a blank line separates them; single line breaks stay."""
    blocks = [b.strip("\n") for b in text.replace("\r\n", "\n").split("\n\n")]
    return [b for b in blocks if b.strip()] or [""]


def _gist(text: str) -> str:
    first = " ".join(text.split())
    if len(first) <= GIST:
        return first
    cut = first.rfind(" ", 0, GIST)
    return first[: cut if cut > 0 else GIST] + " …"


def entry_numbers(detail: CaseDetail) -> dict[int, str]:
    """Entry id -> its number in the report: 1, 2, 3…; addenda 2a, 2b."""
    numbers: dict[int, str] = {}
    count = 0
    for entry in detail.entries:
        if entry.corrects_id is not None:
            continue
        count += 1
        numbers[entry.id or 0] = str(count)
        for index, addendum in enumerate(detail.addenda.get(entry.id or 0, [])):
            letters = "abcdefghijklmnopqrstuvwxyz"
            suffix = letters[index % 26] + ("" if index < 26 else str(index // 26))
            numbers[addendum.id or 0] = f"{count}{suffix}"
    return numbers


class _Builder:
    def __init__(
        self, detail: CaseDetail, subject_id: int, file_type: str, context: ReportContext,
        rules: RuleSet, redactor: Redactor,
    ) -> None:  # fmt: skip
        self.detail, self.file_type, self.context, self.rules = detail, file_type, context, rules
        self.redactor = redactor
        self.subject_id = subject_id
        self.numbers = entry_numbers(detail)

    # Free text typed by people: registered names and names nobody registered.
    def typed(self, text: str, where: str) -> SafeText:
        return self.redactor.apply(text, where)

    # Text the app or the protocol wrote (labels, clause quotes): registered names only.
    def fixed(self, text: str) -> SafeText:
        return self.redactor.apply(text, "", unregistered=False)

    # The director's own settings (foundation, school, their name): named in every
    # report by definition. Matching them could only mangle them ("Els Bakker" is
    # not the pupil Noor Bakker's relative just because the surname is the same).
    def trusted(self, text: str) -> SafeText:
        if text.strip():
            self.redactor.trusted.add(text.strip())
        return SafeText(text)

    def date(self, value: date | None) -> str:
        return _day(value, self.context.language) if value else "—"

    def model(self) -> ReportModel:
        case, context = self.detail.case, self.context
        file_label = file_type_label(FileType(self.file_type))
        marking = _("CONFIDENTIAL — {file}").format(file=file_label[:1].upper() + file_label[1:])
        letterhead = " — ".join(
            part for part in (context.foundation, context.school or case.school) if part
        )
        title = self.typed(case.title, _("Title"))
        frame = FrameText(
            letterhead=self.trusted(letterhead), marking=self.fixed(marking),
            reference=self.fixed(case.number),
            title=self.fixed(f"{report_title(self.file_type)} — {case.number}"),
            subject=self.fixed(_("Case {number}: {title}").format(number=case.number, title=title)),
            author=self.trusted(context.author),
        )  # fmt: skip
        sections = (
            self._parties(),
            self._summary(),
            self._timeline(),
            self._overview(EntryKind.MEASURE, _("Measures taken"), _("No measures were recorded.")),
            self._overview(EntryKind.REPORT, _("Reports made"), _("No reports were recorded.")),
            self._attachments(),
            self._outcomes(),
            self._clauses(),
        )
        return ReportModel(
            language=context.language, frame=frame, title=self.fixed(report_title(self.file_type)),
            facts=self._facts(title), sections=sections, signatures=self._signatures(),
        )  # fmt: skip

    def _facts(self, title: SafeText) -> Grid:
        case, context = self.detail.case, self.context
        subject = self.redactor.party_name(self.subject_id)
        role = label_of(ROLE_LABELS, self.redactor.people[self.subject_id].role)
        rows = [
            (_("Case number"), case.number),
            (_("Title"), title),
            (_("Category"), label_of(CATEGORY_LABELS, case.category)),
            (_("Status"), label_of(STATUS_LABELS, case.status)),
            (_("Opened"), self.date(case.opened_on)),
            (_("Closed"), self.date(case.closed_on)),
            (_("Date of issue"), self.date(context.issued_on)),
        ]  # fmt: skip
        grid = [(self.fixed(k), self.fixed(v)) for k, v in rows]
        grid.append((self.fixed(_("Drawn up by")), self.trusted(context.author)))
        # The subject's name or label is already safe: re-reading it could only make
        # a name shared with someone else ("Noor") look open.
        grid.insert(
            1,
            (
                self.fixed(_("Subject")),
                _joined("{subject} ({role})", subject=subject, role=self.fixed(role)),
            ),
        )
        return Grid(tuple(grid), (40, 130), False)

    def _parties(self) -> Section:
        header = (self.fixed(_("Role")), self.fixed(_("Name")), self.fixed(_("Class or function")))
        rows = [header]
        for party in self.detail.parties:
            pid = party.id or 0
            hidden = self.redactor.is_hidden(pid)
            function = party.class_or_function.strip()
            rows.append((
                self.fixed(label_of(ROLE_LABELS, party.role)),
                self.redactor.party_name(pid),
                self.fixed("—") if hidden or not function
                else self.typed(function, _("Parties")),
            ))  # fmt: skip
        return Section(self.fixed(_("Parties")), (Grid(tuple(rows), (35, 75, 60)),))

    def _summary(self) -> Section:
        summary = self.detail.case.summary.strip()
        blocks = (
            [Para(self.typed(p, _("Summary")), "body") for p in _paragraphs(summary)]
            if summary
            else [Para(self.fixed(_("No summary was recorded.")), "body")]
        )
        return Section(self.fixed(_("Summary")), tuple(blocks))

    def _entry(self, entry: Entry) -> EntryBlock:
        number = self.numbers.get(entry.id or 0, "?")
        where = _("Entry {number}").format(number=number)
        kind = label_of(ENTRY_KIND_LABELS, entry.kind)
        heading = _joined(
            _("{event} · recorded {recorded} · {kind} · {author}"),
            event=self.fixed(self.date(entry.event_date)),
            recorded=self.fixed(self.date(entry.recorded_at.date())),
            kind=self.fixed(kind), author=self.trusted(entry.author),  # the register's user
        )  # fmt: skip
        addendum = entry.corrects_id is not None
        if addendum:
            heading = _joined(
                _("Addendum to entry {number}: {head}"),
                number=self.fixed(self.numbers.get(entry.corrects_id or 0, "?")), head=heading,
            )  # fmt: skip
        if entry.reported_to:
            whom = self.typed(entry.reported_to, where)
            heading = _joined(
                "{heading} · {reported}",
                heading=heading,
                reported=_joined(_("reported to {whom}"), whom=whom),
            )
        paragraphs = tuple(self.typed(p, where) for p in _paragraphs(entry.text))
        return EntryBlock(self.fixed(number), heading, paragraphs, addendum)

    def _timeline(self) -> Section:
        blocks: list[Block] = []
        for entry in self.detail.entries:
            if entry.corrects_id is not None:
                continue  # printed right after the entry it corrects
            blocks.append(self._entry(entry))
            blocks += [self._entry(a) for a in self.detail.addenda.get(entry.id or 0, [])]
        if not blocks:
            blocks.append(Para(self.fixed(_("No entries were recorded.")), "body"))
        return Section(self.fixed(_("Timeline")), tuple(blocks))

    def _overview(self, kind: str, heading: str, empty: str) -> Section:
        chosen = [e for e in self.detail.entries if e.kind == kind]
        if not chosen:
            return Section(self.fixed(heading), (Para(self.fixed(empty), "body"),))
        blocks: list[Block] = []
        for entry in chosen:
            number = self.numbers.get(entry.id or 0, "?")
            where = _("Entry {number}").format(number=number)
            lead = _("{date}, entry {number}").format(
                date=self.date(entry.event_date), number=number
            )
            text = self.typed(entry.text, where)
            if entry.reported_to:
                whom = self.typed(entry.reported_to, where)
                text = _joined(_("To {whom}: {text}"), whom=whom, text=text)
            blocks.append(Overview(self.fixed(lead), SafeText(_gist(text))))
        return Section(self.fixed(heading), tuple(blocks))

    def _attachments(self) -> Section:
        heading = self.fixed(_("Attachments"))
        if not self.detail.attachments:
            return Section(heading, (Para(self.fixed(_("No attachments were added.")), "body"),))
        rows = [(self.fixed(_("File")), self.fixed(_("Added on")))]
        for attachment in self.detail.attachments:
            rows.append((
                self.typed(attachment.filename, _("Attachments")),
                self.fixed(self.date(attachment.added_at.date())),
            ))  # fmt: skip
        return Section(heading, (Grid(tuple(rows), (120, 50)),))

    def _records(self) -> list[dict[str, Any]]:
        return [
            json.loads(e.wizard_record)
            for e in self.detail.entries
            if e.kind == EntryKind.WIZARD_OUTCOME and e.wizard_record
        ]

    def _outcomes(self) -> Section:
        heading = self.fixed(_("Outcomes of the protocol questions"))
        records = self._records()
        if not records:
            none = _("No wizard outcomes were saved in this case.")
            return Section(heading, (Para(self.fixed(none), "body"),))
        blocks: list[Block] = []
        for record in records:
            line = f"{record['title']}: {record['kind_label']} — {record['verdict']}"
            blocks.append(Para(self.fixed(line), "cell_bold"))
            for answer in record["answers_text"]:
                blocks.append(
                    Para(self.fixed(f"• {answer['question']} → {answer['answer']}"), "cell")
                )
        return Section(heading, tuple(blocks))

    def _clauses(self) -> Section:
        protocol = self.rules.protocol
        heading = self.fixed(_("Protocol clauses cited"))
        cited: dict[str, tuple[str, str]] = {}
        for record in self._records():
            for clause_id, text in record.get("clause_texts", {}).items():
                cited.setdefault(
                    clause_id, (text, record.get("protocol_version", protocol.version))
                )
        if not cited:
            none = _("No protocol clauses were cited in this case.")
            return Section(heading, (Para(self.fixed(none), "body"),))
        versions = sorted({version for _t, version in cited.values()})
        adopted = self.date(protocol.dates.adopted) if versions == [protocol.version] else "—"
        language = self.context.language
        source = _("{title}, {organisation}; {version}, adopted {adopted}.").format(
            title=protocol.title.get(language), organisation=protocol.organisation,
            version=", ".join(version_label(v, language) for v in versions), adopted=adopted,
        )  # fmt: skip
        blocks: list[Block] = [Para(self.fixed(source), "small")]
        for clause_id in sorted(cited, key=_clause_order):
            blocks.append(ClauseQuote(self.fixed(clause_id), self.fixed(cited[clause_id][0])))
        return Section(heading, tuple(blocks))

    def _signatures(self) -> Signatures:
        name = self.redactor.party_name(self.subject_id)
        if self.file_type == FileType.LEERLINGENDOSSIER:
            concerned = _joined(_("Parent or carer of {name}, for acknowledgement"), name=name)
        else:
            concerned = _joined(_("{name}, for acknowledgement"), name=name)
        return Signatures(
            heading=self.fixed(_("Signatures")),
            left=(self.fixed(_("Director")),
                  _joined(_("Name: {name}"), name=self.trusted(self.context.author)),
                  *(self.fixed(t) for t in (_("Date:"), _("Signature:")))),
            right=(concerned, *(self.fixed(t) for t in (_("Name:"), _("Date:"),
                                                        _("Signature:")))),
        )  # fmt: skip


def _joined(template: str, **values: SafeText) -> SafeText:
    """A translated template (no personal data) filled with text that is already safe."""
    return SafeText(template.format(**values))


def make_redactor(
    detail: CaseDetail, subject_id: int, file_type: str,
    decisions: dict[str, Decision] | None = None, finder: NameFinder | None = None,
) -> Redactor:  # fmt: skip
    """The subject's redactor, after checking that the subject fits the file.

    Without a `finder`, names nobody registered are looked for with `deduce` (the
    safe default); pass `finder=no_names` only where the text is known to be clean.
    """
    if finder is None:
        from klasse_desktop.reports.redaction.unregistered import deduce_finder

        finder = deduce_finder([detail.case.school])
    people = people_of(detail)
    subject = next((p for p in people if p.id == subject_id), None)
    if subject is None:
        raise ValueError(subject_id)
    check_subject(subject, file_type)
    return Redactor(people, subject_id, file_type, decisions, finder)


def build_report_model(
    detail: CaseDetail, subject_id: int, file_type: str, context: ReportContext,
    rules: RuleSet, decisions: dict[str, Decision] | None = None,
    finder: NameFinder | None = None,
) -> tuple[ReportModel, Redactor]:  # fmt: skip
    """The report's model, or ReviewNeeded with every name the director must decide
    on first (each text once, in the order it appears in the report)."""
    redactor = make_redactor(detail, subject_id, file_type, decisions, finder)
    redactor.collect = True
    model = _Builder(detail, subject_id, file_type, context, rules, redactor).model()
    if redactor.collected:
        seen: dict[str, Flag] = {}
        for flag in redactor.collected:
            seen.setdefault(flag.text, flag)
        raise ReviewNeeded(list(seen.values()))
    redactor.collect = False
    return model, redactor
