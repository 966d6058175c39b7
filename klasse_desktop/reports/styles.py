"""Paragraph styles of the reports: one family, sober sizes, shaping on."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from klasse_desktop.reports.fonts import FAMILY, register_fonts

INK = colors.HexColor("#1b1b1b")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#999999")
SHADE = colors.HexColor("#eeeeee")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    quote: ParagraphStyle


def styles() -> Styles:
    register_fonts()
    base = ParagraphStyle(
        "body", fontName=FAMILY, fontSize=10, leading=13.5, textColor=INK, shaping=1, spaceAfter=4
    )
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
        ),
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=base, fontSize=9, leading=12, spaceAfter=0),
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
