"""The open case register (or none), and the one way to open and to lock it.

Holding the register in one object makes "locked" a single state: every view
asks the session for the register and gets None once it is locked. Nothing of
`klasse_desktop.cases` is imported until a user actually goes to the register,
so a teacher who only uses the wizards is never asked for a passphrase and
never pays for SQLAlchemy. Opening and locking are logged as bare events:
which register, whose name or which case is never written to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from klasse_desktop import paths
from klasse_desktop.ui.idle_lock import IdleWatcher

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from klasse_desktop.cases.repository import CaseRegister

log = logging.getLogger(__name__)


def default_folder() -> Path:
    return paths.register_dir()


class RegisterSession(QObject):
    opened = Signal()
    locked = Signal()
    idle = Signal()  # nobody touched the app for `lock_after_minutes`

    def __init__(
        self,
        actor: Callable[[], str],
        *,
        folder: Path | None = None,
        kdf: dict[str, int] | None = None,
        lock_after_minutes: int = 5,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self._folder = folder
        self.kdf = kdf  # cheap key derivation for tests and screenshots
        self.register: CaseRegister | None = None
        self.watcher = IdleWatcher(lock_after_minutes, self)
        self.watcher.idle.connect(self._on_idle)

    def _on_idle(self) -> None:
        if self.register is not None:
            log.info("case register idle for %d minutes", self.watcher.minutes)
        self.idle.emit()

    @property
    def folder(self) -> Path:
        # Resolved when used, so KLASSE_DATA_DIR set after start-up still counts.
        return self._folder or default_folder()

    @property
    def is_open(self) -> bool:
        return self.register is not None

    def ensure_open(self, parent: QWidget | None) -> bool:
        """The register, unlocked; asks for the passphrase (or sets one up) if needed."""
        if self.register is not None:
            return True
        from klasse_desktop.ui.messages import busy

        with busy():  # the first import of the register's code takes most of a second
            from klasse_desktop.ui.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(self.folder, self.actor(), kdf=self.kdf, parent=parent)
        accepted = dialog.exec() == UnlockDialog.DialogCode.Accepted
        register, dialog.register = dialog.register, None
        dialog.deleteLater()
        if not accepted or register is None:
            if register is not None:
                register.close()
            return False
        self.adopt(register)
        return True

    def adopt(self, register: CaseRegister) -> None:
        """Take an already unlocked register (the unlock dialog's, or a test's)."""
        self.register = register
        log.info("case register opened")
        self.watcher.start()
        self.opened.emit()

    def set_lock_minutes(self, minutes: int) -> None:
        self.watcher.set_minutes(minutes)

    def lock(self) -> None:
        """Close the database (the key is dropped with it) and tell the views."""
        register, self.register = self.register, None
        self.watcher.stop()
        if register is None:
            return
        register.close()
        log.info("case register locked")
        self.locked.emit()
