"""Writing parsed articles: one transaction per article, with Core inserts.

Speakers and roles are shared across articles (one row per normalised name or title), so each
write looks them up or creates them. `Store` keeps their ids in memory to skip most look-ups
during a long ingest; ids from a transaction only enter the cache once it has committed, so a
rolled-back article never leaves ids of rows that do not exist. `quotedb reparse` (through
`Store.replace_quotes`) deletes speakers and roles left without quotes, possibly in another
process; a write that then fails on a cached id forgets the cache and runs once more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, TableClause, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute

from quotedb import search
from quotedb.errors import DatabaseError
from quotedb.loaders import ArticleInput
from quotedb.models import Base, Quote, Role, Source, Speaker, SpeakerAlias
from quotedb.records import Extraction
from quotedb.records import Quote as ParsedQuote
from quotedb.textkeys import IdCache, normalise_key, sha256_text


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What `Store.add_article` did: `new` is False when the text was already stored."""

    source_id: int | None
    new: bool
    quotes_added: int


class Store:
    """Writes articles to the database behind `engine` (from `quotedb.db.open_database`)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._ids = IdCache()

    def has_source(self, sha256: str) -> bool:
        with self._engine.connect() as conn:
            found = conn.execute(select(Source.id).where(Source.sha256 == sha256)).first()
        return found is not None

    def add_article(
        self, article: ArticleInput, extraction: Extraction, parser_version: str
    ) -> StoredArticle:
        """Store the article, its quotes and their speakers and roles, all or nothing.

        An article whose text is already stored is left alone (`new=False`, its existing id);
        that also holds when another process stores the same text at the same moment.
        """
        return self._retrying(lambda: self._add_article(article, extraction, parser_version))

    def replace_quotes(
        self, source_id: int, extraction: Extraction, parser_version: str
    ) -> ReplacedQuotes | None:
        """Replace the quotes of source `source_id` with `extraction`'s, all or nothing.

        The source row keeps everything but `parser_version`. Quotes come back with new ids
        only when something about them changed; speakers and roles that no quote refers to
        any more are deleted (with their aliases). None when there is no such source.
        """
        return self._retrying(lambda: self._replace_quotes(source_id, extraction, parser_version))

    def _retrying(self, write: Callable[[], _T]) -> _T:
        """`write()`, run once more with an empty id cache if it broke a constraint.

        A cached speaker or role id may name a row another process has deleted since.
        """
        try:
            return write()
        except IntegrityError:
            self._ids = IdCache()
            return write()

    def _add_article(
        self, article: ArticleInput, extraction: Extraction, parser_version: str
    ) -> StoredArticle:
        with self._engine.begin() as conn:
            source_id = _insert_source(conn, article, extraction, parser_version)
            if source_id is None:
                existing = conn.execute(
                    select(Source.id).where(Source.sha256 == sha256_text(article.text))
                ).scalar_one()
                return StoredArticle(source_id=existing, new=False, quotes_added=0)
            writer = _ArticleWriter(conn, self._ids)
            rows = [writer.quote_row(source_id, quote) for quote in extraction.quotes]
            _insert_quotes(conn, rows)
        self._ids.update(writer.ids)
        return StoredArticle(source_id=source_id, new=True, quotes_added=len(rows))

    def _replace_quotes(
        self, source_id: int, extraction: Extraction, parser_version: str
    ) -> ReplacedQuotes | None:
        with self._engine.begin() as conn:
            updated = conn.execute(
                update(Source).where(Source.id == source_id).values(parser_version=parser_version)
            )
            if updated.rowcount == 0:
                return None
            columns = [Quote.__table__.c[name] for name in _QUOTE_COLUMNS]
            old = [
                row._asdict()
                for row in conn.execute(
                    select(*columns).where(Quote.source_id == source_id).order_by(Quote.id)
                )
            ]
            writer = _ArticleWriter(conn, self._ids)
            rows = [writer.quote_row(source_id, quote) for quote in extraction.quotes]
            speakers_gone: set[int] = set()
            roles_gone: set[int] = set()
            if rows != old:
                conn.execute(delete(Quote).where(Quote.source_id == source_id))
                _insert_quotes(conn, rows)
                speakers_gone, roles_gone = _delete_unquoted(conn, old)
        self._ids.update(writer.ids)
        self._ids.forget(speakers_gone, roles_gone)
        return ReplacedQuotes(
            changed=rows != old,
            quotes_before=len(old),
            quotes_after=len(rows),
            speakers_removed=len(speakers_gone),
            roles_removed=len(roles_gone),
        )


_T = TypeVar("_T")
# Every column of a quote row but its id, as `_ArticleWriter.quote_row` fills them.
_QUOTE_COLUMNS = tuple(column.key for column in Quote.__table__.c if column.key != "id")


@dataclass(frozen=True, slots=True)
class ReplacedQuotes:
    """What `Store.replace_quotes` did to one source."""

    changed: bool
    quotes_before: int
    quotes_after: int
    speakers_removed: int
    roles_removed: int


def _insert_quotes(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert quote rows and index their text for search."""
    if rows:
        insert_quotes = insert(Quote).returning(Quote.id, sort_by_parameter_order=True)
        ids = conn.execute(insert_quotes, rows).scalars().all()
        search.index_quotes(conn, zip(ids, (row["text"] for row in rows), strict=True))


