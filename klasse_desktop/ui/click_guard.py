"""Buttons that ignore the mouse for a moment after they appear.

A double-click on "Next" on a wizard's last question is a click on "Next" and a
second click on whatever is under the pointer once the outcome is shown. The
wizard page keeps that spot empty; this guard is the second line: for a
double-click interval after `arm()`, presses on the guarded buttons are
swallowed. Only mouse presses are: the keyboard and `click()` work at once.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QApplication

MOUSE_PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick})


class ClickGuard(QObject):
    def __init__(self, buttons: list[QAbstractButton], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = QElapsedTimer()
        for button in buttons:
            button.installEventFilter(self)

    def arm(self) -> None:
        """The guarded buttons just appeared after a click: ignore the pointer briefly."""
        self.clock.start()

    def disarm(self) -> None:
        self.clock.invalidate()

    @property
    def armed(self) -> bool:
        return self.clock.isValid() and self.clock.elapsed() < QApplication.doubleClickInterval()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        return event.type() in MOUSE_PRESSES and self.armed
