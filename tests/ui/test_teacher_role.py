"""Teachers never meet the case register: not in the menus, not on the outcome page,
not by a double-click that lands where "Next" was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from klasse_desktop.i18n import _
from klasse_desktop.protocol.graph import all_paths
from klasse_desktop.protocol.shipped import default_rules
from klasse_desktop.settings import Settings, keeps_register
from klasse_desktop.ui import pdf_export
from klasse_desktop.ui.main_window import MainWindow
from klasse_desktop.ui.qt_i18n import install_translators
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.settings_dialog import SettingsDialog
from klasse_desktop.ui.style import STYLE_SHEET
from klasse_desktop.ui.welcome_dialog import WelcomeDialog
from tests.ui.conftest import TODAY
from tests.ui.helpers import choose, go_to_answer, visible_texts

RULES = default_rules()
REGISTER_WORDS = ("Dossierregister", "Opslaan in een dossier…")


def make_window(qtbot, qapp, rules, role: str) -> MainWindow:
    qapp.setStyleSheet(STYLE_SHEET)
    install_translators(qapp, "nl")
    win = MainWindow(rules, Settings(role=role, user_name="Sanne Yıldız"), today=TODAY)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()  # window shortcuts (Ctrl+Shift+D) need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


@pytest.fixture
def asked(monkeypatch):
    """Every request to open the register (a passphrase prompt) or to write a PDF."""
    seen: list[str] = []
    monkeypatch.setattr(
        RegisterSession, "ensure_open", lambda self, parent: seen.append("register") or False
    )
    monkeypatch.setattr(pdf_export, "choose_target", lambda *a: seen.append("pdf"))
    return seen


def to_outcome(qtbot, win: MainWindow, wizard_id: str = "melden") -> None:
    path = next(all_paths(RULES.wizard(wizard_id)))
    win.open_wizard(wizard_id)
    for _question, choice in path.steps:
        choose(qtbot, win, choice.id)
    assert win.wizard_page.run.finished


def shown(win: MainWindow) -> str:
    return "\n".join(visible_texts(win))


# -- who sees the register ----------------------------------------------------------------


@pytest.mark.parametrize("role", ["leerkracht", "stagiair", "vrijwilliger"])
def test_teachers_interns_and_volunteers_see_no_register(qtbot, qapp, rules, asked, role):
    win = make_window(qtbot, qapp, rules, role)
    to_outcome(qtbot, win)
    text = shown(win)
    for word in REGISTER_WORDS:
        assert word not in text
    assert _("Case &register").replace("&", "") not in text
    assert not win.register_action.isVisible()
    assert not win.cases_menu.menuAction().isVisible()
    assert not win.wizard_page.note_button.isVisibleTo(win)
    assert win.wizard_page.advice_button.isVisibleTo(win)  # the PDF is for everyone
    # The shortcut went with the button.
    qtbot.keyClick(
        win, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    win.save_case_note()  # even if called, no passphrase prompt
    assert asked == []


def test_a_director_sees_the_register_and_save_as_case_note(qtbot, qapp, rules, asked):
    win = make_window(qtbot, qapp, rules, "directeur")
    to_outcome(qtbot, win)
    text = shown(win)
    assert _("Case &register").replace("&", "") in text
    assert _("&Save as case note…").replace("&", "") in text
    assert win.register_action.isVisible() and win.cases_menu.menuAction().isVisible()
    assert win.wizard_page.note_button.isVisibleTo(win)
    qtbot.keyClick(
        win, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert asked == ["register"]


def test_changing_the_role_in_settings_shows_and_hides_at_once(qtbot, qapp, rules, monkeypatch):
    win = make_window(qtbot, qapp, rules, "leerkracht")
    to_outcome(qtbot, win)  # the outcome is on screen while the role changes
    page = win.wizard_page

    def choose_role(role):
        def run(dialog):
            dialog.role.setCurrentIndex(dialog.role.findData(role))
            dialog.accept()
            return dialog.result()

        monkeypatch.setattr(SettingsDialog, "exec", run)
        win.edit_settings()

    choose_role("directeur")
    assert win.settings.role == "directeur"
    assert page.note_button.isVisibleTo(win) and win.register_action.isVisible()
    assert "Dossierregister" in shown(win)
    choose_role("stagiair")
    assert not page.note_button.isVisibleTo(win) and not win.register_action.isVisible()
    for word in REGISTER_WORDS:
        assert word not in shown(win)


def test_the_role_chosen_in_the_welcome_counts_at_once(qtbot, qapp, rules, monkeypatch):
    win = make_window(qtbot, qapp, rules, "leerkracht")
    assert not win.register_action.isVisible()

    def finish_as_director(dialog):
        dialog.go_to(1)
        dialog.role.setCurrentIndex(dialog.role.findData("directeur"))
        dialog.go_to(2)
        dialog.finish_button.click()
        return dialog.result()

    monkeypatch.setattr(WelcomeDialog, "exec", finish_as_director)
    win.welcome()
    assert win.register_action.isVisible() and win.cases_menu.menuAction().isVisible()


def test_settings_show_register_options_only_to_a_director(qtbot):
    dialog = SettingsDialog(Settings(role="leerkracht"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.lock_after.isVisibleTo(dialog)
    assert not dialog.keep_backups.isVisibleTo(dialog)
    dialog.role.setCurrentIndex(dialog.role.findData("directeur"))
    assert dialog.lock_after.isVisibleTo(dialog) and dialog.keep_backups.isVisibleTo(dialog)
    assert keeps_register("directeur") and not keeps_register("vrijwilliger")


# -- the double-click on "Next" -----------------------------------------------------------


def _button_at(win: QWidget, point: QPoint) -> QAbstractButton | None:
    widget = win.childAt(point)
    while widget is not None and widget is not win:
        if isinstance(widget, QAbstractButton) and widget.isEnabled():
            return widget
        widget = widget.parentWidget()
    return None


@pytest.mark.parametrize("wizard_id", list(RULES.wizards))
def test_a_double_click_on_next_at_the_last_question_lands_on_nothing(
    qtbot, qapp, rules, asked, wizard_id
):
    win = make_window(qtbot, qapp, rules, "directeur")  # the one who has most buttons
    page = win.wizard_page
    for path in (lambda ps: [ps[0], ps[-1]])(list(all_paths(RULES.wizard(wizard_id)))):
        win.open_wizard(wizard_id)
        *before, (last_question, last) = path.steps
        for _q, choice in before:
            choose(qtbot, win, choice.id)
        if page.run.current.id != last_question.id:  # "Wie ben je?" was answered by the role
            go_to_answer(qtbot, win, last_question.id)
        qtbot.mouseClick(page.question_view.labels[last.id], Qt.MouseButton.LeftButton)
        box = page.next_button.rect()
        points = [page.next_button.mapTo(win, p) for p in (
            box.center(), box.topLeft() + QPoint(2, 2), box.bottomRight() - QPoint(2, 2),
        )]  # fmt: skip
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton, pos=box.center())
        assert page.run.finished
        QApplication.processEvents()  # the layout settles before a second click comes
        for point in points:
            assert _button_at(win, point) is None, (wizard_id, point)
        # The second click goes wherever the pointer is now.
        target = win.childAt(points[0]) or win
        qtbot.mouseDClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(win, points[0]))
        assert asked == []
        assert win.pages.currentWidget() is page and page.run.finished
        assert page.note_button.isVisibleTo(win)  # offered, just not under the pointer


def test_outcome_buttons_ignore_the_mouse_just_after_the_outcome_appears(qtbot, qapp, rules, asked):
    """The second line of defence: a click within a double-click interval is ignored."""
    win = make_window(qtbot, qapp, rules, "directeur")
    to_outcome(qtbot, win)
    page = win.wizard_page
    qtbot.mouseClick(page.note_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.advice_button, Qt.MouseButton.LeftButton)
    assert asked == []
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(page.note_button, Qt.MouseButton.LeftButton)
    assert asked == ["register"]
    page.advice_button.click()  # a keyboard or programmatic click is never held back
    assert asked == ["register", "pdf"]


def test_the_lock_shortcut_is_listed_for_the_watcher(qtbot, qapp, rules):
    win = make_window(qtbot, qapp, rules, "directeur")
    assert QKeySequence("Ctrl+L") in win.register_session.watcher.lock_keys
