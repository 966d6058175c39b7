"""The evaluation's charts, drawn once with ReportLab for the PDF and the window.

`drawing(chart, width)` returns a ReportLab `Drawing`: the report puts it on the
page as vector graphics, the window shows `svg(drawing)` in a QSvgWidget
(PySide6-Essentials has no QtCharts). Bars for categories (a light tail where a
count is only known as a range: "<5", "≥5"), lines for months and quarters (a
dashed line for the most a range allows). Every label is in the reports' own
font, so the PDF embeds it and the PDF/A check passes.
"""

from __future__ import annotations

import math
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from klasse_desktop.evaluation.bounds import Bounds
from klasse_desktop.evaluation.sections import Chart, Section
from klasse_desktop.reports.fonts import FAMILY, drawable, register_fonts

INK = colors.HexColor("#1b1b1b")
GRID = colors.HexColor("#d5d5d5")
# Two series, each with a light tint for "not known exactly"; blue and orange stay
# apart for the common kinds of colour blindness, and the lines differ in markers too.
COLOURS = [
    (colors.HexColor("#1f5f8b"), colors.HexColor("#a9c7de")),
    (colors.HexColor("#b5542c"), colors.HexColor("#eab59c")),
]
FONT_SIZE = 7.5
BAR_ROW = 15.0  # points per category in a bar chart


def _nice_top(value: float) -> tuple[int, int]:
    """An axis maximum and step in whole numbers (counts have no fractions)."""
    top = max(4, math.ceil(value))
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    nice = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(1, math.ceil(nice))
    return step * math.ceil(top / step), step


