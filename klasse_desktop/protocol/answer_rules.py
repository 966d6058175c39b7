"""Checks for the parts of a wizard that depend on earlier answers: the identity
question ("Wie ben je?"), choices offered only to some roles (`only_for`), and
conditions that apply only after some answers (`when`).

A choice hidden from a role must never leave that role at a question with nothing
to choose, so every question is checked from the side of every identity.
"""

from __future__ import annotations

from klasse_desktop.i18n import _
from klasse_desktop.protocol.graph import Problem
from klasse_desktop.protocol.models import Question, Wizard


def problems(wizard: Wizard) -> list[Problem]:
    found: list[Problem] = []
    identities = [q for q in wizard.questions.values() if q.identity]
    if len(identities) > 1:
        found.append(Problem(identities[1].id, _("a wizard has at most one identity question")))
    identity = identities[0] if identities else None
    roles = {c.id for c in identity.choices} if identity else set()
    found += _role_mapping(identity)
    for question in wizard.questions.values():
        for choice in question.choices:
            for role in choice.only_for:
                if role not in roles:
                    found.append(Problem(question.id, _(
                        "choice '{choice}' is only for '{role}', which is not an answer to "
                        "the identity question"
                    ).format(choice=choice.id, role=role)))  # fmt: skip
    for outcome in wizard.outcomes.values():
        for condition in outcome.conditions:
            for question_id, choice_ids in condition.when.items():
                found += _when_problems(wizard, outcome.id, question_id, choice_ids)
        check = outcome.photo_check
        for question_id, choice_id in (check.rerun if check else {}).items():
            found += _when_problems(wizard, outcome.id, question_id, (choice_id,))
        for question_id, choice_ids in (check.when if check else {}).items():
            found += _when_problems(wizard, outcome.id, question_id, choice_ids)
    if identity is not None and not found:
        found += _nothing_to_choose(wizard, identity)
    return found


def _role_mapping(identity: Question | None) -> list[Problem]:
    if identity is None:
        return []
    found: list[Problem] = []
    owner: dict[str, str] = {}
    for choice in identity.choices:
        for role in choice.settings_roles:
            if role in owner:
                found.append(Problem(identity.id, _(
                    "role '{role}' pre-answers both '{first}' and '{second}'"
                ).format(role=role, first=owner[role], second=choice.id)))  # fmt: skip
            owner[role] = choice.id
    return found


def _when_problems(wizard: Wizard, outcome_id: str, question_id: str,
                   choice_ids: tuple[str, ...]) -> list[Problem]:  # fmt: skip
    question = wizard.questions.get(question_id)
    if question is None:
        return [Problem(outcome_id, _(
            "a condition depends on question '{question}', which this wizard does not ask"
        ).format(question=question_id))]  # fmt: skip
    known = {c.id for c in question.choices}
    return [
        Problem(outcome_id, _(
            "a condition depends on answer '{choice}', which question '{question}' does not offer"
        ).format(choice=choice_id, question=question_id))
        for choice_id in choice_ids if choice_id not in known
    ]  # fmt: skip


def _nothing_to_choose(wizard: Wizard, identity: Question) -> list[Problem]:
    """Every question a role can reach offers that role at least one choice."""
    found: list[Problem] = []
    for role in identity.choices:
        seen, stack = set(), [role.next]
        while stack:
            node = stack.pop()
            question = wizard.questions.get(node)
            if question is None or node in seen:
                continue
            seen.add(node)
            offered = [c for c in question.choices if c.offered_to(role.id)]
            if not offered:
                found.append(Problem(node, _(
                    "offers nothing to choose for '{role}'"
                ).format(role=role.id)))  # fmt: skip
            stack += [c.next for c in offered]
    return found
