"""The rows quotes share and the quotes themselves, as both writes of `BulkWriter` insert them.

Speakers, roles and aliases are shared across articles (one row per key); `QuoteRows` finds
their ids in its cache or inserts the missing ones together and reads them back with one
query, then numbers and inserts the quote rows and their search rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from quotedb.store.inserts import insert_many, rows_for_keys
from quotedb.store.keys import IdCache
from quotedb.store.rows import QUOTE_COLUMN_FIELDS, ArticleData, QuoteData

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, Table

QUOTE_COLUMNS = ("source_id", "speaker_id", "role_id", *QuoteData._fields[:QUOTE_COLUMN_FIELDS])
"""The columns of a quote row but its id, in the order `QuoteRows` builds them."""

_Row = TypeVar("_Row")


class QuoteRows:
    """Inserts speakers, roles, aliases and quotes for the database behind `engine`."""

    def __init__(self, engine: Engine) -> None:
        from quotedb.store.schema import Quote, Role, Source, Speaker, SpeakerAlias

        self._engine = engine
        self._dialect = engine.dialect.name
        self._ids = IdCache()
        self._sources: Table = Source.__table__  # type: ignore[assignment]
        self._quotes: Table = Quote.__table__  # type: ignore[assignment]
        self._speakers: Table = Speaker.__table__  # type: ignore[assignment]
        self._roles: Table = Role.__table__  # type: ignore[assignment]
        self._aliases: Table = SpeakerAlias.__table__  # type: ignore[assignment]

    def _speaker_ids(
        self, conn: Connection, batch: Sequence[ArticleData], ids: IdCache
    ) -> dict[str, int]:
        wanted: dict[str, tuple[str, str, str]] = {}
        for article in batch:
            for quote in article.quotes:
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

    def _role_ids(
        self, conn: Connection, batch: Sequence[ArticleData], ids: IdCache
    ) -> dict[str, int]:
        wanted: dict[str, tuple[str, str]] = {}
        for article in batch:
            for quote in article.quotes:
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
        insert_many(conn, table, columns, [wanted[key] for key in missing], ignoring_conflicts=True)
        query = f"SELECT id, {columns[-1]} FROM {table.name} WHERE {columns[-1]} IN ({{keys}})"
        for row_id, key in rows_for_keys(conn, query, missing):
            found[key] = row_id
            new_ids[key] = row_id
        return found

    def _insert_aliases(
        self,
        conn: Connection,
        batch: Sequence[ArticleData],
        speaker_ids: dict[str, int],
        ids: IdCache,
    ) -> None:
        rows: list[tuple[Any, ...]] = []
        for article in batch:
            for quote in article.quotes:
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
        insert_many(
            conn, self._aliases, ("speaker_id", "alias", "alias_key"), rows, ignoring_conflicts=True
        )

    def _insert_quotes(
        self,
        conn: Connection,
        batch: Sequence[ArticleData],
        source_ids: dict[str, int],
        speaker_ids: dict[str, int],
        role_ids: dict[str, int],
    ) -> None:
        rows, norms = self._quote_rows(batch, source_ids, speaker_ids, role_ids)
        self._insert_quote_rows(conn, rows, norms)

    @staticmethod
    def _quote_rows(
        batch: Sequence[ArticleData],
        source_ids: dict[str, int],
        speaker_ids: dict[str, int],
        role_ids: dict[str, int],
    ) -> tuple[list[tuple[Any, ...]], list[str]]:
        """The quote rows of `batch` in `QUOTE_COLUMNS` order, and their search texts."""
        rows: list[tuple[Any, ...]] = []
        norms: list[str] = []
        for article in batch:
            source_id = source_ids[article.sha256]
            for q in article.quotes:
                rows.append(
                    (
                        source_id,
                        speaker_ids[q.speaker_key] if q.speaker_key else None,
                        role_ids[q.role_key] if q.role_key else None,
                        *q[:QUOTE_COLUMN_FIELDS],
                    )
                )
                norms.append(q.norm)
        return rows, norms

    def _insert_quote_rows(
        self, conn: Connection, rows: list[tuple[Any, ...]], norms: list[str]
    ) -> None:
        """Insert quote `rows`, numbered here, and their search texts `norms`."""
        from sqlalchemy import func, select, text

        from quotedb.store.search import search_table

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
        insert_many(conn, table, ("id", *QUOTE_COLUMNS), numbered)
        search, quote_id = search_table(self._dialect)
        insert_many(conn, search, (quote_id, "norm"), list(zip(quote_ids, norms, strict=True)))

    def _lock_order(self, rows: list[_Row], key: Callable[[_Row], Any]) -> list[_Row]:
        """`rows` sorted by `key` on PostgreSQL, as given on SQLite.

        Each table's rows are inserted in key order (sources, speakers, roles, aliases: the
        order `_write` takes them), so concurrent PostgreSQL writers waiting for each other's
        uncommitted keys always wait in the same order and never deadlock. On SQLite the write
        lock serialises writers, and ids follow the order rows first appear.
        """
        return rows if self._dialect == "sqlite" else sorted(rows, key=key)
