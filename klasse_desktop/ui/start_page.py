"""Start screen: the wizards as large choices, a search box, the protocol's dates.

This is the first screen a teacher sees, so what it builds before the first paint
is kept lean: it is drawn from the rules' summary (the full rules load after the
paint, see `protocol/summary.py`), Babel formats the dates after the paint, the
search results list is built at the first search, only its styled widgets carry
the style sheet, and Qt's `Qt` namespace (~12 ms to create) is imported only by
the methods that run later.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.i18n import _, current_language
from klasse_desktop.protocol.summary import RulesSummary
from klasse_desktop.ui.first_paint import after_first_paint
from klasse_desktop.ui.style import first_paint_sheet, scale_font
from klasse_desktop.ui.wizard_card import WizardCard

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidget, QListWidgetItem

    from klasse_desktop.protocol.models import RuleSet

MAX_CLAUSE_HITS = 8


class StartPage(QWidget):
    wizard_chosen = Signal(str)
    clause_chosen = Signal(str)
    protocol_requested = Signal()
    photo_check_requested = Signal()

    def __init__(
        self, summary: RulesSummary, rules: Callable[[], RuleSet], today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        """`rules` loads the full rules when the search or the dates first need them."""
        super().__init__(parent)
        self.summary = summary
        self._rules = rules
        self.today = today or date.today()
        self._dates_shown = False

        self.title = QLabel()
        scale_font(self.title, 1.6, bold=True)
        self.search = QLineEdit()
        # The clear button shows only once there is text; its icon loads after the paint.
        after_first_paint(self.title, lambda: self.search.setClearButtonEnabled(True))
        scale_font(self.search, 1.15)
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._open_first_hit)

        self.buttons: dict[str, WizardCard] = {}
        column = QVBoxLayout()
        column.setSpacing(6)
        column.setContentsMargins(0, 4, 0, 0)  # cards line up with the search box
        for wizard in summary.wizards:
            button = WizardCard()
            button.clicked.connect(lambda _c=False, w=wizard.id: self.wizard_chosen.emit(w))
            self.buttons[wizard.id] = button
            column.addWidget(button)
        # Not a wizard but a tool: make a photo safe before sharing it (A9, A5).
        self.photo_card = WizardCard()
        self.photo_card.clicked.connect(self.photo_check_requested.emit)
        column.addWidget(self.photo_card)
        column.addStretch(1)
        wizards_box = QWidget()
        wizards_box.setLayout(column)

        self._results: QListWidget | None = None
        self.no_results = QLabel()
        self.no_results.setWordWrap(True)
        self._results_layout = QVBoxLayout()
        self._results_layout.setContentsMargins(0, 0, 0, 0)
        self._results_layout.addWidget(self.no_results)
        self._results_layout.addStretch(1)
        results_box = QWidget()
        results_box.setLayout(self._results_layout)

        self.stack = QStackedWidget()
        self.stack.addWidget(wizards_box)
        self.stack.addWidget(results_box)

        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        # After Ctrl+L (or the idle lock) the user may be unsure it worked: say so.
        self.register_state = QLabel()
        self.register_state.setObjectName("protocolInfo")
        self.register_state.setWordWrap(True)
        self.register_state.hide()
        self.protocol_info = QLabel()
        self.protocol_info.setObjectName("protocolInfo")
        self.protocol_info.setWordWrap(True)
        self.protocol_button = QPushButton()
        self.protocol_button.clicked.connect(self.protocol_requested.emit)
        footer = QHBoxLayout()
        footer.addWidget(self.protocol_info, 1)
        footer.addWidget(self.protocol_button)

        inner = QWidget()
        # One readable column, also on a wide screen.
        inner.setMaximumWidth(inner.fontMetrics().averageCharWidth() * 120)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(24, 14, 24, 12)
        layout.setSpacing(10)
        layout.addWidget(self.notice)
        layout.addWidget(self.register_state)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.stack, 1)
        layout.addLayout(footer)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll = scroll  # no Tab stop on it: set after the first paint (`_show_dates`)
        centred = QWidget()
        row = QHBoxLayout(centred)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(inner, 1000)
        row.addStretch(1)
        scroll.setWidget(centred)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        # The app's style sheet arrives after the first paint (it re-styles every
        # widget, ~5 ms); until then the cards carry it themselves, so nothing on
        # screen changes when it comes. (The notice and the protocol line are empty
        # until the dates are filled in, together with the app's style sheet.)
        wizards_box.setStyleSheet(first_paint_sheet())
        self.retranslate()

    @property
    def results(self) -> QListWidget:
        """The search hits; built at the first search, not before the first paint."""
        if self._results is None:
            from PySide6.QtWidgets import QListWidget

            self._results = QListWidget()
            self._results.itemActivated.connect(self._open_item)
            self._results.setAccessibleName(_("Search results"))
            # Long hits wrap instead of hiding the last row under a scroll bar.
            self._results.setWordWrap(True)
            from PySide6.QtCore import Qt

            self._results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self._results_layout.insertWidget(1, self._results)
            self._results.show()  # made while its page may already be on screen
            QWidget.setTabOrder(self.search, self._results)  # the hits come right after
        return self._results

    @property
    def review_due(self) -> bool:
        return self.today > self.summary.evaluation

    def retranslate(self) -> None:
        lang = current_language()
        self.title.setText(_("What can I help you with?"))
        self.search.setPlaceholderText(
            _("What is it about? For example: photo, group app, bullying")
        )
        self.search.setAccessibleName(_("Search wizards and protocol clauses"))
        for wizard in self.summary.wizards:
            title = wizard.title.get(lang)
            if wizard.for_directors:
                title = _("{title} (for directors)").format(title=title)
            self.buttons[wizard.id].set_texts(title, wizard.summary.get(lang))
        self.photo_card.set_texts(
            _("Check a photo"),
            _("Make a photo safe to share: blur faces and remove the hidden data (such as "
              "the location), on this computer."),
        )  # fmt: skip
        self.protocol_button.setText(_("Read the &protocol"))
        self.register_state.setText(_("The case register is locked."))
        self.notice.setVisible(self.review_due)
        if self._dates_shown:
            self._show_dates()
        else:  # Babel's date formatting waits until the page is on screen
            after_first_paint(self.title, self._show_dates)
        if self._results is not None:
            self._results.setAccessibleName(_("Search results"))
        self._on_search(self.search.text())

    def _show_dates(self) -> None:
        from PySide6.QtCore import Qt

        from klasse_desktop.i18n_dates import format_date

        # Any Qt enum loads Qt's `Qt` namespace (~12 ms): not before the first paint.
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop on the container

        self._dates_shown = True
        lang, protocol = current_language(), self._rules().protocol

        def day(value: date) -> str:  # keep "23 februari 2028" on one line
            return format_date(value, lang).replace(" ", "\u00a0")

        info = (
            _("{title}, adopted {adopted}. Evaluation was planned for {evaluation}.")
            if self.review_due
            else _("{title}, adopted {adopted}. Next evaluation: {evaluation}.")
        )
        self.protocol_info.setText(
            info.format(
                title=protocol.title.get(lang),
                adopted=day(protocol.dates.adopted),
                evaluation=day(protocol.dates.evaluation),
            )
        )
        self.notice.setText(
            _(
                "This protocol was due for evaluation on {date}. Its rules still apply "
                "until the board adopts a new version."
            ).format(date=day(protocol.dates.evaluation))
        )

    def set_register_locked(self, locked: bool) -> None:
        """Say that the case register is locked (shown after it was open and locked)."""
        self.register_state.setVisible(locked)

    def clear_search(self) -> None:
        """Back to all the wizards: coming home shows no results of an earlier search."""
        if self.search.text():
            self.search.clear()

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_search(self, text: str) -> None:
        lang = current_language()
        if not text.strip():
            self.stack.setCurrentIndex(0)
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QListWidgetItem

        from klasse_desktop.protocol.search import search_clauses, search_wizards

        rules = self._rules()
        self.stack.setCurrentIndex(1)
        self.results.clear()
        for hit in search_wizards(rules, text, lang):
            item = QListWidgetItem(_("Question: {title}").format(title=hit.wizard.title.get(lang)))
            item.setData(Qt.ItemDataRole.UserRole, ("wizard", hit.wizard.id))
            self.results.addItem(item)
        for clause_hit in search_clauses(rules.protocol, text, lang)[:MAX_CLAUSE_HITS]:
            clause = clause_hit.clause
            item = QListWidgetItem(
                _("Clause {id}: {text}").format(id=clause.id, text=clause.text.get(lang))
            )
            item.setToolTip(clause.text.get(lang))
            item.setData(Qt.ItemDataRole.UserRole, ("clause", clause.id))
            self.results.addItem(item)
        rows = sum(self.results.sizeHintForRow(i) for i in range(self.results.count()))
        self.results.setMaximumHeight(rows + 2 * self.results.frameWidth() + 4)
        empty = self.results.count() == 0
        self.no_results.setText(
            _(
                "Nothing found for “{query}”. Try another word, "
                "or clear the search to see all questions."
            ).format(query=text.strip())
            if empty
            else _("Press Enter to open the first result, or choose one.")
        )
        if not empty:
            self.results.setCurrentRow(0)

    def _open_first_hit(self) -> None:
        if self.stack.currentIndex() == 1 and self.results.count():
            self._open_item(self.results.item(0))

    def _open_item(self, item: QListWidgetItem) -> None:
        from PySide6.QtCore import Qt

        kind, target = item.data(Qt.ItemDataRole.UserRole)
        if kind == "wizard":
            self.wizard_chosen.emit(target)
        else:
            self.clause_chosen.emit(target)
