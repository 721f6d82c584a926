"""The writer: batches of articles stored in large transactions, and one article's quotes
replaced (`quotedb reparse`), by the same code.

`BulkWriter.write` stores a batch of articles (`quotedb.store.rows.ArticleData`) in one
transaction with Core `executemany` inserts: one `IN` query finds the texts already stored,
speakers and roles come from in-memory caches (new ones are inserted together, then read back
with one query), and on SQLite the writer numbers the new sources and quotes itself (it holds
the write lock, `BEGIN IMMEDIATE`), which saves a `RETURNING` round trip per row. If the
database refuses a row of the batch (a constraint, a value it cannot store), nothing of it is
kept and every article is written again in a transaction of its own, with the caches emptied,
so a bad article never takes good ones with it. Any other failure (a lost connection, a file
locked past the busy timeout, a bug) is no article's fault: it raises `DatabaseError`, and the
caller stops with what it committed before.

`BulkWriter.replace` rewrites the quotes of one stored source through the same speaker, role,
alias and quote inserts, and deletes the speakers and roles left without quotes
(`quotedb.store.cleanup`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from quotedb.errors import DatabaseError, one_line
from quotedb.store.cleanup import delete_unquoted
from quotedb.store.database import describe, write_transaction
from quotedb.store.inserts import insert_many, next_ids, rows_for_keys
from quotedb.store.keys import IdCache
from quotedb.store.quote_rows import (
    ALIAS_COLUMNS,
    QUOTE_COLUMNS,
    ROLE_COLUMNS,
    SPEAKER_COLUMNS,
    QuoteRows,
    role_rows,
    speaker_rows,
)
from quotedb.store.rows import ArticleData

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, Table

CACHE_LIMIT = 200_000
"""Speaker and role keys kept in memory; past that the cache starts again empty."""
WRITER_CACHE_KIB = 16 * 1024
"""SQLite page cache of the writer's connection."""
PRESENT_QUERY = "SELECT sha256 FROM sources WHERE sha256 IN ({keys})"


@dataclass(frozen=True, slots=True)
class Stored:
    """What happened to one article of a batch: stored (`new`), or already present."""

    new: bool
    quotes_added: int = 0


@dataclass(frozen=True, slots=True)
class Refused:
    """An article the database refused: nothing of it was stored. `reason` is one line."""

    reason: str


Written = Stored | Refused
_Result = TypeVar("_Result")


@dataclass(frozen=True, slots=True)
class Replaced:
    """What `BulkWriter.replace` did to one source."""

    changed: bool
    quotes_before: int
    quotes_after: int
    speakers_removed: int
    roles_removed: int


