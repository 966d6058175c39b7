"""The photo with a numbered box on each face: click a box to select it, drag on
the photo to add one (a face the detector missed).

Boxes are kept in photo pixels (upright); the view maps them onto the preview it
is given, scaled to fit. A box that will be blurred shows its blurred patch, made
exactly as the safe copy blurs it, so what is seen is what is saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from klasse_desktop.i18n import _
from klasse_desktop.photos.boxes import Face
from klasse_desktop.ui.photo_work import Patch

MIN_DRAG = 8  # widget pixels: a shorter drag is a click
BLURRED = QColor("#1b7f3b")
NOT_BLURRED = QColor("#c2410c")
SELECTED = QColor("#1d4ed8")


@dataclass
class BoxItem:
    face: Face
    number: int
    blur: bool = True
    patch: Patch | None = None


class PhotoView(QWidget):
    box_drawn = Signal(object)  # a Face in photo pixels, drawn by the user
    box_clicked = Signal(int)  # index into `boxes`, or -1 for the photo itself

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(360, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Photo with the faces found"))
        self.preview: QImage | None = None
        self.photo_size = (1, 1)
        self.scale = 1.0  # preview pixels per photo pixel
        self.boxes: list[BoxItem] = []
        self.selected = -1
        self.show_blur = True
        self.empty_text = ""
        self._drag: tuple[QPointF, QPointF] | None = None

    def set_photo(self, preview: QImage | None, photo_size: tuple[int, int], scale: float) -> None:
        self.preview, self.photo_size, self.scale = preview, photo_size, scale
        self.boxes, self.selected, self._drag = [], -1, None
        self.update()

    # -- geometry -------------------------------------------------------------------

    def image_rect(self) -> QRectF:
        """Where the photo is drawn: scaled to fit, centred."""
        width, height = self.photo_size
        factor = min(self.width() / width, self.height() / height)
        w, h = width * factor, height * factor
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def to_widget(self, face: Face) -> QRectF:
        area = self.image_rect()
        factor = area.width() / self.photo_size[0]
        return QRectF(
            area.x() + face.x * factor, area.y() + face.y * factor,
            face.width * factor, face.height * factor,
        )  # fmt: skip

    def to_photo(self, point: QPointF) -> tuple[float, float]:
        area = self.image_rect()
        factor = self.photo_size[0] / max(area.width(), 1e-6)
        return (point.x() - area.x()) * factor, (point.y() - area.y()) * factor

    def box_at(self, point: QPointF) -> int:
        """The smallest box under `point` (a small face inside a big box stays reachable)."""
        hits = [i for i, box in enumerate(self.boxes) if self.to_widget(box.face).contains(point)]
        return min(hits, key=lambda i: self.boxes[i].face.area, default=-1)

    # -- mouse ----------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if self.preview is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self._drag = (event.position(), event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if self._drag is not None:
            self._drag = (self._drag[0], event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if self._drag is None:
            return
        start, end = self._drag[0], event.position()
        self._drag = None
        self.update()
        if abs(end.x() - start.x()) < MIN_DRAG or abs(end.y() - start.y()) < MIN_DRAG:
            self.box_clicked.emit(self.box_at(end))
            return
        (x1, y1), (x2, y2) = self.to_photo(start), self.to_photo(end)
        width, height = self.photo_size
        face = Face(0, 0, 0, 0, manual=True).clamped_to(
            self.photo_size,
            round(min(x1, x2)), round(min(y1, y2)), round(max(x1, x2)), round(max(y1, y2)),
        )  # fmt: skip
        if face.width >= 2 and face.height >= 2 and face.x < width and face.y < height:
            self.box_drawn.emit(face)

    # -- painting -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self.preview is None:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        area = self.image_rect()
        painter.drawImage(area, self.preview)
        factor = area.width() / max(1, self.preview.width())
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        for index, box in enumerate(self.boxes):
            if self.show_blur and box.blur and box.patch is not None:
                patch = box.patch
                target = QRectF(
                    area.x() + patch.x * factor, area.y() + patch.y * factor,
                    patch.image.width() * factor, patch.image.height() * factor,
                )  # fmt: skip
                painter.drawImage(target, patch.image)
            self._draw_box(painter, box, index == self.selected)
        if self._drag is not None:
            painter.setPen(QPen(SELECTED, 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self._drag[0], self._drag[1]).normalized())

    def _draw_box(self, painter: QPainter, box: BoxItem, selected: bool) -> None:
        colour = SELECTED if selected else (BLURRED if box.blur and self.show_blur else NOT_BLURRED)
        rect = self.to_widget(box.face)
        style = Qt.PenStyle.SolidLine if box.blur else Qt.PenStyle.DashLine
        painter.setPen(QPen(colour, 3 if selected else 2, style))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        label = str(box.number)
        metrics = painter.fontMetrics()
        width, height = metrics.horizontalAdvance(label) + 8, metrics.height() + 2
        tag = QRectF(rect.x(), rect.y() - height, width, height)
        if tag.y() < 0:
            tag.moveTop(rect.y())
        painter.fillRect(tag, colour)
        painter.setPen(QColor("white"))
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, label)
