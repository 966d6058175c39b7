"""The outcome of a wizard: verdict with symbol and words, what to do, why, clauses.

One page, filled in place for every outcome. Building its twenty-odd word-wrapped
labels anew for each outcome took most of the 16 ms a step may cost (see
benchmarks/startup.py); now only texts change, and the few widgets whose number
varies (contact cards, quoted clauses) are kept and reused.
"""

from __future__ import annotations

import html
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.i18n import _, current_language
from klasse_desktop.i18n_dates import version_label
from klasse_desktop.protocol.alternatives import Alternative, describe
from klasse_desktop.protocol.contact_cards import Lookup, contact_cards, school_line
from klasse_desktop.protocol.engine import Step
from klasse_desktop.protocol.labels import (
    KIND_SYMBOLS,
    conditions_heading,
    file_type_label,
    kind_label,
)
from klasse_desktop.protocol.models import Outcome, OutcomeKind, RuleSet
from klasse_desktop.ui.link_label import LinkLabel
from klasse_desktop.ui.style import scale_font
from klasse_desktop.ui.verdict_style import KIND_COLOURS, badge_style


def _label(parent: QWidget, *, rich: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | (Qt.TextInteractionFlag.LinksAccessibleByKeyboard if rich else Qt.TextInteractionFlag(0))
        | (Qt.TextInteractionFlag.LinksAccessibleByMouse if rich else Qt.TextInteractionFlag(0))
    )
    return label


def _heading(parent: QWidget) -> QLabel:
    label = _label(parent)
    scale_font(label, 1.15, bold=True)
    return label


def _bullets(items: list[str]) -> str:
    rows = "".join(f"<li>{html.escape(item)}</li>" for item in items)
    return f"<ul style='margin-left: 0; -qt-list-indent: 1;'>{rows}</ul>"


