"""Window-wide keys that a text box would otherwise keep for itself.

A QLineEdit claims Ctrl+Home ("to the start of the text") before the window's
shortcut sees it, so "Start screen" did nothing while the cursor was in a search
box, the place a keyboard user is most of the time. In a one-line box Home does
the same as Ctrl+Home, so nothing is lost by letting the window have it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget


class PassWindowKeys(QObject):
    """Installed on line edits: the listed keys go to the window's actions."""

    def __init__(self, keys: Callable[[], list[QKeySequence]], parent: QObject) -> None:
        super().__init__(parent)
        self.keys = keys  # asked at each key press: shortcuts can change

    def watch(self, root: QWidget) -> None:
        """Every line edit under `root` (a page, built once) lets the keys through."""
        for edit in root.findChildren(QLineEdit):
            edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        pressed = QKeySequence(event.keyCombination())
        if any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in self.keys()):
            event.ignore()  # not overridden: the window's shortcut gets the key
            return True
        return False
