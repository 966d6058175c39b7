"""PDF/A-2b for everything that goes into a dossier: archives ask for it.

Open-source ReportLab writes no PDF/A, but with every font embedded its output
needs only small repairs: the empty /Trans entry ReportLab puts on each page is
removed, and pikepdf adds the sRGB OutputIntent and XMP metadata matching the
document info, writes the file and validates what it wrote. pikepdf is imported
only here, when a PDF is made (it costs ~0.5 s to import).
"""

from __future__ import annotations

import io

FLAVOUR = "2b"


class PdfaError(RuntimeError):
    """The written file did not validate as PDF/A; the message lists the findings."""


def to_pdfa(data: bytes) -> bytes:
    import pikepdf
    import pikepdf.pdfa

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            if "/Trans" in page.obj:
                del page.obj["/Trans"]
        out = io.BytesIO()
        report = pikepdf.pdfa.save(pdf, out, FLAVOUR)
    if not report.passed:
        raise PdfaError(f"not PDF/A-{FLAVOUR}: {report.summary}")
    return out.getvalue()


def validate(data: bytes) -> tuple[bool, str]:
    """(passed, summary) from pikepdf's PDF/A validator, for tests and checks."""
    import pikepdf.pdfa

    report = pikepdf.pdfa.validate_written(io.BytesIO(data), FLAVOUR)
    return bool(report.passed), str(report.summary)
