"""Migrations keep data: rows written at one revision survive every upgrade after it.

The rows are made by reflecting the schema at that revision (not by today's models, which
match only the newest one), so the test needs no change when a migration is added: each
table gets rows with a value in every column (and a row of NULLs where allowed), foreign
keys pointing at rows that exist and values that satisfy `IN (...)` checks. After the
upgrade, every table and view that still exists must hold the same rows, compared on the
columns that still exist. A migration that rewrites values on purpose must say so here.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.command import downgrade, upgrade
from alembic.config import Config
from alembic.script import ScriptDirectory
from backends import fetch
from sqlalchemy import (
    Boolean,
    Connection,
    DateTime,
    Float,
    Integer,
    MetaData,
    create_engine,
    inspect,
    text,
)

from quotedb.ingest.pipeline import ingest
from quotedb.store import database as db

REVISIONS = [
    script.revision
    for script in reversed(list(ScriptDirectory.from_config(db.alembic_config()).walk_revisions()))
]
ROWS = 3
"""Rows per table; the last has NULL in every nullable column."""

Snapshot = dict[str, tuple[list[str], list[tuple[Any, ...]]]]


def config_for(url: str) -> Config:
    config = db.alembic_config()
    config.set_main_option("sqlalchemy.url", url)
    return config


def _virtual_tables(conn: Connection) -> list[str]:
    """SQLite's virtual tables (the FTS5 search index); PostgreSQL has none."""
    if conn.dialect.name != "sqlite":
        return []
    return [
        name
        for name, sql in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
        )
        if sql.upper().startswith("CREATE VIRTUAL TABLE")
    ]


def _is_internal(name: str, virtual: list[str]) -> bool:
    """Alembic's bookkeeping, SQLite's own tables and the shadow tables of virtual ones."""
    return (
        name == "alembic_version"
        or name.startswith("sqlite_")
        or any(name.startswith(f"{v}_") for v in virtual)
    )


_ONE_OF = (
    r'"?(\w+)"?\s+IN\s*\(([^)]*)\)',  # SQLite keeps the check as written
    r"(\w+)::text = ANY \(ARRAY\[([^\]]*)\]",  # PostgreSQL's reading of the same check
)


def _allowed_values(sql_texts: list[str]) -> dict[str, list[str]]:
    """`{column: [values]}` from checks like `kind IN ('a', 'b')`."""
    allowed = {}
    for sql in sql_texts:
        for pattern in _ONE_OF:
            for column, values in re.findall(pattern, sql, re.IGNORECASE):
                allowed[column] = re.findall(r"'([^']*)'", values)
    return allowed


def _value(table: str, column: dict[str, Any], i: int, allowed: dict[str, list[str]]) -> Any:
    name, kind = column["name"], column["type"]
    if column["nullable"] and i == ROWS:
        return None
    if name in allowed:
        return allowed[name][i % len(allowed[name])]
    if isinstance(kind, Boolean):
        return i % 2 == 0
    if isinstance(kind, Integer):
        # Every integer of row i is i: ids, foreign keys (row i points at row i of the other
        # table), and ordered pairs such as `start <= end` hold.
        return i
    if isinstance(kind, Float):
        return i + 0.5
    if isinstance(kind, DateTime):
        return datetime(2024, 5, i, 7, 30, tzinfo=UTC)
    return f"{table}.{name} #{i}: \u201ckata\u201d Kab. Sukamaju, 10% _ caf\u00e9"


