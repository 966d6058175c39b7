"""`klasse-desktop stats export` and `stats report`: the evaluation from the command
line. Texts in English (`--lang en`); bad input is one line, exit 2, no traceback."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from klasse_desktop.cli import main
from klasse_desktop.reports.pdfa import validate
from klasse_desktop.settings import Settings, save_settings

PASSPHRASE = "paard batterij nietje 42"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    assert PASSPHRASE not in out + err and "Traceback" not in err
    return code, out, err


def one_line_error(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert code == 2 and out == "", (code, out, err)
    lines = [line for line in err.strip().splitlines() if not line.startswith("KLASSE_KDF")]
    assert len(lines) == 1, err
    return lines[0]


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
    assert run(capsys, "cases", "init")[0] == 0
    for i, category in enumerate(["pesten"] * 6 + ["sexting"]):
        code, _out, _err = run(
            capsys, "cases", "new", "--title", f"Zoë Canarisma {i}", "--category", category,
            "--opened", f"2026-0{1 + i % 3}-1{i}",
        )  # fmt: skip
        assert code == 0
    return env


def test_export_then_report(register, capsys, tmp_path):
    code, out, _err = run(capsys, "stats", "export", "--from", "2026-01", "--to", "2026-06",
                          "--out", str(tmp_path / "a.json"))  # fmt: skip
    assert code == 0
    assert "Export written to" in out and "case figures of OBS De Klasse" in out
    text = (tmp_path / "a.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["tables"]["cases_by_category"]["pesten"] == 6
    assert data["tables"]["cases_by_category"]["sexting"] == "<5"
    assert "Canarisma" not in text and "K-2026" not in text
    code, out, _err = run(capsys, "stats", "export", "--from", "2026-01", "--to", "2026-06",
                          "--school", "Het Anker", "--out", str(tmp_path / "b.json"))  # fmt: skip
    assert code == 0 and "Het Anker" in out
    target = tmp_path / "evaluatie.pdf"
    code, out, _err = run(capsys, "stats", "report", str(tmp_path / "a.json"),
                          str(tmp_path / "b.json"), "--out", str(target))  # fmt: skip
    assert code == 0 and "(2 schools)" in out
    pdf = target.read_bytes()
    assert validate(pdf)[0]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Evaluation of the social media protocol" in " ".join(text.split())
    assert "Bullying 12" in " ".join(text.split())


def test_a_teacher_exports_wizard_use_without_a_register(env, capsys, tmp_path):
    from datetime import date

    from klasse_desktop.evaluation.wizard_use import WizardUseCounter, counts_path

    counter = WizardUseCounter(lambda: True, today=lambda: date(2026, 2, 3))
    counter.started("plaatsen")
    counter.flush()
    assert counts_path() == tmp_path / "data" / "wizard-use.json"
    code, out, _err = run(capsys, "stats", "export", "--from", "2026-01", "--to", "2026-03",
                          "--out", str(tmp_path / "t.json"))  # fmt: skip
    assert code == 0 and "wizard use of OBS De Klasse" in out
    data = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert data["includes"] == ["wizard_use"]
    assert data["tables"]["wizard_started:plaatsen"] == {
        "2026-01": "<5",
        "2026-02": "<5",
        "2026-03": "<5",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "2026-13", "--to", "2026-12"],
            "--from: '2026-13' is not a month; write YYYY-MM",
        ),
        (["--from", "maart", "--to", "2026-12"], "'maart' is not a month"),
        (["--from", "2026-06", "--to", "2026-01"], "The period ends (2026-01) before it starts"),
        (["--from", "2026-01", "--to", "2026-06", "--school", " "], "Give the name the school"),
        (["--from", "2026-01", "--to", "2026-06", "--school", "x" * 81], "at most 80 characters"),
    ],
)
def test_wrong_export_input_is_one_clear_line(register, capsys, tmp_path, args, message):
    line = one_line_error(run(capsys, "stats", "export", *args, "--out", str(tmp_path / "x.json")))
    assert message in line
    assert not (tmp_path / "x.json").exists()


def test_wrong_output_files_are_refused(register, capsys, tmp_path):
    base = ["stats", "export", "--from", "2026-01", "--to", "2026-02"]
    line = one_line_error(run(capsys, *base, "--out", str(tmp_path / "x.txt")))
    assert "must end in .json" in line
    line = one_line_error(run(capsys, *base, "--out", str(tmp_path / "nope" / "x.json")))
    assert "Folder not found" in line


def test_nothing_to_export_says_so(env, capsys, tmp_path):
    line = one_line_error(run(capsys, "stats", "export", "--from", "2026-01", "--to", "2026-02",
                              "--out", str(tmp_path / "x.json")))  # fmt: skip
    assert "nothing to export" in line


def test_a_wrong_passphrase_is_a_message(register, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("KLASSE_PASSPHRASE", "verkeerd wachtwoord 99")
    line = one_line_error(run(capsys, "stats", "export", "--from", "2026-01", "--to", "2026-02",
                              "--out", str(tmp_path / "x.json")))  # fmt: skip
    assert "passphrase" in line.lower()


def test_wrong_report_input_is_one_clear_line(env, capsys, tmp_path):
    good = tmp_path / "good.json"
    from klasse_desktop.evaluation.export import make_export, write_export
    from klasse_desktop.evaluation.periods import Period
    from klasse_desktop.evaluation.register_figures import Figures, empty_case_tables
    from klasse_desktop.protocol.shipped import default_rules

    period = Period.parse("2026-01", "2026-02")
    write_export(make_export("De Linde", period, default_rules(),
                             Figures(period, empty_case_tables(period)), None), good)  # fmt: skip
    (tmp_path / "text.json").write_text("hallo", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"format": "iets anders"}', encoding="utf-8")
    out = str(tmp_path / "e.pdf")
    cases = [
        ([str(tmp_path / "missing.json")], "File not found"),
        ([str(tmp_path / "text.json")], "is not an evaluation export (it is not JSON text)"),
        ([str(tmp_path / "other.json")], "cannot be used: it is not an evaluation export"),
        ([str(good), str(good)], "are the same export"),
    ]
    for files, message in cases:
        assert message in one_line_error(run(capsys, "stats", "report", *files, "--out", out))
    line = one_line_error(run(capsys, "stats", "report", str(good), "--out", str(tmp_path / "e")))
    assert "must end in .pdf" in line
    assert not (tmp_path / "e.pdf").exists()
