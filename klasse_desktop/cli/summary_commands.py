"""`cases summary`: set the summary a dossier report opens with.

A case made on the command line had no way to get a summary, so every report of it
said "Er is geen samenvatting vastgelegd". The summary is the director's own text
and can be changed (it is not an entry); each change is audited.
"""

from __future__ import annotations

import argparse
import sys

from klasse_desktop.cli.case_commands import _boundary, _emit_json, _json, _number, _register
from klasse_desktop.cli.errors import CliError
from klasse_desktop.i18n import _


@_boundary
def cmd_summary(args: argparse.Namespace) -> int:
    from klasse_desktop.cli import case_render

    number = _number(args.case)
    text = sys.stdin.read() if args.text == "-" else args.text
    if args.text is None:
        raise CliError(
            _("Give the summary with --text TEXT (or --text - to read it from standard input).")
        )
    with _register(args) as register:
        case = register.update_case(number, summary=text)
    if _json(args):
        _emit_json(case_render.case_dict(case))
    elif case.summary:
        print(_("Summary of {number} saved.").format(number=number))
    else:
        print(_("The summary of {number} was cleared.").format(number=number))
    return 0


def add_summary_command(add, case_arg) -> None:  # type: ignore[no-untyped-def]
    summary = add("summary", cmd_summary, _("set the summary of a case (printed in its reports)"))
    case_arg(summary)
    summary.add_argument(
        "--text", metavar=_("TEXT"),
        help=_("the summary; - reads it from standard input; an empty text clears it"),
    )  # fmt: skip
