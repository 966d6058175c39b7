"""Passphrases: what a new one must be, and how a typed one becomes the same bytes.

A register's key is only as strong as its passphrase: "1234567890" or ten spaces
are guessed in seconds however slow the key derivation is. `zxcvbn` (a maintained
strength estimator) scores a new passphrase; guessable ones are refused with a
Dutch explanation and an example of what works. Passphrases are Unicode-normalised
(NFC) before key derivation, so "Zoë" typed with a combining diaeresis opens the
register made with "Zoë" typed as one character.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable

from klasse_desktop.cases import keys
from klasse_desktop.cases.errors import WeakPassphraseError
from klasse_desktop.i18n import _

MIN_SCORE = 3  # zxcvbn: 0 "too guessable" … 4 "very unguessable"


def normalised(passphrase: str) -> str:
    return unicodedata.normalize("NFC", passphrase)


def forms(passphrase: str) -> list[str]:
    """The NFC form first, then the passphrase as typed (registers made before NFC)."""
    nfc = normalised(passphrase)
    return [nfc] if nfc == passphrase else [nfc, passphrase]


def check_new(passphrase: str, context: Iterable[str] = ()) -> None:
    """Refuse a passphrase that is short or easy to guess (WeakPassphraseError)."""
    if len(passphrase.strip()) < keys.MIN_PASSPHRASE_LENGTH:
        raise WeakPassphraseError(
            _("Choose a passphrase of at least {n} characters.").format(
                n=keys.MIN_PASSPHRASE_LENGTH
            )
        )
    from zxcvbn import zxcvbn

    words = [w for w in context if w and w.strip()] + ["klasse", "register", "dossier"]
    if zxcvbn(passphrase[:100], user_inputs=words)["score"] < MIN_SCORE:
        raise WeakPassphraseError(
            _(
                "This passphrase is too easy to guess (a common word, a name, a date or a "
                "pattern like 1234 or aaaa). Take four or more loose words with a number, "
                "for example “paard batterij nietje 42” — but not this example."
            )
        )


def fast_kdf_allowed() -> bool:
    """Weak key derivation is for the test suite only (KLASSE_KDF=fast)."""
    return os.environ.get("KLASSE_KDF", "").strip().lower() == "fast"