def fill(url: str) -> None:
    """Rows in every table of the database at `url`, whatever its revision and backend."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            virtual = _virtual_tables(conn)
            inspector = inspect(conn)
            names = [
                name
                for name, _ in inspector.get_sorted_table_and_fkc_names()
                if name is not None and name not in virtual and not _is_internal(name, virtual)
            ]
            metadata = MetaData()
            metadata.reflect(conn, only=names)
            for name in names:
                allowed = _allowed_values(
                    [check["sqltext"] for check in inspector.get_check_constraints(name)]
                )
                columns = inspector.get_columns(name)
                rows = [
                    {c["name"]: _value(name, c, i, allowed) for c in columns}
                    for i in range(1, ROWS + 1)
                ]
                conn.execute(metadata.tables[name].insert(), rows)
            raw = conn.connection.dbapi_connection
            assert raw is not None
            for name in virtual:  # the search index: a row per quote id
                columns = [row[1] for row in raw.execute(f'PRAGMA table_info("{name}")')]
                marks = ", ".join("?" * (len(columns) + 1))
                for i in range(1, ROWS + 1):
                    values = [i] + [f"{name}.{c} #{i} kata" for c in columns]
                    raw.execute(
                        f'INSERT INTO "{name}" (rowid, {", ".join(columns)}) VALUES ({marks})',
                        values,
                    )
    finally:
        engine.dispose()


def snapshot(url: str) -> Snapshot:
    """Every user table and view: its columns and its rows (on SQLite with the rowids of
    tables, which are their ids)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            virtual = _virtual_tables(conn)
            inspector = inspect(conn)
            tables = inspector.get_table_names() + virtual
            objects = [(name, "table") for name in tables if not _is_internal(name, virtual)]
            objects += [(name, "view") for name in inspector.get_view_names()]
            result: Snapshot = {}
            for name, kind in sorted(objects):
                rowid = 'rowid AS "rowid", ' if kind == "table" and url.startswith("sqlite") else ""
                found = conn.exec_driver_sql(f'SELECT {rowid}* FROM "{name}"')
                result[name] = (list(found.keys()), [tuple(row) for row in found])
            return result
    finally:
        engine.dispose()


def assert_rows_survive(before: Snapshot, after: Snapshot) -> None:
    for name, (columns, rows) in before.items():
        if name not in after:
            continue  # dropped on purpose by the migration
        after_columns, after_rows = after[name]
        common = [c for c in columns if c in after_columns]

        def project(
            row: tuple[Any, ...], names: list[str], common: list[str] = common
        ) -> tuple[Any, ...]:
            return tuple(row[names.index(c)] for c in common)

        kept = sorted((project(r, columns) for r in rows), key=repr)
        now = sorted((project(r, after_columns) for r in after_rows), key=repr)
        assert now == kept, f"rows of {name} changed"


def test_the_filler_puts_rows_everywhere(db_url: str) -> None:
    """What the other tests compare is not empty: rows in every table, the index and the view."""
    upgrade(config_for(db_url), "head")
    fill(db_url)

    filled = snapshot(db_url)

    assert {"sources", "speakers", "speaker_aliases", "roles", "quotes"} <= set(filled)
    assert all(len(rows) == ROWS for _, rows in filled.values()), filled
    assert {"quote_facts", "quote_search"} <= set(filled)


def test_the_comparison_notices_lost_or_changed_rows(db_url: str) -> None:
    upgrade(config_for(db_url), "head")
    fill(db_url)
    before = snapshot(db_url)
    execute(db_url, "UPDATE roles SET title = 'x' WHERE id = 2")
    with pytest.raises(AssertionError, match="rows of (quote_facts|roles) changed"):
        assert_rows_survive(before, snapshot(db_url))
    execute(db_url, "DELETE FROM quotes WHERE id = 1")
    with pytest.raises(AssertionError, match="rows of (quote_facts|quotes) changed"):
        assert_rows_survive({"quotes": before["quotes"]}, snapshot(db_url))


