"""Load and validate `resources/`: protocol, contacts, wizards, coverage notes.

Validation happens here, at load time, so a revised wizard file that is wrong is
refused with every error listed (file, line, wizard, node) before anyone gets an
answer from it. `check-rules` and the app both call `load_rules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.resources.abc import Traversable

from klasse_desktop.i18n import _
from klasse_desktop.protocol import answer_rules, consistency, graph
from klasse_desktop.protocol.errors import InvalidRulesError, RuleError
from klasse_desktop.protocol.models import (
    Audience,
    Choice,
    Clause,
    Condition,
    Contact,
    FileType,
    Informational,
    Outcome,
    OutcomeKind,
    PhotoCheck,
    Protocol,
    ProtocolDates,
    Question,
    RuleSet,
    Section,
    Wizard,
)
from klasse_desktop.protocol.reader import Reader
from klasse_desktop.protocol.yamlsource import YamlMap, YamlSyntaxError, load_yaml
from klasse_desktop.resources import resource_root
from klasse_desktop.settings import ROLES, SCHOOL_CONTACTS

PROTOCOL_FILE = "protocol/protocol.yaml"
CONTACTS_FILE = "contacts.yaml"
WIZARD_DIR = "wizards"
WIZARD_SUFFIX = ".wizard.yaml"
COVERAGE_FILE = "wizards/coverage.yaml"
FALLBACK_LANGUAGES = ("nl", "en")


def _document(root: Traversable, rel: str, errors: list[RuleError]) -> YamlMap | None:
    node = root.joinpath(*rel.split("/"))
    if not node.is_file():
        errors.append(RuleError(rel, 0, _("file is missing")))
        return None
    text = _read(node, rel, errors)
    return _parse(rel, text, errors) if text is not None else None


def _read(node: Traversable, rel: str, errors: list[RuleError]) -> str | None:
    """The file as text; bytes that are not UTF-8 are a located error, not a crash."""
    data = node.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        errors.append(
            RuleError(rel, line, _("not valid YAML: {problem}").format(problem=exc.reason))
        )
        return None


def _parse(rel: str, text: str, errors: list[RuleError]) -> YamlMap | None:
    try:
        data = load_yaml(text)
    except YamlSyntaxError as exc:
        errors.append(
            RuleError(rel, exc.line, _("not valid YAML: {problem}").format(problem=exc.message))
        )
        return None
    if not isinstance(data, YamlMap):
        errors.append(RuleError(rel, 1, _("the file must hold a mapping of keys and values")))
        return None
    return data


# -- protocol ---------------------------------------------------------------------


def _languages(data: YamlMap, errors: list[RuleError]) -> tuple[str, ...]:
    value = data.get("languages")
    if isinstance(value, list) and all(isinstance(v, str) for v in value) and "nl" in value:
        return tuple(value)
    errors.append(
        RuleError(
            PROTOCOL_FILE,
            data.line_of("languages"),
            _("'languages' must list language codes, including nl"),
        )
    )
    return FALLBACK_LANGUAGES


def load_protocol(data: YamlMap, errors: list[RuleError]) -> Protocol | None:
    languages = _languages(data, errors)
    r = Reader(PROTOCOL_FILE, languages, errors)
    before = len(errors)
    r.keys(
        data,
        [
            "languages",
            "id",
            "version",
            "title",
            "organisation",
            "translation_note",
            "dates",
            "introduction",
            "sections",
        ],
    )
    dates_map = r.mapping(data.get("dates"), data.line_of("dates"), "dates")
    dates = None
    if dates_map is not None:
        r.keys(dates_map, ["adopted", "evaluation"], ["advice_directors", "consent_gmr", "rvt"])
        adopted, evaluation = r.date(dates_map, "adopted"), r.date(dates_map, "evaluation")
        if adopted and evaluation:
            dates = ProtocolDates(
                advice_directors=r.date(dates_map, "advice_directors", optional=True),
                consent_gmr=r.date(dates_map, "consent_gmr", optional=True),
                rvt=r.date(dates_map, "rvt", optional=True),
                adopted=adopted,
                evaluation=evaluation,
            )
    sections = []
    seen: dict[str, int] = {}
    for line, item in r.items(data, "sections", min_items=1):
        section_map = r.mapping(item, line, "section")
        if section_map is None or not r.keys(section_map, ["id", "title", "clauses"], ["heading"]):
            continue
        section_id = r.string(section_map, "id")
        clauses = []
        for cline, citem in r.items(section_map, "clauses", min_items=1):
            clause_map = r.mapping(citem, cline, "clause")
            if clause_map is None or not r.keys(clause_map, ["id", "text"]):
                continue
            clause_id, text = r.string(clause_map, "id"), r.text(clause_map, "text")
            if clause_id is None or text is None or section_id is None:
                continue
            if clause_id in seen:
                r.error(
                    clause_map.line_of("id"),
                    _("clause {id} is defined twice (first on line {line})").format(
                        id=clause_id, line=seen[clause_id]
                    ),
                )
                continue
            seen[clause_id] = clause_map.line_of("id")
            clauses.append(Clause(clause_id, section_id, text))
        title = r.text(section_map, "title")
        heading = r.text(section_map, "heading", optional=True)
        if section_id and title:
            sections.append(Section(section_id, title, tuple(clauses), heading))
    version, title = r.string(data, "version"), r.text(data, "title")
    organisation, note = r.string(data, "organisation"), r.text(data, "translation_note")
    protocol_id = r.string(data, "id")
    introduction = r.text_list(data, "introduction", min_items=1)
    if len(errors) > before or None in (version, title, organisation, note, protocol_id, dates):
        return None
    assert version and title and organisation and note and protocol_id and dates
    return Protocol(
        protocol_id,
        version,
        title,
        organisation,
        note,
        languages,
        dates,
        introduction,
        tuple(sections),
    )


# -- contacts ---------------------------------------------------------------------


def load_contacts(
    data: YamlMap, languages: tuple[str, ...], errors: list[RuleError]
) -> dict[str, Contact]:
    r = Reader(CONTACTS_FILE, languages, errors)
    r.keys(data, ["contacts"])
    contacts: dict[str, Contact] = {}
    for line, item in r.items(data, "contacts", min_items=1):
        m = r.mapping(item, line, "contact")
        if m is None or not r.keys(m, ["id", "name", "description"], ["phone", "school_contacts"]):
            continue
        contact_id, name, description = r.identifier(m), r.text(m, "name"), r.text(m, "description")
        phone = r.string(m, "phone", optional=True)
        own = r.id_list(m, "school_contacts", min_items=1) if "school_contacts" in m else ()
        _only_known(r, m.line_of("school_contacts"), own, SCHOOL_CONTACTS,
                    _("'{value}' is not one of the school's own contacts ({known})"))  # fmt: skip
        if contact_id in contacts:
            r.error(m.line_of("id"), _("contact '{id}' is defined twice").format(id=contact_id))
        elif contact_id and name and description:
            contacts[contact_id] = Contact(contact_id, name, description, phone, own)
    return contacts


def _only_known(r: Reader, line: int, values: tuple[str, ...], known: Mapping[str, object],
                message: str) -> None:  # fmt: skip
    """One error per value that is not a key of `known` (`message` has {value}, {known})."""
    for value in values:
        if value not in known:
            r.error(line, message.format(value=value, known=", ".join(known)))


# -- wizards ----------------------------------------------------------------------


def _question(r: Reader, m: YamlMap) -> Question | None:
    if not r.keys(m, ["id", "text", "help", "choices"], ["identity"]):
        return None
    text, help_text = r.text(m, "text"), r.text(m, "help")
    identity = r.flag(m, "identity")
    choices: list[Choice] = []
    seen: set[str] = set()
    for line, item in r.items(m, "choices", min_items=2):
        cm = r.mapping(item, line, "choice")
        if cm is None or not r.keys(cm, ["id", "label", "next"], ["only_for", "settings_roles"]):
            continue
        choice_id, label, target = r.identifier(cm), r.text(cm, "label"), r.identifier(cm, "next")
        only_for = r.id_list(cm, "only_for", min_items=1) if "only_for" in cm else ()
        roles = r.id_list(cm, "settings_roles", min_items=1) if "settings_roles" in cm else ()
        if roles and not identity:
            message = _("'settings_roles' belongs on the choices of the identity question")
            r.error(cm.line_of("settings_roles"), message)
        _only_known(r, cm.line_of("settings_roles"), roles, ROLES,
                    _("'{value}' is not a role of the app (roles: {known})"))  # fmt: skip
        if choice_id in seen:
            r.error(
                cm.line_of("id"),
                _("choice '{id}' appears twice in this question").format(id=choice_id),
            )
            continue
        if choice_id and label and target:
            seen.add(choice_id)
            choices.append(Choice(choice_id, label, target, only_for, roles))
    if text is None or help_text is None or r.node is None:
        return None
    return Question(r.node, text, help_text, tuple(choices), identity)


def _without(mapping: YamlMap, key: str) -> YamlMap:
    rest = YamlMap({k: v for k, v in mapping.items() if k != key})
    rest.line = mapping.line
    rest.key_lines = {k: mapping.line_of(k) for k in rest}
    return rest


def _conditions(r: Reader, m: YamlMap, kind: str | None) -> tuple[Condition, ...]:
    """Conditions: a text per language, optionally with `when: {question: [choices]}`
    (checked against the wizard's questions once all nodes are read)."""
    minimum = 1 if kind == OutcomeKind.ALLOWED_IF else 0
    conditions: list[Condition] = []
    for line, item in r.items(m, "conditions", min_items=minimum):
        when: dict[str, tuple[str, ...]] = {}
        if isinstance(item, YamlMap) and "when" in item:
            when_map = r.mapping(item.get("when"), item.line_of("when"), "when")
            for question_id in when_map or ():
                assert when_map is not None
                when[str(question_id)] = r.id_list(when_map, question_id, min_items=1)
            item = _without(item, "when")
        text = r.text_value(item, line, "conditions")
        if text is not None:
            conditions.append(Condition(text, when))
    return tuple(conditions)


def _outcome(
    r: Reader, m: YamlMap, rules_context: tuple[Protocol, dict[str, Contact]]
) -> Outcome | None:
    protocol, contacts = rules_context
    if not r.keys(
        m,
        ["id", "kind", "verdict", "explanation", "clauses"],
        ["conditions", "contacts", "file_type", "photo_check"],
    ):
        return None
    kind = r.choice_of(m, "kind", [k.value for k in OutcomeKind])
    verdict, explanation = r.text(m, "verdict"), r.text(m, "explanation")
    clauses = r.id_list(m, "clauses", min_items=1)
    for clause_id in clauses:
        if not protocol.has_clause(clause_id):
            r.error(
                m.line_of("clauses"),
                _("cites clause '{clause}', which the protocol does not have").format(
                    clause=clause_id
                ),
            )
    conditions = _conditions(r, m, kind)
    contact_ids = r.id_list(m, "contacts", min_items=1 if kind == OutcomeKind.REPORT else 0)
    for contact_id in contact_ids:
        if contact_id not in contacts:
            r.error(
                m.line_of("contacts"),
                _("names contact '{contact}', which contacts.yaml does not define").format(
                    contact=contact_id
                ),
            )
    file_type = None
    if "file_type" in m:
        value = r.choice_of(m, "file_type", [f.value for f in FileType])
        file_type = FileType(value) if value else None
    photo_check = _photo_check(r, m) if "photo_check" in m else None
    if kind is None or verdict is None or explanation is None or r.node is None:
        return None
    return Outcome(
        r.node,
        OutcomeKind(kind),
        verdict,
        explanation,
        tuple(c.upper() for c in clauses),
        conditions,
        contact_ids,
        file_type,
        photo_check,
    )


def _photo_check(r: Reader, m: YamlMap) -> PhotoCheck | None:
    """`photo_check: {}` or `photo_check: {rerun: {question: choice}}` (the answers
    are checked against the wizard once all its nodes are read)."""
    value = r.mapping(m.get("photo_check"), m.line_of("photo_check"), "photo_check")
    if value is None or not r.keys(value, [], ["rerun", "when"]):
        return None
    when: dict[str, tuple[str, ...]] = {}
    if "when" in value:
        when_map = r.mapping(value.get("when"), value.line_of("when"), "when")
        for question_id in when_map or ():
            assert when_map is not None
            when[str(question_id)] = r.id_list(when_map, question_id, min_items=1)
    rerun: dict[str, str] = {}
    if "rerun" in value:
        answers = r.mapping(value.get("rerun"), value.line_of("rerun"), "rerun")
        for question_id in answers or ():
            assert answers is not None
            choice = answers.get(question_id)
            if not isinstance(choice, str):
                r.error(answers.line_of(question_id), _("'rerun' gives one choice per question"))
                continue
            rerun[str(question_id)] = choice
    return PhotoCheck(rerun, when)


def load_wizard(
    rel: str,
    data: YamlMap,
    protocol: Protocol,
    contacts: dict[str, Contact],
    errors: list[RuleError],
) -> Wizard | None:
    r = Reader(rel, protocol.languages, errors)
    before = len(errors)
    r.keys(
        data,
        [
            "id",
            "order",
            "audience",
            "title",
            "summary",
            "keywords",
            "start",
            "questions",
            "outcomes",
        ],
    )
    wizard_id = r.identifier(data)
    r.wizard = wizard_id
    order = r.integer(data, "order")
    audience = r.choice_of(data, "audience", [a.value for a in Audience])
    title, summary = r.text(data, "title"), r.text(data, "summary")
    keywords: dict[str, tuple[str, ...]] = {}
    kw_map = r.mapping(data.get("keywords"), data.line_of("keywords"), "keywords")
    if kw_map is not None:
        r.keys(kw_map, protocol.languages)
        for language in protocol.languages:
            words = r.id_list(kw_map, language, min_items=1) if language in kw_map else ()
            keywords[language] = words
    start = r.identifier(data, "start")

    node_lines: dict[str, int] = {}
    questions: dict[str, Question] = {}
    outcomes: dict[str, Outcome] = {}
    for section in ("questions", "outcomes"):
        for line, item in r.items(data, section, min_items=1):
            r.node = None
            m = r.mapping(item, line, section)
            if m is None:
                continue
            node_id = r.identifier(m)
            if node_id is None:
                continue
            r.node = node_id
            if node_id in node_lines:
                r.error(
                    m.line_of("id"),
                    _("id '{id}' is used twice in this wizard (first on line {line})").format(
                        id=node_id, line=node_lines[node_id]
                    ),
                )
                continue
            node_lines[node_id] = m.line_of("id")
            if section == "questions":
                question = _question(r, m)
                if question:
                    questions[node_id] = question
            else:
                outcome = _outcome(r, m, (protocol, contacts))
                if outcome:
                    outcomes[node_id] = outcome
    r.node = None
    if start and start not in node_lines:
        r.error(
            data.line_of("start"),
            _("start '{start}' is not a question of this wizard").format(start=start),
        )
    if len(errors) > before or None in (wizard_id, order, audience, title, summary, start):
        return None
    assert wizard_id and order is not None and audience and title and summary and start
    wizard = Wizard(
        wizard_id,
        order,
        Audience(audience),
        title,
        summary,
        keywords,
        start,
        questions,
        outcomes,
        rel,
    )
    for problem in graph.problems(wizard) or answer_rules.problems(wizard):
        r.node = problem.node
        r.error(node_lines.get(problem.node or "", data.line), problem.message)
    return None if len(errors) > before else wizard


def load_coverage(
    data: YamlMap, protocol: Protocol, errors: list[RuleError]
) -> tuple[Informational, ...]:
    r = Reader(COVERAGE_FILE, protocol.languages, errors)
    r.keys(data, ["informational"])
    result = []
    for line, item in r.items(data, "informational"):
        m = r.mapping(item, line, "informational")
        if m is None or not r.keys(m, ["clause", "reason"]):
            continue
        clause, reason = r.string(m, "clause"), r.text(m, "reason")
        if clause and not protocol.has_clause(clause):
            r.error(
                m.line_of("clause"),
                _("clause '{clause}' does not exist in the protocol").format(clause=clause),
            )
        elif clause and reason:
            result.append(Informational(clause.upper(), reason))
    return tuple(result)


# -- everything -------------------------------------------------------------------


def validate_rules(root: Traversable | None = None) -> tuple[RuleSet | None, list[RuleError]]:
    """Load everything under `root` (default: the shipped resources); never raises on bad data."""
    root = root if root is not None else resource_root()
    errors: list[RuleError] = []
    protocol_data = _document(root, PROTOCOL_FILE, errors)
    protocol = load_protocol(protocol_data, errors) if protocol_data is not None else None
    if protocol is None:
        return None, errors
    contacts_data = _document(root, CONTACTS_FILE, errors)
    contacts = load_contacts(contacts_data, protocol.languages, errors) if contacts_data else {}
    wizards: dict[str, Wizard] = {}
    wizard_dir = root / WIZARD_DIR
    files = (
        sorted(
            (f for f in wizard_dir.iterdir() if f.name.endswith(WIZARD_SUFFIX)),
            key=lambda f: f.name,
        )
        if wizard_dir.is_dir()
        else []
    )
    if not files:
        errors.append(
            RuleError(
                WIZARD_DIR, 0, _("no wizard files (*{suffix}) found").format(suffix=WIZARD_SUFFIX)
            )
        )
    for node in files:
        rel = f"{WIZARD_DIR}/{node.name}"
        text = _read(node, rel, errors)
        data = _parse(rel, text, errors) if text is not None else None
        wizard = load_wizard(rel, data, protocol, contacts, errors) if data is not None else None
        if wizard is None:
            continue
        if wizard.id in wizards:
            errors.append(
                RuleError(
                    rel,
                    data.line_of("id") if data else 0,
                    _("wizard id '{id}' is already used by {other}").format(
                        id=wizard.id, other=wizards[wizard.id].source
                    ),
                    wizard.id,
                )
            )
            continue
        wizards[wizard.id] = wizard
    informational: tuple[Informational, ...] = ()
    if (root / WIZARD_DIR / "coverage.yaml").is_file():
        coverage_data = _document(root, COVERAGE_FILE, errors)
        if coverage_data is not None:
            informational = load_coverage(coverage_data, protocol, errors)
    errors += consistency.problems(wizards)
    ordered = dict(sorted(wizards.items(), key=lambda kv: (kv[1].order, kv[0])))
    rules = RuleSet(protocol, contacts, ordered, informational)
    return (None if errors else rules), errors


def load_rules(root: Traversable | None = None) -> RuleSet:
    """The validated rule set; raises `InvalidRulesError` listing every error."""
    rules, errors = validate_rules(root)
    if errors or rules is None:
        raise InvalidRulesError(errors)
    return rules
