"""One window per data folder: a QLockFile in the data dir.

A second start finds the lock held by a running process and says so. A lock left
by a crashed (or killed) process is stale: its process is gone, so tryLock takes
it over. Stale time 0 means a lock is never "too old" while its process lives,
however long the window stays open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from klasse_desktop import paths

LOCK_FILE = "klasse-desktop.lock"


def lock_path(folder: Path | None = None) -> Path:
    return (folder if folder is not None else paths.data_dir()) / LOCK_FILE


def acquire(folder: Path | None = None, *, wait_ms: int = 100) -> QLockFile | None:
    """The held lock, or None if another running Klasse Desktop holds it.

    Keep the returned object alive while the window is open; `unlock()` at the end."""
    path = lock_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)
    if lock.tryLock(wait_ms):
        return lock
    # tryLock already takes over the lock of a dead process; this covers a lock file
    # it could not judge (e.g. written by another host name on a shared profile).
    if (
        lock.error() == QLockFile.LockError.LockFailedError
        and lock.removeStaleLockFile()
        and lock.tryLock(wait_ms)
    ):
        return lock
    return None
