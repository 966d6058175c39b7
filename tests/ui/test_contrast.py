"""Every text the app draws reaches WCAG AA (4.5:1), in the light and the dark scheme,
and the app follows the system when it switches between them."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QStyleFactory

from klasse_desktop.protocol.models import OutcomeKind
from klasse_desktop.ui import style
from klasse_desktop.ui.schemes import (
    DARK,
    LIGHT,
    SCHEMES,
    contrast_ratio,
    palette,
    style_sheet,
    text_pairs,
)
from klasse_desktop.ui.style import STYLE_SHEET, apply_style
from klasse_desktop.ui.verdict_style import (
    BADGE_TEXT,
    KIND_COLOURS,
    SCHEME_KIND_COLOURS,
    badge_style,
)

AA = 4.5


@pytest.fixture
def light_again(qapp):
    yield
    apply_style(qapp, dark=False)
    qapp.setStyleSheet(STYLE_SHEET)


def test_the_contrast_formula_gives_wcag_s_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # just fails AA
    # The example: Qt's default grey for an empty list's placeholder.
    assert contrast_ratio("#bebebe", "#ffffff") == pytest.approx(1.86, abs=0.01)


@pytest.mark.parametrize("scheme", SCHEMES.values(), ids=SCHEMES.keys())
def test_every_text_pair_of_a_scheme_reaches_aa(scheme):
    low = [
        (what, round(contrast_ratio(fg, bg), 2))
        for what, fg, bg in text_pairs(scheme)
        if contrast_ratio(fg, bg) < AA
    ]
    assert low == []
    assert len(text_pairs(scheme)) >= 20


@pytest.mark.parametrize("scheme", SCHEMES.values(), ids=SCHEMES.keys())
def test_outcome_colours_read_on_window_card_and_badge(scheme):
    colours = SCHEME_KIND_COLOURS[scheme.name]
    assert set(colours) == set(OutcomeKind)
    for kind, colour in colours.items():
        for background in (scheme.window, scheme.base, scheme.alternate_base):
            assert contrast_ratio(colour, background) >= AA, (kind, colour, background)
        assert contrast_ratio(BADGE_TEXT[scheme.name], colour) >= AA, (kind, "badge")


@pytest.mark.parametrize("scheme", SCHEMES.values(), ids=SCHEMES.keys())
def test_the_palette_carries_the_scheme(scheme):
    pal = palette(scheme)
    active, disabled = QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled
    roles = QPalette.ColorRole
    assert pal.color(active, roles.Window).name() == scheme.window
    assert pal.color(active, roles.Text).name() == scheme.text
    assert pal.color(active, roles.PlaceholderText).name() == scheme.placeholder
    assert pal.color(active, roles.Highlight).name() == scheme.highlight
    assert pal.color(active, roles.HighlightedText).name() == scheme.highlighted_text
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        assert pal.color(disabled, role).name() == scheme.disabled_text
    assert pal.color(disabled, roles.Base).name() == scheme.window


def test_each_scheme_s_style_sheet_uses_only_its_own_colours():
    for scheme in SCHEMES.values():
        used = set(re.findall(r"#[0-9a-f]{6}", style_sheet(scheme)))
        own = {value for value in vars(scheme).values() if str(value).startswith("#")}
        assert used and used <= own, scheme.name
    assert LIGHT.muted in STYLE_SHEET and DARK.muted not in STYLE_SHEET


def darkest_pixel_contrast(widget) -> float:
    """Contrast between the darkest (light scheme) or lightest (dark scheme) pixel of
    what `widget` draws and its background: a text's own colour, as painted."""
    image = widget.grab().toImage()
    background = QColor(image.pixel(2, image.height() - 3))
    pixels = [
        QColor(image.pixel(x, y)) for x in range(image.width()) for y in range(image.height())
    ]
    dark_ground = background.lightness() < 128
    text = max(pixels, key=QColor.lightness) if dark_ground else min(pixels, key=QColor.lightness)
    return contrast_ratio(text.name(), background.name())


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_empty_answers_placeholder_is_readable(qtbot, qapp, light_again, dark):
    """The wizard's "Your answers appear here." is a disabled list item: Qt draws it in
    the palette's disabled text colour, #BEBEBE on white (1.9:1) by default."""
    apply_style(qapp, dark=dark)
    answers = QListWidget()
    answers.setFrameShape(QListWidget.Shape.NoFrame)
    qtbot.addWidget(answers)
    item = QListWidgetItem("Hier komen je antwoorden.")
    item.setFlags(Qt.ItemFlag.NoItemFlags)  # as wizard_page.py shows it
    answers.addItem(item)
    answers.resize(260, 60)
    answers.show()
    qtbot.waitExposed(answers)
    assert darkest_pixel_contrast(answers) >= AA


def test_qt_s_own_palette_would_fail_the_placeholder(qtbot, qapp):
    """The check above can fail: with Fusion's standard palette the same item is 1.9:1."""
    fusion = QStyleFactory.create("Fusion")
    answers = QListWidget()
    qtbot.addWidget(answers)
    answers.setPalette(fusion.standardPalette())
    answers.setFrameShape(QListWidget.Shape.NoFrame)
    item = QListWidgetItem("Hier komen je antwoorden.")
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    answers.addItem(item)
    answers.resize(260, 60)
    answers.show()
    qtbot.waitExposed(answers)
    assert darkest_pixel_contrast(answers) < 2.5


def test_help_text_in_the_dark_scheme_is_light_and_readable(qtbot, qapp, light_again):
    apply_style(qapp, dark=True)
    label = QLabel("Sleep schermafdrukken naar dit dossier")
    label.setObjectName("helpText")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    assert darkest_pixel_contrast(label) >= AA
    assert (
        KIND_COLOURS[OutcomeKind.NOT_ALLOWED]
        == SCHEME_KIND_COLOURS["dark"][OutcomeKind.NOT_ALLOWED]
    )
    assert "color: #111111" in badge_style(OutcomeKind.ALLOWED)


def test_the_app_follows_the_system_when_it_switches(qtbot, qapp, light_again):
    apply_style(qapp)  # offscreen: no scheme known, a light system palette
    assert style.current_scheme() is LIGHT
    carrier = QLabel()  # a widget painted before the app had its sheet (the start page)
    carrier.setStyleSheet(style_sheet(LIGHT))
    qtbot.addWidget(carrier)
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert style.current_scheme() is DARK
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == DARK.window
    assert qapp.styleSheet() == style_sheet(DARK) == carrier.styleSheet()
    assert KIND_COLOURS[OutcomeKind.ALLOWED] == SCHEME_KIND_COLOURS["dark"][OutcomeKind.ALLOWED]
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert style.current_scheme() is LIGHT
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == LIGHT.window
    assert carrier.styleSheet() == style_sheet(LIGHT)


def test_outlines_of_controls_stay_visible_in_both_schemes(qapp, light_again):
    """Non-text contrast (WCAG 1.4.11, 3:1): the rings around radio buttons and check
    boxes, and in the dark scheme the borders of buttons and fields."""
    for scheme in SCHEMES.values():
        assert contrast_ratio(scheme.muted, scheme.window) >= 3
        assert contrast_ratio(scheme.muted, scheme.base) >= 3
    assert DARK.field_border is not None and LIGHT.field_border is None
    for background in (DARK.window, DARK.base, DARK.button):
        assert contrast_ratio(DARK.field_border, background) >= 3
    apply_style(qapp, dark=True)
    assert style._styles and isinstance(style._styles[0], style.SchemeStyle)  # Fusion here
    assert style._styles[0].baseStyle().name() == "fusion"
