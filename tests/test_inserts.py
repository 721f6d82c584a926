"""The writer's adapter to SQLAlchemy (`quotedb.store.inserts`) against SQLAlchemy's own insert.

`insert_many` hands tuples to the driver with a compiled statement's `positional` and
`positiontup` and each column type's `bind_processor`. If a SQLAlchemy release changes what
those give, the rows read back here differ from the rows SQLAlchemy's ordinary insert stores,
on either backend, and this fails before any article is stored wrongly.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, insert, select, text

from quotedb.store.inserts import in_lists, insert_many, rows_for_keys
from quotedb.store.schema import Source, Speaker

WHEN = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
# A value for every column of `sources` but its id, in an order unlike the table's (so the
# positional order of the compiled statement must be followed), a date among them.
COLUMNS = ("sha256", "ingested_at", "body", "uri", "doc", "parser_version", "title")


def source_row(n: int) -> tuple[object, ...]:
    return (f"{n:064x}", WHEN + timedelta(hours=n), f"teks {n}", f"u{n}", f"d{n}", "1", None)


def stored_sources(engine: Engine) -> list[tuple[object, ...]]:
    """The rows of `sources` in `COLUMNS` order, dates in UTC (SQLite keeps no time zone)."""
    columns = [Source.__table__.c[name] for name in COLUMNS]
    with engine.connect() as conn:
        rows = conn.execute(select(*columns).order_by(Source.__table__.c.sha256)).all()
    in_utc = []
    for row in rows:
        when = row[1]
        assert isinstance(when, datetime)
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
        in_utc.append((row[0], when, *row[2:]))
    return in_utc


def test_insert_many_stores_what_sqlalchemys_insert_stores(engine: Engine) -> None:
    table = Source.__table__
    ours = [source_row(n) for n in range(3)]
    theirs = [source_row(n) for n in range(3, 6)]
    with engine.begin() as conn:
        insert_many(conn, table, COLUMNS, ours)  # type: ignore[arg-type]
        conn.execute(insert(table), [dict(zip(COLUMNS, row, strict=True)) for row in theirs])

    assert stored_sources(engine) == ours + theirs
    with engine.connect() as conn:
        # Stored the same way, whichever way they went in (on SQLite, dates are text).
        as_stored = conn.execute(text("SELECT ingested_at FROM sources ORDER BY sha256")).all()
    assert len({type(row[0]) for row in as_stored}) == 1
    if engine.dialect.name == "sqlite":
        assert [len(row[0]) for row in as_stored] == [len(as_stored[0][0])] * 6


def test_insert_many_ignoring_conflicts_keeps_the_first_row(engine: Engine) -> None:
    table = Speaker.__table__
    columns = ("name_key", "kind", "name")
    with engine.begin() as conn:
        insert_many(conn, table, columns, [("budi", "person", "Budi")])  # type: ignore[arg-type]
        insert_many(
            conn,
            table,  # type: ignore[arg-type]
            columns,
            [("budi", "person", "BUDI"), ("rina", "person", "Rina")],
            ignoring_conflicts=True,
        )
    with engine.connect() as conn:
        names = conn.execute(text("SELECT name_key, name FROM speakers ORDER BY name_key")).all()
    assert [tuple(row) for row in names] == [("budi", "Budi"), ("rina", "Rina")]


def test_rows_for_keys_reads_every_key_past_one_in_list(engine: Engine) -> None:
    rows = [source_row(n) for n in range(1203)]
    with engine.begin() as conn:
        insert_many(conn, Source.__table__, COLUMNS, rows)  # type: ignore[arg-type]
        wanted = [row[0] for row in rows[::2]] + ["0" * 64 + "x"]
        found = rows_for_keys(conn, "SELECT sha256 FROM sources WHERE sha256 IN ({keys})", wanted)
        assert sorted(sha for (sha,) in found) == sorted(wanted[:-1])


def test_in_lists_cut_keys_into_lists_of_500() -> None:
    parts = list(in_lists("SELECT 1 WHERE x IN ({keys})", [str(n) for n in range(1001)], "?"))
    assert [len(keys) for _, keys in parts] == [500, 500, 1]
    assert parts[-1] == ("SELECT 1 WHERE x IN (?)", ("1000",))
