"""The dossier report of one case, for one named subject: "Verslag voor het
personeelsdossier / leerlingendossier", ready to be signed and filed.

This module only draws a `ReportModel` (see `report_model.py`), in which every
name is already redacted for the subject. Drawing refuses any text that is not
`SafeText`, and the finished PDF is read back and checked for hidden names before
anyone gets it (`redaction/pdf_check.py`).
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from functools import lru_cache, partial
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from klasse_desktop.cases.repository import CaseDetail
from klasse_desktop.i18n import _, ngettext
from klasse_desktop.protocol.models import RuleSet
from klasse_desktop.reports.bidi_paragraph import text_paragraph
from klasse_desktop.reports.document import Frame, render
from klasse_desktop.reports.failure_place import Part, failing_part
from klasse_desktop.reports.fonts import FAMILY, REPLACEMENT
from klasse_desktop.reports.pdfa import PdfaError
from klasse_desktop.reports.redaction.pdf_check import check_pdf
from klasse_desktop.reports.redaction.redactor import Decision, SafeText
from klasse_desktop.reports.redaction.unregistered import NameFinder
from klasse_desktop.reports.report_model import (
    Block,
    ClauseQuote,
    EntryBlock,
    Grid,
    Overview,
    Para,
    ReportContext,
    ReportModel,
    Section,
    build_report_model,
    report_title,
    texts,
)
from klasse_desktop.reports.styles import (
    RULE,
    SHADE,
    Styles,
    styles,
)

__all__ = ["ReportContext", "build_case_report", "render_model", "report_title"]

# Characters replaced by □ in the report being built (a context variable, so reports
# built at the same time in different threads count separately).
_REPLACED: ContextVar[list[int]] = ContextVar("replaced")

CHUNK = 1500  # characters per Paragraph
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")


def _p(text: SafeText, style: Any) -> Paragraph:
    _require_safe(text)
    return _draw(text, style)


def _require_safe(*values: object) -> None:
    for value in values:
        if not isinstance(value, SafeText):
            raise TypeError("reports draw only redacted text (SafeText)")


def _draw(text: str, style: Any) -> Paragraph:
    paragraph, replaced = text_paragraph(text, style)
    counter = _REPLACED.get(None)
    if counter is not None:
        counter[0] += replaced
    return paragraph


def _chunks(block: str) -> list[str]:
    """Cut a long block into pieces of about CHUNK characters, at the end of a
    sentence where there is one (else at a space).

    ReportLab re-flows the rest of a Paragraph every time it splits it over a
    page, so one 1 MB paragraph takes minutes; many small ones take seconds. The
    pieces are drawn without space between them (see `_paragraphs`).
    """
    pieces, start = [], 0
    while len(block) - start > CHUNK:
        window = block[start + CHUNK // 2 : start + CHUNK]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        if ends:
            cut = start + CHUNK // 2 + ends[-1]
        else:
            cut = block.rfind(" ", start + CHUNK // 2, start + CHUNK)
            cut = cut if cut > start else start + CHUNK
        pieces.append(block[start:cut])
        start = cut + (1 if block[cut : cut + 1] == " " else 0)
    pieces.append(block[start:])
    return pieces


def _paragraphs(text: SafeText, style: Any) -> list[Flowable]:
    """One typed paragraph; a long one in pieces that read as one (no gap between)."""
    _require_safe(text)
    pieces = _chunks(text)
    if len(pieces) == 1:
        return [_p(text, style)]
    joined = _continued(style)
    return [_p(SafeText(piece), style if i == len(pieces) - 1 else joined)
            for i, piece in enumerate(pieces)]  # fmt: skip


@lru_cache(maxsize=64)
def _continued(style: Any) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{style.name}-continued", parent=style, spaceAfter=0)


def _grid(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands = [
        ("FONT", (0, 0), (-1, -1), FAMILY),  # tables default to unembedded Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    table.setStyle(TableStyle(commands))
    return table


class _Renderer:
    def __init__(self, model: ReportModel) -> None:
        self.model, self.s = model, styles()
        self.hanging = _hanging(self.s)

    def story(self) -> list[Flowable]:
        model = self.model
        story = self._head()
        for section in model.sections:
            story += self._section(section)
        return story

    def _head(self) -> list[Flowable]:
        return [
            _p(self.model.title, self.s.title),
            Spacer(1, 2 * mm),
            self._table(self.model.facts),
        ]

    def parts(self) -> list[Part]:
        """Every piece of the report under a name a director recognises, to say which
        one a PDF/A failure comes from."""
        model = self.model
        parts = [Part(_("the title of the report"), self._head)]
        for section in model.sections:
            for block in section.blocks:
                if isinstance(block, EntryBlock):
                    label = _("entry {number} ({heading})").format(
                        number=block.number, heading=block.heading
                    )
                else:
                    label = _("the section “{heading}”").format(heading=section.heading)
                parts.append(Part(label, partial(self._block, block)))
        parts.append(Part(_("the signature block"), lambda: self.signatures([0])))
        return parts

    def _section(self, section: Section) -> list[Flowable]:
        body: list[Flowable] = []
        for block in section.blocks:
            body += self._block(block)
        # The heading never stands alone at the bottom of a page: it goes with the
        # first entry's heading and two lines of its text, or with the first block.
        head = _p(section.heading, self.s.heading)
        if body and isinstance(body[0], _RoomFor):
            return [body[0].after(head), head, *body[1:]]
        return [together([head, *body[:1]]), *body[1:]]

    def _block(self, block: Block) -> list[Flowable]:
        s = self.s
        if isinstance(block, Para):
            return _paragraphs(block.text, getattr(s, block.style))
        if isinstance(block, Grid):
            return [self._table(block)]
        if isinstance(block, EntryBlock):
            return self._entry(block)
        if isinstance(block, Overview):
            return [_p(SafeText(f"{block.lead} — {block.text}"), self.hanging)]
        if isinstance(block, ClauseQuote):
            return [together([_p(block.clause_id, s.cell_bold),
                              _p(SafeText(f"“{block.text}”"), s.quote)])]  # fmt: skip
        raise TypeError(f"no drawing for {type(block).__name__}")

    def _entry(self, block: EntryBlock) -> list[Flowable]:
        """The grey heading line always travels with the start of its text: it is
        only drawn where the heading and two lines of text fit (a paragraph split over
        a page keeps at least two lines). Cheaper than a KeepTogether, which lays the
        first paragraph out twice, and than one paragraph for both, which mixes fonts
        (ReportLab's slow path)."""
        s = self.s
        style = s.quote if block.addendum else s.body
        head = _p(SafeText(f"{block.number}. {block.heading}"), s.entry_head)
        paragraphs = [p for text in block.paragraphs for p in _paragraphs(text, style)]
        return [_RoomFor([head], style), head, *paragraphs]

    def _table(self, grid: Grid) -> Table:
        s = self.s
        rows = [
            [_p(cell, s.cell_bold if (grid.header and i == 0) or (not grid.header and j == 0)
                else s.cell) for j, cell in enumerate(row)]
            for i, row in enumerate(grid.rows)
        ]  # fmt: skip
        return _grid(rows, [w * mm for w in grid.widths_mm], header=grid.header)

    def signatures(self, counter: list[int]) -> list[Flowable]:
        s, sig = self.s, self.model.signatures
        block = [
            [_p(sig.left[0], s.cell_bold), _p(sig.right[0], s.cell_bold)],
            *[[_p(left, s.cell), _p(right, s.cell)]
              for left, right in zip(sig.left[1:], sig.right[1:], strict=True)],
        ]  # fmt: skip
        table = Table(
            block, colWidths=[85 * mm, 85 * mm], rowHeights=[None, 9 * mm, 9 * mm, 22 * mm]
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FAMILY),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 3), (-1, 3), 0.5, RULE),
                ]
            )
        )
        heading = _p(sig.heading, s.heading)
        parts: list[Flowable] = []
        if counter[0]:  # the note on missing characters comes before the signatures
            note = ngettext(
                "{n} character that the font cannot show (such as an emoji) is printed as {mark}.",
                "{n} characters that the font cannot show (such as emoji) are printed as {mark}.",
                counter[0],
            ).format(n=counter[0], mark=REPLACEMENT)
            parts.append(_draw(note, s.small))
        return [together([*parts, heading, table])]


