"""From passphrase to database key, with Argon2id; nothing secret is written down.

`register.json` beside the database holds only the salt and the KDF parameters.
The 32-byte key derived from them opens SQLCipher as a raw key, so SQLCipher's
own (slower, weaker) passphrase KDF is skipped.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw

KDF_FILE = "register.json"
FORMAT = 1
MIN_PASSPHRASE_LENGTH = 10


@dataclass(frozen=True)
class KdfParams:
    salt: str  # base64
    time_cost: int = 3
    memory_cost: int = 64 * 1024  # KiB
    parallelism: int = 4
    format: int = FORMAT
    kdf: str = "argon2id"
    check: str = ""  # HMAC of a fixed text under the key: tells wrong key from damage
    audit_seq: int = 0  # the audit chain's last row and seal: an anchor outside the
    audit_mac: str = ""  # database, so a rollback or cut-off chain is noticed

    @classmethod
    def new(
        cls, time_cost: int = 3, memory_cost: int = 64 * 1024, parallelism: int = 4
    ) -> KdfParams:
        salt = base64.b64encode(secrets.token_bytes(16)).decode()
        return cls(salt, time_cost, memory_cost, parallelism)


def is_weak(params: KdfParams) -> bool:
    """Parameters far below the defaults: the test suite's KLASSE_KDF=fast."""
    return params.time_cost < 2 or params.memory_cost < 16 * 1024


def derive_key(passphrase: str, params: KdfParams) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        base64.b64decode(params.salt),
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _check_value(key: bytes) -> str:
    return hmac.new(key, b"klasse-desktop register key check", hashlib.sha256).hexdigest()


def with_check(params: KdfParams, key: bytes) -> KdfParams:
    return replace(params, check=_check_value(key))


def check_key(params: KdfParams, key: bytes) -> bool | None:
    """Whether `key` is the register's key; None if register.json has no check yet."""
    if not params.check:
        return None
    return hmac.compare_digest(params.check, _check_value(key))


def write_params(data_dir: Path, params: KdfParams) -> None:
    write_params_file(data_dir / KDF_FILE, params)


def write_params_file(target: Path, params: KdfParams) -> None:
    """Atomically and durably (a fresh private temp file, synced, renamed, and the
    folder synced): a crash leaves the old key file or the new one, never neither."""
    from klasse_desktop.atomic_write import write_atomically

    write_atomically(json.dumps(asdict(params), indent=2).encode("utf-8"), target)
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_params(data_dir: Path) -> KdfParams | None:
    return read_params_file(data_dir / KDF_FILE)


# Bounds on what a key file may ask for: a damaged or planted file must not make an
# unlock take hours or gigabytes (the defaults are 3 passes, 64 MiB, 4 lanes).
LIMITS = {"time_cost": (1, 20), "memory_cost": (1024, 2 * 1024 * 1024), "parallelism": (1, 16)}


def read_params_file(path: Path) -> KdfParams | None:
    """The key file, validated field by field; ValueError for anything malformed."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise ValueError("key file unreadable") from None
    if not isinstance(raw, dict) or set(raw) - set(KdfParams.__dataclass_fields__):
        raise ValueError("key file has unknown fields")
    if raw.get("format", FORMAT) != FORMAT or raw.get("kdf", "argon2id") != "argon2id":
        raise ValueError("key file of an unknown format")
    for name, (low, high) in LIMITS.items():
        value = raw.get(name, getattr(KdfParams, name))
        if type(value) is not int or not low <= value <= high:
            raise ValueError(f"key file {name} out of bounds")
    salt, check = raw.get("salt"), raw.get("check", "")
    try:
        if not isinstance(salt, str) or len(base64.b64decode(salt, validate=True)) < 16:
            raise ValueError("short salt")
    except (ValueError, TypeError):
        raise ValueError("key file salt damaged") from None
    if not isinstance(check, str) or (check and not re.fullmatch(r"[0-9a-f]{64}", check)):
        raise ValueError("key file check damaged")
    seq, mac = raw.get("audit_seq", 0), raw.get("audit_mac", "")
    if type(seq) is not int or seq < 0 or not isinstance(mac, str) or len(mac) > 80:
        raise ValueError("key file audit anchor damaged")
    return KdfParams(**raw)
