"""A small log file for support questions: what the app did, never about whom.

Why a log at all: when a school's IT person asks "it crashed yesterday", the
version, the platform and the type and place of the error are enough to find
the bug. Why so little in it: the case register holds names of children and
staff, and a log file is not encrypted, is copied around and is mailed to
helpdesks. So the rules are:

- Only the app's own logger (`klasse_desktop.*`) writes here. Libraries such as
  SQLAlchemy can log SQL with its parameters; their records never reach the file.
- Messages are fixed texts written in the code, in English (not translated: a
  helpdesk reads them), with non-personal parameters only: counts, codes,
  exception *types*, versions. Never a name, a title, an entry, a path (a home
  folder carries the user's name) or an exception's message.
- Tracebacks are cut down to the exception's type and place (`_NoDetails`), in
  case someone passes `exc_info`: an exception's message can carry a name.
- A log that cannot be written must never stop the app: an unwritable folder
  means logging to nowhere, a full disk later means the line is dropped.

`tests/test_logs.py` runs a register flow with an invented name and checks that
it appears in no file in the log folder.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from klasse_desktop import __version__, paths

if TYPE_CHECKING:
    from logging.handlers import RotatingFileHandler

FILE_NAME = "klasse-desktop.log"
MAX_BYTES = 512 * 1024
BACKUP_COUNT = 2  # klasse-desktop.log plus .1 and .2: at most 1.5 MB in all
LOGGER = "klasse_desktop"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_handler: logging.Handler | None = None


def where(tb: TracebackType | None) -> str:
    """`file.py:12 in function` of the innermost frame: enough to find the bug, and
    no message (which can carry a name) and no folder (which can carry the user's)."""
    import traceback

    frames = traceback.extract_tb(tb)
    if not frames:
        return "?"
    last = frames[-1]
    return f"{Path(last.filename).name}:{last.lineno} in {last.name}"


class _NoDetails(logging.Filter):
    """Replace a record's traceback by the exception's type and place."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            kind, _error, tb = record.exc_info
            place = f"{kind.__name__} at {where(tb)}".replace("%", "%%")
            record.msg = f"{record.msg} [{place}]"
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


@cache
def _quiet_file_handler() -> type[RotatingFileHandler]:
    """The handler class, made on first use: `logging.handlers` costs ~8 ms to
    import, which the window does not pay before its first paint."""
    import logging.handlers

    class QuietFileHandler(logging.handlers.RotatingFileHandler):
        """A line that cannot be written (disk full, file locked by a second instance
        during rollover) is dropped instead of printing a traceback to stderr."""

        def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging API
            pass

        def _open(self) -> Any:
            """Make the folder first: with `delay`, the file is opened at the first line."""
            Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            return super()._open()

    return QuietFileHandler


def log_file(directory: Path | None = None) -> Path:
    return (directory if directory is not None else paths.log_dir()) / FILE_NAME


def setup(level: int = logging.INFO, directory: Path | None = None) -> Path | None:
    """Send the app's log records at `level` and up to the rotating log file.

    Once per process; a second call only changes the level. At INFO (the window)
    the file is opened now, and None is returned when it cannot be (the app then
    logs to nowhere). Above INFO (the command line) nothing is touched until the
    first warning, so a script's `--version` creates no folder and no file."""
    global _handler
    logger = logging.getLogger(LOGGER)
    logger.setLevel(level)
    if _handler is not None:
        return Path(_handler.baseFilename) if isinstance(_handler, _quiet_file_handler()) else None
    logger.propagate = False  # our records go to our file only, never to the root logger
    target = log_file(directory)
    handler: logging.Handler
    try:
        handler = _quiet_file_handler()(
            target, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8",
            delay=level > logging.INFO,
        )  # fmt: skip
    except OSError:
        handler = logging.NullHandler()  # and no "no handlers" warnings on stderr either
    handler.addFilter(_NoDetails())
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    _handler = handler
    return target if isinstance(handler, _quiet_file_handler()) else None


def shutdown() -> None:
    """Detach and close the log file (tests; a later `setup()` starts afresh)."""
    global _handler
    if _handler is None:
        return
    logger = logging.getLogger(LOGGER)
    logger.removeHandler(_handler)
    with contextlib.suppress(OSError, ValueError):  # a stream that broke: nothing to save
        _handler.close()
    _handler = None
    logger.setLevel(logging.NOTSET)
    logger.propagate = True


def _system() -> str:
    """The OS and its version, cheaply: `platform.release()` runs `cmd /c ver` on
    Windows (slow, and a console flashes in a windowed app); `platform.platform()`
    scans the Python binary."""
    if sys.platform == "win32":
        version = sys.getwindowsversion()
        return f"Windows {version.major}.{version.minor}.{version.build}"
    if sys.platform == "darwin":
        import platform

        return f"macOS {platform.mac_ver()[0]} {platform.machine()}"
    uname = os.uname()
    return f"{uname.sysname} {uname.release} {uname.machine}"


def log_start(what: str, language: str, extra: str = "") -> None:
    """One line per start: which build on which system, before whatever it says next.

    Nothing names the computer or the user."""
    logger = logging.getLogger(LOGGER)
    if not logger.isEnabledFor(logging.INFO):
        return
    logger.info(
        "%s started: Klasse Desktop %s, %s, Python %s, language %s%s",
        what, __version__, _system(), sys.version.split()[0], language,
        f", {extra}" if extra else "",
    )  # fmt: skip


def errno_name(error: OSError) -> str:
    """`ENOSPC` rather than the error's text: that names the file, and a path
    names the user (their home folder)."""
    import errno

    return errno.errorcode.get(error.errno or 0, type(error).__name__)


def log_unexpected(kind: type[BaseException], tb: TracebackType | None) -> None:
    """An exception nobody handled, as its type and place only."""
    logging.getLogger(LOGGER).error("unexpected %s at %s", kind.__name__, where(tb))
