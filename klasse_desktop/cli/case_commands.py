"""CLI commands over the case register: `klasse-desktop [--data-dir DIR] cases ...`.

Only light helpers live at module level (the parser is in `case_parser`): the register
(SQLModel, SQLCipher, Alembic) is imported inside the handlers, so `wizards` and
`decide` never pay for it. Every handler runs behind `_boundary`, which turns
register, database and file errors into one translated line (exit 2).

The passphrase comes from KLASSE_PASSPHRASE or standard input and is never
printed; the actor in the audit log is the user name from the settings, else
the OS user.
"""

from __future__ import annotations

import argparse
import functools
import getpass
import json
import os
import re
import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klasse_desktop.cli.errors import CliError, os_message
from klasse_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from klasse_desktop.cases.repository import CaseRegister

Handler = Callable[[argparse.Namespace], int]

# KLASSE_KDF=fast at `cases init`: cheap Argon2id, for tests and scripts only.
FAST_KDF = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


# The vocabularies, for --help and the list filters (the register validates its
# own input; a test keeps these equal to its enums).
CATEGORIES = (
    "hacken", "radicalisering", "sexting", "pesten", "stalken", "bedreigen", "memes",
    "beschadigen", "onbevoegde_opname", "privacy", "anders",
)  # fmt: skip
ROLES = ("medewerker", "leerling", "ouder", "stagiair", "vrijwilliger", "extern")
KINDS = ("observation", "conversation", "measure", "report", "correspondence", "wizard_outcome")
FILE_TYPES = ("personeelsdossier", "leerlingendossier")
STATUSES = ("open", "closed")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# -- plumbing -------------------------------------------------------------------------


def _emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _json(args: argparse.Namespace) -> bool:
    return getattr(args, "format", "text") == "json"


def _folder(args: argparse.Namespace) -> Path:
    from klasse_desktop.paths import register_dir

    base = getattr(args, "data_dir", None)
    return register_dir(Path(base).expanduser() if base else None)


def _init_command(args: argparse.Namespace) -> str:
    base = getattr(args, "data_dir", None)
    prefix = f"klasse-desktop --data-dir {shlex.quote(base)}" if base else "klasse-desktop"
    return f"{prefix} cases init"


def _missing(args: argparse.Namespace, message: str) -> str:
    return f"{message} " + _("Create one with: {command}").format(command=_init_command(args))


def _user_message(exc: BaseException, args: argparse.Namespace) -> str | None:
    """One line for the errors a user can meet; None for a bug (keep the traceback)."""
    from klasse_desktop.cases.errors import RegisterError, RegisterMissingError

    if isinstance(exc, RegisterMissingError):
        return _missing(args, str(exc))
    if isinstance(exc, RegisterError):
        return str(exc)
    if "sqlalchemy" in sys.modules:
        import sqlalchemy.exc

        if isinstance(exc, sqlalchemy.exc.SQLAlchemyError):
            # Only the driver's own message: the statement and its parameters
            # (case texts, names) stay out of the terminal.
            orig = getattr(exc, "orig", None)
            reason = str(orig) if orig is not None else type(exc).__name__
            return _db_message(reason)
    if "sqlcipher3" in sys.modules:
        import sqlcipher3

        if isinstance(exc, sqlcipher3.Error):
            return _db_message(str(exc))
    if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
        return os_message(exc)
    return None


def _db_message(reason: str) -> str:
    reason = (reason.strip().splitlines() or ["?"])[0]
    return _("The case register could not be read or written ({reason}).").format(reason=reason)


def _boundary(handler: Handler) -> Handler:
    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except CliError:
            raise
        except KeyboardInterrupt:
            error = CliError(_("Interrupted."))
            error.exit_code = 130
            raise error from None
        except Exception as exc:
            message = _user_message(exc, args)
            if message is None:
                raise
            raise CliError(message) from None

    return run


