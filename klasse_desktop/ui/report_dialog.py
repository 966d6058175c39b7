"""Choosing whom a dossier report is for, and for which file.

The subject decides what is printed: in a pupil's report every other pupil is
"Leerling B", "Leerling C"; a staff file names no pupil at all. The dialog says so,
because the director is choosing what may leave the register.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.repository import CaseDetail
from klasse_desktop.i18n import _
from klasse_desktop.protocol.labels import file_type_label
from klasse_desktop.protocol.models import FileType
from klasse_desktop.ui.case_labels import role_label
from klasse_desktop.ui.forms import labelled_form


class ReportDialog(QDialog):
    def __init__(self, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail = detail
        self.setWindowTitle(
            _("Report for the file of case {number}").format(number=detail.case.number)
        )
        self.subject = QComboBox()
        for party in detail.parties:
            self.subject.addItem(f"{party.name} ({role_label(party.role)})", party.id)
        self.file_type = QComboBox()
        for file_type in FileType:
            self.file_type.addItem(file_type_label(file_type), file_type.value)
        self.file_type.setCurrentIndex(max(0, self.file_type.findData(detail.case.file_type)))
        form = labelled_form(
            [(_("The report is &about"), self.subject), (_("For the &file"), self.file_type)]
        )
        note = QLabel(
            _(
                "Only the person the report is about is named among the pupils; other pupils "
                "appear as “Pupil B”, “Pupil C”. A report for a staff file names no pupils."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("helpText")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Make the PDF…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(detail.parties))
        layout = QVBoxLayout(self)
        if not detail.parties:
            layout.addWidget(
                QLabel(_("Add the people involved first: a report is always about one of them."))
            )
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def chosen(self) -> tuple[int, str]:
        return int(self.subject.currentData()), str(self.file_type.currentData())
