"""Shared set-up for case-register tests: cheap key derivation, invented people."""

from __future__ import annotations

from pathlib import Path

from klasse_desktop.cases.repository import CaseRegister

FAST_KDF = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
PASSPHRASE = "paard batterij nietje 42"
PROTOCOL_VERSION = "2026-02-23"


def open_register(
    folder: Path, *, create: bool = True, passphrase: str = PASSPHRASE
) -> CaseRegister:
    return CaseRegister.open(folder, passphrase, "Directeur Test", create=create, kdf=FAST_KDF)
