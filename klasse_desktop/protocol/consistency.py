"""Checks across wizards that keep the questions predictable: yes, no and doubt in
the same order everywhere, and the same words for who you are in every wizard.

A hurried user learns the position of "Ja" after one wizard; the next one must not
move it. These are errors for `check-rules`, like a dangling link.
"""

from __future__ import annotations

from collections.abc import Mapping

from klasse_desktop.i18n import _
from klasse_desktop.protocol.errors import RuleError
from klasse_desktop.protocol.models import Question, Wizard

YES, NO = "ja", "nee"
DOUBT = ("twijfel", "weet_niet")


def problems(wizards: Mapping[str, Wizard]) -> list[RuleError]:
    found: list[RuleError] = []
    for wizard in wizards.values():
        for question in wizard.questions.values():
            message = _order_problem(question)
            if message:
                found.append(RuleError(wizard.source, 0, message, wizard.id, question.id))
    found += _identity_labels(wizards)
    return found


def _order_problem(question: Question) -> str | None:
    ids = [c.id for c in question.choices]
    if YES in ids and NO in ids and ids.index(YES) > ids.index(NO):
        return _("'ja' comes before 'nee' in every wizard")
    doubts = [i for i, choice_id in enumerate(ids) if choice_id in DOUBT]
    if doubts and doubts[-1] != len(ids) - 1:
        return _("the doubt choice ('{choice}') comes last in every wizard").format(
            choice=ids[doubts[-1]]
        )
    return None


def _identity_labels(wizards: Mapping[str, Wizard]) -> list[RuleError]:
    """The same identity choice is worded the same in every wizard."""
    first: dict[str, tuple[Wizard, str]] = {}
    found: list[RuleError] = []
    for wizard in wizards.values():
        identity = wizard.identity_question
        for choice in identity.choices if identity else ():
            label = " / ".join(choice.label.all())
            if choice.id not in first:
                first[choice.id] = (wizard, label)
            elif first[choice.id][1] != label:
                other, wording = first[choice.id]
                found.append(RuleError(wizard.source, 0, _(
                    "who-are-you choice '{choice}' is worded differently in wizard '{other}' "
                    "({wording})"
                ).format(choice=choice.id, other=other.id, wording=wording),
                    wizard.id, identity.id if identity else None))  # fmt: skip
    return found
