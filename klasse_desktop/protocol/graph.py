"""Graph facts about one wizard: dangling links, cycles, unreachable nodes, paths.

A wizard is a directed acyclic graph from `start` to outcomes. With every link
resolved, at least one choice per question and no cycle, every walk ends in an
outcome, which is what "every path ends in an outcome" needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from klasse_desktop.i18n import _
from klasse_desktop.protocol.models import Choice, Outcome, Question, Wizard


@dataclass(frozen=True, slots=True)
class Problem:
    node: str | None
    message: str


@dataclass(frozen=True, slots=True)
class Path:
    """One complete walk: the (question, choice) steps and the outcome they reach."""

    steps: tuple[tuple[Question, Choice], ...]
    outcome: Outcome

    def answers(self) -> dict[str, str]:
        return {q.id: c.id for q, c in self.steps}


def problems(wizard: Wizard) -> list[Problem]:
    found: list[Problem] = []
    nodes = set(wizard.questions) | set(wizard.outcomes)
    for question in wizard.questions.values():
        for choice in question.choices:
            if choice.next not in nodes:
                found.append(
                    Problem(
                        question.id,
                        _("choice '{choice}' leads to '{target}', which does not exist").format(
                            choice=choice.id, target=choice.next
                        ),
                    )
                )
            elif choice.next == wizard.start:
                found.append(
                    Problem(
                        question.id,
                        _("choice '{choice}' leads back to the start").format(choice=choice.id),
                    )
                )
    if found:
        return found
    cycle = _find_cycle(wizard)
    if cycle:
        found.append(Problem(cycle[0], _("cycle: {path}").format(path=" → ".join(cycle))))
        return found
    reached = reachable(wizard)
    found.extend(
        Problem(node, _("'{node}' cannot be reached from the start").format(node=node))
        for node in sorted(nodes - reached)
    )
    if wizard.start in wizard.outcomes:
        found.append(Problem(wizard.start, _("the start must be a question, not an outcome")))
    return found


def reachable(wizard: Wizard) -> set[str]:
    seen = {wizard.start}
    stack = [wizard.start]
    while stack:
        node = stack.pop()
        question = wizard.questions.get(node)
        for choice in question.choices if question else ():
            if choice.next not in seen:
                seen.add(choice.next)
                stack.append(choice.next)
    return seen


def _find_cycle(wizard: Wizard) -> list[str] | None:
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(list(wizard.questions) + list(wizard.outcomes), white)

    def visit(node: str, trail: list[str]) -> list[str] | None:
        colour[node] = grey
        question = wizard.questions.get(node)
        for choice in question.choices if question else ():
            target = choice.next
            if colour.get(target) == grey:
                return (
                    [*trail[trail.index(target) :], target] if target in trail else [node, target]
                )
            if colour.get(target) == white:
                found = visit(target, [*trail, target])
                if found:
                    return found
        colour[node] = black
        return None

    for node in colour:
        if colour[node] == white:
            found = visit(node, [node])
            if found:
                return found
    return None


def all_paths(wizard: Wizard) -> Iterator[Path]:
    """Every complete path from the start, depth first, in choice order; a choice
    offered only to some roles is only walked after the identity answer it fits."""

    def walk(node_id: str, steps: tuple[tuple[Question, Choice], ...],
             identity: str | None) -> Iterator[Path]:  # fmt: skip
        node = wizard.node(node_id)
        if isinstance(node, Outcome):
            yield Path(steps, node)
            return
        for choice in node.choices:
            if node.identity:
                yield from walk(choice.next, (*steps, (node, choice)), choice.id)
            elif choice.offered_to(identity):
                yield from walk(choice.next, (*steps, (node, choice)), identity)

    yield from walk(wizard.start, (), None)


def questions_to_go(wizard: Wizard) -> dict[str, int]:
    """For every node, the most questions still to answer from there (outcomes: 0).

    Used for an honest progress indication: "question 3 of at most 5".
    """
    depth: dict[str, int] = dict.fromkeys(wizard.outcomes, 0)

    def visit(node_id: str) -> int:
        if node_id not in depth:
            question = wizard.questions[node_id]
            depth[node_id] = 1 + max(visit(c.next) for c in question.choices)
        return depth[node_id]

    for question_id in wizard.questions:
        visit(question_id)
    return depth