def _passphrase(*, confirm: bool = False) -> str:
    value = os.environ.get("KLASSE_PASSPHRASE", "")
    if not value and sys.stdin is not None:
        if sys.stdin.isatty():
            try:
                value = getpass.getpass(_("Passphrase of the case register: "))
                if confirm and value and getpass.getpass(_("Type it again: ")) != value:
                    raise CliError(_("The two passphrases are not the same."))
            except EOFError:
                value = ""
        else:
            value = sys.stdin.readline().rstrip("\r\n")
    if not value:
        raise CliError(
            _("No passphrase given: set KLASSE_PASSPHRASE or type it on standard input.")
        )
    if not _is_text(value):
        raise CliError(
            _("The passphrase is not valid text (UTF-8); check the terminal's encoding.")
        )
    return value


def _is_text(value: str) -> bool:
    """False for the lone surrogates Python makes of bytes that are not UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _actor() -> str:
    from klasse_desktop.settings import load_settings

    name = load_settings().user_name
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


@contextmanager
def _register(
    args: argparse.Namespace, *, create: bool = False, kdf: dict[str, int] | None = None
) -> Iterator[CaseRegister]:
    from klasse_desktop.cases.database import DB_FILE, NEW, register_state
    from klasse_desktop.cases.repository import CaseRegister

    folder = _folder(args)
    if not create and not (folder / DB_FILE).exists() and register_state(folder) == NEW:
        raise CliError(
            _missing(args, _("There is no case register in {path} yet.").format(path=folder))
        )
    with _folder_locked(folder):
        register = CaseRegister.open(
            folder, _passphrase(confirm=create), _actor(), create=create, kdf=kdf
        )
        try:
            yield register
        finally:
            register.close()


@contextmanager
def _folder_locked(folder: Path) -> Iterator[None]:
    """The data folder's lock, for as long as the command uses the register: refused
    while a window (or another command) has the register open."""
    import errno

    from klasse_desktop import folder_lock

    try:
        lock = folder_lock.acquire(folder.parent)
    except OSError as exc:
        if exc.errno != errno.EROFS:
            raise
        # A read-only drive: nobody can write there, so there is nothing to guard;
        # the register opens read-only (cases/database.py).
        yield
        return
    if lock is None:
        raise CliError(
            _(
                "Klasse Desktop has this case register open (a window or another command). "
                "Close it first; nothing was changed."
            )
        )
    try:
        yield
    finally:
        lock.unlock()


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        if not _DATE.fullmatch(value.strip()):
            raise ValueError(value)
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CliError(
            _("{option}: '{value}' is not a date; write YYYY-MM-DD, e.g. 2026-03-01.").format(
                option=option, value=value
            )
        ) from None


def _choice(value: str | None, options: tuple[str, ...], what: str) -> str | None:
    """The same check (and message) as the register's, for list filters."""
    if value is None or value in options:
        return value
    raise CliError(
        _("{value!r} is not a valid {what}. Choose from: {options}").format(
            value=value, what=what, options=", ".join(options)
        )
    )


def _number(value: str) -> str:
    return value.strip().upper()


# -- commands -------------------------------------------------------------------------


@_boundary
def cmd_init(args: argparse.Namespace) -> int:
    from klasse_desktop.cases.database import DB_FILE

    folder = _folder(args)
    if (folder / DB_FILE).exists():
        raise CliError(_("There is already a case register in {path}.").format(path=folder))
    mode = os.environ.get("KLASSE_KDF", "").strip().lower()
    if mode not in ("", "fast"):
        raise CliError(
            _("KLASSE_KDF={value} is not known; the only value is 'fast' (for tests).").format(
                value=mode
            )
        )
    kdf = FAST_KDF if mode == "fast" else None
    with _register(args, create=True, kdf=kdf):
        pass
    if kdf:
        print(_("KLASSE_KDF=fast: weak key derivation, for tests only."), file=sys.stderr)
    if _json(args):
        _emit_json({"created": True, "path": str(folder), "kdf": mode or "default"})
        return 0
    print(_("Case register created in {path}.").format(path=folder))
    print(_("Keep the passphrase safe: without it nobody can open the register, not even support."))
    return 0


