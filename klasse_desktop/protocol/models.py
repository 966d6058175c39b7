"""Typed, immutable objects for the protocol, its contacts and its wizards.

They are built only by `loader.py`, after validation, so code that holds one can
trust it: every `next` resolves, every cited clause exists, every text exists in
every language the protocol declares.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

# Re-exported: most code takes LocalizedText from here with the other models.
from klasse_desktop.protocol.texts import LocalizedText as LocalizedText


class OutcomeKind(StrEnum):
    ALLOWED = "allowed"
    ALLOWED_IF = "allowed_if"
    NOT_ALLOWED = "not_allowed"
    ASK_FIRST = "ask_first"
    REPORT = "report"


class FileType(StrEnum):
    PERSONEELSDOSSIER = "personeelsdossier"
    LEERLINGENDOSSIER = "leerlingendossier"


class Audience(StrEnum):
    EVERYONE = "everyone"
    DIRECTORS = "directors"


@dataclass(frozen=True, slots=True)
class Clause:
    id: str
    section_id: str
    text: LocalizedText


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: LocalizedText
    clauses: tuple[Clause, ...]
    heading: LocalizedText | None = None


@dataclass(frozen=True, slots=True)
class ProtocolDates:
    advice_directors: date | None
    consent_gmr: date | None
    rvt: date | None
    adopted: date
    evaluation: date


@dataclass(frozen=True, slots=True)
class Protocol:
    id: str
    version: str
    title: LocalizedText
    organisation: str
    translation_note: LocalizedText
    languages: tuple[str, ...]
    dates: ProtocolDates
    introduction: tuple[LocalizedText, ...]
    sections: tuple[Section, ...]
    _by_id: Mapping[str, Clause] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id = {c.id: c for s in self.sections for c in s.clauses}
        object.__setattr__(self, "_by_id", by_id)

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(self._by_id.values())

    def clause(self, clause_id: str) -> Clause:
        """The clause with this ID (case-insensitive); KeyError if there is none."""
        return self._by_id[clause_id.upper()]

    def has_clause(self, clause_id: str) -> bool:
        return clause_id.upper() in self._by_id

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)


@dataclass(frozen=True, slots=True)
class Contact:
    id: str
    name: LocalizedText
    description: LocalizedText
    phone: str | None = None
    # Which of the school's own people (settings) to show with this contact.
    school_contacts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: LocalizedText
    next: str
    # Offered only when the wizard's identity question was answered with one of
    # these choices (empty: offered to everyone).
    only_for: tuple[str, ...] = ()
    # On an identity question: the app roles (settings) that pre-answer this choice.
    settings_roles: tuple[str, ...] = ()

    def offered_to(self, identity: str | None) -> bool:
        return not self.only_for or identity is None or identity in self.only_for


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: LocalizedText
    help: LocalizedText
    choices: tuple[Choice, ...]
    identity: bool = False  # "Wie ben je?": pre-answered from the role in the settings

    def choice(self, choice_id: str) -> Choice:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        raise KeyError(choice_id)


@dataclass(frozen=True, slots=True)
class Condition:
    """One condition of an outcome; with `when`, only for some answers (a text for
    the school account gets no condition about photos)."""

    text: LocalizedText
    when: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def applies(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(question) in choices for question, choices in self.when.items())


@dataclass(frozen=True, slots=True)
class PhotoCheck:
    """The outcome offers the photo check ("Foto controleren"); once a safe copy is
    saved, the wizard can be run again with `rerun`'s answers (say: nobody is
    recognisable any more)."""

    rerun: Mapping[str, str] = field(default_factory=dict)
    when: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # as on conditions

    def applies(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(question) in choices for question, choices in self.when.items())


@dataclass(frozen=True, slots=True)
class Outcome:
    id: str
    kind: OutcomeKind
    verdict: LocalizedText
    explanation: LocalizedText
    clauses: tuple[str, ...]
    conditions: tuple[Condition, ...] = ()
    contacts: tuple[str, ...] = ()
    file_type: FileType | None = None
    photo_check: PhotoCheck | None = None

    def conditions_for(self, answers: Mapping[str, str]) -> tuple[LocalizedText, ...]:
        """The conditions that apply after these answers."""
        return tuple(c.text for c in self.conditions if c.applies(answers))


Node = Question | Outcome


@dataclass(frozen=True, slots=True)
class Wizard:
    id: str
    order: int
    audience: Audience
    title: LocalizedText
    summary: LocalizedText
    keywords: Mapping[str, tuple[str, ...]]
    start: str
    questions: Mapping[str, Question]
    outcomes: Mapping[str, Outcome]
    source: str = ""

    def node(self, node_id: str) -> Node:
        if node_id in self.questions:
            return self.questions[node_id]
        return self.outcomes[node_id]

    def question(self, question_id: str) -> Question:
        return self.questions[question_id]

    @property
    def identity_question(self) -> Question | None:
        return next((q for q in self.questions.values() if q.identity), None)

    def choice_for_role(self, role: str) -> Choice | None:
        """The identity choice the app role `role` (settings) pre-answers, if any."""
        question = self.identity_question
        if question is None:
            return None
        return next((c for c in question.choices if role in c.settings_roles), None)


@dataclass(frozen=True, slots=True)
class Informational:
    """A clause no outcome has to cite, with the reason it is only informational."""

    clause: str
    reason: LocalizedText


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Everything loaded from `resources/`: what the app decides with."""

    protocol: Protocol
    contacts: Mapping[str, Contact]
    wizards: Mapping[str, Wizard]
    informational: tuple[Informational, ...] = ()

    def wizard(self, wizard_id: str) -> Wizard:
        return self.wizards[wizard_id]
