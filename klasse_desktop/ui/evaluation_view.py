"""The evaluation's topics on screen: per topic a chart with its numbers beside it.

The charts are the report's own (`evaluation/charts.py`), rendered to SVG in a
worker thread and shown here with QSvgWidget (PySide6-Essentials has no QtCharts).
They are drawn on white (in the SVG), in the light and the dark scheme alike. The
numbers are a plain read-only table, so a screen reader reads them too.
"""

from __future__ import annotations

from importlib.resources import as_file

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.evaluation.sections import Section
from klasse_desktop.ui.style import scale_font

SCALE = 1.35  # chart points to screen pixels: the chart reads like the text around it
Rendered = tuple[Section, bytes | None, float, float]
_fonts_loaded: list[bool] = []


def load_chart_fonts() -> None:
    """The charts name "DejaVu Sans" (the reports' font): give Qt the shipped files."""
    if _fonts_loaded:
        return
    from klasse_desktop.reports.fonts import FACES, FAMILY
    from klasse_desktop.resources import resource

    for face in (FAMILY, f"{FAMILY}-Bold"):
        with as_file(resource("fonts", FACES[face])) as path:
            QFontDatabase.addApplicationFont(str(path))
    _fonts_loaded.append(True)


class SectionView(QWidget):
    """One topic: its title, the chart (if it has one) and the numbers."""

    def __init__(self, rendered: Rendered, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        section, svg, width, height = rendered
        self.section = section
        self.title = QLabel(section.title)
        self.title.setWordWrap(True)
        scale_font(self.title, 1.1, bold=True)
        self.chart: QSvgWidget | None = None
        row = QHBoxLayout()
        if svg is not None:
            self.chart = QSvgWidget()
            self.chart.load(QByteArray(svg))
            self.chart.setFixedSize(round(width * SCALE), round(height * SCALE))
            self.chart.setAccessibleName(section.title)
            row.addWidget(self.chart, 0, Qt.AlignmentFlag.AlignTop)
        self.numbers = self._numbers(section)
        row.addWidget(self.numbers, 1, Qt.AlignmentFlag.AlignTop)
        row.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.addWidget(self.title)
        layout.addLayout(row)
        for note in section.notes:
            label = QLabel(note)
            label.setObjectName("helpText")
            label.setWordWrap(True)
            layout.addWidget(label)

    @staticmethod
    def _numbers(section: Section) -> QTableWidget:
        table = QTableWidget(len(section.rows), len(section.headers))
        table.setHorizontalHeaderLabels(section.headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        table.setAccessibleName(section.title)
        for r, (label, values) in enumerate(section.rows):
            table.setItem(r, 0, QTableWidgetItem(label))
            for c, value in enumerate(values, 1):
                table.setItem(r, c, QTableWidgetItem(value.text()))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(section.headers)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        table.resizeRowsToContents()
        height = header.sizeHint().height() + sum(
            table.rowHeight(r) for r in range(table.rowCount())
        )
        table.setFixedHeight(height + 2 * table.frameWidth() + 4)
        table.setMinimumWidth(260)
        table.setMaximumWidth(520)
        return table

    def texts(self) -> list[list[str]]:
        """What the numbers table shows, row by row (for tests)."""
        table = self.numbers
        return [
            [item.text() if (item := table.item(r, c)) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]


class SectionsView(QScrollArea):
    """Every topic, one under the other, scrolling as one page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.views: list[SectionView] = []
        self._show([])

    def _show(self, views: list[SectionView]) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 0, 12, 0)
        for view in views:
            layout.addWidget(view)
        layout.addStretch(1)
        self.views = views
        self.setWidget(body)  # the previous body is deleted with its views

    def show_sections(self, rendered: list[Rendered]) -> None:
        load_chart_fonts()
        self._show([SectionView(item) for item in rendered])

    def clear(self) -> None:
        self._show([])

    def view(self, key: str) -> SectionView | None:
        return next((v for v in self.views if v.section.key == key), None)
