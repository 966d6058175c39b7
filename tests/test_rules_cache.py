"""The start-up cache returns exactly the validated rules, and never stale ones."""

from __future__ import annotations

import json

from klasse_desktop.protocol.cache import cached_rules, fingerprint
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
