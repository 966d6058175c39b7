"""The report review on the command line: undecided names stop the report (exit 3,
nothing written), --hide/--keep/--as and a review file decide, decisions are kept
with the case and audited without names, and the inzage export follows the same
rules. Uses the real `deduce` name finder."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader
from sqlmodel import select

from klasse_desktop.cases.models import AuditEvent
from klasse_desktop.cases.repository import CaseRegister
from klasse_desktop.cli import main
from tests.cases_helpers import PASSPHRASE


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def text_of(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


@pytest.fixture
def case(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KLASSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KLASSE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KLASSE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("KLASSE_KDF", "fast")
    assert run(capsys, "cases", "init")[0] == 0
    run(capsys, "cases", "new", "--title", "Filmpje in de klassenapp", "--category", "memes")
    number = "K-" + __import__("datetime").date.today().strftime("%Y") + "-0001"
    for role, name, extra in (
        ("leerling", "Noor Okafor", []),
        ("leerling", "Noor Bakker", []),
        ("leerling", "Daan de Vries", []),
        ("ouder", "Ingrid de Vries", ["--parent-of", "daan de vries"]),
        ("medewerker", "Els Visser", []),
    ):
        code, _o, err = run(capsys, "cases", "add-party", number, "--role", role, "--name", name,
                            *extra)  # fmt: skip
        assert code == 0, err
    text = (
        "[12-03 21:14] Sem: kijk dan 😂\n[12-03 21:15] Lotte van der Berg: wie is dat\n"
        "Daans moeder belde boos. Noor lachte erom."
    )
    assert run(capsys, "cases", "add-entry", number, "--text", text)[0] == 0
    return number


def test_undecided_names_stop_the_report_and_nothing_is_written(case, tmp_path, capsys):
    target = tmp_path / "verslag.pdf"
    code, _out, err = run(capsys, "report", case, "--subject", "Noor Okafor", "--out", str(target))
    assert code == 3 and not target.exists()
    assert "“Sem” — een naam die niet als betrokkene is vastgelegd — Notitie 1" in err
    assert "“Lotte van der Berg”" in err
    assert "“Noor” — past bij meer dan één betrokkene" in err
    assert "kan zijn: 1 (Noor Okafor, Leerling); 2 (Noor Bakker, Leerling)" in err
    assert "klasse-desktop: Over 3 namen moet worden beslist; er is geen bestand geschreven." in err


def test_decisions_write_the_report_and_are_kept_with_the_case(case, tmp_path, capsys):
    target = tmp_path / "verslag.pdf"
    code, _out, err = run(
        capsys, "report", case, "--subject", "1", "--out", str(target),
        "--hide", "Sem", "--hide", "Lotte van der Berg", "--as", "Noor=Noor Bakker",
    )  # fmt: skip
    assert code == 0, err
    text = text_of(target)
    assert "Persoon 1: kijk dan" in text and "Persoon 2: wie is dat" in text
    assert "Leerling B lachte erom." in text  # Noor here is Noor Bakker: hidden in Okafor's file
    assert "Leerling C's moeder belde boos." in text  # Daan is C; his mother hidden
    for hidden in ("Sem", "Lotte", "Bakker", "Daan", "Ingrid"):
        assert hidden not in text, hidden
    # The next report of the case asks nothing: the decisions were kept.
    again = tmp_path / "opnieuw.pdf"
    code, _out, err = run(capsys, "report", case, "--subject", "1", "--out", str(again))
    assert code == 0, err
    # The audit log says a review happened, without any of the names.
    register = CaseRegister.open(tmp_path / "data" / "register", PASSPHRASE, "test")
    with register.session() as session:
        events = list(session.exec(select(AuditEvent)))
    register.close()
    reviews = [e for e in events if e.action == "review"]
    assert [(e.object_type, e.object_id, e.case_number) for e in reviews] == [("names", "3", case)]
    dumped = " ".join(str(e.model_dump()) for e in events)
    for name in ("Sem", "Lotte", "Noor", "Bakker"):
        assert name not in dumped, name


def test_a_review_file_decides_too_and_bad_files_are_explained(case, tmp_path, capsys):
    review = tmp_path / "review.json"
    review.write_text(json.dumps({"decisions": [
        {"text": "Sem", "action": "keep"}, {"text": "Lotte van der Berg", "action": "hide"},
        {"text": "Noor", "action": "party", "party": 1},
    ]}), encoding="utf-8")  # fmt: skip
    target = tmp_path / "verslag.pdf"
    code, _out, err = run(capsys, "report", case, "--subject", "Noor Bakker", "--out",
                          str(target), "--review-file", str(review))  # fmt: skip
    assert code == 0, err
    text = text_of(target)
    assert "Sem: kijk dan" in text and "Leerling B lachte erom." in text  # Okafor hidden now
    broken = tmp_path / "kapot.json"
    broken.write_text("{not json", encoding="utf-8")
    code, _out, err = run(capsys, "report", case, "--subject", "2", "--out", str(target),
                          "--review-file", str(broken))  # fmt: skip
    assert code == 2 and "beslisbestand" in err and "Traceback" not in err


def test_a_parent_and_a_pupil_that_do_not_fit_the_file_are_refused(case, tmp_path, capsys):
    target = tmp_path / "verslag.pdf"
    code, _out, err = run(capsys, "report", case, "--subject", "Ingrid de Vries", "--out",
                          str(target))  # fmt: skip
    assert code == 2 and "Ingrid de Vries is geen leerling" in err and not target.exists()
    code, _out, err = run(capsys, "report", case, "--subject", "1", "--file", "personeelsdossier",
                          "--out", str(target))  # fmt: skip
    assert code == 2 and "personeelsdossier" in err and not target.exists()


def test_relations_are_recorded_shown_and_validated(case, capsys):
    code, out, _err = run(capsys, "cases", "show", case)
    assert (
        "  4. Ouder of verzorger: Ingrid de Vries — ouder of verzorger van Daan de Vries (3)" in out
    )
    code, _out, err = run(capsys, "cases", "relate", case, "Els Visser", "--parent-of", "3")
    assert code == 2 and "Alleen een ouder of verzorger" in err
    code, _out, err = run(capsys, "cases", "relate", case, "4", "--parent-of", "Els Visser")
    assert code == 2 and "geen leerling" in err
    code, out, _err = run(capsys, "cases", "relate", case, "4", "--none")
    assert code == 0 and "staat niet meer als ouder" in out


def test_inzage_for_a_parent_names_no_other_pupil(case, capsys):
    code, out, err = run(capsys, "cases", "export-person", "Ingrid de Vries")
    assert code == 3 and out == "" and "“Sem”" in err
    code, out, err = run(capsys, "cases", "export-person", "Ingrid de Vries", "--hide", "Sem",
                         "--hide", "Lotte van der Berg", "--hide", "Noor")  # fmt: skip
    assert code == 0, err
    assert "Daans moeder belde boos." in out  # her own child is named
    assert "Persoon 1: kijk dan" in out and "Persoon 3 lachte erom." in out
    for hidden in ("Sem", "Lotte", "Okafor", "Bakker", "Noor"):
        assert hidden not in out, hidden
