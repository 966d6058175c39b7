"""A paragraph whose right-to-left runs stay right when they wrap.

The Unicode Bidirectional Algorithm resolves levels per paragraph but reorders per
*line*, after line breaking (rules L1–L2). ReportLab breaks lines itself, so the
order cannot be decided before it has: a two-word Arabic name that wraps must keep
its first word on the first line. This paragraph therefore lays the text out twice
when it is given a width. First the words in typed (logical) order, each in the form
it will be drawn in, so every word has its final width; that decides which words
are on which line. Then each of those lines in visual order (`bidi_layout`), with a
forced break between them. Only paragraphs with right-to-left letters pay for this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import (
    _wsc,  # the characters ReportLab breaks at
    cleanBlockQuotedText,
)

from klasse_desktop.reports.bidi_layout import display, display_span, levels
from klasse_desktop.reports.fonts import markup
from klasse_desktop.reports.plain_paragraph import plain_paragraph
from klasse_desktop.reports.styles import RTL, for_text, is_rtl_paragraph, needs_shaping

SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(f"[^{re.escape(_wsc)}]+")
# Width given up on the first layout, so a line drawn in visual order (mirrored
# brackets, other glyph pairs at a run's edge) never comes out a hair too wide.
SLACK = 1.0


@dataclass(frozen=True)
class _TypedLine:
    text: str
    level: int
    found: list[int]
    words: list[tuple[int, int]]  # (start, end) of each word

    def span(self, first: int, last: int) -> str:
        """Words first..last (inclusive) as one drawn line."""
        return display_span(self.text, self.found, self.level, self.words[first][0],
                            self.words[last][1])  # fmt: skip


def _typed_lines(text: str) -> list[_TypedLine]:
    out = []
    for line in text.split("\n"):
        level, found = levels(line) if RTL.search(line) else (0, [0] * len(line))
        words = [(m.start(), m.end()) for m in _WORD.finditer(line)]
        out.append(_TypedLine(line, level, found, words))
    return out


def _measuring_text(lines: list[_TypedLine]) -> str:
    """The words in typed order, each drawn as it will be: the same widths, so the
    same line breaks as the finished paragraph."""
    return "\n".join(" ".join(line.span(i, i) for i in range(len(line.words))) for line in lines)


def _words_per_line(paragraph: Paragraph) -> list[int]:
    """How many words ReportLab put on each line it made."""
    bl_para = paragraph.blPara
    counts = []
    for line in bl_para.lines:
        if bl_para.kind == 0:
            counts.append(len(line[1]))
        else:
            joined = " ".join(getattr(frag, "text", "") for frag in line.words)
            counts.append(len(_WORD.findall(joined)))
    return counts


def _visual_lines(lines: list[_TypedLine], counts: list[int]) -> str | None:
    """Each line ReportLab made, in visual order; None when its lines cannot be
    matched to the typed words (a word too long for a line was cut)."""
    out: list[str] = []
    remaining = iter(counts)
    for line in lines:
        taken = 0
        if not line.words and next(remaining, None) != 0:
            return None
        if not line.words:
            out.append("")
        while taken < len(line.words):
            count = next(remaining, 0)
            if count <= 0 or taken + count > len(line.words):
                return None
            out.append(line.span(taken, taken + count - 1))
            taken += count
    if next(remaining, None) is not None:
        return None
    return "\n".join(out)


class BidiParagraph(Paragraph):
    """Give `logical` (the text as typed); pieces made by `split` are plain
    paragraphs of lines already in visual order."""

    def __init__(self, text: Any, style: Any = None, *args: Any, logical: str | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        self._logical = logical
        self._ordered_for: float | None = None
        self.replaced = 0  # characters drawn as □
        if logical is not None:
            text, self.replaced = markup(display(logical)[1], style.fontName)
        super().__init__(text, style, *args, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._logical is not None and self._ordered_for != availWidth:
            self._ordered_for = availWidth
            self._order_lines(availWidth)
        return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]

    def _order_lines(self, width: float) -> None:
        assert self._logical is not None
        lines = _typed_lines(self._logical)
        probe = Paragraph(markup(_measuring_text(lines), self.style.fontName)[0], self.style)
        probe.wrap(max(width - SLACK, 1.0), 1e9)
        ordered = _visual_lines(lines, _words_per_line(probe))
        if ordered is None:  # keep the order of whole typed lines
            ordered = display(self._logical)[1]
        marked = markup(ordered, self.style.fontName)[0]
        self._setup(marked, self.style, self.bulletText, None, cleanBlockQuotedText)


class MeasuredParagraph(Paragraph):
    """A Paragraph that breaks its lines once per width. A report measures an entry's
    heading to decide whether it and two lines fit on the page (`case_report._RoomFor`)
    and then the frame measures it again; ReportLab breaks the lines both times."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._measured: tuple[float, tuple[float, float]] | None = None
        super().__init__(*args, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        measured = self._measured
        # `split` may drop the lines (ReportLab deletes blPara): measure again then.
        if measured is not None and measured[0] == availWidth and hasattr(self, "blPara"):
            return measured[1]
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._measured = (availWidth, size)
        return size


def text_paragraph(text: str, style: Any) -> tuple[Paragraph, int]:
    """The paragraph for typed `text` in `style` (fonts per character; shaping,
    right alignment and bidi lines where there are right-to-left letters), and how
    many characters no shipped font has (drawn as □)."""
    if not needs_shaping(text):
        plain = plain_paragraph(text, style, MeasuredParagraph)
        if plain is not None:
            return plain, 0
        marked, replaced = markup(text, style.fontName)
        return MeasuredParagraph(marked, style), replaced
    # A soft hyphen is only a place where a word may break. ReportLab breaks shaped
    # words there by shaping the shaped halves again, which fails (and can leave a
    # .notdef glyph): in text that is shaped, the hint is dropped.
    text = text.replace(SOFT_HYPHEN, "")
    paragraph = BidiParagraph(None, for_text(style, text, is_rtl_paragraph(text)), logical=text)
    return paragraph, paragraph.replaced
