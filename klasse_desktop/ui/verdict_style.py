"""Colours per outcome kind, in the light and the dark scheme.

Colour always comes with a symbol and words (never colour alone): these only
back up what the verdict already says. Each colour is used as text on the
window and on a card, and as the badge's background under the symbol, so each
reaches 4.5:1 against all three (tests/ui/test_contrast.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from klasse_desktop.protocol.models import OutcomeKind
from klasse_desktop.ui.schemes import DARK, LIGHT, Scheme
from klasse_desktop.ui.style import current_scheme

SCHEME_KIND_COLOURS: dict[str, dict[OutcomeKind, str]] = {
    LIGHT.name: {
        OutcomeKind.ALLOWED: "#237032",
        OutcomeKind.ALLOWED_IF: "#4f6f0b",
        OutcomeKind.NOT_ALLOWED: "#b02525",
        OutcomeKind.ASK_FIRST: "#9a4d00",
        OutcomeKind.REPORT: "#862e9c",
    },
    DARK.name: {
        OutcomeKind.ALLOWED: "#69db7c",
        OutcomeKind.ALLOWED_IF: "#b5d96a",
        OutcomeKind.NOT_ALLOWED: "#ff8787",
        OutcomeKind.ASK_FIRST: "#ffa94d",
        OutcomeKind.REPORT: "#e599f7",
    },
}
# The symbol on the badge: light on the light scheme's dark colours, and the other way round.
BADGE_TEXT = {LIGHT.name: "#ffffff", DARK.name: "#111111"}


class _KindColours(Mapping[OutcomeKind, str]):
    """Outcome kind -> colour in the scheme in use (looked up when a verdict is shown)."""

    def __getitem__(self, kind: OutcomeKind) -> str:
        return SCHEME_KIND_COLOURS[current_scheme().name][kind]

    def __iter__(self) -> Iterator[OutcomeKind]:
        return iter(OutcomeKind)

    def __len__(self) -> int:
        return len(OutcomeKind)


KIND_COLOURS: Mapping[OutcomeKind, str] = _KindColours()


def badge_style(kind: OutcomeKind, scheme: Scheme | None = None) -> str:
    name = (scheme or current_scheme()).name
    colour, text = SCHEME_KIND_COLOURS[name][kind], BADGE_TEXT[name]
    return f"background: {colour}; color: {text}; border-radius: 6px; padding: 4px;"
