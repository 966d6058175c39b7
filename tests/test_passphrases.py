"""Passphrases (issue 15, point 9): guessable ones refused, the same passphrase in
another Unicode form opens the register, test-strength registers refused outside
the tests, and a growing pause after wrong attempts in the window."""

from __future__ import annotations

import unicodedata

import pytest

from klasse_desktop.cases.errors import WeakKeyDerivationError, WeakPassphraseError
from klasse_desktop.cases.repository import CaseRegister
from tests.cases_helpers import FAST_KDF


@pytest.mark.parametrize(
    "weak", ["          ", "1234567890", "welkom12345", "aaaaaaaaaaaa", "wachtwoord1", "klasse2026"]
)
def test_guessable_passphrases_are_refused_with_an_explanation(tmp_path, weak):
    with pytest.raises(WeakPassphraseError) as refused:
        CaseRegister.open(tmp_path / "r", weak, "Test", create=True, kdf=FAST_KDF)
    assert "paard batterij nietje 42" in str(refused.value) or "10" in str(refused.value)
    assert not (tmp_path / "r" / "register.json").exists()  # nothing was made


def test_the_same_passphrase_in_another_normal_form_opens_the_register(tmp_path):
    composed = "Zoë's paard batterij 42"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    CaseRegister.open(tmp_path / "r", composed, "Test", create=True, kdf=FAST_KDF).close()
    CaseRegister.open(tmp_path / "r", decomposed, "Test").close()


def test_a_test_strength_register_is_refused_outside_the_tests(tmp_path, monkeypatch):
    CaseRegister.open(tmp_path / "r", "paard batterij nietje 42", "T", create=True,
                      kdf=FAST_KDF).close()  # fmt: skip
    monkeypatch.delenv("KLASSE_KDF")
    with pytest.raises(WeakKeyDerivationError, match="KLASSE_KDF=fast"):
        CaseRegister.open(tmp_path / "r", "paard batterij nietje 42", "T")


def test_the_screenshot_register_is_not_refused_outside_the_tests():
    """`klasse-desktop screenshots` makes a demo register; it must open without
    KLASSE_KDF=fast (a user runs the command from a shell)."""
    from klasse_desktop.cases import keys
    from klasse_desktop.ui.register_screenshots import FAST_KDF as DEMO_KDF

    assert not keys.is_weak(keys.KdfParams.new(**DEMO_KDF))
