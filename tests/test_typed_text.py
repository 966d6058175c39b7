"""What is kept of what people type: visible text and joiners stay, characters that
hide or reorder text go (one test per class of character)."""

from __future__ import annotations

import pytest

from klasse_desktop.typed_text import clean_typed
from tests.cases_helpers import open_register


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Daan\u00a0de\u00a0Vries", "Daan\u00a0de\u00a0Vries"),  # no-break spaces are kept
        ("Daan\u202fde Vries", "Daan\u202fde Vries"),  # narrow no-break space
        ("Noor  Okafor", "Noor  Okafor"),  # two spaces
        ("Noor\nOkafor", "Noor\nOkafor"),  # a line break inside a name
        ("regel\r\nregel\rregel", "regel\nregel\nregel"),  # Windows and old Mac line ends
        ("een\u2028twee\u2029drie", "een\ntwee\n\ndrie"),  # Unicode line/paragraph separators
        (
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        ),  # ZWNJ (Persian)
        ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"),  # ZWJ emoji sequence
        ("Zoe\u0308", "Zoë"),  # combining diaeresis: NFC
        ("tab\there", "tab\there"),
        ("Sam\u202ekoorB", "SamkoorB"),  # bidi override: removed
        ("a\u202ab\u202cc\u202bd\u202de", "abcde"),  # embeddings
        ("\u2066x\u2067y\u2068z\u2069", "xyz"),  # isolates
        ("nul\x00byte", "nulbyte"),  # NUL
        ("bel\x07 esc\x1b del\x7f", "bel esc del"),  # other C0 controls
        ("c1\x85\x9f", "c1"),  # C1 controls
        ("soft\u00adhyphen", "soft\u00adhyphen"),  # visible in some fonts; kept, matched through
    ],
)
def test_typed_text_keeps_what_is_visible(typed, stored):
    assert clean_typed(typed) == stored


def test_a_name_with_nbsp_is_stored_and_read_back_as_typed(tmp_path):
    register = open_register(tmp_path / "register")
    case = register.create_case("Test", "anders", "leerlingendossier", protocol_version="x")
    party = register.add_party(case.number, "leerling", "Daan\u00a0de\u00a0Vries")
    entry = register.add_entry(case.number, "Daan\u00a0de\u00a0Vries zei: 👍🏽\u200d")
    detail = register.get_case(case.number)
    assert detail.parties[0].name == party.name == "Daan\u00a0de\u00a0Vries"
    assert detail.entries[0].text == entry.text == "Daan\u00a0de\u00a0Vries zei: 👍🏽\u200d"
    register.close()
