"""Keeping hands off the register's controls while a background task uses it.

Input to the guarded widgets (clicks, keys, their shortcuts, drops) is refused the
moment a task starts, so nothing can start a second task or write on the UI
thread meanwhile: refused, not queued. The widgets are drawn disabled only if the
task takes longer than `DISABLE_AFTER_MS`: reading a case takes a few dozen
milliseconds, and greying the whole page for that would make it flicker on every
change. Other windows (the task's own busy window, a message box) are not guarded.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

DISABLE_AFTER_MS = 250
BLOCKED = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress,
        QEvent.Type.Shortcut,
        QEvent.Type.Drop,
        QEvent.Type.ContextMenu,
    }
)


class BusyGuard(QObject):
    """Engaged while a task runs; released when it ends."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.widgets: list[QWidget] = []
        self.engaged = False
        self._greyed: list[QWidget] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._grey)

    def add(self, *widgets: QWidget) -> None:
        self.widgets.extend(widgets)
        if self.engaged:
            self._grey()

    def engage(self) -> None:
        if self.engaged:
            return
        self.engaged = True
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer.start(DISABLE_AFTER_MS)

    def release(self) -> None:
        if not self.engaged:
            return
        self.engaged = False
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        greyed, self._greyed = self._greyed, []
        for widget in greyed:
            if isValid(widget):
                widget.setEnabled(True)

    def _grey(self) -> None:
        for widget in self._live():
            if widget.isEnabled() and all(widget is not w for w in self._greyed):
                widget.setEnabled(False)
                self._greyed.append(widget)

    def _live(self) -> list[QWidget]:
        self.widgets = [w for w in self.widgets if isValid(w)]
        return self.widgets

    def guards(self, target: QObject | None) -> bool:
        """Whether `target` is one of the guarded widgets or inside one (in the same
        window: a dialog opened from a guarded page is a window of its own)."""
        roots = self._live()
        while target is not None:
            if any(target is root for root in roots):
                return True
            if isinstance(target, QWidget) and target.isWindow():
                return False
            target = target.parent()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        return event.type() in BLOCKED and self.guards(watched)
