"""Broken wizard and protocol files: each mistake gives one exact, located error."""

from __future__ import annotations

from pathlib import Path

import pytest

from klasse_desktop.protocol.errors import InvalidRulesError
from klasse_desktop.protocol.loader import load_rules, validate_rules

WIZARD = "wizards/sample.wizard.yaml"


@pytest.fixture(autouse=True)
def _english(english):
    """Messages are asserted in the source language; Dutch is tested separately."""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = text.splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    return hits[occurrence - 1]


def break_wizard(root: Path, old: str, new: str, count: int = 1) -> str:
    path = root / WIZARD
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    text = text.replace(old, new, count)
    path.write_text(text, encoding="utf-8")
    return text


def errors(root: Path) -> list[str]:
    rules, found = validate_rules(root)
    assert rules is None
    return [str(e) for e in found]


def test_the_sample_is_valid(resources_copy):
    assert validate_rules(resources_copy)[1] == []


def test_yaml_syntax_error(resources_copy):
    text = break_wizard(resources_copy, "    text: {nl: Tweede vraag, en: Second question}",
                        "    text: {nl: Tweede vraag, en: Second question")  # fmt: skip
    line = line_of(text, "    help: {nl: Hulp twee")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: not valid YAML: did not find expected ',' or '}}'"
    ]


def test_duplicate_key(resources_copy):
    text = break_wizard(
        resources_copy, "    clauses: [B2]\n", "    clauses: [B2]\n    clauses: [B3]\n"
    )
    line = line_of(text, "    clauses: [B3]")
    assert errors(resources_copy) == [f"{WIZARD}:{line}: not valid YAML: duplicate key 'clauses'"]


def test_unknown_key(resources_copy):
    text = break_wizard(
        resources_copy, "    kind: not_allowed\n", "    kind: not_allowed\n    colour: red\n"
    )
    line = line_of(text, "colour: red")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node o_not: unknown key 'colour' (allowed: "
        "clauses, conditions, contacts, explanation, file_type, id, kind, photo_check, verdict)"
    ]


def test_missing_help_text(resources_copy):
    text = break_wizard(resources_copy, "    help: {nl: Hulp drie, en: Help three}\n", "")
    line = line_of(text, "  - id: q3")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node q3: missing key 'help'"
    ]


def test_missing_english_text(resources_copy):
    text = break_wizard(resources_copy, "    verdict: {nl: Meld het., en: Report it.}",
                        "    verdict: {nl: Meld het.}")  # fmt: skip
    line = line_of(text, "    verdict: {nl: Meld het.}")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node o_report: 'verdict' has no text in language 'en'"
    ]


def test_yes_read_as_boolean(resources_copy):
    text = break_wizard(
        resources_copy, "label: {nl: Keuze a, en: Choice a}", "label: {nl: Ja, en: Yes}"
    )
    line = line_of(text, "label: {nl: Ja, en: Yes}")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node q1: 'label' in language 'en' is read as a yes/no "
        "value or a number; put the text in quotes"
    ]


def test_duplicate_node_id(resources_copy):
    text = break_wizard(resources_copy, "  - id: q3\n", "  - id: q2\n")
    first, second = line_of(text, "  - id: q2"), line_of(text, "  - id: q2", 2)
    assert errors(resources_copy) == [
        f"{WIZARD}:{second}: wizard sample: node q2: id 'q2' is used twice in this wizard "
        f"(first on line {first})"
    ]


def test_dangling_next(resources_copy):
    text = break_wizard(resources_copy, "        next: o_allowed", "        next: o_missing")
    line = line_of(text, "  - id: q2")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node q2: choice 'y' leads to 'o_missing', which does not exist"
    ]


def test_unknown_clause(resources_copy):
    text = break_wizard(resources_copy, "    clauses: [A9, A5]", "    clauses: [A9, Z9]")
    line = line_of(text, "    clauses: [A9, Z9]")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node o_if: cites clause 'Z9', which the protocol does not have"
    ]


def test_outcome_without_clauses(resources_copy):
    text = break_wizard(resources_copy, "    clauses: [A2]", "    clauses: []")
    line = line_of(text, "    clauses: []")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node o_allowed: 'clauses' needs at least 1 item"
    ]


