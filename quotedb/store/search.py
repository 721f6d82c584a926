"""The quote search index, `quote_search`: the one place that knows it is FTS5 on SQLite.

Each quote's text is stored normalised by `normalise_key` (casefolded, accents stripped, single
spaces), and a phrase is normalised the same way before matching, so `menteri` finds
`Menteri` and `Kemenkes` finds `Kémenkes`. The normalising happens in Python because
SQLite 3.40's trigram tokenizer cannot strip diacritics.

- SQLite: an FTS5 table with the trigram tokenizer and no token positions (`detail=none`);
  `rowid` is the quote id. For a phrase of three or more characters the index gives the
  quotes holding a few of its trigrams, and each is checked for the whole phrase here;
  shorter phrases fall back to LIKE, which trigrams cannot serve.
- PostgreSQL: a plain table `quote_search(quote_id, norm)` searched with LIKE, served by a
  `pg_trgm` GIN index.

`matches` asks for matches newest first (highest quote id) and at most a given number:
FTS5 then stops reading the index as soon as it has them, so even a phrase found in a third
of a million quotes costs a few milliseconds.

The tables themselves are created by the migrations, whose DDL is frozen history; the writer
fills them through `search_table`. SQLAlchemy is imported only there, so the read path can
run on plain sqlite3.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlalchemy.sql.expression import TableClause

SEARCH_TABLE = "quote_search"

_TRIGRAM = 3
LIKE_ESCAPE = "/"


def search_table(dialect: str) -> tuple[TableClause, str]:
    """The search table for `dialect` and the name of its quote-id column."""
    from sqlalchemy import Integer, Text, column
    from sqlalchemy import table as table_clause

    quote_id = _id_column(dialect)
    return table_clause(SEARCH_TABLE, column(quote_id, Integer), column("norm", Text)), quote_id


def _id_column(dialect: str) -> str:
    return "rowid" if dialect == "sqlite" else "quote_id"


class Rows(Protocol):
    """A read-only database connection as `quotedb.store.reading` wraps one."""

    dialect: str

    def rows(self, sql: str, params: Mapping[str, object]) -> Sequence[Sequence[Any]]: ...

    def iterate(
        self, sql: str, params: Mapping[str, object]
    ) -> AbstractContextManager[Iterator[Sequence[Any]]]: ...


def matches(db: Rows, needle: str, limit: int) -> list[tuple[int, str]]:
    """`(quote_id, norm)` of the indexed quotes whose normalised text contains `needle`,
    newest first (highest quote id), at most `limit`.

    `needle` must already be normalised. It is data, never syntax: FTS5 operators, quotes,
    `%` and `_` all match themselves.

    On SQLite a needle of three characters or more is looked up by its trigrams. The index
    keeps no positions, and checking them would cost, for a long phrase of common trigrams,
    a hundred milliseconds at a million quotes: it is asked for the quotes having a few of
    the needle's trigrams (`_trigram_queries`), newest first, and each is checked for the
    whole needle here; reading stops at `limit` matches. Where three in four of those miss, the
    older ones are asked for with more of its trigrams.
    """
    if db.dialect != "sqlite" or len(needle) < _TRIGRAM:
        quote_id = _id_column(db.dialect)
        sql = (
            f"SELECT {quote_id}, norm FROM {SEARCH_TABLE} "
            f"WHERE norm LIKE :pattern ESCAPE '{LIKE_ESCAPE}' ORDER BY {quote_id} DESC LIMIT :limit"
        )
        pattern = "%" + like_escape(needle) + "%"
        return [(row[0], row[1]) for row in db.rows(sql, {"pattern": pattern, "limit": limit})]
    found: list[tuple[int, str]] = []
    below: int | None = None  # every quote from here up has been checked
    queries = _trigram_queries(db, needle)
    for index, trigrams in enumerate(queries):
        narrowest = index == len(queries) - 1
        params: dict[str, object] = {"query": " AND ".join(map(_fts_string, trigrams))}
        bound = ""
        if below is not None:
            bound, params["below"] = "AND rowid < :below ", below
        sql = (
            f"SELECT rowid, norm FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :query "
            f"{bound}ORDER BY rowid DESC"
        )
        read = hits = 0
        with db.iterate(sql, params) as rows:
            for quote_id, norm in rows:
                below = quote_id
                read += 1
                if needle in norm:
                    hits += 1
                    found.append((quote_id, norm))
                    if len(found) >= limit:
                        return found
                if not narrowest and read >= _CHECKED_BEFORE_NARROWING and hits * 4 < read:
                    break  # three in four candidates miss: ask with more trigrams
            else:
                return found
    return found


_FEWEST = 3
"""A needle with this many distinct trigrams or fewer asks for all of them."""
_MOST = 8
_ENOUGH = 2000
"""Add trigrams until about this many quotes are expected to hold them all."""
_PROBE = 200


_CHECKED_BEFORE_NARROWING = 2000
"""Candidates read before judging whether the trigrams asked for are too few: when fewer than
a quarter of them hold the needle (its trigrams are common together, as in `sebelum akhir`),
the older quotes are asked for with all of its trigrams that do not overlap."""


def _trigram_queries(db: Rows, needle: str) -> list[list[str]]:
    """The trigrams of `needle` to ask the index for: first the rarest ones that do not
    overlap one another (overlapping ones mostly come together, so asking for both narrows
    little), at least `_FEWEST`, and more, up to `_MOST`, while more than `_ENOUGH` quotes are
    expected to hold them all (taking them as independent); then, if that is fewer, all the
    non-overlapping ones, for when they are not independent.

    Rarity is measured, not guessed: how far back in the index a trigram's `_PROBE`th newest
    quote lies (a few hundred index entries read per trigram).
    """
    at: dict[str, int] = {}
    for i in range(len(needle) - _TRIGRAM + 1):
        at.setdefault(needle[i : i + _TRIGRAM], i)
    if len(at) <= _FEWEST:
        return [list(at)]
    newest = db.rows(f"SELECT rowid FROM {SEARCH_TABLE} ORDER BY rowid DESC LIMIT 1", {})
    span = int(newest[0][0]) if newest else 1
    density = {trigram: _density(db, trigram, span) for trigram in at}
    by_rarity = sorted(at, key=density.__getitem__)
    apart: list[str] = []
    for trigram in by_rarity:
        if all(abs(at[trigram] - at[other]) >= _TRIGRAM for other in apart):
            apart.append(trigram)
    first: list[str] = []
    expected = float(span)
    for trigram in apart:
        first.append(trigram)
        expected *= density[trigram]
        if len(first) >= _MOST or (len(first) >= _FEWEST and expected <= _ENOUGH):
            break
    for trigram in by_rarity:  # a short needle: overlapping ones make up the count
        if len(first) >= _FEWEST:
            break
        if trigram not in first:
            first.append(trigram)
    return [first, apart] if len(apart) > len(first) else [first]


def _density(db: Rows, trigram: str, span: int) -> float:
    """About which share of the quotes hold `trigram`: `_PROBE` over how many quote ids back
    its `_PROBE`th newest quote is (0 when fewer quotes hold it)."""
    sql = (
        f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :query "
        "ORDER BY rowid DESC LIMIT 1 OFFSET :offset"
    )
    found = db.rows(sql, {"query": _fts_string(trigram), "offset": _PROBE - 1})
    if not found:
        return 0.0
    return min(1.0, _PROBE / max(1, span - int(found[0][0]) + 1))


def fts_query(needle: str) -> str:
    """An FTS5 query for the SQLite index that finds the quotes holding every trigram of
    `needle` (already normalised), for SQL written by hand, such as Datasette's search box.

    The index keeps no positions, so it cannot match the phrase itself (`MATCH '"kopi"'` is
    refused): each trigram is a string of its own, joined with AND. A quote can hold them all
    without the phrase; SQL that must be exact checks `norm` for the needle too. A needle
    shorter than a trigram gives `""`, which matches nothing.
    """
    trigrams = dict.fromkeys(needle[i : i + _TRIGRAM] for i in range(len(needle) - _TRIGRAM + 1))
    return " AND ".join(map(_fts_string, trigrams)) or '""'


def _fts_string(text: str) -> str:
    """`text` as one FTS5 string: inside double quotes only `"` is special, written `""`."""
    return '"' + text.replace('"', '""') + '"'


def like_escape(value: str) -> str:
    """`value` for a LIKE pattern with `ESCAPE '/'`: `%`, `_` and `/` match themselves."""
    return (
        value.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )
