"""Opening a quotedb database to read it: an engine or a plain sqlite3 connection that cannot
write, on a database that must exist and be at this quotedb's schema.

The read commands use these: they never create or migrate anything, and say to run
`quotedb ingest` when there is nothing to read. `connect_readonly` needs only sqlite3, so a
read command on a SQLite file starts without loading SQLAlchemy or Alembic.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote as url_quote

from quotedb.errors import DatabaseError
from quotedb.store.database import (
    HEAD_REVISION,
    NEWER,
    VERSION_SQL,
    current_revisions,
    describe,
    engine_for,
    is_newer,
    missing_database,
    not_quotedb,
    open_error,
    open_error_at,
    read_failures,
    revisions_in,
    sqlite_path,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine


def open_readonly(url: str | os.PathLike[str]) -> Engine:
    """An engine that cannot write, on a quotedb database that must exist and be at head.

    `url` is a SQLAlchemy URL or the path of a SQLite file.

    SQLite: opened with `mode=ro` and `PRAGMA query_only`. Other databases: every transaction
    is `READ ONLY`.
    """
    from sqlalchemy import inspect

    from quotedb.config import resolve_db_url

    url = resolve_db_url(os.fspath(url))  # a URL stays as it is, a file path becomes one
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        raise missing_database(path)
    try:
        engine = _readonly_engine(url, path)
    except read_failures() as exc:
        raise open_error(url, exc) from exc
    try:
        with engine.connect() as connection:
            current = current_revisions(connection)
            has_tables = bool(current) or bool(inspect(connection).get_table_names())
    except read_failures() as exc:
        engine.dispose()
        raise open_error(url, exc) from exc
    if current != {HEAD_REVISION}:
        engine.dispose()
        raise _not_readable(describe(url), current, has_tables=has_tables)
    return engine


def connect_readonly(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A plain sqlite3 connection that cannot write, on the quotedb database file `path`.

    What `open_readonly` does for SQLite, without SQLAlchemy: the read commands start faster.
    """
    path = Path(path)
    if not path.is_file():
        raise missing_database(path)
    try:
        connection = sqlite3.connect(readonly_sqlite_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise open_error_at(str(path), exc) from exc
    try:
        connection.execute("PRAGMA query_only = 1")
        check_schema(connection, str(path))
    except BaseException:
        connection.close()
        raise
    return connection


def check_schema(connection: sqlite3.Connection, name: str) -> None:
    """Refuse, with a one-line `DatabaseError`, a SQLite database that is not quotedb's at
    the schema this quotedb reads: the same refusal from every command."""
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        current = (
            revisions_in(connection.execute(VERSION_SQL).fetchall())
            if "alembic_version" in tables
            else set()
        )
    except sqlite3.Error as exc:
        raise open_error_at(name, exc) from exc
    if current != {HEAD_REVISION}:
        raise _not_readable(name, current, has_tables=bool(tables))


def _not_readable(name: str, current: set[str], *, has_tables: bool) -> DatabaseError:
    if not current and has_tables:
        return not_quotedb(name)
    if is_newer(current):
        problem = NEWER
    elif current:
        problem = "its schema is older than this quotedb; `quotedb reparse --outdated` upgrades it"
    else:
        problem = "it is empty; run `quotedb ingest` to fill it"
    return DatabaseError(f"cannot read {name}: {problem}")


def readonly_sqlite_uri(path: Path) -> str:
    """A `file:` URI that opens `path` read-only (for `sqlite3.connect(..., uri=True)`)."""
    return f"file:{url_quote(str(path.resolve()))}?mode=ro"


def _readonly_engine(url: str, path: Path | None) -> Engine:
    from sqlalchemy import create_engine as sqlalchemy_engine
    from sqlalchemy import event
    from sqlalchemy.engine import URL

    if path is None:
        engine = engine_for(url)

        @event.listens_for(engine, "begin")
        def _read_only(connection: Connection) -> None:
            connection.exec_driver_sql("SET TRANSACTION READ ONLY")

        return engine
    # pysqlite passes `mode` into the `file:` URI it builds when the URL says `uri=true`.
    database = f"file:{url_quote(str(path.resolve()))}"
    engine = sqlalchemy_engine(
        URL.create("sqlite", database=database, query={"mode": "ro", "uri": "true"})
    )

    @event.listens_for(engine, "connect")
    def _query_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA query_only = 1")

    return engine
