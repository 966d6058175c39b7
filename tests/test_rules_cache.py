"""The start-up cache returns exactly the validated rules, and never stale ones;
the start screen's summary in it is trusted only under the same fingerprint."""

from __future__ import annotations

import json
from datetime import date

from klasse_desktop import resources
from klasse_desktop.protocol import shipped, summary
from klasse_desktop.protocol.cache import cached_rules
from klasse_desktop.protocol.cache_file import START_FILE_NAME, fingerprint, read
from klasse_desktop.protocol.loader import load_rules


def test_cached_rules_equal_freshly_validated_rules(resources_copy, tmp_path):
    fresh = load_rules(resources_copy)
    first = cached_rules(resources_copy, tmp_path)  # validates and writes the cache
    assert (tmp_path / "rules.json").is_file()
    second = cached_rules(resources_copy, tmp_path)  # read back from JSON
    assert first == fresh and second == fresh
    assert second.protocol.clause("A9").text == fresh.protocol.clause("A9").text


def test_an_edited_wizard_is_validated_again(resources_copy, tmp_path):
    cached_rules(resources_copy, tmp_path)
    wizard = resources_copy / "wizards" / "sample.wizard.yaml"
    wizard.write_text(wizard.read_text("utf-8").replace("Dat mag niet.", "Nee."), "utf-8")
    rules = cached_rules(resources_copy, tmp_path)
    assert rules.wizard("sample").outcomes["o_not"].verdict.get("nl") == "Nee."


def test_a_damaged_or_forged_cache_is_ignored(resources_copy, tmp_path):
    (tmp_path / "rules.json").write_text("{broken", "utf-8")
    assert cached_rules(resources_copy, tmp_path) == load_rules(resources_copy)
    forged = {"fingerprint": fingerprint(resources_copy), "rules": {"protocol": 1}}
    (tmp_path / "rules.json").write_text(json.dumps(forged), "utf-8")
    assert cached_rules(resources_copy, tmp_path) == load_rules(resources_copy)


def test_a_read_only_cache_dir_only_costs_speed(resources_copy, tmp_path):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    assert cached_rules(resources_copy, blocked / "cache") == load_rules(resources_copy)


def test_the_cache_keeps_the_start_screens_summary_of_the_rules(resources_copy, tmp_path):
    rules = cached_rules(resources_copy, tmp_path)
    data = read(tmp_path / START_FILE_NAME, fingerprint(resources_copy))
    assert data is not None
    start = summary.from_plain(data["start"])
    assert start == summary.summarise(rules)
    assert [w.id for w in start.wizards] == ["sample"]
    assert start.evaluation == date(2028, 2, 23)
    assert start.wizards[0].title.get("nl") == rules.wizard("sample").title.get("nl")


def test_the_fingerprint_changes_with_one_byte_of_any_rule_file(resources_copy):
    before = fingerprint(resources_copy)
    contacts = resources_copy / "contacts.yaml"
    contacts.write_bytes(contacts.read_bytes() + b"\n")
    assert fingerprint(resources_copy) != before


def test_a_stale_or_damaged_cache_has_no_summary(resources_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "resource_root", lambda: resources_copy)
    monkeypatch.setenv("KLASSE_CACHE_DIR", str(tmp_path))
    assert shipped.start_summary() is None  # no cache yet
    cached_rules(resources_copy, tmp_path)
    assert shipped.start_summary() is not None
    wizard = resources_copy / "wizards" / "sample.wizard.yaml"
    wizard.write_text(wizard.read_text("utf-8") + "\n", "utf-8")
    assert shipped.start_summary() is None  # edited since: validate first
    cached_rules(resources_copy, tmp_path)
    data = json.loads((tmp_path / START_FILE_NAME).read_text("utf-8"))
    data["start"] = {"wizards": [{"id": "sample"}]}
    (tmp_path / START_FILE_NAME).write_text(json.dumps(data), "utf-8")
    assert shipped.start_summary() is None


def test_a_missing_summary_is_written_beside_valid_cached_rules(resources_copy, tmp_path):
    cached_rules(resources_copy, tmp_path)
    (tmp_path / START_FILE_NAME).unlink()
    cached_rules(resources_copy, tmp_path)  # rules from the cache, summary missing
    assert read(tmp_path / START_FILE_NAME, fingerprint(resources_copy)) is not None
