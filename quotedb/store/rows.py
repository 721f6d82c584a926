"""What the writer stores: an article and its quotes as flat rows, keys already computed.

These are the store's input, written by whoever produced the quotes (the ingest pipeline
builds them from the parser's output in its worker processes, so the one writing process
does as little as possible). Nothing here knows how quotes were found.
"""

from __future__ import annotations

from typing import NamedTuple


class QuoteData(NamedTuple):
    """One quote as the writer stores it. The first `QUOTE_COLUMN_FIELDS` fields are columns
    of `quotes` under the same names."""

    text: str
    kind: str
    cue: str | None
    start: int
    end: int
    mention: str | None
    paragraph: int
    cue_start: int | None
    cue_end: int | None
    mention_start: int | None
    mention_end: int | None
    role_start: int | None
    role_end: int | None
    speaker: str | None
    speaker_kind: str
    speaker_key: str
    """`normalise_key(speaker)`; empty when the quote has no named speaker."""
    role: str | None
    role_key: str
    aliases: tuple[tuple[str, str], ...]
    """(alias, alias key) pairs other than the name itself."""
    norm: str
    """The text for the search index: `normalise_key(text)`."""


QUOTE_COLUMN_FIELDS = 13


class ArticleData(NamedTuple):
    """An article ready to store: its text, identity, metadata and quotes."""

    text: str
    sha256: str
    uri: str
    doc: str
    title: str | None
    published: str | None
    outlet: str | None
    dateline: str | None
    agency: str | None
    parser_version: str
    quotes: tuple[QuoteData, ...]
