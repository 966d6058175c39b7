"""Headless commands: `klasse-desktop COMMAND ...`, for scripts, tests and admins.

Every command goes through the same domain functions as the UI. Bad input is
one clear line on stderr in the user's language and exit status 2, never a
traceback. The log file gets warnings and errors only (no line per command), so
scripts that call the CLI in a loop are not slowed and do not fill it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from klasse_desktop import __version__, i18n, logs
from klasse_desktop.cli import (
    argparse_i18n,
    case_parser,
    photo_commands,
    report_commands,
    rules_commands,
    stats_commands,
)
from klasse_desktop.cli.errors import CliError
from klasse_desktop.i18n import _, ngettext
from klasse_desktop.protocol.errors import InvalidRulesError

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, _("{prog}: error: {message}").format(prog=self.prog, message=message) + "\n")


def _language_from_env() -> str:
    value = os.environ.get("KLASSE_LANG", "")[:2].lower()
    return value if value in i18n.SUPPORTED_LANGUAGES else i18n.DEFAULT_LANGUAGE


def _cmd_screenshots(args: argparse.Namespace) -> int:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from klasse_desktop.ui.screenshots import take_screenshots

    written = take_screenshots(Path(args.outdir))
    print(
        ngettext(
            "{n} screenshot written to {dir}", "{n} screenshots written to {dir}", len(written)
        ).format(n=len(written), dir=args.outdir)
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    # --lang is accepted before and after the command; SUPPRESS keeps the
    # sub-command from overwriting a value given before it.
    common.add_argument(
        "--lang",
        choices=i18n.SUPPORTED_LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("language of the output (default: nl)"),
    )
    common.add_argument(
        "--format", choices=("text", "json"), default="text", help=_("output format")
    )

    parser = _Parser(
        prog="klasse-desktop",
        description=_("Klasse Desktop: the social-media protocol of Stichting Klasse as answers."),
    )
    parser.add_argument(
        "--version", action="version", version=f"klasse-desktop {__version__}",
        help=_("show program's version number and exit"),  # argparse's own text, in our catalog
    )  # fmt: skip
    parser.add_argument(
        "--lang",
        choices=i18n.SUPPORTED_LANGUAGES,
        default=_language_from_env(),
        help=_("language of the output (default: nl)"),
    )
    parser.add_argument(
        "--data-dir",
        metavar=_("DIR"),
        help=_(
            "folder for the app's data; the case register is its sub-folder 'register' "
            "(default: KLASSE_DATA_DIR, else the user's data folder)"
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        command.set_defaults(handler=handler)
        return command

    add(
        "wizards",
        rules_commands.cmd_wizards,
        _("list the wizards with their questions and choices"),
    )

    decide = add(
        "decide",
        rules_commands.cmd_decide,
        _("answer a wizard's questions and show the outcome or the next question"),
    )
    decide.add_argument("wizard", metavar=_("WIZARD"), help=_("wizard ID, e.g. plaatsen"))
    decide.add_argument(
        "--answer",
        "-a",
        action="append",
        metavar=_("QUESTION=CHOICE"),
        help=_("an answer; repeat for every question"),
    )

    paths = add("paths", rules_commands.cmd_paths, _("list every complete path of a wizard"))
    paths.add_argument("wizard", metavar=_("WIZARD"), help=_("wizard ID, e.g. plaatsen"))

    protocol = add("protocol", rules_commands.cmd_protocol, _("show the protocol or one clause"))
    protocol.add_argument("clause", nargs="?", metavar=_("CLAUSE"), help=_("clause ID, e.g. A9"))
    protocol.add_argument("--search", metavar=_("TEXT"), help=_("search the clauses"))

    shots = add(
        "screenshots",
        _cmd_screenshots,
        _("save every main screen as PNG, in Dutch and English (for reviewing the UI)"),
    )
    shots.add_argument("outdir", metavar=_("DIR"), help=_("folder for the PNG files"))

    check = add(
        "check-rules",
        rules_commands.cmd_check_rules,
        _("validate the protocol and wizard files and report clause coverage"),
    )
    check.add_argument(
        "--resources",
        metavar=_("DIR"),
        help=_("check this resources folder instead of the installed one (for protocol editors)"),
    )

    cases = add(
        "cases",
        lambda _args: _print_help(cases),
        _("the encrypted case register: cases, parties, timeline, retention, audit"),
    )
    cases.epilog = _(
        "The passphrase is read from KLASSE_PASSPHRASE, else from standard input "
        "(one line). The register lives in DATA_DIR/register."
    )
    case_parser.add_case_commands(cases)
    photo = add(
        "photo",
        lambda _args: _print_help(photo),
        _("check a photo for faces and metadata, and make a copy that is safe to share"),
    )
    photo_commands.add_photo_commands(photo)
    report_commands.add_report_commands(add)
    stats_commands.add_stats_commands(add)
    return parser


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logs.setup(logging.WARNING)
    i18n.set_language(_language_from_env())
    argparse_i18n.install()
    # Parse once to learn --lang, so that help and errors come in that language.
    for index, arg in enumerate(argv):
        if (
            arg == "--lang"
            and index + 1 < len(argv)
            and argv[index + 1] in i18n.SUPPORTED_LANGUAGES
        ):
            i18n.set_language(argv[index + 1])
        elif arg.startswith("--lang=") and arg[7:] in i18n.SUPPORTED_LANGUAGES:
            i18n.set_language(arg[7:])
    for position, arg in enumerate(argv, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            # Bytes that are not UTF-8 (a terminal in another encoding): refused here,
            # before any of them can reach the register or a file name.
            print(
                _(
                    "klasse-desktop: argument {position} is not valid text (UTF-8); "
                    "check the terminal's encoding."
                ).format(position=position),
                file=sys.stderr,
            )
            return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    i18n.set_language(args.lang)
    try:
        return int(args.handler(args))
    except CliError as exc:
        print(_("klasse-desktop: {message}").format(message=exc), file=sys.stderr)
        return exc.exit_code
    except InvalidRulesError as exc:
        logging.getLogger(__name__).error("rule files invalid: %d errors", len(exc.errors))
        print(_("klasse-desktop: the rule files contain errors:"), file=sys.stderr)
        for error in exc.errors:
            print(f"  {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:
        logs.log_unexpected(type(exc), exc.__traceback__)
        raise
