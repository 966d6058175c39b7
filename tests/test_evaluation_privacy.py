"""Exports without names: what leaves a school holds counts only, every small count
stays hidden — in the file, and after the foundation adds schools up."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klasse_desktop.evaluation.bounds import SMALL, WITHHELD, Bounds, publish
from klasse_desktop.evaluation.errors import EvaluationError
from klasse_desktop.evaluation.export import make_export, read_export, to_json, write_export
from klasse_desktop.evaluation.merge import merge
from klasse_desktop.evaluation.periods import Period
from klasse_desktop.evaluation.register_figures import empty_case_tables, register_figures
from klasse_desktop.evaluation.suppression import suppress, unprotected_cells
from klasse_desktop.evaluation.topics import population
from tests.cases_helpers import PROTOCOL_VERSION, open_register

PERIOD = Period.parse("2026-01", "2026-06")
CANARIES = [
    "Zoë Canarisma", "Şükrü Kanaryaoğlu", "محمد الكناري", "Lotte van der Canarie",
    "CANARYTITLE", "canarytext", "Daantje-Canary", "canary@example.org", "groep 7 canary",
    "Basisschool Kanarie", "canaryfile.png", "canarysummary", "Canarywhom",
]  # fmt: skip


def _canary_register(tmp_path):
    register = open_register(tmp_path / "register")
    for i, category in enumerate(["pesten", "sexting", "pesten", "hacken", "pesten", "memes"] * 2):
        case = register.create_case(
            f"CANARYTITLE {i} Zoë Canarisma", category, "leerlingendossier",
            protocol_version=PROTOCOL_VERSION, school="Basisschool Kanarie",
            summary="canarysummary over Şükrü Kanaryaoğlu", opened_on=date(2026, 1 + i % 5, 3 + i),
        )  # fmt: skip
        pupil = register.add_party(case.number, "leerling", "Daantje-Canary", "groep 7 canary")
        register.add_party(case.number, "ouder", "محمد الكناري", related_to=pupil.id)
        register.add_party(case.number, "medewerker", "Lotte van der Canarie")
        day = date(2026, 1 + i % 5, 20)
        register.add_entry(case.number, "canarytext: Zoë Canarisma mailde canary@example.org",
                           event_date=day)  # fmt: skip
        register.add_entry(case.number, "Telefoon van Daantje-Canary in bewaring genomen",
                           kind="measure", event_date=day)  # fmt: skip
        register.add_entry(case.number, "canarytext gemeld", kind="report",
                           reported_to="Canarywhom en de politie", event_date=day)  # fmt: skip
        register.add_attachment(case.number, "canaryfile.png", b"\x89PNG canary")
        if i % 2:
            register.close_case(case.number, date(2026, 6, 1))
    return register


def test_an_export_of_a_register_full_of_canaries_holds_none_of_them(tmp_path, rules):
    register = _canary_register(tmp_path)
    numbers = [row.number for row in __import__(
        "klasse_desktop.cases.listing", fromlist=["list_cases"]).list_cases(register)]  # fmt: skip
    figures = register_figures(register, PERIOD)
    register.close()
    export = make_export("OBS De Linde", PERIOD, rules, figures, None)
    target = write_export(export, tmp_path / "export.json")
    text = target.read_text(encoding="utf-8")
    folded = text.casefold()
    for canary in CANARIES:
        assert canary.casefold() not in folded, canary
    for word in ("canar", "kanar", "الكناري"):
        assert word not in folded
    for number in numbers:
        assert number not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text.replace(PROTOCOL_VERSION, "")), "a day"
    data = json.loads(text)
    assert data["school"] == "OBS De Linde" and data["period"] == {
        "from": "2026-01",
        "to": "2026-06",
    }
    # Counts only: every value is "<5", "≥5" or a number of at least 5.
    for cells in data["tables"].values():
        for value in cells.values():
            assert value in (SMALL, WITHHELD) or (isinstance(value, int) and value >= 5)
    assert data["tables"]["cases_by_category"]["pesten"] == 6
    assert data["tables"]["cases_by_category"]["sexting"] == SMALL
    assert data["tables"]["measures_by_kind"]["in_bewaring"] == 12
    assert data["tables"]["reports_by_recipient"]["politie"] == 12


def _feasible(tables: dict[str, dict[str, object]], table_id: str, key: str, value: int) -> bool:
    """Could this cell hold `value`, given everything else published in its population?
    Worked out by trying every total (independent of the suppression module)."""
    ids = [t for t in tables if population(t) == population(table_id)]
    limit = 10 + sum(v if isinstance(v, int) else 4 for t in ids for v in tables[t].values())
    for total in range(limit + 1):
        fits = True
        for t in ids:
            low = high = 0
            unbounded = False
            for k, v in tables[t].items():
                if t == table_id and k == key:
                    lo, hi = value, value
                elif v == SMALL:
                    lo, hi = 0, 4
                elif v == WITHHELD:
                    lo, hi, unbounded = 5, 0, True
                else:
                    lo = hi = v
                low, high = low + lo, high + hi
            if total < low or (not unbounded and total > high):
                fits = False
                break
        if fits:
            return True
    return False


def _check_every_small_cell(tables) -> list[tuple[str, str, int]]:
    return [
        (t, k, v)
        for t, cells in tables.items()
        for k, c in cells.items()
        if c == SMALL
        for v in (0, 4)
        if not _feasible(tables, t, k, v)
    ]


def test_plain_small_counts_can_be_worked_out_and_the_export_prevents_it():
    exact = empty_case_tables(PERIOD)
    exact["cases_by_category"].update(pesten=5, sexting=5)
    exact["cases_by_file_type"].update(personeelsdossier=6, leerlingendossier=4)
    exact["cases_opened_by_month"].update({"2026-01": 5, "2026-02": 5})
    naive = {t: {k: publish(v) for k, v in cells.items()} for t, cells in exact.items()}
    assert ("cases_by_file_type", "leerlingendossier", 0) in _check_every_small_cell(naive)
    assert unprotected_cells(naive)
    published = suppress(exact).tables
    assert _check_every_small_cell(published) == []
    assert published["cases_by_file_type"] == {
        "personeelsdossier": WITHHELD,
        "leerlingendossier": SMALL,
    }


@st.composite
def _opened_cases(draw):
    """A population of cases split three ways, as a register's would be."""
    n = draw(st.integers(0, 40))
    cats = draw(st.lists(st.integers(0, 10), min_size=n, max_size=n))
    files = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
    months = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n))
    tables = empty_case_tables(PERIOD)
    keys = {t: list(tables[t]) for t in tables}
    for c, f, m in zip(cats, files, months, strict=True):
        tables["cases_by_category"][keys["cases_by_category"][c]] += 1
        tables["cases_by_file_type"][keys["cases_by_file_type"][f]] += 1
        tables["cases_opened_by_month"][keys["cases_opened_by_month"][m]] += 1
    return tables


