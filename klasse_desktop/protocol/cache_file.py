"""The rules cache files: their key, reading and writing; no model classes.

Kept apart from `cache.py` so the start screen can read its summary before the
model classes load. The summary has a file of its own, so the first screen does
not parse the whole protocol either; both files carry the same key, which changes
with every rule file and with each release of the app. The key is a CRC-32 with
the total size, not a cryptographic hash: it only has to notice an edit, and
`hashlib` would cost more start-up (OpenSSL) than the whole summary. A forged
file gains nothing: the rules in it are rebuilt into checked model objects, and
anything odd means the YAML is validated again.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klasse_desktop import __version__

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

CACHE_FORMAT = 2
FILE_NAME = "rules.json"  # the validated rules
START_FILE_NAME = "start.json"  # the start screen's summary: a few kB, read before paint


def rule_files(root: Traversable) -> list[tuple[str, Traversable]]:
    found = [
        ("contacts.yaml", root / "contacts.yaml"),
        ("protocol.yaml", root / "protocol" / "protocol.yaml"),
    ]
    wizards = root / "wizards"
    if wizards.is_dir():
        found += sorted(
            ((f"wizards/{f.name}", f) for f in wizards.iterdir() if f.name.endswith(".yaml")),
            key=lambda x: x[0],
        )
    return found


def fingerprint(root: Traversable) -> str:
    crc = zlib.crc32(f"{__version__}/{CACHE_FORMAT}".encode())
    size = 0
    for name, node in rule_files(root):
        data = node.read_bytes() if node.is_file() else b"<missing>"
        crc = zlib.crc32(data, zlib.crc32(name.encode(), crc))
        size += len(data)
    return f"{crc:08x}-{size}"


def read(path: Path, key: str) -> dict[str, Any] | None:
    """The cached data written under `key`, or None (missing, stale or damaged)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("fingerprint") != key:
        return None
    return data


def write(path: Path, data: dict[str, Any]) -> None:
    """Atomically; raises OSError for the caller to shrug off."""
    from klasse_desktop.atomic_write import write_atomically  # not needed at start

    write_atomically(json.dumps(data, ensure_ascii=False).encode("utf-8"), path, prefix=".rules-")
