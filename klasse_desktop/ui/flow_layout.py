"""A layout that places its items side by side and wraps to a new row when full.

For groups that must stay whole at any width: a case's facts ("Opened 20 november
2026" never wraps one word per line, it moves to the next row) and the case
list's filters. Qt has no such layout; this is the classic flow layout from Qt's
examples, with rows aligned at their bottom (a button lines up with the fields
under their labels) and items wider than the layout given its whole width (a long
school name wraps inside its own label instead of being cut off).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, *, spacing: int = 12, row_spacing: int = 6,
                 align_bottom: bool = False) -> None:  # fmt: skip
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._right: set[int] = set()  # id() of widgets pushed to the right end of their row
        self._spacing, self._row_spacing, self._align_bottom = spacing, row_spacing, align_bottom
        # Qt asks heightForWidth many times per layout pass (a 500-entry timeline asked
        # 60 000 times, 2 s in Python): remembered per width until the items change.
        self._heights: dict[int, int] = {}
        self._hint: QSize | None = None
        self._minimum: QSize | None = None
        self.setContentsMargins(0, 0, 0, 0)

    def add_right(self, widget: QWidget) -> None:
        """Add a widget that sits at the right end of its row (buttons beside a heading)."""
        self.addWidget(widget)
        self._right.add(id(widget))

    # -- QLayout's interface ------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt API
        self._items.append(item)
        self._forget()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        self._forget()
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt API
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), place=False)
        return height

    def invalidate(self) -> None:
        self._forget()
        super().invalidate()

    def _forget(self) -> None:
        self._heights.clear()
        self._hint = self._minimum = None

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt API
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """All items in one row."""
        if self._hint is not None:
            return self._hint
        width = height = 0
        for item in self._visible():
            hint = item.sizeHint()
            width += hint.width() + (self._spacing if width else 0)
            height = max(height, hint.height())
        margins = self.contentsMargins()
        self._hint = QSize(width + margins.left() + margins.right(),
                           height + margins.top() + margins.bottom())  # fmt: skip
        return self._hint

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt API
        """The widest item's minimum: narrower than that, nothing fits."""
        if self._minimum is not None:
            return self._minimum
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        extra = QSize(margins.left() + margins.right(), margins.top() + margins.bottom())
        self._minimum = size + extra
        return self._minimum

    # -- placing ------------------------------------------------------------------------

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        rows: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = 0
        for item in self._visible():
            width = min(item.sizeHint().width(), area.width())
            width = max(width, min(item.minimumSize().width(), area.width()))
            height = (
                item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
            )
            if rows[-1] and x + width > area.width():
                rows.append([])
                x = 0
            rows[-1].append((item, QSize(width, height)))
            x += width + self._spacing
        y = area.y()
        for row in rows:
            if not row:
                continue
            row_height = max(size.height() for _item, size in row)
            x = area.x()
            for item, size in row:
                if id(item.widget()) in self._right and item is row[-1][0]:
                    x = max(x, area.right() + 1 - size.width())
                if place:
                    top = y + (row_height - size.height() if self._align_bottom else 0)
                    item.setGeometry(QRect(QPoint(x, top), size))
                x += size.width() + self._spacing
            y += row_height + self._row_spacing
        used = y - self._row_spacing - area.y() if any(rows) else 0
        return used + margins.top() + margins.bottom()
