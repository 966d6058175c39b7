"""Which protocol clauses the wizards rest on, and which none does.

Every clause must either be cited by some outcome or be declared informational
(with a reason) in `resources/wizards/coverage.yaml`; when the protocol is
revised, a new clause nobody thought about shows up here as uncovered.
"""

from __future__ import annotations

from dataclasses import dataclass

from klasse_desktop.protocol.models import RuleSet


@dataclass(frozen=True, slots=True)
class Coverage:
    cited: dict[str, list[str]]  # clause -> ["wizard/outcome", ...]
    informational: dict[str, str]  # clause -> reason (in the requested language)
    uncovered: list[str]

    @property
    def complete(self) -> bool:
        return not self.uncovered


def coverage(rules: RuleSet, language: str = "nl") -> Coverage:
    cited: dict[str, list[str]] = {c.id: [] for c in rules.protocol.clauses}
    for wizard in rules.wizards.values():
        for outcome in wizard.outcomes.values():
            for clause in outcome.clauses:
                cited[clause].append(f"{wizard.id}/{outcome.id}")
    informational = {i.clause: i.reason.get(language) for i in rules.informational}
    uncovered = [c for c, users in cited.items() if not users and c not in informational]
    return Coverage({c: u for c, u in cited.items() if u}, informational, uncovered)
