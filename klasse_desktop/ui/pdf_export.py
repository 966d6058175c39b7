"""Saving a PDF from the window: choose where, build it off the UI thread, write it
atomically, then offer to open it. The work runs through `ui/background.py` (a
window saying "Making the PDF…" after a second, with Cancel until the file is
being written); `run_in_background` here is the same helper under its old name.

Building a 500-entry report takes a second or so; the window stays responsive and
says what it is doing. A failure (disk full, no permission) is a message, and
nothing half-written is left behind (`write_atomically`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from klasse_desktop.i18n import _
from klasse_desktop.logs import errno_name
from klasse_desktop.ui import background, file_dialogs
from klasse_desktop.ui.background import BackgroundTask, CancelToken

if TYPE_CHECKING:
    from klasse_desktop.ui.register_session import RegisterSession

log = logging.getLogger(__name__)


def run_in_background(
    parent: QWidget, work: Callable[[], object], on_result: Callable[[object], None],
    on_error: Callable[[Exception], None], text: str, title: str,
) -> BackgroundTask:  # fmt: skip
    """`background.run_in_background` (kept for the callers that know it by this name)."""
    return background.run_in_background(parent, work, on_result, on_error, text, title)


def choose_target(parent: QWidget, title: str, suggested: str) -> Path | None:
    target = file_dialogs.save_file(parent, title, suggested, _("PDF documents (*.pdf)"))
    if target is None:
        return None
    return target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf")


def export_pdf(
    parent: QWidget, build: Callable[[], bytes], target: Path,
    on_saved: Callable[[Path], None] | None = None,
    on_failure: Callable[[Exception], None] | None = None, *,
    session: RegisterSession | None = None,
) -> BackgroundTask | None:  # fmt: skip
    """Build and write in a thread; report the result when it is done.

    A failure to write is a message here; any other failure of `build` goes to
    `on_failure` (without it, to the crash handler). Nothing is written then, nor
    after Cancel (offered until the file is being written). With `session` (a
    report from the register) it is the register's one task meanwhile."""
    token = CancelToken()

    def write() -> Path:
        from klasse_desktop.atomic_write import write_atomically

        pdf = build()
        token.commit()  # from here on the file is written: Cancel comes too late
        return write_atomically(pdf, target)

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

    text, title = _("Making the PDF…"), _("PDF")
    if session is not None:
        return session.run(
            parent, lambda _register: write(), saved, failed, text, title, token=token,
            holds_register=False,
        )  # fmt: skip
    return background.run_in_background(parent, write, saved, failed, text, title, token=token)
