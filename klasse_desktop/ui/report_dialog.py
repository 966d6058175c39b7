"""Choosing for which file a dossier report is, and whom it is about.

The file decides who can be the subject (a pupil file is about a pupil; a staff
file about a staff member, intern or volunteer) and what is printed: in a
pupil's report every other pupil is "Leerling B", "Leerling C"; a staff file
names no pupil at all. The dialog says so, because the director is choosing
what may leave the register.

The search for names nobody registered needs a few seconds to get ready the
first time; while it does, the dialog says so (`search_ready` is polled).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.repository import CaseDetail
from klasse_desktop.i18n import _
from klasse_desktop.protocol.models import FileType
from klasse_desktop.reports.redaction.policy import Person, fits_file
from klasse_desktop.ui import messages
from klasse_desktop.ui.case_labels import file_types, role_label
from klasse_desktop.ui.forms import labelled_form


def file_note(file_type: str) -> str:
    if file_type == FileType.PERSONEELSDOSSIER:
        return _(
            "A report for the staff file names no pupil and no parent or carer: pupils "
            "appear as “Pupil A”, “Pupil B”, their parents as “Parent of Pupil A”. Staff "
            "and others are named. Names nobody registered are shown to you first."
        )
    return _(
        "A report for the pupil file names this pupil and their own parents or carers. "
        "Other pupils appear as “Pupil B”, “Pupil C”, their parents as “Parent of Pupil B”; "
        "staff and others are named. Names nobody registered are shown to you first."
    )


def nobody_fits(file_type: str) -> str:
    if file_type == FileType.PERSONEELSDOSSIER:
        return _(
            "No staff member, intern or volunteer is a party in this case. Add the person "
            "the report is about first, or choose the pupil file."
        )
    return _(
        "No pupil is a party in this case. Add the pupil the report is about first, "
        "or choose the staff file."
    )


class ReportDialog(QDialog):
    def __init__(
        self, detail: CaseDetail, parent: QWidget | None = None, *,
        search_ready: Callable[[], bool] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        messages.mark(self)
        self.detail = detail
        self.setWindowTitle(
            _("Report for the file of case {number}").format(number=detail.case.number)
        )
        self.file_type = QComboBox()
        for value, label in file_types():
            self.file_type.addItem(label, value)
        self.file_type.setCurrentIndex(max(0, self.file_type.findData(detail.case.file_type)))
        self.subject = QComboBox()
        form = labelled_form(
            [(_("For the &file"), self.file_type), (_("The report is &about"), self.subject)]
        )
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("helpText")

        # The name search getting ready (seconds, the first time in a session).
        self.preparing = QWidget()
        row = QHBoxLayout(self.preparing)
        row.setContentsMargins(0, 0, 0, 0)
        self.preparing_text = QLabel(_("Preparing the search for names…"))
        self.preparing_text.setObjectName("helpText")
        busy = QProgressBar()
        busy.setRange(0, 0)
        busy.setMaximumWidth(120)
        busy.setTextVisible(False)
        busy.setAccessibleName(self.preparing_text.text())
        row.addWidget(self.preparing_text, 1)
        row.addWidget(busy)
        self._search_ready = search_ready
        self._poll = QTimer(self)
        self._poll.setInterval(250)
        self._poll.timeout.connect(self._check_search)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("&Make the PDF…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.empty)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.preparing)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.file_type.currentIndexChanged.connect(self._file_changed)
        self._file_changed()
        self._check_search()
        if not self.preparing.isHidden():
            self._poll.start()

    def _file_changed(self) -> None:
        file_type = str(self.file_type.currentData())
        previous = self.subject.currentData()
        self.subject.clear()
        for party in self.detail.parties:
            person = Person(party.id or 0, party.role, party.name)
            if fits_file(person, file_type):
                self.subject.addItem(f"{party.name} ({role_label(party.role)})", party.id)
        if previous is not None and self.subject.findData(previous) >= 0:
            self.subject.setCurrentIndex(self.subject.findData(previous))
        fits = self.subject.count() > 0
        self.subject.setEnabled(fits)
        self.ok.setEnabled(fits)
        self.empty.setText("" if fits else nobody_fits(file_type))
        self.empty.setVisible(not fits)
        self.note.setText(file_note(file_type))

    def _check_search(self) -> None:
        ready = self._search_ready is None or self._search_ready()
        self.preparing.setVisible(not ready)
        if ready:
            self._poll.stop()

    def chosen(self) -> tuple[int, str]:
        return int(self.subject.currentData()), str(self.file_type.currentData())
