"""The shipped protocol: complete, verbatim, and with the header's dates."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from klasse_desktop.protocol.search import highlight_spans, search_clauses

SHARED = Path(__file__).resolve().parents[2] / "shared" / "protocol"
EXPECTED_IDS = (
    [f"U{i}" for i in range(1, 6)]
    + ["R1", "R2"]
    + [f"A{i}" for i in range(1, 12)]
    + [f"B{i}" for i in range(1, 9)]
    + ["C1", "C2", "C3"]
    + [f"S{i}" for i in range(1, 9)]
)


def test_all_37_clauses_in_document_order(rules):
    assert [c.id for c in rules.protocol.clauses] == EXPECTED_IDS
    assert [s.id for s in rules.protocol.sections] == ["U", "R", "A", "B", "C", "S"]


def test_metadata_from_the_header(rules):
    p = rules.protocol
    assert p.title.get("nl") == "Protocol sociale media"
    assert p.organisation == "Stichting Klasse"
    assert p.version == "2026-02-23"
    assert p.dates.advice_directors == date(2026, 1, 23)
    assert p.dates.consent_gmr == date(2026, 2, 11)
    assert p.dates.rvt is None
    assert p.dates.adopted == date(2026, 2, 23)
    assert p.dates.evaluation == date(2028, 2, 23)


def test_introduction_has_four_paragraphs_in_both_languages(rules):
    intro = rules.protocol.introduction
    assert len(intro) == 4
    assert intro[0].get("nl").startswith("Sociale media vormen een verzamelbegrip")
    assert intro[3].get("nl").startswith("We hebben dit protocol opgesteld")
    assert all(p.get("en") and p.get("en") != p.get("nl") for p in intro)


def test_english_is_marked_unofficial(rules):
    note = rules.protocol.translation_note.get("en").lower()
    assert "unofficial" in note and "dutch" in note


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/protocol not beside the checkout")
def test_dutch_text_is_verbatim_from_the_adopted_protocol(rules):
    source = (SHARED / "clauses.md").read_text(encoding="utf-8")
    expected = dict(re.findall(r"^- \*\*([A-Z]\d+)\*\* (.+)$", source, re.MULTILINE))
    assert len(expected) == 37
    for clause in rules.protocol.clauses:
        assert clause.text.get("nl") == expected[clause.id], clause.id


def test_every_clause_has_an_english_translation(rules):
    for clause in rules.protocol.clauses:
        assert clause.text.get("en").strip()
        assert clause.text.get("en") != clause.text.get("nl")


def test_clause_lookup_is_case_insensitive(rules):
    assert rules.protocol.clause("a9").id == "A9"
    assert rules.protocol.clause("A9").section_id == "A"
    with pytest.raises(KeyError):
        rules.protocol.clause("A12")


@pytest.mark.parametrize(
    ("query", "lang", "first"),
    [
        ("groepsapps", "nl", "B2"),
        ("vrienden", "nl", "A6"),
        ("prive account leerlingen", "nl", "A6"),  # accents optional
        ("vertrouwensinspecteur", "nl", "S4"),
        ("friends", "en", "A6"),
        ("friends", "nl", "A6"),  # an intern typing English in the Dutch UI
        ("s4", "nl", "S4"),  # a clause ID goes straight to the clause
    ],
)
def test_search_finds_the_clause(rules, query, lang, first):
    hits = search_clauses(rules.protocol, query, lang)
    assert hits and hits[0].clause.id == first


def test_search_requires_every_word(rules):
    assert search_clauses(rules.protocol, "groepsapps zwembad", "nl") == []
    assert search_clauses(rules.protocol, "   ", "nl") == []


def test_highlight_spans_map_back_to_the_original_text():
    text = "Privé-accounts worden gebruikt voor privé-zaken"
    spans = highlight_spans(text, "prive")
    assert [text[a:b] for a, b in spans] == ["Privé", "privé"]
