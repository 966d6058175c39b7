"""The top of a case view: number and title, the facts, legal hold, close/reopen, back.

The facts flow in rows (`FlowLayout`): each fact stays whole ("Opened 20 november
2026" moves to the next row rather than wrapping one word per line), two rows on
a 1366×768 screen, more on a 1024×600 one or at 150 % fonts, so the header
leaves room for the timeline. The header only shows and reports clicks; the case
view does the register calls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.models import CaseStatus
from klasse_desktop.cases.repository import CaseDetail
from klasse_desktop.i18n import _
from klasse_desktop.ui.case_labels import category_label, file_type_label, long_date, status_label
from klasse_desktop.ui.flow_layout import FlowLayout
from klasse_desktop.ui.forms import OneLineFirst
from klasse_desktop.ui.style import scale_font

FACTS = ("category", "file_type", "school", "status", "opened", "closed", "retention_end")


def _value_label(one_line_first: bool = False) -> QLabel:
    label = OneLineFirst() if one_line_first else QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CaseHeader(QWidget):
    back_clicked = Signal()
    status_clicked = Signal()  # close or reopen, whichever the button says
    hold_clicked = Signal(bool)
    report_clicked = Signal()
    summary_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.heading = _value_label(one_line_first=True)
        self.heading.setObjectName("caseHeading")
        scale_font(self.heading, 1.4, bold=True)
        self.fact_names = {key: QLabel() for key in FACTS}
        self.facts = {key: _value_label(one_line_first=True) for key in FACTS}
        self.legal_hold = QCheckBox()
        self.legal_hold.clicked.connect(lambda checked: self.hold_clicked.emit(bool(checked)))
        self.summary = _value_label()
        self.summary.setObjectName("caseSummary")
        self.status_button = QPushButton()
        self.status_button.clicked.connect(self.status_clicked.emit)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_clicked.emit)
        self.report_button = QPushButton()
        self.report_button.clicked.connect(self.report_clicked.emit)
        self.summary_button = QPushButton()
        self.summary_button.clicked.connect(self.summary_clicked.emit)

        # The buttons sit beside the heading, or under it when the two do not fit on one
        # row: a narrow window gets a heading of one or two lines, not of five.
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.summary_button, self.report_button, self.status_button,
                       self.back_button):  # fmt: skip
            row.addWidget(button)
        top = FlowLayout(spacing=self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(self.heading)
        top.add_right(buttons)
        facts = FlowLayout(spacing=self.fontMetrics().averageCharWidth() * 4)
        for key in FACTS:
            self.fact_names[key].setObjectName("helpText")
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(self.fact_names[key], 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(self.facts[key], 1, Qt.AlignmentFlag.AlignTop)
            facts.addWidget(pair)
        facts.addWidget(self.legal_hold)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(facts)
        layout.addWidget(self.summary)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(_("← Case &list"))
        self.report_button.setText(_("Re&port (PDF)…"))
        self.summary_button.setText(_("S&ummary…"))
        self.summary_button.setToolTip(_("Write or change the summary that reports open with"))
        self.report_button.setToolTip(
            _("A report of this case for the staff file or the pupil file, to sign and file")
        )
        names = {
            "category": _("Category"), "status": _("Status"), "file_type": _("File"),
            "school": _("School"), "opened": _("Opened"), "closed": _("Closed"),
            "retention_end": _("Keep until"),
        }  # fmt: skip
        for key, text in names.items():
            self.fact_names[key].setText(text)
        self.legal_hold.setText(_("Le&gal hold: never delete this case"))
        self.legal_hold.setToolTip(
            _("A case on legal hold is kept after its retention period, for example while "
              "the police or the inspectorate are involved.")
        )  # fmt: skip

    def show_detail(self, detail: CaseDetail) -> None:
        case, closed = detail.case, detail.case.status == CaseStatus.CLOSED
        self.heading.setText(f"{case.number} — {case.title}")
        values = {
            "category": category_label(case.category), "status": status_label(case.status),
            "file_type": file_type_label(case.file_type), "school": case.school or "—",
            "opened": long_date(case.opened_on), "closed": long_date(case.closed_on),
            "retention_end": long_date(detail.retention_end) if closed
            else _("kept while the case is open"),
        }  # fmt: skip
        for key, value in values.items():
            self.facts[key].setText(value)
            self.facts[key].setAccessibleName(f"{self.fact_names[key].text()}: {value}")
        self.legal_hold.setChecked(case.legal_hold)
        self.summary.setText(case.summary)
        self.summary.setVisible(bool(case.summary))
        self.status_button.setText(_("&Reopen case") if closed else _("&Close case…"))
        self.status_button.setAccessibleName(self.status_button.text().replace("&", ""))

    def clear(self) -> None:
        self.heading.clear()
        for label in self.facts.values():
            label.clear()
            label.setAccessibleName("")
        self.legal_hold.setChecked(False)
        self.summary.clear()
