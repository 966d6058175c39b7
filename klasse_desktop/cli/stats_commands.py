"""`klasse-desktop stats ...`: figures without names for the protocol's evaluation.

`stats export` writes a school's counts (its case register, and the wizard use
counted on this computer with consent) as the JSON the foundation collects;
`stats report` merges such files into the foundation's PDF. Both go through the
same functions as the window (`klasse_desktop.evaluation`). Bad input (a month
written wrongly, a file that is not an export) is one translated line, exit 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from klasse_desktop.cli.case_commands import _boundary, _folder, _register
from klasse_desktop.cli.errors import CliError
from klasse_desktop.i18n import _, ngettext


def _json_target(value: str) -> Path:
    target = Path(value).expanduser()
    if target.suffix.lower() != ".json":
        raise CliError(_("The output file must end in .json: {path}").format(path=value))
    if not target.parent.is_dir():
        raise CliError(_("Folder not found: {path}").format(path=target.parent))
    return target


def _has_register(args: argparse.Namespace) -> bool:
    from klasse_desktop.cases.database import DB_FILE, NEW, register_state

    folder = _folder(args)
    return (folder / DB_FILE).exists() or register_state(folder) != NEW


@_boundary
def cmd_stats_export(args: argparse.Namespace) -> int:
    from klasse_desktop.evaluation.errors import EvaluationError
    from klasse_desktop.evaluation.export import make_export, school_name, write_export
    from klasse_desktop.evaluation.periods import Period
    from klasse_desktop.evaluation.wizard_use import counts_path, load_counts
    from klasse_desktop.protocol.shipped import default_rules
    from klasse_desktop.settings import load_settings

    try:
        period = Period.parse(args.start, args.end)
        target = _json_target(args.out)
        school = school_name(args.school if args.school is not None else load_settings().school)
        base = Path(args.data_dir).expanduser() if getattr(args, "data_dir", None) else None
        figures = None
        if not args.without_cases and _has_register(args):
            from klasse_desktop.evaluation.register_figures import register_figures

            with _register(args) as register:
                figures = register_figures(register, period)
        counts_file = counts_path(base)
        counts = None
        if not args.without_wizard_use and counts_file.is_file():
            counts = load_counts(counts_file)
        export = make_export(school, period, default_rules(), figures, counts)
    except EvaluationError as exc:
        raise CliError(str(exc)) from None
    write_export(export, target)
    parts = [_("case figures")] if figures is not None else []
    parts += [_("wizard use")] if counts is not None else []
    print(
        _(
            "Export written to {path}: {parts} of {school}, {period}; counts below 5 as “<5”."
        ).format(path=target, parts=", ".join(parts), school=school, period=period)
    )
    return 0


@_boundary
def cmd_stats_report(args: argparse.Namespace) -> int:
    from klasse_desktop.atomic_write import write_atomically
    from klasse_desktop.cli.report_commands import _target
    from klasse_desktop.evaluation.errors import EvaluationError
    from klasse_desktop.evaluation.export import read_export
    from klasse_desktop.evaluation.merge import merge
    from klasse_desktop.evaluation.report import build_report
    from klasse_desktop.protocol.shipped import default_rules
    from klasse_desktop.reports.pdfa import PdfaError
    from klasse_desktop.settings import load_settings

    target = _target(args.out)
    try:
        exports = [read_export(Path(name).expanduser()) for name in args.files]
        merged = merge(exports, args.files)
        foundation = args.foundation or load_settings().foundation
        pdf = build_report(merged, foundation=foundation, language=args.lang, rules=default_rules())
    except (EvaluationError, PdfaError) as exc:
        raise CliError(str(exc)) from None
    write_atomically(pdf, target)
    n = len(merged.schools)
    print(
        ngettext(
            "Evaluation report written to {path} ({n} school).",
            "Evaluation report written to {path} ({n} schools).",
            n,
        ).format(path=target, n=n)
    )
    return 0


def add_stats_commands(add: Any) -> None:
    """`stats` and its sub-commands; `add` makes a top-level command (see cli/__init__)."""
    from klasse_desktop import i18n

    def show_help(_args: argparse.Namespace) -> int:
        stats.print_help()
        return 0

    stats: argparse.ArgumentParser = add(
        "stats",
        show_help,
        _("figures without names for the evaluation of the protocol: export and report"),
    )
    common = type(stats)(add_help=False)
    common.add_argument(
        "--lang", choices=i18n.SUPPORTED_LANGUAGES, default=argparse.SUPPRESS,
        help=_("language of the output (default: nl)"),
    )  # fmt: skip
    sub = stats.add_subparsers(dest="stats_command", metavar=_("COMMAND"), parser_class=type(stats))

    def command(name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
        made: argparse.ArgumentParser = sub.add_parser(
            name, parents=[common], help=help_text, description=help_text
        )
        made.set_defaults(handler=handler)
        return made

    export = command(
        "export", cmd_stats_export,
        _("write this school's counts (case register and/or counted wizard use) as JSON "
          "without names: counts below 5 as “<5”"),
    )  # fmt: skip
    export.add_argument("--from", dest="start", required=True, metavar="YYYY-MM",
                        help=_("first month of the period"))  # fmt: skip
    export.add_argument("--to", dest="end", required=True, metavar="YYYY-MM",
                        help=_("last month of the period (included)"))  # fmt: skip
    export.add_argument("--out", required=True, metavar=_("FILE.json"), help=_("where to write it"))
    export.add_argument(
        "--school", metavar=_("NAME"),
        help=_("the name the school appears under in the foundation's report "
               "(default: the school in the settings)"),
    )  # fmt: skip
    export.add_argument("--without-cases", action="store_true",
                        help=_("leave the case register out (no passphrase asked)"))  # fmt: skip
    export.add_argument("--without-wizard-use", action="store_true",
                        help=_("leave this computer's counted wizard use out"))  # fmt: skip

    report = command(
        "report", cmd_stats_report,
        _("merge the exports of several schools into the foundation's PDF "
          "“Evaluatie protocol sociale media”"),
    )  # fmt: skip
    report.add_argument(
        "files", nargs="+", metavar=_("FILE.json"), help=_("exports of the schools")
    )
    report.add_argument(
        "--out", required=True, metavar=_("FILE.pdf"), help=_("where to write the PDF")
    )
    report.add_argument(
        "--foundation", metavar=_("NAME"),
        help=_("the foundation's name on the report (default: from the settings)"),
    )  # fmt: skip
