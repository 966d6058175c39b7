"""Work deferred until the first paint runs after it, once, in order, and never
for a widget that is gone."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from klasse_desktop.ui.first_paint import after_first_paint


class PaintLog(QObject):
    """Records, in order, each Paint event of the watched widgets."""

    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def test_work_waits_for_the_paint_and_runs_once_in_order(qtbot):
    outer = QWidget()
    qtbot.addWidget(outer)
    inner = QLabel("Mag ik dit plaatsen?", outer)
    QVBoxLayout(outer).addWidget(inner)
    log: list[str] = []
    paints = PaintLog(log)
    inner.installEventFilter(paints)
    after_first_paint(inner, lambda: log.append("first"))
    after_first_paint(inner, lambda: log.append("second"))
    qtbot.wait(20)
    assert log == []  # not shown, not painted: nothing ran
    outer.show()
    qtbot.waitUntil(lambda: "second" in log)
    assert log.index("paint") < log.index("first") < log.index("second")
    outer.update()
    qtbot.wait(50)
    assert log.count("first") == 1 and log.count("second") == 1


def test_work_asked_for_after_the_first_paint_still_runs(qtbot):
    widget = QLabel("Hoe meld ik dit?")
    qtbot.addWidget(widget)
    ran: list[str] = []
    after_first_paint(widget, lambda: ran.append("early"))
    widget.show()
    qtbot.waitUntil(lambda: ran == ["early"])
    after_first_paint(widget, lambda: ran.append("late"))
    qtbot.waitUntil(lambda: ran == ["early", "late"])


def test_work_for_a_widget_deleted_before_its_paint_is_dropped(qtbot):
    widget = QLabel("Online discussie")
    ran: list[str] = []
    after_first_paint(widget, lambda: ran.append("ran"))
    widget.deleteLater()
    qtbot.wait(20)
    other = QLabel("ander venster")
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    qtbot.wait(50)
    assert ran == []


def test_work_for_a_widget_that_is_never_painted_runs_after_half_a_second(qtbot):
    hidden = QLabel("Vervolgstappen")
    qtbot.addWidget(hidden)
    ran: list[str] = []
    after_first_paint(hidden, lambda: ran.append("ran"))
    qtbot.wait(100)
    assert ran == []
    qtbot.waitUntil(lambda: ran == ["ran"], timeout=2000)
