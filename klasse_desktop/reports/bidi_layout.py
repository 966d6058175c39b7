"""Mixed left-to-right and right-to-left text in the reports, by the Unicode
Bidirectional Algorithm.

ReportLab lays out words left to right and HarfBuzz shapes each word (Arabic letters
joined, right to left). What is left is the order of the words and of the neutral
characters around them: "vader محمد العلي. Hij" must show the two Arabic words
right to left with the full stop after them, numbers inside an Arabic run read left
to right, brackets inside a right-to-left run mirror, and a paragraph that starts in
Arabic is a right-to-left paragraph. `python-bidi` resolves the embedding level of
every character (rules P2–I2, run once on the logical text of a line); this module then
reorders *atoms* (maximal pieces of one level without a space, kept in logical order
for the shaper) by rule L2, and mirrors brackets at odd levels (L4).
"""

from __future__ import annotations

import re
from typing import Any

from bidi.algorithm import MIRRORED
from bidi.bidi import get_display_inner

from klasse_desktop.reports.styles import RTL

_LEVELS = re.compile(r"levels: \[(.*?)\],\s*paragraphs", re.S)
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
_PARAGRAPH = re.compile(r"ParagraphInfo \{\s*range: [^,]*,\s*level: Level\(\s*(\d+)")


def levels(text: str, base: int | None = None) -> tuple[int, list[int]]:
    """The paragraph level (0 LTR, 1 RTL; found from the text when `base` is None)
    and the resolved level of every character of `text` (one line, no breaks).

    The levels come from the Rust `unicode-bidi` crate inside python-bidi (current
    UBA, bracket pairs included), read from its debug record, which lists one level
    per UTF-8 byte; `tests/test_bidi.py` checks the result against Unicode's own
    test cases, so a change in that record cannot pass unnoticed.
    """
    direction = None if base is None else ("L", "R")[base]
    record = str(get_display_inner(text, direction, True))
    found_levels = _LEVELS.search(record)
    paragraph = _PARAGRAPH.search(record)
    if found_levels is None or paragraph is None:
        raise RuntimeError("python-bidi gave no levels")
    by_byte = [int(v) for v in _LEVEL.findall(found_levels.group(1))]
    level = int(paragraph.group(1))
    found, offset = [], 0
    for ch in text:
        found.append(by_byte[offset] if offset < len(by_byte) else level)
        offset += len(ch.encode("utf-8"))
    # L1: trailing whitespace goes back to the paragraph level.
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
        found[end] = level
    return level, found


def _atoms(text: str, found: list[int]) -> list[tuple[int, int, int]]:
    """(start, end, level) pieces: one level, and a space always alone."""
    atoms: list[tuple[int, int, int]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or found[i] != found[start] or text[i].isspace() or text[i - 1].isspace():
            atoms.append((start, i, found[start]))
            start = i
    return atoms


def _reorder(items: list[Any], item_levels: list[int]) -> list[Any]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every run
    of items at that level or higher."""
    order = list(range(len(items)))
    if not items:
        return items
    highest = max(item_levels)
    lowest_odd = min((lv for lv in item_levels if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if item_levels[order[i]] >= level:
                j = i
                while j < len(order) and item_levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return [items[k] for k in order]


def display_line(line: str, base: int | None = None) -> tuple[int, str]:
    """(paragraph level, `line` as ReportLab should be given it, as one line).

    ReportLab draws the space-separated words of a line left to right, and HarfBuzz
    shapes a word that holds right-to-left letters as a right-to-left run: it
    reverses the whole word and mirrors its brackets. So every word is given in the
    order that this reversal turns into the visual order of the algorithm: a word
    with right-to-left letters reversed ("محمد." becomes ".محمد", drawn "محمد."
    with the full stop after the name), any other word as seen; brackets are
    mirrored exactly where rule L4 asks, undoing HarfBuzz where it should not.
    """
    if not line or not RTL.search(line):
        return (0 if base is None else base), line
    level, found = levels(line, base)
    return level, display_span(line, found, level, 0, len(line))


def display_span(line: str, found: list[int], level: int, start: int, end: int) -> str:
    """`line[start:end]` shown as one line of a paragraph whose levels were resolved
    over the whole of `line` (rules P2–I2 per paragraph, L1–L4 per line)."""
    span = line[start:end]
    span_levels = found[start:end]
    # L1: whitespace at the end of a line goes back to the paragraph level.
    stop = len(span)
    while stop and span[stop - 1].isspace():
        stop -= 1
        span_levels[stop] = level
    out: list[str] = []
    word: list[int] = []

    def flush() -> None:
        if not word:
            return
        shaped_rtl = any(RTL.match(span[i]) for i in word)
        chars = [
            MIRRORED.get(span[i], span[i]) if (span_levels[i] % 2 == 1) != shaped_rtl else span[i]
            for i in word
        ]
        out.extend(reversed(chars) if shaped_rtl else chars)
        word.clear()

    for index in visual_indices(span, None, span_levels):
        if span[index].isspace():
            flush()
            out.append(span[index])
        else:
            word.append(index)
    flush()
    return "".join(out)


def visual_indices(line: str, base: int | None = None, found: list[int] | None = None) -> list[int]:
    """The visual order of `line`'s characters by rule L2 (left to right), as
    Unicode's BidiCharacterTest.txt states it."""
    if found is None:
        _level, found = levels(line, base)
    atoms = _atoms(line, found)
    out: list[int] = []
    for start, end, atom_level in _reorder(atoms, [a[2] for a in atoms]):
        indices = list(range(start, end))
        out += reversed(indices) if atom_level % 2 else indices
    return out


def display(text: str) -> tuple[int, str]:
    """Every line of a paragraph (split at line breaks) for ReportLab; the level of
    the first line decides the paragraph's alignment."""
    lines = text.split("\n")
    first, shown = display_line(lines[0])
    rest = [display_line(line)[1] for line in lines[1:]]
    return first, "\n".join([shown, *rest])
