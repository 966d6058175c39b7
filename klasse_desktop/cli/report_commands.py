"""`report` and `advice`: the PDF documents from the command line.

`report` unlocks the register like the `cases` commands do; `advice` needs no
register at all (a teacher documents an outcome for themselves).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klasse_desktop.cli.case_commands import _boundary, _number, _register
from klasse_desktop.cli.errors import CliError, os_message
from klasse_desktop.i18n import _, ngettext

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


REVIEW_EXIT = 3  # names to decide on: nothing written
REVIEW_EXAMPLE = '{"decisions": [{"text": "Sem", "action": "hide"}]}'


def _decisions(args: argparse.Namespace, parties: list[Any]) -> dict[str, tuple[str, int | None]]:
    """The decisions given with --hide, --keep, --as and --review-file."""
    from klasse_desktop.cli.party_refs import find_party
    from klasse_desktop.reports.redaction.redactor import HIDE, KEEP, PARTY, decision_key

    found: dict[str, tuple[str, int | None]] = {}
    if args.review_file:
        found.update(_review_file(Path(args.review_file).expanduser(), parties))
    for text in args.hide or []:
        found[decision_key(text)] = (HIDE, None)
    for text in args.keep or []:
        found[decision_key(text)] = (KEEP, None)
    for pair in args.as_party or []:
        text, sep, who = pair.rpartition("=")
        if not sep or not text.strip():
            raise CliError(_('Write --as as TEXT=PARTY, e.g. --as "Noor=3".'))
        found[decision_key(text)] = (PARTY, find_party(parties, who, _("the party")).id)
    return {text: value for text, value in found.items() if text}


def _review_file(path: Path, parties: list[Any]) -> dict[str, tuple[str, int | None]]:
    """A JSON file: {"decisions": [{"text": "Sem", "action": "hide"}, …]}."""
    from klasse_desktop.cli.party_refs import find_party
    from klasse_desktop.reports.redaction.redactor import PARTY, decision_key

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data["decisions"]
        found: dict[str, tuple[str, int | None]] = {}
        for item in items:
            action, party = str(item["action"]), item.get("party")
            if action not in ("hide", "keep", "party"):
                raise ValueError(action)
            party_id = find_party(parties, str(party), _("the party")).id if party else None
            if action == PARTY and party_id is None:
                raise ValueError(item)
            found[decision_key(str(item["text"]))] = (action, party_id)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise CliError(
            _(
                "The review file {path} could not be read ({reason}). It must be JSON like "
                "{example}, with action hide, keep or party (and the party's number)."
            ).format(path=path, reason=type(exc).__name__, example=REVIEW_EXAMPLE)
        ) from None
    return found


def print_review(flags: list[Any], parties: list[Any]) -> None:
    from klasse_desktop.cases.models import ROLE_LABELS, label_of

    names = {p.id: f"{p.id} ({p.name}, {label_of(ROLE_LABELS, p.role)})" for p in parties}
    reasons = {
        "unregistered": _("a name that is not a registered party"),
        "handle": _("an account name or e-mail address"),
        "ambiguous": _("fits more than one party"),
        "word": _("a word that is also the name of a party"),
    }
    err = sys.stderr
    print(
        _(
            "The report was not written: these names are in the text, but it is not certain "
            "who they are. Decide for each and run the command again:"
        ),
        file=err,
    )
    for flag in flags:
        print(f"  “{flag.text}” — {reasons.get(flag.reason, flag.reason)} — {flag.where}", file=err)
        print(f"      “{flag.context}”", file=err)
        if flag.candidates:
            who = "; ".join(names.get(c, str(c)) for c in flag.candidates)
            print("      " + _("may be: {parties}").format(parties=who), file=err)
            first = flag.candidates[0]
            print(f'      --as "{flag.text}={first}"   --hide "{flag.text}"', file=err)
        else:
            print(f'      --hide "{flag.text}"   --keep "{flag.text}"', file=err)
    print(_("Decisions are kept with the case: the next report does not ask again."), file=err)


@_boundary
def cmd_report(args: argparse.Namespace) -> int:
    from klasse_desktop.atomic_write import write_atomically
    from klasse_desktop.cli.party_refs import find_party
    from klasse_desktop.protocol.shipped import default_rules
    from klasse_desktop.reports.case_report import render_model
    from klasse_desktop.reports.pdfa import PdfaError
    from klasse_desktop.reports.redaction.pdf_check import HiddenNameInPdf, check_pdf
    from klasse_desktop.reports.redaction.redactor import ReviewNeeded
    from klasse_desktop.reports.redaction.unregistered import deduce_finder
    from klasse_desktop.reports.report_model import (
        ReportContext,
        build_report_model,
        decisions_from,
    )

    target = _target(args.out)
    settings = _settings()
    number = _number(args.case)
    with _register(args) as register:
        detail = register.get_case(number)
        subject = find_party(detail.parties, args.subject, _("the subject"))
        new = _decisions(args, detail.parties)
        if new:
            register.save_name_decisions(number, new)
        decisions = decisions_from(register.name_decisions(number))
        file_type = args.file or detail.case.file_type
        context = ReportContext(
            foundation=settings.foundation,
            school=settings.school or detail.case.school,
            author=register.actor,
            language=args.lang,
            issued_on=date.today(),
        )
        finder = deduce_finder([settings.school, settings.foundation, detail.case.school])
        try:
            model, redactor = build_report_model(
                detail, subject.id or 0, file_type, context, default_rules(), decisions, finder
            )
        except ReviewNeeded as review:
            print_review(review.flags, detail.parties)
            error = CliError(
                ngettext(
                    "{n} name to decide on; no file was written.",
                    "{n} names to decide on; no file was written.",
                    len(review.flags),
                ).format(n=len(review.flags))
            )
            error.exit_code = REVIEW_EXIT
            raise error from None
        try:
            pdf = render_model(model)
            check_pdf(pdf, model, redactor)
        except (HiddenNameInPdf, PdfaError) as failure:
            raise CliError(str(failure)) from None
        # Recorded first: a report that cannot be audited (a read-only or full drive)
        # does not leave the register.
        register.log_export(detail.case.number, "report")
        write_atomically(pdf, target)
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
        school_contacts=settings.school_contact,
    )
    try:
        write_atomically(pdf, target)
    except OSError as exc:
        raise CliError(os_message(exc)) from None
    print(_("Advice record written to {path}.").format(path=target))
    return 0


def add_hide_keep(command: argparse.ArgumentParser) -> None:
    """--hide and --keep: the review's decisions, for `report` and `export-person`."""
    command.add_argument(
        "--hide", action="append", metavar=_("TEXT"),
        help=_("a name found in the text: print it as “Person 1”, “Person 2”… (repeatable)"),
    )  # fmt: skip
    command.add_argument(
        "--keep", action="append", metavar=_("TEXT"),
        help=_("a name or word found in the text: print it as written (repeatable)"),
    )  # fmt: skip


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
    add_hide_keep(report)
    report.add_argument(
        "--as", dest="as_party", action="append", metavar=_("TEXT=PARTY"),
        help=_("a name found in the text is this party (number or full name; repeatable)"),
    )  # fmt: skip
    report.add_argument(
        "--review-file", metavar=_("FILE.json"),
        help=_('decisions as JSON: {"decisions": [{"text": …, "action": "hide"|"keep"|"party", '
               '"party": …}]}'),
    )  # fmt: skip

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
