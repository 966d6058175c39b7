"""HarfBuzz shaping one font at a time.

ReportLab shapes a word with the font of its first piece, even when the word is
drawn in several fonts. Fonts are chosen per character (`fonts.font_runs`), so a
word like "(محمد)" in an italic addendum is "(" in DejaVu Sans Oblique and the name
in upright DejaVu Sans (the oblique face has no Arabic): shaped with the oblique
font, every Arabic letter became glyph 0. ReportLab then either failed with an
AttributeError or wrote a .notdef glyph, and the PDF/A check refused the report,
so that case could never be reported again. Here a word is cut where its font
changes, each piece is shaped with its own font, and the pieces are joined again.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from reportlab.pdfbase import pdfmetrics, ttfonts

_Shaper = Callable[..., Any]
_MARK = "_klasse_per_font"


def _pieces_by_font(word: list[Any]) -> list[list[tuple[Any, str]]]:
    """The (frag, text) pieces of a frag word, grouped where the font changes. A
    piece without text of its own (a link or anchor: `cbDefn`) stays in its group."""
    groups: list[list[tuple[Any, str]]] = []
    font: str | None = None
    for piece in word[1:]:
        frag = piece[0]
        name = None if hasattr(frag, "cbDefn") else frag.fontName
        if groups and (name is None or name == font):
            groups[-1].append(piece)
            continue
        groups.append([piece])
        if name is not None:
            font = name
    return groups


def _width(group: list[tuple[Any, str]]) -> float:
    return float(
        sum(pdfmetrics.stringWidth(text, frag.fontName, frag.fontSize)
            for frag, text in group if not hasattr(frag, "cbDefn"))
    )  # fmt: skip


def _right_to_left(text: str) -> bool:
    """HarfBuzz's guess for a buffer: the direction of its first strong character."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def per_font(original: _Shaper) -> _Shaper:
    """`original` (ReportLab's shapeFragWord), applied to each single-font piece."""
    defaults = original.__defaults__ or ({}, False)

    def shape(word: Any, features: dict[str, bool] | None = None, force: bool = False) -> Any:
        chosen = defaults[0] if features is None else features
        if isinstance(word, ttfonts.ShapedFragWord):
            return word
        groups = _pieces_by_font(word)
        if len(groups) <= 1:
            return original(word, chosen, force)
        width, shaped_groups = 0.0, []
        for group in groups:
            shaped = original([_width(group), *group], chosen, force)
            width += shaped[0]
            shaped_groups.append(shaped[1:])
        if _right_to_left("".join(text for _frag, text in word[1:] if isinstance(text, str))):
            shaped_groups.reverse()  # as HarfBuzz orders a right-to-left word it shapes whole
        pieces = [piece for group in shaped_groups for piece in group]
        return ttfonts.makeShapedFragWord(word)([width, *pieces])

    setattr(shape, _MARK, original)
    return shape


def install() -> None:
    """Put the per-font shaper where ReportLab looks it up (once; idempotent)."""
    from reportlab.pdfgen import canvas
    from reportlab.platypus import paragraph

    current = getattr(ttfonts, "shapeFragWord", None)
    if current is None or hasattr(current, _MARK):
        return
    shaper = per_font(current)
    for module in (ttfonts, paragraph, canvas):
        if getattr(module, "shapeFragWord", None) is current:
            module.shapeFragWord = shaper
