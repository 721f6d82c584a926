"""The bulk writer: batches of parsed articles stored in large transactions.

`BulkWriter.write` stores a batch of parsed articles (`quotedb.bulk.Parsed`) in one
transaction with Core `executemany` inserts: one `IN` query finds the texts already stored,
speakers and roles come from in-memory caches (new ones are inserted together, then read back
with one query), and on SQLite the writer numbers the new sources and quotes itself (it holds
the write lock, `BEGIN IMMEDIATE`), which saves a `RETURNING` round trip per row. If the batch
fails, nothing of it is kept and every article is written again in a transaction of its own,
with the caches emptied, so a bad article never takes good ones with it. (Only when another
process held the database locked past the busy timeout do the batch's articles fail together:
waiting that long again for each would stall the ingest for hours.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from quotedb.bulk import Parsed, QuoteData
from quotedb.loaders import InputFailure
from quotedb.textkeys import IdCache

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, Table
    from sqlalchemy.sql.expression import TableClause

CACHE_LIMIT = 200_000
"""Speaker, role and alias keys kept in memory; past that the cache starts again empty."""
WRITER_CACHE_KIB = 16 * 1024
"""SQLite page cache of the writer's connection."""
_IN_LIST = 500
"""Values in one `IN (...)` list."""
_PRESENT = "SELECT sha256 FROM sources WHERE sha256 IN ({keys})"


@dataclass(frozen=True, slots=True)
class Stored:
    """What happened to one article of a batch: stored (`new`), or already present."""

    new: bool
    quotes_added: int = 0


Written = Stored | InputFailure


_Row = TypeVar("_Row")


