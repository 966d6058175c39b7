"""A one-line notice with an Undo button, for a step that is easy to take by mistake.

"Start over" throws away every answer with one click, next to "Previous". Asking
"are you sure?" each time would slow down everyone who meant it; offering Undo
(also Ctrl+Z) until the next answer costs nobody anything.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from klasse_desktop.i18n import _


class UndoBar(QFrame):
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setProperty("card", True)  # the app's style: a bordered card
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.undo_requested.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.addWidget(self.message, 1)
        row.addWidget(self.button)
        # Ctrl+Z anywhere on the page that holds the bar, while the bar is shown.
        self.shortcut = QShortcut(QKeySequence.StandardKey.Undo, parent or self)
        self.shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcut.activated.connect(self._shortcut_used)
        self.shortcut.setEnabled(False)
        self.hide()
        self.retranslate()

    def offer(self, message: str) -> None:
        self.message.setText(message)
        self.shortcut.setEnabled(True)
        self.show()

    def withdraw(self) -> None:
        self.shortcut.setEnabled(False)
        self.hide()

    def _shortcut_used(self) -> None:
        if self.isVisible():
            self.undo_requested.emit()

    def retranslate(self) -> None:
        self.button.setText(_("&Undo"))
        key = self.shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
        self.button.setToolTip(key)
