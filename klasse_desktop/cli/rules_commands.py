"""CLI commands over the protocol and the wizards: wizards, decide, paths,
protocol, check-rules. They call the same domain functions as the UI."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from klasse_desktop.cli import render
from klasse_desktop.cli.errors import CliError
from klasse_desktop.i18n import _, ngettext
from klasse_desktop.protocol.coverage import coverage
from klasse_desktop.protocol.engine import Step, WizardError, WizardRun
from klasse_desktop.protocol.graph import all_paths
from klasse_desktop.protocol.loader import validate_rules
from klasse_desktop.protocol.models import Question, RuleSet
from klasse_desktop.protocol.search import search_clauses
from klasse_desktop.protocol.shipped import default_rules
from klasse_desktop.settings import load_settings


def _emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _wizard(rules: RuleSet, wizard_id: str) -> WizardRun:
    try:
        return WizardRun.start(rules, wizard_id)
    except WizardError as exc:
        raise CliError(str(exc)) from None


def cmd_wizards(args: argparse.Namespace) -> int:
    rules, lang = default_rules(), args.lang
    if args.format == "json":
        _emit_json([render.wizard_dict(w, lang) for w in rules.wizards.values()])
        return 0
    for wizard in rules.wizards.values():
        print(f"{wizard.id}: {wizard.title.get(lang)}")
        print(render.wrap(wizard.summary.get(lang)))
        for question in wizard.questions.values():
            choices = ", ".join(f"{c.id} ({c.label.get(lang)})" for c in question.choices)
            print(render.bullet(f"{question.id}: {question.text.get(lang)} — {choices}"))
        print()
    return 0


def _parse_answers(raw: list[str]) -> list[tuple[str, str]]:
    answers = []
    for item in raw:
        question, sep, choice = item.partition("=")
        if not sep or not question.strip() or not choice.strip():
            raise CliError(
                _("'{answer}' is not an answer; write QUESTION=CHOICE, e.g. wie=medewerker").format(
                    answer=item
                )
            )
        answers.append((question.strip(), choice.strip()))
    return answers


def run_answers(rules: RuleSet, wizard_id: str, raw_answers: list[str]) -> WizardRun:
    """Apply `QUESTION=CHOICE` answers in path order, whatever order they were typed in."""
    run = _wizard(rules, wizard_id)
    pending = dict(_parse_answers(raw_answers))
    for question_id in pending:
        if question_id not in run.wizard.questions:
            raise CliError(
                _("Unknown question '{question}'. This wizard asks: {options}").format(
                    question=question_id, options=", ".join(run.wizard.questions)
                )
            )
    while isinstance(run.current, Question) and run.current.id in pending:
        try:
            run.answer(pending.pop(run.current.id))
        except WizardError as exc:
            raise CliError(str(exc)) from None
    if pending:
        asked = ", ".join(s.question.id for s in run.steps) or "—"
        raise CliError(
            _(
                "Question '{question}' is not asked after these answers (asked so far: {asked})."
            ).format(question=next(iter(pending)), asked=asked)
        )
    return run


def cmd_decide(args: argparse.Namespace) -> int:
    rules, lang = default_rules(), args.lang
    run = run_answers(rules, args.wizard, args.answer or [])
    outcome = run.outcome
    if args.format == "json":
        data: dict[str, Any] = {
            "wizard": run.wizard.id,
            "answers": render.steps_dict(run.steps, lang),
        }
        if outcome is None:
            assert isinstance(run.current, Question)
            question_data = render.question_dict(run.current, lang, run.offered(run.current))
            data |= {"status": "question", "question": question_data}
        else:
            school = load_settings().school_contact
            data |= {"status": "outcome", "outcome": render.outcome_dict(rules, run, lang, school)}
        _emit_json(data)
        return 0
    print(run.wizard.title.get(lang))
    print()
    if outcome is None:
        question = run.current
        assert isinstance(question, Question)
        hint = _("Answer with: --answer {question}=CHOICE").format(question=question.id)
        print(_("Next question:"))
        print(render.question_text(question, lang, hint=hint, choices=run.offered(question)))
    else:
        print(render.outcome_text(rules, run, lang, load_settings().school_contact))
    return 0


def cmd_paths(args: argparse.Namespace) -> int:
    rules, lang = default_rules(), args.lang
    wizard = _wizard(rules, args.wizard).wizard
    paths = list(all_paths(wizard))
    if args.format == "json":
        _emit_json(
            [
                {
                    "answers": render.steps_dict([Step(q, c) for q, c in path.steps], lang),
                    "outcome": path.outcome.id,
                    "kind": path.outcome.kind.value,
                    "clauses": list(path.outcome.clauses),
                }
                for path in paths
            ]
        )
        return 0
    print(f"{wizard.id}: {wizard.title.get(lang)}")
    for number, path in enumerate(paths, start=1):
        trail = " → ".join(f"{q.id}={c.id}" for q, c in path.steps)
        outcome = path.outcome
        print(f"{number:3}. {trail}")
        print(
            f"     ⇒ {outcome.kind.value}: {outcome.id} ({', '.join(outcome.clauses)}) — "
            f"{outcome.verdict.get(lang)}"
        )
    print(ngettext("{n} path", "{n} paths", len(paths)).format(n=len(paths)))
    return 0


def cmd_protocol(args: argparse.Namespace) -> int:
    protocol, lang = default_rules().protocol, args.lang
    if args.clause and args.search:
        raise CliError(_("Give a clause ID or --search, not both."))
    if args.clause:
        if not protocol.has_clause(args.clause):
            raise CliError(
                _("Unknown clause '{clause}'. Clauses: {options}").format(
                    clause=args.clause, options=", ".join(c.id for c in protocol.clauses)
                )
            )
        clauses = [protocol.clause(args.clause)]
    elif args.search is not None:
        clauses = [hit.clause for hit in search_clauses(protocol, args.search, lang)]
        if not clauses and args.format != "json":
            print(_("No clause matches '{query}'.").format(query=args.search))
            return 0
    else:
        clauses = list(protocol.clauses)
    if args.format == "json":
        _emit_json(
            [
                {
                    "id": c.id,
                    "section": c.section_id,
                    "section_title": protocol.section(c.section_id).title.get(lang),
                    "text": c.text.get(lang),
                }
                for c in clauses
            ]
        )
        return 0
    if not args.clause and args.search is None:
        _print_protocol_header(protocol, lang)
    section = None
    for clause in clauses:
        if clause.section_id != section:
            section = clause.section_id
            print()
            print(protocol.section(section).title.get(lang))
        print(f"  {clause.id}")
        print(render.wrap(clause.text.get(lang), "      "))
    return 0


def _print_protocol_header(protocol: Any, lang: str) -> None:
    from klasse_desktop.i18n_dates import format_date

    print(f"{protocol.title.get(lang)} — {protocol.organisation}")
    print(
        _("Adopted {adopted}; evaluation due {evaluation}.").format(
            adopted=format_date(protocol.dates.adopted, lang),
            evaluation=format_date(protocol.dates.evaluation, lang),
        )
    )
    if lang != "nl":
        print(render.wrap(protocol.translation_note.get(lang), ""))
    for paragraph in protocol.introduction:
        print()
        print(render.wrap(paragraph.get(lang), ""))


def cmd_check_rules(args: argparse.Namespace) -> int:
    lang = args.lang
    root = Path(args.resources) if args.resources else None
    if root is not None and not root.is_dir():
        raise CliError(_("Folder not found: {path}").format(path=args.resources))
    rules, errors = validate_rules(root)
    if errors or rules is None:
        for error in errors:
            print(str(error), file=sys.stderr)
        print(
            ngettext(
                "{n} error in the rule files.", "{n} errors in the rule files.", len(errors)
            ).format(n=len(errors)),
            file=sys.stderr,
        )
        return 2
    report = coverage(rules, lang)
    n_questions = sum(len(w.questions) for w in rules.wizards.values())
    n_outcomes = sum(len(w.outcomes) for w in rules.wizards.values())
    n_paths = sum(sum(1 for _p in all_paths(w)) for w in rules.wizards.values())
    if args.format == "json":
        _emit_json(
            {
                "ok": report.complete,
                "protocol_version": rules.protocol.version,
                "wizards": list(rules.wizards),
                "questions": n_questions,
                "outcomes": n_outcomes,
                "paths": n_paths,
                "cited": report.cited,
                "informational": report.informational,
                "uncovered": report.uncovered,
            }
        )
        return 0 if report.complete else 2
    print(
        _(
            "Rules OK: protocol {version}, {wizards} wizards, {questions} questions, "
            "{outcomes} outcomes, {paths} paths."
        ).format(
            version=rules.protocol.version,
            wizards=len(rules.wizards),
            questions=n_questions,
            outcomes=n_outcomes,
            paths=n_paths,
        )
    )
    print()
    print(_("Clause coverage:"))
    for clause in rules.protocol.clauses:
        if clause.id in report.cited:
            users = report.cited[clause.id]
            wizards = sorted({u.split("/")[0] for u in users})
            line = ngettext(
                "cited by {n} outcome ({wizards})", "cited by {n} outcomes ({wizards})", len(users)
            ).format(n=len(users), wizards=", ".join(wizards))
        elif clause.id in report.informational:
            line = _("informational: {reason}").format(reason=report.informational[clause.id])
        else:
            line = _("NOT CITED by any outcome")
        print(f"  {clause.id:<4} {line}")
    if report.uncovered:
        print()
        print(
            _(
                "Not covered: {clauses}. Cite them in an outcome "
                "or list them in wizards/coverage.yaml."
            ).format(clauses=", ".join(report.uncovered)),
            file=sys.stderr,
        )
        return 2
    return 0
