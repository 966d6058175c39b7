"""Which part of a report a PDF/A failure comes from, so the message can name the
entry instead of only the validator's findings.

Only run after a failure (rare): the parts are drawn again in halves, each half as
a PDF of its own, until one part is left that fails alone. About log2(parts) small
PDFs, so a 300-entry case is searched in nine tries rather than three hundred.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, Spacer


@dataclass(frozen=True)
class Part:
    label: str  # "entry 2a (4 March 2026 — Correction)", in the report's language
    draw: Callable[[], list[Flowable]]  # fresh flowables each time (drawing uses them up)


def failing_part(parts: Sequence[Part], fails: Callable[[list[Flowable]], bool]) -> Part | None:
    """The one part that makes `fails` true on its own, or None when no single part
    does (then it is the combination or the page frame, and nothing is named)."""
    if fails([Spacer(1, 1)]):  # the page frame alone fails: no part is to blame
        return None
    candidates = list(parts)
    while len(candidates) > 1:
        half = candidates[: len(candidates) // 2]
        rest = candidates[len(half) :]
        if fails([f for part in half for f in part.draw()]):
            candidates = half
        elif fails([f for part in rest for f in part.draw()]):
            candidates = rest
        else:
            return None
    if candidates and fails(candidates[0].draw()):
        return candidates[0]
    return None