class _RoomFor(CondPageBreak):
    """Go to the next page unless the `heads` and two lines in `style` fit here."""

    def __init__(self, heads: list[Paragraph], style: Any) -> None:
        super().__init__(0)
        self._heads, self._style = heads, style

    def after(self, head: Paragraph) -> _RoomFor:
        """The same, with `head` (a section's heading) drawn before the others."""
        return _RoomFor([head, *self._heads], self._style)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        height, after = 0.0, None
        for head in self._heads:
            before = head.style.spaceBefore
            height += before if after is None else max(after, before)
            height += head.wrap(availWidth, availHeight)[1]
            after = head.style.spaceAfter
        gap = max(after or 0.0, self._style.spaceBefore)
        self.height = height + gap + 2 * self._style.leading
        return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]


def together(flowables: list[Flowable]) -> KeepTogether:
    """One KeepTogether for `flowables`, with any KeepTogether among them opened up.

    ReportLab measures a KeepTogether as endlessly tall (so that it is always split),
    so one inside another never fits anywhere and always starts a new page: the last
    section and the signatures went to a page of their own, and so did a section
    that opens with a quoted clause."""
    flat: list[Flowable] = []
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            flat += together(list(flowable._content))._content
        else:
            flat.append(flowable)
    return KeepTogether(flat)


def _hanging(s: Styles) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle("hanging", parent=s.cell, leftIndent=8 * mm, firstLineIndent=-8 * mm)


def render_model(model: ReportModel) -> bytes:
    """Draw the model. Nothing here decides what is hidden: that is in the model, and
    every piece of text in it must have come out of the redactor."""
    _require_safe(*texts(model))
    frame = Frame(
        letterhead=model.frame.letterhead, marking=model.frame.marking,
        reference=model.frame.reference, title=model.frame.title,
        subject=model.frame.subject, author=model.frame.author, issued_on=None,
        language=model.language,
    )  # fmt: skip
    counter = [0]
    token = _REPLACED.set(counter)
    try:
        renderer = _Renderer(model)
        story = renderer.story()
        # The signatures never stand alone on a page: the last piece of content
        # goes with them.
        story[-1:] = [together([*story[-1:], *renderer.signatures(counter)])]
        try:
            return render(story, frame)
        except PdfaError as error:
            part = failing_part(renderer.parts(), partial(_fails, frame=frame))
            if part is None:
                raise
            raise PdfaError(error.summary, part.label) from None
    finally:
        _REPLACED.reset(token)


def _fails(story: list[Flowable], frame: Frame) -> bool:
    try:
        render(story, frame)
    except PdfaError:
        return True
    return False


def build_case_report(
    detail: CaseDetail, subject_id: int, file_type: str, context: ReportContext,
    rules: RuleSet, decisions: dict[str, Decision] | None = None,
    finder: NameFinder | None = None,
) -> bytes:  # fmt: skip
    """The finished report, or ReviewNeeded / HiddenNameInPdf: never a leaking PDF."""
    model, redactor = build_report_model(
        detail, subject_id, file_type, context, rules, decisions, finder
    )
    pdf = render_model(model)
    check_pdf(pdf, model, redactor)
    return pdf
