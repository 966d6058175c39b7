"""`report` and `advice` from the command line: PDFs written, bad input refused."""

from __future__ import annotations

from pypdf import PdfReader

from klasse_desktop.cli import main
from tests.cases_helpers import PASSPHRASE


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_and_advice(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KLASSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KLASSE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("KLASSE_KDF", "fast")
    assert run(capsys, "cases", "init")[0] == 0
    assert (
        run(capsys, "cases", "new", "--title", "Pesten in groepsapp", "--category", "pesten")[0]
        == 0
    )
    number = "K-" + __import__("datetime").date.today().strftime("%Y") + "-0001"
    run(capsys, "cases", "add-party", number, "--role", "leerling", "--name", "Zoë Janssen")
    run(capsys, "cases", "add-party", number, "--role", "leerling", "--name", "Sam de Vries")
    run(capsys, "cases", "add-entry", number, "--text", "Zoë kreeg berichten van Sam.")

    target = tmp_path / "verslag.pdf"
    code, _out, err = run(
        capsys, "report", number, "--subject", "zoe janssen", "--out", str(target)
    )
    assert code == 0, err
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "Verslag voor het leerlingendossier" in text and "Zoë Janssen" in text
    assert "Sam" not in text.replace("Samenvatting", "") and "Leerling B" in text

    code, _out, err = run(capsys, "report", number, "--subject", "Piet", "--out", str(target))
    assert code == 2 and "1 (Zoë Janssen), 2 (Sam de Vries)" in err

    advice = tmp_path / "advies.pdf"
    code, _out, err = run(capsys, "advice", "opnemen", "-a", "wie=medewerker", "-a", "wat=afstand",
                          "--out", str(advice))  # fmt: skip
    assert code == 0, err
    assert "Advies volgens het protocol sociale media" in PdfReader(advice).pages[0].extract_text()

    code, _out, err = run(capsys, "advice", "opnemen", "-a", "wie=medewerker", "--out", str(advice))
    assert code == 2 and "wat" in err
    code, _out, err = run(capsys, "advice", "opnemen", "--out", str(tmp_path / "advies.txt"))
    assert code == 2 and ".pdf" in err


def test_retention_years_per_file_type(tmp_path, monkeypatch, capsys):
    import json

    monkeypatch.setenv("KLASSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KLASSE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("KLASSE_KDF", "fast")
    run(capsys, "cases", "init")
    code, out, _err = run(capsys, "cases", "retention", "--format", "json")
    assert code == 0 and json.loads(out) == {
        "retention_years": {"personeelsdossier": 2, "leerlingendossier": 2}
    }
    code, out, _err = run(
        capsys, "cases", "retention", "--file", "personeelsdossier", "--years", "7"
    )
    assert code == 0 and "personeelsdossier" in out and "7" in out
    code, _out, err = run(
        capsys, "cases", "retention", "--file", "personeelsdossier", "--years", "0"
    )
    assert code == 2 and "50" in err
    code, _out, err = run(capsys, "cases", "retention", "--years", "3")
    assert code == 2 and "--file" in err
