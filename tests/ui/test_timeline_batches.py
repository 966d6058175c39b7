"""The timeline is one document written a short batch per turn of the event loop, so
opening a 500-entry case never freezes the window (benchmarks/stalls.py measures
the stall); its actions are links a mouse and a keyboard both reach."""

from __future__ import annotations

import json
import time
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication

from klasse_desktop.cases.models import Entry
from klasse_desktop.i18n import _
from klasse_desktop.ui import timeline_view
from klasse_desktop.ui.schemes import DARK, LIGHT
from klasse_desktop.ui.style import apply_style
from klasse_desktop.ui.timeline_rows import SHOWN_CHARS
from klasse_desktop.ui.timeline_view import TimelineView


def _entries(n: int) -> list[Entry]:
    return [
        Entry(id=i, case_id=1, kind="observation", event_date=date(2026, 3, 1 + i % 28),
              recorded_at=datetime(2026, 3, 2, 9, 0), author="Directeur Test",
              text=f"Notitie {i}: gesprek met Zoë over de groepsapp 😂 en wat daar stond.")
        for i in range(1, n + 1)
    ]  # fmt: skip


def _entry(i: int, text: str, *, corrects: int | None = None, **fields: object) -> Entry:
    return Entry(id=i, case_id=1, kind=fields.pop("kind", "conversation"),
                 event_date=date(2026, 3, 4), recorded_at=datetime(2026, 3, 5, 8, 30),
                 author="Directeur Test", text=text, corrects_id=corrects, **fields)  # fmt: skip


def _shown(qtbot, entries, addenda=None) -> TimelineView:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    view.show_entries(entries, addenda or {})
    qtbot.waitUntil(lambda: view.complete)
    return view


def test_the_first_rows_come_at_once_the_rest_in_short_batches(qtbot, qapp):
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    started = time.perf_counter()
    view.show_entries(_entries(200), {})
    first = time.perf_counter() - started
    assert timeline_view.FIRST_BATCH <= len(view.rows) < 200
    assert not view.complete
    # The event loop keeps turning while the rest is written: a 10 ms timer is never
    # late by much more than one batch.
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
    assert len(view.rows) == 200 and view.complete
    assert [r.entry.id for r in view.rows] == list(range(1, 201))
    assert first < 1.0
    assert max(lateness) < 0.5, max(lateness)  # generous: CI machines are busy
    text = view.toPlainText()
    assert "Notitie 1: gesprek met Zoë" in text and "Notitie 200: gesprek" in text
    assert text.index("Notitie 199:") < text.index("Notitie 200:")


def test_showing_another_case_stops_the_old_batches(qtbot, qapp):
    view = TimelineView()
    qtbot.addWidget(view)
    view.show()
    view.show_entries(_entries(100), {})
    view.show_entries(_entries(3), {})
    qtbot.wait(200)
    assert [r.entry.id for r in view.rows] == [1, 2, 3]
    assert view.toPlainText().count("Notitie ") == 3
    view.clear_entries()
    qtbot.wait(50)
    assert view.rows == [] and view.toPlainText() == ""


def test_an_addendum_sits_under_its_entry_and_has_no_link_of_its_own(qtbot, qapp):
    first = _entry(1, "Melding van de mentor.")
    second = _entry(2, "Gesprek met de ouders van Zoë.")
    fix = _entry(3, "Correctie: het gesprek was op 3 november.", corrects=2)
    view = _shown(qtbot, [first, second], {2: [fix]})
    assert view.order() == [(1, None), (2, None), (3, 2)]
    add = _("Add addendum…")
    assert view.links() == [("addendum", 1, add), ("addendum", 2, add)]
    addendum = view.rows[2]
    assert addendum.heading.startswith(_("Addendum · {date}").split("{")[0])
    text = view.toPlainText()
    assert text.index("Gesprek met de ouders") < text.index("Correctie: het gesprek")


def test_clicking_a_link_asks_for_an_addendum_to_that_entry(qtbot, qapp):
    view = _shown(qtbot, [_entry(1, "Eerste notitie."), _entry(2, "Tweede notitie.")])
    position = view.link_position("addendum", 2)
    assert position is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(position + 2)
    point = view.cursorRect(cursor).center()
    assert view.anchorAt(point) == "addendum:2"
    with qtbot.waitSignal(view.addendum_requested) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == [2]


def test_the_keyboard_reaches_every_link_with_tab_and_opens_it_with_enter(qtbot, qapp):
    view = _shown(qtbot, [_entry(1, "Eerste notitie."), _entry(2, "Tweede notitie.")])
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    requested: list[int] = []
    view.addendum_requested.connect(requested.append)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.textCursor().selectedText() == _("Add addendum…")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert requested == [2]


def test_a_long_text_is_cut_and_opens_whole_in_a_viewer(qtbot, qapp):
    chat = "\n".join(f"[14:{m:02d}] Mo: kijk dan 😂😂" for m in range(60)) * 4
    assert len(chat) > SHOWN_CHARS
    view = _shown(qtbot, [_entry(7, chat)])
    assert ("fulltext", 7, _("Show the whole text")) in view.links()
    shown = view.toPlainText()
    assert "[14:00] Mo: kijk dan 😂😂\n[14:01] Mo: kijk dan" in shown  # lines as typed
    assert shown.count("[14:") < chat.count("[14:")
    requested: list[int] = []
    view.full_text_requested.connect(requested.append)
    view.anchorClicked.emit(QUrl("fulltext:7"))
    assert requested == [7]


