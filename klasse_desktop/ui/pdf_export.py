"""Saving a PDF from the window: choose where, build it off the UI thread with a
progress dialog, write it atomically, then offer to open it. `run_in_background`
is the same machinery for other slow work (the report's search for names).

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
    done = Signal(object)  # (result, None) on success, (None, the exception) on failure

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.work = work

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the GUI thread, which decides what to say
            self.done.emit((None, exc))
        else:
            self.done.emit((result, None))


def run_in_background(
    parent: QWidget, work: Callable[[], object], on_result: Callable[[object], None],
    on_error: Callable[[Exception], None], text: str, title: str,
) -> None:  # fmt: skip
    """Run `work` in a thread behind a modal busy dialog saying `text`; then call
    `on_result` or `on_error` in the GUI thread (after the dialog has closed)."""
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setWindowTitle(title)
    progress.setCancelButton(None)
    progress.setMinimumDuration(300)
    progress.setModal(True)
    thread = QThread(parent)
    worker = _Worker(work)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    jobs = _jobs(parent)

    def finished(outcome: object) -> None:
        result, error = outcome  # type: ignore[misc]
        thread.quit()
        thread.wait()
        progress.close()
        progress.deleteLater()
        worker.deleteLater()
        thread.deleteLater()
        receiver.deleteLater()
        jobs.remove(job)
        if error is not None:
            on_error(error)
        else:
            on_result(result)

    receiver = _Receiver(finished, parent)
    worker.done.connect(receiver.receive, Qt.ConnectionType.QueuedConnection)
    job = (thread, worker, receiver)
    jobs.append(job)  # kept alive until done
    thread.start()


def _jobs(parent: QWidget) -> list[tuple[QThread, _Worker, _Receiver]]:
    jobs = getattr(parent, "_background_jobs", None)
    if jobs is None:
        jobs = []
        parent._background_jobs = jobs  # type: ignore[attr-defined]
    return jobs


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
    on_failure: Callable[[Exception], None] | None = None,
) -> None:  # fmt: skip
    """Build and write in a thread; report the result when it is done.

    A failure to write is a message here; any other failure of `build` goes to
    `on_failure` (without it, to the crash handler). Nothing is written then."""

    def write() -> Path:
        from klasse_desktop.atomic_write import write_atomically

        return write_atomically(build(), target)

    def failed(error: Exception) -> None:
        if isinstance(error, OSError):
            log.warning("PDF not saved: %s", errno_name(error))  # not the path: it has names
            QMessageBox.warning(
                parent, _("The PDF was not saved"),
                _("The PDF could not be written to {path} ({reason}). Nothing was changed; "
                  "choose another folder or free some space.").format(
                    path=target, reason=error.strerror or error.__class__.__name__),
            )  # fmt: skip
        elif on_failure is not None:
            on_failure(error)
        else:
            raise error

    def saved(result: object) -> None:
        assert isinstance(result, Path)
        if on_saved is not None:
            on_saved(result)
        answer = QMessageBox.question(
            parent, _("PDF saved"),
            _("The PDF was saved as {path}. Open it now?").format(path=result),
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result)))

    run_in_background(parent, write, saved, failed, _("Making the PDF…"), _("PDF"))
