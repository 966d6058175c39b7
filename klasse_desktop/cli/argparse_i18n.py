"""Let argparse speak the user's language.

argparse looks up its own messages through the module-level names `_` and
`ngettext` at call time; pointing them at our catalog translates "usage:",
"invalid choice" and friends without forking argparse. The strings are listed
with N_ so Babel extracts them into our catalog.
"""

from __future__ import annotations

import argparse

from klasse_desktop import i18n
from klasse_desktop.i18n import N_

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("expected one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("show program's version number and exit"),
)


def install() -> None:
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
