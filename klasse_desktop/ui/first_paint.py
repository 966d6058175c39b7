"""Work that waits until a widget has been painted once.

A zero-timeout timer is not enough: Qt runs it before the window's first paint,
so the teacher would wait for it. An event filter on the widget sees its first
Paint event and only then schedules the work, once, in the order it was asked
for. The filter sits on that one widget, not on the application: an app-wide
Python filter would see every event of the start-up and cost more than it saves.

Give it a widget that paints itself (a window, a label with text): a container
whose area is covered by opaque children (a scroll area's viewport) gets no Paint
event of its own. Should no paint come at all (a hidden widget), the work runs
after half a second anyway. Start-up is a feature; see benchmarks/startup.py.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 500


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)  # goes with the widget, and its work with it
        self.pending: list[Callable[[], None]] = []
        self.painted = False
        self.widget = widget
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint and not self.painted:
            self._fire()
        return False

    def _fire(self) -> None:
        if not self.painted:
            self.painted = True
            self.widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)

    def _run(self) -> None:
        while self.pending:
            self.pending.pop(0)()


def after_first_paint(widget: QWidget, work: Callable[[], None]) -> None:
    """Run `work` once `widget` has been painted; soon, if it already was.

    The work is tied to the widget: if the widget goes first, the work goes too."""
    watcher = next((c for c in widget.children() if isinstance(c, _FirstPaint)), None)
    if watcher is None:
        watcher = _FirstPaint(widget)
    if watcher.painted and not watcher.pending:
        QTimer.singleShot(0, watcher, watcher._run)
    watcher.pending.append(work)
