"""Ad-hoc SQL, read-only: the library form of `quotedb sql`.

`run_sql` takes a URL rather than an engine, because on SQLite it opens its own locked-down
connection. The read commands' own queries are in `quotedb.store.reading`.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import DBAPIError

from quotedb.config import resolve_db_url
from quotedb.errors import DatabaseError, QueryTimeout, QuotedbError, SqlNotAllowed, one_line
from quotedb.store.database import missing_database, sqlite_path
from quotedb.store.readonly import check_schema, open_readonly, readonly_sqlite_uri

MAX_SQL_VALUE_BYTES = 64 * 1024 * 1024
"""The largest string or blob a `run_sql` statement may make (an article is at most 10 MiB)."""


@dataclass(frozen=True, slots=True)
class SqlResult:
    """Rows of an ad-hoc query; `truncated` when there were more than the row limit."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    truncated: bool


def run_sql(
    url: str | os.PathLike[str], sql: str, *, timeout: float = 5.0, max_rows: int = 1000
) -> SqlResult:
    """Run one read-only statement; at most `max_rows` rows, stopped after `timeout` seconds.

    `url` is a SQLAlchemy URL or the path of a SQLite file, which must hold a quotedb
    database at the schema this quotedb reads (as for the other read commands).

    On SQLite, read-only by construction: the file is opened `mode=ro` with `query_only`, and
    an authorizer refuses every action but reading (no ATTACH, no PRAGMA that sets a value, no
    `load_extension`), and no value may exceed `MAX_SQL_VALUE_BYTES`. On PostgreSQL it is one
    query in a `READ ONLY` transaction with a `statement_timeout`.
    """
    try:
        # A command line that is not valid UTF-8 reaches Python with lone surrogates.
        sql.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise QuotedbError(f"SQL error: not valid UTF-8 text (character {exc.start + 1})") from exc
    url = resolve_db_url(os.fspath(url))
    path = sqlite_path(url)
    if path is None:
        return _run_sql_postgresql(url, sql, timeout, max_rows)
    if not path.is_file():
        raise missing_database(path)
    refused: list[str] = []
    # `timeout` also bounds the wait for a lock (only met while a writer holds the file in
    # rollback-journal mode; in WAL mode readers never wait).
    with closing(sqlite3.connect(readonly_sqlite_uri(path), uri=True, timeout=timeout)) as conn:
        conn.execute("PRAGMA query_only = 1")
        check_schema(conn, str(path))
        # `SELECT zeroblob(1e9)` or `printf('%.*c', 1e9, 'x')` would take a gigabyte.
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_SQL_VALUE_BYTES)
        conn.set_authorizer(_authorizer(refused))
        try:
            with _deadline(conn, timeout):
                cursor = conn.execute(sql)
                columns = tuple(column[0] for column in cursor.description or ())
                rows = cursor.fetchmany(max_rows + 1)
        # sqlite3 reports "one statement at a time" as a Warning before Python 3.12.
        except (sqlite3.Error, sqlite3.Warning) as exc:
            raise _sql_error(exc, sql, refused, timeout) from exc
    return SqlResult(columns=columns, rows=rows[:max_rows], truncated=len(rows) > max_rows)


# Pragmas that take an argument and still only read (`PRAGMA table_info(quotes)`).
_READING_PRAGMAS = frozenset(
    {
        "table_info",
        "table_xinfo",
        "table_list",
        "index_info",
        "index_xinfo",
        "index_list",
        "foreign_key_list",
        "foreign_key_check",
        "integrity_check",
        "quick_check",
    }
)
# Functions that load code: `fts3_tokenizer(name, pointer)` installs a tokenizer from a raw
# pointer where SQLite was built to allow it.
_REFUSED_FUNCTIONS = frozenset({"load_extension", "fts3_tokenizer"})
_ALLOWED_ACTIONS = frozenset({sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE})


Authorizer = Callable[[int, str | None, str | None, str | None, str | None], int]


def _authorizer(refused: list[str]) -> Authorizer:
    """An authorizer allowing only reads; it notes refused pragmas and functions by name."""

    def authorize(
        action: int, arg1: str | None, arg2: str | None, _db: str | None, _trigger: str | None
    ) -> int:
        if action in _ALLOWED_ACTIONS:
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_FUNCTION:
            if arg2 not in _REFUSED_FUNCTIONS:
                return sqlite3.SQLITE_OK
            refused.append(f"{arg2}()")
        elif action == sqlite3.SQLITE_PRAGMA:
            if arg2 is None or arg1 in _READING_PRAGMAS:
                # A pragma without a value reads; `journal_mode = DELETE` (arg2 set) would write.
                return sqlite3.SQLITE_OK
            refused.append(f"PRAGMA {arg1} = {arg2}")
        elif action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master":
            # Asked internally whenever a virtual table (FTS5, `pragma_table_info()`) is
            # connected; nothing can be written anyway, as the file is open read-only.
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY

    return authorize


