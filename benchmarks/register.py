"""Search and case-list speed of the encrypted case register, against plain SQLite.

    python benchmarks/register.py [--entries 100000] [--cases 10000]

Fills a throwaway register (SQLCipher, the app's own schema and triggers) with
invented cases and entries, then times: the first 50 full-text hits for a rare
word and for two common words, the same queries on an unencrypted SQLite FTS5
table and as a LIKE scan (baselines, same data, same run), and opening the case
list. Goals (issue 4): first 50 hits under 20 ms; case list under 200 ms.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from klasse_desktop.cases.listing import list_cases
from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.cases.search import search

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import timed as _timed


def timed(fn, repeat: int = 15) -> float:  # type: ignore[no-untyped-def]
    return _timed(fn, repeat)


WORDS = (
    "leerling ouder groepsapp bericht foto schermafdruk gesprek mentor klas pauze schoolplein "
    "melding afspraak directeur leerkracht telefoon filmpje account wachtwoord instagram "
    "whatsapp tiktok excuses waarschuwing maatregel vertrouwenspersoon dinsdag woensdag "
    "gymles uitstapje schoolreis toestemming privacy verwijderd gedeeld gezien gehoord"
).split()
RARE = "zeldzaamwoord"


def fill(register: CaseRegister, cases: int, entries: int, rng: random.Random) -> list[tuple]:
    rows = []
    now = datetime.now(UTC)
    with register.session() as session:
        conn = session.connection()
        for i in range(1, cases + 1):
            opened = date(2020, 1, 1) + timedelta(days=i % 2000)
            conn.execute(text(
                'INSERT INTO "case" (id, number, title, school, category, status, file_type, opened_on, '
                "summary, protocol_version, created_at, legal_hold) VALUES (:i, :n, :t, 'De Vlinder', "
                "'pesten', 'open', 'leerlingendossier', :o, '', '2026-02-23', :c, 0)"
            ), {"i": i, "n": f"K-{opened.year}-{i:05d}", "t": " ".join(rng.choices(WORDS, k=4)),
                "o": opened, "c": now})  # fmt: skip
        batch = []
        for j in range(entries):
            words = rng.choices(WORDS, k=20)
            if j % 5000 == 0:
                words[3] = RARE
            body = " ".join(words)
            case_id = j % cases + 1
            batch.append({"c": case_id, "d": date(2024, 1, 1), "n": now, "t": body})
            rows.append((case_id, body))
        conn.execute(text(
            "INSERT INTO entry (case_id, kind, event_date, recorded_at, author, text, reported_to) "
            "VALUES (:c, 'observation', :d, :n, 'Directeur', :t, '')"
        ), batch)  # fmt: skip
    return rows


def plain_baseline(rows: list[tuple], folder: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(folder / "plain.db")
    conn.execute("CREATE VIRTUAL TABLE fts USING fts5(body, case_id UNINDEXED)")
    conn.execute("CREATE TABLE entry (case_id INTEGER, body TEXT)")
    conn.executemany("INSERT INTO fts VALUES (?, ?)", [(b, c) for c, b in rows])
    conn.executemany("INSERT INTO entry VALUES (?, ?)", rows)
    conn.commit()
    return conn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(2026)
    folder = Path(tempfile.mkdtemp(prefix="klasse-bench-"))
    register = CaseRegister.open(folder / "register", "benchmark passphrase", "Bench", create=True,
                                 kdf={"time_cost": 1, "memory_cost": 1024, "parallelism": 1})  # fmt: skip
    start = time.perf_counter()
    rows = fill(register, args.cases, args.entries, rng)
    fill_s = time.perf_counter() - start
    plain = plain_baseline(rows, folder)

    results = [
        ("search, rare word, first 50 (encrypted)", timed(lambda: search(register, RARE))),
        ("search, rare word, first 50 (plain FTS5)", timed(lambda: plain.execute(
            "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT 50", (f'"{RARE}"*',)).fetchall())),
        ("search, two words, first 50 (encrypted)", timed(lambda: search(register, "groepsapp schermafdruk"))),
        ("search, two words, first 50 (plain FTS5)", timed(lambda: plain.execute(
            "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT 50",
            ('"groepsapp"* AND "schermafdruk"*',)).fetchall())),
        ("search, two words, bm25-ranked (plain FTS5)", timed(lambda: plain.execute(
            "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT 50",
            ('"groepsapp"* AND "schermafdruk"*',)).fetchall())),
        ("search, rare word, LIKE scan (plain)", timed(lambda: plain.execute(
            "SELECT rowid FROM entry WHERE body LIKE ? LIMIT 50", (f"%{RARE}%",)).fetchall(), repeat=5)),
        (f"case list, all {args.cases} cases (encrypted)", timed(lambda: list_cases(register), repeat=5)),
    ]  # fmt: skip
    base = {"search, rare": results[1][1], "search, two": results[3][1]}
    goals = {0: "< 20 ms", 2: "< 20 ms", 6: "< 200 ms"}
    print(f"{args.entries} entries in {args.cases} cases; filled in {fill_s:.1f} s\n")
    header = ("measure", "median", "ratio to plain FTS5", "goal")
    table = [header]
    for index, (name, seconds) in enumerate(results):
        key = next((k for k in base if name.startswith(k)), None)
        ratio = f"{seconds / base[key]:.1f}×" if key else "—"
        table.append((name, f"{seconds * 1000:.2f} ms", ratio, goals.get(index, "")))
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for index, row in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            print("  ".join("-" * w for w in widths))
    register.close()


if __name__ == "__main__":
    main()
