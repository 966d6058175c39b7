"""One wizard question: the question, its help text, and the choices as radio buttons.

Each of the first nine choices shows its number key ("1", "2"…) beside it: the
number keys choose, and a key nobody can see is a key nobody uses.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.i18n import current_language
from klasse_desktop.protocol.models import Choice, Question
from klasse_desktop.ui.style import scale_font

# On the body, once: a style sheet per hint label would cost a re-style per choice.
# Palette colours: readable in the light and the dark scheme (style.py).
KEY_HINT_STYLE = """
QLabel#keyHint { color: palette(placeholder-text); border: 1px solid palette(mid);
                 border-radius: 4px; background: palette(base); padding: 1px 6px;
                 margin-top: 3px; }
"""


class QuestionView(QScrollArea):
    selection_changed = Signal()
    choice_activated = Signal(str)  # double-click: choose and go on

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop on the container
        self.question: Question | None = None
        self.progress = ""  # "Vraag 2 van maximaal 8", read with every choice
        self.choices: tuple[Choice, ...] = ()
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.buttonToggled.connect(lambda *_: self.selection_changed.emit())
        self.radios: dict[str, QRadioButton] = {}
        self.labels: dict[str, _ChoiceLabel] = {}
        self.key_hints: dict[str, QLabel] = {}

        body = QWidget()
        body.setStyleSheet(KEY_HINT_STYLE)
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(4, 4, 12, 4)
        self.layout_.setSpacing(8)
        self.text = QLabel()
        self.text.setObjectName("questionText")
        self.text.setWordWrap(True)
        scale_font(self.text, 1.5, bold=True)
        self.help = QLabel()
        self.help.setObjectName("helpText")
        self.help.setWordWrap(True)
        self.choices_box = QGridLayout()
        self.choices_box.setHorizontalSpacing(10)
        self.choices_box.setVerticalSpacing(10)
        self.choices_box.setColumnStretch(2, 1)
        self.layout_.addWidget(self.text)
        self.layout_.addWidget(self.help)
        self.layout_.addSpacing(6)
        self.layout_.addLayout(self.choices_box)
        self.layout_.addStretch(1)
        self.setWidget(body)

    def show_question(
        self, question: Question, selected: str | None, choices: tuple[Choice, ...] | None = None
    ) -> None:
        """`choices`: those offered to who the user said they are (default: all)."""
        self.question = question
        self.choices = question.choices if choices is None else choices
        for widget in [*self.radios.values(), *self.key_hints.values(), *self.labels.values()]:
            widget.hide()  # deleteLater alone would leave it painted until the next loop turn
            self.choices_box.removeWidget(widget)
            widget.deleteLater()
        for radio in self.radios.values():
            self.group.removeButton(radio)
        self.radios.clear()
        self.labels.clear()
        self.key_hints.clear()
        for index, choice in enumerate(self.choices):
            radio = QRadioButton()
            scale_font(radio, 1.2)  # the indicator is sized in em, so it grows with the font
            label = _ChoiceLabel(radio)
            scale_font(label, 1.2)
            label.activated.connect(lambda c=choice.id: self.choice_activated.emit(c))
            self.group.addButton(radio, index)
            self.choices_box.addWidget(radio, index, 0, Qt.AlignmentFlag.AlignTop)
            if index < 9:  # keys 1–9
                hint = _KeyHint(index + 1, radio)
                self.choices_box.addWidget(hint, index, 1, Qt.AlignmentFlag.AlignTop)
                self.key_hints[choice.id] = hint
            self.choices_box.addWidget(label, index, 2)
            radio.installEventFilter(self)
            self.radios[choice.id] = radio
            self.labels[choice.id] = label
        self.retranslate()
        if selected in self.radios:
            self.radios[selected].setChecked(True)
        self.verticalScrollBar().setValue(0)

    def retranslate(self) -> None:
        if self.question is None:
            return
        lang = current_language()
        self.text.setText(self.question.text.get(lang))
        self.help.setText(self.question.help.get(lang))
        self.text.setAccessibleName(self.question.text.get(lang))
        self.help.setAccessibleName(self.question.help.get(lang))
        for number, choice in enumerate(self.choices, start=1):
            radio = self.radios[choice.id]
            self.labels[choice.id].setText(choice.label.get(lang))
            radio.setAccessibleName(choice.label.get(lang))
            radio.setAccessibleDescription(self.description(lang))
            radio.setToolTip(f"{number}")

    def description(self, lang: str) -> str:
        """What a screen reader says with every choice: where in the wizard, the
        question and its help (which is otherwise never announced)."""
        assert self.question is not None
        parts = [self.progress, self.question.text.get(lang), self.question.help.get(lang)]
        return " ".join(part.rstrip(".") + "." for part in parts if part)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Arrow keys choose, also when nothing is chosen yet (Qt's radio buttons
        then only move the focus, and Space was needed)."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QRadioButton)
            and watched in self.radios.values()
        ):
            assert isinstance(event, QKeyEvent)
            key = event.key()
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -1,
                    Qt.Key.Key_Left: -1}.get(Qt.Key(key))  # fmt: skip
            if step is not None:
                radios = list(self.radios.values())
                index = radios.index(watched)
                target = radios[max(0, min(len(radios) - 1, index + step))]
                target.setChecked(True)
                target.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def selected(self) -> str | None:
        for choice_id, radio in self.radios.items():
            if radio.isChecked():
                return choice_id
        return None

    def focus_choices(self) -> None:
        radio = next((r for r in self.radios.values() if r.isChecked()), None)
        radio = radio or next(iter(self.radios.values()), None)
        if radio is not None:
            radio.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_number(self, number: int) -> bool:
        """Keys 1–9 pick a choice, for people who work from the keyboard."""
        if self.question and 1 <= number <= len(self.choices):
            radio = self.radios[self.choices[number - 1].id]
            radio.setChecked(True)
            radio.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return False


class _KeyHint(QLabel):
    """The number key of a choice, drawn like a key cap; a click selects the choice."""

    def __init__(self, number: int, radio: QRadioButton) -> None:
        super().__init__(str(number))
        self.radio = radio
        self.setObjectName("keyHint")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # margin-top in the style: level with the radio button's text line.
        scale_font(self, 1.05)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self.radio.setChecked(True)
        self.radio.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()


class _ChoiceLabel(QLabel):
    """The wrapping text of a choice (QRadioButton cannot wrap long Dutch labels).

    A click selects its radio button, a double-click selects and moves on.
    """

    activated = Signal()

    def __init__(self, radio: QRadioButton) -> None:
        super().__init__()
        self.radio = radio
        self.setWordWrap(True)
        self.setBuddy(radio)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self.radio.setChecked(True)
        self.radio.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self.radio.setChecked(True)
        self.activated.emit()
        event.accept()
