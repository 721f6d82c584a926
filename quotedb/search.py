"""The quote search index, `quote_search`: the one place that knows it is FTS5 on SQLite.

Each quote's text is stored normalised by `normalise_key` (casefolded, accents stripped, single
spaces), and a phrase is normalised the same way before matching, so `menteri` finds
`Menteri` and `Kemenkes` finds `Kémenkes`. The normalising happens in Python because
SQLite 3.40's trigram tokenizer cannot strip diacritics.

- SQLite: an FTS5 table with the trigram tokenizer; `rowid` is the quote id. A phrase of three
  or more characters is a trigram phrase query (a substring match served by the index);
  shorter phrases fall back to LIKE, which trigrams cannot serve.
- Other databases: a plain table `quote_search(quote_id, norm)` searched with LIKE.

The tables themselves are created by the migrations, whose DDL is frozen history.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, Connection, Integer, Select, Text, column, insert, select
from sqlalchemy import table as table_clause
from sqlalchemy.sql.expression import TableClause

from quotedb.textkeys import normalise_key

SEARCH_TABLE = "quote_search"

_TRIGRAM = 3


def _table(dialect: str) -> tuple[TableClause, str]:
    """The search table for `dialect` and the name of its quote-id column."""
    quote_id = "rowid" if dialect == "sqlite" else "quote_id"
    return table_clause(SEARCH_TABLE, column(quote_id, Integer), column("norm", Text)), quote_id


def index_quotes(conn: Connection, quotes: Iterable[tuple[int, str]]) -> None:
    """Add `(quote id, quote text)` pairs to the index, in the caller's transaction."""
    index_normalised(conn, ((qid, normalise_key(text)) for qid, text in quotes))


def index_normalised(conn: Connection, quotes: Iterable[tuple[int, str]]) -> None:
    """Add `(quote id, normalise_key(quote text))` pairs to the index (bulk ingest computes
    the normal form in its worker processes)."""
    search, quote_id = _table(conn.dialect.name)
    rows = [{quote_id: qid, "norm": norm} for qid, norm in quotes]
    if rows:
        conn.execute(insert(search), rows)


def matching(dialect: str, needle: str) -> Select[int, str]:
    """`(quote_id, norm)` of every indexed quote whose normalised text contains `needle`.

    `needle` must already be normalised. It is data, never syntax: FTS5 operators, quotes,
    `%` and `_` all match themselves.
    """
    search, quote_id = _table(dialect)
    norm = search.c.norm
    condition: ColumnElement[bool]
    if dialect == "sqlite" and len(needle) >= _TRIGRAM:
        # One FTS5 string token: inside double quotes only `"` is special, written `""`.
        condition = norm.op("MATCH")('"' + needle.replace('"', '""') + '"')
    else:
        condition = norm.contains(needle, autoescape=True)
    return select(search.c[quote_id].label("quote_id"), norm).where(condition)
