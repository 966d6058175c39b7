"""Deciding, before a report is made, about names the app is not sure of.

Each row is one flagged text (`Flag`) shown in its sentence, with the part of the
case it is in and a choice:

- a name nobody registered, or an account name or e-mail address: hide it (the
  default: it prints as "Persoon 1"), leave it as typed, say which party it is,
  or add the person as a party first (the review is then made again);
- a name that fits several parties: which one it is, or hide it; nothing is
  chosen for the director here;
- a common word that is also a hidden party's name ("ben"): a word, or that party.

The Make-PDF button stays disabled until every row has a decision. The decisions
(`decisions()`: text -> (action, party id)) are saved with the case by the caller.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from klasse_desktop.cases.models import Party
from klasse_desktop.i18n import _, ngettext
from klasse_desktop.reports.redaction.redactor import (
    AMBIGUOUS,
    HANDLE,
    HIDE,
    KEEP,
    PARTY,
    UNREGISTERED,
    WORD_OR_NAME,
    Flag,
)
from klasse_desktop.ui import messages
from klasse_desktop.ui.case_labels import role_label
from klasse_desktop.ui.style import HIGHLIGHT

ADD = "add"  # not a decision: add the person as a party, then review again
Choice = tuple[str, int | None]


def _data(choice: Choice) -> str:
    """A choice as combo item data ("party:12"): plain strings compare reliably."""
    action, party_id = choice
    return action if party_id is None else f"{action}:{party_id}"


def _choice(data: object) -> Choice | None:
    if not isinstance(data, str) or not data or data == ADD:
        return None
    action, _sep, party_id = data.partition(":")
    return action, int(party_id) if party_id else None


def reason_text(reason: str) -> str:
    return {
        UNREGISTERED: _("a name that is not a registered party"),
        HANDLE: _("an account name or e-mail address"),
        AMBIGUOUS: _("fits more than one party"),
        WORD_OR_NAME: _("a word that is also the name of a party"),
    }.get(reason, reason)


def emphasised(context: str, text: str) -> str:
    """The sentence as rich text (escaped), with the flagged text in bold."""
    start = context.find(text)
    if start < 0:
        start = context.casefold().find(text.casefold())
    if start < 0 or not text:
        return f"<b>{html.escape(text)}</b> — {html.escape(context)}"
    end = start + len(text)
    return (
        f"{html.escape(context[:start])}"
        f"<b style='background-color:{HIGHLIGHT}; color:#000'>"
        f"{html.escape(context[start:end])}</b>"
        f"{html.escape(context[end:])}"
    )


class _Row:
    def __init__(
        self, flag: Flag, parties: Mapping[int, Party], chosen: Choice | None, can_add: bool
    ) -> None:
        self.flag = flag
        self.sentence = QLabel(emphasised(flag.context, flag.text))
        self.sentence.setTextFormat(Qt.TextFormat.RichText)  # escaped: see emphasised()
        self.sentence.setWordWrap(True)
        self.place = QLabel(
            _("{where} · {reason}").format(
                where=flag.where or _("Case"), reason=reason_text(flag.reason)
            )
        )
        self.place.setObjectName("helpText")
        self.place.setWordWrap(True)
        self.choice = QComboBox()
        self.choice.setAccessibleName(_("Decision for “{name}”").format(name=flag.text))
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        def party(pid: int) -> str:
            person = parties.get(pid)
            if person is None:
                return str(pid)
            return _("is {name} ({role})").format(name=person.name, role=role_label(person.role))

        items: list[tuple[str, str]] = []
        if flag.reason in (AMBIGUOUS, WORD_OR_NAME):
            items.append((_("— choose —"), ""))
            if flag.reason == WORD_OR_NAME:
                items.append((_("it is a word: leave it"), KEEP))
            items += [(party(pid), _data((PARTY, pid))) for pid in flag.candidates]
            if flag.reason == AMBIGUOUS:
                items.append((_("hide it"), HIDE))
        else:
            items += [(_("hide it"), HIDE), (_("leave it as typed"), KEEP)]
            items += [(party(pid), _data((PARTY, pid))) for pid in parties]
            if can_add and flag.reason == UNREGISTERED:
                items.append((_("add as a party…"), ADD))
        for text, data in items:
            self.choice.addItem(text, data)
        if chosen is not None and self.choice.findData(_data(chosen)) >= 0:
            self.choice.setCurrentIndex(self.choice.findData(_data(chosen)))
        self.last = self.choice.currentIndex()

    def decision(self) -> Choice | None:
        return _choice(self.choice.currentData())

    def choose(self, choice: Choice | str) -> None:
        """Pick an option as a user would (tests, screenshots)."""
        data = choice if isinstance(choice, str) else _data(choice)
        index = self.choice.findData(data)
        if index < 0:
            raise ValueError(choice)
        self.choice.setCurrentIndex(index)
        self.choice.activated.emit(index)


class NameReviewDialog(QDialog):
    ADDED = 2  # done() code: a party was added, the caller reviews again

    def __init__(
        self, flags: Iterable[Flag], parties: Iterable[Party],
        chosen: Mapping[str, Choice] | None = None, parent: QWidget | None = None, *,
        add_party: Callable[[str, QWidget], bool] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        messages.mark(self)
        self.add_party = add_party
        self.added: str | None = None
        people = {p.id: p for p in parties if p.id is not None}
        chosen = chosen or {}
        self.setWindowTitle(_("Names to check before the report"))
        intro = QLabel(
            _(
                "These names are in the text, but it is not certain who they are. Decide "
                "for each how it appears in the report. Your decisions are kept with the "
                "case, so the next report does not ask again."
            )
        )
        intro.setWordWrap(True)

        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(0, 1)
        heads = (QLabel(_("In the text")), QLabel(_("Decision")))
        for column, head in enumerate(heads):
            head.setObjectName("columnHead")
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            grid.addWidget(head, 0, column)
        self.rows: list[_Row] = []
        line = 1
        for flag in flags:
            row = _Row(flag, people, chosen.get(flag.text), add_party is not None)
            if self.rows:
                rule = QFrame()
                rule.setFrameShape(QFrame.Shape.HLine)
                rule.setFrameShadow(QFrame.Shadow.Sunken)
                grid.addWidget(rule, line, 0, 1, 2)
                line += 1
            grid.addWidget(row.sentence, line, 0)
            grid.addWidget(row.choice, line, 1, 2, 1)
            grid.addWidget(row.place, line + 1, 0)
            line += 2
            row.choice.activated.connect(lambda _i, r=row: self._chosen(r))
            row.choice.currentIndexChanged.connect(self._update)
            self.rows.append(row)
        grid.setRowStretch(line, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(grid_box)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.StyledPanel)

        self.status = QLabel()
        self.status.setObjectName("helpText")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("&Make the PDF…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        # As tall as the rows need (up to most of the screen), so a short review has
        # no empty box and a long one scrolls.
        chars, line_height = self.fontMetrics().averageCharWidth(), self.fontMetrics().height()
        self.setMinimumWidth(chars * 80)
        self.setMinimumHeight(line_height * 14)
        width = chars * 110
        inner = width - 2 * 24 - self.scroll_area.verticalScrollBar().sizeHint().width()
        rows_height = (
            grid.totalHeightForWidth(inner)
            if grid.hasHeightForWidth()
            else grid_box.sizeHint().height()
        )
        screen = self.screen().availableGeometry().height() if self.screen() else 768
        height = rows_height + intro.heightForWidth(width - 24) + line_height * 6
        self.resize(width, max(self.minimumHeight(), min(height, int(screen * 0.8))))
        self._update()
        if self.rows:
            self.rows[0].choice.setFocus()

    def open_rows(self) -> int:
        return sum(1 for row in self.rows if row.decision() is None)

    def _update(self) -> None:
        left = self.open_rows()
        self.ok.setEnabled(left == 0)
        self.status.setText(
            ngettext(
                "{n} name still needs a decision.", "{n} names still need a decision.", left
            ).format(n=left)
            if left
            else ""
        )

    def _chosen(self, row: _Row) -> None:
        if row.choice.currentData() != ADD:
            row.last = row.choice.currentIndex()
            return
        row.choice.setCurrentIndex(row.last)  # until the party is really added
        if self.add_party is not None and self.add_party(row.flag.text, self):
            self.added = row.flag.text
            self.done(self.ADDED)

    def decisions(self) -> dict[str, Choice]:
        """Text -> (action, party id) for every row with a decision."""
        found = {}
        for row in self.rows:
            decision = row.decision()
            if decision is not None:
                found[row.flag.text] = decision
        return found
