"""A case's attachments (screenshots and files kept as evidence): list, add, open, save.

Files go into the encrypted register as bytes. Opening one never writes it to
disk: images are shown from memory; anything else can only be saved as a copy
somewhere the user chooses, under a title that says the copy is not encrypted.

A case is listed without its files' bytes (`models.without_file_data`); one file
is read when it is opened or saved. Reading, decoding, adding (up to 25 MB each)
and writing a copy run in the background (`RegisterSession.run`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
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
from klasse_desktop.i18n import _, ngettext
from klasse_desktop.ui import file_dialogs, messages
from klasse_desktop.ui.case_labels import long_date, size_text
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.style import scale_font
from klasse_desktop.ui.viewer_dialogs import ImageViewerDialog


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stub asks bytes for the format, but only str is accepted at run time.
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


if TYPE_CHECKING:
    from klasse_desktop.cases.repository import CaseRegister


class AttachmentsPanel(QWidget):
    changed = Signal()  # something was added: the case view reloads
    saved = Signal(Path)  # a copy was written here

    def __init__(self, session: RegisterSession) -> None:
        super().__init__()
        self.session = session
        self.number: str | None = None
        self.attachments: dict[int, Attachment] = {}
        self.viewer: ImageViewerDialog | None = None  # the picture opened last
        self.heading = QLabel()
        scale_font(self.heading, 1.1, bold=True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)  # room on small screens
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
        self.add_files(file_dialogs.open_files(self, _("Add files to the case")))

    def add_files(self, files: list[Path]) -> int:
        """Add files from disk in the background; returns how many are being added.
        One that is too big or cannot be read is reported, and the rest added."""
        wanted: list[tuple[str, Callable[[], bytes]]] = []
        for path in files:
            try:
                too_big = path.stat().st_size > MAX_ATTACHMENT  # refuse before reading it all
            except OSError as exc:
                messages.show_error(self, _unreadable(path.name, exc))
                continue
            if too_big:
                messages.show_error(self, _("The file {name} is larger than {size} MB.").format(
                    name=path.name, size=MAX_ATTACHMENT // 2**20))  # fmt: skip
                continue
            wanted.append((path.name, path.read_bytes))
        return self._add(wanted)

    def add_image(self, image: QImage | QPixmap) -> int:
        """A pasted or dropped picture (a screenshot), stored as PNG."""
        if isinstance(image, QPixmap):
            image = image.toImage()
        if not isinstance(image, QImage) or image.isNull():
            return 0
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = _("screenshot-{stamp}.png").format(stamp=stamp)
        return self._add([(name, lambda: png_bytes(image))])  # encoded off the UI thread

    def add_data(self, name: str, data: bytes) -> int:
        return self._add([(name, lambda: data)])

    def _add(self, files: list[tuple[str, Callable[[], bytes]]]) -> int:
        """Read and add `files` (name, how to get the bytes) in one background task;
        then each problem is said and, if anything was added, the case reloads."""
        number = self.number
        if number is None or not files:
            return 0

        def work(register: CaseRegister) -> tuple[int, list[tuple[str, str]]]:
            added, problems = 0, []
            for name, read in files:
                try:
                    register.add_attachment(number, name, read())
                    added += 1
                except OSError as exc:
                    problems.append((_unreadable(name, exc), ""))
                except RegisterError as exc:
                    problems.append((str(exc), _("The file was not added")))
            return added, problems

        def done(result: object) -> None:
            added, problems = cast("tuple[int, list[tuple[str, str]]]", result)  # work()'s
            for text, title in problems:
                messages.show_error(self, text, title)
            if added:
                self.changed.emit()

        n = len(files)
        task = self.session.run(
            self, work, done, self._failed,
            ngettext("Adding {n} file to the case…", "Adding {n} files to the case…", n).format(
                n=n
            ),
            _("Attachments"),
        )  # fmt: skip
        return n if task is not None else 0

    # -- opening --------------------------------------------------------------------

    def open_selected(self) -> None:
        """A picture is read and decoded in the background, then shown from memory
        (`viewer`); for anything else only "save a copy" is offered."""
        attachment = self.selected()
        if attachment is None or attachment.id is None:
            return
        if not attachment.media_type.startswith("image/"):
            self._offer_copy(attachment)
            return
        attachment_id = attachment.id

        def read(register: CaseRegister) -> QImage:
            image = QImage()
            image.loadFromData(register.attachment_data(attachment_id))
            return image

        self.session.run(
            self, read, lambda image: self._show_image(attachment, image), self._failed,
            _("Opening {name}…").format(name=attachment.filename), _("Attachments"),
        )  # fmt: skip

    def _show_image(self, attachment: Attachment, image: object) -> None:
        assert isinstance(image, QImage)
        if image.isNull():  # called a picture, but not one Qt can show
            self._offer_copy(attachment)
            return
        self.viewer = ImageViewerDialog(
            QPixmap.fromImage(image), attachment.filename, save=lambda: self.save(attachment),
            parent=self,
        )  # fmt: skip
        self.viewer.show()

    def _offer_copy(self, attachment: Attachment) -> None:
        if messages.confirm(
            self,
            _("Open {name}").format(name=attachment.filename),
            _("Klasse Desktop can only show pictures. To open {name} with another program, "
              "save a copy first. That copy is not encrypted: delete it when you are done.")
            .format(name=attachment.filename),
            _("&Save a copy…"),
        ):  # fmt: skip
            self.save(attachment)

    def save_selected(self) -> None:
        attachment = self.selected()
        if attachment is not None:
            self.save(attachment)

    def save(self, attachment: Attachment) -> None:
        """Ask where, then read the file and write the copy in the background."""
        suggested = safe_filename(attachment.filename) or "bijlage"  # a name, never a path
        target = file_dialogs.save_file(self, _("Save a copy (not encrypted)"), suggested)
        if target is None or attachment.id is None:
            return
        attachment_id, path = attachment.id, target

        def copy(register: CaseRegister) -> Path:
            path.write_bytes(register.attachment_data(attachment_id))
            return path

        self.session.run(
            self, copy, lambda written: self.saved.emit(written), self._failed,
            _("Saving a copy of {name}…").format(name=attachment.filename), _("Attachments"),
        )  # fmt: skip

    def _failed(self, error: Exception) -> None:
        if isinstance(error, OSError):
            messages.show_error(self, _("The copy could not be saved ({reason}).").format(
                reason=error.strerror or error.__class__.__name__))  # fmt: skip
        elif isinstance(error, RegisterError):
            messages.show_error(self, error)
        else:
            raise error


def _unreadable(name: str, error: OSError) -> str:
    return _("{name} cannot be read ({reason}).").format(
        name=name, reason=error.strerror or error.__class__.__name__
    )