def _delete_unquoted(conn: Connection, old_rows: list[dict[str, Any]]) -> tuple[set[int], set[int]]:
    """Delete the speakers and roles of `old_rows` that no quote refers to any more.

    Only these can have lost their last quote. Returns the ids of the deleted speakers and
    roles. Aliases are deleted explicitly rather than by the cascade, which SQLite applies
    only with `PRAGMA foreign_keys` on.
    """
    speaker_ids = {row["speaker_id"] for row in old_rows} - {None}
    speakers_gone = speaker_ids - set(
        conn.execute(select(Quote.speaker_id).where(Quote.speaker_id.in_(speaker_ids))).scalars()
    )
    if speakers_gone:
        conn.execute(delete(SpeakerAlias).where(SpeakerAlias.speaker_id.in_(speakers_gone)))
        conn.execute(delete(Speaker).where(Speaker.id.in_(speakers_gone)))
    role_ids = {row["role_id"] for row in old_rows} - {None}
    roles_gone = role_ids - set(
        conn.execute(select(Quote.role_id).where(Quote.role_id.in_(role_ids))).scalars()
    )
    if roles_gone:
        conn.execute(delete(Role).where(Role.id.in_(roles_gone)))
    return speakers_gone, roles_gone


class _ArticleWriter:
    """Builds one article's quote rows, creating speakers, aliases and roles on the way.

    Ids it creates go to `ids`, which the store merges into its cache only after commit.
    """

    def __init__(self, conn: Connection, committed: IdCache) -> None:
        self._conn = conn
        self._committed = committed
        self.ids = IdCache()

    def quote_row(self, source_id: int, quote: ParsedQuote) -> dict[str, Any]:
        return {
            "source_id": source_id,
            "speaker_id": self._speaker_id(quote),
            "role_id": self._role_id(quote.role),
            "text": quote.text,
            "kind": quote.kind,
            "cue": quote.cue,
            "start": quote.start,
            "end": quote.end,
            "mention": quote.mention,
            "paragraph": quote.paragraph,
            "cue_start": quote.cue_span.start if quote.cue_span else None,
            "cue_end": quote.cue_span.end if quote.cue_span else None,
            "mention_start": quote.mention_span.start if quote.mention_span else None,
            "mention_end": quote.mention_span.end if quote.mention_span else None,
            "role_start": quote.role_span.start if quote.role_span else None,
            "role_end": quote.role_span.end if quote.role_span else None,
        }

    def _speaker_id(self, quote: ParsedQuote) -> int | None:
        name_key = normalise_key(quote.speaker or "")
        if not quote.speaker or not name_key:
            return None
        speaker_id = self._committed.speakers.get(name_key) or self.ids.speakers.get(name_key)
        if speaker_id is None:
            values = {"name": quote.speaker, "kind": quote.speaker_type}
            speaker_id = self._get_or_create(Speaker, Speaker.name_key, name_key, values)
            self.ids.speakers[name_key] = speaker_id
        self._add_aliases(speaker_id, name_key, quote.speaker_aliases)
        return speaker_id

    def _role_id(self, title: str | None) -> int | None:
        title_key = normalise_key(title or "")
        if not title or not title_key:
            return None
        role_id = self._committed.roles.get(title_key) or self.ids.roles.get(title_key)
        if role_id is None:
            role_id = self._get_or_create(Role, Role.title_key, title_key, {"title": title})
            self.ids.roles[title_key] = role_id
        return role_id

    def _add_aliases(self, speaker_id: int, name_key: str, aliases: Iterable[str]) -> None:
        rows = []
        for alias in aliases:
            pair = (speaker_id, normalise_key(alias))
            if not pair[1] or pair[1] == name_key:
                continue
            if pair not in self._committed.aliases and pair not in self.ids.aliases:
                self.ids.aliases.add(pair)
                rows.append({"speaker_id": speaker_id, "alias": alias, "alias_key": pair[1]})
        if rows:
            self._conn.execute(
                insert_ignoring_conflicts(self._conn.dialect.name, SpeakerAlias), rows
            )

    def _get_or_create(
        self,
        model: type[Speaker | Role],
        key_column: InstrumentedAttribute[str],
        key: str,
        values: dict[str, str],
    ) -> int:
        """The id of the row whose `key_column` is `key`, inserted with `values` if new.

        INSERT ... ON CONFLICT DO NOTHING, then SELECT if nothing was inserted: when another
        process has just inserted the same key, this finds its row instead of failing.
        """
        statement = (
            insert_ignoring_conflicts(self._conn.dialect.name, model)
            .values({key_column.key: key, **values})
            .returning(model.id)
        )
        row_id = self._conn.execute(statement).scalar_one_or_none()
        if row_id is None:
            row_id = self._conn.execute(select(model.id).where(key_column == key)).scalar_one()
        return row_id


def _insert_source(
    conn: Connection, article: ArticleInput, extraction: Extraction, parser_version: str
) -> int | None:
    """Insert the source row; None if a source with the same text exists already."""
    meta = extraction.meta
    values = {
        "body": article.text,
        "sha256": sha256_text(article.text),
        "uri": article.uri,
        "doc": article.doc,
        # What the input says about the article wins over what the parser read in its text.
        "title": article.title or meta.title,
        "published": article.published or meta.published,
        "outlet": article.outlet or meta.outlet,
        "dateline": meta.dateline,
        "agency": article.agency or meta.agency,
        "ingested_at": datetime.now(UTC),
        "parser_version": parser_version,
    }
    statement = (
        insert_ignoring_conflicts(conn.dialect.name, Source).values(values).returning(Source.id)
    )
    source_id: int | None = conn.execute(statement).scalar_one_or_none()
    return source_id


def insert_ignoring_conflicts(
    dialect: str, table: type[Base] | TableClause
) -> sqlite.Insert | postgresql.Insert:
    """`INSERT ... ON CONFLICT DO NOTHING` into `table` (a model or a table), in `dialect`."""
    match dialect:
        case "sqlite":
            return sqlite.insert(table).on_conflict_do_nothing()
        case "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing()
        case other:
            raise DatabaseError(f"quotedb writes to SQLite or PostgreSQL, not {other}")