class BulkWriter(QuoteRows):
    """Writes articles to the database behind `engine`.

    `engine` comes from `quotedb.store.database.open_database`: on SQLite its write
    transactions begin `BEGIN IMMEDIATE`, which this writer relies on to number rows itself
    (`DatabaseError` for an engine that would not).
    """

    def present(self, hashes: Sequence[str]) -> set[str]:
        """Which of `hashes` are stored already (one query per 500 hashes). A read: on SQLite
        it neither waits for nor holds up a writer."""
        if not hashes:
            return set()
        try:
            with self._engine.connect() as conn:
                return self._present(conn, hashes)
        except Exception as exc:
            raise stopped(self._engine, exc, "read") from exc

    def write(self, batch: Sequence[ArticleData]) -> list[Written]:
        """Store `batch`, each article with all its quotes or not at all; one result per
        article, in order. An article whose rows the database refuses is `Refused`; any other
        failure raises `DatabaseError`, with the batch rolled back and nothing retried."""
        if not batch:
            return []
        together = self._refusing(lambda: self._transaction(batch))
        if not isinstance(together, Refused):
            return together
        # Which article was refused is unknown: each is written again on its own. A cached
        # id may also name a row deleted since (`reparse` removes speakers and roles left
        # without quotes), so ids are looked up afresh.
        self._ids = IdCache()
        return [self._refusing(partial(self._write_one, article)) for article in batch]

    def replace(self, source_id: int, article: ArticleData) -> Replaced | Refused | None:
        """Replace the quotes of source `source_id` with `article`'s, all or nothing.

        The source row keeps everything but `parser_version`. Quotes get new ids only when
        something about them changed; speakers and roles no quote refers to any more are
        deleted (with their aliases). None when there is no such source; `Refused` when the
        database refuses the new rows; any other failure raises `DatabaseError`.
        """
        replaced = self._refusing(lambda: self._replace(source_id, article))
        if not isinstance(replaced, Refused):
            return replaced
        # A cached speaker or role id may name a row another process has deleted since.
        self._ids = IdCache()
        return self._refusing(lambda: self._replace(source_id, article))

    def _refusing(self, attempt: Callable[[], _Result]) -> _Result | Refused:
        """`attempt()`, or `Refused` if the database refused the rows it wrote (a constraint
        they violate, a value it cannot store). Anything else is no article's fault and
        would fail every article after it the same way: a `DatabaseError` that stops the run."""
        try:
            return attempt()
        except Exception as exc:
            reason = getattr(exc, "orig", None) or exc  # a DBAPIError wraps the driver's error
            dbapi = self._engine.dialect.dbapi
            refused: tuple[type[BaseException], ...] = (UnicodeEncodeError,)
            if dbapi is not None:
                refused += (dbapi.IntegrityError, dbapi.DataError)
            if isinstance(reason, refused):
                return Refused(one_line(reason))
            raise stopped(self._engine, exc) from exc

    def _replace(self, source_id: int, article: ArticleData) -> Replaced | None:
        from sqlalchemy import delete, select, update

        quotes, aliases = self._quotes, self._aliases
        ids = IdCache()
        gone: tuple[set[int], set[int]] = (set(), set())
        source_ids = {article.sha256: source_id}
        with write_transaction(self._engine) as conn:
            updated = conn.execute(
                update(self._sources)
                .where(self._sources.c.id == source_id)
                .values(parser_version=article.parser_version)
            )
            if updated.rowcount == 0:
                return None
            columns = [quotes.c[name] for name in QUOTE_COLUMNS]
            old = [
                tuple(row)
                for row in conn.execute(
                    select(*columns).where(quotes.c.source_id == source_id).order_by(quotes.c.id)
                )
            ]
            alias_columns = [aliases.c[name] for name in ALIAS_COLUMNS]
            old_aliases = {
                tuple(row)
                for row in conn.execute(
                    select(*alias_columns).where(aliases.c.source_id == source_id)
                )
            }
            speaker_ids = self._speaker_ids(conn, [article], ids)
            role_ids = self._role_ids(conn, [article], ids)
            rewritten = self._rewrite_shared(conn, article, speaker_ids, role_ids)
            new_aliases = self._alias_rows([article], source_ids, speaker_ids)
            aliases_changed = set(new_aliases) != old_aliases
            if aliases_changed:
                conn.execute(delete(aliases).where(aliases.c.source_id == source_id))
                insert_many(conn, aliases, ALIAS_COLUMNS, new_aliases)
            rows, norms = self._quote_rows([article], source_ids, speaker_ids, role_ids)
            quotes_changed = rows != old
            if quotes_changed:
                conn.execute(delete(quotes).where(quotes.c.source_id == source_id))
                self._insert_quote_rows(conn, rows, norms)
                gone = delete_unquoted(
                    conn,
                    {row[_SPEAKER_ID] for row in old} - {None},
                    {row[_ROLE_ID] for row in old} - {None},
                )
        self._ids.update(ids, limit=CACHE_LIMIT)
        self._ids.forget(*gone)
        return Replaced(
            changed=quotes_changed or aliases_changed or rewritten,
            quotes_before=len(old),
            quotes_after=len(rows),
            speakers_removed=len(gone[0]),
            roles_removed=len(gone[1]),
        )

    def _rewrite_shared(
        self,
        conn: Connection,
        article: ArticleData,
        speaker_ids: dict[str, int],
        role_ids: dict[str, int],
    ) -> bool:
        """Give the speakers and roles `article` quotes the name and kind, the title, that
        it now reads; whether any was different. (Keys stay: a different key is another
        speaker or role.) Rows are updated in key order, as `_lock_order` inserts them."""
        from sqlalchemy import select, update

        rewritten = False
        shared: tuple[
            tuple[Table, Sequence[str], Mapping[str, tuple[str, ...]], dict[str, int]], ...
        ] = (
            (self._speakers, SPEAKER_COLUMNS, speaker_rows([article]), speaker_ids),
            (self._roles, ROLE_COLUMNS, role_rows([article]), role_ids),
        )
        for table, columns, wanted, row_ids in shared:
            if not wanted:
                continue
            names = columns[:-1]  # the key, last, stays
            stored = {
                row_id: tuple(values)
                for row_id, *values in conn.execute(
                    select(table.c.id, *(table.c[name] for name in names)).where(
                        table.c.id.in_(row_ids.values())
                    )
                )
            }
            for key in sorted(wanted):
                now = wanted[key][:-1]
                if stored[row_ids[key]] != now:
                    conn.execute(
                        update(table)
                        .where(table.c.id == row_ids[key])
                        .values(dict(zip(names, now, strict=True)))
                    )
                    rewritten = True
        return rewritten

    def _write_one(self, article: ArticleData) -> Written:
        return self._transaction([article])[0]

    def _transaction(self, batch: Sequence[ArticleData]) -> list[Written]:
        ids = IdCache()
        with write_transaction(self._engine) as conn:
            if self._dialect == "sqlite":
                # A bigger page cache for the indexes a batch touches (default 2 MB).
                conn.exec_driver_sql(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
            results = self._write(conn, batch, ids)
        # Only now: ids of a transaction that rolled back name rows that do not exist.
        self._ids.update(ids, limit=CACHE_LIMIT)
        return results

    # --- one transaction ------------------------------------------------------------------

    def _write(self, conn: Connection, batch: Sequence[ArticleData], ids: IdCache) -> list[Written]:
        present = self._present(conn, [article.sha256 for article in batch])
        candidates: dict[str, ArticleData] = {}
        for article in batch:
            if article.sha256 not in present:
                candidates.setdefault(article.sha256, article)  # the same text twice: once
        # On PostgreSQL a source another process stored meanwhile is skipped here: that
        # process stored the same text, so the article is present, not lost.
        source_ids = self._insert_sources(conn, list(candidates.values()))
        fresh = [article for sha, article in candidates.items() if sha in source_ids]
        if fresh:
            speaker_ids = self._speaker_ids(conn, fresh, ids)
            role_ids = self._role_ids(conn, fresh, ids)
            self._insert_aliases(conn, fresh, source_ids, speaker_ids)
            self._insert_quotes(conn, fresh, source_ids, speaker_ids, role_ids)
        results: list[Written] = []
        counted: set[str] = set()
        for article in batch:
            new = article.sha256 in source_ids and article.sha256 not in counted
            counted.add(article.sha256)
            results.append(Stored(new=new, quotes_added=len(article.quotes) if new else 0))
        return results

    def _present(self, conn: Connection, hashes: Sequence[str]) -> set[str]:
        return {sha for (sha,) in rows_for_keys(conn, PRESENT_QUERY, list(dict.fromkeys(hashes)))}

    def _insert_sources(self, conn: Connection, batch: Sequence[ArticleData]) -> dict[str, int]:
        """Insert a source row for each of `batch` (distinct texts); the ids by sha256 of those
        inserted, which on PostgreSQL leaves out any another process stored meanwhile."""
        from sqlalchemy import text

        now = datetime.now(UTC)
        rows = [
            (
                article.text,
                article.sha256,
                article.uri,
                article.doc,
                article.title,
                article.published,
                article.outlet,
                article.dateline,
                article.agency,
                now,
                article.parser_version,
            )
            for article in batch
        ]
        if not rows:
            return {}
        table = self._sources
        if self._dialect == "sqlite":
            ids = next_ids(conn, table, len(rows))
            insert_many(
                conn,
                table,
                ("id", *_SOURCE_COLUMNS),
                [(row_id, *row) for row_id, row in zip(ids, rows, strict=True)],
            )
            return {article.sha256: row_id for article, row_id in zip(batch, ids, strict=True)}
        # One array per column: a thousand rows of VALUES have eleven thousand parameters,
        # which psycopg parses afresh for every batch. The statement inserts them in sha256
        # order, as `_lock_order` would.
        columns = zip(_SOURCE_COLUMNS, zip(*rows, strict=True), strict=True)
        arrays = {name: list(values) for name, values in columns}
        return {sha: row_id for row_id, sha in conn.execute(text(_SOURCES_FROM_ARRAYS), arrays)}


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
_SPEAKER_ID = QUOTE_COLUMNS.index("speaker_id")
_ROLE_ID = QUOTE_COLUMNS.index("role_id")


def stopped(engine: Engine, exc: BaseException, doing: str = "write to") -> DatabaseError:
    """`exc`, which no article caused (a lost connection, a locked file, a bug), as the one
    error that stops a run: `cannot write to <database>: <what happened>`."""
    name = describe(engine.url.render_as_string(hide_password=False))
    reason = getattr(exc, "orig", None) or exc  # a DBAPIError wraps the driver's error
    return DatabaseError(f"cannot {doing} {name}: {one_line(reason)}")
