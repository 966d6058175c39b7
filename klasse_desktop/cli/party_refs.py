"""Naming a party on the command line: by its number (as `cases show` prints it) or
by its full name, typed with any spacing and with or without accents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from klasse_desktop.cli.errors import CliError
from klasse_desktop.i18n import _

if TYPE_CHECKING:
    from klasse_desktop.cases.models import Party


def find_party(parties: list[Party], wanted: str, what: str) -> Party:
    """The one party `wanted` names; a CliError listing the choices otherwise."""
    from klasse_desktop.protocol.search import fold

    wanted = " ".join(wanted.split())
    matches = [
        p for p in parties if str(p.id) == wanted or fold(" ".join(p.name.split())) == fold(wanted)
    ]
    if len(matches) == 1:
        return matches[0]
    options = ", ".join(f"{p.id} ({p.name})" for p in parties) or "—"
    raise CliError(
        _("Choose {what} by party number or full name: {options}").format(
            what=what, options=options
        )
    )
