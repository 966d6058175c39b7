"""The evaluation's exact figures: months and periods, sorting typed measures and
reports into kinds, and the register's counts — computed here independently from
the cases the test made, and compared with what the charts draw."""

from __future__ import annotations

import random
import statistics
from collections import Counter
from datetime import date

import pytest
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart

from klasse_desktop.evaluation import vocabulary
from klasse_desktop.evaluation.charts import drawing, svg
from klasse_desktop.evaluation.errors import EvaluationError
from klasse_desktop.evaluation.merge import exact_bounds
from klasse_desktop.evaluation.periods import Month, Period
from klasse_desktop.evaluation.register_figures import register_figures
from klasse_desktop.evaluation.sections import case_sections
from tests.cases_helpers import PROTOCOL_VERSION, open_register

CATEGORIES = ["pesten", "sexting", "hacken", "bedreigen", "privacy", "anders", "memes"]
MEASURES = [
    ("Telefoon in bewaring genomen tot vrijdag", "in_bewaring"),
    ("Leerling een week geschorst", "schorsing"),
    ("Berichten uit de groepsapp verwijderd", "berichten_verwijderd"),
    ("Schriftelijke waarschuwing gegeven", "waarschuwing"),
    ("Verwijderd van school na overleg met het bestuur", "verwijdering"),
    ("Berisping (rechtspositionele maatregel)", "rechtspositioneel"),
    ("Gesprek met de ouders van Daan", "anders"),
]
REPORTS = [
    ("Schoolleiding", ["schoolleiding"]),
    ("Landelijke Vertrouwensinspecteur", ["lvi"]),
    ("politie (aangifte)", ["politie"]),
    ("De directeur en het bestuur", ["schoolleiding", "bestuur"]),
    ("Jeugdzorg", ["anders"]),
]


