"""Errors of the case register; their messages are user-facing and translated."""

from __future__ import annotations


class RegisterError(Exception):
    """Something the user can act on; `str()` is one translated sentence."""


class WrongPassphraseError(RegisterError):
    pass


class RegisterMissingError(RegisterError):
    pass


class RegisterDamagedError(RegisterError):
    pass


class NotFoundError(RegisterError):
    pass


class InvalidInputError(RegisterError):
    pass


class RegisterTooNewError(RegisterDamagedError):
    """Made by a newer app version: not damaged, so a backup is not the answer."""


class StorageError(RegisterError):
    """The disk is full or cannot be written; nothing was saved."""


class RegisterLostError(RegisterDamagedError):
    """register.db is gone but its key file or backups are still there: restore a
    backup; a new register would make every backup unreadable."""


class WeakPassphraseError(WrongPassphraseError):
    """A new passphrase that is too short or too easy to guess."""


class WeakKeyDerivationError(RegisterError):
    """A register made with the test suite's weak key derivation, opened outside it."""


class RegisterReplacedError(RegisterError):
    """register.db was moved or replaced under an open register: nothing is written."""


class RegisterBusyError(RegisterError):
    """Another program holds the database's write lock: try again, nothing is wrong."""
