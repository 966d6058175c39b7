"""Correcting a party (name, role, class or function) and removing one added by mistake.

Entries are append-only, parties are not: a misspelt name or a parent filed as a
pupil must be put right, or every report prints the mistake. Each change is one
transaction that first writes its audit event ("correct" / "remove", no content)
and then changes the row; the database lets a party change only right after such
an event for that party (migration 0005), so nothing changes a party unaudited.
Reports read the parties when they are made, so they use the corrected values.

A party is removed only when nothing refers to it: no parent or carer is linked
to it, no decision from a report's name review points at it, and its name does
not appear in the case's title, summary or entries. Those texts cannot be
changed, and the registered party is what keeps such a name hidden in other
people's reports; a party that was simply recorded wrongly is corrected instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sqlmodel import Session, col, select

from klasse_desktop.cases import audit
from klasse_desktop.cases.errors import InvalidInputError, NotFoundError
from klasse_desktop.cases.models import Case, Entry, NameDecision, Party, PartyRole
from klasse_desktop.cases.repository import MAX_NAME, CaseRegister, _choice, _text
from klasse_desktop.i18n import _
from klasse_desktop.typed_text import clean_typed

KEEP = -1  # `related_to`: leave whose parent or carer a party is as it was

# Tussenvoegsels: never a reason on their own to keep a party ("de" is in every note).
_PARTICLES = frozenset(
    ("van", "de", "der", "den", "het", "'t", "te", "ter", "ten", "in", "op", "aan", "bij",
     "uit", "voor", "la", "le", "du", "da", "di", "del", "della", "dos", "das", "von", "vom",
     "zu", "el", "al", "bin", "ibn", "abu")
)  # fmt: skip


class PartyInUseError(InvalidInputError):
    """The party is referred to; the message says by what."""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _name_parts(name: str) -> dict[str, str]:
    """Each part of a name, folded ("zoe"), with the part as written ("Zoë")."""
    parts = {}
    for raw in re.split(r"[\s\-–]+", name):
        written = raw.strip(".'’")
        folded = _fold(written)
        if folded and _fold(raw) not in _PARTICLES and folded not in _PARTICLES:
            parts[folded] = written
    return parts


def mentioned_part(name: str, others: Iterable[str], texts: Iterable[str]) -> str | None:
    """A part of `name` (as written in the name) found as a whole word in `texts`, that
    no other party of the case shares (so removing a duplicate "Sam de Vries" is never
    refused); None if there is none."""
    shared = set().union(*(_name_parts(other).keys() for other in others))
    own = _name_parts(name)
    parts = sorted(own.keys() - shared, key=len, reverse=True)
    if not parts:
        return None
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(p) for p in parts) + r")(?!\w)")
    for text in texts:
        found = pattern.search(_fold(text))
        if found:
            return own[found.group(1)]
    return None


def _party(
    session: Session, register: CaseRegister, number: str, party_id: int
) -> tuple[Case, Party]:
    case_id, case = register._case_id(session, number)
    party = session.get(Party, party_id)
    if party is None or party.case_id != case_id:
        raise NotFoundError(
            _("Party {id} is not part of case {number}.").format(id=party_id, number=number)
        )
    return case, party


def correct_party(
    register: CaseRegister, number: str, party_id: int, *, role: str, name: str,
    class_or_function: str = "", related_to: int | None = KEEP,
) -> Party:  # fmt: skip
    """Put a party's role, name and class or function right; returns the party as it
    is now. A parent or carer keeps whose parent they are unless `related_to` says
    otherwise; any other role is nobody's parent."""
    _choice(role, PartyRole, _("role"))
    name = _text(name, _("The name"), MAX_NAME)
    class_or_function = clean_typed(class_or_function).strip()[:MAX_NAME]
    with register.session() as session:
        case, party = _party(session, register, number, party_id)
        if role != PartyRole.OUDER:
            related_to = None
        elif related_to == KEEP:
            related_to = party.related_to_id
        if related_to is not None:
            CaseRegister._check_relation(session, case.id or 0, role, related_to)
        if party.role == PartyRole.LEERLING and role != PartyRole.LEERLING:
            parents = _parents_of(session, party)
            if parents:
                raise PartyInUseError(
                    _(
                        "{name} is recorded as the child of {parents}, so they stay a pupil. "
                        "Record that parent’s child as unknown first."
                    ).format(name=party.name, parents=", ".join(parents))
                )
        new = (role, name, class_or_function, related_to)
        if new == (party.role, party.name, party.class_or_function, party.related_to_id):
            return party
        audit.record(session, register.actor, "correct", "party", party.id, case.number)
        session.flush()  # the event first: the database checks for it (migration 0005)
        party.role, party.name, party.class_or_function, party.related_to_id = new
        session.add(party)
    return party


def _parents_of(session: Session, party: Party) -> list[str]:
    rows = session.exec(select(Party.name).where(Party.related_to_id == party.id))
    return list(rows)


def removal_refused(register: CaseRegister, number: str, party_id: int) -> str | None:
    """Why the party cannot be removed (one translated sentence), or None if it can."""
    with register.reading() as session:
        case, party = _party(session, register, number, party_id)
        return _refusal(session, case, party)


def _refusal(session: Session, case: Case, party: Party) -> str | None:
    parents = _parents_of(session, party)
    if parents:
        return _(
            "{name} cannot be removed: {parents} is recorded as their parent or carer. "
            "Change that first."
        ).format(name=party.name, parents=", ".join(parents))
    decided = session.exec(
        select(NameDecision.text).where(NameDecision.party_id == party.id)
    ).first()
    if decided is not None:
        return _(
            "{name} cannot be removed: in a report’s review of names, “{text}” was "
            "recorded as this party."
        ).format(name=party.name, text=decided)
    others = session.exec(
        select(Party.name).where(Party.case_id == case.id, col(Party.id) != party.id)
    )
    entries = session.exec(select(Entry.text, Entry.reported_to).where(Entry.case_id == case.id))
    texts = [case.title, case.summary, *(t for row in entries for t in row)]
    word = mentioned_part(party.name, list(others), texts)
    if word is not None:
        return _(
            "{name} cannot be removed: “{word}” appears in this case’s title, summary or "
            "entries, which cannot be changed, and the party keeps that name hidden in "
            "reports. If the party was recorded wrongly, correct it instead."
        ).format(name=party.name, word=word)
    return None


def remove_party(register: CaseRegister, number: str, party_id: int) -> None:
    """Remove a party that nothing refers to; otherwise PartyInUseError says why."""
    with register.session() as session:
        case, party = _party(session, register, number, party_id)
        refusal = _refusal(session, case, party)
        if refusal is not None:
            raise PartyInUseError(refusal)
        audit.record(session, register.actor, "remove", "party", party.id, case.number)
        session.flush()  # the event first: the database checks for it (migration 0005)
        session.delete(party)
