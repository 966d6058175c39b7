"""Driving the UI the way a user does, and reading what a user can see."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QListWidget, QWidget


def choose(qtbot, window, choice_id: str) -> None:
    """Click a choice's text, then Next.

    "Wie ben je?" is answered from the role in the settings: choosing an identity
    that was already given does nothing; choosing another one goes back to that
    question first, as a user does by clicking the answer in the list."""
    page = window.wizard_page
    run = page.run
    identity = run.wizard.identity_question if run is not None else None
    if choice_id not in page.question_view.radios and identity is not None:
        if run.answer_for(identity.id) == choice_id and run.current.id != identity.id:
            return
        if choice_id in {c.id for c in identity.choices} and identity.id in run.answers:
            go_to_answer(qtbot, window, identity.id)
    radio = page.question_view.radios[choice_id]
    qtbot.mouseClick(page.question_view.labels[choice_id], Qt.MouseButton.LeftButton)
    assert radio.isChecked()
    assert page.next_button.isEnabled()
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)


def go_to_answer(qtbot, window, question_id: str) -> None:
    """Click the given answer in the list of answers: its question comes back."""
    page = window.wizard_page
    row = [s.question.id for s in page.run.steps].index(question_id)
    item_rect = page.answers.visualItemRect(page.answers.item(row))
    qtbot.mouseClick(page.answers.viewport(), Qt.MouseButton.LeftButton, pos=item_rect.center())
    assert page.run.current.id == question_id


def visible_texts(root: QWidget) -> list[str]:
    """Every text a user can see in `root`: labels, buttons, fields, lists, menus."""
    texts: list[str] = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
    for action in root.findChildren(QAction):
        if not action.isVisible():  # a hidden action is in no menu or toolbar
            continue
        texts.append(action.text())
        if action.menu() is not None:
            texts.append(action.menu().title())
    return [" ".join(t.replace("&", "").split()) for t in texts if t and t.strip()]


class QuickNames:
    """Stands in for `deduce` in the report flow (`report_flow.name_search`): finds
    the given names as whole words, instantly, and is always ready."""

    def __init__(self, *names: str, ready: bool = True) -> None:
        self.names, self.is_ready, self.prepared = names, ready, 0

    def prepare(self) -> None:
        self.prepared += 1

    def ready(self) -> bool:
        return self.is_ready

    def finder(self, ignore):  # type: ignore[no-untyped-def]
        import re

        pattern = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in self.names) or "(?!)")
        return lambda text: [(m.start(), m.end()) for m in pattern.finditer(text)]


def wait_for(predicate: Callable[[], object], timeout: float = 15.0) -> None:
    """Run the event loop until `predicate()` holds: background work (`ui/background.py`)
    delivers its result through it. Fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting for background work"
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)


def settle(window) -> None:  # type: ignore[no-untyped-def]
    """Until the register's background task (a case being read, a purge, the daily
    backup after an unlock) has ended and its result is on screen, and no write
    waits to start after it (`RegisterSession.run_soon`, `write_later`)."""
    session = window.register_session
    wait_for(lambda: not session.busy and not session.writes_waiting)


def finish_writes(dialog) -> None:  # type: ignore[no-untyped-def]
    """Until a dialog's save has the register's answer: it is written in the background
    (`ui/dialog_write.py`), and a real `exec()` would keep the dialog open meanwhile."""
    writer = getattr(dialog, "writer", None)
    if writer is not None:
        wait_for(lambda: not writer.active)
