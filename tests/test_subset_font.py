"""The fast subset encoder gives exactly the bytes of ReportLab's own loop, for any
sequence of strings (codes are assigned in the order characters first appear)."""

from __future__ import annotations

from importlib.resources import as_file

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont

from klasse_desktop.reports.subset_font import SubsetFont
from klasse_desktop.resources import resource


def _fonts() -> tuple[TTFont, SubsetFont]:
    with as_file(resource("fonts", "DejaVuSans.ttf")) as path:
        return TTFont("PlainDejaVu", str(path)), SubsetFont("FastDejaVu", str(path))


PLAIN, FAST = _fonts()
# Latin with Dutch/Turkish/Polish letters, a no-break space, Greek and Cyrillic (more
# than 256 characters in all, so later subsets are used), and letters DejaVu lacks.
ALPHABET = st.sampled_from(
    [*"abcdefghijklmnopqrstuvwxyz ABCZ.,;:'!?-0123456789", "\u00a0", *"ëïöüéèçşğıİłŁøß",
     *map(chr, range(0x391, 0x3CA)), *map(chr, range(0x410, 0x450)), *map(chr, range(0x100, 0x17F)),
     "\u4e2d", "\U0001f602"]
)  # fmt: skip


def _encode(font: TTFont, texts: list[str]) -> list[list[tuple[int, bytes]]]:
    doc = PDFDocument()
    return [font.splitString(text, doc) for text in texts]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=120), max_size=40))
def test_the_fast_encoder_gives_reportlabs_bytes(texts):
    repeated = texts + texts[::-1] + texts  # seen text takes the fast path
    assert _encode(FAST, repeated) == _encode(PLAIN, repeated)


def test_known_text_takes_the_fast_path_and_new_text_the_loop():
    doc = PDFDocument()
    first = FAST.splitString("Gesprek met Zoë\u00a0en haar vader.", doc)
    assert first == PLAIN.splitString("Gesprek met Zoë\u00a0en haar vader.", PDFDocument())
    state = FAST.state[doc]
    table = state.klasse_table
    assert "Z" in table.chars and "\u00a0" in table.chars
    assert table.chars.issuperset("Gesprek met Zoë en haar vader.")
    again = FAST.splitString("vader met Zoë", doc)
    assert again == [(0, "vader met Zoë".translate(table.codes).encode("latin-1"))]
    assert FAST.splitString("", doc) == []
    before = len(state.assignments)
    new = FAST.splitString("Şükrü", doc)  # Ş and ü are new: ReportLab's loop codes them
    assert len(state.assignments) == before + 2
    assert new == PLAIN.splitString("Şükrü", _seen(PLAIN, "Gesprek met Zoë\u00a0en haar vader."))
    assert state.klasse_table.chars.issuperset("Şükrü")  # the table follows


def _seen(font: TTFont, text: str) -> PDFDocument:
    doc = PDFDocument()
    font.splitString(text, doc)
    return doc
