"""How long the window freezes during slow register work, against doing that work
on the UI thread (as the app did before issue 16), in the same run.

    python benchmarks/stalls.py [--size-mb 32] [--full] [--entries 500]

Generates an invented register (SQLCipher, the app's schema, the default Argon2id
parameters): one large case of `--entries` entries with screenshots, other cases,
and closed cases past their retention end; attachments make up the size. The
default is 32 MB so a run takes about a minute; `--full` makes the 124 MB register
the issue measured (generating it takes a few minutes). The folder is copied, so
the destructive steps (purge) run on identical registers.

A 10 ms timer runs on the UI thread; its longest lateness is the longest freeze a
user would feel. Each step runs twice: the way the window does it now (the
background helper, `ui/background.py`) and on the UI thread (the baseline). Steps:
unlocking (the unlock dialog; before, the daily backup was part of it), reading a
large case (before, with every attachment's bytes), showing it (reading and
drawing the timeline; before, the same timeline written in one go — the widget
per entry it replaced stalled 2.7–3.7 s here), the daily backup, a retention purge
with VACUUM, and restoring the newest backup.
Goal (issue 16): under 50 ms each. Prints a table; gates nothing. Other programs
on a shared machine show up as stalls too: the first row is the noise floor.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlmodel import select

from klasse_desktop.cases import retention
from klasse_desktop.cases.database import BACKUP_DIR, backups_in
from klasse_desktop.cases.models import Attachment, Case, Entry, Party
from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.cases.restore import restore_backup
from klasse_desktop.ui.background import run_in_background
from klasse_desktop.ui.case_view_page import CaseViewPage
from klasse_desktop.ui.register_session import RegisterSession
from klasse_desktop.ui.unlock_dialog import UnlockDialog

PASSPHRASE = "zeilboot tulpenbol kaasschaaf 77"
ACTOR = "Directeur Bench"
TICK_MS = 10
GOAL_MS = 50
WORDS = (
    "leerling ouder groepsapp bericht foto schermafdruk gesprek mentor klas pauze "
    "melding afspraak directeur telefoon filmpje account excuses maatregel"
).split()


# -- an invented register ------------------------------------------------------------------


def generate(folder: Path, size_mb: int, entries: int) -> str:
    """Returns the number of the large case. A quarter of the bytes are the large
    case's screenshots, a quarter expired cases' files, the rest other cases'."""
    register = CaseRegister.open(folder, PASSPHRASE, ACTOR, create=True)  # default Argon2id
    now, blob = datetime.now(UTC), 1 << 20
    quarter = max(1, size_mb // 4)

    def case(session, n: int, opened: date, closed: date | None) -> Case:  # type: ignore[no-untyped-def]
        row = Case(number=f"K-{opened.year}-{n:04d}", title=f"Casus {n}: berichten in de groepsapp",
                   school="OBS De Vlinder", category="pesten", file_type="leerlingendossier",
                   opened_on=opened, closed_on=closed, status="closed" if closed else "open",
                   protocol_version="2026-02-23", created_at=now)  # fmt: skip
        session.add(row)
        session.flush()
        session.add(Party(case_id=row.id, role="leerling", name=f"Leerling {n} Yılmaz",
                          class_or_function="groep 7", created_at=now))  # fmt: skip
        return row

    def files(session, row: Case, count: int) -> None:  # type: ignore[no-untyped-def]
        for i in range(count):
            data = os.urandom(blob)  # does not compress, like a screenshot
            session.add(Attachment(case_id=row.id, filename=f"schermafdruk-{i}.png",
                                   media_type="image/png", size=len(data), sha256="0" * 64,
                                   data=data, added_at=now))  # fmt: skip

    with register.session() as session:
        big = case(session, 1, date(2026, 1, 5), None)
        for i in range(entries):
            text = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(40))
            session.add(Entry(case_id=big.id, kind="observation", recorded_at=now,
                              event_date=date(2026, 1, 5) + timedelta(days=i % 300),
                              author=ACTOR, text=f"{i}: {text}"))  # fmt: skip
        files(session, big, quarter)
        expired = [case(session, 100 + n, date(2020, 1, 6), date(2021, 1, 6)) for n in range(8)]
        others = [case(session, 200 + n, date(2025, 9, 1), None) for n in range(20)]
        for rows, megabytes in ((expired, quarter), (others, size_mb - 2 * quarter)):
            for index, row in enumerate(rows):  # spread evenly, the remainder first
                files(session, row, megabytes // len(rows) + (index < megabytes % len(rows)))
    number = big.number
    register.close()
    return number


# -- measuring -----------------------------------------------------------------------------


def longest_stall(
    app: QApplication, start: Callable[[Callable[[], None]], None]
) -> tuple[float, float]:
    """Run `start(finished)` inside the event loop with a 10 ms timer ticking; returns
    (the timer's longest lateness, the seconds until `finished` was called)."""
    ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop, began, ended = QEventLoop(), [0.0], [0.0]

    def finished() -> None:
        ended[0] = time.perf_counter()
        QTimer.singleShot(5 * TICK_MS, loop.quit)  # a few more ticks after the end

    def go() -> None:
        began[0] = time.perf_counter()
        start(finished)

    timer.start()
    QTimer.singleShot(5 * TICK_MS, go)
    loop.exec()
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    return max(gaps) - TICK_MS / 1000, ended[0] - began[0]


def on_ui_thread(work: Callable[[], object]) -> Callable[[Callable[[], None]], None]:
    def start(finished: Callable[[], None]) -> None:
        work()
        finished()

    return start


def when(done: Callable[[], bool]) -> Callable[[Callable[[], None]], None]:
    """Poll (every 5 ms, on the UI thread) until `done()`, then call `finished`."""

    def wait(finished: Callable[[], None]) -> None:
        def check() -> None:
            if done():
                finished()
            else:
                QTimer.singleShot(5, check)

        check()

    return wait


def then(
    first: Callable[[], object], done: Callable[[], bool]
) -> Callable[[Callable[[], None]], None]:
    def start(finished: Callable[[], None]) -> None:
        first()
        when(done)(finished)

    return start


def clear_backups(folder: Path) -> None:
    shutil.rmtree(folder / BACKUP_DIR, ignore_errors=True)


def read_with_files(register: CaseRegister, number: str) -> object:
    """The case as `get_case` read it before: with every attachment's bytes."""
    detail = register.get_case(number)
    with register.reading() as session:
        case_id = detail.case.id
        return detail, [
            len(a.data)
            for a in session.exec(select(Attachment).where(Attachment.case_id == case_id))
        ]


# -- the run -------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=32)
    parser.add_argument("--full", action="store_true", help="the 124 MB register of issue 16")
    parser.add_argument("--entries", type=int, default=500)
    args = parser.parse_args()
    size = 124 if args.full else args.size_mb
    sandbox = Path(tempfile.mkdtemp(prefix="klasse-stalls-"))
    os.environ["KLASSE_CONFIG_DIR"] = str(sandbox / "config")  # never the user's settings
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    gc.freeze()  # as the window does once the register's code is loaded (register_session)

    t0 = time.perf_counter()
    now_dir, before_dir = sandbox / "now", sandbox / "before"
    number = generate(now_dir, size, args.entries)
    shutil.copytree(now_dir, before_dir)
    made_s = time.perf_counter() - t0
    db_mb = (now_dir / "register.db").stat().st_size / 2**20

    rows: list[tuple[str, tuple[float, float], tuple[float, float]]] = []
    # The noise floor: nothing runs but the timer (other programs on the machine).
    idle = longest_stall(app, lambda finished: QTimer.singleShot(2000, finished))
    rows.append(("nothing (this machine's noise floor, 2 s)", idle, idle))

    # Unlocking: the dialog (in the background, no backup) against opening on the UI
    # thread with the daily backup inside, as before.
    dialog = UnlockDialog(now_dir, ACTOR)
    dialog.show()
    dialog.passphrase.setText(PASSPHRASE)
    now = longest_stall(app, then(dialog.accept, lambda: not dialog.working))
    register = dialog.register
    assert register is not None, dialog.error.text()
    dialog.close()
    old: list[CaseRegister] = []
    before = longest_stall(
        app, on_ui_thread(lambda: old.append(CaseRegister.open(before_dir, PASSPHRASE, ACTOR)))
    )
    before_register = old[0]
    rows.append(("unlock (Argon2id, page check; before: + daily backup)", before, now))

    session = RegisterSession(lambda: ACTOR, folder=now_dir)
    session.adopt(register)
    page = CaseViewPage(session)
    page.resize(1366, 768)
    page.show()
    app.processEvents()

    # Reading a large case: the session's background read against the old read.
    got: list[object] = []
    now = longest_stall(app, then(lambda: session.run(page, lambda r: r.get_case(number), got.append, None, "…"),
                                  lambda: bool(got)))  # fmt: skip
    before = longest_stall(app, on_ui_thread(lambda: read_with_files(before_register, number)))
    rows.append((f"read a case of {args.entries} entries (before: with its files)", before, now))

    # Showing it: the read in the background, then the timeline drawn on the UI thread
    # (drawn once first, so neither run pays for the first polish of the widgets).
    page.show_detail(register.get_case(number))
    app.processEvents()
    page.clear()
    now = longest_stall(
        app,
        then(lambda: page.show_case(number),
             lambda: page.detail is not None and not session.busy and page.timeline.complete),
    )  # fmt: skip
    page.clear()
    app.processEvents()

    def show_before() -> None:
        from klasse_desktop.ui import timeline_view

        batch, chars = timeline_view.FIRST_BATCH, timeline_view.BATCH_CHARS
        timeline_view.FIRST_BATCH = timeline_view.BATCH_CHARS = 10**9  # all at once
        try:
            page.show_detail(before_register.get_case(number))
        finally:
            timeline_view.FIRST_BATCH, timeline_view.BATCH_CHARS = batch, chars

    before = longest_stall(app, on_ui_thread(show_before))
    page.clear()
    rows.append((f"open that case: read, and draw {args.entries} entries", before, now))

    # The daily backup.
    clear_backups(now_dir)
    clear_backups(before_dir)
    now = longest_stall(app, then(lambda: session.back_up_if_due(page), lambda: not session.busy))
    before = longest_stall(app, on_ui_thread(before_register.backup_if_due))
    rows.append(("daily backup (sqlcipher_export)", before, now))

    # A retention purge: delete, VACUUM, scrub the backup.
    expired = len(retention.expired_cases(register))
    now = longest_stall(app, then(lambda: session.run(page, retention.purge_expired, None, None, "…"),
                                  lambda: not session.busy))  # fmt: skip
    before = longest_stall(app, on_ui_thread(lambda: retention.purge_expired(before_register)))
    rows.append((f"purge {expired} expired cases + VACUUM", before, now))

    session.lock()
    before_register.close()

    # Restoring the newest backup (what the unlock dialog offers for a damaged file).
    def restore(folder: Path) -> Callable[[], object]:
        def work() -> object:
            restore_backup(folder, backups_in(folder)[0], PASSPHRASE)
            return CaseRegister.open(folder, PASSPHRASE, ACTOR, backup=False)

        return work

    restored: list[object] = []
    now = longest_stall(app, then(lambda: run_in_background(page, restore(now_dir), restored.append, None, "…"),
                                  lambda: bool(restored)))  # fmt: skip
    before = longest_stall(app, on_ui_thread(lambda: restored.append(restore(before_dir)())))
    rows.append(("restore the newest backup, then open it", before, now))
    for opened in restored:
        assert isinstance(opened, CaseRegister)
        opened.close()

    table = [("step", "work: before / now", "longest stall, UI thread (before)", "longest stall, background (now)",
              "ratio", f"goal < {GOAL_MS} ms")]  # fmt: skip
    for name, (b_stall, b_work), (n_stall, n_work) in rows:
        table.append((
            name, f"{b_work:.2f} s / {n_work:.2f} s", f"{b_stall * 1000:.0f} ms", f"{n_stall * 1000:.0f} ms",
            f"{n_stall / b_stall:.2f}×" if b_stall > 0 else "—",
            "yes" if n_stall * 1000 < GOAL_MS else "NO",
        ))  # fmt: skip
    print(f"register: {db_mb:.0f} MB ({size} MB asked), {args.entries} entries in the large case; "
          f"generated in {made_s:.0f} s; {os.cpu_count()} cores\n")  # fmt: skip
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    for index, row in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            print("  ".join("-" * w for w in widths))
    shutil.rmtree(sandbox, ignore_errors=True)


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip PySide6's teardown at interpreter exit; nothing is left to save
