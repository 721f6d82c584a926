"""The rows quotes share and the quotes themselves, as both writes of `BulkWriter` insert them.

Speakers and roles are shared across articles (one row per key); `QuoteRows` finds their ids
in its cache or inserts the missing ones together and reads them back with one query. Aliases
are stored per source (each row names the source it was read in), then the quote rows,
numbered here, and their search rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from quotedb.store.inserts import insert_many, next_ids, rows_for_keys
from quotedb.store.keys import IdCache
from quotedb.store.rows import QUOTE_COLUMN_FIELDS, ArticleData, QuoteData

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, Table

QUOTE_COLUMNS = ("source_id", "speaker_id", "role_id", *QuoteData._fields[:QUOTE_COLUMN_FIELDS])
"""The columns of a quote row but its id, in the order `QuoteRows` builds them."""
SPEAKER_COLUMNS = ("name", "kind", "name_key")
ROLE_COLUMNS = ("title", "title_key")
ALIAS_COLUMNS = ("speaker_id", "alias", "alias_key", "source_id")


def speaker_rows(batch: Sequence[ArticleData]) -> dict[str, tuple[str, str, str]]:
    """The speakers `batch` quotes, by key: a row in `SPEAKER_COLUMNS` order, with the name
    and kind the first quote of each gives."""
    wanted: dict[str, tuple[str, str, str]] = {}
    for article in batch:
        for quote in article.quotes:
            key = quote.speaker_key
            if key and key not in wanted:
                wanted[key] = (quote.speaker or key, quote.speaker_kind, key)
    return wanted


def role_rows(batch: Sequence[ArticleData]) -> dict[str, tuple[str, str]]:
    """The roles `batch` quotes, by key: a row in `ROLE_COLUMNS` order, with the title the
    first quote of each gives."""
    wanted: dict[str, tuple[str, str]] = {}
    for article in batch:
        for quote in article.quotes:
            key = quote.role_key
            if key and key not in wanted:
                wanted[key] = (quote.role or key, key)
    return wanted


_Row = TypeVar("_Row")


class QuoteRows:
    """Inserts speakers, roles, aliases and quotes for the database behind `engine`."""

    def __init__(self, engine: Engine) -> None:
        from quotedb.store.database import check_writable
        from quotedb.store.schema import Identity, Quote, Role, Source, Speaker, SpeakerAlias

        check_writable(engine)
        self._engine = engine
        self._dialect = engine.dialect.name
        self._ids = IdCache()
        self._sources: Table = Source.__table__  # type: ignore[assignment]
        self._quotes: Table = Quote.__table__  # type: ignore[assignment]
        self._speakers: Table = Speaker.__table__  # type: ignore[assignment]
        self._roles: Table = Role.__table__  # type: ignore[assignment]
        self._aliases: Table = SpeakerAlias.__table__  # type: ignore[assignment]
        self._identities: Table = Identity.__table__  # type: ignore[assignment]

    def _speaker_ids(
        self, conn: Connection, batch: Sequence[ArticleData], ids: IdCache
    ) -> dict[str, int]:
        looked_up = len(ids.speakers)
        found = self._shared_ids(
            conn,
            self._speakers,
            SPEAKER_COLUMNS,
            speaker_rows(batch),
            self._ids.speakers,
            ids.speakers,
        )
        if len(ids.speakers) > looked_up:  # not all were known: some may be new
            self._give_identities(conn)
        return found

    def _role_ids(
        self, conn: Connection, batch: Sequence[ArticleData], ids: IdCache
    ) -> dict[str, int]:
        return self._shared_ids(
            conn, self._roles, ROLE_COLUMNS, role_rows(batch), self._ids.roles, ids.roles
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
        source_ids: dict[str, int],
        speaker_ids: dict[str, int],
    ) -> None:
        rows = self._alias_rows(batch, source_ids, speaker_ids)
        insert_many(conn, self._aliases, ALIAS_COLUMNS, rows)

    @staticmethod
    def _alias_rows(
        batch: Sequence[ArticleData], source_ids: dict[str, int], speaker_ids: dict[str, int]
    ) -> list[tuple[Any, ...]]:
        """The alias rows of `batch` in `ALIAS_COLUMNS` order: one per speaker, alias key and
        source (the form first seen in the source)."""
        rows: dict[tuple[int, str, int], tuple[Any, ...]] = {}
        for article in batch:
            source_id = source_ids[article.sha256]
            for quote in article.quotes:
                if not quote.aliases:
                    continue
                speaker_id = speaker_ids[quote.speaker_key]
                for alias, alias_key in quote.aliases:
                    key = (speaker_id, alias_key, source_id)
                    rows.setdefault(key, (speaker_id, alias, alias_key, source_id))
        return list(rows.values())

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
        from quotedb.store.search import search_table

        if not rows:
            return
        quote_ids = next_ids(conn, self._quotes, len(rows))
        numbered = [(row_id, *row) for row_id, row in zip(quote_ids, rows, strict=True)]
        insert_many(conn, self._quotes, ("id", *QUOTE_COLUMNS), numbered)
        search, quote_id = search_table(self._dialect)
        insert_many(conn, search, (quote_id, "norm"), list(zip(quote_ids, norms, strict=True)))

    def _give_identities(self, conn: Connection) -> None:
        """An identity of its own for each speaker without one: the speakers this
        transaction inserted (`quotedb.identity.identities` merges identities later)."""
        from sqlalchemy import bindparam, update

        speakers = self._speakers
        new = list(
            conn.execute(
                speakers.select()
                .with_only_columns(
                    speakers.c.id, speakers.c.name, speakers.c.name_key, speakers.c.kind
                )
                .where(speakers.c.identity_id.is_(None))
                .order_by(speakers.c.id)
            )
        )
        if not new:
            return
        identity_ids = next_ids(conn, self._identities, len(new))
        insert_many(
            conn,
            self._identities,
            ("id", "name", "name_key", "kind"),
            [(identity_id, *row[1:]) for identity_id, row in zip(identity_ids, new, strict=True)],
        )
        conn.execute(
            update(speakers)
            .where(speakers.c.id == bindparam("speaker"))
            .values(identity_id=bindparam("identity")),
            [
                {"speaker": row[0], "identity": identity_id}
                for identity_id, row in zip(identity_ids, new, strict=True)
            ],
        )

    def _lock_order(self, rows: list[_Row], key: Callable[[_Row], Any]) -> list[_Row]:
        """`rows` sorted by `key` on PostgreSQL, as given on SQLite.

        Each shared table's rows are inserted in key order (sources, speakers, roles: the
        order `_write` takes them), so concurrent PostgreSQL writers waiting for each other's
        uncommitted keys always wait in the same order and never deadlock (alias rows name
        the writer's own source, so no other writer has the same key). On SQLite the write
        lock serialises writers, and ids follow the order rows first appear.
        """
        return rows if self._dialect == "sqlite" else sorted(rows, key=key)
