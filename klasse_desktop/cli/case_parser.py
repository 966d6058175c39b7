"""The argparse wiring of `klasse-desktop cases ...` (handlers in `case_commands`).

Light on purpose: building the parser must not import the register.
"""

from __future__ import annotations

import argparse

from klasse_desktop import i18n
from klasse_desktop.cli.case_commands import (
    CATEGORIES,
    FILE_TYPES,
    KINDS,
    ROLES,
    STATUSES,
    Handler,
    cmd_add_entry,
    cmd_add_party,
    cmd_backups,
    cmd_close,
    cmd_export_person,
    cmd_init,
    cmd_list,
    cmd_new,
    cmd_purge_expired,
    cmd_relate,
    cmd_restore,
    cmd_retention,
    cmd_search,
    cmd_show,
    cmd_verify_audit,
)
from klasse_desktop.i18n import _


def add_case_commands(cases: argparse.ArgumentParser) -> None:
    """The sub-commands of `cases`; `cases` itself is made by the caller."""
    common = type(cases)(add_help=False)
    # SUPPRESS: a value given before the sub-command (`cases --format json list`) stays.
    common.add_argument(
        "--lang",
        choices=i18n.SUPPORTED_LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("language of the output (default: nl)"),
    )
    common.add_argument(
        "--format", choices=("text", "json"), default=argparse.SUPPRESS, help=_("output format")
    )
    sub = cases.add_subparsers(dest="case_command", metavar=_("COMMAND"), parser_class=type(cases))

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        command.set_defaults(handler=handler)
        return command

    def case_arg(command: argparse.ArgumentParser) -> None:
        command.add_argument("case", metavar=_("CASE"), help=_("case number, e.g. K-2026-0001"))

    def choices(options: tuple[str, ...]) -> str:
        return ", ".join(options)

    add(
        "init",
        cmd_init,
        _(
            "create the encrypted case register (needed once). KLASSE_KDF=fast selects a weak "
            "key derivation: for tests only."
        ),
    )

    listing = add("list", cmd_list, _("list the cases, newest first"))
    listing.add_argument("--status", metavar=_("STATUS"), help=choices(STATUSES))
    listing.add_argument("--category", metavar=_("CATEGORY"), help=choices(CATEGORIES))
    listing.add_argument("--file", metavar=_("FILE_TYPE"), help=choices(FILE_TYPES))
    listing.add_argument("--text", metavar=_("TEXT"), help=_("only cases containing these words"))

    show = add("show", cmd_show, _("show a case: parties, timeline with addenda, attachments"))
    case_arg(show)

    new = add("new", cmd_new, _("open a new case"))
    new.add_argument("--title", required=True, metavar=_("TITLE"), help=_("short title"))
    new.add_argument(
        "--category", default="anders", metavar=_("CATEGORY"),
        help=_("{options} (default: anders)").format(options=choices(CATEGORIES)),
    )  # fmt: skip
    new.add_argument(
        "--file", default="leerlingendossier", metavar=_("FILE_TYPE"),
        help=_("{options} (default: leerlingendossier)").format(options=choices(FILE_TYPES)),
    )  # fmt: skip
    new.add_argument("--school", metavar=_("SCHOOL"), help=_("default: the school in the settings"))
    new.add_argument(
        "--opened", metavar="YYYY-MM-DD", help=_("date the case was opened (default: today)")
    )

    party = add("add-party", cmd_add_party, _("add a person involved in a case"))
    case_arg(party)
    party.add_argument("--role", required=True, metavar=_("ROLE"), help=choices(ROLES))
    party.add_argument("--name", required=True, metavar=_("NAME"), help=_("the person's name"))
    party.add_argument("--class-or-function", metavar=_("TEXT"), help=_("e.g. group 7, mentor"))
    party.add_argument(
        "--parent-of", metavar=_("PUPIL"),
        help=_("for a parent or carer: the pupil (party number or full name)"),
    )  # fmt: skip

    relate = add(
        "relate", cmd_relate,
        _("record whose parent or carer a party is (reports hide the parents of other pupils)"),
    )  # fmt: skip
    case_arg(relate)
    relate.add_argument("party", metavar=_("PARTY"), help=_("the parent or carer"))
    which = relate.add_mutually_exclusive_group(required=True)
    which.add_argument("--parent-of", metavar=_("PUPIL"), help=_("the pupil"))
    which.add_argument("--none", action="store_true", help=_("clear the relation"))

    entry = add(
        "add-entry",
        cmd_add_entry,
        _("add an entry to the timeline; with --corrects, an addendum (entries are never edited)"),
    )
    case_arg(entry)
    entry.add_argument("--text", required=True, metavar=_("TEXT"), help=_("what happened"))
    entry.add_argument(
        "--kind", metavar=_("KIND"),
        help=_("{options} (default: observation; for an addendum: that of the entry)").format(
            options=choices(KINDS)
        ),
    )  # fmt: skip
    entry.add_argument("--date", metavar="YYYY-MM-DD", help=_("date of the event (default: today)"))
    entry.add_argument("--corrects", metavar=_("ENTRY_ID"), help=_("the entry this corrects"))
    entry.add_argument("--reported-to", metavar=_("WHOM"), help=_("for a report: made to whom"))

    from klasse_desktop.cli.summary_commands import add_summary_command

    add_summary_command(add, case_arg)

    close = add("close", cmd_close, _("close a case; its retention period starts"))
    case_arg(close)
    close.add_argument("--date", metavar="YYYY-MM-DD", help=_("closing date (default: today)"))

    search = add("search", cmd_search, _("search titles, parties and entries"))
    search.add_argument("query", metavar=_("TEXT"), help=_("words; each may be the start of one"))

    export = add(
        "export-person",
        cmd_export_person,
        _("everything the register holds about one person (inzage): JSON or readable text"),
    )
    export.add_argument("name", metavar=_("NAME"), help=_("the person's name, or part of it"))
    export.add_argument("--out", metavar=_("FILE"), help=_("write to this file (owner-only)"))
    from klasse_desktop.cli.report_commands import add_hide_keep

    add_hide_keep(export)

    purge = add(
        "purge-expired",
        cmd_purge_expired,
        _(
            "delete the cases past their retention period; without --yes only list them "
            "(exit status 1)"
        ),
    )
    purge.add_argument("--yes", action="store_true", help=_("really delete them"))

    add(
        "verify-audit",
        cmd_verify_audit,
        _("check that the audit log is complete and unchanged (exit status 1 if not)"),
    )

    retention = add(
        "retention",
        cmd_retention,
        _("show or set how many years closed cases are kept, per file type"),
    )
    retention.add_argument("--file", choices=("personeelsdossier", "leerlingendossier"),
                           help=_("the file type to change"))  # fmt: skip
    retention.add_argument("--years", type=int, metavar=_("N"),
                           help=_("years after closing (1 to 50)"))  # fmt: skip

    add("backups", cmd_backups, _("list the automatic backups of the register, newest first"))

    from klasse_desktop.cli.handover_commands import add_handover_commands

    add_handover_commands(add)

    restore = add(
        "restore",
        cmd_restore,
        _(
            "replace the register with a backup (it must open with the passphrase); the "
            "current register file is kept beside it as register.db.damaged-..."
        ),
    )
    restore.add_argument(
        "backup", metavar=_("BACKUP_FILE"), help=_("a file listed by 'cases backups'")
    )
