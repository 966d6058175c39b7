"""The last line of defence: read the finished PDF back and look for hidden names.

Redaction happens in the report's model, before anything is drawn. This check
does not trust that: it extracts the text of every page (also each line reversed,
for right-to-left names drawn in visual order), the document information, the
XMP metadata and the outline, and runs the same name matcher over them. If a
hidden person's name is found, the PDF is not handed out and the message says
on which page and in which section.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from klasse_desktop.i18n import _
from klasse_desktop.reports.redaction.folding import fold_name, skeleton
from klasse_desktop.reports.redaction.redactor import HIDE, Redactor

if TYPE_CHECKING:
    from klasse_desktop.reports.report_model import ReportModel


class HiddenNameInPdf(Exception):  # noqa: N818 - the name says what was found
    def __init__(self, page: int, section: str) -> None:
        self.page, self.section = page, section
        where = (
            _("page {page} ({section})").format(page=page, section=section)
            if page
            else _("the document properties")
        )
        super().__init__(
            _(
                "The report was not saved: a name that should be hidden was found in the "
                "finished PDF, on {where}. No file was written. Please report this problem."
            ).format(where=where)
        )


@dataclass(frozen=True)
class _Text:
    page: int  # 0 for metadata
    text: str


def _texts(pdf: bytes) -> list[_Text]:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # font quirks are not the user's business
    reader = PdfReader(io.BytesIO(pdf))
    found = [_Text(i, page.extract_text() or "") for i, page in enumerate(reader.pages, 1)]
    meta = [str(value) for value in (reader.metadata or {}).values()]
    xmp = reader.xmp_metadata
    if xmp is not None:
        meta.append(xmp.stream.get_data().decode("utf-8", "replace"))
    meta += _titles(reader.outline)
    found.append(_Text(0, "\n".join(meta)))
    return found


def _titles(items: Any) -> list[str]:
    out: list[str] = []
    for item in items:
        out += _titles(item) if isinstance(item, list) else [str(getattr(item, "title", ""))]
    return out


def _leaks(text: str, redactor: Redactor, hidden_typed: list[str]) -> int | None:
    """The position of the first hidden name in `text`, if any."""
    for span in redactor.spans_of(text):
        if span.flag is not None or span.replacement is not None:
            return span.start
    skel = skeleton(text)
    for name in hidden_typed:
        found = re.search(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z])", skel.text)
        if found:
            return skel.origin[found.start()]
    return None


def check_pdf(pdf: bytes, model: ReportModel, redactor: Redactor) -> None:
    """Raise HiddenNameInPdf if any hidden name can be read in the finished PDF."""
    hidden_typed = [fold_name(text) for text, d in redactor.decisions.items() if d.action == HIDE]
    hidden_typed = [name for name in hidden_typed if len(name) > 1]
    headings = [str(model.title), *(str(s.heading) for s in model.sections)]
    section = headings[0]
    trusted = [
        re.compile(r"\s+".join(re.escape(w) for w in name.split()))
        for name in sorted(redactor.trusted, key=len, reverse=True)
    ]
    for item in _texts(pdf):
        for pattern in trusted:  # the author's and the school's names, printed on purpose
            item = _Text(item.page, pattern.sub(lambda m: " " * len(m.group()), item.text))
        lines = item.text.splitlines()
        candidates = [item.text, "\n".join(line[::-1] for line in lines)]
        for text in candidates:
            at = _leaks(text, redactor, hidden_typed)
            if at is None:
                continue
            before = item.text[:at] if text is item.text else item.text
            page_section = section
            for heading in headings:
                if heading in before:
                    page_section = heading
            raise HiddenNameInPdf(item.page, page_section)
        for heading in headings:
            if heading in item.text:
                section = heading
