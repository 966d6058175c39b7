"""Start a new case: title, category, whom it is about, school and a short summary.

Nothing is chosen for the director: a preselected category ("Hacking an account",
the first) got bullying filed as hacking by a director in a hurry. The file type
follows the case's subject: a case about a pupil goes into the pupil file, one
about a staff member, intern or volunteer into the staff file. The register gives
the case its number and records the protocol version in force, so later outcomes
can be read against the rules of the day. The dialog saves in `accept()`, so a
refused title keeps everything typed on screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.models import CATEGORY_LABELS, Case
from klasse_desktop.cases.repository import MAX_NAME, MAX_TITLE
from klasse_desktop.i18n import _
from klasse_desktop.protocol.labels import file_type_label
from klasse_desktop.protocol.models import FileType
from klasse_desktop.ui import messages
from klasse_desktop.ui.case_labels import vocabulary
from klasse_desktop.ui.dialog_write import DialogWrite
from klasse_desktop.ui.forms import labelled_form, wrapped_label
from klasse_desktop.ui.register_session import RegisterSession


class NewCaseDialog(QDialog):
    def __init__(
        self, session: RegisterSession, *, school: str, protocol_version: str,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        messages.mark(self)
        self.session, self.protocol_version = session, protocol_version
        self.case: Case | None = None
        self.setWindowTitle(_("New case"))

        self.title = QLineEdit()
        self.title.setMaxLength(MAX_TITLE)
        self.title.setPlaceholderText(_("For example: hurtful messages in the class group app"))
        self.title.setMinimumWidth(  # the example is read whole, not cut off
            self.fontMetrics().horizontalAdvance(self.title.placeholderText()) + 24
        )
        self.category = QComboBox()
        for value, label in vocabulary(CATEGORY_LABELS):
            self.category.addItem(label, value)
        self.category.setPlaceholderText(_("Choose a category…"))
        self.category.setCurrentIndex(-1)
        # Whom the case is about; the item data is the file type that follows from it.
        self.file_type = QComboBox()
        self.file_type.addItem(_("A pupil"), FileType.LEERLINGENDOSSIER.value)
        self.file_type.addItem(
            _("A staff member, intern or volunteer"), FileType.PERSONEELSDOSSIER.value
        )
        self.file_type.setPlaceholderText(_("Choose whom the case is about…"))
        self.file_type.setCurrentIndex(-1)
        self.file_note = wrapped_label(name="helpText")
        self.file_type.currentIndexChanged.connect(self._show_file)
        self.school = QLineEdit(school)
        self.school.setMaxLength(MAX_NAME)
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(_("Optional: what the case is about, in a few lines"))

        form = labelled_form(
            [
                (_("&Title"), self.title),
                (_("&Category"), self.category),
                (_("The case is &about"), self.file_type),
                (_("&School"), self.school),
                (_("S&ummary"), self.summary),
            ]
        )
        form.insertRow(3, "", self.file_note)  # under "about": the file it decides
        note = QLabel(
            _("The case gets its number when it is saved. Parties and entries are added next.")
        )
        note.setObjectName("helpText")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        create = buttons.addButton(_("C&reate case"), QDialogButtonBox.ButtonRole.AcceptRole)
        create.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.writer = DialogWrite(self, session, self.title, self.category, self.file_type,
                                  self.school, self.summary, buttons)  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._show_file()
        self.title.setFocus()

    def _show_file(self) -> None:
        value = self.file_type.currentData()
        self.file_note.setText(
            _("Its reports go into the {file}.").format(file=file_type_label(FileType(value)))
            if value
            else _("This decides the file the case's reports go into.")
        )

    def accept(self) -> None:
        """Check the choices, then create the case in the background; the dialog
        closes once it exists (`ui/dialog_write.py`)."""
        if self.session.register is None:
            return
        for combo, message in (
            (self.category, _("Choose a category for the case.")),
            (self.file_type, _("Choose whom the case is about: a pupil, or a staff member.")),
        ):
            if combo.currentIndex() < 0:
                messages.show_error(self, message, _("The case was not created"))
                combo.setFocus()
                return
        title, category, file_type = (
            self.title.text(), self.category.currentData(), self.file_type.currentData()
        )  # fmt: skip
        school, summary, version = (
            self.school.text(), self.summary.toPlainText(), self.protocol_version
        )  # fmt: skip

        def created(case: object) -> None:
            assert isinstance(case, Case)
            self.case = case
            super(NewCaseDialog, self).accept()

        self.writer.start(
            lambda register: register.create_case(title, category, file_type,
                                                  protocol_version=version, school=school,
                                                  summary=summary),
            created, _("The case was not created"),
            _("Creating the case… (another program may be using the case register)"),
            on_failed=self.title.setFocus,
        )  # fmt: skip

    def reject(self) -> None:
        if not self.writer.active:  # the case being created is created first
            super().reject()
