"""The app's two colour schemes, light and dark: every colour, the style sheet and the
palette made from them, and the contrast rule they are held to.

Each scheme sets the whole palette, not only the style sheet: Qt's own defaults
draw disabled and placeholder text (an empty list's "Your answers appear here.")
at 1.9:1. Every text/background pair of a scheme (`text_pairs`) reaches WCAG AA's
4.5:1, outlines of controls 3:1 (tests/ui/test_contrast.py). Which scheme is in use
is `style.current_scheme()`; colours per outcome kind are in `verdict_style.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette


@dataclass(frozen=True)
class Scheme:
    """Every colour the app paints with, for one colour scheme."""

    name: str
    window: str
    window_text: str
    base: str
    alternate_base: str
    text: str
    button: str
    button_text: str
    muted: str  # help texts, fact names
    placeholder: str  # an empty field's hint
    disabled_text: str  # also a placeholder item in a list
    highlight: str  # selected rows
    highlighted_text: str
    link: str
    accent: str  # focus and hover borders, the addendum bar, the progress dots
    card_border: str
    card_hover: str
    card_pressed: str
    notice_bg: str
    notice_border: str
    info_bg: str
    info_border: str
    error: str
    search_hit_bg: str  # a search hit in the protocol text
    search_hit_text: str
    clause_bg: str  # the clause opened from an outcome
    tooltip_bg: str
    tooltip_text: str
    field_border: str | None = None  # drawn around buttons, fields and lists (3:1 or more)


LIGHT = Scheme(
    name="light", window="#efefef", window_text="#111111", base="#ffffff",
    alternate_base="#f4f5f6", text="#111111", button="#e9e9e9", button_text="#111111",
    muted="#495057", placeholder="#5c636a", disabled_text="#5f6468", highlight="#1c5d99",
    highlighted_text="#ffffff", link="#1c5d99", accent="#1c5d99", card_border="#adb5bd",
    card_hover="#f1f6fb", card_pressed="#e3edf7", notice_bg="#fff4e6", notice_border="#ffc078",
    info_bg="#e7f5ff", info_border="#a5d8ff", error="#b02525", search_hit_bg="#ffe066",
    search_hit_text="#111111", clause_bg="#dbe9f6", tooltip_bg="#ffffdc", tooltip_text="#111111",
)  # fmt: skip
DARK = Scheme(
    name="dark", window="#262626", window_text="#ececec", base="#1b1b1b",
    alternate_base="#232323", text="#ececec", button="#333333", button_text="#ececec",
    muted="#b8bec6", placeholder="#a7adb4", disabled_text="#a2a8ae", highlight="#2a6bb0",
    highlighted_text="#ffffff", link="#8cc4ff", accent="#6fa8dc", card_border="#5c636a",
    card_hover="#2c3540", card_pressed="#34404d", notice_bg="#3d2e14", notice_border="#b8741a",
    info_bg="#14304a", info_border="#2f6fae", error="#ff8787", search_hit_bg="#7a5c00",
    search_hit_text="#ffffff", clause_bg="#1f3a56", tooltip_bg="#333333", tooltip_text="#ececec",
    field_border="#80868b",
)  # fmt: skip
SCHEMES = {s.name: s for s in (LIGHT, DARK)}


def style_sheet(scheme: Scheme = LIGHT) -> str:
    s = scheme
    return f"""
QLabel#helpText, QLabel#protocolInfo {{ color: {s.muted}; }}
QLabel#notice {{ background: {s.notice_bg}; color: {s.text}; border: 1px solid {s.notice_border};
                 border-radius: 4px; padding: 6px; }}
QLabel#errorText {{ color: {s.error}; font-weight: bold; }}
QFrame#offsiteReminder {{ background: {s.info_bg}; border: 1px solid {s.info_border};
                          border-radius: 4px; }}
QFrame#verdict {{ border: 2px solid palette(mid); border-radius: 6px; }}
QRadioButton {{ padding: 6px 2px; spacing: 10px; }}
QRadioButton::indicator {{ width: 1.1em; height: 1.1em; }}
QPushButton#wizardCard {{ border: 1px solid {s.card_border}; border-radius: 6px;
                          background: palette(base); color: {s.text}; }}
