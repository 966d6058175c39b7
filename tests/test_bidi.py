"""Mixed Dutch and Arabic or Hebrew text in reports, by the Unicode Bidirectional
Algorithm: checked against Unicode's own test cases and on the lines a director
writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from klasse_desktop.reports.bidi_layout import display_line, levels, visual_indices

SAMPLE = Path(__file__).parent / "data" / "bidi-character-test-sample.txt"


def cases():
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cps, direction, paragraph, found, order = line.split(";")
        text = "".join(chr(int(c, 16)) for c in cps.split())
        yield pytest.param(
            text, int(direction), int(paragraph), [int(v) for v in found.split()],
            [int(i) for i in order.split()], id=cps,
        )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "direction", "paragraph", "expected_levels", "order"), list(cases())
)
def test_unicode_bidi_character_tests(text, direction, paragraph, expected_levels, order):
    level, found = levels(text, direction)
    assert level == paragraph
    assert found == expected_levels
    assert visual_indices(text, direction) == order


@pytest.mark.parametrize(
    ("typed", "given_to_reportlab"),
    [
        # HarfBuzz reverses a word with right-to-left letters, so such words are given
        # reversed; the full stop lands after the name, as the algorithm says.
        ("vader محمد العلي. Hij", "vader العلي .محمد Hij"),
        ("Vraag aan דוד כהן, en", "Vraag aan כהן ,דוד en"),
        ("groep 7 en מירי (מורה) zei", "groep 7 en (מורה) מירי zei"),
        ("Zoë en Şükrü", "Zoë en Şükrü"),  # nothing right to left: unchanged
    ],
)
def test_lines_as_a_director_writes_them(typed, given_to_reportlab):
    assert display_line(typed)[1] == given_to_reportlab


def test_a_paragraph_that_starts_in_arabic_is_right_to_left():
    level, shown = display_line("محمد قال: 123 (goed).")
    assert level == 1
    assert shown.startswith(".(goed) 123")  # the end of the sentence is drawn leftmost


def _drawn_lines(paragraph, width):
    """The lines ReportLab will draw, left to right, letters as typed (HarfBuzz gives
    right-to-left glyphs in visual order, so they read reversed here)."""
    import unicodedata

    paragraph.wrap(width, 10_000)
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [unicodedata.normalize("NFKC", " ".join(words)) for _space, words in lines]
    return [unicodedata.normalize("NFKC", "".join(f.text for f in line.words)) for line in lines]


def _seen(word: str) -> str:
    return word[::-1]  # how a right-to-left word's letters come out of the shaper


@pytest.fixture
def body():
    from klasse_desktop.reports.fonts import register_fonts
    from klasse_desktop.reports.styles import styles

    register_fonts()
    return styles()


@pytest.mark.parametrize("face", ["body", "quote"])  # upright, and italic with fallback fonts
def test_a_right_to_left_name_that_wraps_keeps_its_first_word_on_the_first_line(body, face):
    from klasse_desktop.reports.bidi_paragraph import text_paragraph

    typed = "De vader محمد بن سلمان العلي. Hij kwam op 4 maart met zijn broer naar school."
    paragraph, replaced = text_paragraph(typed, getattr(body, face))
    lines = _drawn_lines(paragraph, 110)
    assert replaced == 0
    first, second = lines[0], lines[1]
    # The name starts on the first line (its first words), and goes on on the next.
    assert _seen("محمد") in first and first.startswith("De vader")
    assert _seen("العلي") in second and _seen("محمد") not in second
    # Right to left inside the line: the later word is drawn to the left.
    assert first.index(_seen("بن")) < first.index(_seen("محمد"))
    # The full stop after the name is drawn to its right, not before "Hij"'s left.
    assert second.startswith(_seen("العلي") + ".") or (_seen("سلمان") in second)


def test_every_word_is_drawn_once_and_lines_follow_the_typed_order(body):
    from klasse_desktop.reports.bidi_paragraph import text_paragraph

    words = ["علي", "بن", "أحمد", "يوسف", "الحسن", "مريم", "فاطمة", "خديجة"]
    typed = "Gesprek met " + " ".join(words) + " over de groepsapp."
    for width in (90, 130, 200, 400):
        paragraph, _ = text_paragraph(typed, body.body)
        lines = _drawn_lines(paragraph, width)
        drawn = [w for line in lines for w in line.split()]
        assert sorted(drawn) == sorted(
            [*typed.replace(" ".join(words), " ".join(map(_seen, words))).split()]
        )
        # Reading each line right to left gives the Arabic words in typed order.
        arabic = [
            w[::-1]
            for line in lines
            for w in reversed(line.split())
            if _seen(w)[0] in "".join(words)
        ]
        assert arabic == words


def test_a_word_too_long_for_a_line_still_draws(body):
    from klasse_desktop.reports.bidi_paragraph import text_paragraph

    typed = "Link: https://voorbeeld.nl/" + "محمد" * 60 + " einde"
    paragraph, _ = text_paragraph(typed, body.body)
    lines = _drawn_lines(paragraph, 150)
    assert len(lines) >= 2
    assert lines[-1].endswith("einde")


def test_a_right_to_left_paragraph_starts_each_line_at_the_right(body):
    from reportlab.lib.enums import TA_RIGHT

    from klasse_desktop.reports.bidi_paragraph import text_paragraph

    typed = "قال محمد إن الصورة في المجموعة كانت من رحلة المدرسة (groep 7) يوم 12 مارس."
    paragraph, _ = text_paragraph(typed, body.body)
    assert paragraph.style.alignment == TA_RIGHT
    lines = _drawn_lines(paragraph, 120)
    assert len(lines) >= 3
    assert lines[0].split()[-1] == _seen("قال")  # the first word, rightmost on line 1
    assert _seen("مارس") in lines[-1] and lines[-1].split()[0].startswith(".")