def test_months_and_periods():
    period = Period.parse("2025-11", "2026-02")
    assert [str(m) for m in period.months()] == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert period.quarters() == ["2025-Q4", "2026-Q1"]
    assert period.last_day == date(2026, 2, 28)
    assert date(2026, 2, 28) in period and date(2026, 3, 1) not in period
    assert Month(2026, 12).next() == Month(2027, 1)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-13", "2026-12", "'2026-13' is not a month; write YYYY-MM"),
        ("2026-3", "2026-12", "'2026-3' is not a month"),
        ("2026-03-01", "2026-12", "is not a month"),
        ("2026-05", "2026-04", "The period ends (2026-04) before it starts (2026-05)."),
        ("2000-01", "2026-01", "longer than 10 years"),
    ],
)
def test_a_wrong_period_is_a_clear_message(english, start, end, message):
    with pytest.raises(EvaluationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Period.parse(start, end)


@pytest.mark.parametrize(("text", "kind"), MEASURES)
def test_a_measure_is_sorted_into_one_kind_by_its_words(text, kind):
    assert vocabulary.measure_kind(text) == kind


def test_the_heaviest_kind_a_measure_names_counts():
    assert vocabulary.measure_kind("Waarschuwing, en de telefoon ingenomen") == "in_bewaring"


@pytest.mark.parametrize(("whom", "recipients"), REPORTS)
def test_a_report_counts_for_every_recipient_it_names(whom, recipients):
    assert vocabulary.recipients(whom) == recipients


def test_a_report_without_recipient_is_sorted_by_its_text():
    assert vocabulary.recipients("", "Gebeld met 0900-1113111") == ["lvi"]


def _seeded_register(tmp_path, seed: int = 7):
    """A register with random cases, measures and reports; returns it and what the test
    itself knows about them (its own record, not read back from the register)."""
    register = open_register(tmp_path / "register")
    rnd = random.Random(seed)
    made = []
    for i in range(40):
        opened = date(2025 + (i % 3 == 0), rnd.randint(1, 10), rnd.randint(1, 28))
        opened = min(opened, date(2026, 10, 31))
        case = register.create_case(
            f"Zaak {i}", rnd.choice(CATEGORIES), rnd.choice(["personeelsdossier", "leerlingendossier"]),
            protocol_version=PROTOCOL_VERSION, opened_on=opened,
        )  # fmt: skip
        record = {"case": case, "closed": None, "measures": [], "reports": []}
        for _ in range(rnd.randint(0, 3)):
            text, kind = rnd.choice(MEASURES)
            day = date(opened.year, opened.month, min(28, opened.day + 1))
            entry = register.add_entry(case.number, text, kind="measure", event_date=day)
            record["measures"].append((day, kind))
            if rnd.random() < 0.2:  # an addendum corrects it: not a second measure
                register.add_addendum(case.number, entry.id, "Correctie: het was dinsdag")
        if rnd.random() < 0.5:
            whom, recipients = rnd.choice(REPORTS)
            register.add_entry(case.number, "Melding gedaan", kind="report", reported_to=whom,
                               event_date=opened)  # fmt: skip
            record["reports"].append((opened, recipients))
        if rnd.random() < 0.6:
            closed = min(
                date(2026, 11, 1), date.fromordinal(opened.toordinal() + rnd.randint(0, 200))
            )
            register.close_case(case.number, closed)
            record["closed"] = closed
        if rnd.random() < 0.15:
            register.update_case(case.number, legal_hold=True)
            record["hold"] = True
        made.append(record)
    return register, made


def _expected(made, period: Period) -> dict[str, Counter]:
    """The counts, computed from the test's own record of what it made."""
    first, last = period.first_day, period.last_day
    within = [r for r in made if first <= r["case"].opened_on <= last]
    closed = [r for r in made if r["closed"] and first <= r["closed"] <= last]
    return {
        "cases_by_category": Counter(r["case"].category for r in within),
        "cases_by_file_type": Counter(r["case"].file_type for r in within),
        "cases_opened_by_month": Counter(r["case"].opened_on.strftime("%Y-%m") for r in within),
        "cases_closed_by_month": Counter(r["closed"].strftime("%Y-%m") for r in closed),
        "days": sorted((r["closed"] - r["case"].opened_on).days for r in closed),
        "measures_by_kind": Counter(
            k for r in made for d, k in r["measures"] if first <= d <= last
        ),
        "reports_by_recipient": Counter(
            x for r in made for d, xs in r["reports"] if first <= d <= last for x in xs
        ),
        "on_hold": sum(1 for r in made if r.get("hold")),
    }


def test_the_register_s_figures_are_what_was_recorded(tmp_path):
    register, made = _seeded_register(tmp_path)
    period = Period.parse("2025-03", "2026-08")
    figures = register_figures(register, period)
    expected = _expected(made, period)
    for table in ("cases_by_category", "cases_by_file_type", "cases_opened_by_month",
                  "cases_closed_by_month", "measures_by_kind", "reports_by_recipient"):  # fmt: skip
        counted = {k: v for k, v in figures.tables[table].items() if v}
        assert counted == dict(expected[table]), table
    assert figures.tables["cases_on_legal_hold"] == {"on_hold": expected["on_hold"]}
    assert figures.median_days == statistics.median(expected["days"])
    assert sum(figures.tables["cases_closed_after"].values()) == len(expected["days"])
    assert figures.tables["cases_closed_after"]["0-7"] == sum(1 for d in expected["days"] if d <= 7)
    # Every month of the period is there, also the empty ones (an absent month says "none").
    assert list(figures.tables["cases_opened_by_month"]) == [str(m) for m in period.months()]
    register.close()


def _bar_data(section) -> dict[str, float]:
    made = drawing(section.chart, 300)
    chart = next(x for x in made.contents if isinstance(x, HorizontalBarChart))
    names = list(reversed(chart.categoryAxis.categoryNames))
    return dict(zip(names, reversed(chart.data[0]), strict=True))


def test_the_charts_draw_the_register_s_numbers(tmp_path):
    register, made = _seeded_register(tmp_path, seed=11)
    period = Period.parse("2025-01", "2026-10")
    figures = register_figures(register, period)
    register.close()
    expected = _expected(made, period)
    sections = {s.key: s for s in case_sections(exact_bounds(figures.tables), figures.median_days)}
    bars = _bar_data(sections["cases_by_category"])
    from klasse_desktop.evaluation.topics import cell_label

    for category in CATEGORIES:
        label = cell_label("cases_by_category", category)
        assert bars[label] == expected["cases_by_category"][category], category
    # The numbers beside the chart say the same as its bars.
    rows = dict(sections["cases_by_category"].rows)
    assert {label: value[0].low for label, value in rows.items()} == bars
    recipients = _bar_data(sections["reports_by_recipient"])
    assert sum(recipients.values()) == sum(expected["reports_by_recipient"].values())
    lines = drawing(sections["cases_by_quarter"].chart, 300)
    chart = next(x for x in lines.contents if isinstance(x, HorizontalLineChart))
    opened_per_quarter = Counter(
        f"{r['case'].opened_on.year}-Q{(r['case'].opened_on.month - 1) // 3 + 1}"
        for r in made if period.first_day <= r["case"].opened_on <= period.last_day
    )  # fmt: skip
    assert chart.data[0] == [opened_per_quarter[q] for q in period.quarters()]
    assert chart.data[1] == [
        sum(1 for r in made if r["closed"] and Month.of(r["closed"]).quarter == q
            and r["closed"] in period) for q in period.quarters()
    ]  # fmt: skip
    median = f"{round(statistics.median(expected['days']), 1):g}".replace(".", ",")
    assert any(median in note for note in sections["cases_closed_after"].notes)


def test_a_chart_as_svg_uses_the_shipped_font_and_draws_lines_without_fill():
    section = next(s for s in case_sections(exact_bounds(_tiny())) if s.key == "cases_by_month")
    text = svg(drawing(section.chart, 300)).decode()
    assert "font-family: 'DejaVu Sans'" in text and "fill: None" not in text
    assert "<polyline" in text and "mrt 2026" in text


def _tiny() -> dict[str, dict[str, int]]:
    return {
        "cases_opened_by_month": {"2026-03": 2, "2026-04": 0},
        "cases_closed_by_month": {"2026-03": 0, "2026-04": 1},
    }
