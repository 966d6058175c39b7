"""The command line: outputs, formats, languages and clear errors (exit 2)."""

from __future__ import annotations

import json

import pytest

from klasse_desktop.cli import main, rules_commands
from klasse_desktop.i18n import _
from klasse_desktop.i18n_dates import version_label


@pytest.fixture
def sample(monkeypatch, sample_rules):
    monkeypatch.setattr(rules_commands, "default_rules", lambda: sample_rules)
    return sample_rules


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def flat(text: str) -> str:
    """Undo the terminal line wrapping, so assertions can look for whole sentences."""
    return " ".join(text.split())


def test_decide_prints_the_outcome_in_dutch_by_default(sample, capsys):
    code, out, err = run(capsys, "decide", "sample", "-a", "q1=b", "-a", "q3=y")
    assert code == 0 and err == ""
    assert "☎ NEEM CONTACT OP" in out
    assert "Meld het." in out
    assert "Landelijke Vertrouwensinspecteur — 0900-1113111" in out
    assert "Dossier: personeelsdossier" in out
    assert "Waarom?" in out and "Eerste vraag → Keuze b" in out
    version = version_label("2026-02-23", "nl")  # "versie van 23 februari 2026"
    assert "23 februari 2026" in version
    assert _("Protocol clauses ({version}):").format(version=version) in out
    assert "Seksueel grensoverschrijdend gedrag wordt altijd gemeld" in flat(out)


def test_decide_in_english(sample, capsys):
    code, out, _ = run(
        capsys, "decide", "sample", "-a", "q1=a", "-a", "q2=x", "-a", "q4=x", "--lang", "en"
    )
    assert code == 0
    assert "✔! ALLOWED, ON CONDITIONS" in out
    assert "Conditions:" in out and "Nobody recognizable." in out
    assert "A9" in out and "A5" in out


def test_answers_may_come_in_any_order(sample, capsys):
    code, out, _ = run(capsys, "decide", "sample", "-a", "q4=y", "-a", "q2=x", "-a", "q1=a")
    assert code == 0 and "Dat mag niet." in out


def test_decide_shows_the_next_question(sample, capsys):
    code, out, _ = run(capsys, "decide", "sample", "-a", "q1=a")
    assert code == 0
    assert "Volgende vraag:" in out
    assert "Tweede vraag  [q2]" in out
    assert "Antwoord met: --answer q2=KEUZE" in out


