"""UI test set-up: offscreen Qt, one QApplication, settings in a temp dir."""

from __future__ import annotations

import os
from datetime import date

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from klasse_desktop.settings import Settings
from klasse_desktop.ui.main_window import MainWindow
from klasse_desktop.ui.qt_i18n import install_translators
from klasse_desktop.ui.style import STYLE_SHEET

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _private_config(tmp_path, monkeypatch):
    monkeypatch.setenv("KLASSE_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture(autouse=True)
def _background_work_ends_with_its_test(monkeypatch):
    """No worker thread of one test (`ui/background.py`) runs on into the next. Ends
    before `monkeypatch` is undone, so a late result still meets the patched dialogs."""
    yield
    from klasse_desktop.ui import background

    assert background.wait_for_all(30_000)


@pytest.fixture(autouse=True)
def _quick_name_search(monkeypatch):
    """Reports look for unregistered names with a stand-in, not with `deduce` (seconds
    to load); `test_report_review_ui.py` has the one test with the real thing."""
    from tests.ui.helpers import QuickNames

    monkeypatch.setattr("klasse_desktop.ui.report_flow.name_search", QuickNames())


@pytest.fixture
def window(qtbot, qapp, rules):
    qapp.setStyleSheet(STYLE_SHEET)
    install_translators(qapp, "nl")
    win = MainWindow(rules, Settings(), today=TODAY)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    install_translators(qapp, "nl")
