"""First-run welcome: the language, who you are, your school — then the wizards.

Shown once, on the first start (no settings file yet; see `Settings.welcomed`).
Why: advice records carry the user's name, role and school, and nobody should
have to find Settings before their first PDF. Why short, with Skip on every
page but the last: most staff want a quick answer from a wizard, not a set-up.

Choosing a language translates the dialog at once (and, through `on_language`,
the window behind it). Skipping keeps the defaults for everything else, but
keeps the language: whoever switched to English and then pressed Skip wants
English. A director may tick, on the last page, to set up the case register
right afterwards; the register's own dialog asks the passphrase after this one
has closed, so nobody else is ever asked for one. Closing the dialog (Escape,
the window's close button, quitting the app) counts as skipping: the user has
seen it, and asking at every start would be nagging.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop import i18n
from klasse_desktop.i18n import _
from klasse_desktop.settings import ROLES, Settings
from klasse_desktop.ui.school_contacts_form import SchoolContactsForm
from klasse_desktop.ui.settings_dialog import language_name
from klasse_desktop.ui.style import scale_font
from klasse_desktop.ui.wizard_use_consent import WizardUseConsent

DIRECTOR = "directeur"


def _text(name: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


def switch_language(language: str) -> None:
    """Without a window behind the dialog: switch gettext and Qt's own buttons."""
    from klasse_desktop.ui.qt_i18n import install_translators

    i18n.set_language(language)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_translators(app, language)


