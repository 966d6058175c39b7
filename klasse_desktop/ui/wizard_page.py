"""The wizard runner: one question at a time, answers on the side, then the outcome.

All decisions come from `WizardRun`; this page only shows its state and passes
clicks and keys on to it.

On the outcome, "Next" leaves its place empty and the outcome's buttons appear to
its left: a double-click on "Next" on the last question must not land on "Save as
case note…" (which asks a teacher to set up a register) or on anything else.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.evaluation.wizard_use import WizardUseCounter
from klasse_desktop.i18n import _, current_language
from klasse_desktop.protocol.contact_cards import Lookup
from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.protocol.models import Outcome, Question, RuleSet
from klasse_desktop.ui.click_guard import ClickGuard
from klasse_desktop.ui.outcome_view import OutcomeView
from klasse_desktop.ui.question_view import QuestionView
from klasse_desktop.ui.style import ACCENT, scale_font
from klasse_desktop.ui.undo_bar import UndoBar


class ProgressLine(QWidget):
    """A thin progress line. QProgressBar repaints synchronously on every setValue,
    which cost ~2 ms per wizard step; this one paints with the next frame."""

    def __init__(self) -> None:
        super().__init__()
        self.fraction = 0.0
        self.setFixedHeight(8)

    def set_fraction(self, fraction: float) -> None:
        self.fraction = min(1.0, max(0.0, fraction))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawRoundedRect(self.rect(), 4, 4)
        painter.setBrush(QColor(ACCENT))
        filled = self.rect().adjusted(0, 0, -round(self.width() * (1 - self.fraction)), 0)
        if filled.width() > 0:
            painter.drawRoundedRect(filled, 4, 4)


class WizardPage(QWidget):
    clause_clicked = Signal(str)
    home_requested = Signal()
    case_note_requested = Signal()  # save the finished run into a case
    advice_requested = Signal()  # save the finished run as a one-page PDF

    def __init__(self, rules: RuleSet) -> None:
        super().__init__()
        self.rules = rules
        self.run: WizardRun | None = None
        self.role: str | None = None  # the settings role that pre-answers "Wie ben je?"
        self.counter: WizardUseCounter | None = None  # anonymous counts, with consent only
        self.case_notes_offered = False  # only for roles that keep a case register
        self._before_restart: dict[str, Any] | None = None

        self.title = QLabel()
        self.title.setWordWrap(True)
        scale_font(self.title, 1.1, bold=True)
        self.progress_text = QLabel()
        self.progress = ProgressLine()

        self.question_view = QuestionView()
        self.question_view.selection_changed.connect(self._update_buttons)
        self.question_view.choice_activated.connect(self._on_activated)
        self.outcome_view = OutcomeView(rules)
        self.outcome_view.clause_clicked.connect(self.clause_clicked.emit)
        self.outcome_view.alternative_chosen.connect(self._take_alternative)
        self.outcome_view.photo_check_requested.connect(self.check_photo)
        self.outcome_view.rerun_requested.connect(self._rerun_after_photo)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.question_view)
        self.stack.addWidget(self.outcome_view)

        self.restart_button = QPushButton()
        self.restart_button.clicked.connect(self.restart)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self.next)
        keep_place = self.next_button.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)  # hidden on the outcome, its spot stays empty
        self.next_button.setSizePolicy(keep_place)
        self.note_button = QPushButton()
        self.note_button.clicked.connect(self.case_note_requested.emit)
        self.advice_button = QPushButton()
        self.advice_button.clicked.connect(self.advice_requested.emit)
        self.guard = ClickGuard([self.advice_button, self.note_button], self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restart_button)
        buttons.addStretch(1)
        buttons.addWidget(self.advice_button)
        buttons.addWidget(self.note_button)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        self.undo_bar = UndoBar(self)
        self.undo_bar.undo_requested.connect(self.undo_restart)

        main = QWidget()
        # One centred, readable column: header, question and buttons line up.
        main.setMaximumWidth(main.fontMetrics().averageCharWidth() * 135)
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(16, 12, 16, 12)
        main_layout.addWidget(self.title)
        main_layout.addWidget(self.progress_text)
        main_layout.addWidget(self.progress)
        main_layout.addWidget(self.undo_bar)
        main_layout.addWidget(self.stack, 1)
        main_layout.addLayout(buttons)

        self.answers_title = QLabel()
        scale_font(self.answers_title, 1.0, bold=True)
        self.answers = QListWidget()
        self.answers.setObjectName("answers")
        self.answers.setWordWrap(True)
        self.answers.setAlternatingRowColors(True)
        self.answers.itemActivated.connect(self._jump)
        self.answers.itemClicked.connect(self._jump)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(12, 12, 4, 12)
        side_layout.addWidget(self.answers_title)
        side_layout.addWidget(self.answers, 1)

        centred = QWidget()
        centred_layout = QHBoxLayout(centred)
        centred_layout.setContentsMargins(0, 0, 0, 0)
        centred_layout.addWidget(main)
        splitter = QSplitter()
        splitter.addWidget(side)
        splitter.addWidget(centred)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([260, 1000])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        # In the order they stand (hidden ones are skipped).
        self.setTabOrder(self.question_view, self.advice_button)
        self.setTabOrder(self.advice_button, self.note_button)
        self.setTabOrder(self.note_button, self.back_button)
        self.setTabOrder(self.back_button, self.next_button)
        self.setTabOrder(self.next_button, self.restart_button)
        self.setTabOrder(self.restart_button, self.answers)
        self.retranslate()

    # -- driving ------------------------------------------------------------------

    def start(self, wizard_id: str, role: str | None = None) -> None:
        """`role`: the app role from the settings, which answers "Wie ben je?" (shown
        among the answers, and changeable there)."""
        self.role = role
        self.run = WizardRun.start(self.rules, wizard_id, role)
        if self.counter is not None:
            self.counter.started(wizard_id)
        self._forget_restart()
        self.refresh()

    def set_school_contacts(self, school: Lookup | None) -> None:
        """The school's own contacts (settings), shown with the protocol's contacts."""
        self.outcome_view.school = school
        self.outcome_view.retranslate()

    def check_photo(self) -> None:
        """The photo check, from an outcome about a photo (issue: make it safe)."""
        from klasse_desktop.ui.photo_check_dialog import PhotoCheckDialog

        dialog = PhotoCheckDialog(self)
        dialog.safe_copy_saved.connect(lambda _path: self.outcome_view.photo_saved())
        dialog.exec()

    def _rerun_after_photo(self) -> None:
        outcome = self.run.outcome if self.run else None
        if self.run is None or outcome is None or outcome.photo_check is None:
            return
        self.run.rerun_with(outcome.photo_check.rerun)
        self._forget_restart()
        self.refresh()

    def _take_alternative(self, index: int) -> None:
        """Run the wizard again with the answers of a listed alternative."""
        if self.run is None or index >= len(self.outcome_view.alternatives):
            return
        self.run.replay(self.outcome_view.alternatives[index].answers)
        self._forget_restart()
        self.refresh()

    def set_case_notes_offered(self, offered: bool) -> None:
        """Offer "Save as case note…" only to a role that keeps the case register."""
        self.case_notes_offered = offered
        self._update_buttons()

    def next(self) -> None:
        if self.run is None or not isinstance(self.run.current, Question):
            return
        choice = self.question_view.selected()
        if choice is None:
            return
        self.run.answer(choice)
        self._forget_restart()
        if self.run.finished:
            self.guard.arm()  # the second click of a double-click is not for the outcome
        self.refresh()

    def back(self) -> None:
        if self.run is not None and self.run.can_go_back:
            self.run.back()
            self.refresh()

    def restart(self) -> None:
        """Clear every answer; Undo (or Ctrl+Z) brings them back until the next answer."""
        if self.run is None:
            return
        fresh = WizardRun.start(self.rules, self.run.wizard.id, self.role)
        if self.counter is not None:
            self.counter.started(fresh.wizard.id)
        if self.run.answers != fresh.answers:  # more than the settings' role answered
            self._before_restart = self.run.to_state()
            self.undo_bar.offer(_("Your answers were cleared."))
        self.run = fresh
        self.refresh()

    def undo_restart(self) -> None:
        state, self._before_restart = self._before_restart, None
        self.undo_bar.withdraw()
        if state is not None:
            self.run = WizardRun.from_state(self.rules, state)
            self.refresh()

    def _forget_restart(self) -> None:
        self._before_restart = None
        self.undo_bar.withdraw()

    def _on_activated(self, choice_id: str) -> None:
        self.next()

    def _jump(self, item: QListWidgetItem) -> None:
        if self.run is None:
            return
        self.run.jump_to(item.data(Qt.ItemDataRole.UserRole))
        self.refresh()

    # -- showing ------------------------------------------------------------------

    def refresh(self) -> None:
        run = self.run
        if run is None:
            return
        lang = current_language()
        self.title.setText(run.wizard.title.get(lang))
        current = run.current
        if isinstance(current, Outcome):
            if self.counter is not None:
                self.counter.reached(run.wizard.id, current.id, current.kind.value)
            self.outcome_view.show_outcome(current, run.steps, run.alternatives())
            self.stack.setCurrentWidget(self.outcome_view)
            self.outcome_view.focus_verdict()
        else:
            number, total = run.progress()
            self.question_view.progress = _("Question {number} of at most {total}").format(
                number=number, total=total
            )
            self.question_view.show_question(
                current, run.answer_for(current.id), run.offered(current)
            )
            # Reading order: the choices (one stop; arrows move inside), then the
            # buttons, then the list of answers given.
            chain = [*self.question_view.radios.values(), self.back_button, self.next_button,
                     self.restart_button, self.answers]  # fmt: skip
            for first, second in pairwise(chain):
                QWidget.setTabOrder(first, second)
            self.stack.setCurrentWidget(self.question_view)
            self.question_view.focus_choices()
        number, total = run.progress()
        done = number if isinstance(current, Outcome) else number - 1
        self.progress.set_fraction(done / max(total, 1))
        self.progress_text.setText(
            _("Outcome")
            if isinstance(current, Outcome)
            else _("Question {number} of at most {total}").format(number=number, total=total)
        )
        self.progress.setAccessibleName(self.progress_text.text())
        self._fill_answers()
        self._update_buttons()

    def _fill_answers(self) -> None:
        assert self.run is not None
        lang = current_language()
        self.answers.clear()
        on_screen = self.run.current.id
        for step in self.run.steps:
            text = f"{step.question.text.get(lang)}\n→ {step.choice.label.get(lang)}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, step.question.id)
            item.setToolTip(_("Click to change this answer"))
            self.answers.addItem(item)
            if step.question.id == on_screen:
                self.answers.setCurrentItem(item)
        if not self.run.steps:
            placeholder = QListWidgetItem(_("Your answers appear here."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.answers.addItem(placeholder)

    def _update_buttons(self) -> None:
        run = self.run
        finished = run is not None and run.finished
        self.back_button.setEnabled(run is not None and run.can_go_back)
        self.next_button.setVisible(not finished)
        self.note_button.setVisible(finished and self.case_notes_offered)
        self.advice_button.setVisible(finished)
        self.next_button.setEnabled(self.question_view.selected() is not None and not finished)
        self.next_button.setDefault(True)

    def retranslate(self) -> None:
        self.answers_title.setText(_("Your answers"))
        self.answers.setAccessibleName(_("Your answers"))
        self.back_button.setText(_("&Previous"))
        self.next_button.setText(_("&Next"))
        self.restart_button.setText(_("Start &over"))
        self.note_button.setText(_("&Save as case note…"))
        self.advice_button.setText(_("Advice as &PDF…"))
        self.advice_button.setToolTip(
            _("A one-page record of this advice, to show that you checked the protocol")
        )
        self.note_button.setToolTip(
            _("Add this outcome to a case in the case register (for directors)")
        )
        self.back_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Back).toString())
        self.undo_bar.retranslate()
        if self._before_restart is not None:
            self.undo_bar.offer(_("Your answers were cleared."))
        self.question_view.retranslate()
        self.outcome_view.retranslate()
        self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.next_button.isEnabled():
            self.next()
            return
        if key == Qt.Key.Key_Escape:
            if self.run is not None and self.run.can_go_back:
                self.back()
            else:
                self.home_requested.emit()
            return
        on_question = self.stack.currentWidget() is self.question_view
        is_digit = Qt.Key.Key_1 <= key <= Qt.Key.Key_9
        if on_question and is_digit and self.question_view.select_number(key - Qt.Key.Key_0):
            return
        super().keyPressEvent(event)
