"""Tables of the case register (SQLModel). The schema itself is owned by the
Alembic migrations in `migrations/`; these classes must match the newest one
(`tests/test_case_migrations.py` compares them)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import QueryableAttribute, defer
from sqlalchemy.orm.interfaces import LoaderOption
from sqlmodel import Field, SQLModel

from klasse_desktop.i18n import N_, _

# -- vocabularies (stored as their value; labels translated when shown) ------------


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Category(StrEnum):
    HACKEN = "hacken"
    RADICALISERING = "radicalisering"
    SEXTING = "sexting"
    PESTEN = "pesten"
    STALKEN = "stalken"
    BEDREIGEN = "bedreigen"
    MEMES = "memes"
    BESCHADIGEN = "beschadigen"
    ONBEVOEGDE_OPNAME = "onbevoegde_opname"
    PRIVACY = "privacy"
    ANDERS = "anders"


class PartyRole(StrEnum):
    MEDEWERKER = "medewerker"
    LEERLING = "leerling"
    OUDER = "ouder"
    STAGIAIR = "stagiair"
    VRIJWILLIGER = "vrijwilliger"
    EXTERN = "extern"


class EntryKind(StrEnum):
    OBSERVATION = "observation"
    CONVERSATION = "conversation"
    MEASURE = "measure"
    REPORT = "report"
    CORRESPONDENCE = "correspondence"
    WIZARD_OUTCOME = "wizard_outcome"


CATEGORY_LABELS = {
    Category.HACKEN: N_("Hacking an account"),
    Category.RADICALISERING: N_("Radicalisation"),
    Category.SEXTING: N_("Sexting"),
    Category.PESTEN: N_("Bullying"),
    Category.STALKEN: N_("Stalking"),
    Category.BEDREIGEN: N_("Threats"),
    Category.MEMES: N_("Spreading memes"),
    Category.BESCHADIGEN: N_("Otherwise causing harm"),
    Category.ONBEVOEGDE_OPNAME: N_("Unauthorised recording"),
    Category.PRIVACY: N_("Privacy"),
    Category.ANDERS: N_("Other"),
}
ROLE_LABELS = {
    PartyRole.MEDEWERKER: N_("Staff member"),
    PartyRole.LEERLING: N_("Pupil"),
    PartyRole.OUDER: N_("Parent or carer"),
    PartyRole.STAGIAIR: N_("Intern"),
    PartyRole.VRIJWILLIGER: N_("Volunteer"),
    PartyRole.EXTERN: N_("External"),
}
ENTRY_KIND_LABELS = {
    EntryKind.OBSERVATION: N_("Observation"),
    EntryKind.CONVERSATION: N_("Conversation"),
    EntryKind.MEASURE: N_("Measure"),
    EntryKind.REPORT: N_("Report made"),
    EntryKind.CORRESPONDENCE: N_("Correspondence"),
    EntryKind.WIZARD_OUTCOME: N_("Wizard outcome"),
}
STATUS_LABELS = {CaseStatus.OPEN: N_("Open"), CaseStatus.CLOSED: N_("Closed")}


def label_of(labels: Mapping[Any, str], value: str) -> str:
    """The translated label of a stored value (the value itself if it is unknown)."""
    return _(labels[value]) if value in labels else value


# -- tables ------------------------------------------------------------------------


class Case(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(index=True, unique=True)
    title: str
    school: str = ""
    category: str = Field(index=True)
    status: str = Field(default=CaseStatus.OPEN, index=True)
    file_type: str = Field(index=True)
    opened_on: date = Field(index=True)
    closed_on: date | None = None
    legal_hold: bool = False
    summary: str = ""
    protocol_version: str
    created_at: datetime


class Party(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    role: str
    name: str
    class_or_function: str = ""
    created_at: datetime
    related_to_id: int | None = Field(default=None, foreign_key="party.id")  # parent of this pupil


class Entry(SQLModel, table=True):
    """Append-only: the database refuses UPDATE, and DELETE outside a purge."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    kind: str
    event_date: date
    recorded_at: datetime
    author: str
    text: str
    reported_to: str = ""
    corrects_id: int | None = Field(default=None, foreign_key="entry.id")
    wizard_record: str | None = None  # JSON: the run record and the texts shown


class Attachment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    entry_id: int | None = Field(default=None, foreign_key="entry.id")
    filename: str
    media_type: str
    size: int
    sha256: str
    data: bytes  # never loaded with a list of attachments: see `without_file_data`
    added_at: datetime


def without_file_data() -> LoaderOption:
    """A query option for lists of attachments: the files' bytes stay in the database
    (a case with a hundred screenshots would otherwise read 100 MB to list their
    names) and touching them raises instead of loading them one by one. The bytes
    are read one file at a time, when it is opened or saved."""
    return defer(cast(QueryableAttribute[bytes], Attachment.data), raiseload=True)


class AuditEvent(SQLModel, table=True):
    """Who did what, when — never the content. Each row seals the previous one."""

    __tablename__ = "audit_event"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    case_number: str = ""
    prev_hash: str
    hash: str


class DeletionReceipt(SQLModel, table=True):
    """What was deleted under the retention rules, without any personal data."""

    __tablename__ = "deletion_receipt"
    id: int | None = Field(default=None, primary_key=True)
    case_number: str
    file_type: str
    opened_on: date
    closed_on: date | None
    retention_end: date | None
    deleted_at: datetime
    parties: int
    entries: int
    attachments: int


class NameDecision(SQLModel, table=True):
    """The director's decision on a name found in the case's text, asked once per case
    before a report is written: hide it, keep it, or it is that party."""

    __tablename__ = "name_decision"
    __table_args__ = (UniqueConstraint("case_id", "text", name="uq_name_decision_case_text"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    text: str
    action: str
    party_id: int | None = Field(default=None, foreign_key="party.id")
    decided_at: datetime


class Draft(SQLModel, table=True):
    """The entry being typed, kept (encrypted) so a crash or a lock loses nothing: one
    per case for a new entry, and one per entry being corrected (migration 0006)."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    corrects_id: int | None = None  # the entry an addendum corrects; None: a new entry
    kind: str
    event_date: date
    text: str
    updated_at: datetime


class RegisterState(SQLModel, table=True):
    """One row: register-wide policy and the purge switch the triggers look at."""

    __tablename__ = "register_state"
    id: int | None = Field(default=1, primary_key=True)
    retention_years_personeelsdossier: int = 2
    retention_years_leerlingendossier: int = 2
    purging: int = 0
