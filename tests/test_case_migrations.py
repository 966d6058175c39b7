"""Schema migrations: from nothing, from the previous schema, and refusing the future."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

import klasse_desktop.cases.models  # noqa: F401 - registers the tables on SQLModel.metadata
from klasse_desktop.cases import keys
from klasse_desktop.cases.database import (
    Database,
    current_revision,
    head_revision,
    list_backups,
    make_engine,
    migrate,
)
from klasse_desktop.cases.errors import RegisterDamagedError
from klasse_desktop.cases.search import search
from tests.cases_helpers import FAST_KDF, PASSPHRASE, open_register


def make_old_register(folder, revision="0001"):
    """A register as version 0001 of the app left it, with one case in it."""
    folder.mkdir(parents=True)
    params = keys.KdfParams.new(**FAST_KDF)
    keys.write_params(folder, params)
    key = keys.derive_key(PASSPHRASE, params).hex()
    database = Database(make_engine(folder / "register.db", key), folder / "register.db", key)
    migrate(database, revision)
    now = datetime.now(UTC)
    with database.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO \"case\" (number, title, school, category, status, file_type, opened_on, "
            "summary, protocol_version, created_at) VALUES ('K-2025-0001', 'Oud dossier over memes', "
            "'', 'memes', 'open', 'leerlingendossier', :d, '', '2026-02-23', :n)"
        ), {"d": date(2025, 5, 1), "n": now})  # fmt: skip
        conn.execute(text(
            "INSERT INTO entry (case_id, kind, event_date, recorded_at, author, text, reported_to) "
            "VALUES (1, 'observation', :d, :n, 'Directeur Test', 'Oude notitie over een meme', '')"
        ), {"d": date(2025, 5, 1), "n": now})  # fmt: skip
    database.close()


def test_a_new_register_is_at_the_newest_schema(tmp_path):
    register = open_register(tmp_path / "register")
    assert current_revision(register.database) == head_revision() == "0006"
    assert not list_backups(register.database)  # nothing to back up on day one
    register.close()


def test_the_previous_schema_is_upgraded_after_a_backup(tmp_path):
    folder = tmp_path / "register"
    make_old_register(folder)
    register = open_register(folder, create=False)
    assert current_revision(register.database) == "0006"
    backups = list_backups(register.database)
    assert len(backups) == 1 and backups[0].name.endswith("-before-0006.db")
    detail = register.get_case("K-2025-0001")
    assert detail.case.legal_hold is False  # the new column got its default
    assert [e.text for e in detail.entries] == ["Oude notitie over een meme"]
    assert [h.case_number for h in search(register, "meme")] == ["K-2025-0001", "K-2025-0001"]
    register.close()


def test_a_0002_register_gets_party_relations_and_keeps_its_search_triggers(tmp_path):
    folder = tmp_path / "register"
    make_old_register(folder, revision="0002")
    _insert_into_old(folder, "INSERT INTO party (case_id, role, name, class_or_function, "
                     "created_at) VALUES (1, 'leerling', 'Floor Verhoeven', 'groep 6', :n)")  # fmt: skip
    register = open_register(folder, create=False)
    assert current_revision(register.database) == "0006"
    detail = register.get_case("K-2025-0001")
    assert [(p.name, p.related_to_id) for p in detail.parties] == [("Floor Verhoeven", None)]
    parent = register.add_party(
        "K-2025-0001", "ouder", "Ria Verhoeven", related_to=detail.parties[0].id
    )
    assert parent.related_to_id == detail.parties[0].id
    # The plain ADD COLUMN kept the party triggers: the new party is found by search.
    assert [h.case_number for h in search(register, "Ria")] == ["K-2025-0001"]
    register.save_name_decisions("K-2025-0001", {"Floor": ("party", detail.parties[0].id)})
    assert register.name_decisions("K-2025-0001") == {"Floor": ("party", detail.parties[0].id)}
    register.close()


def test_models_match_the_migrated_schema(tmp_path):
    register = open_register(tmp_path / "register")
    inspector = inspect(register.database.engine)
    for table in SQLModel.metadata.sorted_tables:
        model_columns = {c.name for c in table.columns}
        db_columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert model_columns == db_columns, table.name
    register.close()


def test_a_register_from_a_newer_app_is_refused_untouched(tmp_path):
    folder = tmp_path / "register"
    open_register(folder).close()
    params = keys.read_params(folder)
    key = keys.derive_key(PASSPHRASE, params).hex()
    database = Database(make_engine(folder / "register.db", key), folder / "register.db", key)
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    database.close()
    before = (folder / "register.db").read_bytes()
    with pytest.raises(RegisterDamagedError, match="nieuwere versie"):
        open_register(folder, create=False)
    assert (folder / "register.db").read_bytes() == before


def test_a_0005_register_keeps_its_draft_as_the_draft_of_a_new_entry(tmp_path):
    folder = tmp_path / "register"
    make_old_register(folder, revision="0005")
    _insert_into_old(folder, "INSERT INTO draft (case_id, kind, event_date, text, updated_at) "
                     "VALUES (1, 'observation', '2026-03-04', 'Nog niet af: gesprek met Samira', "
                     ":n)")  # fmt: skip
    register = open_register(folder, create=False)
    assert current_revision(register.database) == "0006"
    assert register.get_draft("K-2025-0001").text == "Nog niet af: gesprek met Samira"
    first = register.get_case("K-2025-0001").entries[0]
    register.save_draft("K-2025-0001", "Correctie: het was een meme over Sam.", corrects=first.id)
    assert register.get_draft("K-2025-0001").text == "Nog niet af: gesprek met Samira"
    register.close()


def _insert_into_old(folder, statement: str) -> None:
    """A row written by an older app, straight into its schema (`:n` is now)."""
    key = keys.derive_key(PASSPHRASE, keys.read_params(folder)).hex()
    database = Database(make_engine(folder / "register.db", key), folder / "register.db", key)
    with database.engine.begin() as conn:
        conn.execute(text(statement), {"n": datetime.now(UTC)})
    database.close()
