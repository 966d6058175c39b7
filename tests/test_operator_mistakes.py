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


def test_an_open_register_whose_file_was_replaced_refuses_to_write(tmp_path):
    """The lock keeps our own restore away from an open window; anything else that
    swaps register.db (a sync tool, a second copy of the app from another folder)
    makes the open register refuse, instead of writing into a file nobody opens."""
    from klasse_desktop.cases.errors import RegisterReplacedError

    folder = tmp_path / "r"
    register = open_register(folder)
    case = register.create_case(
        "T", "anders", "leerlingendossier", protocol_version=PROTOCOL_VERSION
    )
    db = folder / "register.db"
    db.replace(folder / "register.db.elsewhere")
    (folder / "register.db.elsewhere").replace(folder / "register.db.moved")
    db.write_bytes((folder / "register.db.moved").read_bytes())  # a new file, same content
    with pytest.raises(
        RegisterReplacedError, match="Nothing was saved|niets opgeslagen|Er is niets"
    ):
        register.add_entry(case.number, "Dit mag nergens heen.")
    register.database.engine.dispose()
