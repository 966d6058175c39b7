"""Colours per outcome kind.

Colour always comes with a symbol and words (never colour alone): these only
back up what the verdict already says.
"""

from __future__ import annotations

from klasse_desktop.protocol.models import OutcomeKind

KIND_COLOURS = {
    OutcomeKind.ALLOWED: "#2b8a3e",
    OutcomeKind.ALLOWED_IF: "#4f6f0b",
    OutcomeKind.NOT_ALLOWED: "#c92a2a",
    OutcomeKind.ASK_FIRST: "#a35200",
    OutcomeKind.REPORT: "#862e9c",
}


def badge_style(kind: OutcomeKind) -> str:
    return f"background: {KIND_COLOURS[kind]}; color: white; border-radius: 6px; padding: 4px;"
