"""PDFs from the window: the dossier report from a case, the advice record from an
outcome; written off the UI thread, atomically, then offered to open."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox

from klasse_desktop.ui import pdf_export
from klasse_desktop.ui.report_dialog import ReportDialog
from tests.ui.helpers import choose, settle
from tests.ui.test_case_register_ui import data_dir, prompts, seeded, win  # noqa: F401 - fixtures


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_report_from_the_case_view(qtbot, win, seeded, monkeypatch, tmp_path):  # noqa: F811
    target = tmp_path / "verslag.pdf"
    asked = []
    monkeypatch.setattr(pdf_export, "choose_target", lambda *_a: target)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No
    )

    def accept(dialog):
        assert dialog.subject.currentText().startswith("Zoë Janssen")
        assert dialog.file_type.currentData() == "leerlingendossier"
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ReportDialog, "exec", accept)
    win.register_page.open_case(seeded["bullying"])
    settle(win)  # the case is read in the background
    win.register_page.case_page.header.report_button.click()
    qtbot.waitUntil(lambda: bool(asked), timeout=15000)
    assert str(target) in asked[0]
    text = _text(target)
    assert "Verslag voor het leerlingendossier" in text and "Zoë Janssen" in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".klasse-")] == []
    events = win.register_session.register.verify_audit()
    assert events.ok


def test_a_failed_write_says_so_and_leaves_nothing(qtbot, win, seeded, monkeypatch, tmp_path):  # noqa: F811
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    warnings = []
    monkeypatch.setattr(pdf_export, "choose_target", lambda *_a: blocked / "verslag.pdf")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(ReportDialog, "exec", lambda d: (d.accept(), d.result())[1])
    win.register_page.open_case(seeded["bullying"])
    settle(win)  # the case is read in the background
    win.register_page.case_page.header.report_button.click()
    qtbot.waitUntil(lambda: bool(warnings), timeout=15000)
    assert "verslag.pdf" in warnings[0]
    assert blocked.read_text() == "x"


def test_advice_record_from_the_outcome_page(qtbot, win, monkeypatch, tmp_path):  # noqa: F811
    target = tmp_path / "advies.pdf"
    asked = []
    monkeypatch.setattr(pdf_export, "choose_target", lambda *_a: target)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No
    )
    win.open_wizard("opnemen")
    page = win.wizard_page
    assert not page.advice_button.isVisible()
    choose(qtbot, win, "medewerker")
    choose(qtbot, win, "afstand")
    assert page.advice_button.isVisible()
    page.advice_button.click()
    qtbot.waitUntil(lambda: bool(asked), timeout=15000)
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    text = _text(target)
    assert "Advies volgens het protocol sociale media" in text and "Els Bakker" in text
