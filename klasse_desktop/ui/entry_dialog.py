"""Write a timeline entry, or an addendum that corrects one (entries are never edited).

While the user types a new entry, the text is saved every few seconds as an
encrypted draft in the register itself, so a crash or an auto-lock loses
nothing; the next time the dialog opens for that case, the text is back.
Saving the entry removes the draft (the register does that in the same
transaction); cancelling asks first, then discards it.

An addendum has a draft of its own, tied to the entry it corrects (migration
0006): it comes back only in the dialog for that same correction, never as a new
entry, and saving it leaves the draft of a new entry alone.

Every write runs in the background (issue 16: another program holding the
register's write lock froze the window for up to five seconds). Save keeps the
dialog open until the entry is written (`ui/dialog_write.py`); a draft is saved
quietly while the user types, skipped while another task uses the register. On
Ctrl+L or the idle lock the text goes to the register as a draft just before it
closes, after whatever is still running (`RegisterSession.before_close`), and
only if the entry itself was not saved by then.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.errors import RegisterError
from klasse_desktop.cases.models import ENTRY_KIND_LABELS, Entry, EntryKind
from klasse_desktop.i18n import _
from klasse_desktop.ui import messages
from klasse_desktop.ui.case_labels import long_date, moment
from klasse_desktop.ui.dialog_write import DialogWrite
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.style import scale_font

if TYPE_CHECKING:
    from klasse_desktop.cases.repository import CaseRegister

AUTOSAVE_MS = 3000


@dataclass(frozen=True)
class Typed:
    """What the dialog holds, read on the UI thread and handed to a worker."""

    number: str
    corrects: int | None
    kind: str
    event_date: date
    text: str
    reported_to: str

    def save_draft(self, register: CaseRegister) -> None:
        register.save_draft(self.number, self.text, self.kind, self.event_date,
                            corrects=self.corrects)  # fmt: skip

    def add(self, register: CaseRegister) -> Entry:
        if self.corrects is not None:
            return register.add_addendum(
                self.number, self.corrects, self.text, event_date=self.event_date
            )
        return register.add_entry(
            self.number, self.text, kind=self.kind, event_date=self.event_date,
            reported_to=self.reported_to,
        )  # fmt: skip


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    buddy.setAccessibleName(text.replace("&", ""))
    return label


class EntryDialog(QDialog):
    def __init__(
        self, session: RegisterSession, number: str, *, corrects: Entry | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        messages.mark(self)
        self.session, self.number, self.corrects = session, number, corrects
        self.entry: Entry | None = None
        self.dirty = False  # changed since the last draft was handed to a worker
        self.locked = False
        self.autosaving = False  # a draft is being written
        self.draft_kept = False  # a draft of this text may be in the register
        self.saved = threading.Event()  # set by the worker once the entry is written
        self.setMinimumSize(self.fontMetrics().averageCharWidth() * 80, 0)

        self.kind = QComboBox()
        for value, label in ENTRY_KIND_LABELS.items():
            if value != EntryKind.WIZARD_OUTCOME:  # those come from a wizard, as they were
                self.kind.addItem(_(label), str(value))
        self.event_date = QDateEdit(QDate.currentDate())
        self.event_date.setMaximumDate(QDate.currentDate())  # no events in the future
        self.event_date.setCalendarPopup(True)
        self.reported_to = QLineEdit()
        self.reported_to.setMaxLength(200)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout = QVBoxLayout(self)
        heading = _("Addendum in case {number}") if corrects else _("New entry in case {number}")
        self.heading = QLabel(heading.format(number=number))
        scale_font(self.heading, 1.2, bold=True)
        layout.addWidget(self.heading)
        if corrects is not None:
            self.setWindowTitle(
                _("Addendum to the entry of {date}").format(date=long_date(corrects.event_date))
            )
            intro = QLabel(
                _("An entry cannot be changed. Write what should be corrected or added; "
                  "it is shown directly under the original.")
            )  # fmt: skip
            intro.setWordWrap(True)
            original = QPlainTextEdit(corrects.text)
            original.setReadOnly(True)
            original.setMaximumHeight(original.fontMetrics().lineSpacing() * 6)
            layout.addWidget(intro)
            form.addRow(_label(_("Original entry"), original), original)
            self.kind.setCurrentIndex(max(0, self.kind.findData(corrects.kind)))
            self.kind.setEnabled(False)
        else:
            self.setWindowTitle(_("New entry"))
            form.addRow(_label(_("&Kind"), self.kind), self.kind)
        form.addRow(_label(_("&Date of the event"), self.event_date), self.event_date)
        self.reported_label = _label(_("&Reported to"), self.reported_to)
        form.addRow(self.reported_label, self.reported_to)
        form.addRow(_label(_("&What happened"), self.text), self.text)
        layout.addWidget(self.notice)
        layout.addLayout(form, 1)
        hint = QLabel(
            _(
                "The date it was written down and your name are added automatically. "
                "Ctrl+Enter saves."
            )
        )
        hint.setObjectName("helpText")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.writer = DialogWrite(self, session, self.kind, self.event_date, self.reported_to,
                                  self.text, self.buttons)  # fmt: skip

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self._restore_draft()
        for signal in (self.text.textChanged, self.kind.currentIndexChanged,
                       self.event_date.dateChanged):  # fmt: skip
            signal.connect(self._changed)
        self.autosave = QTimer(self)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_draft)
        save = QShortcut(QKeySequence("Ctrl+Return"), self)  # Enter is a new line in the text
        save.activated.connect(self.accept)
        self.text.setFocus()

    # -- drafts ---------------------------------------------------------------------

    def _restore_draft(self) -> None:
        register = self.session.register
        draft = (
            register.get_draft(self.number, corrects=self._corrects_id())
            if register is not None
            else None
        )
        self.draft_kept = draft is not None
        if draft is None or not draft.text.strip():
            return
        self.kind.setCurrentIndex(max(0, self.kind.findData(draft.kind)))
        day = draft.event_date
        self.event_date.setDate(QDate(day.year, day.month, day.day))
        self.text.setPlainText(draft.text)
        self.notice.setText(
            _("The text you had not saved yet ({moment}) is back. Save it, or cancel "
              "to throw it away.").format(moment=moment(draft.updated_at))
        )  # fmt: skip
        self.notice.show()

    def _changed(self, *_args: object) -> None:
        self.dirty = True
        if not self.autosave.isActive():
            self.autosave.start()

    def save_draft(self) -> None:
        """Write the text as an encrypted draft in the background, if it changed since
        the last time. Quiet, and skipped while another task uses the register or the
        entry is being saved: the next tick of `autosave` tries again."""
        if not self.dirty or self.locked or self.autosaving or self.writer.active:
            return
        typed = self.typed()
        task = self.session.run(
            self, typed.save_draft, self._draft_saved, self._draft_failed,
            _("Saving your text as a draft… (another program may be using the case register)"),
            _("Case register"), quiet=True,
        )  # fmt: skip
        if task is not None:
            self.dirty, self.autosaving, self.draft_kept = False, True, True

    def _draft_saved(self, _result: object) -> None:
        self.autosaving = False

    def _draft_failed(self, error: Exception) -> None:
        self.autosaving = False
        self.dirty = True  # tried again at the next tick
        if not isinstance(error, RegisterError):
            raise error

    def _discard_draft(self) -> None:
        """Throw the draft away in the background (the dialog is closing); if the
        register locks first, just before it closes."""
        if self.draft_kept:
            number, corrects = self.number, self._corrects_id()
            self.session.write_later(
                lambda register: register.discard_draft(number, corrects=corrects),
                _("Throwing the draft away… (another program may be using the case register)"),
            )

    def _corrects_id(self) -> int | None:
        return self.corrects.id if self.corrects is not None else None

    # -- the dialog -----------------------------------------------------------------

    def _reporting(self) -> bool:
        # An addendum keeps the kind (and any addressee) of the entry it corrects.
        return self.corrects is None and self.kind.currentData() == EntryKind.REPORT

    def _kind_changed(self, *_args: object) -> None:
        self.reported_label.setVisible(self._reporting())
        self.reported_to.setVisible(self._reporting())

    def _event_date(self) -> date:
        value = self.event_date.date()
        return date(value.year(), value.month(), value.day())

    def typed(self) -> Typed:
        return Typed(self.number, self._corrects_id(), self.kind.currentData(),
                     self._event_date(), self.text.toPlainText(),
                     self.reported_to.text() if self._reporting() else "")  # fmt: skip

    def accept(self) -> None:
        """Save the entry in the background; the dialog closes once it is written,
        and stays (with the text) if it was not. A second Save meanwhile does nothing."""
        if self.locked or self.writer.active:
            return
        typed, saved = self.typed(), self.saved

        def work(register: CaseRegister) -> Entry:
            entry = typed.add(register)  # removes the draft in the same transaction
            saved.set()
            return entry

        self.writer.start(
            work, self._written, _("The entry was not saved"),
            _("Saving the entry… (another program may be using the case register)"),
            on_failed=self.text.setFocus,
        )  # fmt: skip

    def _written(self, entry: object) -> None:
        assert isinstance(entry, Entry)
        self.entry = entry
        self.autosave.stop()
        self.dirty = False
        super().accept()

    def reject(self) -> None:
        if self.locked or self.writer.active:
            return
        if self.text.toPlainText().strip() and not messages.confirm(
            self,
            _("Discard this text?"),
            _("What you wrote is not saved in the case. Throw it away?"),
            _("&Discard"),
        ):
            return
        if self.locked:  # the register locked while the question was open
            return
        self.autosave.stop()
        self._discard_draft()
        super().reject()

    def lock(self) -> None:
        """The register is about to lock: keep the text as a draft, then close.

        The draft is written just before the register closes, after a task still
        running (a draft being saved, or this entry itself): if the entry was saved
        by then, its text is not kept twice."""
        if self.locked:
            return
        self.locked = True
        self.autosave.stop()
        if self.dirty or self.autosaving or self.writer.active:
            typed, saved = self.typed(), self.saved

            def keep(register: CaseRegister) -> None:
                if not saved.is_set():
                    typed.save_draft(register)

            self.session.before_close(keep)
        self.done(QDialog.DialogCode.Rejected)
