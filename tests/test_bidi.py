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
