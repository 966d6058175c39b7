"""Unlock the case register, or set it up with a passphrase the first time.

The first-run text says in plain words what the register is and that a
forgotten passphrase cannot be recovered: the key is derived from it and stored
nowhere. Checks that need no database (too short, the two entries differ) are
made here, before the ~0.2 s of key derivation; a wrong passphrase is said
inline so the user can simply try again. The log gets the bare events
(created, refused, cannot open with the error's type), never the passphrase or
an error's text.

Opening runs off the UI thread (`ui/background.py`): key derivation, SQLCipher
reading every page, a migration or a restore take seconds on a slow laptop. The
dialog's fields and buttons are disabled meanwhile (it cannot be cancelled
halfway); after about a second a small window says what is happening. The daily
backup is not made here but by the session, after the unlock, in the background.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.database import NEW, backups_in, register_state
from klasse_desktop.cases.errors import (
    RegisterDamagedError,
    RegisterError,
    RegisterTooNewError,
    WrongPassphraseError,
)
from klasse_desktop.cases.keys import MIN_PASSPHRASE_LENGTH
from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.i18n import _
from klasse_desktop.ui import messages
from klasse_desktop.ui.background import run_in_background
from klasse_desktop.ui.forms import wrapped_label
from klasse_desktop.ui.style import scale_font

log = logging.getLogger(__name__)


class UnlockDialog(QDialog):
    def __init__(
        self, folder: Path, actor: str, *, kdf: dict[str, int] | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.folder, self.actor, self.kdf = folder, actor, kdf
        self.register: CaseRegister | None = None
        # Only a folder with nothing in it gets a new register: with a key file or
        # backups left, register.db was lost, and unlocking offers the backup.
        self.creating = register_state(folder) == NEW
        self.attempts = 0
        self.working = False  # opening (or restoring) in the background
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 75)

        self.heading = wrapped_label(name="unlockHeading")
        scale_font(self.heading, 1.3, bold=True)
        self.explanation = wrapped_label(name="unlockExplanation")
        self.error = wrapped_label(name="unlockError")
        self.error.setObjectName("errorText")  # red and bold, per colour scheme (style.py)
        self.passphrase = QLineEdit()
        self.repeat = QLineEdit()
        for field in (self.passphrase, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textEdited.connect(lambda _text: self.error.clear())
        self.show_text = QCheckBox(_("S&how the passphrase"))
        self.show_text.toggled.connect(self._toggle_echo)
        self.warning = wrapped_label(name="notice")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        first = QLabel(_("&Passphrase") if not self.creating else _("New &passphrase"))
        first.setBuddy(self.passphrase)
        form.addRow(first, self.passphrase)
        self.passphrase.setAccessibleName(first.text().replace("&", ""))
        if self.creating:
            again = QLabel(_("&Repeat the passphrase"))
            again.setBuddy(self.repeat)
            form.addRow(again, self.repeat)
            self.repeat.setAccessibleName(again.text().replace("&", ""))
        else:
            self.repeat.hide()
        form.addRow("", self.show_text)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(
            _("&Create the register") if self.creating else _("&Unlock"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.ok.setDefault(True)
        self.takeover: QPushButton | None = None
        if self.creating:  # a new director, a new laptop: start from a backup file
            self.takeover = QPushButton(_("Take over a register from a backup &file…"))
            self.takeover.setAutoDefault(False)
            self.takeover.clicked.connect(self.take_over)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        button_row = QHBoxLayout()
        if self.takeover is not None:  # apart from the main choice, on the left
            button_row.addWidget(self.takeover)
            button_row.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        button_row.addWidget(self.buttons, 1)
        layout.addLayout(button_row)
        self._texts()
        self.adjustSize()  # the wrapped explanation's height, at the dialog's width
        self.passphrase.setFocus()

    def _texts(self) -> None:
        if self.creating:
            self.setWindowTitle(_("Set up the case register"))
            self.heading.setText(_("Set up the case register"))
            self.explanation.setText(
                _(
                    "The case register keeps notes about incidents: who was involved, what "
                    "happened when, which measures were taken and to whom it was reported. "
                    "It is stored encrypted on this computer and only opens with your "
                    "passphrase. Choose a passphrase of at least {n} characters; a short "
                    "sentence is easy to remember and hard to guess."
                ).format(n=MIN_PASSPHRASE_LENGTH)
            )
            self.warning.setText(
                _(
                    "Keep the passphrase safe. If it is forgotten, nobody can open the "
                    "register again — not the school, not the IT department and not the "
                    "makers of Klasse Desktop."
                )
            )
        else:
            self.setWindowTitle(_("Unlock the case register"))
            self.heading.setText(_("Unlock the case register"))
            self.explanation.setText(
                _("Enter the passphrase of the case register on this computer.")
            )
            self.warning.hide()
        self.show_text.setAccessibleName(self.show_text.text().replace("&", ""))
        self.error.setAccessibleName(_("Message"))

    def _toggle_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.repeat.setEchoMode(mode)

    def _problem(self) -> str:
        """What is wrong with the typed passphrase before trying it, or ""."""
        text = self.passphrase.text()
        if not text:
            return _("Type the passphrase.")
        if self.creating:
            if len(text) < MIN_PASSPHRASE_LENGTH:
                return _("The passphrase is too short: use at least {n} characters.").format(
                    n=MIN_PASSPHRASE_LENGTH
                )
            if text != self.repeat.text():
                return _("The two passphrases are not the same. Type them again.")
        return ""

    def _say(self, text: str, focus: QLineEdit) -> None:
        self.error.setText(text)
        self._fit()
        focus.setFocus()
        focus.selectAll()

    def wait_seconds(self) -> int:
        """After the second wrong attempt, a pause that doubles each time (2, 4, 8 …
        up to 60 s): guessing by hand becomes pointless, a typo costs a moment."""
        wrong = self.attempts - 1
        return 0 if wrong < 1 else min(2**wrong, 60)

    def _throttle(self) -> None:
        seconds = self.wait_seconds()
        if not seconds:
            return
        self.ok.setEnabled(False)
        self.passphrase.setEnabled(False)
        self._left = seconds
        self.warning.setText(_("Wait {n} seconds before the next try.").format(n=self._left))
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.warning.setText(_("Wait {n} seconds before the next try.").format(n=self._left))
            return
        self._timer.stop()
        self.warning.clear()
        self.warning.hide()
        self.ok.setEnabled(True)
        self.passphrase.setEnabled(True)
        self.passphrase.setFocus()
        self.passphrase.selectAll()

    def _fit(self) -> None:
        """Grow to show every wrapped line (Qt does not do this for a shown dialog)."""
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)

    def _set_working(self, working: bool) -> None:
        """While the register opens nothing can be typed, pressed twice or cancelled."""
        self.working = working
        for widget in (self.passphrase, self.repeat, self.show_text, self.buttons):
            widget.setEnabled(not working)
        if self.takeover is not None:
            self.takeover.setEnabled(not working)

    def _in_background(self, work: Callable[[], object], failed: Callable[[Exception], None],
                       text: str) -> None:  # fmt: skip
        def done(result: object) -> None:
            self._set_working(False)
            assert isinstance(result, CaseRegister)
            self._opened(result)

        def error(exc: Exception) -> None:
            self._set_working(False)
            failed(exc)

        self._set_working(True)
        run_in_background(self, work, done, error, text, self.windowTitle())

    def accept(self) -> None:
        if self.working:
            return
        problem = self._problem()
        if problem:
            self._say(problem, self.passphrase)
            return
        self.attempts += 1
        folder, passphrase, actor = self.folder, self.passphrase.text(), self.actor
        creating, kdf = self.creating, self.kdf
        self.error.clear()
        self._in_background(
            lambda: CaseRegister.open(
                folder, passphrase, actor, create=creating, kdf=kdf, backup=False
            ),
            self._not_opened,
            _("Setting up the case register…")
            if creating
            else _("Opening the case register: checking the passphrase and the whole file…"),
        )

    def _opened(self, register: CaseRegister) -> None:
        self.register = register
        self.error.clear()
        if self.creating:
            log.info("case register created")
        self.passphrase.clear()
        self.repeat.clear()
        super().accept()

    def _not_opened(self, exc: Exception) -> None:
        if isinstance(exc, WrongPassphraseError):
            log.info("case register: passphrase refused (attempt %d)", self.attempts)
            self._say(
                _("{reason} Check Caps Lock and try again.").format(reason=str(exc))
                if not self.creating
                else str(exc),
                self.passphrase,
            )
            if not self.creating:
                self._throttle()
        elif isinstance(exc, RegisterDamagedError):
            log.warning("case register cannot be opened: %s", type(exc).__name__)
            self.error.setText(str(exc))
            self._fit()
            self._offer_restore(exc)
        elif isinstance(exc, RegisterError):
            log.warning("case register cannot be opened: %s", type(exc).__name__)
            self.error.setText(str(exc))
            self._fit()
            messages.show_error(self, exc, _("The case register cannot be opened"))
        else:
            raise exc

    def reject(self) -> None:
        if self.working:  # the open finishes first; then the dialog closes or says why
            return
        super().reject()

    def take_over(self) -> None:
        """Choose a backup file, take the register over under a new passphrase and
        end with it open, as a normal unlock would (`ui/takeover_dialog.py`)."""
        from klasse_desktop.ui.takeover_dialog import TakeoverDialog, choose_backup_file

        source = choose_backup_file(self)
        if source is None:
            return
        dialog = TakeoverDialog(self.folder, source, self.actor, kdf=self.kdf, parent=self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        register, dialog.register = dialog.register, None
        dialog.deleteLater()
        if accepted and register is not None:
            self.register = register
            self.passphrase.clear()
            self.repeat.clear()
            super().accept()
        elif register_state(self.folder) != NEW:
            # Taken over but not opened: this dialog no longer fits (it would make a
            # new register); the next try asks for the new passphrase.
            self.reject()

    def _offer_restore(self, exc: RegisterDamagedError) -> None:
        """A damaged register with backups: offer the newest, and restore and open it
        in the background if the user agrees.

        The damaged file is moved aside (never deleted) by `restore_backup`."""
        too_new = isinstance(exc, RegisterTooNewError)
        backups = [] if self.creating or too_new else backups_in(self.folder)
        if not backups:
            messages.show_error(self, exc, _("The case register cannot be opened"))
            return
        from datetime import datetime

        from klasse_desktop.cases.restore import restore_backup

        made = datetime.fromtimestamp(backups[0].stat().st_mtime)
        question = _(
            "{reason}\n\nThe newest backup was made on {date}. Restore it? Changes made "
            "after that are lost; the damaged file is kept beside the register."
        ).format(reason=str(exc), date=made.strftime("%Y-%m-%d %H:%M"))
        if not messages.confirm(
            self, _("The case register cannot be opened"), question,
            _("&Restore the newest backup"),
        ):  # fmt: skip
            return
        folder, newest, passphrase = self.folder, backups[0], self.passphrase.text()
        actor, kdf = self.actor, self.kdf

        def restore() -> CaseRegister:
            restore_backup(folder, newest, passphrase)
            register = CaseRegister.open(folder, passphrase, actor, kdf=kdf, backup=False)
            log.info("case register restored from the newest backup")
            return register

        def not_restored(again: Exception) -> None:
            if not isinstance(again, RegisterError):
                raise again
            log.warning("case register backup not restored: %s", type(again).__name__)
            self.error.setText(str(again))
            self._fit()
            messages.show_error(self, again, _("The backup cannot be restored"))

        self._in_background(restore, not_restored, _("Restoring the newest backup…"))
