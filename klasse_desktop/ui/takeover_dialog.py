"""Take over a case register from a backup file (a new director, a new laptop).

Offered by the unlock dialog when this laptop holds no register at all. The file
is chosen first; this dialog then asks for the passphrase it was made with and a
new passphrase (twice): `cases/handover.py` checks the file with the old one and
re-keys it under the new one, off the UI thread. Afterwards the register is opened
with the new passphrase, so the dialog ends with it unlocked (`self.register`).

A refused file or passphrase is a message and the dialog stays open; the domain
leaves nothing behind in the data folder then. The log gets bare events only.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.errors import RegisterError, WeakPassphraseError, WrongPassphraseError
from klasse_desktop.cases.keys import MIN_PASSPHRASE_LENGTH
from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.i18n import _
from klasse_desktop.logs import errno_name
from klasse_desktop.ui import file_dialogs, messages
from klasse_desktop.ui.forms import labelled_form, wrapped_label
from klasse_desktop.ui.pdf_export import run_in_background
from klasse_desktop.ui.style import scale_font

log = logging.getLogger(__name__)


def choose_backup_file(parent: QWidget) -> Path | None:
    return file_dialogs.open_file(
        parent, _("Choose the backup file"), _("Klasse Desktop backups (*.klasse-backup)")
    )


class TakeoverDialog(QDialog):
    def __init__(
        self, folder: Path, source: Path, actor: str, *, kdf: dict[str, int] | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.folder, self.source, self.actor, self.kdf = folder, source, actor, kdf
        self.register: CaseRegister | None = None
        self.working = False
        self.setWindowTitle(_("Take over a case register"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

        heading = wrapped_label(_("Take over a case register"), "takeoverHeading")
        scale_font(heading, 1.3, bold=True)
        self.file_label = wrapped_label(
            _("Backup file: {name}").format(name=source.name), "takeoverFile"
        )
        self.file_label.setToolTip(str(source))
        explanation = wrapped_label(
            _(
                "Type the passphrase the backup was made with, then choose a new passphrase "
                "of at least {n} characters. From now on the register opens only with the "
                "new one; the old passphrase no longer opens it on this laptop."
            ).format(n=MIN_PASSPHRASE_LENGTH)
        )
        self.error = wrapped_label(name="unlockError")
        self.error.setObjectName("errorText")  # red and bold, per colour scheme (style.py)
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.repeat = QLineEdit()
        for field in (self.old, self.new, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textEdited.connect(lambda _text: self.error.clear())
        self.show_text = QCheckBox(_("S&how the passphrases"))
        self.show_text.toggled.connect(self._toggle_echo)
        self.show_text.setAccessibleName(self.show_text.text().replace("&", ""))
        form = labelled_form(
            [
                (_("&Passphrase of the backup"), self.old),
                (_("&New passphrase"), self.new),
                (_("&Repeat the new passphrase"), self.repeat),
            ]
        )
        form.addRow("", self.show_text)
        self.error.setAccessibleName(_("Message"))
        warning = wrapped_label(
            _(
                "Keep the new passphrase safe. If it is forgotten, nobody can open the "
                "register again."
            ),
            "notice",
        )

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(
            _("&Take over the register"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.file_label)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(warning)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.adjustSize()
        self.old.setFocus()

    def _toggle_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for field in (self.old, self.new, self.repeat):
            field.setEchoMode(mode)

    def _problem(self) -> tuple[str, QLineEdit] | None:
        """What is wrong before trying (no key derivation needed), and where."""
        if not self.old.text():
            return _("Type the passphrase the backup was made with."), self.old
        if len(self.new.text().strip()) < MIN_PASSPHRASE_LENGTH:
            return _("The new passphrase is too short: use at least {n} characters.").format(
                n=MIN_PASSPHRASE_LENGTH
            ), self.new
        if self.new.text() != self.repeat.text():
            return _("The two new passphrases are not the same. Type them again."), self.repeat
        return None

    def _say(self, text: str, focus: QLineEdit) -> None:
        self.error.setText(text)
        self._fit()
        focus.setFocus()
        focus.selectAll()

    def _fit(self) -> None:
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)

    def _set_working(self, working: bool) -> None:
        self.working = working
        for widget in (self.old, self.new, self.repeat, self.show_text, self.buttons):
            widget.setEnabled(not working)

    def accept(self) -> None:
        if self.working:
            return
        problem = self._problem()
        if problem:
            self._say(*problem)
            return
        folder, source, old, new = self.folder, self.source, self.old.text(), self.new.text()
        actor, kdf = self.actor, self.kdf

        def work() -> CaseRegister:
            from klasse_desktop.cases.handover import import_backup

            import_backup(folder, source, old, new, actor)
            return CaseRegister.open(folder, new, actor, kdf=kdf)

        self._set_working(True)
        self.error.clear()
        run_in_background(
            self, work, self._taken_over, self._failed,
            _("Checking the backup and taking the register over…"),
            _("Take over a case register"),
        )  # fmt: skip

    def _taken_over(self, result: object) -> None:
        assert isinstance(result, CaseRegister)
        log.info("case register taken over from a backup file")
        self._set_working(False)
        self.register = result
        for field in (self.old, self.new, self.repeat):
            field.clear()
        super().accept()

    def _failed(self, error: Exception) -> None:
        self._set_working(False)
        if isinstance(error, OSError):
            log.warning("case register not taken over: %s", errno_name(error))
            text = _(
                "The backup could not be read or the register could not be written "
                "({reason}). Nothing was taken over."
            ).format(reason=error.strerror or error.__class__.__name__)
        elif isinstance(error, RegisterError):
            log.warning("case register not taken over: %s", type(error).__name__)
            text = str(error)
        else:
            raise error
        self.error.setText(text)
        self._fit()
        messages.show_error(self, text, _("The register was not taken over"))
        if isinstance(error, WrongPassphraseError):
            # The backup's passphrase, or a new one that is too easy to guess.
            field = self.new if isinstance(error, WeakPassphraseError) else self.old
            field.setFocus()
            field.selectAll()

    def reject(self) -> None:
        if self.working:  # the work finishes first; the register is never half taken over
            return
        for field in (self.old, self.new, self.repeat):
            field.clear()
        super().reject()
