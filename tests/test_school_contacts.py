"""The school's own people (settings) appear with the protocol's contact they stand
for, in `decide` (text and JSON) and in the advice PDF."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from klasse_desktop.cli import main
from klasse_desktop.protocol.engine import WizardRun
from klasse_desktop.reports.advice import build_advice
from klasse_desktop.settings import Settings, save_settings

# melden: a staff member is approached sexually by a colleague → school leadership,
# the inspector and the confidential adviser.
ANSWERS = ["gevaar=nee", "wat=seksueel", "seks_wie=medewerker"]


@pytest.fixture
def school(tmp_path, monkeypatch):
    monkeypatch.setenv("KLASSE_CONFIG_DIR", str(tmp_path / "config"))
    settings = replace(
        Settings(), contact_directeur_name="Anna de Wit", contact_directeur_phone="030-1234567",
        contact_vertrouwenspersoon_name="Bram Jansen", contact_vertrouwenspersoon_phone="",
    )  # fmt: skip
    save_settings(settings)
    return settings


def test_decide_names_the_schools_own_people(school, capsys, rules):
    argv = ["decide", "melden", *[a for answer in ANSWERS for a in ("--answer", answer)]]
    assert main(argv) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Op jouw school: Anna de Wit (directeur) — 030-1234567" in out
    assert "Op jouw school: Bram Jansen (vertrouwenspersoon)" in out
    assert main([*argv, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    cards = {c["id"]: c for c in data["outcome"]["contacts"]}
    assert cards["schoolleiding"]["at_school"] == [
        {"role": "directeur", "name": "Anna de Wit", "phone": "030-1234567"}
    ]
    assert cards["lvi"]["at_school"] == []


def test_without_school_contacts_nothing_is_added(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KLASSE_CONFIG_DIR", str(tmp_path / "empty"))
    argv = ["decide", "melden", *[a for answer in ANSWERS for a in ("--answer", answer)]]
    assert main(argv) == 0
    assert "Op jouw school" not in capsys.readouterr().out


def test_the_advice_record_names_them_too(school, rules):
    run = WizardRun.start(rules, "melden")
    run.replay(tuple(tuple(a.split("=")) for a in ANSWERS))
    pdf = build_advice(run, rules, "nl", name="Sam de Vries", role="Leerkracht",
                       foundation="Stichting Klasse", school="OBS De Vlinder",
                       issued_on=date(2026, 11, 29), school_contacts=school.school_contact)  # fmt: skip
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Anna de Wit (directeur) — 030-1234567" in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
