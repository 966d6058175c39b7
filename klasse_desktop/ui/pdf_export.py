"""Saving a PDF from the window: choose where, build it off the UI thread with a
progress dialog, write it atomically, then offer to open it.

Building a 500-entry report takes a second or so; the window stays responsive and
says what it is doing. A failure (disk full, no permission) is a message, and
nothing half-written is left behind (`write_atomically`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from klasse_desktop.i18n import _
from klasse_desktop.logs import errno_name

log = logging.getLogger(__name__)


class _Receiver(QObject):
    """Lives in the GUI thread, so the result is handled there (queued), not in the
    worker thread that emitted it: message boxes and thread.wait() need that."""

    def __init__(self, handle: Callable[[object], None], parent: QObject) -> None:
        super().__init__(parent)
        self.handle = handle

    @Slot(object)
    def receive(self, result: object) -> None:
        self.handle(result)


class _Worker(QObject):
    done = Signal(object)  # Path on success, OSError on failure

    def __init__(self, build: Callable[[], bytes], target: Path) -> None:
        super().__init__()
        self.build, self.target = build, target

    def run(self) -> None:
        from klasse_desktop.atomic_write import write_atomically

        try:
            self.done.emit(write_atomically(self.build(), self.target))
        except OSError as exc:
            self.done.emit(exc)


def choose_target(parent: QWidget, title: str, suggested: str) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, str(Path.home() / suggested), _("PDF documents (*.pdf)")
    )
    if not path:
        return None
    target = Path(path)
    return target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf")


def export_pdf(
    parent: QWidget, build: Callable[[], bytes], target: Path,
    on_saved: Callable[[Path], None] | None = None,
) -> None:  # fmt: skip
    """Build and write in a thread; report the result when it is done."""
    progress = QProgressDialog(_("Making the PDF…"), "", 0, 0, parent)
    progress.setWindowTitle(_("PDF"))
    progress.setCancelButton(None)
    progress.setMinimumDuration(300)
    progress.setModal(True)
    thread = QThread(parent)
    worker = _Worker(build, target)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)

    def finished(result: object) -> None:
        thread.quit()
        thread.wait()
        progress.close()
        worker.deleteLater()
        thread.deleteLater()
        receiver.deleteLater()
        if isinstance(result, OSError):
            log.warning("PDF not saved: %s", errno_name(result))  # not the path: it has names
            QMessageBox.warning(
                parent, _("The PDF was not saved"),
                _("The PDF could not be written to {path} ({reason}). Nothing was changed; "
                  "choose another folder or free some space.").format(
                    path=target, reason=result.strerror or result.__class__.__name__),
            )  # fmt: skip
            return
        assert isinstance(result, Path)
        if on_saved is not None:
            on_saved(result)
        answer = QMessageBox.question(
            parent, _("PDF saved"),
            _("The PDF was saved as {path}. Open it now?").format(path=result),
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result)))

    receiver = _Receiver(finished, parent)
    worker.done.connect(receiver.receive, Qt.ConnectionType.QueuedConnection)
    parent._pdf_export = (thread, worker, receiver)  # type: ignore[attr-defined]  # keep alive
    thread.start()
