"""Embedded TrueType fonts, so every name prints (Zoë, Şükrü, Łukasz, محمد, Иван).

The base-14 Helvetica of ReportLab has no ş, ı or Arabic and prints black
boxes; DejaVu Sans (shipped in resources/fonts with its licence) covers Latin,
Greek, Cyrillic, Hebrew and Arabic in its upright faces, and Noto Naskh Arabic,
Noto Sans Hebrew and Noto Sans Symbols 2 fill in per character (`font_runs`), in
every face. Fonts are embedded (subset) in every PDF.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib.resources import as_file
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts

from klasse_desktop.reports import shaping
from klasse_desktop.reports.subset_font import SubsetFont
from klasse_desktop.resources import resource

FAMILY = "DejaVuSans"
FACES = {
    FAMILY: "DejaVuSans.ttf",
    f"{FAMILY}-Bold": "DejaVuSans-Bold.ttf",
    f"{FAMILY}-Oblique": "DejaVuSans-Oblique.ttf",
    f"{FAMILY}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    # Fallbacks for what DejaVu lacks (OFL; Noto-LICENSE.txt).
    "NotoNaskhArabic": "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold": "NotoNaskhArabic-Bold.ttf",
    "NotoSansHebrew": "NotoSansHebrew-Regular.ttf",
    "NotoSansHebrew-Bold": "NotoSansHebrew-Bold.ttf",
    "NotoSansSymbols2": "NotoSansSymbols2-Regular.ttf",
}
_REGULAR = ["NotoNaskhArabic", "NotoSansHebrew", "NotoSansSymbols2"]
_BOLD = ["NotoNaskhArabic-Bold", "NotoSansHebrew-Bold"]
# Per face, the fonts tried in turn for each character. DejaVu's oblique faces have
# no Arabic or Hebrew: such text is drawn upright inside an italic paragraph (there is
# no italic Arabic), so a correction written in Arabic still prints.
CHAINS = {
    FAMILY: [FAMILY, *_REGULAR],
    f"{FAMILY}-Bold": [f"{FAMILY}-Bold", *_BOLD, FAMILY, *_REGULAR],
    f"{FAMILY}-Oblique": [f"{FAMILY}-Oblique", FAMILY, *_REGULAR],
    f"{FAMILY}-BoldOblique": [f"{FAMILY}-BoldOblique", f"{FAMILY}-Bold", *_BOLD, FAMILY, *_REGULAR],
}
REPLACEMENT = "\u25a1"  # □: a visible mark where no shipped font has a glyph (most emoji)


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
    shaping.install()  # after: it keeps the features chosen above
    for name, filename in FACES.items():
        with as_file(resource("fonts", filename)) as path:
            pdfmetrics.registerFont(SubsetFont(name, str(path)))
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, f"{FAMILY}-Bold")
    addMapping(FAMILY, 0, 1, f"{FAMILY}-Oblique")
    addMapping(FAMILY, 1, 1, f"{FAMILY}-BoldOblique")
    return FAMILY


@cache
def covered(font: str) -> frozenset[str]:
    """The characters `font` has a glyph for."""
    register_fonts()
    return frozenset(chr(c) for c in pdfmetrics.getFont(font).face.charToGlyph if c)


@cache
def _drawn_as_is(face: str) -> frozenset[str]:
    return covered(face) | {"\n", "\t"}


def in_one_run(text: str, face: str) -> bool:
    """Whether `face` draws every character of `text` itself (`font_runs` would make
    one run of it)."""
    return _drawn_as_is(face).issuperset(text)


def _font_for(ch: str, chain: list[str]) -> str | None:
    return next((font for font in chain if ch in covered(font)), None)


def font_runs(text: str, face: str = FAMILY) -> tuple[list[tuple[str, str]], int]:
    """`text` cut into (font, run) pieces that each font can draw, and how many
    characters no shipped font has (drawn as □ in `face`).

    A word `face` cannot draw whole goes whole to the first font of its chain that
    can ("(محمد)." in an italic addendum is drawn upright): HarfBuzz shapes and
    orders a word as one piece, in one font. Only a word no single font covers is
    cut per character. Line breaks and tabs stay in their run; an invisible format
    character (a joiner, a direction mark) or a combining mark the current font lacks
    is dropped rather than drawn as a missing glyph, which would also make the PDF/A
    invalid.
    """
    chain = CHAINS.get(face, [face, *_REGULAR])
    if _drawn_as_is(face).issuperset(text):
        return [(face, text)], 0
    runs: list[tuple[str, list[str]]] = []
    replaced = 0

    def add(font: str, chars: str) -> None:
        if runs and runs[-1][0] == font:
            runs[-1][1].append(chars)
        else:
            runs.append((font, [chars]))

    for token in _TOKENS.finditer(text):
        word = token.group()
        whole = None if word[0].isspace() else _whole_word_font(word, face, chain)
        if whole is not None:
            add(whole, word)
            continue
        for ch in word:
            current = runs[-1][0] if runs else face
            category = unicodedata.category(ch)
            if ch in "\n\t" or (category[0] in "ZP" and ch in covered(current)):
                font: str | None = current  # spaces and punctuation stay with their run
            elif category in ("Mn", "Me", "Cf"):
                font = current if ch in covered(current) else _font_for(ch, chain)
                # A mark another font would have to draw alone, without its base
                # letter, is dropped: the shaper draws it on a dotted circle that font
                # lacks.
                if font is None or font != current:
                    continue
            else:
                font = _font_for(ch, chain)
                if font is None:
                    font, ch = face, REPLACEMENT
                    replaced += 1
            assert font is not None
            add(font, ch)
    return [(name, "".join(chars)) for name, chars in runs], replaced


_TOKENS = re.compile(r"\s+|\S+")


def _whole_word_font(word: str, face: str, chain: list[str]) -> str | None:
    """The font that draws all of `word`, when `face` lacks a visible character of it."""
    missing = set(word) - covered(face)
    if all(unicodedata.category(ch) in ("Cf", "Mn", "Me") for ch in missing):
        return None  # nothing visible missing: marks and joiners are handled per character
    return next((font for font in chain[1:] if covered(font).issuperset(word)), None)


def markup(text: str, face: str) -> tuple[str, int]:
    """ReportLab paragraph markup for `text` in `face`, with a <font> tag around each
    run another font draws; and the number of characters printed as □."""
    runs, replaced = font_runs(text, face)
    parts = []
    for font, run in runs:
        escaped = escape(run).replace("\n", "<br/>")
        parts.append(escaped if font == face else f'<font name="{font}">{escaped}</font>')
    return "".join(parts), replaced


def drawable(text: str, face: str) -> str:
    """For lines drawn straight on the canvas (letterhead, footer): one font, so what
    it lacks becomes □."""
    have = covered(face)
    return "".join(ch if ch in have or ch in "\t" else REPLACEMENT for ch in text)


def printable(text: str) -> tuple[str, int]:
    """`text` with every character no shipped font can draw replaced by □, and how
    many (the report says so)."""
    runs, replaced = font_runs(text)
    return "".join(run for _font, run in runs), replaced