def _fit(text: str, width: float) -> str:
    text = drawable(text, FAMILY)
    if stringWidth(text, FAMILY, FONT_SIZE) <= width:
        return text
    while text and stringWidth(text + "…", FAMILY, FONT_SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _axis_style(axis: Any, step: int, top: int) -> None:
    axis.valueMin, axis.valueMax, axis.valueStep = 0, top, step
    axis.labels.fontName, axis.labels.fontSize = FAMILY, FONT_SIZE - 0.5
    axis.labels.fillColor = INK
    axis.strokeColor = GRID
    axis.visibleGrid = True
    axis.gridStrokeColor = GRID
    axis.gridStrokeWidth = 0.4
    axis.labelTextFormat = "%d"


def _tail(value: Bounds, top_guess: float) -> float:
    """How far the light part of a bar reaches: to the range's top, or a short stub
    where there is no top ("≥5")."""
    if value.high is not None:
        return float(value.high - value.low)
    return max(1.0, top_guess * 0.12)


def bar_drawing(chart: Chart, width: float) -> Drawing:
    values = chart.series[0].values
    names = chart.categories
    known_top = max([v.high if v.high is not None else v.low for v in values] + [1])
    tails = [_tail(v, known_top) for v in values]
    top, step = _nice_top(max(v.low + t for v, t in zip(values, tails, strict=True)))
    label_width = min(
        width * 0.42, max(stringWidth(drawable(n, FAMILY), FAMILY, FONT_SIZE) for n in names) + 6
    )
    height = BAR_ROW * len(values) + 22
    drawing = Drawing(width, height)
    bars = HorizontalBarChart()
    bars.x, bars.y = label_width, 14
    bars.width, bars.height = width - label_width - 34, BAR_ROW * len(values)
    # ReportLab puts the first category at the bottom: reversed, so it reads top-down.
    bars.data = [[v.low for v in reversed(values)], list(reversed(tails))]
    bars.categoryAxis.style = "stacked"
    bars.categoryAxis.categoryNames = [_fit(n, label_width - 6) for n in reversed(names)]
    bars.categoryAxis.labels.fontName = FAMILY
    bars.categoryAxis.labels.fontSize = FONT_SIZE
    bars.categoryAxis.labels.fillColor = INK
    bars.categoryAxis.strokeColor = GRID
    bars.barSpacing, bars.groupSpacing = 0, 3
    _axis_style(bars.valueAxis, step, top)
    dark, light = COLOURS[0]
    bars.bars.strokeWidth = 0
    bars.bars.strokeColor = None
    bars.bars[0].fillColor, bars.bars[1].fillColor = dark, light
    drawing.add(bars)
    scale = bars.width / top
    for row, (value, tail) in enumerate(zip(reversed(values), reversed(tails), strict=True)):
        x = bars.x + (value.low + tail) * scale + 3
        y = bars.y + (row + 0.5) * BAR_ROW - FONT_SIZE / 3
        drawing.add(String(x, y, value.text(), fontName=FAMILY, fontSize=FONT_SIZE, fillColor=INK))
    return drawing


def line_drawing(chart: Chart, width: float, height: float = 150) -> Drawing:
    from reportlab.graphics.widgets.markers import makeMarker

    drawing = Drawing(width, height)
    lines = HorizontalLineChart()
    lines.x, lines.y = 26, 34 if len(chart.categories) > 6 else 20
    lines.width, lines.height = width - lines.x - 8, height - lines.y - 22
    data: list[list[float | None]] = []
    styles: list[tuple[Any, bool, int]] = []  # colour, dashed, series index
    for index, series in enumerate(chart.series):
        dark, light = COLOURS[index % len(COLOURS)]
        data.append([v.low for v in series.values])
        styles.append((dark, False, index))
        if any(not v.is_exact for v in series.values):
            data.append([v.high if v.high is not None else None for v in series.values])
            styles.append((light, True, index))
    highest = max([x for row in data for x in row if x is not None] + [1])
    top, step = _nice_top(highest)
    lines.data = data
    lines.joinedLines = 1
    for i, (colour, dashed, index) in enumerate(styles):
        lines.lines[i].strokeColor = colour
        lines.lines[i].strokeWidth = 1.6 if not dashed else 1
        if dashed:
            lines.lines[i].strokeDashArray = [3, 2]
        else:
            lines.lines[i].symbol = makeMarker(
                "FilledCircle" if index == 0 else "FilledSquare", size=3.5
            )
            lines.lines[i].symbol.fillColor = colour
            lines.lines[i].symbol.strokeColor = colour
    axis = lines.categoryAxis
    axis.categoryNames = [drawable(c, FAMILY) for c in chart.categories]
    axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = FAMILY, FONT_SIZE - 0.5, INK
    axis.strokeColor = GRID
    if len(chart.categories) > 6:
        axis.labels.angle, axis.labels.boxAnchor, axis.labels.dy = 35, "ne", -2
    _axis_style(lines.valueAxis, step, top)
    drawing.add(lines)
    _legend(drawing, chart, lines.x, height - 10)
    return drawing


def _legend(drawing: Drawing, chart: Chart, x: float, y: float) -> None:
    for index, series in enumerate(chart.series):
        dark, _light = COLOURS[index % len(COLOURS)]
        drawing.add(Line(x, y + 3, x + 14, y + 3, strokeColor=dark, strokeWidth=1.6))
        name = drawable(series.name, FAMILY)
        drawing.add(String(x + 18, y, name, fontName=FAMILY, fontSize=FONT_SIZE, fillColor=INK))
        x += 30 + stringWidth(name, FAMILY, FONT_SIZE)


def drawing(chart: Chart, width: float) -> Drawing:
    """The chart as a ReportLab drawing `width` points wide."""
    register_fonts()
    made = bar_drawing(chart, width) if chart.kind == "bars" else line_drawing(chart, width)
    # The renderer starts every drawing in Helvetica, which is not embedded (no PDF/A).
    made.initialFontName = FAMILY
    return made


def svg(drawing: Drawing) -> bytes:
    """The drawing as SVG, for the window. The font is named as the system and Qt
    know it ("DejaVu Sans"), with a plain sans-serif after it."""
    from reportlab.graphics import renderSVG
    from reportlab.graphics.shapes import Rect

    # On white, as on paper: the window may be dark, the labels are not.
    drawing.insert(0, Rect(0, 0, drawing.width, drawing.height, fillColor=colors.white,
                           strokeColor=None))  # fmt: skip
    text: str = renderSVG.drawToString(drawing)
    text = text.replace(f"font-family: {FAMILY};", "font-family: 'DejaVu Sans', sans-serif;")
    # ReportLab writes "fill: None" for a line; SVG readers (Qt's too) want "none", or fill
    # the area under it black.
    text = text.replace("fill: None;", "fill: none;").replace("stroke: None;", "stroke: none;")
    return text.encode("utf-8")


def rendered(
    sections: list[Section], width: float
) -> list[tuple[Section, bytes | None, float, float]]:
    """Each section with its chart as SVG and the chart's size in points, for the
    window (made in a worker thread: ReportLab takes a moment the first time)."""
    result: list[tuple[Section, bytes | None, float, float]] = []
    for section in sections:
        if section.chart is None:
            result.append((section, None, 0.0, 0.0))
            continue
        made = drawing(section.chart, width)
        result.append((section, svg(made), float(made.width), float(made.height)))
    return result
