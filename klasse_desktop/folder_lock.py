"""One Klasse Desktop per data folder at a time: the window, and every command that
opens the case register (`cases …`, `report`, restore, purge).

A restore while a window has the register open would move the window's database
aside, and the window's next entry would be written into the moved file and found
nowhere. So every writer takes this lock first. It is an OS lock on an open file
(`flock` on POSIX, `msvcrt.locking` on Windows): the system drops it when the
process ends, however it ends, so a crash never leaves a lock that blocks the next
start. Plain Python, so the CLI takes it without Qt.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

LOCK_FILE = "klasse-desktop.lock"


class FolderLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def try_lock(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def isLocked(self) -> bool:  # noqa: N802 - the name QLockFile used
        return self._fd is not None

    def unlock(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()  # a normal end leaves nothing behind
        with contextlib.suppress(OSError):
            _unlock(self._fd)
        os.close(self._fd)
        self._fd = None


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def acquire(folder: Path) -> FolderLock | None:
    """The held lock of `folder`, or None while another process (or window) holds it."""
    lock = FolderLock(folder / LOCK_FILE)
    return lock if lock.try_lock() else None