def test_a_wizard_outcome_shows_its_verdict_in_the_kind_colour(qtbot, qapp):
    record = json.dumps({"kind": "report", "verdict": "Meld dit bij de directeur."})
    view = _shown(qtbot, [_entry(1, "Uitkomst van de hulp.", kind="wizard_outcome",
                                 wizard_record=record)])  # fmt: skip
    row = view.rows[0]
    assert row.verdict is not None and "Meld dit bij de directeur." in row.verdict[1]
    found = view.document().find("Meld dit bij de directeur.")
    assert not found.isNull()
    colour = found.charFormat().foreground().color()
    assert colour != QColor(LIGHT.text) and colour.alpha() == 255


def test_text_can_be_selected_and_copied(qtbot, qapp):
    view = _shown(qtbot, [_entry(1, "Vader van محمد العلي belde om 8:15.")])
    found = view.document().find("محمد العلي")
    view.setTextCursor(found)
    view.copy()
    assert QApplication.clipboard().text() == "محمد العلي"
    assert view.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_the_dark_scheme_writes_the_timeline_again_in_its_colours(qtbot, qapp):
    app = QGuiApplication.instance()
    assert isinstance(app, QApplication)
    apply_style(app, dark=False)
    try:
        view = _shown(qtbot, [_entry(1, "Een notitie in het licht.")])
        cursor = view.document().find("Een notitie")
        assert cursor.charFormat().foreground().color() == QColor(LIGHT.text)
        apply_style(app, dark=True)
        qtbot.waitUntil(lambda: view.complete and len(view.rows) == 1)
        cursor = view.document().find("Een notitie")
        assert cursor.charFormat().foreground().color() == QColor(DARK.text)
    finally:
        apply_style(app, dark=False)


def test_an_empty_case_says_how_to_begin(qtbot, qapp):
    view = TimelineView()
    qtbot.addWidget(view)
    view.empty_text = "Nog geen notities."
    view.show_entries([], {})
    assert view.complete and view.rows == []
    assert view.toPlainText() == "Nog geen notities."


def test_ctrl_tab_leaves_a_long_timeline_at_once(qtbot, qapp):
    from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    view, after = TimelineView(), QPushButton("Partij toevoegen…")
    layout.addWidget(view)
    layout.addWidget(after)
    page.show()
    view.show_entries(_entries(300), {})
    qtbot.waitUntil(lambda: view.complete)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert after.hasFocus()
    assert "Ctrl+Tab" in view.accessibleDescription()


def test_paragraphs_as_typed_each_in_its_own_direction(qtbot, qapp):
    typed = "قال والد محمد العلي إن ابنه رسائل kreeg.\r\nTweede regel, met محمد erin."
    view = _shown(qtbot, [_entry(1, typed)])
    arabic = view.document().find("قال والد").block()
    dutch = view.document().find("Tweede regel").block()
    assert arabic != dutch  # a Windows line break starts a new paragraph, no stray \r
    assert arabic.textDirection() == Qt.LayoutDirection.RightToLeft
    assert dutch.textDirection() == Qt.LayoutDirection.LeftToRight
    assert "\r" not in view.toPlainText()


def test_a_screen_reader_hears_which_entry_a_link_belongs_to(qtbot, qapp, monkeypatch):
    heard: list[str] = []

    class Recorder:
        @staticmethod
        def updateAccessibility(event):
            heard.append(event.message())

    monkeypatch.setattr(timeline_view, "QAccessible", Recorder)
    view = _shown(qtbot, [_entry(1, "Eerste notitie."), _entry(2, "Tweede notitie.")])
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    expected = _("{action} — {entry}").format(action=_("Add addendum…"), entry=view.rows[1].heading)
    assert heard[-1] == expected


def test_long_pasted_chats_come_a_few_at_a_time(qtbot, qapp):
    """Qt lays out what a batch wrote before it paints: a batch holds a screenful of
    short notes, but only as much long text as lays out within a frame or two."""
    chat = "\n".join(f"[14:{m:02d}] Mo: kijk dan wat Noor zet 😂 echt niet oké" for m in range(80))
    view = TimelineView()
    qtbot.addWidget(view)
    view.show()
    view.show_entries([_entry(i, chat) for i in range(1, 41)], {})
    assert len(chat) > timeline_view.BATCH_CHARS // 2
    assert 1 <= len(view.rows) <= 2
    qtbot.waitUntil(lambda: view.complete, timeout=30_000)
    assert [r.entry.id for r in view.rows] == list(range(1, 41))


def test_a_larger_font_writes_the_headings_again_in_proportion(qtbot, qapp):
    view = _shown(qtbot, [_entry(1, "Een notitie.")])
    heading = view.rows[0].heading
    before = view.document().find(heading).charFormat().fontPointSize()
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    view.setFont(font)
    qtbot.waitUntil(lambda: view.complete and len(view.rows) == 1)
    after = view.document().find(heading).charFormat().fontPointSize()
    assert after == pytest.approx(before * 1.5, rel=0.01)
