"""Embedded TrueType fonts, so every name prints (Zoë, Şükrü, Łukasz, محمد, Иван).

The base-14 Helvetica of ReportLab has no ş, ı or Arabic and prints black
boxes; DejaVu Sans (shipped in resources/fonts with its licence) covers Latin,
Greek, Cyrillic, Hebrew and Arabic, and is embedded (subset) in every PDF.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib.resources import as_file

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from klasse_desktop.resources import resource

FAMILY = "DejaVuSans"
FACES = {
    FAMILY: "DejaVuSans.ttf",
    f"{FAMILY}-Bold": "DejaVuSans-Bold.ttf",
    f"{FAMILY}-Oblique": "DejaVuSans-Oblique.ttf",
    f"{FAMILY}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}


def _no_latin_ligatures() -> None:
    """ReportLab shapes with `liga` and `dlig` on: "st" becomes DejaVu's historical
    st-ligature ("Peﬆen") and "fi" the ﬁ glyph, which also breaks copying and
    searching the text of a dossier. Arabic joining uses the required features
    (init/medi/fina/rlig), which stay on."""
    shape = getattr(ttfonts, "shapeFragWord", None)
    defaults = getattr(shape, "__defaults__", None)
    if defaults and isinstance(defaults[0], dict):
        features = {**defaults[0], "liga": False, "dlig": False}
        shape.__defaults__ = (features, *defaults[1:])  # type: ignore[union-attr]


@cache
def register_fonts() -> str:
    """Register the family once per process; returns the regular face's name."""
    _no_latin_ligatures()
    for name, filename in FACES.items():
        with as_file(resource("fonts", filename)) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, f"{FAMILY}-Bold")
    addMapping(FAMILY, 0, 1, f"{FAMILY}-Oblique")
    addMapping(FAMILY, 1, 1, f"{FAMILY}-BoldOblique")
    return FAMILY


REPLACEMENT = "\u25a1"  # □: a visible mark where the font has no glyph (most emoji)


@cache
def _covered() -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(FAMILY).face.charToGlyph)


def printable(text: str) -> tuple[str, int]:
    """`text` with every character the font cannot draw replaced by □, and how many.

    An emoji in a pasted chat must not turn into an invisible gap or break the
    layout; the report says that replacements were made.
    """
    covered = _covered()
    out, replaced = [], 0
    for ch in text:
        if ord(ch) in covered or ch in "\n\t" or unicodedata.category(ch) in {"Mn", "Cf"}:
            out.append(ch)
        else:
            out.append(REPLACEMENT)
            replaced += 1
    return "".join(out), replaced
