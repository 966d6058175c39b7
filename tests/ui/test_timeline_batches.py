"""A long timeline is drawn a batch per turn of the event loop, so opening a
500-entry case never freezes the window (benchmarks/stalls.py measures the stall)."""

from __future__ import annotations

import time
from datetime import date, datetime

from PySide6.QtCore import QTimer

from klasse_desktop.cases.models import Entry
from klasse_desktop.ui import timeline_view
from klasse_desktop.ui.timeline_view import TimelineView


def _entries(n: int) -> list[Entry]:
    return [
        Entry(id=i, case_id=1, kind="observation", event_date=date(2026, 3, 1 + i % 28),
              recorded_at=datetime(2026, 3, 2, 9, 0), author="Directeur Test",
              text=f"Notitie {i}: gesprek met Zoë over de groepsapp 😂 en wat daar stond.")
        for i in range(1, n + 1)
    ]  # fmt: skip


def test_the_first_cards_come_at_once_the_rest_in_short_batches(qtbot, qapp):
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    started = time.perf_counter()
    view.show_entries(_entries(200), {})
    first = time.perf_counter() - started
    assert timeline_view.FIRST_BATCH <= len(view.cards) < 200
    assert not view.complete
    # The event loop keeps turning while the rest is drawn: a 10 ms timer is never late
    # by much more than one batch.
    lateness: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        lateness.append(now - last[0] - 0.010)
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    with qtbot.waitSignal(view.completed, timeout=30_000):
        pass
    timer.stop()
    assert len(view.cards) == 200 and view.complete
    assert [c.entry.id for c in view.cards] == list(range(1, 201))
    assert first < 1.0
    assert max(lateness) < 0.5, max(lateness)  # generous: CI machines are busy


def test_showing_another_case_stops_the_old_batches(qtbot, qapp):
    view = TimelineView()
    qtbot.addWidget(view)
    view.show()
    view.show_entries(_entries(100), {})
    view.show_entries(_entries(3), {})
    qtbot.wait(200)
    assert [c.entry.id for c in view.cards] == [1, 2, 3]
