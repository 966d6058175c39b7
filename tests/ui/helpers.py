"""Driving the UI the way a user does, and reading what a user can see."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QListWidget, QWidget


def choose(qtbot, window, choice_id: str) -> None:
    """Click a choice's text, then Next."""
    page = window.wizard_page
    radio = page.question_view.radios[choice_id]
    qtbot.mouseClick(page.question_view.labels[choice_id], Qt.MouseButton.LeftButton)
    assert radio.isChecked()
    assert page.next_button.isEnabled()
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)


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