class WelcomeDialog(QDialog):
    """Three short pages; `chosen()` and `wants_register` are the result."""

    def __init__(
        self, settings: Settings, *, on_language: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.settings = settings
        self.on_language = on_language or switch_language
        self.setModal(True)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

        self.heading = _text("welcomeHeading")
        scale_font(self.heading, 1.4, bold=True)
        self.step = _text("helpText")
        self.step.setWordWrap(False)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._intro_page())
        self.pages.addWidget(self._about_page())
        self.pages.addWidget(self._ready_page())

        self.skip_button = QPushButton()
        self.skip_button.clicked.connect(self.reject)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(lambda: self.go_to(self.pages.currentIndex() - 1))
        self.next_button = QPushButton()
        self.next_button.clicked.connect(lambda: self.go_to(self.pages.currentIndex() + 1))
        self.finish_button = QPushButton()
        self.finish_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.finish_button):
            buttons.addWidget(button)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.step, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        self.language.currentIndexChanged.connect(self._language_chosen)
        self.role.currentIndexChanged.connect(self._update_ready_page)
        self.retranslate()
        self.go_to(0)

    # -- pages ----------------------------------------------------------------------

    def _intro_page(self) -> QWidget:
        self.intro = _text("welcomeIntro")
        self.intro_next = _text()
        self.language = QComboBox()
        for code in i18n.SUPPORTED_LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(self.intro)
        column.addWidget(self.intro_next)
        column.addLayout(form)
        column.addStretch(1)
        return page

    def _about_page(self) -> QWidget:
        self.about_text = _text()
        self.user_name = QLineEdit(self.settings.user_name)
        self.role = QComboBox()
        for code in ROLES:
            self.role.addItem("", code)
        self.role.setCurrentIndex(max(0, self.role.findData(self.settings.role)))
        self.school = QLineEdit(self.settings.school)
        self.foundation = QLineEdit(self.settings.foundation)
        for field in (self.user_name, self.school, self.foundation):
            field.setMaxLength(200)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.field_labels: list[tuple[QLabel, QWidget]] = []
        for widget in (self.user_name, self.role, self.school, self.foundation):
            label = QLabel()
            label.setBuddy(widget)
            form.addRow(label, widget)
            self.field_labels.append((label, widget))
        self.stored_note = _text("helpText")
        self.consent = WizardUseConsent(self.settings.count_wizard_use)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.about_text)
        column.addLayout(form)
        column.addWidget(self.stored_note)
        column.addWidget(self.consent)
        column.addStretch(1)
        return page

    def _ready_page(self) -> QWidget:
        self.ready_text = _text("welcomeReady")
        self.register_box = QFrame()
        self.register_box.setProperty("card", True)
        self.register_text = _text()
        self.setup_register = QCheckBox()
        self.register_later = _text("helpText")
        box = QVBoxLayout(self.register_box)
        box.addWidget(self.register_text)
        box.addWidget(self.setup_register)
        box.addWidget(self.register_later)
        self.contacts_box = QFrame()  # the school's own people, for the outcomes
        self.contacts_box.setProperty("card", True)
        self.contacts_text = _text()
        self.contacts = SchoolContactsForm(self.settings)
        contacts = QVBoxLayout(self.contacts_box)
        contacts.addWidget(self.contacts_text)
        contacts.addWidget(self.contacts)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.ready_text)
        column.addWidget(self.register_box)
        column.addWidget(self.contacts_box)
        column.addStretch(1)
        return page

    # -- texts ----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Welcome to Klasse Desktop"))
        self.intro.setText(
            _(
                "Klasse Desktop helps you follow the social media protocol of Stichting "
                "Klasse. Answer a few short questions and you see what is allowed, what is "
                "not, and why — with the clauses of the protocol."
            )
        )
        self.intro_next.setText(
            _("First a few details; they take a minute. You can change them later in Settings.")
        )
        self.language_label.setText(_("&Language"))
        self.about_text.setText(
            _("Your name, role and school appear on the advice records you save as PDF.")
        )
        field_texts = (_("Your &name"), _("Your &role"), _("&School"),
                       _("&Foundation (stichting)"))  # fmt: skip
        for (label, field), text in zip(self.field_labels, field_texts, strict=True):
            label.setText(text)
            field.setAccessibleName(text.replace("&", ""))
        self.language.setAccessibleName(_("&Language").replace("&", ""))
        for index in range(self.role.count()):
            self.role.setItemText(index, _(ROLES[self.role.itemData(index)]))
        self.stored_note.setText(_("These details are stored only on this computer."))
        self.ready_text.setText(
            _(
                "Choose a question on the start screen, or read the protocol (F1). You can "
                "change your details at any time in Settings."
            )
        )
        self.register_text.setText(
            _(
                "As a director you can keep notes about incidents in the case register. It "
                "is encrypted on this computer and opens only with a passphrase you choose."
            )
        )
        self.setup_register.setText(_("Set up the case &register now"))
        self.setup_register.setAccessibleName(self.setup_register.text().replace("&", ""))
        self.register_later.setText(_("You can also do this later, from the Cases menu."))
        self.contacts_text.setText(
            _("Who are the director, the internal supervisor, the confidential adviser and the "
              "privacy officer at your school? The answers for your teachers name them, with "
              "their phone number. Optional; also in Settings.")
        )  # fmt: skip
        self.contacts.retranslate()
        self.consent.retranslate()
        self.skip_button.setText(_("S&kip"))
        self.skip_button.setToolTip(_("Start right away; you can fill in your details later."))
        self.back_button.setText(_("← &Back"))
        self.next_button.setText(_("&Continue"))
        self.finish_button.setText(_("&Get started"))
        self._update_header()

    def _update_header(self) -> None:
        headings = (_("Welcome to Klasse Desktop"), _("About you"), _("Ready to start"))
        index = self.pages.currentIndex()
        self.heading.setText(headings[index])
        self.step.setText(_("Step {n} of {total}").format(n=index + 1, total=self.pages.count()))

    def _language_chosen(self) -> None:
        language = self.language.currentData()
        if language and language != i18n.current_language():
            self.on_language(language)
            self.retranslate()

    # -- navigation -----------------------------------------------------------------

    @property
    def is_director(self) -> bool:
        return bool(self.role.currentData() == DIRECTOR)

    def _update_ready_page(self) -> None:
        self.register_box.setVisible(self.is_director)
        self.contacts_box.setVisible(self.is_director)

    def go_to(self, index: int) -> None:
        index = max(0, min(self.pages.count() - 1, index))
        self.pages.setCurrentIndex(index)
        last = index == self.pages.count() - 1
        self.back_button.setVisible(index > 0)
        self.next_button.setVisible(not last)
        self.finish_button.setVisible(last)
        self.skip_button.setVisible(not last)  # on the last page, nothing is left to skip
        (self.finish_button if last else self.next_button).setDefault(True)
        (self.next_button if last else self.finish_button).setDefault(False)
        self._update_ready_page()
        self._update_header()
        focus: QWidget = (self.language, self.user_name, self.finish_button)[index]
        if last and self.is_director:
            focus = self.setup_register
        focus.setFocus()

    # -- result ---------------------------------------------------------------------

    @property
    def wants_register(self) -> bool:
        """Finished by a director who ticked "set up the case register now"."""
        return (
            self.result() == QDialog.DialogCode.Accepted
            and self.is_director
            and self.setup_register.isChecked()
        )

    def chosen(self) -> Settings:
        """The settings to keep: all details when finished, only the language when
        skipped; either way the welcome counts as done."""
        language = self.language.currentData() or self.settings.language
        if self.result() != QDialog.DialogCode.Accepted:
            return replace(self.settings, language=language, welcomed=True).normalised()
        chosen = replace(
            self.settings, language=language, user_name=self.user_name.text(),
            role=self.role.currentData(), school=self.school.text(),
            foundation=self.foundation.text(), welcomed=True,
        )  # fmt: skip
        if self.is_director:
            chosen = self.contacts.apply(chosen)
        return self.consent.apply(chosen.normalised())
