"""Add a party to a case, or correct one: role, name, class or function, and for a
parent or carer whose parent they are; and change that relation later
(`RelationDialog`).

The relation decides who may be named in a report: a pupil's own parents are
named in that pupil's file, a parent whose child was not recorded is hidden in
every file. A correction is audited and reports use the corrected values
(`cases/party_changes.py`). Saves in `accept()`, in the background
(`ui/dialog_write.py`): the dialog stays open until the register answers, so a
refused name, or a register busy in another program, keeps what was typed on screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.errors import RegisterError
from klasse_desktop.cases.models import ROLE_LABELS, Party, PartyRole
from klasse_desktop.cases.party_changes import correct_party, removal_refused, remove_party
from klasse_desktop.cases.repository import MAX_NAME
from klasse_desktop.i18n import _
from klasse_desktop.ui import messages
from klasse_desktop.ui.case_labels import vocabulary
from klasse_desktop.ui.collation import collation_key
from klasse_desktop.ui.dialog_write import DialogWrite
from klasse_desktop.ui.forms import labelled_form
from klasse_desktop.ui.register_session import RegisterSession

if TYPE_CHECKING:
    from klasse_desktop.cases.repository import CaseRegister


def relation_combo(pupils: Iterable[Party], current: int | None = None) -> QComboBox:
    """The case's pupils by name, after "— unknown —" (the default: never a guess)."""
    combo = QComboBox()
    combo.addItem(_("— unknown —"), None)
    for pupil in sorted(pupils, key=lambda p: collation_key(p.name)):
        extra = f" — {pupil.class_or_function}" if pupil.class_or_function else ""
        combo.addItem(f"{pupil.name}{extra}", pupil.id)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
    combo.setEnabled(combo.count() > 1)
    return combo


REMOVED = 2  # PartyDialog's result when the party was removed (Accepted is 1)


def _pupils(parties: Iterable[Party]) -> list[Party]:
    return [p for p in parties if p.role == PartyRole.LEERLING]