def test_cycle(resources_copy):
    text = break_wizard(resources_copy, "        next: o_if", "        next: q2")
    line = line_of(text, "  - id: q2")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node q2: cycle: q2 → q4 → q2"
    ]


def test_unreachable_outcome(resources_copy):
    text = break_wizard(resources_copy, "        next: o_not", "        next: o_if")
    line = line_of(text, "  - id: o_not")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node o_not: 'o_not' cannot be reached from the start"
    ]


def test_allowed_if_without_conditions(resources_copy):
    text = break_wizard(
        resources_copy,
        "    conditions:\n      - {nl: Niemand herkenbaar., en: Nobody recognizable.}\n",
        "",
    )
    line = line_of(text, "  - id: o_if")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node o_if: 'conditions' needs at least 1 item"
    ]


def test_report_with_unknown_contact(resources_copy):
    text = break_wizard(
        resources_copy, "contacts: [schoolleiding, lvi]", "contacts: [schoolleiding, buurman]"
    )
    line = line_of(text, "contacts: [schoolleiding, buurman]")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node o_report: names contact 'buurman', which "
        "contacts.yaml does not define"
    ]


def test_invalid_kind(resources_copy):
    text = break_wizard(resources_copy, "    kind: allowed\n", "    kind: maybe\n")
    line = line_of(text, "    kind: maybe")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node o_allowed: 'kind' must be one of: "
        "allowed, allowed_if, not_allowed, ask_first, report"
    ]


def test_question_with_one_choice(resources_copy):
    text = break_wizard(
        resources_copy,
        "      - id: y\n        label: {nl: Keuze y, en: Choice y}\n        next: o_allowed\n",
        "",
    )
    line = line_of(text, "    choices:", 2)
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: node q2: 'choices' needs at least 2 items"
    ]


def test_unknown_start(resources_copy):
    text = break_wizard(resources_copy, "start: q1", "start: begin")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line_of(text, 'start: begin')}: wizard sample: start 'begin' is not a "
        "question of this wizard"
    ]


def test_invalid_id(resources_copy):
    text = break_wizard(resources_copy, "  - id: o_not\n", "  - id: O-Not\n")
    assert errors(resources_copy)[0] == (
        f"{WIZARD}:{line_of(text, 'id: O-Not')}: wizard sample: 'O-Not' is not a valid id "
        "(use a-z, 0-9 and _)"
    )


def test_duplicate_wizard_id_across_files(resources_copy):
    source = resources_copy / WIZARD
    (resources_copy / "wizards" / "zz_copy.wizard.yaml").write_text(
        source.read_text("utf-8"), "utf-8"
    )
    assert errors(resources_copy) == [
        "wizards/zz_copy.wizard.yaml:2: wizard sample: wizard id 'sample' is already used by "
        "wizards/sample.wizard.yaml"
    ]


def test_unknown_clause_in_protocol_break(resources_copy):
    path = resources_copy / "protocol" / "protocol.yaml"
    text = path.read_text("utf-8").replace("- id: A2\n", "- id: A1\n", 1)
    path.write_text(text, "utf-8")
    found = errors(resources_copy)
    line = line_of(text, "- id: A1", 2)
    assert found == [
        f"protocol/protocol.yaml:{line}: clause A1 is defined twice (first on line "
        f"{line_of(text, '- id: A1')})"
    ]


def test_errors_are_reported_in_dutch_too(resources_copy):
    from klasse_desktop import i18n

    i18n.set_language("nl")
    text = break_wizard(resources_copy, "    help: {nl: Hulp drie, en: Help three}\n", "")
    line = line_of(text, "  - id: q3")
    assert errors(resources_copy) == [
        f"{WIZARD}:{line}: wizard sample: knoop q3: sleutel 'help' ontbreekt"
    ]


def test_load_rules_raises_with_every_error(resources_copy):
    break_wizard(resources_copy, "    clauses: [B2]", "    clauses: [X1]")
    break_wizard(resources_copy, "    clauses: [S4]", "    clauses: [X2]")
    with pytest.raises(InvalidRulesError) as exc:
        load_rules(resources_copy)
    assert len(exc.value.errors) == 2
