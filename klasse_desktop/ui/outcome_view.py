"""The outcome of a wizard: verdict with symbol and words, what to do, why, clauses."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from klasse_desktop.i18n import _, current_language
from klasse_desktop.protocol.engine import Step
from klasse_desktop.protocol.labels import (
    KIND_SYMBOLS,
    conditions_heading,
    file_type_label,
    kind_label,
)
from klasse_desktop.protocol.models import Outcome, RuleSet
from klasse_desktop.ui.style import scale_font
from klasse_desktop.ui.verdict_style import KIND_COLOURS, badge_style


def _label(text: str, parent: QWidget, *, rich: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | (Qt.TextInteractionFlag.LinksAccessibleByKeyboard if rich else Qt.TextInteractionFlag(0))
        | (Qt.TextInteractionFlag.LinksAccessibleByMouse if rich else Qt.TextInteractionFlag(0))
    )
    return label


def _bullets(items: list[str]) -> str:
    rows = "".join(f"<li>{html.escape(item)}</li>" for item in items)
    return f"<ul style='margin-left: 0; -qt-list-indent: 1;'>{rows}</ul>"


class OutcomeView(QScrollArea):
    """Rebuilt from scratch for every outcome: it is small and never edited in place."""

    clause_clicked = Signal(str)

    def __init__(self, rules: RuleSet) -> None:
        super().__init__()
        self.rules = rules
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.outcome: Outcome | None = None
        self.steps: list[Step] = []
        self.kind_text = ""
        self.verdict_text = ""
        self.contact_texts: dict[str, str] = {}

    def show_outcome(self, outcome: Outcome, steps: list[Step]) -> None:
        self.outcome, self.steps = outcome, list(steps)
        self._build()

    def retranslate(self) -> None:
        if self.outcome is not None:
            self._build()

    def _build(self) -> None:
        assert self.outcome is not None
        outcome, lang, protocol = self.outcome, current_language(), self.rules.protocol
        self.contact_texts = {}
        # Built in place (parent first): with the app's style sheet, moving a built
        # page into the scroll area would re-style every label of it again.
        body = QWidget(self.viewport())
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 12, 4)
        layout.setSpacing(8)

        # Verdict: symbol + kind in words (largest) + the verdict sentence.
        verdict = QFrame(body)
        verdict.setObjectName("verdict")
        verdict.setStyleSheet(f"QFrame#verdict {{ border-color: {KIND_COLOURS[outcome.kind]}; }}")
        row = QHBoxLayout(verdict)
        badge = QLabel(KIND_SYMBOLS[outcome.kind], verdict)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge.setStyleSheet(badge_style(outcome.kind))
        scale_font(badge, 2.0, bold=True)
        side = badge.fontMetrics().height() * 2
        badge.setFixedSize(
            max(side, badge.fontMetrics().horizontalAdvance(badge.text()) + 16), side
        )
        badge.setAccessibleName(kind_label(outcome.kind))
        row.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(6)
        self.kind_text = kind_label(outcome.kind)
        kind = _label(self.kind_text, verdict)
        kind.setObjectName("kindLabel")
        scale_font(kind, 1.6, bold=True)
        kind.setStyleSheet(f"color: {KIND_COLOURS[outcome.kind]};")
        self.verdict_text = outcome.verdict.get(lang)
        sentence = _label(self.verdict_text, verdict)
        sentence.setObjectName("verdictText")
        scale_font(sentence, 1.2)
        words.addWidget(kind)
        words.addWidget(sentence)
        row.addLayout(words, 1)
        verdict.setAccessibleName(f"{self.kind_text}: {self.verdict_text}")
        layout.addWidget(verdict)

        if outcome.contacts:  # whom to contact comes first: it is what to do now
            layout.addWidget(self._heading(_("Contact details"), body))
            for contact_id in outcome.contacts:
                layout.addWidget(self._contact_card(contact_id, body))

        if outcome.conditions:
            layout.addWidget(self._heading(conditions_heading(outcome.kind).rstrip(":"), body))
            conditions = _label(
                _bullets([c.get(lang) for c in outcome.conditions]), body, rich=True
            )
            conditions.setObjectName("conditions")
            layout.addWidget(conditions)

        if outcome.file_type:
            layout.addWidget(
                _label(_("File: {file}").format(file=file_type_label(outcome.file_type)), body)
            )

        layout.addWidget(self._heading(_("Why?"), body))
        explanation = _label(outcome.explanation.get(lang), body)
        explanation.setObjectName("explanation")
        layout.addWidget(explanation)
        if self.steps:
            answers = [
                f"{s.question.text.get(lang)} → {s.choice.label.get(lang)}" for s in self.steps
            ]
            layout.addWidget(_label(_("You answered:"), body))
            layout.addWidget(_label(_bullets(answers), body, rich=True))

        layout.addWidget(
            self._heading(
                _("Protocol clauses (version {version})").format(version=protocol.version),
                body,
            )
        )
        for clause_id in outcome.clauses:
            clause = protocol.clause(clause_id)
            link = (
                f"<a href='clause:{clause_id}'>{html.escape(_('Clause {id}').format(id=clause_id))}"
                f"</a><br><i>“{html.escape(clause.text.get(lang))}”</i>"
            )
            label = _label(link, body, rich=True)
            label.setObjectName(f"clause_{clause_id}")
            label.setAccessibleName(_("Clause {id}").format(id=clause_id))
            label.linkActivated.connect(self._on_link)
            layout.addWidget(label)
        layout.addStretch(1)

        self.setWidget(body)  # deletes the previous page

    def _contact_card(self, contact_id: str, parent: QWidget) -> QFrame:
        contact, lang = self.rules.contacts[contact_id], current_language()
        card = QFrame(parent)
        card.setProperty("card", True)
        box = QVBoxLayout(card)
        box.setSpacing(2)
        header = QHBoxLayout()
        name = _label(contact.name.get(lang), card)
        scale_font(name, 1.1, bold=True)
        header.addWidget(name, 1)
        text = contact.name.get(lang)
        if contact.phone:
            phone = _label(contact.phone, card)
            phone.setObjectName("phone")
            scale_font(phone, 1.3, bold=True)
            phone.setAccessibleName(_("phone {number}").format(number=contact.phone))
            header.addWidget(phone, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            text = f"{text} {contact.phone}"
        box.addLayout(header)
        box.addWidget(_label(contact.description.get(lang), card))
        card.setObjectName(f"contact_{contact_id}")
        card.setAccessibleName(text)
        self.contact_texts[contact_id] = f"{text} {contact.description.get(lang)}"
        return card

    def _heading(self, text: str, parent: QWidget) -> QLabel:
        label = _label(text, parent)
        scale_font(label, 1.15, bold=True)
        return label

    def _on_link(self, href: str) -> None:
        if href.startswith("clause:"):
            self.clause_clicked.emit(href.removeprefix("clause:"))
