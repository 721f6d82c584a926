"""Bulk statements handed to the driver as they are: the writer's one adapter to SQLAlchemy.

The writer inserts thousands of rows per batch. Through SQLAlchemy's ordinary `executemany`
each row becomes a parameter dictionary and large `IN` lists are compiled afresh for every
statement, which took half the writer's time. Here a statement is compiled once and the
tuples go to the driver directly (COPY on PostgreSQL). That relies on two attributes of a
compiled statement, `positional` and `positiontup`, and on each column type's
`dialect_impl(...).bind_processor`: `tests/test_inserts.py` compares the result with
SQLAlchemy's own insert on both backends, so an upgrade that changes them fails there first
(SQLAlchemy is pinned to the releases this was checked on in `pyproject.toml`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from quotedb.errors import DatabaseError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Table
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.sql.expression import TableClause

IN_LIST = 500
"""Values in one `IN (...)` list."""


def insert_ignoring_conflicts(
    dialect: str, table: Table | TableClause
) -> sqlite.Insert | postgresql.Insert:
    """`INSERT ... ON CONFLICT DO NOTHING` into `table`, in `dialect`."""
    from sqlalchemy.dialects import postgresql, sqlite

    match dialect:
        case "sqlite":
            return sqlite.insert(table).on_conflict_do_nothing()
        case "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing()
        case other:
            raise DatabaseError(f"quotedb writes to SQLite or PostgreSQL, not {other}")


def insert_many(
    conn: Connection,
    table: Table | TableClause,
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
    *,
    ignoring_conflicts: bool = False,
) -> None:
    """INSERT `rows` (tuples in `columns` order): one driver `executemany` on SQLite, one COPY
    on PostgreSQL. `ignoring_conflicts` skips the rows whose unique key is stored already (on
    PostgreSQL by an `executemany` too: COPY cannot skip a row).

    Values of columns whose type converts them for the driver (dates) are converted here.
    """
    from sqlalchemy import insert

    if not rows:
        return
    dialect = conn.dialect
    if dialect.name == "postgresql" and not ignoring_conflicts:
        _copy(conn, table, columns, rows)
        return
    statement = (
        insert_ignoring_conflicts(dialect.name, table) if ignoring_conflicts else insert(table)
    )
    compiled = statement.compile(dialect=dialect, column_keys=list(columns))
    converters = [
        (index, processor)
        for index, name in enumerate(columns)
        if (processor := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
        is not None
    ]
    if converters:
        converted = []
        for row in rows:
            values = list(row)
            for index, processor in converters:
                values[index] = processor(values[index])
            converted.append(tuple(values))
        rows = converted
    params: list[Any]
    if compiled.positional:
        order = [columns.index(name) for name in compiled.positiontup or ()]
        if order == list(range(len(columns))):
            params = rows
        else:
            params = [tuple(row[i] for i in order) for row in rows]
    else:
        params = [dict(zip(columns, row, strict=True)) for row in rows]
    conn.exec_driver_sql(compiled.string, params)


def _copy(
    conn: Connection,
    table: Table | TableClause,
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
) -> None:
    """`rows` into `table` by PostgreSQL's COPY, in the connection's transaction.

    A multi-row INSERT of a thousand quotes has seventeen thousand parameters, which psycopg
    parses afresh for every batch: COPY has none, and is several times faster.
    """
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in columns)
    driver = conn.connection.driver_connection
    with driver.cursor() as cursor:  # type: ignore[union-attr]
        with cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def next_ids(conn: Connection, table: Table, count: int) -> Sequence[int]:
    """`count` new ids for rows of `table` that the caller numbers itself.

    On SQLite the caller's transaction must hold the write lock (a
    `quotedb.store.database.write_transaction`), so the ids after the largest are its to
    give; on PostgreSQL they come from the table's sequence, all in one round trip, so the
    rows can go by COPY.
    """
    from sqlalchemy import func, select, text

    if conn.dialect.name == "sqlite":
        first = conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one() + 1
        return range(first, first + count)
    return (
        conn.execute(
            text(
                f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
                "FROM generate_series(1, :n)"
            ),
            {"n": count},
        )
        .scalars()
        .all()
    )


def rows_for_keys(conn: Connection, query: str, keys: list[str]) -> Iterator[Sequence[Any]]:
    """The rows of `query`, whose `IN ({keys})` is filled with `keys`, 500 to a statement.

    The statement goes to the driver as written: SQLAlchemy would compile its IN list of
    hundreds of parameters afresh for every statement.
    """
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    for sql, part in in_lists(query, keys, mark):
        yield from conn.exec_driver_sql(sql, part)


def in_lists(query: str, keys: list[str], mark: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """`query` with its `IN ({keys})` written for `IN_LIST` of `keys` at a time (`mark` is
    the driver's parameter marker), and those keys."""
    for start in range(0, len(keys), IN_LIST):
        part = tuple(keys[start : start + IN_LIST])
        yield query.format(keys=", ".join([mark] * len(part))), part
