"""A large, clearly worded choice on the start screen: title and one-line summary.

A push button with two wrapping labels, because QCommandLinkButton keeps its own
fixed font and ignores 150 % scaling. The labels take no mouse events of their own,
so a click or hover anywhere on the card reaches the button. The card is on the
first screen, so it uses nothing from Qt's `Qt` namespace: creating that costs
~12 ms of start-up (see benchmarks/startup.py).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout

from klasse_desktop.ui.style import scale_font


class WizardCard(QPushButton):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("wizardCard")
        self.setAutoDefault(True)  # Enter opens it, like Space
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        scale_font(self.title_label, 1.3, bold=True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setObjectName("helpText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 7, 14, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.summary_label)

    def set_texts(self, title: str, summary: str) -> None:
        self.title_label.setText(title)
        self.summary_label.setText(summary)
        self.setAccessibleName(title)
        self.setAccessibleDescription(summary)
        self.updateGeometry()

    def title(self) -> str:
        return self.title_label.text()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        layout = self.layout()
        if layout is None:
            return super().sizeHint()
        return QSize(layout.sizeHint().width(), self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        # The layout's own minimum is measured at its narrowest width, where the summary
        # wraps into many lines; that would make the start page scroll on a laptop.
        # The real height comes from heightForWidth() at the width the card gets.
        layout = self.layout()
        if layout is None:
            return super().minimumSizeHint()
        reference = max(layout.minimumSize().width(), self.fontMetrics().averageCharWidth() * 70)
        return QSize(layout.minimumSize().width(), layout.totalHeightForWidth(reference))
