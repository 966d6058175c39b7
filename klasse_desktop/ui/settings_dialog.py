"""Settings: language, the user's name and role, school and foundation (for reports).

The case register's own settings (lock time, backups) are shown only while a role
that keeps a register is chosen, and appear the moment one is chosen.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop import i18n
from klasse_desktop.i18n import _
from klasse_desktop.settings import (
    MAX_BACKUPS,
    MAX_LOCK_MINUTES,
    MIN_LOCK_MINUTES,
    ROLES,
    Settings,
    keeps_register,
    save_settings,
)
from klasse_desktop.ui.forms import labelled_form
from klasse_desktop.ui.school_contacts_form import SchoolContactsForm
from klasse_desktop.ui.wizard_use_consent import WizardUseConsent


def language_name(code: str) -> str:
    """Each language named in itself ("Nederlands", "English", "Türkçe"), via Babel,
    so a language a translator adds shows up without code changes."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(_("Settings"))
        self.setMinimumWidth(460)

        self.language = QComboBox()
        for code in i18n.SUPPORTED_LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.user_name = QLineEdit(settings.user_name)
        self.user_name.setMaxLength(200)
        self.role = QComboBox()
        for code, label in ROLES.items():
            self.role.addItem(_(label), code)
        self.role.setCurrentIndex(max(0, self.role.findData(settings.role)))
        self.school = QLineEdit(settings.school)
        self.school.setMaxLength(200)
        self.foundation = QLineEdit(settings.foundation)
        self.foundation.setMaxLength(200)
        self.keep_backups = QSpinBox()
        self.keep_backups.setRange(1, MAX_BACKUPS)
        self.keep_backups.setValue(settings.keep_backups)
        self.keep_backups.setToolTip(
            _("The case register makes an encrypted backup once a day; this many are kept.")
        )
        self.lock_after = QSpinBox()
        self.lock_after.setRange(MIN_LOCK_MINUTES, MAX_LOCK_MINUTES)
        self.lock_after.setValue(settings.lock_after_minutes)
        self.lock_after.setToolTip(
            _("Without keyboard or mouse use for this long, the case register closes and "
              "asks for the passphrase again.")
        )  # fmt: skip

        form = labelled_form(
            [
                (_("&Language"), self.language),
                (_("Your &name"), self.user_name),
                (_("Your &role"), self.role),
                (_("&School"), self.school),
                (_("&Foundation (stichting)"), self.foundation),
                (_("Lock the case register after (&minutes)"), self.lock_after),
                (_("&Backups to keep"), self.keep_backups),
            ]
        )
        self.form = form
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        note = QLabel(_("These details are stored only on this computer."))
        note.setWordWrap(True)
        note.setObjectName("helpText")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(form)
        self.consent = WizardUseConsent(settings.count_wizard_use)
        general_layout.addWidget(self.consent)
        general_layout.addStretch(1)
        self.contacts = SchoolContactsForm(settings)
        contacts = QWidget()
        contacts_layout = QVBoxLayout(contacts)
        explain = QLabel(
            _("Outcomes that send you to the school leadership or a confidential adviser "
              "also show who that is at your school, with this phone number.")
        )  # fmt: skip
        explain.setWordWrap(True)
        explain.setObjectName("helpText")
        contacts_layout.addWidget(explain)
        contacts_layout.addWidget(self.contacts)
        contacts_layout.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Settings"))
        self.tabs.addTab(general, _("&General"))
        self.tabs.addTab(contacts, _("School &contacts"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _role_changed(self, *_args: object) -> None:
        register = keeps_register(self.role.currentData())
        for field in (self.lock_after, self.keep_backups):
            self.form.setRowVisible(field, register)

    def values(self) -> Settings:
        # replace(): fields this dialog does not show (geometry, welcomed) are kept.
        shown = replace(
            self.settings,
            language=self.language.currentData(),
            user_name=self.user_name.text(),
            role=self.role.currentData(),
            school=self.school.text(),
            foundation=self.foundation.text(),
            lock_after_minutes=self.lock_after.value(),
            keep_backups=self.keep_backups.value(),
        )
        return self.contacts.apply(shown).normalised()

    def accept(self) -> None:
        # Consent is applied only on Save: turning it off deletes the counts.
        updated = self.consent.apply(self.values())
        try:
            save_settings(updated)
        except OSError as exc:
            QMessageBox.warning(
                self,
                _("Settings not saved"),
                _(
                    "The settings could not be saved ({reason}). Your changes are still in "
                    "this window; try again, or check that the disk is not full."
                ).format(reason=exc.strerror or exc.__class__.__name__),
            )
            return
        self.settings = updated
        super().accept()
