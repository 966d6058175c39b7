"""Typing slips: how a name typed by a tired director can differ from the registered
one and still be that name. `one_slip` is the Damerau-Levenshtein distance of one
(a letter added, left out, changed, or two neighbours swapped); `near_keys` narrows
that for short names to what fingers do on a QWERTY keyboard."""

from __future__ import annotations


def one_slip(typed: str, name: str) -> bool:
    """Whether `typed` is `name` with one letter added, left out or changed, or two
    neighbouring letters swapped (Damerau-Levenshtein distance 1)."""
    if abs(len(typed) - len(name)) > 1 or typed == name:
        return False
    i = 0
    while i < min(len(typed), len(name)) and typed[i] == name[i]:
        i += 1
    if len(typed) == len(name):
        rest_same = typed[i + 1 :] == name[i + 1 :]
        swapped = typed[i : i + 2] == name[i : i + 2][::-1] and typed[i + 2 :] == name[i + 2 :]
        return rest_same or swapped
    if len(typed) > len(name):
        return typed[i + 1 :] == name[i:]
    return typed[i:] == name[i + 1 :]


_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_PLACES = {key: (row, i) for row, keys in enumerate(_ROWS) for i, key in enumerate(keys)}


def _neighbours(a: str, b: str) -> bool:
    """Keys next to each other on a QWERTY keyboard (rows are staggered to the right)."""
    if a not in _PLACES or b not in _PLACES:
        return False
    (row_a, i), (row_b, j) = _PLACES[a], _PLACES[b]
    if row_a == row_b:
        return abs(i - j) == 1
    if row_b == row_a - 1:
        return j in (i, i + 1)
    if row_b == row_a + 1:
        return j in (i - 1, i)
    return False


def near_keys(typed: str, name: str) -> bool:
    """`typed` is `name` with two neighbouring letters swapped, or one letter typed
    with the key next to it (same length)."""
    if len(typed) != len(name):
        return False
    diffs = [i for i, (a, b) in enumerate(zip(typed, name, strict=True)) if a != b]
    if len(diffs) == 2:
        i, j = diffs
        return j == i + 1 and typed[i] == name[j] and typed[j] == name[i]
    return len(diffs) == 1 and _neighbours(typed[diffs[0]], name[diffs[0]])
