"""`klasse-desktop cases ...`: the case register from the command line.

Texts are asserted in English (`--lang en`, the source strings) unless the
Dutch catalog already has them; the passphrase never shows up in any output.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date

import pytest

from klasse_desktop.cli import case_commands, main
from klasse_desktop.i18n_dates import format_date
from klasse_desktop.settings import Settings, save_settings

PASSPHRASE = "paard batterij nietje 42"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert PASSPHRASE not in out + err
    return code, out, err


def en(capsys, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--lang", "en", "cases", *argv)


def one_line_error(code: int, out: str, err: str) -> str:
    assert code == 2 and out == ""
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err.strip()


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("KLASSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KLASSE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KLASSE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("KLASSE_KDF", "fast")
    save_settings(Settings(user_name="Directeur Test", school="OBS De Klasse"))
    return tmp_path


@pytest.fixture
def register(env, capsys):
    code, _out, _err = en(capsys, "init")
    assert code == 0
    return env / "data" / "register"


@pytest.fixture
def case(register, capsys):
    """K-2026-0001 with two parties, two entries typed out of order and an addendum."""
    assert en(capsys, "new", "--title", "Kwetsende berichten in groepsapp", "--category",
              "pesten", "--opened", "2026-03-02")[0] == 0  # fmt: skip
    en(capsys, "add-party", "K-2026-0001", "--role", "leerling", "--name", "Zoë Janssen",
       "--class-or-function", "groep 7")  # fmt: skip
    en(capsys, "add-party", "K-2026-0001", "--role", "ouder", "--name", "Şükrü Yılmaz")
    en(capsys, "add-entry", "K-2026-0001", "--text", "Gesprek met ouders.", "--kind",
       "conversation", "--date", "2026-03-04")  # fmt: skip
    en(capsys, "add-entry", "K-2026-0001", "--text", "Melding van de mentor: pesten.",
       "--date", "2026-03-03")  # fmt: skip
    code, out, _ = en(capsys, "add-entry", "K-2026-0001", "--text", "Het was op 2 maart.",
                      "--corrects", "2", "--date", "2026-03-05")  # fmt: skip
    assert code == 0 and out.strip() == "Addendum 3 on entry 2 added to K-2026-0001."
    return "K-2026-0001"


# -- init and the data dir -------------------------------------------------------------


def test_init_creates_the_register_in_a_sub_folder_of_the_data_dir(env, capsys):
    code, out, err = en(capsys, "init")
    folder = env / "data" / "register"
    assert code == 0
    assert out.splitlines()[0] == f"Case register created in {folder}."
    assert "KLASSE_KDF=fast: weak key derivation, for tests only." in err
    assert (folder / "register.db").is_file()
    assert json.loads((folder / "register.json").read_text())["memory_cost"] == 1024
    err = one_line_error(*en(capsys, "init"))
    assert err == f"klasse-desktop: There is already a case register in {folder}."


def test_init_uses_the_strong_key_derivation_unless_told(env, monkeypatch, capsys):
    monkeypatch.delenv("KLASSE_KDF")
    code, _out, err = en(capsys, "init", "--format", "json")
    assert code == 0 and err == ""
    params = json.loads((env / "data" / "register" / "register.json").read_text())
    assert (params["time_cost"], params["memory_cost"], params["parallelism"]) == (3, 65536, 4)


def test_an_unknown_kdf_setting_is_refused(env, monkeypatch, capsys):
    monkeypatch.setenv("KLASSE_KDF", "slow")
    err = one_line_error(*en(capsys, "init"))
    assert "KLASSE_KDF=slow is not known" in err
    assert not (env / "data" / "register").exists()


def test_a_short_passphrase_is_refused_in_dutch(env, monkeypatch, capsys):
    monkeypatch.setenv("KLASSE_PASSPHRASE", "kort")
    err = one_line_error(*run(capsys, "cases", "init"))
    assert err.startswith("klasse-desktop: ") and "minstens 10 tekens" in err


def test_data_dir_option_comes_before_cases_and_wins_over_the_env(env, capsys, tmp_path):
    other = tmp_path / "elders"
    code, out, _ = run(capsys, "--lang", "en", "--data-dir", str(other), "cases", "init")
    assert code == 0 and str(other / "register") in out
    assert (other / "register" / "register.db").is_file()
    assert not (env / "data").exists()


def test_no_register_yet_says_to_run_init(env, capsys):
    err = one_line_error(*en(capsys, "list"))
    folder = env / "data" / "register"
    assert err == (
        f"klasse-desktop: There is no case register in {folder} yet. "
        "Create one with: klasse-desktop cases init"
    )
    err = one_line_error(*run(capsys, "--data-dir", "/tmp/nergens hier", "cases", "show", "K-1"))
    assert "klasse-desktop --data-dir '/tmp/nergens hier' cases init" in err


def test_register_dir_is_a_sub_folder_of_the_data_dir(env):
    from klasse_desktop.paths import data_dir, register_dir

    assert register_dir() == data_dir() / "register"
    assert register_dir(env / "x") == env / "x" / "register"


# -- passphrase --------------------------------------------------------------------------


def test_a_wrong_passphrase_is_one_line_in_dutch(case, monkeypatch, capsys):
    monkeypatch.setenv("KLASSE_PASSPHRASE", "verkeerd wachtwoord")
    err = one_line_error(*run(capsys, "cases", "show", case))
    assert err == "klasse-desktop: Met dit wachtwoord gaat het dossierregister niet open."


def test_the_passphrase_can_come_on_stdin(case, monkeypatch, capsys):
    monkeypatch.delenv("KLASSE_PASSPHRASE")
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code, out, _ = en(capsys, "list", "--format", "json")
    assert code == 0 and [c["number"] for c in json.loads(out)] == [case]


def test_no_passphrase_at_all(case, monkeypatch, capsys):
    monkeypatch.delenv("KLASSE_PASSPHRASE")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    err = one_line_error(*en(capsys, "list"))
    assert err == (
        "klasse-desktop: No passphrase given: set KLASSE_PASSPHRASE or type it on standard input."
    )


# -- cases, parties, entries -------------------------------------------------------------


def test_show_a_case_with_its_timeline_and_addenda(case, capsys):
    code, out, err = en(capsys, "show", case)
    assert code == 0 and err == ""
    today = format_date(date.today(), "en")
    lines = out.splitlines()
    assert lines[0] == "K-2026-0001 — Kwetsende berichten in groepsapp"
    assert "  Category:          Bullying" in lines
    assert "  Status:            Open" in lines
    assert "  File:              pupil file (leerlingendossier)" in lines
    assert "  School:            OBS De Klasse" in lines
    assert "  Opened:            2 March 2026" in lines
    assert "  Kept until:        while the case is open" in lines
    assert "  Legal hold:        no" in lines
    assert "  1. Pupil: Zoë Janssen (groep 7)" in lines
    assert "  2. Parent or carer: Şükrü Yılmaz" in lines
    timeline = out[out.index("Timeline (3):") : out.index("Attachments (0):")]
    assert timeline.splitlines()[1:] == [
        "  [2] 3 March 2026 · Observation · Directeur Test",
        f"      recorded {today}, {timeline.splitlines()[2].rsplit(', ', 1)[1]}",
        "      Melding van de mentor: pesten.",
        "      ↳ [3] Addendum on entry 2 · 5 March 2026 · Observation · Directeur Test",
        timeline.splitlines()[5],
        "          Het was op 2 maart.",
        "  [1] 4 March 2026 · Conversation · Directeur Test",
        timeline.splitlines()[8],
        "      Gesprek met ouders.",
        "",
    ]
    assert timeline.splitlines()[5].strip().startswith(f"recorded {today}, ")


def test_show_as_json(case, capsys):
    code, out, _ = en(capsys, "show", case.lower(), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["case"] | {"retention_end": None} == {
        "number": "K-2026-0001",
        "title": "Kwetsende berichten in groepsapp",
        "school": "OBS De Klasse",
        "category": "pesten",
        "status": "open",
        "file_type": "leerlingendossier",
        "opened_on": "2026-03-02",
        "closed_on": None,
        "legal_hold": False,
        "retention_end": None,
        "summary": "",
        "protocol_version": "2026-02-23",
    }
    assert [(p["role"], p["name"], p["class_or_function"]) for p in data["parties"]] == [
        ("leerling", "Zoë Janssen", "groep 7"),
        ("ouder", "Şükrü Yılmaz", ""),
    ]
    entries = {e["id"]: e for e in data["entries"]}
    assert [e["id"] for e in data["entries"]] == [2, 1, 3]  # by event date
    assert entries[2]["addenda"] == [3] and entries[3]["corrects"] == 2
    assert entries[3]["kind"] == "observation"  # an addendum takes its entry's kind
    assert entries[1] | {"recorded_at": None} == {
        "id": 1,
        "kind": "conversation",
        "event_date": "2026-03-04",
        "recorded_at": None,
        "author": "Directeur Test",
        "text": "Gesprek met ouders.",
        "reported_to": "",
        "corrects": None,
        "addenda": [],
        "wizard_record": None,
    }
    assert entries[1]["recorded_at"].startswith(date.today().isoformat())
    assert data["attachments"] == []


def test_new_and_add_commands_as_json(register, capsys):
    _, out, _ = en(capsys, "new", "--title", "Nepaccount", "--category", "hacken", "--file",
                   "personeelsdossier", "--school", "Kbs Elders", "--format", "json")  # fmt: skip
    new = json.loads(out)
    number = new["number"]
    assert number == f"K-{date.today().year}-0001"
    assert (new["category"], new["file_type"], new["school"]) == (
        "hacken",
        "personeelsdossier",
        "Kbs Elders",
    )
    assert new["opened_on"] == date.today().isoformat() and new["status"] == "open"
    _, out, _ = en(capsys, "add-party", number, "--role", "medewerker", "--name", "Sam",
                   "--format", "json")  # fmt: skip
    assert json.loads(out) == {
        "case": number, "id": 1, "role": "medewerker", "name": "Sam", "class_or_function": "",
        "parent_of": None,
    }  # fmt: skip
    _, out, _ = en(capsys, "add-entry", number, "--text", "Gemeld bij het bestuur.", "--kind",
                   "report", "--reported-to", "bestuur", "--format", "json")  # fmt: skip
    entry = json.loads(out)
    assert (entry["kind"], entry["reported_to"], entry["event_date"]) == (
        "report",
        "bestuur",
        date.today().isoformat(),
    )


def test_the_author_is_the_os_user_without_a_name_in_the_settings(env, monkeypatch, capsys):
    save_settings(Settings())
    monkeypatch.setattr(case_commands.getpass, "getuser", lambda: "jdevries")
    en(capsys, "init")
    en(capsys, "new", "--title", "Test")
    en(capsys, "add-entry", f"K-{date.today().year}-0001", "--text", "Iets.")
    _, out, _ = en(capsys, "show", f"K-{date.today().year}-0001", "--format", "json")
    assert json.loads(out)["entries"][0]["author"] == "jdevries"


def test_format_may_come_before_the_sub_command(case, capsys):
    _, out, _ = run(capsys, "cases", "--format", "json", "list")
    assert json.loads(out)[0]["number"] == case


# -- list and search --------------------------------------------------------------------


def test_list_with_filters(case, capsys):
    en(capsys, "new", "--title", "Hack van schoolaccount", "--category", "hacken", "--file",
       "personeelsdossier", "--opened", "2025-11-03")  # fmt: skip
    en(capsys, "close", "K-2025-0001", "--date", "2025-12-01")
    code, out, _ = en(capsys, "list")
    assert code == 0
    assert out.splitlines() == [
        "K-2026-0001  2 Mar 2026  Open · Bullying  Kwetsende berichten in groepsapp",
        "K-2025-0001  3 Nov 2025  Closed · Hacking an account  Hack van schoolaccount",
        "2 cases",
    ]

    def numbers(*options: str) -> list[str]:
        _, out, _ = en(capsys, "list", "--format", "json", *options)
        return [row["number"] for row in json.loads(out)]

    assert numbers("--status", "closed") == ["K-2025-0001"]
    assert numbers("--category", "pesten") == ["K-2026-0001"]
    assert numbers("--file", "personeelsdossier") == ["K-2025-0001"]
    assert numbers("--text", "schoolaccount") == ["K-2025-0001"]
    assert numbers("--text", "zoe") == ["K-2026-0001"]  # party names, accents optional
    assert numbers("--status", "open", "--category", "hacken") == []
    _, out, _ = en(capsys, "list", "--format", "json", "--status", "closed")
    assert json.loads(out) == [
        {
            "number": "K-2025-0001",
            "title": "Hack van schoolaccount",
            "school": "OBS De Klasse",
            "category": "hacken",
            "status": "closed",
            "file_type": "personeelsdossier",
            "opened_on": "2025-11-03",
            "closed_on": "2025-12-01",
            "legal_hold": False,
        }
    ]


def test_search(case, capsys):
    code, out, _ = en(capsys, "search", "ouders")
    assert code == 0
    assert out.splitlines() == [
        "K-2026-0001 — Kwetsende berichten in groepsapp",
        "  entry 1: Gesprek met [ouders].",
        "1 result",
    ]
    _, out, _ = en(capsys, "search", "zoe", "--format", "json")
    assert json.loads(out) == [
        {
            "case": "K-2026-0001",
            "title": "Kwetsende berichten in groepsapp",
            "source": "party",
            "source_id": 1,
            "snippet": "[Zoë] Janssen groep 7",
        }
    ]
    assert en(capsys, "search", "zwembadpas")[1] == "0 results\n"


# -- export -----------------------------------------------------------------------------


def test_export_person_as_text_json_and_file(case, capsys, tmp_path):
    code, out, _ = en(capsys, "export-person", "zoe janssen")
    assert code == 0
    assert out.startswith("Everything the case register holds about: zoe janssen\n")
    assert "Exported on " in out and " by Directeur Test." in out
    assert "  As pupil: Zoë Janssen groep 7" in out  # words, not the stored "leerling"
    assert "] (Observation, Directeur Test)" in out and "observation" not in out
    assert "    Melding van de mentor: pesten." in out
    _, out, _ = en(capsys, "export-person", "Zoë", "--format", "json")
    data = json.loads(out)
    assert data["person"] == "Zoë" and data["exported_by"] == "Directeur Test"
    assert [c["case"]["number"] for c in data["cases"]] == [case]
    assert [p["name"] for p in data["cases"][0]["as_party"]] == ["Zoë Janssen"]
    assert "Şükrü" not in json.dumps(data["cases"][0]["as_party"])

    target = tmp_path / "inzage.json"
    code, out, _ = en(capsys, "export-person", "zoe", "--format", "json", "--out", str(target))
    assert code == 0 and json.loads(out) == {"out": str(target), "cases": 1}
    assert json.loads(target.read_text("utf-8"))["cases"][0]["case"]["number"] == case
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    code, out, _ = en(capsys, "export-person", "zoe", "--out", str(tmp_path / "inzage.txt"))
    assert out.strip() == f"Export of 1 case written to {tmp_path / 'inzage.txt'}."
    assert "Zoë Janssen" in (tmp_path / "inzage.txt").read_text("utf-8")


def test_export_of_nobody_and_to_a_missing_folder(case, capsys):
    err = one_line_error(*en(capsys, "export-person", "Niemand Bekend"))
    assert err == "klasse-desktop: Nobody named 'Niemand Bekend' is in the register."
    err = one_line_error(*en(capsys, "export-person", "zoe", "--out", "/nergens/x.json"))
    assert err == "klasse-desktop: Folder not found: /nergens"


# -- close, retention, audit ------------------------------------------------------------


def test_close_and_purge_expired(case, capsys):
    en(capsys, "new", "--title", "Oud dossier", "--category", "privacy", "--opened", "2020-01-06")
    en(capsys, "add-party", "K-2020-0001", "--role", "leerling", "--name", "Sam de Vries")
    en(capsys, "add-entry", "K-2020-0001", "--text", "Oud verhaal.", "--date", "2020-01-07")
    code, out, _ = en(capsys, "close", "K-2020-0001", "--date", "2020-02-01")
    assert code == 0
    assert out.strip() == (
        "Case K-2020-0001 closed on 1 February 2020; it is kept until 1 February 2022."
    )

    code, out, err = en(capsys, "purge-expired")
    assert code == 1
    assert out.splitlines() == [
        "This case has passed its retention period and would be deleted:",
        "  K-2020-0001 — Oud dossier (closed 1 February 2020; kept until 1 February 2022)",
    ]
    assert err.strip() == "Nothing was deleted. To delete, run again with --yes."
    code, out, _ = en(capsys, "purge-expired", "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["deleted"] == []
    assert [(c["number"], c["retention_end"]) for c in data["would_delete"]] == [
        ("K-2020-0001", "2022-02-01")
    ]
    assert en(capsys, "show", "K-2020-0001")[0] == 0  # nothing deleted yet

    code, out, _ = en(capsys, "purge-expired", "--yes", "--format", "json")
    receipt = json.loads(out)["deleted"][0]
    assert code == 0
    assert receipt | {"deleted_at": None} == {
        "case": "K-2020-0001",
        "file_type": "leerlingendossier",
        "opened_on": "2020-01-06",
        "closed_on": "2020-02-01",
        "retention_end": "2022-02-01",
        "deleted_at": None,
        "parties": 1,
        "entries": 1,
        "attachments": 0,
    }
    err = one_line_error(*en(capsys, "show", "K-2020-0001"))
    assert err == "klasse-desktop: There is no case K-2020-0001."
    assert en(capsys, "purge-expired") == (0, "No case has passed its retention period.\n", "")
    assert en(capsys, "show", case)[0] == 0  # the open case stays


def test_purge_yes_prints_the_receipts(register, capsys):
    en(capsys, "new", "--title", "Oud", "--opened", "2019-05-01", "--file", "personeelsdossier")
    en(capsys, "close", "K-2019-0001", "--date", "2019-06-01")
    code, out, _ = en(capsys, "purge-expired", "--yes")
    assert code == 0
    assert out.strip() == (
        "Deleted K-2019-0001 (personeelsdossier, closed 1 June 2019, kept until 1 June 2021): "
        "parties 0, entries 0, attachments 0."
    )


def test_verify_audit(case, capsys):
    code, out, _ = en(capsys, "verify-audit")
    assert code == 0 and out.startswith("The audit log is intact: ")
    code, out, _ = en(capsys, "verify-audit", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["ok"] is True and data["first_broken"] is None
    assert data["events"] > 7  # unlocks, creations, views


def test_verify_audit_reports_a_broken_chain(case, monkeypatch, capsys):
    from klasse_desktop.cases.audit import ChainCheck
    from klasse_desktop.cases.repository import CaseRegister

    monkeypatch.setattr(CaseRegister, "verify_audit", lambda self: ChainCheck(False, 9, 5))
    code, out, _ = en(capsys, "verify-audit")
    assert code == 1
    assert out.strip() == (
        "The audit log is broken at event 5: it was changed, or events were removed."
    )


# -- bad input: one line, exit 2 --------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "K-2026-0042"], "There is no case K-2026-0042."),
        (["add-entry", "K-2026-0042", "--text", "x"], "There is no case K-2026-0042."),
        (["close", "K-2026-0042"], "There is no case K-2026-0042."),
        (
            ["add-entry", "K-2026-0001", "--text", "x", "--corrects", "99"],
            "Entry 99 is not part of case K-2026-0001.",
        ),
        (
            ["add-entry", "K-2026-0001", "--text", "x", "--corrects", "een"],
            "'een' is not an entry number; `cases show CASE` lists them.",
        ),
        (
            ["new", "--title", "x", "--category", "roddel"],
            "'roddel' is not a valid category. Choose from: hacken, radicalisering, sexting, "
            "pesten, stalken, bedreigen, memes, beschadigen, onbevoegde_opname, privacy, anders",
        ),
        (
            ["new", "--title", "x", "--file", "dossier"],
            "'dossier' is not a valid file type. Choose from: personeelsdossier, leerlingendossier",
        ),
        (
            ["add-party", "K-2026-0001", "--role", "oom", "--name", "X"],
            "'oom' is not a valid role. Choose from: medewerker, leerling, ouder, stagiair, "
            "vrijwilliger, extern",
        ),
        (
            ["add-entry", "K-2026-0001", "--text", "x", "--kind", "chat"],
            "'chat' is not a valid entry kind. Choose from: observation, conversation, measure, "
            "report, correspondence, wizard_outcome",
        ),
        (
            ["list", "--status", "gesloten"],
            "'gesloten' is not a valid status. Choose from: open, closed",
        ),
        (["add-party", "K-2026-0001", "--role", "ouder", "--name", "  "], "The name cannot be"),
        (
            ["add-entry", "K-2026-0001", "--text", "x", "--date", "2999-01-01"],
            "The date of the event cannot be in the future.",
        ),
        (
            ["close", "K-2026-0001", "--date", "2999-01-01"],
            "A case cannot be closed on a date in the future.",
        ),
        (
            ["new", "--title", "x", "--opened", "2999-01-01"],
            "A case cannot be opened on a date in the future.",
        ),
        (
            ["close", "K-2026-0001", "--date", "2026-03-01"],
            "A case cannot be closed before it was opened.",
        ),
        (
            ["add-entry", "K-2026-0001", "--text", "x", "--date", "3-3-2026"],
            "--date: '3-3-2026' is not a date; write YYYY-MM-DD, e.g. 2026-03-01.",
        ),
    ],
)
def test_bad_input_is_one_clear_line(case, capsys, argv, message):
    err = one_line_error(*en(capsys, *argv))
    assert err.startswith(f"klasse-desktop: {message}")


def test_a_damaged_register_is_one_line(register, case, capsys):
    db = register / "register.db"
    with db.open("r+b") as fh:
        fh.seek(8192)
        fh.write(b"\0" * 8192)
    before = db.read_bytes()
    err = one_line_error(*en(capsys, "show", "K-2026-0001"))
    # found at open (every page is read once), before anything is written
    assert err == "klasse-desktop: The case register file is damaged or is not a case register."
    assert db.read_bytes() == before
    with db.open("wb") as fh:
        fh.write(b"not a database")
    err = one_line_error(*en(capsys, "list"))
    assert err == "klasse-desktop: The case register file is damaged or is not a case register."


def test_database_errors_never_show_the_statement_or_its_data(case, monkeypatch, capsys):
    import sqlalchemy.exc

    def locked(*_args, **_kw):
        raise sqlalchemy.exc.OperationalError(
            "INSERT INTO entry (text) VALUES (?)",
            ("Zoë zei iets",),
            Exception("database is locked"),
        )

    monkeypatch.setattr("klasse_desktop.cases.listing.list_cases", locked)
    err = one_line_error(*en(capsys, "list"))
    assert (
        err
        == "klasse-desktop: The case register could not be read or written (database is locked)."
    )


# -- wiring -----------------------------------------------------------------------------


def test_help_vocabularies_match_the_register():
    from klasse_desktop.cases.models import CaseStatus, Category, EntryKind, PartyRole
    from klasse_desktop.protocol.models import FileType

    for constant, enum in [
        (case_commands.CATEGORIES, Category),
        (case_commands.ROLES, PartyRole),
        (case_commands.KINDS, EntryKind),
        (case_commands.FILE_TYPES, FileType),
        (case_commands.STATUSES, CaseStatus),
    ]:
        assert constant == tuple(m.value for m in enum)


def test_init_help_says_fast_kdf_is_for_tests_only(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "en", "cases", "--help"])
    assert "KLASSE_KDF=fast selects a weak key derivation: for tests only." in " ".join(
        capsys.readouterr().out.split()
    )


def test_the_cli_does_not_load_the_register_for_other_commands():
    code = (
        "import sys\n"
        "from klasse_desktop.cli import main\n"
        "main(['wizards', '--format', 'json'])\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('sqlmodel', 'sqlalchemy', "
        "'sqlcipher3', 'alembic') or m.startswith('klasse_desktop.cases')]\n"
        "sys.stderr.write(','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stderr == ""


def test_a_folder_this_user_may_not_write_is_said_in_dutch(case, capsys, monkeypatch):
    """The system's own text ("Permission denied") is English in every language."""
    import errno

    from klasse_desktop import folder_lock

    def refused(folder):  # type: ignore[no-untyped-def]
        raise PermissionError(
            errno.EACCES, "Permission denied", str(folder / "klasse-desktop.lock")
        )

    monkeypatch.setattr(folder_lock, "acquire", refused)
    code, out, err = run(capsys, "cases", "add-entry", "K-2026-0001", "--text", "Nog een notitie.")
    message = one_line_error(code, out, err)
    assert message.startswith("klasse-desktop: Deze gebruiker mag niet schrijven in ")
    assert message.endswith("klasse-desktop.lock. De opdracht is gestopt.")
    assert "Permission denied" not in err


@pytest.mark.parametrize(
    ("error", "dutch"),
    [
        (OSError(28, "No space left on device", "/mnt/usb/register.db"),
         "De schijf is vol (/mnt/usb/register.db). De opdracht is gestopt; maak ruimte vrij "
         "en probeer het opnieuw."),
        (OSError(30, "Read-only file system", "/mnt/cd/register"),
         "/mnt/cd/register staat op een schijf waarop niet geschreven kan worden. De opdracht "
         "is gestopt."),
        (OSError(5, "Input/output error"),
         "een bestand van Klasse Desktop kon niet worden gebruikt (Input/output error). De "
         "opdracht is gestopt."),
    ],
)  # fmt: skip
def test_disk_errors_are_said_in_the_users_language(error, dutch):
    from klasse_desktop.cli.errors import os_message

    assert os_message(error) == dutch