def test_decide_json_outcome(sample, capsys):
    code, out, _ = run(capsys, "decide", "sample", "-a", "q1=b", "-a", "q3=y", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["status"] == "outcome"
    outcome = data["outcome"]
    assert outcome["kind"] == "report"
    assert [c["id"] for c in outcome["contacts"]] == ["schoolleiding", "lvi"]
    assert outcome["contacts"][1]["phone"] == "0900-1113111"
    assert outcome["clauses"][0]["id"] == "S4"
    assert outcome["clauses"][0]["text"].startswith("Indien Klasse de wijze van communiceren")
    assert outcome["file_type"] == "personeelsdossier"
    assert data["answers"] == [
        {
            "question": "q1",
            "question_text": "Eerste vraag",
            "choice": "b",
            "choice_label": "Keuze b",
        },
        {
            "question": "q3",
            "question_text": "Derde vraag",
            "choice": "y",
            "choice_label": "Keuze y",
        },
    ]


def test_decide_json_next_question(sample, capsys):
    _, out, _ = run(capsys, "decide", "sample", "--format", "json", "--lang", "en")
    data = json.loads(out)
    assert data["status"] == "question"
    assert data["question"]["id"] == "q1"
    assert [c["id"] for c in data["question"]["choices"]] == ["a", "b"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["decide", "nope"], "klasse-desktop: Onbekende wizard 'nope'. Kies uit: sample"),
        (
            ["decide", "sample", "-a", "zz=a"],
            "klasse-desktop: Onbekende vraag 'zz'. Deze wizard vraagt: q1, q2, q3, q4",
        ),
        (
            ["decide", "sample", "-a", "q1=c"],
            "klasse-desktop: 'c' is geen antwoord op 'q1'. Kies uit: a, b",
        ),
        (
            ["decide", "sample", "-a", "q1=a", "-a", "q3=x"],
            "klasse-desktop: Vraag 'q3' wordt na deze antwoorden niet gesteld "
            "(tot nu toe gevraagd: q1).",
        ),
        (
            ["decide", "sample", "-a", "q1"],
            "klasse-desktop: 'q1' is geen antwoord; schrijf VRAAG=KEUZE, bijvoorbeeld wie=medewerker",
        ),
        (["paths", "nope"], "klasse-desktop: Onbekende wizard 'nope'. Kies uit: sample"),
        (["protocol", "Z1"], "klasse-desktop: Onbekend artikel 'Z1'."),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(sample, capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith(message)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_argparse_errors_are_translated(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["decide"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("gebruik: klasse-desktop decide")
    assert "klasse-desktop decide: fout: deze argumenten zijn verplicht: WIZARD" in err


def test_invalid_language_is_refused_in_dutch(capsys):
    with pytest.raises(SystemExit):
        main(["wizards", "--lang", "fr"])
    assert "ongeldige keuze: 'fr' (kies uit 'nl', 'en')" in capsys.readouterr().err


def test_help_in_english(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "en", "decide", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: klasse-desktop decide")
    assert "an answer; repeat for every question" in out


def test_paths_lists_every_path(sample, capsys):
    code, out, _ = run(capsys, "paths", "sample")
    assert code == 0
    assert "q1=a → q2=x → q4=x" in out
    assert "⇒ allowed_if: o_if (A9, A5)" in out
    assert out.rstrip().endswith("6 paden")


def test_paths_json(sample, capsys):
    _, out, _ = run(capsys, "paths", "sample", "--format", "json")
    data = json.loads(out)
    assert len(data) == 6
    assert {p["outcome"] for p in data} == {"o_allowed", "o_if", "o_not", "o_report"}


def test_wizards_json_lists_questions_and_choices(sample, capsys):
    _, out, _ = run(capsys, "wizards", "--format", "json", "--lang", "en")
    (wizard,) = json.loads(out)
    assert wizard["id"] == "sample" and wizard["title"] == "Sample"
    assert [q["id"] for q in wizard["questions"]] == ["q1", "q2", "q3", "q4"]
    assert wizard["questions"][0]["choices"][0] == {"id": "a", "label": "Choice a", "next": "q2"}


def test_protocol_one_clause(sample, capsys):
    code, out, _ = run(capsys, "protocol", "b2")
    assert code == 0
    assert "B. Voor medewerkers tijdens werksituaties" in out
    assert "B2" in out and "groepsapps met leerlingen" in flat(out)


def test_protocol_whole_text_has_header_and_every_clause(sample, capsys):
    _, out, _ = run(capsys, "protocol")
    assert "Vastgesteld op 23 februari 2026; evaluatie op 23 februari 2028." in out
    assert "Sociale media vormen een verzamelbegrip" in out
    for clause in sample.protocol.clauses:
        assert f"  {clause.id}\n" in out


def test_protocol_in_english_says_the_translation_is_unofficial(sample, capsys):
    _, out, _ = run(capsys, "protocol", "--lang", "en")
    assert "Adopted 23 February 2026; evaluation due 23 February 2028." in out
    assert "unofficial" in out


def test_protocol_search(sample, capsys):
    _, out, _ = run(capsys, "protocol", "--search", "groepsapps", "--format", "json")
    assert [c["id"] for c in json.loads(out)] == ["B2"]
    _, out, _ = run(capsys, "protocol", "--search", "zwembadpas")
    assert "Geen artikel gevonden voor 'zwembadpas'." in out


def test_check_rules_on_a_broken_folder_exits_2(resources_copy, capsys):
    wizard = resources_copy / "wizards" / "sample.wizard.yaml"
    wizard.write_text(wizard.read_text("utf-8").replace("clauses: [B2]", "clauses: [Q7]"), "utf-8")
    code, _out, err = run(capsys, "check-rules", "--resources", str(resources_copy))
    assert code == 2
    assert "wizards/sample.wizard.yaml:" in err
    assert "citeert artikel 'Q7', maar dat staat niet in het protocol" in err
    assert err.rstrip().endswith("1 fout in de regelbestanden.")


def test_check_rules_reports_uncovered_clauses(resources_copy, capsys):
    code, out, err = run(capsys, "check-rules", "--resources", str(resources_copy))
    assert code == 2
    assert "Regels in orde: protocol 2026-02-23, 1 wizards, 4 vragen, 4 uitkomsten, 6 paden." in out
    assert "  A2   geciteerd door 1 uitkomst (sample)" in out
    assert "  A1   NIET GECITEERD door een uitkomst" in out
    assert err.startswith("Niet gedekt: U1, U2")


def test_check_rules_missing_folder(capsys):
    code, _, err = run(capsys, "check-rules", "--resources", "/nonexistent/klasse")
    assert code == 2 and err.strip() == "klasse-desktop: Map niet gevonden: /nonexistent/klasse"


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("klasse-desktop 0.1.0")
