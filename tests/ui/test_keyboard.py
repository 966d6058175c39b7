"""Predictable and keyboard-complete: number keys shown, Ctrl+L everywhere, a fresh
start screen, protocol searches that show what they found, Start over undoable,
Ctrl+Home from a search box."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from klasse_desktop.i18n import _
from klasse_desktop.protocol.models import OutcomeKind
from klasse_desktop.ui.case_note_dialog import CaseNoteDialog
from klasse_desktop.ui.entry_dialog import EntryDialog
from klasse_desktop.ui.protocol_html import protocol_html
from klasse_desktop.ui.screenshots import example_answers
from klasse_desktop.ui.style import CLAUSE_HIGHLIGHT, HIGHLIGHT
from klasse_desktop.ui.unlock_dialog import UnlockDialog
from tests.ui.helpers import choose
from tests.ui.test_case_register_ui import (  # noqa: F401 - fixtures
    PASSPHRASE,
    data_dir,
    drive,
    opened,
    prompts,
    seeded,
    typed,
    win,
)

CTRL = Qt.KeyboardModifier.ControlModifier


def give_up_after(ms: int = 3000) -> None:
    """If the lock key did nothing, close the modal dialog so the test fails, not hangs."""

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            dialog.done(0)

    QTimer.singleShot(ms, close)


def activate(qtbot, window) -> None:
    """Window shortcuts need the active window (offscreen, it is not made so by show)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


# -- number keys ---------------------------------------------------------------------------


def test_each_choice_shows_its_number_key(qtbot, window):
    window.open_wizard("plaatsen")
    view = window.wizard_page.question_view
    choices = view.question.choices
    hints = [view.key_hints[c.id] for c in choices]
    assert [h.text() for h in hints] == [str(n) for n in range(1, len(choices) + 1)]
    for choice, hint in zip(choices, hints, strict=True):
        label = view.labels[choice.id]
        assert hint.isVisibleTo(window)
        assert hint.geometry().right() < label.geometry().left()  # before its text
        assert abs(hint.geometry().top() - view.radios[choice.id].geometry().top()) < 12
    qtbot.mouseClick(hints[1], Qt.MouseButton.LeftButton)  # the key cap selects too
    assert view.selected() == choices[1].id
    qtbot.keyClick(view.radios[choices[1].id], Qt.Key.Key_1)
    assert view.selected() == choices[0].id


def test_the_next_question_shows_its_own_numbers(qtbot, window):
    window.open_wizard("contact")
    choose(qtbot, window, "medewerker")
    view = window.wizard_page.question_view
    assert sorted(view.key_hints) == sorted(c.id for c in view.question.choices)
    assert [view.key_hints[c.id].text() for c in view.question.choices][:2] == ["1", "2"]


# -- Ctrl+L everywhere ---------------------------------------------------------------------


def test_ctrl_l_in_an_open_entry_dialog_locks_and_keeps_the_draft(qtbot, win, seeded, monkeypatch):  # noqa: F811
    """The entry dialog is modal: the window's own shortcut cannot fire while it is open."""
    view = opened(win, seeded["bullying"])
    seen = []

    def type_and_lock():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        dialog.text.setPlainText("Half geschreven notitie over Zoë.")
        qtbot.keyClick(dialog.text, Qt.Key.Key_L, CTRL)

    QTimer.singleShot(0, type_and_lock)
    give_up_after()
    view.add_entry()  # the real exec(), as a click on "New entry"
    assert isinstance(seen[0], EntryDialog) and not seen[0].isVisible()
    assert not win.register_session.is_open
    assert win.pages.currentWidget() is win.start_page
    notice = win.start_page.register_state
    assert notice.isVisibleTo(win) and notice.text() == _("The case register is locked.")

    drive(monkeypatch, UnlockDialog, typed(PASSPHRASE))
    assert win.open_register()
    assert not notice.isVisibleTo(win)
    again = EntryDialog(win.register_session, seeded["bullying"], parent=win)
    assert again.text.toPlainText() == "Half geschreven notitie over Zoë."  # the draft


