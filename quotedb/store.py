"""Writing parsed articles: one transaction per article, with Core inserts.

Speakers and roles are shared across articles (one row per normalised name or title), so each
write looks them up or creates them. `Store` keeps their ids in memory to skip most look-ups
during a long ingest; ids from a transaction only enter the cache once it has committed, so a
rolled-back article never leaves ids of rows that do not exist.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import InstrumentedAttribute

from quotedb import search
from quotedb.errors import DatabaseError
from quotedb.loaders import ArticleInput
from quotedb.models import Base, Quote, Role, Source, Speaker, SpeakerAlias
from quotedb.records import Extraction
from quotedb.records import Quote as ParsedQuote
from quotedb.textkeys import normalise_key


def sha256_text(text: str) -> str:
    """The identity of an article: the sha256 of its text as UTF-8 (`sources.sha256`)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
        self._ids = _Ids()

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
        with self._engine.begin() as conn:
            source_id = _insert_source(conn, article, extraction, parser_version)
            if source_id is None:
                existing = conn.execute(
                    select(Source.id).where(Source.sha256 == sha256_text(article.text))
                ).scalar_one()
                return StoredArticle(source_id=existing, new=False, quotes_added=0)
            writer = _ArticleWriter(conn, self._ids)
            rows = [writer.quote_row(source_id, quote) for quote in extraction.quotes]
            if rows:
                insert_quotes = insert(Quote).returning(Quote.id, sort_by_parameter_order=True)
                ids = conn.execute(insert_quotes, rows).scalars().all()
                search.index_quotes(conn, zip(ids, (row["text"] for row in rows), strict=True))
        self._ids.update(writer.ids)
        return StoredArticle(source_id=source_id, new=True, quotes_added=len(rows))


@dataclass
class _Ids:
    """Ids of shared rows, by key: speakers by name key, roles by title key, and the
    (speaker id, alias key) pairs already stored."""

    speakers: dict[str, int] = field(default_factory=dict)
    roles: dict[str, int] = field(default_factory=dict)
    aliases: set[tuple[int, str]] = field(default_factory=set)

    def update(self, other: _Ids) -> None:
        self.speakers.update(other.speakers)
        self.roles.update(other.roles)
        self.aliases.update(other.aliases)


class _ArticleWriter:
    """Builds one article's quote rows, creating speakers, aliases and roles on the way.

    Ids it creates go to `ids`, which the store merges into its cache only after commit.
    """

    def __init__(self, conn: Connection, committed: _Ids) -> None:
        self._conn = conn
        self._committed = committed
        self.ids = _Ids()

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
            self._conn.execute(_insert_ignoring_conflicts(self._conn, SpeakerAlias), rows)

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
            _insert_ignoring_conflicts(self._conn, model)
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
    statement = _insert_ignoring_conflicts(conn, Source).values(values).returning(Source.id)
    source_id: int | None = conn.execute(statement).scalar_one_or_none()
    return source_id


def _insert_ignoring_conflicts(
    conn: Connection, model: type[Base]
) -> sqlite.Insert | postgresql.Insert:
    """`INSERT ... ON CONFLICT DO NOTHING` for `model`, in the connection's dialect."""
    match conn.dialect.name:
        case "sqlite":
            return sqlite.insert(model).on_conflict_do_nothing()
        case "postgresql":
            return postgresql.insert(model).on_conflict_do_nothing()
        case other:
            raise DatabaseError(f"quotedb writes to SQLite or PostgreSQL, not {other}")
