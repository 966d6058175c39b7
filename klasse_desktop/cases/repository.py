"""The case register's operations: the only way the UI and the CLI touch case data.

Every change is validated here (clear, translated messages), written in one
transaction together with its audit event, and entries are never edited: a
correction is an addendum that points at what it corrects.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mimetypes
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy.exc
from sqlalchemy import func
from sqlmodel import Session, col, select

from klasse_desktop.cases import audit
from klasse_desktop.cases.database import READ_ONLY, Database, auto_backup, backup, open_database
from klasse_desktop.cases.errors import (
    InvalidInputError,
    NotFoundError,
    RegisterBusyError,
    RegisterReplacedError,
    StorageError,
)
from klasse_desktop.cases.models import (
    Attachment,
    Case,
    CaseStatus,
    Category,
    Draft,
    Entry,
    EntryKind,
    NameDecision,
    Party,
    PartyRole,
    without_file_data,
)
from klasse_desktop.i18n import _
from klasse_desktop.protocol.models import FileType
from klasse_desktop.typed_text import clean_typed

MAX_TITLE = 200
MAX_NAME = 200
MAX_TEXT = 2_000_000  # characters; a pasted chat log of a few MB still fits
MAX_ATTACHMENT = 25 * 1024 * 1024
NAME_ACTIONS = ("hide", "keep", "party")


def _is_busy(exc: sqlalchemy.exc.OperationalError) -> bool:
    """Another process holds a write lock longer than the busy timeout: not damage,
    not a full disk, just wait."""
    text = str(exc.orig).lower()
    return "database is locked" in text or "database is busy" in text


def _is_storage_problem(exc: sqlalchemy.exc.OperationalError) -> bool:
    text = str(exc.orig).lower()
    return any(word in text for word in ("disk", "full", "readonly", "read-only", "i/o"))


def move_anchor(data_dir: Path, seq: int, seal: str) -> None:
    """Keep the audit chain's last row and seal in the key file (see `audit`)."""
    from dataclasses import replace

    from klasse_desktop.cases import keys

    params = keys.read_params(data_dir)
    if params is not None and seq >= params.audit_seq:
        keys.write_params(data_dir, replace(params, audit_seq=seq, audit_mac=seal))


_log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class CaseDetail:
    case: Case
    parties: list[Party]
    entries: list[Entry]
    attachments: list[Attachment]  # `data` left out (load with attachment_data)
    retention_end: date | None = None
    addenda: dict[int, list[Entry]] = field(default_factory=dict)  # corrected id -> addenda


def _text(value: str, what: str, limit: int) -> str:
    cleaned = clean_typed(value)
    if not cleaned.strip():
        raise InvalidInputError(_("{what} cannot be empty.").format(what=what))
    if len(cleaned) > limit:
        raise InvalidInputError(
            _("{what} is too long (at most {limit} characters).").format(what=what, limit=limit)
        )
    return cleaned.strip()


_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)]
)


def safe_filename(filename: str) -> str:
    """The last part of a file name, safe to use in any folder on any system.

    A name is only ever a name: "..", "..\\..\\win.txt" or a path are cut to their
    last part, control characters and the characters Windows forbids become "_", and
    reserved device names get a "_" in front, so a later "save a copy" can never write
    outside the folder the user chose ("" when nothing is left).
    """
    last = re.split(r"[/\\]", filename)[-1]
    cleaned = "".join(
        "_" if ch in '<>:"|?*' or unicodedata.category(ch) in ("Cc", "Cs") else ch
        for ch in clean_typed(last)
    ).strip(" .")
    if cleaned.split(".")[0].upper() in _WINDOWS_RESERVED:
        cleaned = f"_{cleaned}"
    return cleaned[:MAX_NAME]


def _choice(value: str, allowed: type[Any], what: str) -> str:
    options = [m.value for m in allowed]
    if value not in options:
        raise InvalidInputError(
            _("{value!r} is not a valid {what}. Choose from: {options}").format(
                value=value, what=what, options=", ".join(options)
            )
        )
    return value