def test_ctrl_l_in_an_addendum_keeps_its_draft(qtbot, win, seeded, monkeypatch):  # noqa: F811
    """An addendum being typed has its own encrypted draft, tied to the entry it
    corrects: after unlocking it is back there, and not in a new entry."""
    win.register_session.register.add_entry(seeded["bullying"], "Gesprek met Zoë op maandag.")
    view = opened(win, seeded["bullying"])
    corrected = view.detail.entries[-1]
    seen = []

    def type_and_lock():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        dialog.text.setPlainText("Correctie: het was dinsdag, niet maandag.")
        qtbot.keyClick(dialog.text, Qt.Key.Key_L, CTRL)

    QTimer.singleShot(0, type_and_lock)
    give_up_after()
    view.add_addendum(corrected.id)
    assert isinstance(seen[0], EntryDialog) and seen[0].corrects is not None
    assert not win.register_session.is_open

    drive(monkeypatch, UnlockDialog, typed(PASSPHRASE))
    assert win.open_register()
    again = EntryDialog(win.register_session, seeded["bullying"], corrects=corrected, parent=win)
    assert again.text.toPlainText() == "Correctie: het was dinsdag, niet maandag."
    new_entry = EntryDialog(win.register_session, seeded["bullying"], parent=win)
    assert "dinsdag" not in new_entry.text.toPlainText()


def test_ctrl_l_while_saving_a_case_note_locks(qtbot, win, seeded, prompts):  # noqa: F811
    wizard_id, answers = example_answers(win.rules, OutcomeKind.REPORT)
    win.open_wizard(wizard_id)
    win.wizard_page.run.replay(tuple(answers.items()))
    win.wizard_page.refresh()
    seen = []

    def lock():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        qtbot.keyClick(dialog.search, Qt.Key.Key_L, CTRL)

    QTimer.singleShot(0, lock)
    give_up_after()
    win.save_case_note()
    assert isinstance(seen[0], CaseNoteDialog) and not seen[0].isVisible()
    assert not win.register_session.is_open
    assert prompts["inform"] == []  # nothing saved
    assert win.pages.currentWidget() is win.wizard_page and win.wizard_page.run.finished
    win.go_home()
    assert win.start_page.register_state.text() == _("The case register is locked.")
    assert win.start_page.register_state.isVisibleTo(win)


def test_ctrl_l_from_the_start_screens_search_box(qtbot, win, seeded):  # noqa: F811
    win.go_home()
    win.start_page.search.setFocus()
    qtbot.keyClick(win.start_page.search, Qt.Key.Key_L, CTRL)
    assert not win.register_session.is_open
    assert win.start_page.register_state.isVisibleTo(win)


def test_no_lock_notice_before_the_register_was_ever_open(window):
    assert not window.start_page.register_state.isVisibleTo(window)


# -- a fresh start screen ------------------------------------------------------------------


def all_wizards_shown(window) -> bool:
    start = window.start_page
    return start.stack.currentIndex() == 0 and all(
        card.isVisibleTo(window) for card in start.buttons.values()
    )


def test_coming_back_to_the_start_screen_clears_its_search(qtbot, window):
    start = window.start_page
    assert len(start.buttons) == len(window.rules.wizards) and all_wizards_shown(window)
    qtbot.keyClicks(start.search, "groepsapp")
    assert start.stack.currentIndex() == 1 and not all_wizards_shown(window)
    qtbot.keyClick(start.search, Qt.Key.Key_Return)  # the first hit: a wizard
    assert window.pages.currentWidget() is window.wizard_page
    window.go_back()  # Back, not Home: first to "Wie ben je?" (answered by the role) …
    assert window.wizard_page.run.current.id == "wie"
    window.go_back()  # … then to the start screen
    assert window.pages.currentWidget() is start
    assert start.search.text() == "" and all_wizards_shown(window)

    qtbot.keyClicks(start.search, "vrienden")
    start.results.setCurrentRow(start.results.count() - 1)  # a clause
    start._open_item(start.results.currentItem())
    assert window.pages.currentWidget() is window.protocol_page
    window.go_home()
    assert start.search.text() == "" and all_wizards_shown(window)


def test_ctrl_f_on_the_start_screen_keeps_what_was_typed(qtbot, window):
    qtbot.keyClicks(window.start_page.search, "foto")
    window.focus_search()
    assert window.start_page.search.text() == "foto"


# -- Ctrl+Home from a search box -----------------------------------------------------------


def test_ctrl_home_from_the_protocol_search_box(qtbot, window):
    activate(qtbot, window)
    window.open_protocol()
    search = window.protocol_page.search
    search.setFocus()
    qtbot.keyClicks(search, "foto")
    qtbot.keyClick(search, Qt.Key.Key_Home, CTRL)
    assert window.pages.currentWidget() is window.start_page


