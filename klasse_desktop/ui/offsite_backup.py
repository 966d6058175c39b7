"""Backups that leave the laptop, from the window: "Back up to…" and its reminder.

The automatic backups sit beside the register and go with a stolen or broken
laptop. `back_up_to_folder` asks for a folder (a USB stick, a network share) and
writes one self-contained file there off the UI thread (`cases/handover.py`);
`OffsiteReminder` is the calm notice on the case list when the last such backup is
older than `REMINDER_DAYS` (or there never was one). "Not now" hides it until the
register is locked. The log gets the bare events, never a path.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from klasse_desktop.cases.errors import RegisterError
from klasse_desktop.i18n import _, current_language
from klasse_desktop.logs import errno_name
from klasse_desktop.ui import file_dialogs, messages
from klasse_desktop.ui.register_session import RegisterSession

if TYPE_CHECKING:
    from klasse_desktop.cases.repository import CaseRegister

REMINDER_DAYS = 30
log = logging.getLogger(__name__)


def back_up_to_folder(
    parent: QWidget, session: RegisterSession, on_done: Callable[[Path], None] | None = None
) -> None:
    """Ask for a folder, then write the backup file there in the background."""
    if session.register is None or session.busy:  # another task runs: not queued
        return
    folder = file_dialogs.choose_folder(parent, _("Back up the case register to a folder"))
    if folder is None:
        return

    def work(register: CaseRegister) -> Path:
        from klasse_desktop.cases.handover import export_backup

        return export_backup(register.database, folder)

    def failed(error: Exception) -> None:
        if isinstance(error, OSError):
            log.warning("off-site backup not written: %s", errno_name(error))
            messages.show_error(
                parent,
                _(
                    "The backup could not be written to {path} ({reason}). Nothing was "
                    "changed; choose another folder or free some space."
                ).format(path=folder, reason=error.strerror or error.__class__.__name__),
                _("The backup was not made"),
            )
        elif isinstance(error, RegisterError):
            log.warning("off-site backup not written: %s", type(error).__name__)
            messages.show_error(parent, error, _("The backup was not made"))
        else:
            raise error

    def written(result: object) -> None:
        assert isinstance(result, Path)
        log.info("off-site backup written")
        if on_done is not None:
            on_done(result)
        messages.inform(
            parent,
            _("Backup made"),
            _(
                "The case register was backed up to {path}.\n\nThe file opens only with the "
                "register's passphrase. Keep the file and the passphrase apart, and the "
                "file in a safe place."
            ).format(path=result),
        )

    # Locking meanwhile lets the backup finish (the session closes the register
    # after it) and shows nothing; another task running: not started.
    session.run(parent, work, written, failed, _("Backing up the case register…"), _("Backup"))


def reminder_text(last: datetime | None) -> str:
    if last is None:
        return _(
            "No backup of the case register has been made outside this laptop yet. If the "
            "laptop is lost or broken, the register is lost with it."
        )
    from klasse_desktop.i18n_dates import format_date

    return _(
        "The last backup outside this laptop is from {date}. Put a fresh one on a USB "
        "stick or a network share."
    ).format(date=format_date(last.date(), current_language()))


def backup_due(last: datetime | None, now: datetime | None = None) -> bool:
    now = now or datetime.now()
    return last is None or (now - last).days >= REMINDER_DAYS


class OffsiteReminder(QFrame):
    """A dismissible notice with a button that starts the backup."""

    backup_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offsiteReminder")
        # Its colours (light or dark) come from the app's style sheet (style.py).
        self.dismissed = False
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setObjectName("offsiteReminderText")
        self.backup_button = QPushButton()
        self.dismiss_button = QPushButton()
        self.backup_button.clicked.connect(self.backup_requested.emit)
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.backup_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._last: datetime | None = None
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.backup_button.setText(_("Back up &now…"))
        self.dismiss_button.setText(_("Not now"))
        self.dismiss_button.setToolTip(_("Hide this reminder until the register is locked"))
        self.text.setText(reminder_text(self._last))
        self.setAccessibleName(_("Backup reminder"))

    def update_for(self, data_dir: Path | None) -> None:
        """Show the reminder if a backup off this laptop is due (and not dismissed)."""
        if data_dir is None or self.dismissed:
            self.hide()
            return
        from klasse_desktop.cases.handover import last_offsite

        self._last = last_offsite(data_dir)
        self.text.setText(reminder_text(self._last))
        self.setVisible(backup_due(self._last))

    def dismiss(self) -> None:
        self.dismissed = True
        self.hide()

    def reset(self) -> None:
        """On lock: hidden, and shown again at the next unlock if still due."""
        self.dismissed = False
        self._last = None
        self.hide()
