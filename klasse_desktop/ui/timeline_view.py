"""A case's timeline: entries in date order, each addendum directly under what it
corrects, as one read-only document.

One document, not a widget per entry: a card of labels and a button cost ~6 ms to
build and Qt laid out every card again as more arrived, so a 500-entry case froze
the window for close to a second (benchmarks/stalls.py). A QTextDocument lays out
only what was added, paints only what is on screen, and keeps what a director
expects of text: it wraps, scales with the font, can be selected and copied, and
reads right-to-left where a note does. Each entry is a framed block; its actions
("Add addendum…", "Show the whole text") are links, reached with Tab and opened
with Enter like every link in a browser. There is no edit action.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QColor,
    QFont,
    QKeyEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFrameFormat,
)
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QTextBrowser, QWidget

from klasse_desktop.cases.models import Entry
from klasse_desktop.i18n import _
from klasse_desktop.ui.style import current_scheme
from klasse_desktop.ui.timeline_rows import Placed, TimelineRow, row_for, timeline_order
from klasse_desktop.ui.verdict_style import KIND_COLOURS

# Rows written at once (a screenful at 1366×768), then batches of about this long (the
# layout of what a batch added comes on top).
FIRST_BATCH = 8
BATCH_S = 0.005
BATCH_CHARS = 6000  # and about this much text: Qt lays out each batch before painting
ADDENDUM, FULL_TEXT = "addendum", "fulltext"  # the links' schemes


class TimelineView(QTextBrowser):
    addendum_requested = Signal(int)  # id of the entry to correct
    full_text_requested = Signal(int)
    completed = Signal()  # the last row is written

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)  # the links are actions, handled here
        self.setUndoRedoEnabled(False)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(2)
        self.anchorClicked.connect(self._follow)
        self.setAccessibleName(_("Timeline"))
        self.setAccessibleDescription(
            _("Tab goes from link to link (Add addendum…), Enter opens one. "
              "Ctrl+Tab leaves the timeline.")
        )  # fmt: skip
        self.empty_text = ""
        self.rows: list[TimelineRow] = []  # written so far, top to bottom
        self._pending: list[Placed] = []
        self._generation = 0
        self._shown: tuple[list[Entry], dict[int, list[Entry]]] | None = None
        self._formats = _Formats(self.font())

    # -- what is shown ----------------------------------------------------------------

    def show_entries(self, entries: list[Entry], addenda: dict[int, list[Entry]]) -> None:
        """The first rows at once, the rest a short batch per turn of the event loop."""
        self._shown = (entries, addenda)
        self._start(timeline_order(entries, addenda))

    def clear_entries(self) -> None:
        """Nothing of the case stays on screen (locking, another case)."""
        self._shown = None
        self._generation += 1
        self._pending = []
        self.rows = []
        self.document().clear()

    @property
    def complete(self) -> bool:
        """Every row is written (the last batches come after `show_entries` returns)."""
        return not self._pending

    def order(self) -> list[tuple[int | None, int | None]]:
        """(entry id, id of the entry it corrects) top to bottom, as shown."""
        return [(r.entry.id, r.corrected.id if r.corrected else None) for r in self.rows]

    def links(self) -> list[tuple[str, int, str]]:
        """(action, entry id, link text) of every link written, top to bottom."""
        found: list[tuple[str, int, str]] = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                href = fragment.charFormat().anchorHref()
                if href:
                    url = QUrl(href)
                    found.append((url.scheme(), int(url.path()), fragment.text()))
                it += 1
            block = block.next()
        return found

    def link_position(self, action: str, entry_id: int) -> int | None:
        """Where in the document the link of `action` for `entry_id` starts."""
        block = self.document().begin()
        wanted = _href(action, entry_id)
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.charFormat().anchorHref() == wanted:
                    return fragment.position()
                it += 1
            block = block.next()
        return None

    # -- writing ----------------------------------------------------------------------

    def _start(self, rows: list[Placed]) -> None:
        self._generation += 1
        self.rows = []
        self.document().clear()
        self._formats = _Formats(self.font())
        if not rows:
            cursor = QTextCursor(self.document())
            cursor.insertText(self.empty_text, self._formats.muted)
        self._pending = rows[::-1]  # popped from the end: in order, without shifting
        self._add_batch(self._generation, FIRST_BATCH)

    def _add_batch(self, generation: int, at_least: int = 0) -> None:
        if generation != self._generation:
            return  # another case (or none) is on screen now
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()
        started = time.perf_counter()
        added = written = 0

        def room() -> bool:
            if written >= BATCH_CHARS:  # laying out what was written comes after
                return False
            return added < at_least or time.perf_counter() - started < BATCH_S

        while self._pending and (added == 0 or room()):
            row = row_for(*self._pending.pop())
            self._write(cursor, row)
            self.rows.append(row)
            added += 1
            written += len(row.text)
        cursor.endEditBlock()
        if self._pending:
            QTimer.singleShot(0, lambda: self._add_batch(generation))
        else:
            self.completed.emit()

    def _write(self, cursor: QTextCursor, row: TimelineRow) -> None:
        """One entry as a framed block: heading (and its link), who and when, a
        verdict, the text as typed (each line its own paragraph), the viewer link."""
        f = self._formats
        root = self.document().rootFrame()
        # Between two frames the document keeps an empty paragraph: a narrow gap.
        cursor.setBlockFormat(f.gap)
        cursor.setBlockCharFormat(f.gap_text)
        cursor.insertFrame(f.frame(row.depth))
        cursor.setBlockFormat(f.first)
        cursor.insertText(row.heading, f.heading)
        if row.can_be_corrected:
            cursor.insertText("\u2003", f.body)
            cursor.insertText(_("Add addendum…"), f.link(_href(ADDENDUM, row.entry.id)))
        cursor.insertBlock(f.block, f.muted)
        cursor.insertText(row.meta, f.muted)
        if row.verdict is not None:
            kind, words = row.verdict
            cursor.insertBlock(f.spaced, f.verdict(KIND_COLOURS[kind]))
            cursor.insertText(words, f.verdict(KIND_COLOURS[kind]))
        for index, line in enumerate(row.text.splitlines() or [""]):  # paragraphs as typed
            cursor.insertBlock(f.block if index else f.spaced, f.body)
            cursor.insertText(line, f.body)
        if row.truncated:
            cursor.insertBlock(f.right, f.body)
            cursor.insertText(_("Show the whole text"), f.link(_href(FULL_TEXT, row.entry.id)))
        cursor.setPosition(root.lastPosition())

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt API
        """Tab goes to the next link (QTextBrowser); then it is announced."""
        moved: bool = super().focusNextPrevChild(next)
        if self.hasFocus():
            self._link_chosen()
        return moved

    def _link_chosen(self) -> None:
        """The link Tab selected: the selection covers exactly its words."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return
        probe = QTextCursor(self.document())
        probe.setPosition(cursor.selectionStart() + 1)
        href = probe.charFormat().anchorHref()
        if href:
            self._announce(QUrl(href))

    def _announce(self, url: QUrl) -> None:
        """Tab to a link: a screen reader says which entry it belongs to ("Aanvulling
        toevoegen… — 3 maart 2026 · Gesprek"); the link's own words do not say it."""
        try:
            entry_id = int(url.path())
        except ValueError:
            return
        row = next((r for r in self.rows if r.entry.id == entry_id), None)
        if row is None or not self.hasFocus():
            return
        words = _("Add addendum…") if url.scheme() == ADDENDUM else _("Show the whole text")
        text = _("{action} — {entry}").format(action=words, entry=row.heading)
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))

    def _follow(self, url: QUrl) -> None:
        try:
            entry_id = int(url.path())
        except ValueError:
            return
        if url.scheme() == ADDENDUM:
            self.addendum_requested.emit(entry_id)
        elif url.scheme() == FULL_TEXT:
            self.full_text_requested.emit(entry_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Ctrl+Tab leaves the timeline at once; Tab alone visits every link first,
        which in a long case is hundreds of presses."""
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if control and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            QAbstractScrollArea.focusNextPrevChild(self, forward)
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        """Colours and heading sizes are written into the text: a switch to dark (or
        back) or another font size writes the timeline again."""
        super().changeEvent(event)
        changes = (QEvent.Type.PaletteChange, QEvent.Type.FontChange)
        if event.type() in changes and self._shown is not None:
            self._start(timeline_order(*self._shown))


def _href(action: str, entry_id: int | None) -> str:
    return f"{action}:{entry_id}"


class _Formats:
    """The text formats of one writing pass, in the current scheme's colours."""

    def __init__(self, font: QFont) -> None:
        scheme = current_scheme()
        self._scheme = scheme
        size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        self.body = QTextCharFormat()
        self.body.setForeground(QColor(scheme.text))
        self.heading = QTextCharFormat(self.body)
        self.heading.setFontWeight(QFont.Weight.Bold)
        self.heading.setFontPointSize(size * 1.05)
        self.muted = QTextCharFormat()
        self.muted.setForeground(QColor(scheme.muted))
        self.first = QTextBlockFormat()
        self.block = QTextBlockFormat()
        self.block.setTopMargin(2)
        self.spaced = QTextBlockFormat()
        self.spaced.setTopMargin(6)
        self.right = QTextBlockFormat(self.spaced)
        self.right.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._size = size
        self.gap = QTextBlockFormat()
        self.gap.setLineHeight(6, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        self.gap_text = QTextCharFormat()
        self.gap_text.setFontPointSize(2)

    def frame(self, depth: int) -> QTextFrameFormat:
        """A card: a thin border, and for an addendum an indent and the accent colour."""
        frame = QTextFrameFormat()
        frame.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        frame.setBorder(2 if depth else 1)
        frame.setBorderBrush(QColor(self._scheme.accent if depth else self._scheme.card_border))
        frame.setBackground(QColor(self._scheme.base))
        frame.setPadding(8)
        frame.setLeftMargin(self._size * 2.5 * depth)
        return frame

    def link(self, href: str) -> QTextCharFormat:
        link = QTextCharFormat()
        link.setAnchor(True)
        link.setAnchorHref(href)
        link.setForeground(QColor(self._scheme.link))
        link.setFontUnderline(True)
        return link

    def verdict(self, colour: str) -> QTextCharFormat:
        verdict = QTextCharFormat(self.heading)
        verdict.setForeground(QColor(colour))
        return verdict
