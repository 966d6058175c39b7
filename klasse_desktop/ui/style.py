"""The look in use: light or dark as the system asks, fonts relative to the user's font,
and the smallest window every screen fits in.

Font sizes are multiples of the application font, so 150 % system scaling keeps
proportions. The colours of the two schemes are in `schemes.py`; the app follows
the system's choice (Qt 6.5+ `QStyleHints.colorScheme`, also when it changes while
the app runs) through `apply_style`.

The first screen imports this module before its first paint, so nothing here
touches Qt's `Qt` namespace (~12 ms) until `apply_style` runs after that paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionComplex, QWidget

from klasse_desktop.ui.schemes import DARK, LIGHT, SCHEMES, Scheme, palette, style_sheet

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


# The light scheme's values, for code that predates the schemes.
ACCENT = LIGHT.accent
MUTED = LIGHT.muted
HIGHLIGHT = LIGHT.search_hit_bg  # search hits (always with dark text)
CLAUSE_HIGHLIGHT = LIGHT.clause_bg  # the clause opened from an outcome: not a search hit

_current = LIGHT


def current_scheme() -> Scheme:
    """The scheme in use: for colours set per widget (verdicts, the protocol's HTML)."""
    return _current


STYLE_SHEET = style_sheet(LIGHT)
_SHEETS = frozenset(style_sheet(s) for s in SCHEMES.values())


def system_prefers_dark(app: QGuiApplication | None = None) -> bool:
    """Whether the system asks for dark colours.

    Qt 6.5+ says so in `styleHints().colorScheme()`; where it does not know (an
    older desktop, "Unknown"), a dark system palette counts as dark. Before the
    app has set its own palette only: afterwards the palette is ours."""
    if app is None:
        instance = QGuiApplication.instance()
        if not isinstance(instance, QGuiApplication):
            return False
        app = instance
    scheme = app.styleHints().colorScheme()
    if scheme.name in ("Dark", "Light"):
        return scheme.name == "Dark"
    return _palette_is_dark(app)


def _palette_is_dark(app: QGuiApplication) -> bool:
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def first_paint_sheet() -> str:
    """The style sheet for widgets painted before `apply_style` runs (the start page).

    Decided from the system palette: asking the style hints would load Qt's `Qt`
    namespace before the first paint."""
    app = QGuiApplication.instance()
    dark = isinstance(app, QGuiApplication) and _palette_is_dark(app)
    return style_sheet(DARK if dark else LIGHT)


class SchemeStyle(QProxyStyle):
    """Fusion, with outlines that stay visible: a ring in the help-text colour around
    radio buttons and check boxes, and in the dark scheme a border around buttons,
    fields and lists. Fusion outlines them in a darker shade of the window, which all
    but disappears on a dark window (and is 2:1 for indicators on the light one)."""

    outlines = True  # Fusion's outlines; other styles draw their own (focus ring only)
    _RADIO = QStyle.PrimitiveElement.PE_IndicatorRadioButton
    _CHECK = QStyle.PrimitiveElement.PE_IndicatorCheckBox
    _FIELDS = (
        QStyle.PrimitiveElement.PE_PanelButtonCommand,
        QStyle.PrimitiveElement.PE_PanelLineEdit,
        QStyle.PrimitiveElement.PE_Frame,
    )

    # Where a focused control draws its frame: a 2 px ring in the accent colour is
    # drawn over it (WCAG 2.4.7 / 2.4.11: at least 2 px, 3:1 against the window;
    # Fusion's own is 1 px in a pale blue, and none on radio buttons' indicator).
    _FOCUS = (
        QStyle.PrimitiveElement.PE_PanelButtonCommand,
        QStyle.PrimitiveElement.PE_PanelLineEdit,
        QStyle.PrimitiveElement.PE_FrameFocusRect,
    )

    def drawPrimitive(  # noqa: N802 - Qt API
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().drawPrimitive(element, option, painter, widget)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        if focused and element in self._FOCUS:
            focus_ring(painter, QRectF(option.rect))
            return
        if focused and (element is self._RADIO or element is self._CHECK):
            # A choice's text is a separate label here, so Qt draws no focus frame
            # around any text: the indicator itself carries the ring.
            focus_ring(painter, QRectF(option.rect), round_=element is self._RADIO)
            return
        if not self.outlines:
            return
        indicator = element is self._RADIO or element is self._CHECK
        if not indicator and (_current.field_border is None or element not in self._FIELDS):
            return
        if element is QStyle.PrimitiveElement.PE_PanelLineEdit and not getattr(
            option, "lineWidth", 1
        ):
            return  # a frameless field (inside a combo box)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(_current.muted if indicator else _current.field_border)))
        painter.setBrush(QBrush())
        ring = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element is self._RADIO:
            painter.drawEllipse(ring)
        else:
            painter.drawRoundedRect(ring, 2, 2)
        painter.restore()

    def drawComplexControl(  # noqa: N802 - Qt API
        self, control: QStyle.ComplexControl, option: QStyleOptionComplex, painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().drawComplexControl(control, option, painter, widget)
        combo = control is QStyle.ComplexControl.CC_ComboBox
        if combo and option.state & QStyle.StateFlag.State_HasFocus:
            focus_ring(painter, QRectF(option.rect))


FOCUS_WIDTH = 2.0


def focus_ring(painter: QPainter, rect: QRectF, *, round_: bool = False) -> None:
    """The app's focus indicator: 2 px, accent colour, inside `rect`."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(_current.accent), FOCUS_WIDTH))
    painter.setBrush(QBrush())
    half = FOCUS_WIDTH / 2
    inner = rect.adjusted(half, half, -half, -half)
    if round_:
        painter.drawEllipse(inner)
    else:
        painter.drawRoundedRect(inner, 3, 3)
    painter.restore()


def _use_scheme_style(app: QApplication, dark: bool) -> None:
    """Fusion gets its outlines (`SchemeStyle`); the Vista style, which draws light
    controls whatever the palette, gives way to it in the dark scheme. Other styles
    (Breeze, Windows 11, macOS) draw their own outlines well and are left alone."""
    if _styles:
        return
    if not _base_style:
        sheet = app.styleSheet()
        if sheet:  # a style sheet hides the style's name behind its own
            app.setStyleSheet("")
        _base_style.append(app.style().name().lower())
        if sheet:
            app.setStyleSheet(sheet)
    base = _base_style[0]
    fusion = base == "fusion" or (dark and base == "windowsvista")
    # Every style gets the focus ring; only Fusion also gets the outlines.
    scheme_style = SchemeStyle("fusion" if fusion else base)
    scheme_style.outlines = fusion
    _styles.append(scheme_style)  # Python's half must live as long as Qt uses it
    app.setStyle(scheme_style)


_following: list[QApplication] = []
_styles: list[SchemeStyle] = []
_base_style: list[str] = []  # the platform's style, before ours


def apply_style(app: QApplication, dark: bool | None = None) -> Scheme:
    """Give the app the palette and style sheet of the system's scheme (or of `dark`),
    and follow the system when it switches (unless a scheme was forced).

    Widgets that carry a copy of the sheet themselves (painted before the app had
    it) get the new scheme's copy too."""
    global _current
    if dark is None:
        # Where Qt does not know the scheme, the palette decides: the system's at the
        # first call, ours (so: the scheme in use) after it.
        dark = system_prefers_dark(app)
        if app not in _following:
            _following.append(app)
            app.styleHints().colorSchemeChanged.connect(lambda scheme: _follow(app, scheme))
    scheme = DARK if dark else LIGHT
    _use_scheme_style(app, dark)
    _current = scheme
    sheet = style_sheet(scheme)
    app.setPalette(palette(scheme))
    app.setStyleSheet(sheet)
    for widget in app.allWidgets():
        own = widget.styleSheet()
        if own in _SHEETS and own != sheet:
            widget.setStyleSheet(sheet)
    return scheme


def _follow(app: QApplication, scheme: object) -> None:
    """The system switched: "Unknown" (no preference any more) means light."""
    apply_style(app, dark=getattr(scheme, "name", "") == "Dark")


def scale_font(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(max(6.0, font.pointSizeF() * factor))
    font.setBold(bold)
    widget.setFont(font)


def minimum_page_size(window: QWidget) -> QSize:
    """The smallest page area on which every screen still fits: about 770×480 at a
    usual font (a window of about 770×540 with its menu and toolbar), more with
    larger fonts, never more than the screen offers (a 1024×600 netbook at 150 %
    gets its whole screen)."""
    metrics = window.fontMetrics()
    wanted = QSize(metrics.averageCharWidth() * 110, metrics.lineSpacing() * 28)
    screen = window.screen()
    if screen is None:
        return wanted
    room = screen.availableGeometry().size() - QSize(0, metrics.lineSpacing() * 5)
    return wanted.boundedTo(room)
