"""A link that a screen reader announces as a link: one Tab stop, Enter or Space
or a click activates it, and its accessible name is the link's own words.

A QLabel with an <a> in it is "static text" to the platform's accessibility API,
named by its whole text or by a name that hides the rest (a clause reference named
"Artikel B3" lost its quote), and every link in it is an extra Tab stop. This
widget draws the same rich text but takes focus as a whole, and an accessible
interface (role Link, name, description, a Press action) tells assistive
technology what it is.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QWidget

FOCUS_WIDTH = 2


class LinkLabel(QLabel):
    activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setContentsMargins(FOCUS_WIDTH + 1, FOCUS_WIDTH, FOCUS_WIDTH + 1, FOCUS_WIDTH)
        self.link_name = ""  # what a screen reader says: "Artikel B3"
        self.link_description = ""  # and then: the quote

    def set_link(self, shown_html: str, name: str, description: str = "") -> None:
        self.setText(shown_html)
        self.link_name, self.link_description = name, description
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.activated.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if self.hasFocus():  # WCAG 2.4.7: 2 px, in the palette's highlight colour
            painter = QPainter(self)
            pen = QPen(self.palette().highlight().color(), FOCUS_WIDTH)
            painter.setPen(pen)
            half = FOCUS_WIDTH // 2
            painter.drawRoundedRect(QRect(self.rect()).adjusted(half, half, -half, -half), 3, 3)


class _LinkAccessible(QAccessibleWidget):
    def __init__(self, widget: LinkLabel) -> None:
        super().__init__(widget, QAccessible.Role.Link, widget.link_name)
        self.link = widget

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self.link.link_name
        if kind == QAccessible.Text.Description:
            return self.link.link_description
        return str(super().text(kind))

    def actionNames(self) -> list[str]:  # noqa: N802 - Qt API
        return [QAccessibleActionInterface.pressAction()]

    def doAction(self, name: str) -> None:  # noqa: N802 - Qt API
        if name == QAccessibleActionInterface.pressAction():
            self.link.activated.emit()


def _factory(_key: str, obj: object) -> QAccessibleWidget | None:
    return _LinkAccessible(obj) if isinstance(obj, LinkLabel) else None


QAccessible.installFactory(_factory)
