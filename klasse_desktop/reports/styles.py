"""Paragraph styles of the reports: one family, sober sizes, shaping on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from klasse_desktop.reports.fonts import FAMILY, register_fonts

INK = colors.HexColor("#1b1b1b")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#999999")
SHADE = colors.HexColor("#eeeeee")


# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms.
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def needs_shaping(text: str) -> bool:
    """Right-to-left or joining scripts (Arabic, Hebrew, …) need HarfBuzz shaping.

    Shaping every word costs ~40 µs, so a pasted chat log of 1 MB would take a
    minute; Latin, Greek and Cyrillic names print right without it.
    """
    return RTL.search(text) is not None


def is_rtl_paragraph(text: str) -> bool:
    """A paragraph whose first strong character is right-to-left (rule P2)."""
    if not needs_shaping(text):
        return False
    from klasse_desktop.reports.bidi_layout import display

    return display(text)[0] == 1


@cache
def _right(style: ParagraphStyle) -> ParagraphStyle:
    from reportlab.lib.enums import TA_RIGHT

    return ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)


@cache
def _shaped(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)


def for_text(style: ParagraphStyle, text: str, rtl: bool = False) -> ParagraphStyle:
    """Shaping for text in joining or right-to-left scripts; right-aligned for a
    right-to-left paragraph."""
    if not needs_shaping(text):
        return style
    return _shaped(_right(style) if rtl else style)


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    entry_head: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    quote: ParagraphStyle


def styles() -> Styles:
    register_fonts()
    base = ParagraphStyle(
        "body", fontName=FAMILY, bulletFontName=FAMILY, fontSize=10, leading=13.5,
        textColor=INK, shaping=0, spaceAfter=4,
    )  # fmt: skip
    return Styles(
        title=ParagraphStyle(
            "title", parent=base, fontName=f"{FAMILY}-Bold", fontSize=16, leading=20, spaceAfter=2
        ),
        heading=ParagraphStyle(
            "heading",
            parent=base,
            fontName=f"{FAMILY}-Bold",
            fontSize=12,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        entry_head=ParagraphStyle(
            "entry_head", parent=base, fontSize=8.5, leading=11, textColor=MUTED, spaceBefore=5
        ),
        cell=ParagraphStyle("cell", parent=base, fontSize=9, leading=12, spaceAfter=2),
        cell_bold=ParagraphStyle(
            "cellb", parent=base, fontName=f"{FAMILY}-Bold", fontSize=9, leading=12, spaceAfter=0
        ),
        quote=ParagraphStyle(
            "quote",
            parent=base,
            fontName=f"{FAMILY}-Oblique",
            leftIndent=12,
            fontSize=9.5,
            leading=13,
        ),
    )


def compact(full: Styles) -> Styles:
    """Tighter styles for the one-page advice record."""
    return Styles(
        title=ParagraphStyle("c-title", parent=full.title, fontSize=14, leading=17),
        heading=ParagraphStyle(
            "c-heading", parent=full.heading, fontSize=10.5, leading=13, spaceBefore=6, spaceAfter=2
        ),
        body=ParagraphStyle("c-body", parent=full.body, fontSize=9, leading=11.5, spaceAfter=2),
        small=full.small,
        entry_head=full.entry_head,
        cell=full.cell,
        cell_bold=full.cell_bold,
        quote=ParagraphStyle("c-quote", parent=full.quote, fontSize=8.5, leading=11),
    )


def tight(base: Styles) -> Styles:
    """The advice record when the outcome quotes many clauses: still readable (8 pt
    quotes), so the record stays on one page."""
    return Styles(
        title=ParagraphStyle("t-title", parent=base.title, fontSize=12.5, leading=15),
        heading=ParagraphStyle(
            "t-heading",
            parent=base.heading,
            fontSize=9.5,
            leading=11.5,
            spaceBefore=4,
            spaceAfter=1,
        ),
        body=ParagraphStyle("t-body", parent=base.body, fontSize=8.5, leading=10.5, spaceAfter=1),
        small=ParagraphStyle("t-small", parent=base.small, fontSize=7.5, leading=9),
        entry_head=base.entry_head,
        cell=base.cell,
        cell_bold=ParagraphStyle("t-cellb", parent=base.cell_bold, fontSize=8.5, leading=10.5),
        quote=ParagraphStyle("t-quote", parent=base.quote, fontSize=8, leading=9.8, spaceAfter=1),
    )
