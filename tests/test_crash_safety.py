"""Pulling the plug: a writer killed with SIGKILL at random moments loses nothing it
acknowledged, leaves no half-written entry, and never damages the register.

A host subprocess imports the register code once and forks one writer per round
(a fresh interpreter per kill would cost most of a second); the test kills each
writer with SIGKILL after a random number of acknowledged entries and a random
delay, then reopens the register and checks it.
"""

from __future__ import annotations

import hashlib
import os
import random
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlmodel import select as sql_select

from klasse_desktop.cases.models import Entry
from tests.cases_helpers import PROTOCOL_VERSION, open_register

pytestmark = pytest.mark.skipif(os.name != "posix", reason="fork and SIGKILL are POSIX")

KILLS = 200
KILLS_PER_HOST = 40  # 5 host processes
CHECK_EVERY = 10

# Reads "GO <round> <case> <draft-case>" lines; forks a writer per line. The writer
# opens the register, saves a draft, then adds entries until it is killed.
HOST = r"""
import os, sys
from pathlib import Path
from tests.cases_helpers import open_register
from tests.test_crash_safety import entry_text, draft_text

folder = Path(sys.argv[1])
out = sys.stdout.fileno()

def say(line):
    os.write(out, (line + "\n").encode())

# Warm the import and mapping caches once; no connection stays open across fork.
open_register(folder, create=False).close()

for command in sys.stdin:
    parts = command.split()
    if parts[0] != "GO":
        break
    round_no, number, draft_case = int(parts[1]), parts[2], parts[3]
    pid = os.fork()
    if pid == 0:
        try:
            say(f"PID {os.getpid()}")
            register = open_register(folder, create=False)
            register.save_draft(draft_case, draft_text(round_no))
            say(f"DRAFT {round_no}")
            i = 0
            while True:
                entry = register.add_entry(number, entry_text(round_no, i))
                say(f"ACK {entry.id} {round_no} {i}")
                i += 1
        finally:
            os._exit(3)
    _pid, status = os.waitpid(pid, 0)
    say(f"DEAD {status}")
"""


def _sealed(body: str) -> str:
    return f"{body}#{hashlib.sha256(body.encode()).hexdigest()[:16]}"


def entry_text(round_no: int, i: int) -> str:
    # Sizes from a few bytes to several database pages, so that kills land inside
    # multi-page writes too.
    padding = "Zoë schreef: ﷽ " * ((round_no * 7 + i * 13) % 400)
    return _sealed(f"r{round_no:03d}-i{i:04d} {padding}")


def draft_text(round_no: int) -> str:
    return _sealed(f"concept r{round_no:03d} " + "nog niet klaar " * (round_no % 50))


def _intact(text: str) -> bool:
    body, _hash, check = text.rpartition("#")
    return bool(body) and hashlib.sha256(body.encode()).hexdigest()[:16] == check


@dataclass
class Drafts:
    case: str
    acked: int = -1
    unacked: set[int] = field(default_factory=set)

    def saw(self, line: str) -> None:
        self.acked = int(line.split()[1])
        self.unacked.clear()


class Host:
    def __init__(self, folder: Path) -> None:
        root = Path(__file__).resolve().parent.parent
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOST, str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(root)},
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout

    def line(self, timeout: float = 30.0) -> str:
        ready, _w, _x = select.select([self.stdout], [], [], timeout)
        assert ready, "the writer went silent"
        line = self.stdout.readline().decode()
        assert line, f"the host died (exit {self.proc.poll()})"
        return line.strip()

    def send(self, text: str) -> None:
        self.stdin.write(text.encode() + b"\n")
        self.stdin.flush()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.send("QUIT")
            self.proc.wait(timeout=10)


def check(folder: Path, acked: dict[int, str], drafts: Drafts) -> int:
    register = open_register(folder, create=False)
    try:
        with register.database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        with register.session() as session:
            stored = {e.id: e.text for e in session.exec(sql_select(Entry))}
        missing = [i for i in acked if i not in stored]
        assert not missing, f"acknowledged entries lost: {missing[:5]}"
        for entry_id, text in acked.items():
            assert stored[entry_id] == text, f"entry {entry_id} changed"
        torn = [i for i, t in stored.items() if not _intact(t)]
        assert not torn, f"incomplete entries: {torn[:5]}"
        draft = register.get_draft(drafts.case)
        if drafts.acked >= 0:
            # The last acknowledged draft, or a later one whose writer died before
            # it could say so.
            assert draft is not None
            assert draft.text in {draft_text(r) for r in (drafts.acked, *drafts.unacked)}
        assert register.verify_audit().ok
        return len(stored)
    finally:
        register.close()


def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path):
    rng = random.Random(int(os.environ.get("KLASSE_CRASH_SEED", "20260223")))
    folder = tmp_path / "register"
    register = open_register(folder)
    case = register.create_case(
        "Crashtest", "pesten", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    draft_case = register.create_case(
        "Concepten", "pesten", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    register.close()

    acked: dict[int, str] = {}
    drafts = Drafts(draft_case.number)
    kills = hosts = 0
    host: Host | None = None
    try:
        while kills < KILLS:
            if kills % KILLS_PER_HOST == 0:
                if host is not None:
                    host.stop()
                host, hosts = Host(folder), hosts + 1
            drafts.unacked.add(kills)
            host.send(f"GO {kills} {case.number} {draft_case.number}")
            kind, pid = host.line().split()
            assert kind == "PID"
            # Kill before the open, during the draft, or after 1..6 entries.
            wanted = rng.choice([-1, 0, *range(1, 7)])
            deadline_acks = wanted if wanted > 0 else 0
            seen = 0
            if wanted >= 0:
                while True:
                    line = host.line()
                    if line.startswith("ACK"):
                        _ack, entry_id, round_no, i = line.split()
                        acked[int(entry_id)] = entry_text(int(round_no), int(i))
                        seen += 1
                    elif line.startswith("DRAFT"):
                        drafts.saw(line)
                    else:
                        raise AssertionError(line)
                    if (wanted == 0 and line.startswith("DRAFT")) or (
                        wanted > 0 and seen >= deadline_acks
                    ):
                        break
            time.sleep(rng.uniform(0, 0.004))
            os.kill(int(pid), signal.SIGKILL)
            # Acknowledgements already in the pipe still count.
            while True:
                line = host.line()
                if line.startswith("DEAD"):
                    assert os.WTERMSIG(int(line.split()[1])) == signal.SIGKILL
                    break
                if line.startswith("ACK"):
                    _ack, entry_id, round_no, i = line.split()
                    acked[int(entry_id)] = entry_text(int(round_no), int(i))
                elif line.startswith("DRAFT"):
                    drafts.saw(line)
            kills += 1
            if kills % CHECK_EVERY == 0:
                check(folder, acked, drafts)
    finally:
        if host is not None:
            host.stop()
    total = check(folder, acked, drafts)
    print(f"crash safety: {kills} kills, {hosts} hosts, {len(acked)} acknowledged, {total} stored")
    assert kills == KILLS and hosts >= 5
    assert len(acked) > KILLS  # the writers did real work between the kills
    assert total >= len(acked)
    # The last acknowledged draft survives (a later one only if it was being written).
    assert drafts.acked >= 0
