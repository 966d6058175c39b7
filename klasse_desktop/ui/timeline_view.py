"""A case's timeline: entries in date order, each addendum directly under what it corrects.

Each entry is a card of wrapping labels, not a row in a list view: entries are
paragraphs (a pasted chat log can be long), and labels wrap and scale with the
font where item views do not. Every card shows both dates (the event, and when
it was written down, by whom); a wizard outcome shows its verdict with symbol,
words and colour. There is no edit action: a card offers "Add addendum…".
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal
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


class TimelineView(QScrollArea):
    addendum_requested = Signal(int)  # id of the entry to correct
    full_text_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # A named region: the keyboard scrolls a long timeline from here.
        self.setAccessibleName(_("Timeline"))
        self.cards: list[EntryCard] = []
        self.empty_text = ""
        self.clear()

    def show_entries(self, entries: list[Entry], addenda: dict[int, list[Entry]]) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(8)
        self.cards = []
        ids = {e.id for e in entries}

        def add(entry: Entry, corrected: Entry | None, depth: int) -> None:
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
            for addendum in addenda.get(entry.id or -1, []):
                add(addendum, entry, depth + 1)

        for entry in entries:
            if entry.corrects_id is None or entry.corrects_id not in ids:
                add(entry, None, 0)
        if not self.cards:
            layout.addWidget(_label(self.empty_text, "helpText"))
        layout.addStretch(1)
        self._replace(body)

    def order(self) -> list[tuple[int | None, int | None]]:
        """(entry id, id of the entry it corrects) top to bottom, as shown."""
        return [(c.entry.id, c.corrected.id if c.corrected else None) for c in self.cards]

    def clear(self) -> None:
        self.cards = []
        self._replace(QWidget())

    def _replace(self, body: QWidget) -> None:
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(body)
