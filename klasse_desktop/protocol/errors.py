"""Errors in the rule data, each pointing at a file, a line, a wizard and a node."""

from __future__ import annotations

from dataclasses import dataclass

from klasse_desktop.i18n import _


@dataclass(frozen=True, slots=True)
class RuleError:
    file: str
    line: int
    message: str
    wizard: str | None = None
    node: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where]
        if self.wizard:
            parts.append(_("wizard {wizard}").format(wizard=self.wizard))
        if self.node:
            parts.append(_("node {node}").format(node=self.node))
        return f"{': '.join(parts)}: {self.message}"


class InvalidRulesError(Exception):
    """The data under resources/ does not pass validation; `errors` says why."""

    def __init__(self, errors: list[RuleError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
