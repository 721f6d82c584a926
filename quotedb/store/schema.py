"""The database schema: sources, speakers (with aliases and identities), roles and quotes.

The schema is a public interface: people write SQL against it (`quotedb sql`), so names are
plain and stable. Every constraint and index gets a name from `NAMING_CONVENTION`, because
Alembic can only alter or drop a named constraint (SQLite rebuilds tables in batch mode and
matches constraints by name). Change a model only together with a new Alembic revision;
`alembic check` (and tests/test_migrations.py) fails when the two disagree.

Not mapped here, because they are created by raw SQL in the migrations: the view
`quote_facts` and the search index `quote_search` (see `quotedb.store.search`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# https://docs.sqlalchemy.org/en/20/core/constraints.html#configuring-constraint-naming-conventions
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SPEAKER_KINDS = ("person", "organization", "anonymous")
QUOTE_KINDS = ("direct", "indirect", "mixed")
DECISIONS = ("merge", "split", "rename")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _span(field: str) -> str:
    """Both ends of a span or neither, and 0 <= start <= end (as the parser gives them)."""
    start, end = f"{field}_start", f"{field}_end"
    return (
        f"({start} IS NULL AND {end} IS NULL) OR "
        f"({start} IS NOT NULL AND {end} IS NOT NULL AND 0 <= {start} AND {start} <= {end})"
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    """One article, stored once: `sha256` of `body` identifies it across ingests."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    """The article text exactly as parsed; quote offsets index it."""
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    uri: Mapped[str] = mapped_column(String)
    doc: Mapped[str] = mapped_column(String)
    """The input's name: a JSONL record's id, or the file name without its extension."""
    title: Mapped[str | None] = mapped_column(String)
    published: Mapped[str | None] = mapped_column(String)
    """ISO date, possibly partial (`2023-09`), so it sorts as text."""
    outlet: Mapped[str | None] = mapped_column(String)
    dateline: Mapped[str | None] = mapped_column(String)
    agency: Mapped[str | None] = mapped_column(String)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    """When the article was stored, in UTC."""
    parser_version: Mapped[str] = mapped_column(String)


class Identity(Base):
    """One person or organisation across the archive: the speakers that are the same one
    (`Jokowi`, `Joko Widodo`) point to it. Derived from the speakers, their aliases and roles
    and the curated `identity_decisions` (`quotedb.identity.identities`), so it can be rebuilt
    at any time; every speaker gets an identity of its own in the transaction that stores it.
    """

    __tablename__ = "identities"
    __table_args__ = (CheckConstraint(_one_of("kind", SPEAKER_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String)
    """The name shown for the whole identity (the fullest name, or one given by hand)."""
    name_key: Mapped[str] = mapped_column(String, index=True)
    kind: Mapped[str] = mapped_column(String)


class IdentityDecision(Base):
    """A decision made by hand about identities, applied after every automatic merge.

    Keyed by the speakers' `name_key`s, which stay the same when `reparse` deletes and
    recreates speaker rows: `merge` (the speaker `speaker_key` is the same one as
    `into_key`), `split` (`speaker_key` stands alone, and automatic merging leaves it be),
    `rename` (the identity of `speaker_key` is called `new_name`). Later decisions win.
    """

    __tablename__ = "identity_decisions"
    __table_args__ = (CheckConstraint(_one_of("action", DECISIONS), name="action"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String)
    speaker_key: Mapped[str] = mapped_column(String)
    into_key: Mapped[str | None] = mapped_column(String)
    new_name: Mapped[str | None] = mapped_column(String)
    note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Speaker(Base):
    """A person, organisation or unnamed source; one row however many articles quote it."""

    __tablename__ = "speakers"
    __table_args__ = (CheckConstraint(_one_of("kind", SPEAKER_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String)
    """The fullest form of the name, as first stored."""
    kind: Mapped[str] = mapped_column(String)
    name_key: Mapped[str] = mapped_column(String, unique=True)
    """`quotedb.store.keys.normalise_key(name)`: what makes two mentions the same speaker."""
    identity_id: Mapped[int | None] = mapped_column(
        ForeignKey("identities.id", ondelete="SET NULL"), index=True
    )
    """Who the speaker is across the archive; set in the transaction that stores the speaker."""


class SpeakerAlias(Base):
    """Another name a speaker goes by (`Sri Mulyani` for `Sri Mulyani Indrawati`), as read in
    one source: one row per speaker, alias and source, so that re-parsing a source removes
    the aliases no source gives any more."""

    __tablename__ = "speaker_aliases"
    __table_args__ = (UniqueConstraint("speaker_id", "alias_key", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String)
    alias_key: Mapped[str] = mapped_column(String, index=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), index=True
    )
    """The source the alias was read in; NULL for an alias stored before sources were
    recorded whose speaker had no quotes left."""


class Role(Base):
    """A title a speaker was quoted under (`Menteri Keuangan`), stored once per `title_key`."""

    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String)
    """The title as first seen."""
    title_key: Mapped[str] = mapped_column(String, unique=True)
    normal_title: Mapped[str | None] = mapped_column(String)
    """The title with acronyms written out and spelling variants made one (`Mendag` ->
    `Menteri Perdagangan`); None until `quotedb.identity.identities` has read the role."""
    normal_key: Mapped[str | None] = mapped_column(String)
    """`normalise_key(normal_title)`: roles with the same one are the same role."""


class Quote(Base):
    """One unit of reported speech in one source; offsets are indexes into `sources.body`."""

    __tablename__ = "quotes"
    __table_args__ = (
        CheckConstraint(_one_of("kind", QUOTE_KINDS), name="kind"),
        CheckConstraint('"start" <= "end"', name="span"),
        CheckConstraint(_span("cue"), name="cue_span"),
        CheckConstraint(_span("mention"), name="mention_span"),
        CheckConstraint(_span("role"), name="role_span"),
        # Speaker then role: finds a speaker's quotes, and gives deciding identities every
        # speaker's roles from the index alone (`quotedb.store.identities.read_archive`).
        Index(None, "speaker_id", "role_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    # quotedb deletes a speaker or role only once no quote points to it (`reparse`); should
    # someone delete one by hand, the quote stays and loses only its attribution.
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"))
    role_id: Mapped[int | None] = mapped_column(
        ForeignKey("roles.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String)
    cue: Mapped[str | None] = mapped_column(String)
    start: Mapped[int]
    end: Mapped[int]
    mention: Mapped[str | None] = mapped_column(String)
    """The speaker as written at this quote (`Sullivan`, `ia`)."""
    paragraph: Mapped[int]
    cue_start: Mapped[int | None]
    cue_end: Mapped[int | None]
    mention_start: Mapped[int | None]
    mention_end: Mapped[int | None]
    role_start: Mapped[int | None]
    role_end: Mapped[int | None]
