"""User settings survive restarts, and a damaged file never stops the app."""

from __future__ import annotations

import json

from klasse_desktop.settings import Settings, load_settings, save_settings, settings_path


def test_defaults_when_there_is_no_file(tmp_path, monkeypatch):
    monkeypatch.setenv("KLASSE_CONFIG_DIR", str(tmp_path / "cfg"))
    assert load_settings() == Settings()
    assert settings_path() == tmp_path / "cfg" / "settings.json"


def test_round_trip(tmp_path):
    path = tmp_path / "settings.json"
    saved = Settings(
        language="en", user_name="Zoë de Vries", role="directeur", school="De Regenboog"
    )
    save_settings(saved, path)
    assert load_settings(path) == saved
    assert json.loads(path.read_text("utf-8"))["user_name"] == "Zoë de Vries"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temp files left


def test_damaged_file_is_set_aside_and_defaults_used(tmp_path):
    path = tmp_path / "settings.json"
    path.write_bytes(b"\x00{not json")
    assert load_settings(path) == Settings()
    assert (tmp_path / "settings.json.damaged").read_bytes() == b"\x00{not json"


def test_unknown_values_fall_back_to_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "fr", "role": "koning", "school": 3, "extra": "x",
                                "user_name": "  Şükrü   Yılmaz "}), "utf-8")  # fmt: skip
    loaded = load_settings(path)
    assert loaded.language == "nl" and loaded.role == "leerkracht" and loaded.school == ""
    assert loaded.user_name == "Şükrü Yılmaz"


def test_lock_after_minutes_is_an_int_kept_within_bounds(tmp_path):
    path = tmp_path / "settings.json"
    assert Settings().lock_after_minutes == 5
    save_settings(Settings(lock_after_minutes=12), path)
    assert json.loads(path.read_text("utf-8"))["lock_after_minutes"] == 12
    assert load_settings(path).lock_after_minutes == 12
    for stored, loaded in ((0, 1), (-3, 1), (10_000, 60)):
        path.write_text(json.dumps({"lock_after_minutes": stored}), "utf-8")
        assert load_settings(path).lock_after_minutes == loaded


def test_values_of_the_wrong_type_are_ignored_field_by_field(tmp_path):
    path = tmp_path / "settings.json"
    for wrong in ("10", True, 2.5, None, [5]):
        path.write_text(json.dumps({"lock_after_minutes": wrong, "school": "De Vlinder"}), "utf-8")
        loaded = load_settings(path)
        assert loaded.lock_after_minutes == 5, wrong
        assert loaded.school == "De Vlinder"
    path.write_text(json.dumps({"school": 7, "user_name": 3, "lock_after_minutes": 9}), "utf-8")
    loaded = load_settings(path)
    assert (loaded.school, loaded.user_name, loaded.lock_after_minutes) == ("", "", 9)


def test_the_welcome_is_due_only_without_a_settings_file(tmp_path):
    path = tmp_path / "settings.json"
    assert load_settings(path).welcomed is False  # first start: no file yet
    save_settings(Settings(welcomed=True), path)
    assert json.loads(path.read_text("utf-8"))["welcomed"] is True
    assert load_settings(path).welcomed is True
    save_settings(Settings(welcomed=False), path)
    assert load_settings(path).welcomed is False


def test_a_settings_file_from_before_the_welcome_counts_as_welcomed(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"user_name": "Els Bakker", "language": "en"}), "utf-8")
    assert load_settings(path).welcomed is True


def test_a_welcomed_value_of_the_wrong_type_is_ignored(tmp_path):
    path = tmp_path / "settings.json"
    for wrong in (1, 0, "true", None, [True]):
        path.write_text(json.dumps({"welcomed": wrong, "school": "De Vlinder"}), "utf-8")
        loaded = load_settings(path)
        assert loaded.welcomed is False, wrong  # the key is there, its value unusable
        assert loaded.school == "De Vlinder"


def test_a_damaged_file_brings_the_welcome_back(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("[1, 2]", "utf-8")
    assert load_settings(path).welcomed is False


def test_backups_to_keep_is_a_setting_within_bounds(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(Settings(keep_backups=3), path)
    assert load_settings(path).keep_backups == 3
    assert Settings(keep_backups=0).normalised().keep_backups == 1
    assert Settings(keep_backups=999).normalised().keep_backups == 100