def test_ctrl_home_in_the_start_screens_search_box_starts_afresh(qtbot, window):
    activate(qtbot, window)
    search = window.start_page.search
    qtbot.keyClicks(search, "groepsapp")
    qtbot.keyClick(search, Qt.Key.Key_Home, CTRL)
    assert search.text() == "" and all_wizards_shown(window)
    assert search.hasFocus()


# -- protocol search -----------------------------------------------------------------------


def test_a_new_protocol_search_clears_the_opened_clause(qtbot, window):
    window.open_clause("A6")
    page = window.protocol_page
    assert page.highlight == "A6"
    assert page.tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == "A6"
    assert CLAUSE_HIGHLIGHT in page.browser.toHtml()
    qtbot.keyClicks(page.search, "groepsapp")
    qtbot.waitUntil(lambda: page.hit_count.text() != "")
    assert page.highlight is None
    assert page.tree.currentItem() is None and page.tree.selectedItems() == []
    html = page.browser.toHtml()
    assert CLAUSE_HIGHLIGHT not in html and HIGHLIGHT in html


def test_a_hit_only_in_the_other_language_is_shown_marked(qtbot, window):
    """In English, "groepsapp" finds B2 through its Dutch text: show that text, marked."""
    protocol = window.rules.protocol
    text, _n = protocol_html(protocol, "en", query="groepsapp", hits=frozenset({"B2"}))
    assert f"<span style='background-color:{HIGHLIGHT}'>groepsapp</span>s" in text
    assert "Dutch: Het is niet toegestaan" in text
    assert f"<td nowrap valign='top' bgcolor='{HIGHLIGHT}'><a name='B2'>" in text
    # Found in the language shown: no second text.
    own, _n = protocol_html(protocol, "en", query="group", hits=frozenset({"B2"}))
    assert "Dutch: Het is niet toegestaan" not in own
    dutch, _n = protocol_html(protocol, "nl", query="group chats", hits=frozenset({"B2"}))
    assert (
        f"Engels: A staff member is not permitted to take part in <span style='background-color:{HIGHLIGHT}'>group</span>"
        in dutch
    )

    window.set_language("en")
    try:
        window.open_protocol()
        page = window.protocol_page
        qtbot.keyClicks(page.search, "groepsapp")
        qtbot.waitUntil(lambda: page.hit_count.text() != "")
        assert page.hit_count.text() == "1 clause found"
        shown = page.browser.toPlainText()
        assert (
            "Dutch: Het is niet toegestaan voor een medewerker om deel te nemen aan groepsapps"
            in shown
        )
        assert HIGHLIGHT in page.browser.toHtml()
    finally:
        window.set_language("nl")


# -- Start over can be undone ----------------------------------------------------------------


def test_start_over_can_be_undone_by_button_and_ctrl_z(qtbot, window):
    activate(qtbot, window)
    window.open_wizard("contact")
    page = window.wizard_page
    choose(qtbot, window, "medewerker")
    choose(qtbot, window, "verzoek")
    answers, on_screen = page.run.answers, page.run.current.id

    qtbot.mouseClick(page.restart_button, Qt.MouseButton.LeftButton)
    assert page.run.answers == {"wie": "medewerker"}  # who you are stays: the settings' role
    assert page.undo_bar.isVisibleTo(window)
    assert page.undo_bar.message.text() == _("Your answers were cleared.")
    qtbot.mouseClick(page.undo_bar.button, Qt.MouseButton.LeftButton)
    assert page.run.answers == answers and page.run.current.id == on_screen
    assert page.question_view.question.id == on_screen
    assert not page.undo_bar.isVisibleTo(window)

    qtbot.mouseClick(page.restart_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert page.run.answers == answers

    # A new answer after Start over: there is nothing to undo any more.
    qtbot.mouseClick(page.restart_button, Qt.MouseButton.LeftButton)
    choose(qtbot, window, "stagiair")
    assert not page.undo_bar.isVisibleTo(window)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert page.run.answers == {"wie": "stagiair"}


def test_start_over_on_the_first_question_offers_nothing_to_undo(qtbot, window):
    window.open_wizard("opnemen")
    qtbot.mouseClick(window.wizard_page.restart_button, Qt.MouseButton.LeftButton)
    assert not window.wizard_page.undo_bar.isVisibleTo(window)
