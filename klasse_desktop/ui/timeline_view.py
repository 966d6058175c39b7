"""A case's timeline: entries in date order, each addendum directly under what it corrects.

Each entry is a card of wrapping labels, not a row in a list view: entries are
paragraphs (a pasted chat log can be long), and labels wrap and scale with the
font where item views do not. Every card shows both dates (the event, and when
it was written down, by whom); a wizard outcome shows its verdict with symbol,
words and colour. There is no edit action: a card offers "Add addendum…".
"""

from __future__ import annotations

import json
import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.models import Entry, EntryKind
from klasse_desktop.i18n import _
from klasse_desktop.protocol.labels import KIND_SYMBOLS, kind_label
from klasse_desktop.protocol.models import OutcomeKind
from klasse_desktop.ui.case_labels import entry_kind_label, long_date, moment
from klasse_desktop.ui.flow_layout import FlowLayout
from klasse_desktop.ui.forms import OneLineFirst
from klasse_desktop.ui.style import scale_font
from klasse_desktop.ui.verdict_style import KIND_COLOURS

SHOWN_CHARS = 4000  # longer texts (pasted chat logs) open in a viewer


def _label(text: str, name: str = "", cls: type[QLabel] = QLabel) -> QLabel:
    label = cls(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def verdict_of(entry: Entry) -> tuple[str, str] | None:
    """(outcome kind, "symbol words — verdict") of a wizard-outcome entry, else None."""
    if entry.kind != EntryKind.WIZARD_OUTCOME or not entry.wizard_record:
        return None
    try:
        record = json.loads(entry.wizard_record)
        kind = OutcomeKind(record["kind"])
    except (ValueError, KeyError, TypeError):
        return None
    words = f"{KIND_SYMBOLS[kind]} {kind_label(kind)}"
    verdict = str(record.get("verdict") or "")
    return kind.value, f"{words} — {verdict}" if verdict else words


class EntryCard(QFrame):
    addendum_requested = Signal(int)
    full_text_requested = Signal(int)

    def __init__(self, entry: Entry, *, corrected: Entry | None = None) -> None:
        super().__init__()
        self.entry, self.corrected = entry, corrected
        self.setProperty("card", True)
        self.setObjectName("addendumCard" if corrected else "entryCard")
        layout = QVBoxLayout(self)
        layout.setSpacing(3)
        if corrected is not None:  # shown right under what it corrects: no need to repeat it
            heading = _("Addendum · {date}").format(date=long_date(entry.event_date))
            name = _("Addendum to the entry of {date}").format(date=long_date(corrected.event_date))
        else:
            heading = _("{date} · {kind}").format(
                date=long_date(entry.event_date), kind=entry_kind_label(entry.kind)
            )
            name = heading
        self.heading = _label(heading, "entryHeading", OneLineFirst)
        scale_font(self.heading, 1.05, bold=True)
        # The button sits beside the heading (one line less per entry), or under it in a
        # narrow timeline, so the date never wraps one word per line.
        top = FlowLayout(spacing=self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(self.heading)
        if corrected is None:
            self.addendum_button = QPushButton(_("Add addendum…"))
            self.addendum_button.setAccessibleName(
                _("Add an addendum to the entry of {date}").format(date=long_date(entry.event_date))
            )
            self.addendum_button.clicked.connect(lambda: self.addendum_requested.emit(entry.id))
            top.add_right(self.addendum_button)
        layout.addLayout(top)
        meta = _("Written down {moment} by {author}").format(
            moment=moment(entry.recorded_at), author=entry.author
        )
        if entry.reported_to:
            meta += "\n" + _("Reported to: {whom}").format(whom=entry.reported_to)
        self.meta = _label(meta, "helpText")
        layout.addWidget(self.meta)
        self.verdict: QLabel | None = None
        verdict = verdict_of(entry)
        if verdict is not None:
            kind, text = verdict
            self.verdict = _label(text, "entryVerdict")
            self.verdict.setStyleSheet(f"color: {KIND_COLOURS[OutcomeKind(kind)]};")
            scale_font(self.verdict, 1.05, bold=True)
            layout.addWidget(self.verdict)
        shown = entry.text
        if len(shown) > SHOWN_CHARS:
            shown = shown[:SHOWN_CHARS] + "…"
        self.text = _label(shown, "entryText")
        layout.addWidget(self.text)
        if len(entry.text) > SHOWN_CHARS:
            more = QPushButton(_("Show the whole text"))
            more.clicked.connect(lambda: self.full_text_requested.emit(entry.id))
            layout.addWidget(more, 0, Qt.AlignmentFlag.AlignRight)
        self.setAccessibleName(name)


# Cards drawn at once (a screenful and more), then batches of at most this long.
FIRST_BATCH = 12
BATCH_S = 0.010


class TimelineView(QScrollArea):
    addendum_requested = Signal(int)  # id of the entry to correct
    full_text_requested = Signal(int)
    completed = Signal()  # the last card is drawn

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # A named region: the keyboard scrolls a long timeline from here.
        self.setAccessibleName(_("Timeline"))
        self.cards: list[EntryCard] = []
        self.empty_text = ""
        self._generation = 0
        self._pending: list[tuple[Entry, Entry | None, int]] = []
        self._layout: QVBoxLayout | None = None
        self.clear()

    def show_entries(self, entries: list[Entry], addenda: dict[int, list[Entry]]) -> None:
        """The first cards at once, the rest a batch per turn of the event loop: a
        card costs ~6 ms to build, so a 500-entry case drawn in one go froze the
        window for 3 s (benchmarks/stalls.py)."""
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(8)
        self.cards = []
        self._generation += 1
        ids = {e.id for e in entries}
        rows: list[tuple[Entry, Entry | None, int]] = []

        def collect(entry: Entry, corrected: Entry | None, depth: int) -> None:
            rows.append((entry, corrected, depth))
            for addendum in addenda.get(entry.id or -1, []):
                collect(addendum, entry, depth + 1)

        for entry in entries:
            if entry.corrects_id is None or entry.corrects_id not in ids:
                collect(entry, None, 0)
        if not rows:
            layout.addWidget(_label(self.empty_text, "helpText"))
        layout.addStretch(1)
        self._replace(body)
        self._pending = rows[::-1]  # popped from the end: in order, without shifting
        self._layout = layout
        self._add_batch(self._generation, FIRST_BATCH)

    @property
    def complete(self) -> bool:
        """Every card is drawn (the last batches come after `show_entries` returns)."""
        return not self._pending

    def _add_batch(self, generation: int, at_least: int = 0) -> None:
        """One batch of cards in a widget of its own: the page's layout then measures
        each batch once (Qt keeps the height of a batch it has measured), instead of
        measuring every card again for every card added."""
        if generation != self._generation or self._layout is None:
            return  # another case (or none) is on screen now
        chunk = QWidget()
        chunk_layout = QVBoxLayout(chunk)
        chunk_layout.setContentsMargins(0, 0, 0, 0)
        chunk_layout.setSpacing(self._layout.spacing())
        started = time.perf_counter()
        added = 0
        while self._pending and (added < at_least or time.perf_counter() - started < BATCH_S):
            entry, corrected, depth = self._pending.pop()
            self._add_card(chunk_layout, entry, corrected, depth)
            added += 1
        self._layout.insertWidget(self._layout.count() - 1, chunk)  # before the stretch
        chunk.show()  # added to a page that may already be on screen
        if self._pending:
            QTimer.singleShot(0, lambda: self._add_batch(generation))
        else:
            self.completed.emit()

    def _add_card(self, layout: QVBoxLayout, entry: Entry, corrected: Entry | None,
                  depth: int) -> None:  # fmt: skip
        card = EntryCard(entry, corrected=corrected)
        card.addendum_requested.connect(self.addendum_requested.emit)
        card.full_text_requested.connect(self.full_text_requested.emit)
        if depth:
            card.setProperty("indented", True)  # the app's style sheet draws a bar
            indent = QHBoxLayout()
            indent.setContentsMargins(card.fontMetrics().averageCharWidth() * 4 * depth,
                                      0, 0, 0)  # fmt: skip
            indent.addWidget(card)
            layout.addLayout(indent)
        else:
            layout.addWidget(card)
        self.cards.append(card)

    def order(self) -> list[tuple[int | None, int | None]]:
        """(entry id, id of the entry it corrects) top to bottom, as shown."""
        return [(c.entry.id, c.corrected.id if c.corrected else None) for c in self.cards]

    def clear(self) -> None:
        self.cards = []
        self._generation += 1
        self._pending = []
        self._replace(QWidget())

    def _replace(self, body: QWidget) -> None:
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(body)