def execute(url: str, sql: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(sql)
    finally:
        engine.dispose()


@pytest.mark.parametrize("revision", REVISIONS)
def test_rows_written_at_a_revision_survive_the_upgrade_to_head(db_url: str, revision: str) -> None:
    """From the first revision (and every later one) to head, one step at a time."""
    config = config_for(db_url)
    upgrade(config, revision)
    fill(db_url)
    before = snapshot(db_url)
    for later in REVISIONS[REVISIONS.index(revision) + 1 :]:
        upgrade(config, later)
        assert_rows_survive(before, snapshot(db_url))
    upgrade(config, "head")
    assert_rows_survive(before, snapshot(db_url))


def test_upgrading_a_database_at_head_changes_nothing(db_url: str, tmp_path: Path) -> None:
    """`alembic upgrade head` and quotedb's own migrate-on-open leave real data as it was
    (on SQLite byte for byte)."""
    articles = tmp_path / "artikel"
    articles.mkdir()
    (articles / "a.txt").write_text(
        'date 2024-05 Pasar Dibuka\n\n"Pedagang boleh berjualan lagi," kata lurah Rina Sari.\n',
        encoding="utf-8",
    )
    assert ingest([str(articles)], db_url, workers=1).new == 1
    before = snapshot(db_url), dump(db_url)

    upgrade(config_for(db_url), "head")
    db.migrate(db_url)
    db.open_database(db_url).dispose()

    assert (snapshot(db_url), dump(db_url)) == before


def dump(url: str) -> list[str]:
    """SQLite's dump of the file (schema and rows); nothing for PostgreSQL."""
    path = db.sqlite_path(url)
    if path is None:
        return []
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def test_every_downgrade_runs_with_data_in_the_tables(db_url: str) -> None:
    """Down from head one revision at a time, with rows in every table; rows in what a step
    keeps survive it, and at base only Alembic's table is left."""
    config = config_for(db_url)
    upgrade(config, "head")
    fill(db_url)
    for revision in reversed(REVISIONS):
        before = snapshot(db_url)
        script = ScriptDirectory.from_config(config).get_revision(revision)
        previous = script.down_revision if isinstance(script.down_revision, str) else "base"
        downgrade(config, previous)
        assert_rows_survive(before, snapshot(db_url))
    assert snapshot(db_url) == {}
    upgrade(config, "head")  # and the emptied database can be used again


ALIASES_PER_SOURCE = "ddebdeee74e4"


def test_aliases_stored_before_their_source_was_recorded_get_every_source_of_the_speaker(
    db_url: str,
) -> None:
    """Bagus (speaker 1) is quoted in sources 1 and 3, Dinas (speaker 2) nowhere: each alias
    of Bagus becomes one row per source quoting him, the first keeping its id, and Dinas's
    alias has no source. Downgrading gives back the rows as they were."""
    config = config_for(db_url)
    upgrade(config, REVISIONS[REVISIONS.index(ALIASES_PER_SOURCE) - 1])
    engine = create_engine(db_url)
    at = datetime(2024, 5, 1, tzinfo=UTC)
    with engine.begin() as conn:
        for source_id in (1, 2, 3):
            conn.execute(
                text(
                    "INSERT INTO sources (id, body, sha256, uri, doc, ingested_at, "
                    "parser_version) VALUES (:id, 'isi', :sha, 'u', 'd', :at, '1')"
                ),
                {"id": source_id, "sha": f"{source_id:064d}", "at": at},
            )
        conn.execute(
            text(
                "INSERT INTO speakers (id, name, kind, name_key) VALUES "
                "(1, 'Bagus', 'person', 'bagus'), (2, 'Dinas', 'organization', 'dinas')"
            )
        )
        for quote_id, source_id, speaker_id in ((1, 1, 1), (2, 3, 1), (3, 2, None), (4, 3, 1)):
            conn.execute(
                text(
                    'INSERT INTO quotes (id, source_id, speaker_id, text, kind, "start", "end", '
                    "paragraph) VALUES (:id, :source, :speaker, 'kata', 'direct', 0, 4, 0)"
                ),
                {"id": quote_id, "source": source_id, "speaker": speaker_id},
            )
        # Ids from the table's own numbering, as quotedb's writer always let them come.
        for speaker_id, alias in ((1, "Pak Bagus"), (1, "Mas Bagus"), (2, "Dinas Kota")):
            conn.execute(
                text(
                    "INSERT INTO speaker_aliases (speaker_id, alias, alias_key) "
                    "VALUES (:speaker, :alias, :key)"
                ),
                {"speaker": speaker_id, "alias": alias, "key": alias.casefold()},
            )
    before = fetch(db_url, "SELECT * FROM speaker_aliases ORDER BY id")
    assert [row[0] for row in before] == [1, 2, 3]

    upgrade(config, ALIASES_PER_SOURCE)

    after = fetch(
        db_url,
        "SELECT speaker_id, alias, source_id, id <= 3 FROM speaker_aliases "
        "ORDER BY speaker_id, alias, source_id",
    )
    assert after == [
        (1, "Mas Bagus", 1, True),
        (1, "Mas Bagus", 3, False),
        (1, "Pak Bagus", 1, True),
        (1, "Pak Bagus", 3, False),
        (2, "Dinas Kota", None, True),
    ]
    downgrade(config, REVISIONS[REVISIONS.index(ALIASES_PER_SOURCE) - 1])
    assert fetch(db_url, "SELECT * FROM speaker_aliases ORDER BY id") == before
    engine.dispose()
