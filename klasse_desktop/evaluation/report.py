"""The foundation's report: "Evaluatie protocol sociale media", PDF/A-2b.

Merged exports only (`merge`): counts without names, ranges where a school
published "<5" or "≥5". The same page frame, fonts and archival step as the
dossier reports (`reports/document.py`); the charts are the window's
(`charts`), drawn as vector graphics. Totals first, then a chart and its numbers
per topic, then a table per school under the name the school chose.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from klasse_desktop.evaluation.charts import drawing
from klasse_desktop.evaluation.export import CASES, WIZARD_USE
from klasse_desktop.evaluation.merge import Merged, School
from klasse_desktop.evaluation.sections import Section, case_sections, total_rows, wizard_sections
from klasse_desktop.i18n import _, ngettext
from klasse_desktop.i18n_dates import format_date
from klasse_desktop.reports.bidi_paragraph import text_paragraph
from klasse_desktop.reports.document import Frame, render
from klasse_desktop.reports.fonts import FAMILY
from klasse_desktop.reports.styles import RULE, SHADE, Styles, styles

if TYPE_CHECKING:
    from klasse_desktop.protocol.models import RuleSet

WIDTH = 170 * mm  # A4 less the margins
CHART_WIDTH = 100 * mm
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def report_title() -> str:
    return _("Evaluation of the social media protocol")


def _p(text: str, style: Any) -> Flowable:
    return text_paragraph(text, style)[0]


def _grid(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FAMILY),  # tables default to unembedded Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    table.setStyle(TableStyle(commands))
    return table


def _month_name(value: date, language: str) -> str:
    return format_date(value, language, "MMMM y")


def _version(text: str, language: str) -> str:
    """ "2026-02-23" → "23 februari 2026" (the protocol's version is its adoption date)."""
    if _ISO_DATE.fullmatch(text):
        return format_date(date.fromisoformat(text), language)
    return text


class _Builder:
    def __init__(
        self, merged: Merged, rules: RuleSet | None, language: str, issued_on: date
    ) -> None:
        self.merged, self.rules, self.language = merged, rules, language
        self.issued_on = issued_on
        self.s: Styles = styles()

    def numbers(self, section: Section, width: float) -> Table:
        s = self.s
        columns = len(section.headers)
        value_width = 19 * mm
        widths = [width - value_width * (columns - 1)] + [value_width] * (columns - 1)
        rows = [[_p(h, s.cell_bold) for h in section.headers]]
        rows += [[_p(label, s.cell)] + [_p(v.text(), s.cell) for v in values]
                 for label, values in section.rows]  # fmt: skip
        return _grid(rows, widths)

    def section(self, section: Section) -> list[Flowable]:
        s = self.s
        head = [_p(section.title, s.heading)]
        if section.chart is None:
            body: list[Flowable] = [self.numbers(section, WIDTH * 0.7)]
        else:
            chart = drawing(section.chart, CHART_WIDTH)
            side = Table(
                [[chart, self.numbers(section, WIDTH - CHART_WIDTH - 4 * mm)]],
                colWidths=[CHART_WIDTH + 4 * mm, WIDTH - CHART_WIDTH - 4 * mm],
                hAlign="LEFT",
            )
            side.setStyle(
                TableStyle([("FONT", (0, 0), (-1, -1), FAMILY),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
            )  # fmt: skip
            body = [side]
        body += [_p(note, s.small) for note in section.notes]
        if len(section.rows) > 12:  # a long list may break over pages (the heading keeps
            return [*head, *body]  # with its start: keepWithNext)
        return [KeepTogether([*head, *body])]

    def facts(self) -> list[Flowable]:
        merged, s, lang = self.merged, self.s, self.language
        period = _("{start} to {end}").format(
            start=_month_name(merged.period.first_day, lang),
            end=_month_name(merged.period.last_day, lang),
        )
        versions = ", ".join(_version(v, lang) for v in merged.protocol_versions)
        rows = [
            [_("Period"), period],
            [_("Protocol version"), versions],
            [_("Schools"), ", ".join(school.name for school in merged.schools)],
            [_("Made on"), format_date(self.issued_on, lang)],
        ]
        facts = [[_p(a, s.cell_bold), _p(b, s.cell)] for a, b in rows]
        return [
            _grid(facts, [40 * mm, WIDTH - 40 * mm], header=False),
            Spacer(1, 3 * mm),
            _p(_("How to read the numbers: a count below 5 is shown as “<5” (0 to 4), so that "
                 "a single incident at a small school cannot be recognised. “≥5” is a count of 5 "
                 "or more that a school did not show, because it would give a “<5” away. Added "
                 "up, such counts become a range (“0–8”, “≥12”): the light part of a bar and the "
                 "dashed line show how far the range reaches."), s.small),
        ]  # fmt: skip

    def totals(self) -> list[Flowable]:
        s = self.s
        rows = [[_p(label, s.cell), _p(value.text(), s.cell)]
                for label, value in total_rows(self.merged.totals)]  # fmt: skip
        header = [_p("", s.cell_bold), _p(_("Foundation"), s.cell_bold)]
        return [
            KeepTogether([_p(_("Totals"), s.heading), _grid([header, *rows], [70 * mm, 30 * mm])])
        ]

    def topics(self) -> list[Flowable]:
        totals = self.merged.totals
        found = case_sections(totals) + wizard_sections(
            totals, self.rules, self.merged.outcome_kinds
        )
        story: list[Flowable] = []
        for section in found:
            story += self.section(section)
        return story

    def school(self, school: School, before: list[Flowable]) -> list[Flowable]:
        s = self.s
        parts = []
        if CASES in school.includes:
            parts.append(_("case figures"))
        if WIZARD_USE in school.includes:
            parts.append(_("wizard use"))
        files = ngettext("{n} export", "{n} exports", school.files).format(n=school.files)
        about = f"{files}: {', '.join(parts)}"
        rows: list[list[Any]] = [
            [_p("", s.cell_bold), _p("", s.cell_bold), _p(_("Count"), s.cell_bold)]
        ]
        rows += [[_p(label, s.cell_bold), _p("", s.cell), _p(v.text(), s.cell)]
                 for label, v in total_rows(school.tables)]  # fmt: skip
        chosen = [x for x in case_sections(school.tables) if x.key != "cases_by_month"]
        chosen += [x for x in wizard_sections(school.tables, self.rules, self.merged.outcome_kinds)
                   if not x.key.startswith("wizard_outcomes:")]  # fmt: skip
        for section in chosen:
            for index, (label, values) in enumerate(section.rows):
                topic = section.title if index == 0 else ""
                text = " / ".join(v.text() for v in values)
                rows.append([_p(topic, s.cell), _p(label, s.cell), _p(text, s.cell)])
        table = _grid(rows, [62 * mm, 78 * mm, 30 * mm])
        # A school's name never ends a page: it starts one if its table does not fit.
        return [KeepTogether([*before, _p(school.name, s.heading), _p(about, s.small), table])]


def build_report(
    merged: Merged, *, foundation: str, language: str, rules: RuleSet | None = None,
    issued_on: date | None = None,
) -> bytes:  # fmt: skip
    """The finished PDF/A-2b (reports.pdfa.PdfaError if a character has no glyph, or,
    with the whole validator switched on, if the file does not validate)."""
    builder = _Builder(merged, rules, language, issued_on or date.today())
    s = builder.s
    title = report_title()
    story: list[Flowable] = [_p(title, s.title), Spacer(1, 2 * mm), *builder.facts()]
    story += builder.totals()
    story += builder.topics()
    for index, school in enumerate(merged.schools):
        heading = [_p(_("Per school"), s.heading)] if index == 0 else []
        story += builder.school(school, heading)
    frame = Frame(
        letterhead=foundation, marking=_("Evaluation — figures without names"),
        reference=str(merged.period), title=title, subject=title, author=foundation,
        language=language,
    )  # fmt: skip
    return render(story, frame)
