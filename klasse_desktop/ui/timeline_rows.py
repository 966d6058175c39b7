"""What the timeline shows of each entry, as text: the rows in reading order, each
addendum directly under what it corrects, with the words of its heading, the line
saying who wrote it down and when, a wizard outcome's verdict and the text itself.

Kept apart from the widget that draws them (`timeline_view.py`), so what a director
reads is decided in one place and tests can check it without pixels.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from klasse_desktop.cases.models import Entry, EntryKind
from klasse_desktop.i18n import _
from klasse_desktop.protocol.labels import KIND_SYMBOLS, kind_label
from klasse_desktop.protocol.models import OutcomeKind
from klasse_desktop.ui.case_labels import entry_kind_label, long_date, moment

SHOWN_CHARS = 4000  # longer texts (pasted chat logs) open in a viewer


@dataclass(frozen=True)
class TimelineRow:
    entry: Entry
    corrected: Entry | None  # the entry this addendum corrects (None: not an addendum)
    depth: int  # 0 for an entry, 1 for its addendum, 2 for an addendum to that…
    heading: str  # "3 maart 2026 · Gesprek" or "Aanvulling · 4 maart 2026"
    meta: str  # "Vastgelegd … door …", and to whom it was reported
    verdict: tuple[OutcomeKind, str] | None  # a wizard outcome's verdict, in words
    text: str  # as typed, cut at SHOWN_CHARS
    truncated: bool  # the whole text opens in a viewer

    @property
    def can_be_corrected(self) -> bool:
        """Addenda are corrected through the entry they belong to."""
        return self.corrected is None


def verdict_of(entry: Entry) -> tuple[OutcomeKind, str] | None:
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
    return kind, f"{words} — {verdict}" if verdict else words


def row_for(entry: Entry, corrected: Entry | None, depth: int) -> TimelineRow:
    if corrected is not None:  # shown right under what it corrects: no need to repeat it
        heading = _("Addendum · {date}").format(date=long_date(entry.event_date))
    else:
        heading = _("{date} · {kind}").format(
            date=long_date(entry.event_date), kind=entry_kind_label(entry.kind)
        )
    meta = _("Written down {moment} by {author}").format(
        moment=moment(entry.recorded_at), author=entry.author
    )
    if entry.reported_to:
        meta += "\n" + _("Reported to: {whom}").format(whom=entry.reported_to)
    truncated = len(entry.text) > SHOWN_CHARS
    text = entry.text[:SHOWN_CHARS] + "…" if truncated else entry.text
    return TimelineRow(entry, corrected, depth, heading, meta, verdict_of(entry), text,
                       truncated)  # fmt: skip


Placed = tuple[Entry, Entry | None, int]  # an entry, the entry it corrects, its depth


def timeline_order(entries: list[Entry], addenda: dict[int, list[Entry]]) -> list[Placed]:
    """Entries in the order given (by event date), each followed by its addenda (and
    theirs). An addendum whose entry is not in `entries` stands on its own. The rows'
    words are made as they are drawn (`row_for`): dates cost time in a long case."""
    ids = {e.id for e in entries}
    rows: list[Placed] = []

    def collect(entry: Entry, corrected: Entry | None, depth: int) -> None:
        rows.append((entry, corrected, depth))
        for addendum in addenda.get(entry.id or -1, []):
            collect(addendum, entry, depth + 1)

    for entry in entries:
        if entry.corrects_id is None or entry.corrects_id not in ids:
            collect(entry, None, 0)
    return rows
