"""Operator mistakes that must not lose data or write where they should not
(issue 15): attachment names that are paths, and numbers that are no numbers."""

from __future__ import annotations

import pytest

from klasse_desktop.cases.errors import InvalidInputError
from klasse_desktop.cases.repository import safe_filename
from tests.cases_helpers import PROTOCOL_VERSION, open_register


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("..\\..\\win.txt", "win.txt"),
        ("../../home/directeur/.bashrc", "bashrc"),
        ("C:\\Users\\juf\\Desktop\\chat.png", "chat.png"),
        ("scherm\x00afdruk.png", "schermafdruk.png"),
        ("CON.txt", "_CON.txt"),
        ("vraag?.jpg", "vraag_.jpg"),
        ("Zoë 😂.png", "Zoë 😂.png"),
    ],
)
def test_attachment_names_are_names_never_paths(tmp_path, given, stored):
    assert safe_filename(given) == stored
    register = open_register(tmp_path / "r")
    case = register.create_case(
        "T", "anders", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    attachment = register.add_attachment(case.number, given, b"data")
    assert attachment.filename == stored
    assert register.get_case(case.number).attachments[0].filename == stored
    register.close()


@pytest.mark.parametrize("given", ["..", ".", "", "/", "\\\\", " . "])
def test_a_name_that_is_only_a_path_is_refused(tmp_path, given):
    register = open_register(tmp_path / "r")
    case = register.create_case(
        "T", "anders", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    with pytest.raises(InvalidInputError):
        register.add_attachment(case.number, given, b"data")
    register.close()
