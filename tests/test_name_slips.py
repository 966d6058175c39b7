"""Typing slips of a registered name (`matcher.one_slip`, `matcher.near_keys`):
checked against a plain edit-distance table, and on words a Dutch note is full of."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from klasse_desktop.reports.redaction.matcher import NameMatcher
from klasse_desktop.reports.redaction.slips import near_keys, one_slip


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment), the textbook table."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@given(st.text("abn", max_size=6), st.text("abn", max_size=6))
def test_one_slip_is_an_edit_distance_of_one(typed, name):
    assert one_slip(typed, name) == (_distance(typed, name) == 1)


def test_four_letter_names_take_only_swaps_and_neighbouring_keys():
    assert near_keys("roso", "roos") and near_keys("daab", "daan")  # swap; b next to n
    assert not near_keys("maak", "maas") and not near_keys("past", "post")
    assert not near_keys("daa", "daan")  # a letter left out of a short name is a word


def test_slips_are_flagged_with_the_person_and_dutch_words_are_not():
    matcher = NameMatcher([(1, "Lieke Maas"), (2, "Yusuf Post"), (3, "Daan Kok")])
    text = "Maak het af. Leike en Yusif zaten er, Past en Pest niet; Daab wel."
    found = {hit.text: sorted(hit.people) for hit in matcher.find(text) if hit.variant}
    assert found == {"Leike": [1], "Yusif": [2], "Daab": [3]}
