"""`cases backup --to DIR` (a backup that leaves the laptop) and `cases import FILE`
(a new director takes the register over, under a new passphrase)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from klasse_desktop.cli.case_commands import (
    _actor,
    _boundary,
    _emit_json,
    _folder,
    _folder_locked,
    _json,
    _passphrase,
    _register,
)
from klasse_desktop.cli.errors import CliError
from klasse_desktop.i18n import _


@_boundary
def cmd_backup(args: argparse.Namespace) -> int:
    from klasse_desktop.cases.handover import export_backup

    with _register(args) as register:
        if args.to:
            made = export_backup(register.database, Path(args.to).expanduser())
        else:
            made = register.backup()
    if _json(args):
        _emit_json({"backup": str(made)})
    else:
        print(_("Backup written to {path}.").format(path=made))
        if args.to:
            print(_("It opens with the register's passphrase only; keep both apart."))
    return 0


def _new_passphrase() -> str:
    value = os.environ.get("KLASSE_NEW_PASSPHRASE", "")
    if not value and sys.stdin is not None and not sys.stdin.isatty():
        value = sys.stdin.readline().rstrip("\r\n")
    if not value:
        raise CliError(
            _(
                "Give the new passphrase in KLASSE_NEW_PASSPHRASE (or as the second line on "
                "standard input): a register is taken over under a passphrase of your own."
            )
        )
    return value


@_boundary
def cmd_import(args: argparse.Namespace) -> int:
    from klasse_desktop.cases.handover import import_backup

    folder = _folder(args)
    source = Path(args.file).expanduser()
    if not source.is_file():
        raise CliError(_("There is no backup file {path}.").format(path=args.file))
    with _folder_locked(folder):
        old = _passphrase()
        import_backup(folder, source, old, _new_passphrase(), _actor())
    if _json(args):
        _emit_json({"imported": str(source), "register": str(folder)})
    else:
        print(_("The register was taken over from {name}, under your new passphrase.").format(
            name=source.name))  # fmt: skip
    return 0


def add_handover_commands(add) -> None:  # type: ignore[no-untyped-def]
    backup = add("backup", cmd_backup, _("make a backup now; with --to, one file in that folder"))
    backup.add_argument(
        "--to", metavar=_("FOLDER"),
        help=_("a folder off this laptop (USB stick, network share) for a self-contained file"),
    )  # fmt: skip
    take = add(
        "import", cmd_import,
        _("take over a register from a backup file (a new director): the old passphrase "
          "from KLASSE_PASSPHRASE, the new one from KLASSE_NEW_PASSPHRASE"),
    )  # fmt: skip
    take.add_argument("file", metavar=_("FILE"), help=_("a file made by 'cases backup --to'"))
