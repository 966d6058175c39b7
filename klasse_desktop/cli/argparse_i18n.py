"""Let argparse speak the user's language.

argparse looks up its own messages through the module-level names `_` and
`ngettext` at call time; pointing them at our catalog translates "usage:",
"invalid choice" and friends without forking argparse. The strings are listed
with N_ so Babel extracts them into our catalog. One is not looked up at call
time: `--version`'s help is a default argument of argparse's action, so the
parser passes it translated itself (`cli.build_parser`).
"""

from __future__ import annotations

import argparse

from klasse_desktop import i18n
from klasse_desktop.i18n import N_, ngettext

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
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _plural_messages() -> None:
    """Never called: marks argparse's plural messages for extraction."""
    ngettext("expected %s argument", "expected %s arguments", 2)


def install() -> None:
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