def _draft(case_id: int, corrects: int | None) -> Any:
    """The draft of a new entry (`corrects` None) or of an addendum to `corrects`."""
    match = Draft.corrects_id.is_(None) if corrects is None else Draft.corrects_id == corrects  # type: ignore[union-attr]
    return select(Draft).where(Draft.case_id == case_id, match)


class CaseRegister:
    def __init__(self, database: Database, actor: str) -> None:
        self.database = database
        self.actor = actor.strip() or _("unknown user")

    @classmethod
    def open(
        cls, data_dir: Path, passphrase: str, actor: str, *, create: bool = False,
        kdf: dict[str, int] | None = None, backup: bool = True,
    ) -> CaseRegister:  # fmt: skip
        """Unlock the register. `backup=False` leaves the daily backup to the caller
        (`backup_if_due`): the window makes it after the unlock, in the background."""
        database = open_database(data_dir, passphrase, create=create, kdf=kdf, backup=backup)
        register = cls(database, actor)
        register.audit_view("register", "-", action="unlock")
        return register

    def backup_if_due(self) -> Path | None:
        """The daily automatic backup, if one is due (see `database.auto_backup`)."""
        return auto_backup(self.database)

    def audit_view(self, kind: str, obj: object, number: str = "", action: str = "view") -> None:
        """Record that something was seen. On a full or read-only disk the record cannot
        be written; reading must still work then (the README says so), so the failure
        is logged (without content) and the view goes on."""
        try:
            with self.session() as session:
                audit.record(session, self.actor, action, kind, obj, number)
        except StorageError:
            _log.warning("audit event not written (disk full or read-only): %s", action)

    def close(self) -> None:
        self.database.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write transaction (BEGIN IMMEDIATE: it takes the write lock at once, so it
        never fails halfway on a lock). A disk that is full or read-only becomes a
        StorageError with a message the user can act on (the caller keeps what was
        typed)."""
        with self._transaction(reading=False) as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read transaction (plain BEGIN): in WAL mode it reads one consistent moment
        of the register and never waits for a writer, so a write held by another
        program (the CLI) cannot hold up a view. Nothing may be changed in it."""
        with self._transaction(reading=True) as session:
            yield session

    @contextmanager
    def _transaction(self, *, reading: bool) -> Iterator[Session]:
        if not self.database.still_in_place():
            raise RegisterReplacedError(
                _(
                    "The case register file was moved or replaced while it was open (by a "
                    "restore or another program). Nothing was saved. Lock the register "
                    "and unlock it again."
                )
            )
        try:
            with Session(self.database.engine, expire_on_commit=False) as session:
                if reading:
                    session.connection(execution_options={READ_ONLY: True})
                yield session
                if reading and (session.new or session.dirty or session.deleted):
                    raise RuntimeError("a read transaction must not change anything")
                session.commit()
                last = session.info.pop("audit_last", None)
                if last is not None:
                    move_anchor(self.database.path.parent, last.id or 0, last.hash)
        except sqlalchemy.exc.OperationalError as exc:
            if _is_busy(exc):
                raise RegisterBusyError(
                    _(
                        "The case register is busy in another program right now. Try again in "
                        "a few seconds; nothing was changed."
                    )
                ) from None
            if not _is_storage_problem(exc):
                raise
            raise StorageError(
                _(
                    "The case register could not save this: the disk is full or cannot be "
                    "written. Nothing was changed. Free some space and try again."
                )
            ) from None

    def _audit(
        self, session: Session, action: str, kind: str, obj: object, number: str = ""
    ) -> None:
        audit.record(session, self.actor, action, kind, obj, number)

    @staticmethod
    def _case(session: Session, number: str) -> Case:
        case = session.exec(select(Case).where(Case.number == number.strip())).first()
        if case is None:
            raise NotFoundError(_("There is no case {number}.").format(number=number))
        return case

    @classmethod
    def _case_id(cls, session: Session, number: str) -> tuple[int, Case]:
        case = cls._case(session, number)
        assert case.id is not None
        return case.id, case

    # -- cases ----------------------------------------------------------------------

    def create_case(
        self, title: str, category: str, file_type: str, *, protocol_version: str,
        school: str = "", summary: str = "", opened_on: date | None = None,
    ) -> Case:  # fmt: skip
        title = _text(title, _("The title"), MAX_TITLE)
        _choice(category, Category, _("category"))
        _choice(file_type, FileType, _("file type"))
        opened_on = opened_on or date.today()
        if opened_on > date.today():
            raise InvalidInputError(_("A case cannot be opened on a date in the future."))
        with self.session() as session:
            case = Case(
                number=self._next_number(session, opened_on.year), title=title,
                school=clean_typed(school).strip()[:MAX_NAME], category=category,
                file_type=file_type,
                opened_on=opened_on, summary=clean_typed(summary).strip()[:MAX_TEXT],
                protocol_version=protocol_version, created_at=_now(),
            )  # fmt: skip
            session.add(case)
            session.flush()
            self._audit(session, "create", "case", case.id, case.number)
        return case

    @staticmethod
    def _next_number(session: Session, year: int) -> str:
        from klasse_desktop.cases.models import DeletionReceipt

        prefix = f"K-{year}-"
        numbers = [
            *session.exec(select(Case.number).where(col(Case.number).startswith(prefix))),
            *session.exec(
                select(DeletionReceipt.case_number).where(
                    col(DeletionReceipt.case_number).startswith(prefix)
                )
            ),
        ]
        last = max((int(n.removeprefix(prefix)) for n in numbers), default=0)
        return f"{prefix}{last + 1:04d}"

    def update_case(
        self, number: str, *, title: str | None = None, summary: str | None = None,
        category: str | None = None, legal_hold: bool | None = None,
    ) -> Case:  # fmt: skip
        with self.session() as session:
            case = self._case(session, number)
            if title is not None:
                case.title = _text(title, _("The title"), MAX_TITLE)
            if summary is not None:
                case.summary = clean_typed(summary).strip()[:MAX_TEXT]
            if category is not None:
                case.category = _choice(category, Category, _("category"))
            if legal_hold is not None:
                case.legal_hold = legal_hold
            session.add(case)
            self._audit(session, "change", "case", case.id, case.number)
        return case

    def close_case(self, number: str, closed_on: date | None = None) -> Case:
        with self.session() as session:
            case = self._case(session, number)
            closed_on = closed_on or date.today()
            if closed_on > date.today():
                raise InvalidInputError(_("A case cannot be closed on a date in the future."))
            if closed_on < case.opened_on:
                raise InvalidInputError(_("A case cannot be closed before it was opened."))
            case.status, case.closed_on = CaseStatus.CLOSED, closed_on
            session.add(case)
            self._audit(session, "close", "case", case.id, case.number)
        return case

    def reopen_case(self, number: str) -> Case:
        with self.session() as session:
            case = self._case(session, number)
            case.status, case.closed_on = CaseStatus.OPEN, None
            session.add(case)
            self._audit(session, "reopen", "case", case.id, case.number)
        return case

    def get_case(self, number: str) -> CaseDetail:
        from klasse_desktop.cases.retention import retention_end

        with self.reading() as session:
            case = self._case(session, number)
            parties = list(
                session.exec(select(Party).where(Party.case_id == case.id).order_by(col(Party.id)))
            )
            entries = list(
                session.exec(
                    select(Entry).where(Entry.case_id == case.id)
                    .order_by(col(Entry.event_date), col(Entry.recorded_at), col(Entry.id))
                )
            )  # fmt: skip
            attachments = list(
                session.exec(
                    select(Attachment)
                    .where(Attachment.case_id == case.id)
                    .options(without_file_data())
                    .order_by(col(Attachment.id))
                )
            )
            for attachment in attachments:
                session.expunge(attachment)
                attachment.data = b""
            end = retention_end(case, session)
        self.audit_view("case", case.id, case.number)
        addenda: dict[int, list[Entry]] = {}
        for entry in entries:
            if entry.corrects_id is not None:
                addenda.setdefault(entry.corrects_id, []).append(entry)
        return CaseDetail(case, parties, entries, attachments, end, addenda)

    # -- parties and entries ---------------------------------------------------------

    def add_party(
        self, number: str, role: str, name: str, class_or_function: str = "",
        related_to: int | None = None,
    ) -> Party:  # fmt: skip
        _choice(role, PartyRole, _("role"))
        name = _text(name, _("The name"), MAX_NAME)
        with self.session() as session:
            case_id, case = self._case_id(session, number)
            if related_to is not None:
                self._check_relation(session, case_id, role, related_to)
            party = Party(
                case_id=case_id,
                role=role,
                name=name,
                class_or_function=clean_typed(class_or_function).strip()[:MAX_NAME],
                created_at=_now(),
                related_to_id=related_to,
            )
            session.add(party)
            session.flush()
            self._audit(session, "create", "party", party.id, case.number)
        return party

    @staticmethod
    def _check_relation(session: Session, case_id: int, role: str, related_to: int) -> None:
        """Only a parent or carer is related, and only to a pupil of the same case."""
        if role != PartyRole.OUDER:
            raise InvalidInputError(
                _("Only a parent or carer can be recorded as the parent of a pupil.")
            )
        pupil = session.get(Party, related_to)
        if pupil is None or pupil.case_id != case_id or pupil.role != PartyRole.LEERLING:
            raise InvalidInputError(
                _("Party {id} is not a pupil in this case.").format(id=related_to)
            )

    def set_party_relation(self, number: str, party_id: int, related_to: int | None) -> Party:
        """Record (or clear) whose parent or carer a party is."""
        with self.session() as session:
            case_id, case = self._case_id(session, number)
            party = session.get(Party, party_id)
            if party is None or party.case_id != case_id:
                raise NotFoundError(
                    _("Party {id} is not part of case {number}.").format(id=party_id, number=number)
                )
            if related_to is not None:
                self._check_relation(session, case_id, party.role, related_to)
            party.related_to_id = related_to
            session.add(party)
            self._audit(session, "change", "party", party.id, case.number)
        return party

    # -- decisions on names in reports ---------------------------------------------------

    def name_decisions(self, number: str) -> dict[str, tuple[str, int | None]]:
        """Text as typed -> (action, party id) for the names reviewed in this case."""
        with self.reading() as session:
            case_id, _case = self._case_id(session, number)
            rows = session.exec(select(NameDecision).where(NameDecision.case_id == case_id))
            return {row.text: (row.action, row.party_id) for row in rows}

    def save_name_decisions(
        self, number: str, decisions: dict[str, tuple[str, int | None]]
    ) -> None:
        """Keep the review's decisions with the case; the audit event holds no names."""
        if not decisions:
            return
        with self.session() as session:
            case_id, case = self._case_id(session, number)
            existing = {
                row.text: row
                for row in session.exec(select(NameDecision).where(NameDecision.case_id == case_id))
            }
            for text, (action, party_id) in decisions.items():
                if action not in NAME_ACTIONS:
                    raise InvalidInputError(_("Unknown decision {action!r}.").format(action=action))
                row = existing.get(text) or NameDecision(
                    case_id=case_id, text=text, action=action, decided_at=_now()
                )
                row.action, row.party_id, row.decided_at = action, party_id, _now()
                session.add(row)
            self._audit(session, "review", "names", len(decisions), case.number)

    def add_entry(
        self, number: str, text: str, *, kind: str = EntryKind.OBSERVATION,
        event_date: date | None = None, reported_to: str = "", corrects: int | None = None,
        wizard_record: dict[str, Any] | None = None,
    ) -> Entry:  # fmt: skip
        _choice(kind, EntryKind, _("entry kind"))
        text = _text(text, _("The text"), MAX_TEXT)
        event_date = event_date or date.today()
        if event_date > date.today():
            raise InvalidInputError(_("The date of the event cannot be in the future."))
        with self.session() as session:
            case_id, case = self._case_id(session, number)
            if corrects is not None:
                original = session.get(Entry, corrects)
                if original is None or original.case_id != case.id:
                    raise NotFoundError(
                        _("Entry {id} is not part of case {number}.").format(
                            id=corrects, number=number
                        )
                    )
            record = json.dumps(wizard_record, ensure_ascii=False) if wizard_record else None
            entry = Entry(
                case_id=case_id, kind=kind, event_date=event_date, recorded_at=_now(),
                author=self.actor, text=text,
                reported_to=clean_typed(reported_to).strip()[:MAX_NAME],
                corrects_id=corrects, wizard_record=record,
            )  # fmt: skip
            session.add(entry)
            session.flush()
            draft = session.exec(_draft(case_id, corrects)).first()  # this text's own draft
            if draft is not None:
                session.delete(draft)
            self._audit(
                session, "create", "addendum" if corrects else "entry", entry.id, case.number
            )
        return entry

    def add_addendum(
        self, number: str, corrects: int, text: str, *, event_date: date | None = None
    ) -> Entry:
        with self.session() as session:
            original = session.get(Entry, corrects)
            kind = original.kind if original else EntryKind.OBSERVATION
        return self.add_entry(number, text, kind=kind, event_date=event_date, corrects=corrects)

    # -- attachments ------------------------------------------------------------------

    def add_attachment(
        self, number: str, filename: str, data: bytes, *, entry_id: int | None = None
    ) -> Attachment:
        name = safe_filename(filename)
        if not name:
            raise InvalidInputError(_("The file has no name."))
        if not data:
            raise InvalidInputError(_("The file {name} is empty.").format(name=name))
        if len(data) > MAX_ATTACHMENT:
            raise InvalidInputError(
                _("The file {name} is larger than {size} MB.").format(
                    name=name, size=MAX_ATTACHMENT // 2**20
                )
            )
        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        with self.session() as session:
            case_id, case = self._case_id(session, number)
            attachment = Attachment(
                case_id=case_id, entry_id=entry_id, filename=name, media_type=media_type,
                size=len(data), sha256=hashlib.sha256(data).hexdigest(), data=data, added_at=_now(),
            )  # fmt: skip
            session.add(attachment)
            session.flush()
            self._audit(session, "create", "attachment", attachment.id, case.number)
        attachment.data = b""
        return attachment

    def attachment_data(self, attachment_id: int) -> bytes:
        with self.session() as session:
            attachment = session.get(Attachment, attachment_id)
            if attachment is None:
                raise NotFoundError(_("There is no attachment {id}.").format(id=attachment_id))
            case = session.get(Case, attachment.case_id)
            self._audit(session, "view", "attachment", attachment_id, case.number if case else "")
            return attachment.data

    # -- drafts -------------------------------------------------------------------------

    def save_draft(
        self, number: str, text: str, kind: str = EntryKind.OBSERVATION,
        event_date: date | None = None, *, corrects: int | None = None,
    ) -> None:  # fmt: skip
        """`corrects`: the entry an addendum being typed corrects (None: a new entry)."""
        with self.session() as session:
            case_id, _case = self._case_id(session, number)
            draft = session.exec(_draft(case_id, corrects)).first()
            draft = draft or Draft(
                case_id=case_id, corrects_id=corrects, kind=kind, event_date=date.today(),
                text="", updated_at=_now(),
            )  # fmt: skip
            draft.kind, draft.text, draft.updated_at = kind, text[:MAX_TEXT], _now()
            draft.event_date = event_date or draft.event_date
            session.add(draft)

    def get_draft(self, number: str, *, corrects: int | None = None) -> Draft | None:
        with self.reading() as session:
            case = self._case(session, number)
            assert case.id is not None
            found: Draft | None = session.exec(_draft(case.id, corrects)).first()
            return found

    def discard_draft(self, number: str, *, corrects: int | None = None) -> None:
        with self.session() as session:
            case = self._case(session, number)
            assert case.id is not None
            draft = session.exec(_draft(case.id, corrects)).first()
            if draft is not None:
                session.delete(draft)

    # -- counts, audit, backup -----------------------------------------------------------

    def count_cases(self) -> int:
        with self.reading() as session:
            return int(session.exec(select(func.count()).select_from(Case)).one())

    def log_export(self, number: str, what: str) -> None:
        """Record that a document about a case left the register (a report, say)."""
        with self.session() as session:
            case = self._case(session, number)
            self._audit(session, "export", what, case.id, case.number)

    def verify_audit(self) -> audit.ChainCheck:
        from klasse_desktop.cases import keys

        params = keys.read_params(self.database.path.parent)
        anchor = (params.audit_seq, params.audit_mac) if params else None
        with self.reading() as session:
            return audit.verify(session, anchor)

    def backup(self) -> Path:
        with self.session() as session:
            self._audit(session, "backup", "register", "-")
        return backup(self.database, "manual")