class _ContactCard(QFrame):
    """Name, phone number (large: it is what the user needs now) and description."""

    def __init__(self, contact_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"contact_{contact_id}")
        self.setProperty("card", True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # read in order, as one
        box = QVBoxLayout(self)
        box.setSpacing(2)
        header = QHBoxLayout()
        self.name = _label(self)
        scale_font(self.name, 1.1, bold=True)
        header.addWidget(self.name, 1)
        self.phone = _label(self)
        self.phone.setObjectName("phone")
        scale_font(self.phone, 1.3, bold=True)
        header.addWidget(self.phone, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        box.addLayout(header)
        self.description = _label(self)
        box.addWidget(self.description)
        self.at_school = _label(self)  # the school's own person for this contact
        self.at_school.setObjectName("atSchool")
        box.addWidget(self.at_school)


class _ClauseLink(LinkLabel):
    """A quoted clause under the outcome; knows its clause, for the click."""

    clause_id = ""


class OutcomeView(QScrollArea):
    clause_clicked = Signal(str)
    alternative_chosen = Signal(int)  # index into `alternatives`: re-run with those answers
    photo_check_requested = Signal()  # "Foto controleren…" on an outcome about a photo
    rerun_requested = Signal()  # after a safe copy: the outcome with nobody recognisable

    def __init__(self, rules: RuleSet) -> None:
        super().__init__()
        self.rules = rules
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop on the container
        self.outcome: Outcome | None = None
        self.steps: list[Step] = []
        self.kind_text = ""
        self.verdict_text = ""
        self.contact_texts: dict[str, str] = {}
        self.alternatives: list[Alternative] = []
        self.school: Lookup | None = None  # the school's own contacts (settings)
        self._styled_kind: OutcomeKind | None = None
        self._cards: dict[str, _ContactCard] = {}
        self._clause_labels: list[_ClauseLink] = []
        self._change_links: list[LinkLabel] = []

        # Parent first: with the app's style sheet, moving a built page into the
        # scroll area would style every label of it twice.
        body = QWidget(self.viewport())
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 12, 4)
        layout.setSpacing(8)

        # Verdict: symbol + kind in words (largest) + the verdict sentence.
        self.verdict = QFrame(body)
        self.verdict.setObjectName("verdict")
        self.verdict.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the first thing read
        row = QHBoxLayout(self.verdict)
        self.badge = QLabel(self.verdict)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scale_font(self.badge, 2.0, bold=True)
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(6)
        self.kind = _label(self.verdict)
        self.kind.setObjectName("kindLabel")
        scale_font(self.kind, 1.6, bold=True)
        self.sentence = _label(self.verdict)
        self.sentence.setObjectName("verdictText")
        scale_font(self.sentence, 1.2)
        words.addWidget(self.kind)
        words.addWidget(self.sentence)
        row.addLayout(words, 1)
        layout.addWidget(self.verdict)

        # For a photo: make it safe right here, then see the answer again.
        photo_row = QHBoxLayout()
        self.photo_button = QPushButton(body)
        self.photo_button.setObjectName("photoCheck")
        self.photo_button.clicked.connect(self.photo_check_requested.emit)
        self.rerun_button = QPushButton(body)
        self.rerun_button.setObjectName("photoRerun")
        self.rerun_button.clicked.connect(self.rerun_requested.emit)
        self.rerun_button.hide()
        photo_row.addWidget(self.photo_button)
        photo_row.addWidget(self.rerun_button)
        photo_row.addStretch(1)
        layout.addLayout(photo_row)

        # Whom to contact comes first: it is what to do now.
        self.contacts_heading = _heading(body)
        layout.addWidget(self.contacts_heading)
        self.contacts_layout = QVBoxLayout()
        self.contacts_layout.setSpacing(8)
        layout.addLayout(self.contacts_layout)

        self.conditions_heading = _heading(body)
        self.conditions = _label(body, rich=True)
        self.conditions.setObjectName("conditions")
        self.file_label = _label(body)
        self.why_heading = _heading(body)
        self.explanation = _label(body)
        self.explanation.setObjectName("explanation")
        self.answered = _label(body)
        self.answers = _label(body, rich=True)
        self.answers.setObjectName("answers")
        self.change_heading = _heading(body)
        self.clauses_heading = _heading(body)
        for widget in (
            self.conditions_heading, self.conditions, self.file_label, self.why_heading,
            self.explanation, self.answered, self.answers, self.change_heading,
        ):  # fmt: skip
            layout.addWidget(widget)
        # What the answer rests on is read in Tab order too (the headings are read
        # as part of the text they head).
        for readable in (self.conditions, self.file_label, self.explanation, self.answers):
            readable.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            readable.setProperty("readable", True)  # a focus ring in the style sheet
        self.changes_layout = QVBoxLayout()
        self.changes_layout.setSpacing(2)
        layout.addLayout(self.changes_layout)
        layout.addWidget(self.clauses_heading)
        self.clauses_layout = QVBoxLayout()
        self.clauses_layout.setSpacing(8)
        layout.addLayout(self.clauses_layout)
        layout.addStretch(1)
        self.setWidget(body)

    def show_outcome(
        self, outcome: Outcome, steps: list[Step], alternatives: list[Alternative] | None = None
    ) -> None:
        """`alternatives`: "what would change the answer" (see protocol/alternatives.py)."""
        self.outcome, self.steps = outcome, list(steps)
        self.alternatives = list(alternatives or [])
        self._fill()
        self.verticalScrollBar().setValue(0)

    def retranslate(self) -> None:
        if self.outcome is not None:
            self._fill()

    def _fill(self) -> None:
        assert self.outcome is not None
        outcome, lang = self.outcome, current_language()
        self._fill_verdict(outcome, lang)
        self._fill_contacts(outcome, lang)
        self._fill_photo(outcome)

        answers = {s.question.id: s.choice.id for s in self.steps}
        conditions = outcome.conditions_for(answers)  # only those these answers call for
        self.conditions_heading.setVisible(bool(conditions))
        self.conditions.setVisible(bool(conditions))
        if conditions:
            self.conditions_heading.setText(conditions_heading(outcome.kind).rstrip(":"))
            self.conditions.setText(_bullets([c.get(lang) for c in conditions]))

        self.file_label.setVisible(outcome.file_type is not None)
        if outcome.file_type is not None:
            self.file_label.setText(
                _("File: {file}").format(file=file_type_label(outcome.file_type))
            )

        self.why_heading.setText(_("Why?"))
        self.explanation.setText(outcome.explanation.get(lang))
        self.answered.setVisible(bool(self.steps))
        self.answers.setVisible(bool(self.steps))
        if self.steps:
            self.answered.setText(_("You answered:"))
            self.answers.setText(
                _bullets(
                    [
                        f"{s.question.text.get(lang)} → {s.choice.label.get(lang)}"
                        for s in self.steps
                    ]
                )
            )
        self._fill_alternatives(lang)
        self._fill_clauses(outcome, lang)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab reads the page top to bottom (contact cards and links are made when
        first needed, so creation order is not reading order)."""
        chain: list[QWidget] = [
            self.verdict, self.photo_button, self.rerun_button,
            *[self._cards[c] for c in (self.outcome.contacts if self.outcome else ())],
            self.conditions, self.file_label, self.explanation, self.answers,
            *self._change_links, *self._clause_labels,
        ]  # fmt: skip
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _fill_photo(self, outcome: Outcome) -> None:
        answers = {s.question.id: s.choice.id for s in self.steps}
        check = outcome.photo_check
        offered = check is not None and check.applies(answers)
        self.photo_button.setVisible(offered)
        blocked = outcome.kind in (OutcomeKind.NOT_ALLOWED, OutcomeKind.ASK_FIRST)
        self.photo_button.setText(
            _("&Make faces unrecognisable…") if blocked else _("Check the &photo…")
        )
        self.photo_button.setToolTip(
            _("Blur faces and remove all metadata from a copy of the photo, on this computer")
        )
        self.rerun_button.setText(_("See the answer again: nobody &recognisable"))
        if not (offered and check and check.rerun):
            self.rerun_button.hide()

    def photo_saved(self) -> None:
        """A safe copy was saved: offer the outcome again with nobody recognisable."""
        check = self.outcome.photo_check if self.outcome else None
        if check is not None and check.rerun:
            self.rerun_button.show()
            self.rerun_button.setFocus()

    def _fill_alternatives(self, lang: str) -> None:
        """Each alternative a link: choosing it runs the wizard again with those answers."""
        shown = bool(self.alternatives)
        self.change_heading.setVisible(shown)
        self.change_heading.setText(_("What would change the answer?"))
        while len(self._change_links) < len(self.alternatives):
            link = LinkLabel(self.widget())
            number = len(self._change_links)
            link.activated.connect(lambda n=number: self.alternative_chosen.emit(n))
            self.changes_layout.addWidget(link)
            self._change_links.append(link)
        for index, link in enumerate(self._change_links):
            if index >= len(self.alternatives):
                link.hide()
                continue
            text = describe(self.alternatives[index], lang)
            link.set_link(f"• <a href='alternative:{index}'>{html.escape(text)}</a>", text)
            link.show()

    def _fill_verdict(self, outcome: Outcome, lang: str) -> None:
        kind = outcome.kind
        self.kind_text = kind_label(kind)
        self.verdict_text = outcome.verdict.get(lang)
        if self._styled_kind is not kind:  # a style sheet costs: set it only on change
            self._styled_kind = kind
            self.verdict.setStyleSheet(
                f"QFrame#verdict {{ border-color: {KIND_COLOURS[kind]}; }}"
                "QFrame#verdict:focus { border-width: 4px; }"  # the focus, in the verdict's colour
            )
            self.badge.setStyleSheet(badge_style(kind))
            self.kind.setStyleSheet(f"color: {KIND_COLOURS[kind]};")
        self.badge.setText(KIND_SYMBOLS[kind])
        metrics = self.badge.fontMetrics()
        side = metrics.height() * 2
        self.badge.setFixedSize(max(side, metrics.horizontalAdvance(KIND_SYMBOLS[kind]) + 16), side)
        self.badge.setAccessibleName(self.kind_text)
        self.kind.setText(self.kind_text)
        self.sentence.setText(self.verdict_text)
        self.verdict.setAccessibleName(f"{self.kind_text}: {self.verdict_text}")

    def _fill_contacts(self, outcome: Outcome, lang: str) -> None:
        self.contact_texts = {}
        for old_card in self._cards.values():
            old_card.hide()
        self.contacts_heading.setVisible(bool(outcome.contacts))
        self.contacts_heading.setText(_("Contact details"))
        for info in contact_cards(self.rules, outcome, lang, self.school):
            card = self._cards.get(info.id)
            if card is None:
                card = self._cards[info.id] = _ContactCard(info.id, self.widget())
            self.contacts_layout.removeWidget(card)
            self.contacts_layout.addWidget(card)  # in the outcome's order
            card.name.setText(info.name)
            card.phone.setVisible(bool(info.phone))
            card.phone.setText(info.phone or "")
            card.phone.setAccessibleName(_("phone {number}").format(number=info.phone))
            card.description.setText(info.description)
            people = [_("At your school: {person}").format(person=school_line(person))
                      for person in info.at_school]  # fmt: skip
            card.at_school.setVisible(bool(people))
            card.at_school.setText("\n".join(people))
            text = f"{info.name} {info.phone}" if info.phone else info.name
            card.setAccessibleName(text)
            card.setAccessibleDescription(" ".join([info.description, *people]))
            self.contact_texts[info.id] = " ".join([text, info.description, *people])
            card.show()

    def _fill_clauses(self, outcome: Outcome, lang: str) -> None:
        protocol = self.rules.protocol
        self.clauses_heading.setText(
            _("Protocol clauses ({version})").format(version=version_label(protocol.version, lang))
        )
        while len(self._clause_labels) < len(outcome.clauses):
            link = _ClauseLink(self.widget())
            link.activated.connect(lambda link=link: self.clause_clicked.emit(link.clause_id))
            self.clauses_layout.addWidget(link)
            self._clause_labels.append(link)
        for index, link in enumerate(self._clause_labels):
            if index >= len(outcome.clauses):
                link.hide()
                link.setObjectName("")  # no stale name for a clause not shown
                continue
            clause_id = outcome.clauses[index]
            name = _("Clause {id}").format(id=clause_id)
            quote = f"“{protocol.clause(clause_id).text.get(lang)}”"
            link.clause_id = clause_id
            link.set_link(
                f"<a href='clause:{clause_id}'>{html.escape(name)}</a>"
                f"<br><i>{html.escape(quote)}</i>",
                name, quote,
            )  # fmt: skip
            link.setObjectName(f"clause_{clause_id}")
            link.show()

    def focus_verdict(self) -> None:
        """Arriving at an outcome, the answer is what is read first."""
        self.verdict.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureWidgetVisible(self.verdict)

    def _on_link(self, href: str) -> None:
        if href.startswith("clause:"):
            self.clause_clicked.emit(href.removeprefix("clause:"))
        elif href.startswith("alternative:"):
            self.alternative_chosen.emit(int(href.removeprefix("alternative:")))