@_boundary
def cmd_list(args: argparse.Namespace) -> int:
    from klasse_desktop.cases.listing import CaseFilter, list_cases
    from klasse_desktop.cli import case_render

    where = CaseFilter(
        status=_choice(args.status, STATUSES, _("status")),
        category=_choice(args.category, CATEGORIES, _("category")),
        file_type=_choice(args.file, FILE_TYPES, _("file type")),
        text=args.text or "",
    )
    with _register(args) as register:
        rows = list_cases(register, where)
    if _json(args):
        _emit_json([case_render.case_dict(row) for row in rows])
        return 0
    for row in rows:
        print(case_render.case_line(row))
    print(ngettext("{n} case", "{n} cases", len(rows)).format(n=len(rows)))
    return 0


@_boundary
def cmd_show(args: argparse.Namespace) -> int:
    from klasse_desktop.cli import case_render

    with _register(args) as register:
        detail = register.get_case(_number(args.case))
    if _json(args):
        _emit_json(case_render.detail_dict(detail))
    else:
        print(case_render.detail_text(detail))
    return 0


@_boundary
def cmd_new(args: argparse.Namespace) -> int:
    from klasse_desktop.cli import case_render
    from klasse_desktop.protocol.shipped import default_rules
    from klasse_desktop.settings import load_settings

    opened_on = _date(args.opened, "--opened")
    school = args.school if args.school is not None else load_settings().school
    with _register(args) as register:
        case = register.create_case(
            args.title, args.category, args.file, school=school, opened_on=opened_on,
            protocol_version=default_rules().protocol.version,
        )  # fmt: skip
    if _json(args):
        _emit_json(case_render.case_dict(case))
        return 0
    print(_("Case {number} created: {title}").format(number=case.number, title=case.title))
    return 0


@_boundary
def cmd_add_party(args: argparse.Namespace) -> int:
    from klasse_desktop.cases.models import ROLE_LABELS
    from klasse_desktop.cli import case_render
    from klasse_desktop.cli.party_refs import find_party

    number = _number(args.case)
    with _register(args) as register:
        related_to = None
        if args.parent_of:
            pupil = find_party(register.get_case(number).parties, args.parent_of, _("the pupil"))
            related_to = pupil.id
        party = register.add_party(
            number, args.role, args.name, args.class_or_function or "", related_to=related_to
        )
    if _json(args):
        _emit_json({"case": number, **case_render.party_dict(party)})
        return 0
    print(
        _("Added to {number}: {role} {name}").format(
            number=number, role=case_render.label(ROLE_LABELS, party.role), name=party.name
        )
    )
    return 0


@_boundary
def cmd_relate(args: argparse.Namespace) -> int:
    """Record (or clear) whose parent or carer a party is."""
    from klasse_desktop.cli import case_render
    from klasse_desktop.cli.party_refs import find_party

    number = _number(args.case)
    with _register(args) as register:
        parties = register.get_case(number).parties
        party = find_party(parties, args.party, _("the parent or carer"))
        pupil = None if args.none else find_party(parties, args.parent_of, _("the pupil"))
        party = register.set_party_relation(number, party.id or 0, pupil.id if pupil else None)
    if _json(args):
        _emit_json({"case": number, **case_render.party_dict(party)})
    elif pupil is None:
        print(_("{name} is no longer recorded as a parent or carer.").format(name=party.name))
    else:
        print(_("{name} is recorded as parent or carer of {pupil}.").format(
            name=party.name, pupil=pupil.name))  # fmt: skip
    return 0


@_boundary
def cmd_add_entry(args: argparse.Namespace) -> int:
    from klasse_desktop.cli import case_render

    number = _number(args.case)
    event_date = _date(args.date, "--date")
    corrects = _entry_id(args.corrects)
    with _register(args) as register:
        if corrects is not None and args.kind is None:
            entry = register.add_addendum(number, corrects, args.text, event_date=event_date)
        else:
            entry = register.add_entry(
                number, args.text, kind=args.kind or "observation", event_date=event_date,
                reported_to=args.reported_to or "", corrects=corrects,
            )  # fmt: skip
    if _json(args):
        _emit_json({"case": number, **case_render.entry_dict(entry)})
    elif corrects is not None:
        print(
            _("Addendum {id} on entry {corrects} added to {number}.").format(
                id=entry.id, corrects=corrects, number=number
            )
        )
    else:
        print(_("Entry {id} added to {number}.").format(id=entry.id, number=number))
    return 0


