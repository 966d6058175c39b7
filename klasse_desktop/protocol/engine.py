"""Running a wizard: answer, go back, jump back, and the outcome with its path.

The state is just the answers given (question -> choice) and which question is
on screen. The path is always recomputed by walking from the start, so a changed
answer automatically drops later answers that no longer lie on the path while
keeping those that still do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from klasse_desktop.i18n import _
from klasse_desktop.protocol.alternatives import Alternative, alternatives
from klasse_desktop.protocol.graph import questions_to_go
from klasse_desktop.protocol.models import (
    Choice,
    LocalizedText,
    Node,
    Outcome,
    Question,
    RuleSet,
    Wizard,
)

STATE_FORMAT = 1


class WizardError(ValueError):
    """An answer or a jump the wizard cannot accept; the message is user-facing."""


@dataclass(frozen=True, slots=True)
class Step:
    question: Question
    choice: Choice


@dataclass(frozen=True, slots=True)
class RunRecord:
    """A finished run, as saved into a case: enough to show it again years later."""

    wizard_id: str
    protocol_version: str
    answers: tuple[tuple[str, str], ...]
    outcome_id: str
    outcome_kind: str
    clauses: tuple[str, ...]
    finished_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "wizard": self.wizard_id,
            "protocol_version": self.protocol_version,
            "answers": [{"question": q, "choice": c} for q, c in self.answers],
            "outcome": self.outcome_id,
            "kind": self.outcome_kind,
            "clauses": list(self.clauses),
            "finished_at": self.finished_at.isoformat(),
        }


class WizardRun:
    def __init__(self, wizard: Wizard, protocol_version: str) -> None:
        self.wizard = wizard
        self.protocol_version = protocol_version
        self._answers: dict[str, str] = {}
        self._cursor: str | None = None  # question on screen; None = end of the path
        self._to_go = questions_to_go(wizard)

    @classmethod
    def start(cls, rules: RuleSet, wizard_id: str, role: str | None = None) -> WizardRun:
        """A new run. With `role` (the app role from the settings) the identity
        question ("Wie ben je?") is answered already; it stays in the answers, where
        it can be changed like any other."""
        try:
            wizard = rules.wizard(wizard_id)
        except KeyError:
            raise WizardError(
                _("Unknown wizard '{wizard}'. Choose from: {options}").format(
                    wizard=wizard_id, options=", ".join(rules.wizards)
                )
            ) from None
        run = cls(wizard, rules.protocol.version)
        identity, choice = wizard.identity_question, role and wizard.choice_for_role(role)
        if identity is not None and choice and identity.id == wizard.start:
            run.answer(choice.id)
        return run

    @property
    def identity(self) -> str | None:
        """The answer to the identity question, if it was given."""
        question = self.wizard.identity_question
        return None if question is None else self._answers.get(question.id)

    def offered(self, question: Question) -> tuple[Choice, ...]:
        """The choices of `question` for who the user said they are."""
        identity = None if question.identity else self.identity
        return tuple(c for c in question.choices if c.offered_to(identity))

    def alternatives(self) -> list[Alternative]:
        """ "Wat zou het antwoord veranderen?" for this outcome (see `alternatives`)."""
        outcome = self.outcome
        return [] if outcome is None else alternatives(self.wizard, self.answers, outcome)

    def replay(self, answers: tuple[tuple[str, str], ...]) -> Node:
        """Start over with these answers (e.g. an alternative's), in the order asked."""
        self.restart()
        for question_id, choice_id in answers:
            self.answer(choice_id, question_id)
        return self.current

    def rerun_with(self, changes: Mapping[str, str]) -> Node:
        """The same run with some answers changed (e.g. "niemand herkenbaar" after a
        safe copy of a photo): every other answer still asked is kept; a question
        the changed path asks anew is shown unanswered."""
        wanted = {**self.answers, **changes}
        self.restart()
        while isinstance(self.current, Question) and self.current.id in wanted:
            offered = {c.id for c in self.offered(self.current)}
            if wanted[self.current.id] not in offered:
                break
            self.answer(wanted[self.current.id])
        return self.current

    @property
    def conditions(self) -> tuple[LocalizedText, ...]:
        """The outcome's conditions that apply to these answers."""
        outcome = self.outcome
        return () if outcome is None else outcome.conditions_for(self.answers)

    # -- reading ----------------------------------------------------------------

    def path(self) -> tuple[list[Step], Node]:
        """The answered steps from the start, and the node they lead to."""
        steps: list[Step] = []
        node: Node = self.wizard.node(self.wizard.start)
        identity = self.identity
        while isinstance(node, Question) and node.id in self._answers:
            choice = node.choice(self._answers[node.id])
            if not node.identity and not choice.offered_to(identity):
                break  # the user changed who they are: this answer is not offered now
            steps.append(Step(node, choice))
            node = self.wizard.node(choice.next)
        return steps, node

    @property
    def steps(self) -> list[Step]:
        return self.path()[0]

    @property
    def current(self) -> Node:
        """What is on screen: a question (maybe already answered) or the outcome."""
        if self._cursor is not None:
            return self.wizard.question(self._cursor)
        return self.path()[1]

    @property
    def outcome(self) -> Outcome | None:
        node = self.current
        return node if isinstance(node, Outcome) else None

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    def answer_for(self, question_id: str) -> str | None:
        return self._answers.get(question_id)

    @property
    def answers(self) -> dict[str, str]:
        return {step.question.id: step.choice.id for step in self.steps}

    def progress(self) -> tuple[int, int]:
        """(number of the question on screen, most questions this path can have).

        On the outcome both numbers are the answered count, so a bar shows full.
        """
        steps, end = self.path()
        position = self._position()
        if self._cursor is None and isinstance(end, Outcome):
            return len(steps), len(steps)
        node_id = self._cursor if self._cursor is not None else end.id
        return position + 1, position + self._to_go[node_id]

    @property
    def can_go_back(self) -> bool:
        return self._position() > 0

    @property
    def can_go_forward(self) -> bool:
        return self._cursor is not None and self._cursor in self._answers

    def _position(self) -> int:
        steps, _end = self.path()
        if self._cursor is None:
            return len(steps)
        ids = [s.question.id for s in steps]
        return ids.index(self._cursor) if self._cursor in ids else len(steps)

    # -- changing ---------------------------------------------------------------

    def answer(self, choice_id: str, question_id: str | None = None) -> Node:
        """Answer the question on screen (or `question_id`, which must be on the path)."""
        node = self.current if question_id is None else self._question_on_path(question_id)
        if not isinstance(node, Question):
            raise WizardError(_("This wizard is finished; go back to change an answer."))
        try:
            chosen = node.choice(choice_id)
            if chosen not in self.offered(node):
                raise KeyError(choice_id)
        except KeyError:
            raise WizardError(
                _("'{choice}' is not an answer to '{question}'. Choose from: {options}").format(
                    choice=choice_id,
                    question=node.id,
                    options=", ".join(c.id for c in self.offered(node)),
                )
            ) from None
        self._answers[node.id] = choice_id
        self._prune()
        # Step to the next node; if that question is still answered from before
        # (the user went back and kept their answer), show it rather than skipping.
        following = self.wizard.node(node.choice(choice_id).next)
        keep = isinstance(following, Question) and following.id in self._answers
        self._cursor = following.id if keep else None
        return self.current

    def back(self) -> Node:
        """Show the previous question; its answer and later ones are kept."""
        steps, _end = self.path()
        position = self._position()
        if position == 0:
            raise WizardError(_("This is the first question."))
        self._cursor = steps[position - 1].question.id
        return self.current

    def forward(self) -> Node:
        """Move on past an already answered question (after going back)."""
        if not self.can_go_forward:
            raise WizardError(_("Answer this question first."))
        steps, _end = self.path()
        position = self._position()
        self._cursor = steps[position + 1].question.id if position + 1 < len(steps) else None
        return self.current

    def jump_to(self, question_id: str) -> Node:
        """Go back to any question on the path; answers are kept."""
        self._cursor = self._question_on_path(question_id).id
        return self.current

    def restart(self) -> None:
        self._answers.clear()
        self._cursor = None

    def _question_on_path(self, question_id: str) -> Question:
        steps, end = self.path()
        on_path = [s.question.id for s in steps] + ([end.id] if isinstance(end, Question) else [])
        if question_id not in on_path:
            if question_id in self.wizard.questions:
                raise WizardError(
                    _(
                        "Question '{question}' is not asked on this path. "
                        "Questions so far: {options}"
                    ).format(question=question_id, options=", ".join(on_path))
                )
            raise WizardError(
                _("Unknown question '{question}'. This wizard asks: {options}").format(
                    question=question_id, options=", ".join(self.wizard.questions)
                )
            )
        return self.wizard.question(question_id)

    def _prune(self) -> None:
        on_path = {s.question.id for s in self.steps}
        self._answers = {q: c for q, c in self._answers.items() if q in on_path}

    # -- persistence ------------------------------------------------------------

    def record(self, now: datetime | None = None) -> RunRecord:
        outcome = self.outcome
        if outcome is None:
            raise WizardError(_("This wizard has no outcome yet."))
        return RunRecord(
            wizard_id=self.wizard.id,
            protocol_version=self.protocol_version,
            answers=tuple((s.question.id, s.choice.id) for s in self.steps),
            outcome_id=outcome.id,
            outcome_kind=outcome.kind.value,
            clauses=outcome.clauses,
            finished_at=now or datetime.now(UTC),
        )

    def to_state(self) -> dict[str, Any]:
        return {
            "format": STATE_FORMAT,
            "wizard": self.wizard.id,
            "protocol_version": self.protocol_version,
            "answers": [[s.question.id, s.choice.id] for s in self.steps],
            "cursor": self._cursor,
        }

    @classmethod
    def from_state(cls, rules: RuleSet, state: Mapping[str, Any]) -> WizardRun:
        """Resume a saved run; answers that no longer fit the current wizard are dropped."""
        if not isinstance(state, Mapping) or state.get("format") != STATE_FORMAT:
            raise WizardError(_("This saved wizard state cannot be read."))
        run = cls.start(rules, str(state.get("wizard")))
        for item in state.get("answers") or []:
            if not (isinstance(item, list | tuple) and len(item) == 2):
                raise WizardError(_("This saved wizard state cannot be read."))
            current = run.current
            if not isinstance(current, Question) or current.id != item[0]:
                break
            try:
                run.answer(str(item[1]))
            except WizardError:
                break
        cursor = state.get("cursor")
        if isinstance(cursor, str) and cursor in {s.question.id for s in run.steps}:
            run._cursor = cursor
        return run