@contextmanager
def _deadline(conn: sqlite3.Connection, seconds: float) -> Iterator[None]:
    """Interrupt the statement once `seconds` have passed (SQLite checks every 1000 steps)."""
    stop_at = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > stop_at), 1000)
    try:
        yield
    finally:
        conn.set_progress_handler(None, 0)


_FIRST_WORD = re.compile(r"(?:\s+|--[^\n]*|/\*.*?\*/)*(\w+)", re.DOTALL)


def _first_word(sql: str) -> str:
    """The statement's first word after any comments (`DROP` for `/* tidy */ DROP TABLE x`)."""
    match = _FIRST_WORD.match(sql)
    return match.group(1).upper() if match else "writing"


# What SQLite says when the authorizer denies (VACUUM has its own words), or when a write gets
# past the authorizer and meets the read-only file.
_WRITE_REFUSALS = (
    "not authorized",
    "authorization denied",
    "readonly database",
    "may not be modified",
)


def _sql_error(exc: Exception, sql: str, refused: Sequence[str], timeout: float) -> QuotedbError:
    message = str(exc)
    if any(marker in message for marker in _WRITE_REFUSALS):
        what = refused[0] if refused else _first_word(sql)
        return SqlNotAllowed(f"quotedb sql is read-only: {what} refused")
    if message == "interrupted":
        return _timed_out(timeout)
    return QuotedbError(f"SQL error: {one_line(exc, typed=False)}")


def _timed_out(timeout: float) -> QueryTimeout:
    return QueryTimeout(f"query stopped after {timeout:g} s; raise --timeout")


def _run_sql_postgresql(url: str, sql: str, timeout: float, max_rows: int) -> SqlResult:
    """`sql` through a server-side cursor in a READ ONLY transaction with a statement timeout.

    The cursor (`DECLARE ... CURSOR FOR sql`, sent by the extended protocol) takes exactly one
    query that returns rows: no second statement can COMMIT the read-only transaction away
    and write in a new one. Rows come from the server `max_rows + 1` at a time, so a huge
    result never reaches memory.
    """
    engine = open_readonly(url)
    try:
        import psycopg
    except ImportError as exc:
        engine.dispose()
        raise DatabaseError(
            "quotedb sql on PostgreSQL needs psycopg: pip install 'quotedb[postgres]'"
        ) from exc
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, round(timeout * 1000))}")
            driver = conn.connection.driver_connection
            if not isinstance(driver, psycopg.Connection):
                raise DatabaseError(
                    "quotedb reads PostgreSQL through psycopg (postgresql+psycopg://)"
                )
            try:
                with driver.cursor(name="quotedb_sql") as cursor:
                    cursor.execute(sql)
                    columns = tuple(column.name for column in cursor.description or ())
                    rows = [tuple(row) for row in cursor.fetchmany(max_rows + 1)]
            finally:
                conn.rollback()
    except (DBAPIError, psycopg.Error) as exc:
        raise _postgresql_error(exc, sql, timeout) from exc
    finally:
        engine.dispose()
    return SqlResult(columns=columns, rows=rows[:max_rows], truncated=len(rows) > max_rows)


_COMMANDS = frozenset(
    "ABORT ALTER ANALYZE BEGIN CALL CHECKPOINT CLOSE CLUSTER COMMENT COMMIT COPY CREATE "
    "DEALLOCATE DECLARE DELETE DISCARD DO DROP END EXECUTE FETCH GRANT IMPORT INSERT LISTEN "
    "LOAD LOCK MERGE MOVE NOTIFY PREPARE REASSIGN REFRESH REINDEX RELEASE RESET REVOKE "
    "ROLLBACK SAVEPOINT SECURITY SET START TRUNCATE UNLISTEN UPDATE VACUUM".split()
)
"""PostgreSQL's statements that are not a query `DECLARE CURSOR` takes (which are SELECT,
WITH, VALUES and TABLE), but for EXPLAIN and SHOW, which only read."""


def _postgresql_error(exc: Exception, sql: str, timeout: float) -> QuotedbError:
    reason = getattr(exc, "orig", None) or exc
    # SQLSTATE 25006: a write in a read-only transaction; 25001: an attempt to make it
    # read-write; 57014: statement_timeout.
    state = getattr(reason, "sqlstate", None)
    first = _first_word(sql)
    if state in ("25006", "25001") or first in _COMMANDS:
        return SqlNotAllowed(f"quotedb sql is read-only: {first} refused")
    if first in ("EXPLAIN", "SHOW"):
        return SqlNotAllowed(
            f"quotedb sql runs queries (SELECT, WITH, VALUES, TABLE) on PostgreSQL: {first} refused"
        )
    if state == "57014":
        return _timed_out(timeout)
    # The server's own words, without the context lines that quote the DECLARE around `sql`.
    primary = getattr(getattr(reason, "diag", None), "message_primary", None)
    return QuotedbError(f"SQL error: {primary or one_line(reason, typed=False)}")
