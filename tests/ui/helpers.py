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
