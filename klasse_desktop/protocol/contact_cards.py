"""Whom an outcome sends the user to: the protocol's contact, and with it the
school's own person for that role (name and phone from the settings) when known.

"Bespreek het met je leidinggevende" is only half an answer at 16:30; "Anna de
Wit (directeur), 06-…" is the other half.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from klasse_desktop.protocol.models import Outcome, RuleSet
from klasse_desktop.settings import SchoolContact

Lookup = Callable[[str], SchoolContact | None]


@dataclass(frozen=True, slots=True)
class ContactCard:
    id: str
    name: str
    phone: str | None
    description: str
    at_school: tuple[SchoolContact, ...]  # the school's own people for this contact


def contact_cards(rules: RuleSet, outcome: Outcome, language: str,
                  school: Lookup | None = None) -> list[ContactCard]:  # fmt: skip
    cards = []
    for contact_id in outcome.contacts:
        contact = rules.contacts[contact_id]
        own = [school(key) for key in contact.school_contacts] if school else []
        cards.append(ContactCard(
            contact.id, contact.name.get(language), contact.phone,
            contact.description.get(language), tuple(c for c in own if c is not None),
        ))  # fmt: skip
    return cards


def school_line(person: SchoolContact) -> str:
    """ "Anna de Wit (directeur) — 06-12345678"."""
    phone = f" — {person.phone}" if person.phone else ""
    return f"{person.name} ({person.role.lower()}){phone}"
