"""One window per data folder (see `klasse_desktop.folder_lock`).

A second start finds the lock held by a running process and says so. The lock is
the operating system's on an open file, so a crashed or killed window's lock is
gone with its process and never blocks the next start; the CLI takes the same lock,
so a `cases restore` cannot pull the register from under an open window.
"""

from __future__ import annotations

from pathlib import Path

from klasse_desktop import folder_lock, paths
from klasse_desktop.folder_lock import LOCK_FILE, FolderLock

__all__ = ["LOCK_FILE", "acquire", "lock_path"]


def lock_path(folder: Path | None = None) -> Path:
    return (folder if folder is not None else paths.data_dir()) / LOCK_FILE


def acquire(folder: Path | None = None) -> FolderLock | None:
    """The held lock, or None if another running Klasse Desktop holds it.

    Keep the returned object alive while the window is open; `unlock()` at the end."""
    return folder_lock.acquire(folder if folder is not None else paths.data_dir())
