"""Wizard use counted only with consent, and the foundation's PDF/A report."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from pypdf import PdfReader

from klasse_desktop.evaluation import wizard_use
from klasse_desktop.evaluation.export import make_export, read_export, write_export
from klasse_desktop.evaluation.merge import merge
from klasse_desktop.evaluation.periods import Period
from klasse_desktop.evaluation.register_figures import Figures, empty_case_tables
from klasse_desktop.evaluation.report import build_report
from klasse_desktop.evaluation.wizard_use import WizardUseCounter, load_counts, wizard_tables
from klasse_desktop.reports.pdfa import validate
from klasse_desktop.settings import Settings

PERIOD = Period.parse("2026-03", "2026-08")


def _counter(path, agreed=True, day=date(2026, 4, 9)):
    return WizardUseCounter(lambda: agreed, path=path, today=lambda: day)


def test_nothing_is_counted_without_consent(tmp_path):
    path = tmp_path / "wizard-use.json"
    counter = _counter(path, agreed=False)
    counter.started("plaatsen")
    counter.reached("plaatsen", "geen_school", "allowed")
    counter.flush()
    assert not path.exists()


def test_the_count_file_holds_months_ids_and_counts_only(tmp_path, rules):
    path = tmp_path / "wizard-use.json"
    counter = _counter(path)
    counter.started("plaatsen")
    counter.reached("plaatsen", "geen_school", "allowed")
    counter.reached("plaatsen", "prive_mag", "allowed_if")  # same run: counted once
    counter.started("plaatsen")  # a second run that stops before an outcome
    counter.started("melden")
    counter.reached("melden", "spoed", "report")
    counter.flush()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["months"] == {
        "2026-04": {
            "plaatsen": {"started": 2, "outcomes": {"geen_school": 1},
                         "outcome_kinds": {"allowed": 1}},
            "melden": {"started": 1, "outcomes": {"spoed": 1}, "outcome_kinds": {"report": 1}},
        }
    }  # fmt: skip
    assert set(data) == {"about", "format", "version", "months"}
    tables = wizard_tables(load_counts(path), PERIOD, rules)
    assert tables["wizard_started:plaatsen"]["2026-04"] == 2
    assert tables["wizard_outcomes:plaatsen"]["geen_school"] == 1
    assert tables["wizard_outcomes:plaatsen"]["not_finished"] == 1
    assert set(tables["wizard_outcomes:plaatsen"]) == {
        *rules.wizard("plaatsen").outcomes,
        "not_finished",
    }


def test_an_outcome_is_counted_in_the_month_its_run_started(tmp_path):
    path = tmp_path / "wizard-use.json"
    days = iter([date(2026, 4, 30), date(2026, 5, 1)])
    counter = WizardUseCounter(lambda: True, path=path, today=lambda: next(days))
    counter.started("plaatsen")
    counter.reached("plaatsen", "geen_school", "allowed")  # after midnight: still April's run
    counter.flush()
    assert load_counts(path)["2026-04"]["plaatsen"]["outcomes"] == {"geen_school": 1}


def test_withdrawing_consent_deletes_the_counts(tmp_path):
    path = tmp_path / "wizard-use.json"
    counter = _counter(path)
    counter.started("plaatsen")
    counter.flush()
    assert path.exists()
    counter.started("melden")  # still being written when consent is withdrawn: dropped
    settings = wizard_use.with_consent(Settings(count_wizard_use=True), False, path)
    counter.flush()
    assert settings.count_wizard_use is False and not path.exists()
    assert wizard_use.with_consent(settings, True, path).count_wizard_use is True


def test_what_someone_typed_into_the_count_file_never_reaches_an_export(tmp_path, rules):
    path = tmp_path / "wizard-use.json"
    counter = _counter(path)
    counter.started("plaatsen")
    counter.flush()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["months"]["2026-04"]["Zoë Janssen"] = {"started": 9}
    data["months"]["2026-04"]["plaatsen"]["outcomes"] = {"Zoë Janssen belde": 7, "geen_school": 9}
    data["months"]["2026-05"] = {"melden": {"started": "veel", "outcomes": {"spoed": -3}}}
    path.write_text(json.dumps(data), encoding="utf-8")
    export = make_export("De Linde", PERIOD, rules, None, load_counts(path))
    text = write_export(export, tmp_path / "e.json").read_text(encoding="utf-8")
    assert "Zoë" not in text and "veel" not in text
    # 9 outcomes reached means at least 9 runs started, though the file says 1.
    assert export.tables["wizard_started:plaatsen"]["2026-04"] == 9


def test_a_damaged_count_file_counts_as_empty(tmp_path):
    path = tmp_path / "wizard-use.json"
    path.write_text("{not json", encoding="utf-8")
    assert load_counts(path) == {}
    counter = _counter(path)
    counter.started("plaatsen")
    counter.flush()
    assert load_counts(path)["2026-04"]["plaatsen"]["started"] == 1


def _school(tmp_path, rules, name, pesten, sexting, counts=None):
    figures = Figures(PERIOD, empty_case_tables(PERIOD), median_days=12.0)
    figures.tables["cases_by_category"].update(pesten=pesten, sexting=sexting)
    figures.tables["cases_by_file_type"]["leerlingendossier"] = pesten + sexting
    figures.tables["cases_opened_by_month"]["2026-03"] = pesten + sexting
    figures.tables["measures_by_kind"]["waarschuwing"] = 6
    export = make_export(name, PERIOD, rules, figures, counts)
    return write_export(export, tmp_path / f"{name}.json")


@pytest.fixture
def merged(tmp_path, rules):
    path = tmp_path / "wizard-use.json"
    counter = _counter(path)
    for _ in range(6):
        counter.started("plaatsen")
        counter.reached("plaatsen", "geen_school", "allowed")
    counter.flush()
    files = [
        _school(tmp_path, rules, "OBS De Linde", 7, 3, load_counts(path)),
        _school(tmp_path, rules, "Şükrü's basisschool", 9, 2),
        _school(tmp_path, rules, "مدرسة النور", 5, 0),
    ]
    return merge([read_export(f) for f in files])


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_foundation_report_is_pdfa_with_totals_charts_and_a_table_per_school(merged, rules):
    pdf = build_report(merged, foundation="Stichting Klasse", language="nl", rules=rules,
                       issued_on=date(2028, 2, 23))  # fmt: skip
    assert validate(pdf) == (True, "PDF/A-2b: pass")
    text = _text(pdf)
    assert "maart 2026" in text and "augustus 2026" in text  # Dutch months, via Babel
    assert "23 februari 2026" in text  # the protocol version is its adoption date
    assert "23 februari 2028" in text
    for school in ("OBS De Linde", "Şükrü's basisschool", "Stichting Klasse"):
        assert school in text
    assert "Pesten 21" in text  # 7 + 9 + 5: every part known
    assert "Sexting 0–12" in text  # three "<5": a range, never a number
    assert "Mag ik dit plaatsen?" in text
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == build_report.__globals__["report_title"]()
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert all("+" in font for font in fonts), fonts  # every font embedded (a subset)


def test_the_report_s_charts_carry_the_merged_numbers(merged, rules):
    from klasse_desktop.evaluation.bounds import Bounds
    from klasse_desktop.evaluation.sections import case_sections

    sections = {s.key: s for s in case_sections(merged.totals)}
    rows = dict(sections["cases_by_category"].rows)
    assert rows["Pesten"] == [Bounds(21, 21)] and rows["Sexting"] == [Bounds(0, 12)]
    assert sections["measures_by_kind"].chart.series[0].values[5] == Bounds(18, 18)
