"""Notices when nobody has touched keyboard or mouse for a while, app-wide; and the
lock key (Ctrl+L) in windows the main window's shortcut cannot reach.

An event filter on the application sees every key and mouse event, whichever
window has it. It is installed only while the case register is open, so the
app pays nothing for it otherwise. A modal dialog (a new entry, saving a case
note) blocks the main window's shortcuts, so the lock key would do nothing
exactly when case data is on screen: the filter sees that key press and asks
for the lock itself (`lock_requested`). Time is wall-clock time, not a monotonic
clock: a monotonic clock stops while a laptop sleeps, and a register left open
overnight must lock the moment the lid opens.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence

CHECK_EVERY_MS = 10_000

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    idle = Signal()
    lock_requested = Signal()  # a lock key pressed where the window's shortcut is blocked

    def __init__(
        self, minutes: int, parent: QObject | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(parent)
        self.minutes = minutes
        self.clock = clock
        self.last_input = clock()
        self.running = False
        self.lock_keys: list[QKeySequence] = []
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and not self.running:
            app.installEventFilter(self)
        self.running = True
        self.last_input = self.clock()
        self.timer.start()

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self.running:
            app.removeEventFilter(self)
        self.running = False
        self.timer.stop()

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes

    def idle_seconds(self) -> float:
        return self.clock() - self.last_input

    def check(self) -> None:
        if self.running and self.idle_seconds() >= self.minutes * 60:
            self.stop()
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in INPUT_EVENTS:
            self.last_input = self.clock()
            if kind == QEvent.Type.KeyPress and self.lock_keys and self._is_lock_key(event):
                self.lock_requested.emit()
                return True
        return False

    def _is_lock_key(self, event: QEvent) -> bool:
        assert isinstance(event, QKeyEvent)
        pressed = QKeySequence(event.keyCombination())
        return any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch
                   for key in self.lock_keys)  # fmt: skip
