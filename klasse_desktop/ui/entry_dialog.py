"""Write a timeline entry, or an addendum that corrects one (entries are never edited).

While the user types a new entry, the text is saved every few seconds as an
encrypted draft in the register itself, so a crash or an auto-lock loses
nothing; the next time the dialog opens for that case, the text is back.
Saving the entry removes the draft (the register does that in the same
transaction); cancelling asks first, then discards it.

An addendum has a draft of its own, tied to the entry it corrects (migration
0006): it comes back only in the dialog for that same correction, never as a new
entry, and saving it leaves the draft of a new entry alone.
"""

from __future__ import annotations

import contextlib
from datetime import date

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
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.style import scale_font

AUTOSAVE_MS = 3000


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
        self.dirty = False
        self.locked = False
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
        """Write the text as an encrypted draft, if it changed since the last time."""
        register = self.session.register
        if not self.dirty or register is None:
            return
        try:
            register.save_draft(self.number, self.text.toPlainText(), self.kind.currentData(),
                                self._event_date(), corrects=self._corrects_id())  # fmt: skip
        except RegisterError:
            return  # a failed draft is tried again with the next keystroke
        self.dirty = False

    def _discard_draft(self) -> None:
        register = self.session.register
        if register is not None:
            with contextlib.suppress(RegisterError):
                register.discard_draft(self.number, corrects=self._corrects_id())

    def _corrects_id(self) -> int | None:
        return self.corrects.id if self.corrects is not None else None

    # -- the dialog -----------------------------------------------------------------

    def _kind_changed(self, *_args: object) -> None:
        # An addendum keeps the kind (and any addressee) of the entry it corrects.
        reporting = self.corrects is None and self.kind.currentData() == EntryKind.REPORT
        self.reported_label.setVisible(reporting)
        self.reported_to.setVisible(reporting)

    def _event_date(self) -> date:
        value = self.event_date.date()
        return date(value.year(), value.month(), value.day())

    def accept(self) -> None:
        register = self.session.register
        if register is None:
            return
        try:
            if self.corrects is not None and self.corrects.id is not None:
                self.entry = register.add_addendum(
                    self.number, self.corrects.id, self.text.toPlainText(),
                    event_date=self._event_date(),
                )  # fmt: skip
            else:
                self.entry = register.add_entry(
                    self.number, self.text.toPlainText(), kind=self.kind.currentData(),
                    event_date=self._event_date(),
                    reported_to=self.reported_to.text() if self.reported_to.isVisible() else "",
                )  # fmt: skip
        except RegisterError as exc:
            messages.show_error(self, exc, _("The entry was not saved"))
            return
        self.autosave.stop()
        self.dirty = False
        super().accept()

    def reject(self) -> None:
        if self.locked:
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
        """The register is about to lock: keep the text as a draft, then close."""
        self.save_draft()
        self.locked = True
        self.autosave.stop()
        self.done(QDialog.DialogCode.Rejected)
