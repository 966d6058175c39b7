"""What the window and the report show, topic by topic: a chart and its numbers.

Built once from tables of `Bounds` (exact for the director's own register, ranges
for merged exports), so the window and the PDF show the same charts with the same
numbers; `charts` draws them, the window as SVG and the report as vector graphics.
Quarters are added up from months here; nothing is published per quarter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from klasse_desktop.evaluation.bounds import ZERO, Bounds
from klasse_desktop.evaluation.periods import Month, quarter_label
from klasse_desktop.evaluation.topics import cell_label, population, table_title, wizard_title
from klasse_desktop.i18n import _, current_language

if TYPE_CHECKING:
    from klasse_desktop.protocol.models import RuleSet

Tables = Mapping[str, Mapping[str, Bounds]]


@dataclass(frozen=True)
class Series:
    name: str
    values: list[Bounds]


@dataclass(frozen=True)
class Chart:
    kind: Literal["bars", "lines"]
    categories: list[str]
    series: list[Series]


@dataclass(frozen=True)
class Section:
    key: str  # stable, for tests and the window
    title: str
    chart: Chart | None
    headers: list[str]  # the numbers' columns: the first is the row's label
    rows: list[tuple[str, list[Bounds]]]
    notes: list[str] = field(default_factory=list)


def _bars(
    key: str, title: str, cells: Mapping[str, Bounds], label: Callable[[str], str]
) -> Section:
    names = [label(k) for k in cells]
    values = list(cells.values())
    chart = Chart("bars", names, [Series(_("Count"), values)])
    return Section(
        key, title, chart, ["", _("Count")], [(n, [v]) for n, v in zip(names, values, strict=True)]
    )


def _sum(values: list[Bounds]) -> Bounds:
    total = ZERO
    for value in values:
        total = total + value
    return total


def _time_sections(tables: Tables) -> list[Section]:
    opened, closed = tables.get("cases_opened_by_month"), tables.get("cases_closed_by_month")
    if opened is None and closed is None:
        return []
    months = list(dict.fromkeys([*(opened or {}), *(closed or {})]))
    unknown = Bounds(0, None)
    series = [
        Series(_("Opened"), [(opened or {}).get(m, unknown) for m in months]),
        Series(_("Closed"), [(closed or {}).get(m, unknown) for m in months]),
    ]
    headers = ["", _("Opened"), _("Closed")]
    labels = [cell_label("cases_opened_by_month", m) for m in months]
    monthly = Section(
        "cases_by_month", _("Cases opened and closed, per month"), Chart("lines", labels, series),
        headers, [(labels[i], [s.values[i] for s in series]) for i in range(len(months))],
    )  # fmt: skip
    quarters = list(dict.fromkeys(Month.parse(m).quarter for m in months))
    q_series = [
        Series(s.name, [_sum([v for m, v in zip(months, s.values, strict=True)
                              if Month.parse(m).quarter == q]) for q in quarters])
        for s in series
    ]  # fmt: skip
    q_labels = [quarter_label(q) for q in quarters]
    quarterly = Section(
        "cases_by_quarter", _("Cases opened and closed, per quarter"),
        Chart("lines", q_labels, q_series), headers,
        [(q_labels[i], [s.values[i] for s in q_series]) for i in range(len(quarters))],
    )  # fmt: skip
    return [monthly, quarterly]


def case_sections(tables: Tables, median_days: float | None = None) -> list[Section]:
    """The register's topics, in the order of the issue: what happened, what was done."""
    sections: list[Section] = []

    def bars(table_id: str) -> None:
        if table_id in tables:
            title = table_title(table_id)
            sections.append(
                _bars(table_id, title, tables[table_id], lambda k: cell_label(table_id, k))
            )

    bars("cases_by_category")
    bars("cases_by_file_type")
    sections += _time_sections(tables)
    bars("cases_closed_after")
    if median_days is not None and sections and sections[-1].key == "cases_closed_after":
        from babel.numbers import format_decimal

        from klasse_desktop.i18n_dates import BABEL_LOCALES

        language = current_language()
        days = format_decimal(round(median_days, 1), locale=BABEL_LOCALES.get(language, language))
        sections[-1].notes.append(
            _("Median time from opening to closing: {days} days.").format(days=days)
        )
    bars("measures_by_kind")
    bars("reports_by_recipient")
    if "cases_on_legal_hold" in tables:
        cells = tables["cases_on_legal_hold"]
        rows = [(cell_label("cases_on_legal_hold", k), [v]) for k, v in cells.items()]
        title = table_title("cases_on_legal_hold")
        sections.append(Section("cases_on_legal_hold", title, None, ["", _("Count")], rows))
    return sections


def wizard_sections(
    tables: Tables, rules: RuleSet | None, outcome_kinds: Mapping[str, Mapping[str, str]]
) -> list[Section]:
    """Wizard use: starts per wizard, outcome kinds reached, and each wizard's outcomes."""
    from klasse_desktop.protocol.labels import kind_label
    from klasse_desktop.protocol.models import OutcomeKind

    started = {
        t.partition(":")[2]: cells for t, cells in tables.items() if t.startswith("wizard_started:")
    }
    if not started:
        return []
    from klasse_desktop.evaluation.merge import population_total

    # Each wizard's starts as narrow as its two tables allow (by month, by outcome).
    per_wizard = {w: population_total(tables, f"wizard:{w}") or ZERO for w in started}
    sections = [
        _bars("wizard_started", _("Wizards started"), per_wizard, lambda w: wizard_title(w, rules))
    ]
    kinds: dict[str, Bounds] = {k.value: ZERO for k in OutcomeKind}
    for table_id, cells in tables.items():
        if table_id.startswith("wizard_outcomes:"):
            wizard = table_id.partition(":")[2]
            for outcome, value in cells.items():
                kind = outcome_kinds.get(wizard, {}).get(outcome)
                if kind in kinds:
                    kinds[kind] = kinds[kind] + value

    def kind_name(kind: str) -> str:
        return kind_label(OutcomeKind(kind))

    sections.append(_bars("wizard_outcome_kinds", _("Outcomes reached, by kind"), kinds, kind_name))
    for table_id, cells in tables.items():
        if table_id.startswith("wizard_outcomes:"):
            rows = [(cell_label(table_id, k, rules), [v]) for k, v in cells.items()]
            sections.append(
                Section(table_id, table_title(table_id, rules), None, ["", _("Count")], rows)
            )
    return sections


def total_rows(tables: Tables) -> list[tuple[str, Bounds]]:
    """The headline numbers, each as narrow as the tables together allow."""
    from klasse_desktop.evaluation.merge import population_total

    rows = []
    for name, label in (
        ("opened", _("Cases opened")),
        ("closed", _("Cases closed")),
        ("measures", _("Measures taken")),
        ("reports", _("Reports made (per recipient)")),
        ("legal_hold", _("Cases on legal hold now")),
    ):
        value = population_total(tables, name)
        if value is not None:
            rows.append((label, value))
    wizard_populations = sorted({population(t) for t in tables if t.startswith("wizard_")})
    if wizard_populations:
        found = [population_total(tables, p) for p in wizard_populations]
        rows.append((_("Wizards started"), _sum([v for v in found if v is not None])))
    return rows
