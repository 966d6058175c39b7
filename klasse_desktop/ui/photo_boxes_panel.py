"""The list beside the photo: one ticked line per box ("Gezicht 3"), blur all or
none, remove the selected box (also with Delete). Kept in step with the view's
boxes and selection; the view shows a ticked box blurred."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.i18n import _, ngettext
from klasse_desktop.photos.boxes import Face
from klasse_desktop.ui.photo_view import BoxItem, PhotoView
from klasse_desktop.ui.photo_work import Patch


class BoxesPanel(QWidget):
    def __init__(self, view: PhotoView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        view.box_clicked.connect(self.select)
        self.boxes_list = QListWidget()
        self.boxes_list.setAccessibleName(_("Faces and boxes"))
        self.boxes_list.itemChanged.connect(self._item_changed)
        self.boxes_list.currentRowChanged.connect(self._row_changed)
        self.blur_all = QPushButton(_("Blur &all"))
        self.blur_all.clicked.connect(lambda: self.set_all(True))
        self.blur_none = QPushButton(_("Blur &none"))
        self.blur_none.clicked.connect(lambda: self.set_all(False))
        self.remove_button = QPushButton(_("&Remove box"))
        self.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.boxes_list, self.remove_selected)
        self.count = QLabel()
        self.count.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(_("Ticked boxes are blurred:"))
        heading.setWordWrap(True)  # a narrow panel, a long Dutch sentence
        layout.addWidget(heading)
        layout.addWidget(self.boxes_list, 1)
        for button in (self.blur_all, self.blur_none, self.remove_button):
            layout.addWidget(button)
        layout.addWidget(self.count)
        self.setMaximumWidth(self.fontMetrics().averageCharWidth() * 36)

    def refresh(self) -> None:
        """Rebuild the list from the view's boxes."""
        self.boxes_list.blockSignals(True)
        self.boxes_list.clear()
        for box in self.view.boxes:
            text = _("Box {number} (drawn by you)") if box.face.manual else _("Face {number}")
            item = QListWidgetItem(text.format(number=box.number))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if box.blur else Qt.CheckState.Unchecked)
            self.boxes_list.addItem(item)
        self.boxes_list.setCurrentRow(self.view.selected)
        self.boxes_list.blockSignals(False)
        self._changed()

    def _changed(self) -> None:
        total = len(self.view.boxes)
        chosen = sum(box.blur for box in self.view.boxes)
        self.count.setText(
            ngettext(
                "{n} of {total} box will be blurred.",
                "{n} of {total} boxes will be blurred.",
                total,
            ).format(n=chosen, total=total)
        )
        self.remove_button.setEnabled(self.isEnabled() and self.view.selected >= 0)
        self.view.update()

    def add(self, face: Face, patch: Patch | None) -> None:
        number = max((box.number for box in self.view.boxes), default=0) + 1
        self.view.boxes.append(BoxItem(face, number, True, patch))
        self.view.selected = len(self.view.boxes) - 1
        self.refresh()

    def remove_selected(self) -> None:
        index = self.view.selected
        if self.isEnabled() and 0 <= index < len(self.view.boxes):
            del self.view.boxes[index]
            self.view.selected = min(index, len(self.view.boxes) - 1)
            self.refresh()

    def set_all(self, blur: bool) -> None:
        for box in self.view.boxes:
            box.blur = blur
        self.refresh()

    def select(self, index: int) -> None:
        self.view.selected = index
        self.boxes_list.setCurrentRow(index)
        self._changed()

    def _row_changed(self, row: int) -> None:
        self.view.selected = row
        self._changed()

    def _item_changed(self, item: QListWidgetItem) -> None:
        row = self.boxes_list.row(item)
        if 0 <= row < len(self.view.boxes):
            self.view.boxes[row].blur = item.checkState() == Qt.CheckState.Checked
            self._changed()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        # Also when a parent is disabled: QWidget.setEnabled is not virtual.
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            self._changed()
