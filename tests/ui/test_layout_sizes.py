"""Screens that hold on every laptop: nothing cut off, squeezed or on top of each other
at the smallest window, at 1024×600 and 1280×720, with the usual font and at 150 %."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.paths import register_dir
from klasse_desktop.protocol.models import OutcomeKind
from klasse_desktop.settings import Settings
from klasse_desktop.ui.main_window import MainWindow
from klasse_desktop.ui.new_case_dialog import NewCaseDialog
from klasse_desktop.ui.party_dialog import PartyDialog
from klasse_desktop.ui.qt_i18n import install_translators
from klasse_desktop.ui.register_screenshots import FAST_KDF, PASSPHRASE, fill_register
from klasse_desktop.ui.screenshots import example_answers
from tests.ui.helpers import settle
from tests.ui.layout_check import layout_problems

SIZES = {"smallest": QSize(300, 200), "1024x600": QSize(1024, 600), "1280x720": QSize(1280, 720)}


def settle_layout(window) -> None:
    settle(window)
    for _ in range(6):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()


@pytest.fixture(params=[1.0, 1.5], ids=["font100", "font150"])
def font_scale(request, qapp):
    base = QFont(qapp.font())
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * request.param)
    qapp.setFont(font)
    yield request.param
    qapp.setFont(base)


@pytest.fixture
def win(qtbot, qapp, rules, tmp_path, monkeypatch, font_scale):
    monkeypatch.setenv("KLASSE_DATA_DIR", str(tmp_path / "data"))
    install_translators(qapp, "nl")
    window = MainWindow(
        rules, Settings(user_name="Els Bakker", role="directeur", school="OBS De Vlinder"),
        today=date(2026, 11, 25), register_kdf=FAST_KDF,
    )  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    register = CaseRegister.open(register_dir(), PASSPHRASE, "Els Bakker", create=True,
                                 kdf=FAST_KDF)  # fmt: skip
    window.case_number = fill_register(register, rules)
    window.register_session.adopt(register)
    yield window
    window.lock_register()


def screens(win):
    """(name, show it) for the screens a user spends time on."""
    wizard_id, answers = example_answers(win.rules, OutcomeKind.REPORT)

    def outcome() -> None:
        win.open_wizard(wizard_id)
        for question, choice in answers.items():
            win.wizard_page.run.answer(choice, question)
        win.wizard_page.refresh()

    def case_view() -> None:
        assert win.open_register()
        settle(win)
        assert win.register_page.open_case(win.case_number)
        settle(win)
        win.register_page.case_page.parties.setCurrentRow(2)  # a parent: every button shows

    return [
        ("start", win.go_home),
        ("wizard", lambda: win.open_wizard("plaatsen")),
        ("outcome", outcome),
        ("protocol", win.open_protocol),
        ("case list", lambda: win.open_register()),
        ("case view", case_view),
        ("retention", lambda: win.register_page.show_retention()),
    ]


@pytest.mark.parametrize("size", SIZES.keys())
def test_no_screen_is_cut_off_or_overlapping(win, size):
    win.resize(SIZES[size])
    problems = []
    for name, show in screens(win):
        show()
        settle_layout(win)
        problems += [f"{name} at {win.width()}x{win.height()}: {p}" for p in layout_problems(win)]
        if size != "smallest":  # (taller only where 150 % fonts need it: a real 1024×600
            assert win.width() == SIZES[size].width(), name  # screen caps the minimum)
    assert problems == []


def test_the_window_has_a_minimum_that_fits_a_small_screen(win, font_scale):
    win.resize(500, 400)
    settle_layout(win)
    minimum = win.minimumSize()
    assert win.width() >= minimum.width() >= 500 and win.height() >= minimum.height() >= 400
    if font_scale == 1.0:  # and at the usual font it fits a 1024×600 netbook's screen
        assert minimum.width() <= 1024 and minimum.height() <= 560


def test_at_150_percent_on_1024x600_every_screen_stays_1024_wide(win, font_scale):
    """The case list's filters and the case's facts wrap instead of widening the window."""
    win.resize(1024, 600)
    for name, show in screens(win):
        show()
        settle_layout(win)
        assert win.width() == 1024, name


def test_the_case_header_keeps_dates_on_one_line(win):
    win.resize(SIZES["1024x600"])
    screens(win)[5][1]()  # the case view
    settle_layout(win)
    header = win.register_page.case_page.header
    opened = header.facts["opened"]
    assert opened.height() < 2 * opened.fontMetrics().lineSpacing()
    assert header.legal_hold.isVisible()
    assert header.legal_hold.geometry().right() <= header.width()


@pytest.mark.parametrize("which", ["new case", "correct party"])
def test_the_director_s_dialogs_hold(qtbot, win, which):
    win.open_register()
    settle(win)
    session = win.register_session
    if which == "new case":
        dialog = NewCaseDialog(session, school="OBS De Vlinder", protocol_version="2026-02-23",
                               parent=win)  # fmt: skip
    else:
        parties = session.register.get_case(win.case_number).parties
        dialog = PartyDialog(session, win.case_number, parent=win, parties=parties,
                             party=parties[2])  # fmt: skip
    dialog.show()
    qtbot.waitExposed(dialog)
    settle_layout(win)
    assert layout_problems(dialog) == []
    dialog.reject()


def test_the_layout_check_finds_what_it_looks_for(qtbot):
    """A button narrower than its caption and two labels on top of each other."""
    from PySide6.QtWidgets import QLabel, QPushButton, QWidget

    box = QWidget()
    qtbot.addWidget(box)
    box.resize(300, 100)
    button = QPushButton("Juridische bewaarplicht: nooit verwijderen", box)
    button.setGeometry(0, 0, 60, 30)
    first, second = QLabel("Geopend", box), QLabel("20 november 2026", box)
    first.setGeometry(0, 40, 120, 20)
    second.setGeometry(50, 45, 200, 20)
    clipped = QLabel("Bewaren tot", box)
    clipped.setGeometry(250, 70, 120, 20)
    box.show()
    problems = layout_problems(box)
    assert any(p.startswith("squeezed: QPushButton") for p in problems)
    assert any(p.startswith("overlapping: QLabel") for p in problems)
    assert any(p.startswith("clipped: QLabel") and "Bewaren tot" in p for p in problems)


def test_the_minimum_never_exceeds_a_small_screen(qtbot):
    """A 1024×600 netbook (560 px available under its panel) at 150 %: the minimum
    gives way to the screen, the window keeps room for its menu and toolbar."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QWidget

    from klasse_desktop.ui.style import minimum_page_size

    page = QWidget()
    qtbot.addWidget(page)
    font = QFont(page.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    page.setFont(font)

    class Netbook:
        def availableGeometry(self):
            return QRect(0, 0, 1024, 560)

    wanted = minimum_page_size(page)
    page.screen = lambda: Netbook()  # type: ignore[method-assign]
    small = minimum_page_size(page)
    assert small.width() <= 1024 and small.height() <= 560 - 5 * page.fontMetrics().lineSpacing()
    assert wanted.height() > small.height()  # it did give way
