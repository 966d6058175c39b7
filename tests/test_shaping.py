"""Shaping one font at a time: a word drawn in two fonts is shaped piece by piece,
each with its own font (ReportLab shaped it all with the first piece's font, which
turned every letter the other font draws into glyph 0)."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import paragraph

from klasse_desktop.reports.fonts import register_fonts
from klasse_desktop.reports.shaping import per_font


class _Frag:
    def __init__(self, font: str) -> None:
        self.fontName, self.fontSize = font, 10


def _word(*pieces: tuple[str, str]) -> list[object]:
    width = sum(pdfmetrics.stringWidth(text, font, 10) for font, text in pieces)
    return [width, *((_Frag(font), text) for font, text in pieces)]


def _glyphs(shaped: list[object]) -> list[tuple[str, int]]:
    """(font, glyph id) of every drawn character."""
    out = []
    for frag, text in shaped[1:]:  # type: ignore[misc]
        face = pdfmetrics.getFont(frag.fontName).face
        out += [(frag.fontName, face.charToGlyph.get(ord(ch), 0)) for ch in text]
    return out


def test_the_shaper_is_installed_where_reportlab_looks():
    register_fonts()
    assert ttfonts.shapeFragWord is paragraph.shapeFragWord
    assert hasattr(ttfonts.shapeFragWord, "_klasse_per_font")


def test_each_font_shapes_its_own_piece():
    register_fonts()
    shape = ttfonts.shapeFragWord
    word = _word(("DejaVuSans-Oblique", "("), ("DejaVuSans", "محمد"), ("DejaVuSans-Oblique", ")"))
    shaped = shape(word)
    glyphs = _glyphs(shaped)
    assert all(gid != 0 for _font, gid in glyphs), glyphs
    assert {font for font, _gid in glyphs} == {"DejaVuSans-Oblique", "DejaVuSans"}
    arabic = "".join(text for frag, text in shaped[1:] if frag.fontName == "DejaVuSans")
    assert len(arabic) == 4 and all("\ufe70" <= ch <= "\ufeff" for ch in arabic)  # joined forms
    assert shaped[0] > 0


def test_a_right_to_left_word_keeps_harfbuzz_order():
    register_fonts()
    original = ttfonts.shapeFragWord._klasse_per_font
    shape = per_font(original)
    word = _word(("DejaVuSans", "محمد"), ("NotoSansSymbols2", "\U0001fbc5"))
    fonts = [frag.fontName for frag, _text in shape(word)[1:]]
    assert fonts == ["NotoSansSymbols2", "DejaVuSans"]  # right to left: the star first
    digits = _word(("DejaVuSans-Oblique", "0"), ("DejaVuSans", "٭"))  # first strong: Arabic
    assert [f.fontName for f, _t in shape(digits)[1:]] == ["DejaVuSans", "DejaVuSans-Oblique"]
    latin = _word(("DejaVuSans-Oblique", "a"), ("DejaVuSans", "٭"))
    assert [f.fontName for f, _t in shape(latin)[1:]] == ["DejaVuSans-Oblique", "DejaVuSans"]


def test_one_font_words_get_reportlabs_own_answer():
    register_fonts()
    original = ttfonts.shapeFragWord._klasse_per_font
    for text in ("groepsapp", "محمد", "AVATAR"):  # kerning changes the width of some
        word = _word(("DejaVuSans", text))
        ours, theirs = ttfonts.shapeFragWord(word), original(word)
        assert ours[0] == theirs[0] and [t for _f, t in ours[1:]] == [t for _f, t in theirs[1:]]
