"""The school's own contacts (director, IB, confidential adviser, privacy officer)
with their phone numbers, as the settings and the director's welcome show them.

Outcomes that send a teacher to "je leidinggevende" then also say who that is at
this school and how to reach them (`protocol/contact_cards.py`).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from klasse_desktop.i18n import _
from klasse_desktop.settings import SCHOOL_CONTACTS, Settings


class SchoolContactsForm(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.name_heading, self.phone_heading = QLabel(), QLabel()
        grid.addWidget(self.name_heading, 0, 1)
        grid.addWidget(self.phone_heading, 0, 2)
        self.role_labels: dict[str, QLabel] = {}
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        self.names: dict[str, QLineEdit] = {}
        self.phones: dict[str, QLineEdit] = {}
        for row, key in enumerate(SCHOOL_CONTACTS, start=1):
            name = QLineEdit(str(getattr(settings, f"contact_{key}_name")))
            name.setMaxLength(200)
            name.setObjectName(f"contact_{key}_name")
            phone = QLineEdit(str(getattr(settings, f"contact_{key}_phone")))
            phone.setMaxLength(40)
            phone.setObjectName(f"contact_{key}_phone")
            label = QLabel()
            label.setBuddy(name)
            grid.addWidget(label, row, 0)
            grid.addWidget(name, row, 1)
            grid.addWidget(phone, row, 2)
            self.names[key], self.phones[key], self.role_labels[key] = name, phone, label
        self.retranslate()

    def retranslate(self) -> None:
        self.name_heading.setText(_("Name"))
        self.phone_heading.setText(_("Phone"))
        for key, label in self.role_labels.items():
            role = _(SCHOOL_CONTACTS[key])
            label.setText(role)
            self.names[key].setAccessibleName(_("{role}: name").format(role=role))
            self.phones[key].setAccessibleName(_("{role}: phone").format(role=role))
            self.phones[key].setPlaceholderText(_("e.g. 030-1234567"))

    def apply(self, settings: Settings) -> Settings:
        """A copy of `settings` with the contacts as typed (not normalised yet); the
        field names are built from SCHOOL_CONTACTS, so they are set by name."""
        updated = replace(settings)
        for key in SCHOOL_CONTACTS:
            setattr(updated, f"contact_{key}_name", self.names[key].text())
            setattr(updated, f"contact_{key}_phone", self.phones[key].text())
        return updated
