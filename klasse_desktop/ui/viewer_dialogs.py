"""Read-only viewers for case content: an image attachment, an entry's whole text.

The image is decoded from the bytes in memory (`QPixmap.loadFromData`); nothing
decrypted is written to a temporary file for another program to open. Both
windows are marked as case data, so locking the register closes them, and they
delete themselves (and the picture) when closed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.i18n import _
from klasse_desktop.ui import messages


class ImageViewerDialog(QDialog):
    def __init__(
        self, pixmap: QPixmap, name: str, *, save: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        messages.mark(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(name)
        self.pixmap = pixmap
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setAccessibleName(_("Image {name}").format(name=name))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.image)
        self.scroll_area = scroll
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        if save is not None:
            copy = buttons.addButton(_("&Save a copy…"), QDialogButtonBox.ButtonRole.ActionRole)
            copy.clicked.connect(save)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry()
        self.resize(
            min(pixmap.width() + 60, int(screen.width() * 0.8)),
            min(pixmap.height() + 120, int(screen.height() * 0.8)),
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        room = self.scroll_area.viewport().size()
        if self.pixmap.width() > room.width() or self.pixmap.height() > room.height():
            shown = self.pixmap.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )  # fmt: skip
        else:
            shown = self.pixmap
        self.image.setPixmap(shown)


class TextViewerDialog(QDialog):
    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        messages.mark(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        view = QPlainTextEdit(text)
        view.setReadOnly(True)
        view.setAccessibleName(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        layout.addWidget(buttons)
        chars = self.fontMetrics().averageCharWidth()
        self.resize(chars * 90, self.fontMetrics().lineSpacing() * 30)
