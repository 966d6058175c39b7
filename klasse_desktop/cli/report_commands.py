"""`report` and `advice`: the PDF documents from the command line.

`report` unlocks the register like the `cases` commands do; `advice` needs no
register at all (a teacher documents an outcome for themselves).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from klasse_desktop.cli.case_commands import _boundary, _number, _register
from klasse_desktop.cli.errors import CliError
from klasse_desktop.i18n import _

if TYPE_CHECKING:
    from klasse_desktop.settings import Settings


def _target(value: str) -> Path:
    target = Path(value).expanduser()
    if target.suffix.lower() != ".pdf":
        raise CliError(_("The output file must end in .pdf: {path}").format(path=value))
    if not target.parent.is_dir():
        raise CliError(_("Folder not found: {path}").format(path=target.parent))
    return target


def _settings() -> Settings:
    from klasse_desktop.settings import load_settings

    return load_settings()


@_boundary
def cmd_report(args: argparse.Namespace) -> int:
    from klasse_desktop.atomic_write import write_atomically
    from klasse_desktop.protocol.search import fold
    from klasse_desktop.protocol.shipped import default_rules
    from klasse_desktop.reports.case_report import ReportContext, build_case_report

    target = _target(args.out)
    settings = _settings()
    with _register(args) as register:
        detail = register.get_case(_number(args.case))
        wanted = " ".join(args.subject.split())
        matches = [
            p
            for p in detail.parties
            if str(p.id) == wanted or fold(" ".join(p.name.split())) == fold(wanted)
        ]
        if len(matches) != 1:
            options = ", ".join(f"{p.id} ({p.name})" for p in detail.parties) or "—"
            raise CliError(
                _("Choose the subject by party number or full name: {options}").format(
                    options=options
                )
            )
        file_type = args.file or detail.case.file_type
        context = ReportContext(
            foundation=settings.foundation,
            school=settings.school or detail.case.school,
            author=register.actor,
            language=args.lang,
            issued_on=date.today(),
        )
        pdf = build_case_report(detail, matches[0].id or 0, file_type, context, default_rules())
        write_atomically(pdf, target)
        register.log_export(detail.case.number, "report")
    print(_("Report written to {path}.").format(path=target))
    return 0


def cmd_advice(args: argparse.Namespace) -> int:
    from klasse_desktop.atomic_write import write_atomically
    from klasse_desktop.cli.rules_commands import run_answers
    from klasse_desktop.protocol.models import Question
    from klasse_desktop.protocol.shipped import default_rules
    from klasse_desktop.reports.advice import build_advice
    from klasse_desktop.settings import ROLES

    target = _target(args.out)
    rules = default_rules()
    run = run_answers(rules, args.wizard, args.answer or [])
    if not run.finished:
        question = run.current
        assert isinstance(question, Question)
        raise CliError(
            _("The wizard is not finished: answer {question} ({text}) too.").format(
                question=question.id, text=question.text.get(args.lang)
            )
        )
    settings = _settings()
    pdf = build_advice(
        run,
        rules,
        args.lang,
        name=settings.user_name,
        role=_(ROLES.get(settings.role, settings.role)),
        foundation=settings.foundation,
        school=settings.school,
        issued_on=date.today(),
    )
    try:
        write_atomically(pdf, target)
    except OSError as exc:
        raise CliError(
            _("The file could not be written ({reason}).").format(reason=exc.strerror or exc)
        ) from None
    print(_("Advice record written to {path}.").format(path=target))
    return 0


def add_report_commands(add) -> None:  # type: ignore[no-untyped-def]
    from klasse_desktop.protocol.models import FileType

    report = add("report", cmd_report, _("write the dossier report of a case as PDF"))
    report.add_argument("case", metavar=_("CASE"), help=_("case number, e.g. K-2026-0001"))
    report.add_argument(
        "--subject",
        required=True,
        metavar=_("PARTY"),
        help=_("the party the file belongs to: party number or full name"),
    )
    report.add_argument(
        "--file",
        choices=[f.value for f in FileType],
        help=_("which file the report is for (default: the case's file type)"),
    )
    report.add_argument(
        "--out", required=True, metavar=_("FILE.pdf"), help=_("where to write the PDF")
    )

    advice = add("advice", cmd_advice, _("write the advice record of a wizard outcome as PDF"))
    advice.add_argument("wizard", metavar=_("WIZARD"), help=_("wizard ID, e.g. plaatsen"))
    advice.add_argument(
        "--answer",
        "-a",
        action="append",
        metavar=_("QUESTION=CHOICE"),
        help=_("an answer; repeat for every question"),
    )
    advice.add_argument(
        "--out", required=True, metavar=_("FILE.pdf"), help=_("where to write the PDF")
    )
