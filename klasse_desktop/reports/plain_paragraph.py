"""Paragraphs of plain text made without ReportLab's markup parser.

ReportLab parses the text of every Paragraph as markup, with Python's HTMLParser:
in a report of 500 short notes that is a fifth of the time spent laying it out.
Most typed text is one run in one font without a line break, and for such text
the parser's result is always the same: one fragment in the style's font holding
the text with its white space collapsed. That fragment is made here from a copy of
the one the parser gives for the style, so the paragraph is the same as the parsed
one, fragment for fragment (tests/test_plain_paragraph.py compares the fragments of
any text, and the bytes of a whole report). Text with "&", "<" or ">" is left to
the parser, which cuts the fragment at every entity it reads back.
"""

from __future__ import annotations

import copy
import re
import weakref
from typing import Any, TypeVar
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from klasse_desktop.reports.fonts import in_one_run

_NEEDS_PARSER = re.compile("[\n&<>]")
_P = TypeVar("_P", bound=Paragraph)
# Per style, for as long as the style is used: the parser's fragment for it.
_PROTOTYPES: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def _prototype(style: Any) -> Any:
    known = _PROTOTYPES.get(style)
    if known is None:
        _style, frags, _bullet = ParaParser().parse("x", style)
        if frags is None or len(frags) != 1:  # pragma: no cover - ReportLab changed
            raise RuntimeError("ReportLab's parser made no single fragment for a letter")
        known = _PROTOTYPES[style] = frags[0]
    return known


def plain_paragraph(text: str, style: Any, kind: type[_P]) -> _P | None:
    """`text` as a `kind` paragraph in `style`, made without the parser; None when the
    text needs it (another font for some letters, a line break, an entity, nothing to draw)."""
    if _NEEDS_PARSER.search(text) or not in_one_run(text, style.fontName):
        return None
    cleaned = cleanBlockQuotedText(text)
    if not cleaned:
        return None
    frag = copy.copy(_prototype(style))
    frag.text = cleaned
    frags = [frag]
    textTransformFrags(frags, style)
    paragraph: _P = kind(escape(cleaned), style, frags=frags)
    return paragraph
