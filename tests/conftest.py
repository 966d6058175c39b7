"""Shared fixtures: the shipped rules, and a scratch resources tree to break."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from klasse_desktop import i18n
from klasse_desktop.protocol.loader import load_rules
from klasse_desktop.protocol.models import RuleSet
from klasse_desktop.protocol.shipped import default_rules
from klasse_desktop.resources import resource_root

# Tests never touch the real user's config, data, cache or logs.
_SANDBOX = Path(tempfile.mkdtemp(prefix="klasse-tests-"))
for _name in ("CONFIG", "DATA", "CACHE", "LOG"):
    os.environ[f"KLASSE_{_name}_DIR"] = str(_SANDBOX / _name.lower())
os.environ.pop("KLASSE_LANG", None)
# Registers made by the tests use the cheap key derivation, which the app refuses to
# open anywhere else (cases/passphrases.py).
os.environ["KLASSE_KDF"] = "fast"
# Every PDF a test writes goes through pikepdf's whole PDF/A validator, which the app
# leaves out for speed (see klasse_desktop/reports/pdfa.py).
os.environ["KLASSE_PDFA_CHECK"] = "full"

DATA = Path(__file__).parent / "data"
SAMPLE_WIZARD = DATA / "sample.wizard.yaml"


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Every test starts in the app's default language and leaves it that way."""
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


@pytest.fixture
def english():
    i18n.set_language("en")


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return default_rules()


@pytest.fixture
def resources_copy(tmp_path: Path) -> Path:
    """The shipped protocol and contacts, with only the sample wizard."""
    root = tmp_path / "resources"
    shipped = Path(str(resource_root()))
    (root / "wizards").mkdir(parents=True)
    shutil.copytree(shipped / "protocol", root / "protocol")
    shutil.copy(shipped / "contacts.yaml", root / "contacts.yaml")
    shutil.copy(SAMPLE_WIZARD, root / "wizards" / "sample.wizard.yaml")
    return root


@pytest.fixture
def sample_rules(resources_copy: Path) -> RuleSet:
    return load_rules(resources_copy)