def _entry_id(value: str | None) -> int | None:
    if value is None:
        return None
    digits = value.strip().lstrip("#")
    # isascii: "²" and "٣" are digits to Python but no entry number; 18 digits fit SQLite.
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 18:
        raise CliError(
            _("'{value}' is not an entry number; `cases show CASE` lists them.").format(value=value)
        )
    return int(digits)


@_boundary
def cmd_close(args: argparse.Namespace) -> int:
    from klasse_desktop.cases.retention import retention_end
    from klasse_desktop.cli import case_render

    closed_on = _date(args.date, "--date")
    with _register(args) as register:
        case = register.close_case(_number(args.case), closed_on)
        with register.session() as session:
            end = retention_end(case, session)
    if _json(args):
        _emit_json(case_render.case_dict(case, end))
        return 0
    print(
        _("Case {number} closed on {closed}; it is kept until {end}.").format(
            number=case.number, closed=case_render.day(case.closed_on), end=case_render.day(end)
        )
    )
    return 0


@_boundary
def cmd_search(args: argparse.Namespace) -> int:
    from klasse_desktop.cases.search import search
    from klasse_desktop.cli import case_render

    with _register(args) as register:
        hits = search(register, args.query)
    if _json(args):
        _emit_json([case_render.hit_dict(hit) for hit in hits])
        return 0
    for hit in hits:
        print(case_render.hit_text(hit))
    print(ngettext("{n} result", "{n} results", len(hits)).format(n=len(hits)))
    return 0


@_boundary
def cmd_export_person(args: argparse.Namespace) -> int:
    from klasse_desktop.cases.person_export import to_json, to_text
    from klasse_desktop.reports.inzage import redacted_export
    from klasse_desktop.reports.redaction.redactor import (
        HIDE,
        KEEP,
        Decision,
        ReviewNeeded,
        decision_key,
    )
    from klasse_desktop.reports.redaction.unregistered import deduce_finder
    from klasse_desktop.settings import load_settings

    target = Path(args.out).expanduser() if args.out else None
    if target is not None and not target.parent.is_dir():
        raise CliError(_("Folder not found: {path}").format(path=target.parent))
    decisions = {decision_key(t): Decision(HIDE) for t in args.hide or []}
    decisions |= {decision_key(t): Decision(KEEP) for t in args.keep or []}
    settings = load_settings()
    finder = deduce_finder([settings.school, settings.foundation])
    with _register(args) as register:
        try:
            export = redacted_export(register, args.name, decisions, finder)
        except ReviewNeeded as review:
            from klasse_desktop.cli.report_commands import REVIEW_EXIT, print_review

            print_review(review.flags, [])
            error = CliError(
                _("Nothing was exported: decide on these names first (--hide or --keep).")
            )
            error.exit_code = REVIEW_EXIT
            raise error from None
    output = to_json(export) if _json(args) else to_text(export)
    if target is None:
        print(output)
        return 0
    # Personal data: readable by the owner only, whatever the umask.
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(output if output.endswith("\n") else output + "\n")
    if os.name == "posix":
        target.chmod(0o600)
    n = len(export["cases"])
    if _json(args):
        _emit_json({"out": str(target), "cases": n})
    else:
        print(
            ngettext(
                "Export of {n} case written to {path}.", "Export of {n} cases written to {path}.", n
            ).format(n=n, path=target)
        )
    return 0


@_boundary
def cmd_purge_expired(args: argparse.Namespace) -> int:
    from klasse_desktop.cases.retention import expired_cases, purge_expired
    from klasse_desktop.cli import case_render

    with _register(args) as register:
        expired = expired_cases(register)
        receipts = purge_expired(register) if expired and args.yes else []
    if _json(args):
        _emit_json(
            {
                "would_delete": [] if args.yes else [case_render.expired_dict(*e) for e in expired],
                "deleted": [case_render.receipt_dict(r) for r in receipts],
            }
        )
    elif not expired:
        print(_("No case has passed its retention period."))
    elif not args.yes:
        print(
            ngettext(
                "This case has passed its retention period and would be deleted:",
                "These {n} cases have passed their retention period and would be deleted:",
                len(expired),
            ).format(n=len(expired))
        )
        for case, end in expired:
            print(f"  {case_render.expired_text(case, end)}")
    else:
        for receipt in receipts:
            print(case_render.receipt_text(receipt))
    if expired and not args.yes:
        print(_("Nothing was deleted. To delete, run again with --yes."), file=sys.stderr)
        return 1
    return 0


