"""Writing a file so that a crash, a full disk or a pulled plug never leaves half
of it: a temp file in the same folder, flushed to disk, then renamed over the
target. Settings, the rules cache and PDF exports all write this way."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(
    data: bytes, target: Path, *, prefix: str = ".klasse-", suffix: str = ".part"
) -> Path:
    """Raises OSError (disk full, read-only folder) for the caller to report; the
    temp file is removed then, and the old target is left as it was."""
    target = target.expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
