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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.command import downgrade, upgrade
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Boolean, DateTime, Float, Integer, MetaData, create_engine, inspect

from quotedb.config import resolve_db_url
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


def _virtual_tables(conn: sqlite3.Connection) -> list[str]:
    return [
        name
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        if sql.upper().startswith("CREATE VIRTUAL TABLE")
    ]


def _is_internal(name: str, virtual: list[str]) -> bool:
    """Alembic's bookkeeping, SQLite's own tables and the shadow tables of virtual ones."""
    return (
        name == "alembic_version"
        or name.startswith("sqlite_")
        or any(name.startswith(f"{v}_") for v in virtual)
    )


def _allowed_values(sql_texts: list[str]) -> dict[str, list[str]]:
    """`{column: [values]}` from checks like `kind IN ('a', 'b')`."""
    allowed = {}
    for sql in sql_texts:
        for column, values in re.findall(r'"?(\w+)"?\s+IN\s*\(([^)]*)\)', sql, re.IGNORECASE):
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
    """Rows in every table of the database at `url`, whatever its revision."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            raw = conn.connection.dbapi_connection
            virtual = _virtual_tables(raw)
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


def snapshot(path: Path) -> Snapshot:
    """Every user table and view: its columns and its rows (with rowids for tables)."""
    with sqlite3.connect(path) as conn:
        virtual = _virtual_tables(conn)
        objects = conn.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name"
        ).fetchall()
        result: Snapshot = {}
        for name, kind in objects:
            if _is_internal(name, virtual):
                continue
            select = (
                f'SELECT rowid AS "rowid", * FROM "{name}"'
                if kind == "table"
                else (f'SELECT * FROM "{name}"')
            )
            cursor = conn.execute(select)
            columns = [column[0] for column in cursor.description]
            result[name] = (columns, cursor.fetchall())
        return result


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


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "arsip.sqlite"


def test_the_filler_puts_rows_everywhere(path: Path) -> None:
    """What the other tests compare is not empty: rows in every table, the index and the view."""
    url = resolve_db_url(str(path))
    upgrade(config_for(url), "head")
    fill(url)

    filled = snapshot(path)

    assert {"sources", "speakers", "speaker_aliases", "roles", "quotes"} <= set(filled)
    assert all(len(rows) == ROWS for _, rows in filled.values()), filled
    assert {"quote_facts", "quote_search"} <= set(filled)


def test_the_comparison_notices_lost_or_changed_rows(path: Path) -> None:
    url = resolve_db_url(str(path))
    upgrade(config_for(url), "head")
    fill(url)
    before = snapshot(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE roles SET title = 'x' WHERE id = 2")
    with pytest.raises(AssertionError, match="rows of (quote_facts|roles) changed"):
        assert_rows_survive(before, snapshot(path))
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM quotes WHERE id = 1")
    with pytest.raises(AssertionError, match="rows of (quote_facts|quotes) changed"):
        assert_rows_survive({"quotes": before["quotes"]}, snapshot(path))


@pytest.mark.parametrize("revision", REVISIONS)
def test_rows_written_at_a_revision_survive_the_upgrade_to_head(path: Path, revision: str) -> None:
    """From the first revision (and every later one) to head, one step at a time."""
    url = resolve_db_url(str(path))
    config = config_for(url)
    upgrade(config, revision)
    fill(url)
    before = snapshot(path)
    for later in REVISIONS[REVISIONS.index(revision) + 1 :]:
        upgrade(config, later)
        assert_rows_survive(before, snapshot(path))
    upgrade(config, "head")
    assert_rows_survive(before, snapshot(path))


def test_upgrading_a_database_at_head_changes_nothing(path: Path, tmp_path: Path) -> None:
    """`alembic upgrade head` and quotedb's own migrate-on-open leave real data byte for byte."""
    articles = tmp_path / "artikel"
    articles.mkdir()
    (articles / "a.txt").write_text(
        'date 2024-05 Pasar Dibuka\n\n"Pedagang boleh berjualan lagi," kata lurah Rina Sari.\n',
        encoding="utf-8",
    )
    url = resolve_db_url(str(path))
    assert ingest([str(articles)], url, workers=1).new == 1
    before = list(sqlite3.connect(path).iterdump())

    upgrade(config_for(url), "head")
    db.migrate(url)
    db.open_database(url).dispose()

    assert list(sqlite3.connect(path).iterdump()) == before


def test_every_downgrade_runs_with_data_in_the_tables(path: Path) -> None:
    """Down from head one revision at a time, with rows in every table; rows in what a step
    keeps survive it, and at base only Alembic's table is left."""
    url = resolve_db_url(str(path))
    config = config_for(url)
    upgrade(config, "head")
    fill(url)
    for revision in reversed(REVISIONS):
        before = snapshot(path)
        script = ScriptDirectory.from_config(config).get_revision(revision)
        previous = script.down_revision if isinstance(script.down_revision, str) else "base"
        downgrade(config, previous)
        assert_rows_survive(before, snapshot(path))
    assert snapshot(path) == {}
    upgrade(config, "head")  # and the emptied file can be used again
