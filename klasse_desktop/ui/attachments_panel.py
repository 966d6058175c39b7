"""A case's attachments (screenshots and files kept as evidence): list, add, open, save.

Files go into the encrypted register as bytes. Opening one never writes it to
disk: images are shown from memory; anything else can only be saved as a copy
somewhere the user chooses, under a title that says the copy is not encrypted.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.errors import RegisterError
from klasse_desktop.cases.models import Attachment
from klasse_desktop.cases.repository import MAX_ATTACHMENT, safe_filename
from klasse_desktop.i18n import _
from klasse_desktop.ui import messages
from klasse_desktop.ui.case_labels import long_date, size_text
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.style import scale_font
from klasse_desktop.ui.viewer_dialogs import ImageViewerDialog


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


class AttachmentsPanel(QWidget):
    changed = Signal()  # something was added: the case view reloads

    def __init__(self, session: RegisterSession) -> None:
        super().__init__()
        self.session = session
        self.number: str | None = None
        self.attachments: dict[int, Attachment] = {}
        self.heading = QLabel()
        scale_font(self.heading, 1.1, bold=True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.hint = QLabel()
        self.hint.setObjectName("helpText")
        self.hint.setWordWrap(True)
        self.add_button, self.open_button, self.save_button = (
            QPushButton(), QPushButton(), QPushButton(),
        )  # fmt: skip
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Attachments"))
        self.list.setAccessibleName(_("Attachments"))
        self.hint.setText(_("Drag screenshots or files onto this case, or paste with Ctrl+V."))
        self.add_button.setText(_("Add &file…"))
        self.open_button.setText(_("O&pen"))
        self.save_button.setText(_("Save a &copy…"))
        if self.number is not None:
            self.show_attachments(self.number, list(self.attachments.values()))

    def show_attachments(self, number: str, attachments: list[Attachment]) -> None:
        self.number = number
        self.attachments = {a.id: a for a in attachments if a.id is not None}
        self.list.clear()
        for attachment in attachments:
            item = QListWidgetItem(
                _("{name} ({size}, added {date})").format(
                    name=attachment.filename, size=size_text(attachment.size),
                    date=long_date(attachment.added_at.date()),
                )
            )  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, attachment.id)
            self.list.addItem(item)
        self._update_buttons()

    def clear(self) -> None:
        self.number = None
        self.attachments = {}
        self.list.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.list.currentItem() is not None
        self.open_button.setEnabled(chosen)
        self.save_button.setEnabled(chosen)

    def selected(self) -> Attachment | None:
        item = self.list.currentItem()
        return self.attachments.get(item.data(Qt.ItemDataRole.UserRole)) if item else None

    # -- adding ---------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Add files to the case"))
        self.add_files([Path(n) for n in names])

    def add_files(self, files: list[Path]) -> int:
        """Add files from disk; each one that cannot be added is reported."""
        added = 0
        for path in files:
            try:
                too_big = path.stat().st_size > MAX_ATTACHMENT  # refuse before reading it all
                data = b"" if too_big else path.read_bytes()
            except OSError as exc:
                messages.show_error(self, _("{name} cannot be read ({reason}).").format(
                    name=path.name, reason=exc.strerror or exc.__class__.__name__))  # fmt: skip
                continue
            if too_big:
                messages.show_error(self, _("The file {name} is larger than {size} MB.").format(
                    name=path.name, size=MAX_ATTACHMENT // 2**20))  # fmt: skip
                continue
            added += self.add_data(path.name, data, notify=False)
        if added:
            self.changed.emit()
        return added

    def add_image(self, image: QImage | QPixmap) -> int:
        """A pasted or dropped picture (a screenshot), stored as PNG."""
        if isinstance(image, QPixmap):
            image = image.toImage()
        if not isinstance(image, QImage) or image.isNull():
            return 0
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = _("screenshot-{stamp}.png").format(stamp=stamp)
        return self.add_data(name, png_bytes(image))

    def add_data(self, name: str, data: bytes, *, notify: bool = True) -> int:
        register = self.session.register
        if register is None or self.number is None:
            return 0
        try:
            register.add_attachment(self.number, name, data)
        except RegisterError as exc:
            messages.show_error(self, exc, _("The file was not added"))
            return 0
        if notify:
            self.changed.emit()
        return 1

    # -- opening --------------------------------------------------------------------

    def _data(self, attachment: Attachment) -> bytes | None:
        register = self.session.register
        if register is None or attachment.id is None:
            return None
        try:
            return register.attachment_data(attachment.id)
        except RegisterError as exc:
            messages.show_error(self, exc)
            return None

    def open_selected(self) -> ImageViewerDialog | None:
        attachment = self.selected()
        if attachment is None:
            return None
        if attachment.media_type.startswith("image/"):
            data = self._data(attachment)
            if data is None:
                return None
            pixmap = QPixmap()
            if pixmap.loadFromData(data):
                viewer = ImageViewerDialog(
                    pixmap, attachment.filename, save=lambda: self.save(attachment), parent=self
                )
                viewer.show()
                return viewer
        if messages.confirm(
            self,
            _("Open {name}").format(name=attachment.filename),
            _("Klasse Desktop can only show pictures. To open {name} with another program, "
              "save a copy first. That copy is not encrypted: delete it when you are done.")
            .format(name=attachment.filename),
            _("&Save a copy…"),
        ):  # fmt: skip
            self.save(attachment)
        return None

    def save_selected(self) -> None:
        attachment = self.selected()
        if attachment is not None:
            self.save(attachment)

    def save(self, attachment: Attachment) -> Path | None:
        suggested = safe_filename(attachment.filename) or "bijlage"  # a name, never a path
        target, _filter = QFileDialog.getSaveFileName(
            self, _("Save a copy (not encrypted)"), str(Path.home() / suggested)
        )
        if not target:
            return None
        data = self._data(attachment)  # read only now: the register may have locked meanwhile
        if data is None:
            return None
        try:
            Path(target).write_bytes(data)
        except OSError as exc:
            messages.show_error(self, _("The copy could not be saved ({reason}).").format(
                reason=exc.strerror or exc.__class__.__name__))  # fmt: skip
            return None
        return Path(target)
