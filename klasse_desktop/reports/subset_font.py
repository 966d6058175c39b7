"""ReportLab's TrueType font with a fast way to encode text it has seen before.

ReportLab embeds a TrueType font as subsets of 256 codes and encodes every string it
draws one character at a time in Python (`TTFont.splitString`): in a 500-entry
report that loop is a fifth of the layout time. After the first page nearly every
line uses only characters that already have a code in the first subset, and those
lines can be encoded with one `str.translate`. Anything else (a character not yet
coded, one in a later subset, a font being frozen) goes through ReportLab's own
loop, which also assigns the codes: both give the same bytes
(tests/test_subset_font.py).
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.ttfonts import TTFont

_NBSP = 0xA0  # ReportLab draws a no-break space with the space's code


class _Table:
    """Characters coded in subset 0, as a translate table; rebuilt when codes are added."""

    __slots__ = ("chars", "codes", "size")

    def __init__(self) -> None:
        self.size = -1
        self.chars: frozenset[str] = frozenset()
        self.codes: dict[int, str] = {}

    def refresh(self, assignments: dict[int, int]) -> None:
        if len(assignments) == self.size:
            return
        codes = {char: chr(code) for char, code in assignments.items() if code < 256}
        if 32 in codes:
            codes[_NBSP] = codes[32]
        self.codes = codes
        self.chars = frozenset(map(chr, codes))
        self.size = len(assignments)


class SubsetFont(TTFont):
    """A TTFont whose `splitString` skips the per-character loop for known text."""

    def splitString(  # noqa: N802 - ReportLab API
        self, text: str | bytes, doc: Any, encoding: str = "utf-8"
    ) -> list[tuple[int, bytes]]:
        state = self.state.get(doc)
        if state is not None and text and isinstance(text, str):
            table: _Table | None = getattr(state, "klasse_table", None)
            known = table is not None and table.size == len(state.assignments)
            if known and table is not None and table.chars.issuperset(text):
                return [(0, text.translate(table.codes).encode("latin-1"))]
        result: list[tuple[int, bytes]] = super().splitString(text, doc, encoding)
        state = self.state.get(doc)  # one state per document, kept by ReportLab
        if state is not None:
            if getattr(state, "klasse_table", None) is None:
                state.klasse_table = _Table()
            state.klasse_table.refresh(state.assignments)
        return result