QPushButton#wizardCard:hover {{ border: 1px solid {s.accent}; background: {s.card_hover}; }}
QPushButton#wizardCard:focus {{ border: 2px solid {s.accent}; }}
QPushButton#wizardCard:pressed {{ background: {s.card_pressed}; }}
QFrame[card="true"] {{ border: 1px solid {s.card_border}; border-radius: 6px;
                       background: palette(base); }}
QFrame#addendumCard[indented="true"] {{ border-left: 4px solid {s.accent}; }}
QFrame[card="true"]:focus {{ border: 2px solid {s.accent}; }}
QLabel[readable="true"] {{ border: 2px solid transparent; border-radius: 3px; }}
QLabel[readable="true"]:focus {{ border-color: {s.accent}; }}
"""


def palette(scheme: Scheme) -> QPalette:
    """The whole palette of a scheme: active, inactive and disabled."""
    pal = QPalette()
    roles = QPalette.ColorRole
    button = QColor(scheme.button)
    dark = scheme is DARK
    colours = {
        roles.Window: scheme.window, roles.WindowText: scheme.window_text,
        roles.Base: scheme.base, roles.AlternateBase: scheme.alternate_base,
        roles.Text: scheme.text, roles.Button: scheme.button,
        roles.ButtonText: scheme.button_text, roles.PlaceholderText: scheme.placeholder,
        roles.Highlight: scheme.highlight, roles.HighlightedText: scheme.highlighted_text,
        roles.Link: scheme.link, roles.LinkVisited: scheme.link,
        roles.ToolTipBase: scheme.tooltip_bg, roles.ToolTipText: scheme.tooltip_text,
        roles.BrightText: scheme.error,
        roles.Light: (button.lighter(160) if dark else QColor("#ffffff")).name(),
        roles.Midlight: button.lighter(125 if dark else 110).name(),
        roles.Mid: (button.lighter(140) if dark else button.darker(125)).name(),
        roles.Dark: (button.darker(140) if dark else button.darker(150)).name(),
        roles.Shadow: "#000000" if dark else "#767676",
    }  # fmt: skip
    accent = getattr(roles, "Accent", None)  # Qt 6.6+
    if accent is not None:
        colours[accent] = scheme.highlight
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, value in colours.items():
            pal.setColor(group, role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role, value in colours.items():
        pal.setColor(disabled, role, QColor(value))
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.PlaceholderText):
        pal.setColor(disabled, role, QColor(scheme.disabled_text))
    pal.setColor(disabled, roles.Base, QColor(scheme.window))
    pal.setColor(disabled, roles.Highlight, QColor(scheme.muted))
    pal.setColor(disabled, roles.HighlightedText, QColor(scheme.base))
    return pal


def text_pairs(scheme: Scheme) -> list[tuple[str, str, str]]:
    """(what, text colour, background) for every kind of text the scheme draws."""
    s = scheme
    return [
        ("text on base", s.text, s.base), ("text on alternate rows", s.text, s.alternate_base),
        ("window text", s.window_text, s.window), ("button text", s.button_text, s.button),
        ("help text on window", s.muted, s.window), ("help text on base", s.muted, s.base),
        ("placeholder", s.placeholder, s.base),
        ("disabled text on window", s.disabled_text, s.window),
        ("disabled text on button", s.disabled_text, s.button),
        ("selected row", s.highlighted_text, s.highlight),
        ("link on base", s.link, s.base), ("link on window", s.link, s.window),
        ("error message", s.error, s.window), ("notice", s.text, s.notice_bg),
        ("reminder", s.text, s.info_bg), ("card hovered", s.text, s.card_hover),
        ("card pressed", s.text, s.card_pressed),
        ("search hit", s.search_hit_text, s.search_hit_bg),
        ("opened clause", s.text, s.clause_bg), ("tooltip", s.tooltip_text, s.tooltip_bg),
        ("text on a selected, disabled row", s.base, s.muted),
    ]  # fmt: skip


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two "#rrggbb" colours (1 to 21; AA needs 4.5 for text)."""

    def luminance(colour: str) -> float:
        value = colour.lstrip("#")
        channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
