"""The consent to count wizard use, as a block the settings and the welcome embed.

Off until the user ticks it. The text says exactly what is counted and where the
plain file is, so anyone can open it and see; unticking it deletes the counts
(`evaluation.wizard_use.with_consent`, applied when the dialog saves).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from klasse_desktop.evaluation.wizard_use import counts_path, with_consent
from klasse_desktop.i18n import _
from klasse_desktop.settings import Settings


class WizardUseConsent(QWidget):
    def __init__(self, agreed: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checkbox = QCheckBox()
        self.checkbox.setChecked(agreed)
        self.explanation = QLabel()
        self.explanation.setObjectName("helpText")
        self.explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.checkbox)
        layout.addWidget(self.explanation)
        self.retranslate()

    def retranslate(self) -> None:
        self.checkbox.setText(
            _("Help evaluate the protocol: count anonymously which questions are asked")
        )
        self.explanation.setText(
            _("Only this, per month: which wizard was started and which outcome it reached. "
              "No answers, no times, no names. The counts stay on this computer, in a plain "
              "file you can open: {path}. Your director may ask you to export them for the "
              "evaluation. Turning this off deletes the counts.").format(path=counts_path())
        )  # fmt: skip
        self.checkbox.setAccessibleDescription(self.explanation.text())

    @property
    def agreed(self) -> bool:
        return self.checkbox.isChecked()

    def apply(self, settings: Settings) -> Settings:
        """The settings with this answer (call when the dialog saves)."""
        return with_consent(settings, self.agreed)
