"""The first-run welcome: once, skippable, in the chosen language, by keyboard, and a
passphrase only for a director who asks for the case register.

Expected texts go through `_()`, so the tests hold before and after the Dutch
catalog has the welcome's strings.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialog, QLabel, QLineEdit, QWidget

from klasse_desktop import i18n
from klasse_desktop.i18n import _
from klasse_desktop.settings import Settings, load_settings, save_settings
from klasse_desktop.ui.main_window import MainWindow
from klasse_desktop.ui.qt_i18n import install_translators
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.settings_dialog import SettingsDialog
from klasse_desktop.ui.unlock_dialog import UnlockDialog
from klasse_desktop.ui.welcome_dialog import WelcomeDialog
from tests.ui.conftest import TODAY


@pytest.fixture
def languages():
    """What the dialog asked to switch to; gettext follows, as the window would."""
    asked: list[str] = []

    def switch(language: str) -> None:
        asked.append(language)
        i18n.set_language(language)

    return asked, switch


@pytest.fixture
def dialog(qtbot, qapp, languages):
    install_translators(qapp, "nl")
    welcome = WelcomeDialog(Settings(), on_language=languages[1])
    qtbot.addWidget(welcome)
    welcome.show()
    qtbot.waitExposed(welcome)
    return welcome


def drive(monkeypatch, *steps):
    """Patch `WelcomeDialog.exec`: run each step on the dialog, like a user would."""
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        dialog.show()
        for step in steps:
            step(dialog)
        return dialog.result()

    monkeypatch.setattr(WelcomeDialog, "exec", exec_)
    return seen


def fill(name="Sam de Vries", role="leerkracht", school="OBS De Vlinder"):
    def step(dialog):
        dialog.go_to(1)
        dialog.user_name.setText(name)
        dialog.role.setCurrentIndex(dialog.role.findData(role))
        dialog.school.setText(school)
        dialog.go_to(2)

    return step


def shown_controls(dialog: QDialog) -> list[QWidget]:
    return [
        w for w in dialog.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QLineEdit | QComboBox) and w.isVisibleTo(dialog)
    ]  # fmt: skip


def mnemonics(dialog: QDialog) -> list[str]:
    texts = [w.text() for w in shown_controls(dialog) if isinstance(w, QAbstractButton)]
    texts += [lbl.text() for lbl in dialog.findChildren(QLabel) if lbl.isVisibleTo(dialog)]
    return [m.group(1).lower() for t in texts if (m := re.search(r"&(\w)", t))]


# -- the dialog -------------------------------------------------------------------------


def test_opens_in_dutch_with_a_visible_skip(dialog):
    assert dialog.windowTitle() == _("Welcome to Klasse Desktop")
    assert dialog.language.currentData() == "nl"
    assert dialog.skip_button.isVisible() and dialog.skip_button.text() == _("S&kip")
    assert dialog.next_button.isDefault() and not dialog.back_button.isVisible()
    assert dialog.step.text() == _("Step {n} of {total}").format(n=1, total=3)


def test_choosing_english_translates_the_dialog_at_once(dialog, languages):
    dialog.go_to(1)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert languages[0] == ["en"]
    assert dialog.windowTitle() == "Welcome to Klasse Desktop"
    assert dialog.heading.text() == "About you"
    assert dialog.skip_button.text() == "S&kip" and dialog.back_button.text() == "← &Back"
    assert dialog.role.currentText() == "Teacher"
    assert dialog.user_name.accessibleName() == "Your name"
    dialog.language.setCurrentIndex(dialog.language.findData("nl"))
    assert languages[0] == ["en", "nl"]
    assert dialog.role.currentText() == "Leerkracht"
    assert dialog.back_button.text() == "← &Terug"


def test_finishing_keeps_every_detail(dialog):
    fill()(dialog)
    dialog.foundation.setText("  Stichting   Klasse Noord ")
    dialog.finish_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    chosen = dialog.chosen()
    assert (chosen.user_name, chosen.role, chosen.school) == (
        "Sam de Vries", "leerkracht", "OBS De Vlinder"
    )  # fmt: skip
    assert chosen.foundation == "Stichting Klasse Noord" and chosen.welcomed
    assert not dialog.wants_register


def test_skipping_keeps_the_defaults_and_the_chosen_language(dialog):
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    fill(name="Half typed")(dialog)
    dialog.go_to(1)
    dialog.skip_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    chosen = dialog.chosen()
    assert chosen == Settings(language="en", welcomed=True)


def test_only_a_director_is_offered_the_case_register(dialog):
    fill(role="leerkracht")(dialog)
    assert not dialog.register_box.isVisibleTo(dialog)
    fill(role="directeur")(dialog)
    assert dialog.register_box.isVisibleTo(dialog)
    assert not dialog.setup_register.isChecked()  # optional: not ticked for them
    assert dialog.focusWidget() is dialog.setup_register
    dialog.setup_register.setChecked(True)
    dialog.go_to(1)
    dialog.role.setCurrentIndex(dialog.role.findData("onderwijsondersteuner"))
    dialog.go_to(2)
    dialog.finish_button.click()
    assert not dialog.wants_register  # the box stays ticked, but the role changed


def test_a_director_who_skips_gets_no_register(dialog):
    fill(role="directeur")(dialog)
    dialog.setup_register.setChecked(True)
    dialog.reject()  # Escape on the last page
    assert not dialog.wants_register


def test_usable_by_keyboard_alone(qtbot, dialog):
    dialog.activateWindow()
    assert dialog.focusWidget() is dialog.language
    qtbot.keyClick(dialog.language, Qt.Key.Key_Return)  # Enter: the default "Continue"
    assert dialog.pages.currentIndex() == 1 and dialog.focusWidget() is dialog.user_name
    qtbot.keyClicks(dialog.user_name, "Sam")
    qtbot.keyClick(dialog.user_name, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == 2 and dialog.finish_button.isDefault()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen().user_name == "Sam"


def test_escape_skips(qtbot, dialog):
    qtbot.keyClick(dialog.language, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_every_control_has_an_accessible_name_and_mnemonics_differ(dialog, languages):
    for language in ("nl", "en"):
        dialog.language.setCurrentIndex(dialog.language.findData(language))
        for index in range(3):
            dialog.go_to(index)
            for widget in shown_controls(dialog):
                label = widget.accessibleName() or (
                    widget.text() if isinstance(widget, QAbstractButton) else ""
                )
                assert label, (language, index, type(widget).__name__)
            keys = mnemonics(dialog)
            assert len(keys) == len(set(keys)), (language, index, keys)


def test_fits_a_small_laptop_screen_at_150_percent_fonts(qtbot, qapp):
    base = QFont(qapp.font())
    big = QFont(base)
    big.setPointSizeF(base.pointSizeF() * 1.5)
    qapp.setFont(big)
    try:
        welcome = WelcomeDialog(Settings(role="directeur"), on_language=lambda _l: None)
        qtbot.addWidget(welcome)
        for index in range(3):
            welcome.go_to(index)
            hint = welcome.sizeHint().expandedTo(welcome.minimumSizeHint())
            assert hint.width() <= 1366 * 0.75 and hint.height() <= 768 * 0.8, (index, hint)
    finally:
        qapp.setFont(base)


# -- in the window ----------------------------------------------------------------------


@pytest.fixture
def first_start(qtbot, qapp, rules):
    """A window as `app.run` makes it on a first start; shown by the test."""
    install_translators(qapp, "nl")
    win = MainWindow(rules, Settings(), today=TODAY, show_welcome=True)
    qtbot.addWidget(win)
    yield win
    install_translators(qapp, "nl")


def test_a_window_shows_no_welcome_unless_asked(qtbot, monkeypatch, rules):
    seen = drive(monkeypatch)
    win = MainWindow(rules, Settings(), today=TODAY)
    qtbot.addWidget(win)
    win.show()
    qtbot.wait(50)
    assert seen == []


def test_first_start_welcomes_once_and_saves_the_answer(qtbot, monkeypatch, first_start):
    asked = []
    monkeypatch.setattr(UnlockDialog, "exec", lambda d: asked.append(d) or 0)
    seen = drive(monkeypatch, fill(role="leerkracht"), lambda d: d.finish_button.click())
    first_start.show()
    qtbot.waitUntil(lambda: seen != [])
    saved = load_settings()
    assert saved.welcomed and saved.user_name == "Sam de Vries" and saved.school == "OBS De Vlinder"
    assert first_start.settings.user_name == "Sam de Vries"
    assert asked == []  # a teacher is never asked for a passphrase
    first_start.hide()
    first_start.show()
    qtbot.wait(50)
    assert len(seen) == 1


def test_switching_language_in_the_welcome_switches_the_window(qtbot, monkeypatch, first_start):
    def english(dialog):
        dialog.language.setCurrentIndex(dialog.language.findData("en"))

    seen = drive(monkeypatch, english, lambda d: d.skip_button.click())
    first_start.show()
    qtbot.waitUntil(lambda: seen != [])
    try:
        assert first_start.file_menu.title() == "&File"
        assert load_settings() == Settings(language="en", welcomed=True)
    finally:
        first_start.set_language("nl")


def test_a_director_can_set_up_the_register_right_after(qtbot, monkeypatch, first_start):
    opened = []

    def ensure_open(session, parent):
        opened.append(parent)
        return False  # the user cancels the passphrase dialog

    monkeypatch.setattr(RegisterSession, "ensure_open", ensure_open)

    def tick(dialog):
        assert opened == []  # not while the welcome is still open
        dialog.setup_register.setChecked(True)
        dialog.finish_button.click()

    seen = drive(monkeypatch, fill(role="directeur"), tick)
    first_start.show()
    qtbot.waitUntil(lambda: opened != [])
    assert seen and opened == [first_start]
    assert load_settings().role == "directeur"


def test_the_settings_dialog_keeps_the_welcome_done(qtbot, window):
    save_settings(Settings(welcomed=True))
    window.settings = load_settings()
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.school.setText("De Regenboog")
    dialog.accept()
    assert load_settings().welcomed is True
