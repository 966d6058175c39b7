"""ReportLab's TrueType font with a fast way to encode text it has seen before, and a
record of every character it was asked to draw without a glyph.

ReportLab embeds a TrueType font as subsets of 256 codes and encodes every string it
draws one character at a time in Python (`TTFont.splitString`): in a 500-entry
report that loop is a fifth of the layout time. After the first page nearly every
line uses only characters that already have a code in the first subset, and those
lines can be encoded with one `str.translate`. Anything else (a character not yet
coded, one in a later subset, a font being frozen) goes through ReportLab's own
loop, which also assigns the codes: both give the same bytes
(tests/test_subset_font.py).

A character the font has no glyph for is drawn as the .notdef glyph, which PDF/A
forbids: HarfBuzz gives glyph 0 for a letter the face lacks, and ReportLab encodes
a character missing from the font as code 0. Both can only happen on the slow path
(the fast table holds characters with a real glyph only), so that path notes them
on the document's font state, and `undrawn` reads them when the file is finished
(see `document._NumberedCanvas.save`). This is the part of a report's PDF/A
conformance that depends on what was typed; the rest is checked by pikepdf's
validator on every report the test suite writes (`pdfa`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reportlab.pdfbase.ttfonts import TTFont

_NBSP = 0xA0  # ReportLab draws a no-break space with the space's code
_SPACE = 0x20


class _Table:
    """Characters coded in subset 0, as a translate table; rebuilt when codes are added."""

    __slots__ = ("chars", "codes", "size")

    def __init__(self) -> None:
        self.size = -1
        self.chars: frozenset[str] = frozenset()
        self.codes: dict[int, str] = {}

    def refresh(self, assignments: dict[int, int], glyphs: dict[int, int]) -> None:
        if len(assignments) == self.size:
            return
        codes = {
            char: chr(code)
            for char, code in assignments.items()
            if code < 256 and glyphs.get(char)  # never a character drawn as .notdef
        }
        if _SPACE in codes:
            codes[_NBSP] = codes[_SPACE]
        self.codes = codes
        self.chars = frozenset(map(chr, codes))
        self.size = len(assignments)


def _without_glyph(text: str, glyphs: dict[int, int]) -> set[str]:
    return {ch for ch in set(text) if not glyphs.get(_SPACE if ord(ch) == _NBSP else ord(ch))}


class SubsetFont(TTFont):
    """A TTFont whose `splitString` skips the per-character loop for known text and
    remembers characters drawn without a glyph."""

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
            glyphs = self.face.charToGlyph
            if getattr(state, "klasse_table", None) is None:
                state.klasse_table = _Table()
                state.klasse_undrawn = set()
            state.klasse_table.refresh(state.assignments, glyphs)
            typed = text.decode(encoding) if isinstance(text, bytes) else text
            state.klasse_undrawn |= _without_glyph(typed, glyphs)
        return result


def undrawn(fonts: Iterable[Any], doc: Any) -> dict[str, set[str]]:
    """Per font used in `doc`, the characters it was asked to draw without a glyph."""
    found: dict[str, set[str]] = {}
    for font in fonts:
        state = font.state.get(doc) if isinstance(font, SubsetFont) else None
        missing = getattr(state, "klasse_undrawn", None)
        if missing:
            found[font.fontName] = set(missing)
    return found
