"""The evaluation page (for directors): the register's figures as charts with their
numbers, "Export…" without names and "Make report…" from schools' exports; and the
consent box for counting wizard use."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox

from klasse_desktop.evaluation.export import make_export, write_export
from klasse_desktop.evaluation.periods import Period
from klasse_desktop.evaluation.register_figures import Figures, empty_case_tables
from klasse_desktop.reports.pdfa import validate
from klasse_desktop.settings import Settings
from klasse_desktop.ui import evaluation_page, file_dialogs, messages, pdf_export
from klasse_desktop.ui.evaluation_page import EvaluationPage
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.wizard_use_consent import WizardUseConsent
from tests.cases_helpers import PROTOCOL_VERSION, open_register
from tests.ui.helpers import wait_for

CASES = [  # category, file, opened, closed
    ("pesten", "leerlingendossier", date(2026, 3, 2), date(2026, 3, 12)),
    ("pesten", "leerlingendossier", date(2026, 3, 9), None),
    ("pesten", "personeelsdossier", date(2026, 4, 1), date(2026, 6, 1)),
    ("sexting", "leerlingendossier", date(2026, 5, 20), None),
]


@pytest.fixture
def session(qtbot, tmp_path, english, monkeypatch):
    monkeypatch.setenv("KLASSE_DATA_DIR", str(tmp_path / "data"))
    register = open_register(tmp_path / "register")
    for category, file_type, opened, closed in CASES:
        case = register.create_case(
            "Zoë Canarisma in de groepsapp", category, file_type,
            protocol_version=PROTOCOL_VERSION, opened_on=opened,
        )  # fmt: skip
        register.add_party(case.number, "leerling", "Şükrü Canarisma")
        register.add_entry(case.number, "Telefoon in bewaring genomen", kind="measure",
                           event_date=opened)  # fmt: skip
        if closed:
            register.close_case(case.number, closed)
    session = RegisterSession(lambda: "Directeur Test", folder=tmp_path / "register")
    session.adopt(register)
    yield session
    session.lock()


@pytest.fixture
def page(qtbot, session):
    page = EvaluationPage(
        session, lambda: Settings(school="OBS De Linde"), today=date(2026, 11, 25)
    )
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    page.start.setDate(QDate(2026, 1, 1))
    page.end.setDate(QDate(2026, 6, 1))
    return page


def _shown(qtbot, page) -> None:
    with qtbot.waitSignal(page.shown, timeout=20000):
        page.show_button.click()


def test_the_figures_of_the_period_as_charts_with_numbers(qtbot, page):
    assert page.sections.views == []  # nothing is counted before it is asked
    _shown(qtbot, page)
    assert page.period == Period.parse("2026-01", "2026-06")
    categories = page.sections.view("cases_by_category")
    rows = {row[0]: row[1] for row in categories.texts()}
    assert rows["Bullying"] == "3" and rows["Sexting"] == "1" and rows["Threats"] == "0"
    assert categories.chart is not None and categories.chart.renderer().isValid()
    assert categories.chart.width() > 300 and categories.chart.height() > 150
    months = {row[0]: row[1:] for row in page.sections.view("cases_by_month").texts()}
    assert months["Mar 2026"] == ["2", "1"] and months["Jun 2026"] == ["0", "1"]
    quarters = page.sections.view("cases_by_quarter").texts()
    assert quarters == [["Q1 2026", "2", "1"], ["Q2 2026", "2", "1"]]
    durations = page.sections.view("cases_closed_after")
    assert (
        "Median time from opening to closing: 35.5 days."
        in durations.findChildren(type(page.status))[-1].text()
    )
    measures = {r[0]: r[1] for r in page.sections.view("measures_by_kind").texts()}
    assert measures["Device taken into safekeeping"] == "4"
    assert "from January 2026 to June 2026" in page.status.text()


def test_a_period_that_ends_before_it_starts_is_a_message(qtbot, page):
    page.end.setDate(QDate(2025, 12, 1))
    page.show_button.click()
    assert "The period ends (2025-12) before it starts (2026-01)." in page.status.text()
    assert page.session.task is None


def test_locking_empties_the_page(qtbot, page):
    _shown(qtbot, page)
    page.session.lock()
    assert page.sections.views == [] and page.period is None
    assert "Unlock the case register" in page.status.text()
    page.show_button.click()  # locked: nothing runs
    assert page.session.task is None


def test_export_writes_counts_without_names(qtbot, page, tmp_path, monkeypatch):
    target = tmp_path / "export"
    told = []
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a: target)
    monkeypatch.setattr(messages, "inform", lambda _p, _t, text: told.append(text))
    page.school.setText("Basisschool De Linde")
    page.export_button.click()
    wait_for(lambda: told, timeout=20)
    written = target.with_suffix(".json")
    assert str(written) in told[0]
    text = written.read_text(encoding="utf-8")
    assert "Canarisma" not in text and "K-2026" not in text and "Zoë" not in text
    data = json.loads(text)
    assert data["school"] == "Basisschool De Linde"
    assert data["period"] == {"from": "2026-01", "to": "2026-06"}
    assert data["tables"]["cases_by_category"]["pesten"] == "<5"  # 3: shown as "<5"
    assert data["includes"] == ["cases"]


def test_export_without_a_school_name_asks_for_one(qtbot, page, monkeypatch):
    errors = []
    monkeypatch.setattr(messages, "show_error", lambda _p, e, _t="": errors.append(str(e)))
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a: pytest.fail("no dialog"))
    page.school.setText("   ")
    page.export_button.click()
    assert "Give the name the school appears under" in errors[0]


def _exports(tmp_path, rules) -> list:
    period = Period.parse("2026-01", "2026-06")
    files = []
    for school, pesten in (("De Linde", 6), ("Het Anker", 8)):
        figures = Figures(period, empty_case_tables(period))
        figures.tables["cases_by_category"]["pesten"] = pesten
        export = make_export(school, period, rules, figures, None)
        files.append(write_export(export, tmp_path / f"{school}.json"))
    return files


def test_the_foundation_report_from_exports(qtbot, page, tmp_path, monkeypatch, rules):
    files, target, asked = _exports(tmp_path, rules), tmp_path / "evaluatie.pdf", []
    monkeypatch.setattr(file_dialogs, "open_files", lambda *a: files)
    monkeypatch.setattr(pdf_export, "choose_target", lambda *a: target)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No)  # fmt: skip
    page.report_button.click()
    wait_for(lambda: asked, timeout=30)
    assert str(target) in asked[0]
    assert validate(target.read_bytes())[0]


def test_a_file_that_is_not_an_export_is_a_message(qtbot, page, tmp_path, monkeypatch):
    bad = tmp_path / "notes.json"
    bad.write_text('{"names": ["Zoë"]}', encoding="utf-8")
    errors = []
    monkeypatch.setattr(file_dialogs, "open_files", lambda *a: [bad])
    monkeypatch.setattr(pdf_export, "choose_target", lambda *a: tmp_path / "e.pdf")
    monkeypatch.setattr(messages, "show_error", lambda _p, e, _t="": errors.append(str(e)))
    page.report_button.click()
    wait_for(lambda: errors, timeout=20)
    assert "notes.json cannot be used: it is not an evaluation export" in errors[0]
    assert not (tmp_path / "e.pdf").exists()


def test_counting_the_register_runs_off_the_ui_thread(qtbot, page, monkeypatch):
    import threading

    threads = []
    real = evaluation_page._figures

    def spy(register, period):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(register, period)

    monkeypatch.setattr(evaluation_page, "_figures", spy)
    _shown(qtbot, page)
    assert threads == [False]


def test_the_consent_box_is_off_and_withdrawing_deletes_the_counts(qtbot, tmp_path, english,
                                                                   monkeypatch):  # fmt: skip
    monkeypatch.setenv("KLASSE_DATA_DIR", str(tmp_path / "data"))
    from klasse_desktop.evaluation.wizard_use import WizardUseCounter, counts_path

    box = WizardUseConsent(Settings().count_wizard_use)
    qtbot.addWidget(box)
    assert not box.checkbox.isChecked()
    assert "count anonymously which questions are asked" in box.checkbox.text()
    assert str(counts_path()) in box.explanation.text()
    box.checkbox.setChecked(True)
    settings = box.apply(Settings())
    assert settings.count_wizard_use is True
    counter = WizardUseCounter(lambda: settings.count_wizard_use)
    counter.started("plaatsen")
    counter.flush()
    assert counts_path().is_file()
    box.checkbox.setChecked(False)
    assert box.apply(settings).count_wizard_use is False
    assert not counts_path().exists()
