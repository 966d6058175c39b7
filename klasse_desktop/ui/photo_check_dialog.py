"""Foto controleren: make a photo safe to share (rules A9 and A5), offline.

Open or drop a photo; faces are found in a worker thread (with progress, and
stopped if the dialog closes or another photo is opened), shown with numbered
boxes; the teacher adds a box by dragging, removes one, and chooses per box or for
all whether it is blurred. "Veilige kopie opslaan…" writes a copy with the chosen
faces blurred and no metadata; "metadata only" blurs nothing. The original file is
only read; the preview and boxes live in memory and go when the dialog closes.

Constructible as `PhotoCheckDialog(parent, path=None)`; PIL, numpy and the model
are loaded by the work itself, so importing this module costs nothing at start-up.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from klasse_desktop.i18n import _
from klasse_desktop.photos.boxes import Face  # light: photo_view needs it already
from klasse_desktop.ui import file_dialogs
from klasse_desktop.ui.background import BackgroundTask, CancelToken
from klasse_desktop.ui.photo_boxes_panel import BoxesPanel
from klasse_desktop.ui.photo_view import BoxItem, PhotoView
from klasse_desktop.ui.photo_work import Checked, ProgressCarrier, check_photo, patch_for, save_copy

NO_BUSY_WINDOW = 2**31 - 1  # the dialog shows its own progress bar
log = logging.getLogger(__name__)


class PhotoCheckDialog(QDialog):
    safe_copy_saved = Signal(object)  # the Path written (for the outcome to re-run)

    def __init__(self, parent: QWidget | None = None, path: Path | str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Check a photo"))
        self.setAcceptDrops(True)
        self.resize(1000, 700)
        self.checked: Checked | None = None
        self.task: BackgroundTask | None = None
        self.carrier = ProgressCarrier(self)
        self.carrier.moved.connect(self._progress)
        self._build()
        if path is not None:
            self.open_photo(Path(path))

    def _build(self) -> None:
        intro = QLabel(
            _(
                "Open or drop a photo (JPEG, PNG, HEIC or MPO). Faces are looked for on this "
                "computer: nothing is sent anywhere, and nothing of the photo is kept."
            )
        )
        intro.setWordWrap(True)
        self.open_button = QPushButton(_("&Open photo…"))
        self.open_button.clicked.connect(self.choose_photo)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.open_button)
        self.view = PhotoView()
        self.view.empty_text = _("Drop a photo here, or choose Open photo…")
        self.view.box_drawn.connect(self.add_box)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.summary = self._label(bold=True)
        self.hint = self._label()
        self.hint.setObjectName("helpText")
        self.error = self._label()
        self.error.setObjectName("errorText")
        self.panel = BoxesPanel(self.view)
        self.metadata = self._label()
        self.metadata_only = QCheckBox(_("Only remove the &metadata (blur no faces)"))
        self.metadata_only.toggled.connect(self._mode_changed)
        self.result_label = self._label()
        middle = QHBoxLayout()
        middle.addWidget(self.view, 1)
        middle.addWidget(self.panel)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.addButton(
            _("&Save safe copy…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        for widget in (self.progress, self.summary, self.hint, self.error, self.metadata):
            layout.addWidget(widget)
        layout.addWidget(self.metadata_only)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        self._set_ready(False)

    def _label(self, bold: bool = False) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # file names are never read as HTML
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label

    # -- opening and checking ---------------------------------------------------------

    def choose_photo(self) -> None:
        filters = _("Photos (*.jpg *.jpeg *.png *.heic *.heif *.mpo)")
        path = file_dialogs.open_file(self, _("Open photo"), filters)
        if path is not None:
            self.open_photo(path)

    def open_photo(self, path: Path) -> None:
        """Start checking `path` in the background (a running check is stopped)."""
        self._stop()
        self.checked = None
        self.view.set_photo(None, (1, 1), 1.0)
        self.panel.refresh()
        for label in (self.hint, self.error, self.metadata, self.result_label):
            label.clear()
        self._set_ready(False)
        self.summary.setText(_("Looking for faces in “{name}”…").format(name=path.name))
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        token, carrier = CancelToken(), self.carrier
        self.task = BackgroundTask(
            self, lambda: check_photo(path, token, carrier.moved.emit), self._checked,
            self._failed, token=token, delay_ms=NO_BUSY_WINDOW,
        )  # fmt: skip
        self.task.start()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _checked(self, result: object) -> None:
        from klasse_desktop.photos import summary

        assert isinstance(result, Checked)
        self.task, self.checked = None, result
        self.progress.setVisible(False)
        self.view.set_photo(result.preview, result.photo.size, result.scale)
        pairs = zip(result.faces, result.patches, strict=True)
        self.view.boxes = [
            BoxItem(face, number, True, patch) for number, (face, patch) in enumerate(pairs, 1)
        ]
        self.summary.setText(summary.faces_found(len(result.faces)))
        self.hint.setText(
            " ".join((summary.small_faces_hint(), _("Drag on the photo to add a box.")))
        )
        found = result.photo.metadata
        if found.removed:
            self.metadata.setText(
                _("The file also holds: {list}. The safe copy leaves all of it out.").format(
                    list=", ".join(found.found_lines())
                )
            )
        else:
            self.metadata.setText(_("No metadata in the file besides the picture."))
        self._set_ready(True)
        self.panel.refresh()

    def _failed(self, error: Exception) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.summary.clear()
        self._show_error(error)

    def _show_error(self, error: Exception) -> None:
        from klasse_desktop.photos.errors import PhotoError

        if isinstance(error, PhotoError):
            self.error.setText(str(error))
        else:  # a bug or an exhausted machine: a calm sentence, the type in the log
            log.warning("photo check failed: %s", type(error).__name__)
            self.error.setText(_("The photo could not be checked. Try again, or another photo."))

    def _stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None

    # -- boxes and mode -----------------------------------------------------------------

    def add_box(self, face: object) -> None:
        """A box the user drew (photo pixels): blurred, like the faces found."""
        if self.checked is not None and isinstance(face, Face):
            self.panel.add(face, patch_for(self.checked.preview_image, self.checked.scale, face))

    def _mode_changed(self, metadata_only: bool) -> None:
        self.view.show_blur = not metadata_only
        self.panel.setEnabled(not metadata_only and self.checked is not None)

    def _set_ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.metadata_only.setEnabled(ready)
        self._mode_changed(self.metadata_only.isChecked())

    # -- saving ---------------------------------------------------------------------

    def faces_to_blur(self) -> list[Face]:
        if self.metadata_only.isChecked():
            return []
        return [box.face for box in self.view.boxes if box.blur]

    def save(self) -> None:
        from klasse_desktop.photos.safe_copy import OUTPUT_FORMATS, suggested_name

        checked = self.checked
        if checked is None:
            return
        suggested = suggested_name(checked.path)
        filters = _("JPEG photo (*.jpg *.jpeg);;PNG image (*.png)")
        target = file_dialogs.save_file(self, _("Save safe copy"), suggested, filters)
        if target is None:
            return
        if target.suffix.lower() not in OUTPUT_FORMATS:
            target = target.with_name(target.name + Path(suggested).suffix)
        faces = self.faces_to_blur()
        self.error.clear()
        self.result_label.clear()
        self.save_button.setEnabled(False)
        self.task = BackgroundTask(
            self, lambda: save_copy(checked, target, faces), self._saved, self._save_failed,
            _("Saving the safe copy…"), _("Check a photo"),
        )  # fmt: skip
        self.task.start()

    def _saved(self, result: object) -> None:
        from klasse_desktop.photos import summary
        from klasse_desktop.photos.safe_copy import SafeCopy

        assert isinstance(result, SafeCopy)
        self.task = None
        self.save_button.setEnabled(True)
        what = (
            _("Only the metadata was removed; no faces were blurred.")
            if self.metadata_only.isChecked()
            else summary.blurred(result.blurred)
        )
        lines = [_("Safe copy saved: {name}").format(name=result.path.name), what]
        lines += result.metadata.removed_lines() + result.metadata.kept_lines()
        if not result.metadata.removed:
            lines.append(_("The file held no metadata besides the picture."))
        self.result_label.setText("\n".join(lines))
        self.safe_copy_saved.emit(result.path)

    def _save_failed(self, error: Exception) -> None:
        self.task = None
        self.save_button.setEnabled(True)
        self._show_error(error)

    # -- drag and drop, closing ---------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_photo(files[0])

    def done(self, result: int) -> None:
        self._forget()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self._forget()
        super().closeEvent(event)

    def _forget(self) -> None:
        """Stop a running check and drop the photo from memory."""
        self._stop()
        self.checked = None
        self.view.set_photo(None, (1, 1), 1.0)