@settings(max_examples=300, deadline=None)
@given(_opened_cases())
def test_every_small_count_could_be_anything_from_0_to_4(exact):
    published = suppress(exact)
    tables = published.tables
    assert _check_every_small_cell(tables) == []
    for t, cells in tables.items():  # and what is published is true
        for k, value in cells.items():
            real = exact[t][k]
            assert (
                (value == SMALL and real < 5) or (value == WITHHELD and real >= 5) or value == real
            )


def test_two_small_counts_do_not_add_up_to_a_number_after_merging(tmp_path, rules):
    from klasse_desktop.evaluation.register_figures import Figures

    files = []
    for school, sexting in (("De Linde", 3), ("Het Anker", 2)):  # 3 + 2 = 5: would be shown
        figures = Figures(PERIOD, empty_case_tables(PERIOD))
        figures.tables["cases_by_category"].update(pesten=7, sexting=sexting)
        figures.tables["cases_by_file_type"]["leerlingendossier"] = 7 + sexting
        figures.tables["cases_opened_by_month"]["2026-02"] = 7 + sexting
        export = make_export(school, PERIOD, rules, figures, None)
        files.append(write_export(export, tmp_path / f"{school}.json"))
    merged = merge([read_export(f) for f in files])
    sexting = merged.totals["cases_by_category"]["sexting"]
    assert sexting == Bounds(0, 8) and sexting.text() == "0–8"
    assert merged.totals["cases_by_category"]["pesten"].text() == "14"
    for table_id, cells in merged.totals.items():  # a hidden part keeps a sum a range
        for key, value in cells.items():
            parts = [school.tables[table_id][key] for school in merged.schools]
            if all(p.is_exact for p in parts):
                assert value.is_exact and value.low >= 10, (table_id, key)
            else:
                assert not value.is_exact and not value.text().isdigit(), (table_id, key)


def test_merging_refuses_what_would_count_twice(tmp_path, rules, english):
    from klasse_desktop.evaluation.register_figures import Figures

    figures = Figures(PERIOD, empty_case_tables(PERIOD))
    a = make_export("De Linde", PERIOD, rules, figures, None)
    b = make_export("de linde", PERIOD, rules, figures, None)
    with pytest.raises(EvaluationError, match=re.escape("a.json and a.json are the same export")):
        merge([a, a], ["a.json", "a.json"])
    with pytest.raises(EvaluationError, match="both hold the case figures of de linde"):
        merge([a, b], ["a.json", "b.json"])
    other = make_export("Het Anker", Period.parse("2026-01", "2026-07"), rules, figures, None)
    with pytest.raises(EvaluationError, match="every school must export the same period"):
        merge([a, other], ["a.json", "c.json"])


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda d: d["tables"]["cases_by_category"].update(pesten=3), "a count below 5"),
        (
            lambda d: d["tables"]["cases_by_category"].update({"Zoë Janssen": "<5"}),
            "an unknown row",
        ),
        (lambda d: d["tables"].update({"names": {"x": 5}}), "an unknown table"),
        (lambda d: d["tables"]["cases_opened_by_month"].update({"2026-03-14": 5}), "unknown row"),
        (lambda d: d.update(version=99), "another version"),
        (lambda d: d.update(school=""), "Give the name"),
        (lambda d: d["tables"].update({"wizard_outcomes:Zoë Janssen": {}}), "an unknown table"),
    ],
)
def test_a_file_that_is_not_a_clean_export_is_refused(tmp_path, rules, english, edit, problem):
    from klasse_desktop.evaluation.register_figures import Figures

    export = make_export(
        "De Linde", PERIOD, rules, Figures(PERIOD, empty_case_tables(PERIOD)), None
    )
    data = json.loads(to_json(export))
    edit(data)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(EvaluationError, match=f"edited.json cannot be used: .*{problem}"):
        read_export(path)


def test_a_file_that_is_not_json_is_refused(tmp_path, english):
    path = tmp_path / "photo.json"
    path.write_bytes(b"\x89PNG\x00\xff")
    with pytest.raises(EvaluationError, match=re.escape("photo.json is not an evaluation export")):
        read_export(path)
