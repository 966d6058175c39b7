"""The translation check (run by CI) passes on the shipped catalogs and catches
untranslated, fuzzy and placeholder-changing translations."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("catalogs", ROOT / "packaging" / "catalogs.py")
catalogs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(catalogs)


def test_the_shipped_catalogs_are_complete():
    assert catalogs.check() == []


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", target)
    return target


def edit(copy, old, new):
    path = copy / "nl" / "LC_MESSAGES" / "klasse_desktop.po"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_untranslated(copy):
    edit(copy, 'msgid "Why?"\nmsgstr "Waarom?"', 'msgid "Why?"\nmsgstr ""')
    assert catalogs.check(copy) == ["nl: 'Why?' is not translated"]


def test_fuzzy(copy):
    edit(copy, 'msgid "Why?"\nmsgstr "Waarom?"', '#, fuzzy\nmsgid "Why?"\nmsgstr "Waarom?"')
    assert catalogs.check(copy) == ["nl: 'Why?' is fuzzy"]


def test_placeholders_must_match(copy):
    edit(copy, 'msgstr "Onbekende wizard \'{wizard}\'. Kies uit: {options}"',
         'msgstr "Onbekende wizard \'{wizzard}\'. Kies uit: {options}"')  # fmt: skip
    (problem,) = catalogs.check(copy)
    assert "placeholders" in problem and "{wizzard}" in problem
