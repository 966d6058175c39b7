"""Writes the window asks of the register, and when they run (issue 16).

Every write waits for the register's write lock: for up to the busy timeout (5 s)
when another program (the CLI) holds it. So no write runs on the UI thread; each
goes through `RegisterSession`, and this module holds what the session needs to
order them:

- `Waiting`: a write that arrived while another task used the register. A Save the
  user pressed waits for that task instead of being refused (`run_soon`); a write
  nobody waits for but that must not be lost (a discarded draft, the audit event
  of an export) waits too, quietly (`write_later`), and if the register locks
  first it runs just before the database closes.
- `keep_trying`: a write nobody waits for waits out another program's lock a few
  times before it is given up (and logged, without content).
- `finish_then_close`: what the worker does when the register locks: the last
  writes (an entry's text kept as a draft), then close, whatever happened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from klasse_desktop.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from klasse_desktop.cases.repository import CaseRegister
    from klasse_desktop.ui.background import BackgroundTask

BUSY_TRIES = 3  # each try waits the busy timeout: 15 s in all
log = logging.getLogger(__name__)
Write = Callable[["CaseRegister"], object]


@dataclass
class Waiting:
    """A write asked for while another task used the register."""

    parent: QWidget | None
    work: Write
    on_done: Callable[[object], None] | None
    on_error: Callable[[Exception], None] | None
    text: str
    title: str
    keep: bool  # must not be lost: runs before the register closes, retried when busy


def keep_trying(work: Write) -> Write:
    """`work`, tried again while another program holds the write lock (up to
    `BUSY_TRIES` times): nobody waits for it, so waiting costs nothing."""

    def attempt(register: CaseRegister) -> object:
        from klasse_desktop.cases.errors import RegisterBusyError

        for left in range(BUSY_TRIES - 1, -1, -1):
            try:
                return work(register)
            except RegisterBusyError:
                if not left:
                    raise
                log.info("register busy in another program: trying the write again")
        return None  # not reached

    return attempt


def finish_then_close(register: CaseRegister, works: list[Write]) -> None:
    """In a worker thread, as the register locks: the last writes in order, then the
    database is closed (its key wiped), even if a write failed."""
    try:
        for work in works:
            try:
                keep_trying(work)(register)
            except Exception as exc:  # one lost write must not keep the register open
                log.warning("write before closing failed: %s", type(exc).__name__)
    finally:
        register.close()


def close_in_background(register: CaseRegister, works: list[Write]) -> BackgroundTask:
    """`finish_then_close` in a worker thread, with no window (the register is locked:
    nothing about it is shown unless someone unlocks before it is done, see
    `RegisterSession.ensure_open`). Quitting waits for it (`background.wait_for_all`)."""
    from klasse_desktop.ui.background import BackgroundTask

    def failed(error: Exception) -> None:
        log.warning("closing the register failed: %s", type(error).__name__)

    text = _("Saving what was being typed before the lock…")
    task = BackgroundTask(None, lambda: finish_then_close(register, works), None, failed,
                          text, _("Case register"), quiet=True)  # fmt: skip
    task.start()
    return task