class BulkWriter:
    """Writes batches of parsed articles to the database behind `engine`.

    `engine` comes from `quotedb.db.open_database` (on SQLite every transaction there begins
    `BEGIN IMMEDIATE`, which this writer relies on to number rows itself).
    """

    def __init__(self, engine: Engine) -> None:
        from quotedb.models import Quote, Role, Source, Speaker, SpeakerAlias

        self._engine = engine
        self._dialect = engine.dialect.name
        self._ids = IdCache()
        self._sources: Table = Source.__table__  # type: ignore[assignment]
        self._quotes: Table = Quote.__table__  # type: ignore[assignment]
        self._speakers: Table = Speaker.__table__  # type: ignore[assignment]
        self._roles: Table = Role.__table__  # type: ignore[assignment]
        self._aliases: Table = SpeakerAlias.__table__  # type: ignore[assignment]

    def present(self, hashes: Sequence[str]) -> set[str]:
        """Which of `hashes` are stored already (one query per 500 hashes).

        On SQLite this reads outside any transaction: the engine's transactions begin with
        `BEGIN IMMEDIATE`, and a read must not take (or wait for) the write lock.
        """
        if not hashes:
            return set()
        if self._dialect != "sqlite":
            with self._engine.connect() as conn:
                return self._present(conn, hashes)
        found: set[str] = set()
        raw = self._engine.raw_connection()
        try:
            cursor = raw.cursor()
            for sql, part in _in_lists(_PRESENT, list(dict.fromkeys(hashes)), "?"):
                cursor.execute(sql, part)
                found.update(sha for (sha,) in cursor.fetchall())
            cursor.close()
        finally:
            raw.close()
        return found

    def write(self, batch: Sequence[Parsed]) -> list[Written]:
        """Store `batch`, each article with all its quotes or not at all; one result per
        article, in order. Never raises for a database error: the articles it hit fail."""
        if not batch:
            return []
        try:
            return self._transaction(batch)
        except Exception as exc:
            if _locked(exc):
                # Another process held the write lock past the busy timeout: writing each
                # article alone would wait that long again for every one of them.
                return [_failure(parsed, exc) for parsed in batch]
        # A cached id may name a row deleted since (`reparse` removes speakers and roles left
        # without quotes): the articles are written again with ids looked up afresh.
        self._ids = IdCache()
        return [self._write_alone(parsed) for parsed in batch]

    def _write_alone(self, parsed: Parsed) -> Written:
        try:
            return self._transaction([parsed])[0]
        except Exception as exc:
            return _failure(parsed, exc)

    def _transaction(self, batch: Sequence[Parsed]) -> list[Written]:
        ids = IdCache()
        with self._engine.begin() as conn:
            if self._dialect == "sqlite":
                # A bigger page cache for the indexes a batch touches (default 2 MB).
                conn.exec_driver_sql(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
            results = self._write(conn, batch, ids)
        # Only now: ids of a transaction that rolled back name rows that do not exist.
        self._ids.update(ids, limit=CACHE_LIMIT)
        return results

    # --- one transaction ------------------------------------------------------------------

    def _write(self, conn: Connection, batch: Sequence[Parsed], ids: IdCache) -> list[Written]:
        present = self._present(conn, [parsed.sha256 for parsed in batch])
        candidates: dict[str, Parsed] = {}
        for parsed in batch:
            if parsed.sha256 not in present:
                candidates.setdefault(parsed.sha256, parsed)  # the same text twice: once
        # On PostgreSQL a source another process stored meanwhile is skipped here: that
        # process stored the same text, so the article is present, not lost.
        source_ids = self._insert_sources(conn, list(candidates.values()))
        fresh = [parsed for sha, parsed in candidates.items() if sha in source_ids]
        if fresh:
            speaker_ids = self._speaker_ids(conn, fresh, ids)
            role_ids = self._role_ids(conn, fresh, ids)
            self._insert_aliases(conn, fresh, speaker_ids, ids)
            self._insert_quotes(conn, fresh, source_ids, speaker_ids, role_ids)
        results: list[Written] = []
        counted: set[str] = set()
        for parsed in batch:
            new = parsed.sha256 in source_ids and parsed.sha256 not in counted
            counted.add(parsed.sha256)
            results.append(Stored(new=new, quotes_added=len(parsed.quotes) if new else 0))
        return results

    def _present(self, conn: Connection, hashes: Sequence[str]) -> set[str]:
        return {sha for (sha,) in _rows_for_keys(conn, _PRESENT, list(dict.fromkeys(hashes)))}

    def _speaker_ids(
        self, conn: Connection, batch: Sequence[Parsed], ids: IdCache
    ) -> dict[str, int]:
        wanted: dict[str, tuple[str, str, str]] = {}
        for parsed in batch:
            for quote in parsed.quotes:
                key = quote.speaker_key
                if key and key not in wanted:
                    wanted[key] = (quote.speaker or key, quote.speaker_kind, key)
        return self._shared_ids(
            conn,
            self._speakers,
            ("name", "kind", "name_key"),
            wanted,
            self._ids.speakers,
            ids.speakers,
        )

    def _role_ids(self, conn: Connection, batch: Sequence[Parsed], ids: IdCache) -> dict[str, int]:
        wanted: dict[str, tuple[str, str]] = {}
        for parsed in batch:
            for quote in parsed.quotes:
                key = quote.role_key
                if key and key not in wanted:
                    wanted[key] = (quote.role or key, key)
        return self._shared_ids(
            conn, self._roles, ("title", "title_key"), wanted, self._ids.roles, ids.roles
        )

    def _shared_ids(
        self,
        conn: Connection,
        table: Table,
        columns: Sequence[str],
        wanted: Mapping[str, tuple[str, ...]],
        committed: dict[str, int],
        new_ids: dict[str, int],
    ) -> dict[str, int]:
        """Ids of the rows keyed `wanted` (each a row in `columns` order, its key last):
        from the cache, else inserted (first form seen wins; a row another process inserted
        first is kept) and read back in one query."""
        found = {key: committed[key] for key in wanted if key in committed}
        missing = self._lock_order([key for key in wanted if key not in found], str)
        if not missing:
            return found
        _insert_many(
            conn, table, columns, [wanted[key] for key in missing], ignoring_conflicts=True
        )
        query = f"SELECT id, {columns[-1]} FROM {table.name} WHERE {columns[-1]} IN ({{keys}})"
        for row_id, key in _rows_for_keys(conn, query, missing):
            found[key] = row_id
            new_ids[key] = row_id
        return found

    def _insert_aliases(
        self, conn: Connection, batch: Sequence[Parsed], speaker_ids: dict[str, int], ids: IdCache
    ) -> None:
        rows: list[tuple[Any, ...]] = []
        for parsed in batch:
            for quote in parsed.quotes:
                if not quote.aliases:
                    continue
                speaker_id = speaker_ids[quote.speaker_key]
                for alias, alias_key in quote.aliases:
                    pair = (speaker_id, alias_key)
                    if pair in self._ids.aliases or pair in ids.aliases:
                        continue
                    ids.aliases.add(pair)
                    rows.append((speaker_id, alias, alias_key))
        rows = self._lock_order(rows, lambda row: (row[0], row[2]))
        _insert_many(
            conn, self._aliases, ("speaker_id", "alias", "alias_key"), rows, ignoring_conflicts=True
        )

    def _insert_sources(self, conn: Connection, batch: Sequence[Parsed]) -> dict[str, int]:
        """Insert a source row for each of `batch` (distinct texts); the ids by sha256 of those
        inserted, which on PostgreSQL leaves out any another process stored meanwhile."""
        from sqlalchemy import func, select, text

        now = datetime.now(UTC)
        rows = [
            (
                parsed.article.text,
                parsed.sha256,
                parsed.article.uri,
                parsed.article.doc,
                parsed.title,
                parsed.published,
                parsed.outlet,
                parsed.dateline,
                parsed.agency,
                now,
                parsed.parser_version,
            )
            for parsed in batch
        ]
        if not rows:
            return {}
        table = self._sources
        if self._dialect == "sqlite":
            # The transaction holds the write lock, so the next ids are ours to give.
            first = conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one() + 1
            ids = range(first, first + len(rows))
            _insert_many(
                conn,
                table,
                ("id", *_SOURCE_COLUMNS),
                [(row_id, *row) for row_id, row in zip(ids, rows, strict=True)],
            )
            return {parsed.sha256: row_id for parsed, row_id in zip(batch, ids, strict=True)}
        # One array per column: a thousand rows of VALUES have eleven thousand parameters,
        # which psycopg parses afresh for every batch. The statement inserts them in sha256
        # order, as `_lock_order` would.
        columns = zip(_SOURCE_COLUMNS, zip(*rows, strict=True), strict=True)
        arrays = {name: list(values) for name, values in columns}
        return {sha: row_id for row_id, sha in conn.execute(text(_SOURCES_FROM_ARRAYS), arrays)}

    def _insert_quotes(
        self,
        conn: Connection,
        batch: Sequence[Parsed],
        source_ids: dict[str, int],
        speaker_ids: dict[str, int],
        role_ids: dict[str, int],
    ) -> None:
        from sqlalchemy import func, select, text

        from quotedb.search import search_table

        rows: list[tuple[Any, ...]] = []
        norms: list[str] = []
        for parsed in batch:
            source_id = source_ids[parsed.sha256]
            for q in parsed.quotes:
                rows.append(
                    (
                        source_id,
                        speaker_ids[q.speaker_key] if q.speaker_key else None,
                        role_ids[q.role_key] if q.role_key else None,
                        *q[:_QUOTE_FIELDS],
                    )
                )
                norms.append(q.norm)
        if not rows:
            return
        table = self._quotes
        if self._dialect == "sqlite":
            first = conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one() + 1
            quote_ids: Sequence[int] = range(first, first + len(rows))
        else:
            # All the ids from the sequence in one round trip, so the rows can go by COPY.
            quote_ids = (
                conn.execute(
                    text(
                        "SELECT nextval(pg_get_serial_sequence('quotes', 'id')) "
                        "FROM generate_series(1, :n)"
                    ),
                    {"n": len(rows)},
                )
                .scalars()
                .all()
            )
        numbered = [(row_id, *row) for row_id, row in zip(quote_ids, rows, strict=True)]
        _insert_many(conn, table, ("id", *_QUOTE_COLUMNS), numbered)
        search, quote_id = search_table(self._dialect)
        _insert_many(conn, search, (quote_id, "norm"), list(zip(quote_ids, norms, strict=True)))

    def _lock_order(self, rows: list[_Row], key: Callable[[_Row], Any]) -> list[_Row]:
        """`rows` sorted by `key` on PostgreSQL, as given on SQLite.

        Each table's rows are inserted in key order (sources, speakers, roles, aliases: the
        order `_write` takes them), so concurrent PostgreSQL writers waiting for each other's
        uncommitted keys always wait in the same order and never deadlock. On SQLite the write
        lock serialises writers, and ids follow the order rows first appear.
        """
        return rows if self._dialect == "sqlite" else sorted(rows, key=key)


_SOURCE_COLUMNS = (
    "body",
    "sha256",
    "uri",
    "doc",
    "title",
    "published",
    "outlet",
    "dateline",
    "agency",
    "ingested_at",
    "parser_version",
)
_SOURCES_FROM_ARRAYS = (
    f"INSERT INTO sources ({', '.join(_SOURCE_COLUMNS)}) "
    f"SELECT * FROM unnest("
    + ", ".join(
        f"CAST(:{name} AS {'timestamptz' if name == 'ingested_at' else 'text'}[])"
        for name in _SOURCE_COLUMNS
    )
    + f") AS incoming ({', '.join(_SOURCE_COLUMNS)}) ORDER BY sha256 "
    "ON CONFLICT DO NOTHING RETURNING id, sha256"
)
"""PostgreSQL: a batch of sources from one array per column; those another process stored
first are skipped, and the ids of the others returned."""
_QUOTE_FIELDS = 13
"""The first fields of `QuoteData`, which are columns of `quotes` under the same names."""
_QUOTE_COLUMNS = ("source_id", "speaker_id", "role_id", *QuoteData._fields[:_QUOTE_FIELDS])


def _insert_many(
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

    The statement is compiled once per call and the tuples go to the driver as they are, so
    SQLAlchemy builds no parameter dictionary per row (half the writer's time otherwise).
    Values of columns whose type converts them for the driver (dates) are converted here.
    """
    from sqlalchemy import insert

    from quotedb.store import insert_ignoring_conflicts

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
        if (processor := table.c[name].type.bind_processor(dialect)) is not None
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


def _locked(exc: BaseException) -> bool:
    """Whether `exc` (or what it wraps) is SQLite's "database is locked"."""
    reason = getattr(exc, "orig", None) or exc
    return isinstance(reason, sqlite3.OperationalError) and "locked" in str(reason)


def _failure(parsed: Parsed, exc: BaseException) -> InputFailure:
    from quotedb.ingest import article_failure

    return article_failure(parsed.article, exc)


def _rows_for_keys(conn: Connection, query: str, keys: list[str]) -> Iterator[Sequence[Any]]:
    """The rows of `query`, whose `IN ({keys})` is filled with `keys`, 500 to a statement.

    The statement goes to the driver as written: SQLAlchemy would compile its IN list of
    hundreds of parameters afresh for every statement.
    """
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    for sql, part in _in_lists(query, keys, mark):
        yield from conn.exec_driver_sql(sql, part)


def _in_lists(query: str, keys: list[str], mark: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """`query` with its `IN ({keys})` written for `_IN_LIST` of `keys` at a time (`mark` is
    the driver's parameter marker), and those keys."""
    for start in range(0, len(keys), _IN_LIST):
        part = tuple(keys[start : start + _IN_LIST])
        yield query.format(keys=", ".join([mark] * len(part))), part