@_boundary
def cmd_verify_audit(args: argparse.Namespace) -> int:
    with _register(args) as register:
        check = register.verify_audit()
    if _json(args):
        _emit_json({"ok": check.ok, "events": check.events, "first_broken": check.first_broken_id,
                    "rolled_back_to": check.rolled_back_to.isoformat()
                    if check.rolled_back_to else None})  # fmt: skip
    elif check.ok:
        print(
            ngettext(
                "The audit log is intact: {n} event checked.",
                "The audit log is intact: {n} events checked.",
                check.events,
            ).format(n=check.events)
        )
    elif check.first_broken_id is None:
        from klasse_desktop.i18n_dates import format_date

        when = format_date(check.rolled_back_to.date(), args.lang) if check.rolled_back_to else "—"
        print(
            _(
                "The register was set back to an older state (the audit log ends on {date}, "
                "but it had later events): events were removed from its end, or an older "
                "copy of the register was put in its place."
            ).format(date=when)
        )
    else:
        print(
            _(
                "The audit log is broken at event {id}: it was changed, or events were removed."
            ).format(id=check.first_broken_id)
        )
    return 0 if check.ok else 1


@_boundary
def cmd_retention(args: argparse.Namespace) -> int:
    from klasse_desktop.cases.retention import policy, set_retention_years, years_for
    from klasse_desktop.protocol.models import FileType

    with _register(args) as register:
        if args.years is not None:
            if not args.file:
                raise CliError(
                    _("Say for which file: --file personeelsdossier or leerlingendossier.")
                )
            set_retention_years(register, args.file, args.years)
        with register.session() as session:
            state = policy(session)
            years = {f.value: years_for(state, f.value) for f in FileType}
    if _json(args):
        _emit_json({"retention_years": years})
    else:
        for file_type, value in years.items():
            print(
                ngettext(
                    "{file}: kept {n} year after closing",
                    "{file}: kept {n} years after closing",
                    value,
                ).format(file=file_type, n=value)
            )
    return 0


@_boundary
def cmd_backups(args: argparse.Namespace) -> int:
    """The backups, newest first; names and dates only, so no passphrase is needed."""
    from datetime import datetime

    from klasse_desktop.cases.database import backups_in

    folder = _folder(args)
    found = [
        (path, datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0))
        for path in backups_in(folder)
    ]
    if _json(args):
        _emit_json(
            [{"file": str(path), "made": made.isoformat(), "size": path.stat().st_size}
             for path, made in found]
        )  # fmt: skip
        return 0
    if not found:
        print(_("There are no backups in {path}.").format(path=folder / "backups"))
        return 0
    for path, made in found:
        print(f"{made:%Y-%m-%d %H:%M}  {path}")
    return 0


@_boundary
def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup in place of register.db; the old file is moved aside, never deleted."""
    from klasse_desktop.cases.restore import restore_backup

    folder = _folder(args)
    source = Path(args.backup).expanduser()
    if not source.is_file():
        # A bare name from `cases backups` means the one in the register's backups folder.
        from klasse_desktop.cases.database import BACKUP_DIR

        candidate = folder / BACKUP_DIR / args.backup
        source = candidate if candidate.is_file() else source
    if not source.is_file():
        raise CliError(_("There is no backup file {path}.").format(path=args.backup))
    with _folder_locked(folder):
        moved = restore_backup(folder, source, _passphrase())
    if _json(args):
        _emit_json({"restored": str(source), "moved_aside": str(moved) if moved else None})
        return 0
    print(_("The register was restored from {backup}.").format(backup=source.name))
    if moved is not None:
        print(_("The previous register file was kept as {path}.").format(path=moved))
    return 0
