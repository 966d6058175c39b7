"""A paragraph made without ReportLab's parser (`plain_paragraph`) is the parsed one:
the same fragments for any text it takes, and the same bytes for a whole report."""

from __future__ import annotations

import gc

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from klasse_desktop.reports import plain_paragraph as plain_module
from klasse_desktop.reports.fonts import markup
from klasse_desktop.reports.plain_paragraph import plain_paragraph
from klasse_desktop.reports.styles import styles

STYLES = styles()
STYLE_NAMES = ["title", "heading", "body", "small", "entry_head", "cell", "cell_bold", "quote"]
# What a director types, and what a markup parser could trip over: entities, tags,
# quotes, tabs, no-break and other spaces, line breaks, letters DejaVu lacks.
PIECES = st.sampled_from(
    [*"abcXYZ019 .,;:!?'\"-–—()[]/", "\t", "\u00a0", "\u2009", "\r", "\n", "&", "<", ">",
     "&amp;", "&lt;b&gt;", "&#65;", "&nbsp;", "<b>", "</b>", "<br/>", "<font name='x'>",
     "]]>", "<!--", "Zoë", "Şükrü", "İlayda", "Иван", "groepsapp", "\u4e2d", "😂", "½"]
)  # fmt: skip


def _parsed(text: str, style):  # type: ignore[no-untyped-def]
    return Paragraph(markup(text, style.fontName)[0], style)


def _frags(paragraph) -> list[dict]:  # type: ignore[no-untyped-def]
    return [dict(vars(frag)) for frag in paragraph.frags]


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join), st.sampled_from(STYLE_NAMES))
def test_any_text_it_takes_gives_the_parsers_fragments(text, name):
    style = getattr(STYLES, name)
    made = plain_paragraph(text, style, Paragraph)
    if made is None:
        return
    parsed = _parsed(text, style)
    assert _frags(made) == _frags(parsed)
    assert made.text == parsed.text


def test_plain_text_is_taken_and_text_needing_markup_is_not():
    body = STYLES.body
    taken = plain_paragraph("Gesprek met  Zoë en\tŞükrü (ouders).", body, Paragraph)
    assert taken is not None
    assert [f.text for f in taken.frags] == ["Gesprek met Zoë en Şükrü (ouders)."]
    assert plain_paragraph("Daan & Sem", body, Paragraph) is None
    assert plain_paragraph("eerste regel\ntweede regel", body, Paragraph) is None
    assert plain_paragraph("ἀλφα 中", body, Paragraph) is None  # 中: another font or □
    assert plain_paragraph(" \t ", body, Paragraph) is None


def test_styles_are_not_kept_after_their_report():
    before = len(plain_module._PROTOTYPES)
    fresh = styles()
    plain_paragraph("Zoë", fresh.body, Paragraph)
    assert len(plain_module._PROTOTYPES) == before + 1
    del fresh
    gc.collect()
    assert len(plain_module._PROTOTYPES) == before