class PartyDialog(QDialog):
    def __init__(
        self, session: RegisterSession, number: str, parent: QWidget | None = None, *,
        name: str = "", parties: Iterable[Party] | None = None, party: Party | None = None,
    ) -> None:  # fmt: skip
        """Adds a party; with `party`, corrects that one (fields filled in)."""
        super().__init__(parent)
        messages.mark(self)
        self.session, self.number = session, number
        self.correcting = party
        self.party: Party | None = None
        if party is None:
            self.setWindowTitle(_("Add a party to {number}").format(number=number))
        else:
            self.setWindowTitle(_("Correct party: {name}").format(name=party.name))
        if parties is None:
            register = session.register
            parties = register.get_case(number).parties if register is not None else []

        self.role = QComboBox()
        for value, label in vocabulary(ROLE_LABELS):
            self.role.addItem(label, value)
        self.name = QLineEdit(party.name if party is not None else name)
        self.name.setMaxLength(MAX_NAME)
        # A width of its own, not the dialog's: a minimum set on the dialog would keep
        # its buttons from widening it at 150 % fonts.
        self.name.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        self.class_or_function = QLineEdit(party.class_or_function if party is not None else "")
        self.class_or_function.setMaxLength(MAX_NAME)
        self.class_or_function.setPlaceholderText(_("For example: group 7, or teacher"))
        others = [p for p in parties if party is None or p.id != party.id]
        self.related_to = relation_combo(
            _pupils(others), party.related_to_id if party is not None else None
        )
        if party is not None:
            self.role.setCurrentIndex(max(0, self.role.findData(party.role)))
        self.form = labelled_form(
            [
                (_("&Role"), self.role),
                (_("&Name"), self.name),
                (_("&Class or function"), self.class_or_function),
                (_("Parent or carer &of"), self.related_to),
            ]
        )
        self.relation_help = QLabel(
            _(
                "A parent or carer is named only in their own child’s file; when the "
                "child is unknown, they are hidden in every report."
            )
        )
        self.relation_help.setWordWrap(True)
        self.relation_help.setObjectName("helpText")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        caption = _("&Add party") if party is None else _("&Save correction")
        add = buttons.addButton(caption, QDialogButtonBox.ButtonRole.AcceptRole)
        add.setDefault(True)
        self.remove_button: QPushButton | None = None
        if party is not None:
            self.remove_button = buttons.addButton(
                _("Re&move party…"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.remove_button.setToolTip(
                _("Remove a party that was added by mistake (only when nothing refers to it)")
            )
            self.remove_button.clicked.connect(self.remove)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.writer = DialogWrite(self, session, self.role, self.name, self.class_or_function,
                                  self.related_to, buttons)  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.relation_help)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        self.role.setFocus()

    def is_parent(self) -> bool:
        return bool(self.role.currentData() == PartyRole.OUDER)

    def _role_changed(self) -> None:
        parent = self.is_parent()
        self.form.setRowVisible(self.related_to, parent)
        self.relation_help.setVisible(parent)
        self.adjustSize()

    def accept(self) -> None:
        """Add (or correct) the party in the background; closes once it is saved."""
        if self.writer.active:
            return
        number, role, name = self.number, self.role.currentData(), self.name.text()
        extra = self.class_or_function.text()
        related_to = self.related_to.currentData() if self.is_parent() else None
        correcting = self.correcting.id if self.correcting is not None else None

        def work(register: CaseRegister) -> Party:
            if correcting is not None:
                return correct_party(register, number, correcting, role=role, name=name,
                                     class_or_function=extra, related_to=related_to)  # fmt: skip
            return register.add_party(number, role, name, extra, related_to=related_to)

        self.writer.start(
            work, self._saved,
            _("The party was not added") if correcting is None
            else _("The correction was not saved"),
            _("Saving the party… (another program may be using the case register)"),
            on_failed=self.name.setFocus,
        )  # fmt: skip

    def _saved(self, party: object) -> None:
        assert isinstance(party, Party)
        self.party = party
        super().accept()

    def reject(self) -> None:
        if not self.writer.active:  # a save or removal under way finishes first
            super().reject()

    def remove(self) -> None:
        """Remove the party being corrected, after asking; says why when it cannot.
        What refers to it is read at once (a read never waits for another program);
        the removal itself is written in the background."""
        register, party = self.session.register, self.correcting
        if register is None or party is None or party.id is None or self.writer.active:
            return
        number, party_id = self.number, party.id
        try:
            refusal = removal_refused(register, number, party_id)
        except RegisterError as exc:
            messages.show_error(self, exc, _("The party was not removed"))
            return
        if refusal is not None:
            messages.show_error(self, refusal, _("The party was not removed"))
            return
        if not messages.confirm(
            self, _("Remove {name}?").format(name=party.name),
            _("{name} is removed from case {number}. The audit log keeps that a party "
              "was removed, not who it was.").format(name=party.name, number=number),
            _("Re&move party"),
        ):  # fmt: skip
            return
        self.writer.start(
            lambda register: remove_party(register, number, party_id), self._removed,
            _("The party was not removed"),
            _("Removing the party… (another program may be using the case register)"),
        )  # fmt: skip

    def _removed(self, _result: object) -> None:
        self.party = None
        self.done(REMOVED)


class RelationDialog(QDialog):
    """Whose parent or carer an existing party is (or that it is not known)."""

    def __init__(
        self, session: RegisterSession, number: str, party: Party, parties: Iterable[Party],
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        messages.mark(self)
        self.session, self.number, self.party = session, number, party
        self.setWindowTitle(_("Parent or carer: {name}").format(name=party.name))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.related_to = relation_combo(_pupils(parties), party.related_to_id)
        form = labelled_form([(_("Parent or carer &of"), self.related_to)])
        help_text = QLabel(
            _(
                "A parent or carer is named only in their own child’s file; when the "
                "child is unknown, they are hidden in every report."
            )
        )
        help_text.setWordWrap(True)
        help_text.setObjectName("helpText")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Save"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.writer = DialogWrite(self, session, self.related_to, buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(help_text)
        layout.addWidget(buttons)
        self.related_to.setFocus()

    def accept(self) -> None:
        """Save the relation in the background; closes once it is saved."""
        number, party_id, related_to = self.number, self.party.id, self.related_to.currentData()
        if party_id is None:
            return
        self.writer.start(
            lambda register: register.set_party_relation(number, party_id, related_to),
            lambda _result: super(RelationDialog, self).accept(),
            _("The relation was not saved"),
            _("Saving the relation… (another program may be using the case register)"),
        )  # fmt: skip

    def reject(self) -> None:
        if not self.writer.active:
            super().reject()
