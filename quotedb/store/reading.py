"""The read commands' queries: who said a phrase, what a speaker said, who speaks.

They answer by identity (`quotedb.store.schema.Identity`): `quotes_by_speaker` finds every
quote of the person any of whose names or aliases is given, `list_speakers` lists each
person once, with the roles they were quoted in and when; each quote keeps the speaker's
name as its article wrote it.

Each function takes either an engine (from `quotedb.store.readonly.open_readonly`, or any
engine on a quotedb database) or a plain sqlite3 connection (from
`quotedb.store.readonly.connect_readonly`), and returns frozen values. The SQL is written out
with `:name` parameters, which both SQLAlchemy's `text()` and sqlite3 understand, so
`quotedb who-said` on a SQLite file runs without importing SQLAlchemy at all (it starts in a
third of the time).

`who_said` ranks in Python over a bounded set: the search index gives at most
`CANDIDATES` matching quotes, newest first, and stops reading there (see
`quotedb.store.search`).
A phrase found in fewer quotes is ranked over all of them; a more common one over the
`CANDIDATES` most recently stored, so an answer never takes more than a few milliseconds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quotedb.errors import QuotedbError
from quotedb.store import search
from quotedb.store.keys import normalise_key

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

CANDIDATES = 2000
"""At most this many matching quotes are ranked by `who_said`: all of them for a phrase
found fewer times, else the most recently stored."""


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One quote with its speaker, role and source, as the quote commands print it."""

    quote_id: int
    speaker: str | None
    """The speaker's name in this article."""
    speaker_type: str | None
    identity: str | None
    """The name of the person (or organisation) across the archive."""
    identity_id: int | None
    role: str | None
    quote: str
    kind: str
    cue: str | None
    mention: str | None
    title: str | None
    published: str | None
    uri: str
    source_id: int
    start: int
    end: int


# The columns of QuoteRow, in order.
_QUOTE_ROWS = """
SELECT q.id, sp.name, sp.kind, i.name, i.id, r.title, q.text, q.kind, q.cue, q.mention,
       s.title, s.published, s.uri, s.id, q."start", q."end"
FROM quotes AS q
JOIN sources AS s ON s.id = q.source_id
LEFT JOIN speakers AS sp ON sp.id = q.speaker_id
LEFT JOIN identities AS i ON i.id = sp.identity_id
LEFT JOIN roles AS r ON r.id = q.role_id
"""


class _SqliteReader:
    dialect = "sqlite"

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def rows(self, sql: str, params: Mapping[str, object]) -> Sequence[Sequence[Any]]:
        return self._connection.execute(sql, dict(params)).fetchall()

    @contextmanager
    def iterate(self, sql: str, params: Mapping[str, object]) -> Iterator[Iterator[Sequence[Any]]]:
        cursor = self._connection.execute(sql, dict(params))
        try:
            yield iter(cursor)
        finally:
            cursor.close()


class _EngineReader:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self.dialect = connection.dialect.name

    def rows(self, sql: str, params: Mapping[str, object]) -> Sequence[Sequence[Any]]:
        from sqlalchemy import text

        return self._connection.execute(text(sql), dict(params)).all()

    @contextmanager
    def iterate(self, sql: str, params: Mapping[str, object]) -> Iterator[Iterator[Sequence[Any]]]:
        from sqlalchemy import text

        result = self._connection.execute(text(sql), dict(params))
        try:
            yield iter(result)
        finally:
            result.close()


@contextmanager
def open_reader(db: Engine | sqlite3.Connection) -> Iterator[search.Rows]:
    """A reader of `db` for the time of a `with` block (see the module's docstring)."""
    if isinstance(db, sqlite3.Connection):
        yield _SqliteReader(db)
        return
    with db.connect() as connection:
        driver = connection.connection.driver_connection
        if isinstance(driver, sqlite3.Connection):
            # SQLite through the engine's own sqlite3 connection: SQLAlchemy's cost per
            # statement is a few milliseconds over the dozen queries of one search.
            yield _SqliteReader(driver)
        else:
            yield _EngineReader(connection)


def _in_list(name: str, values: Sequence[object]) -> tuple[str, dict[str, object]]:
    """`:name0, :name1, ...` and the parameters, for `IN (...)`."""
    params = {f"{name}{i}": value for i, value in enumerate(values)}
    return ", ".join(f":{key}" for key in params), params


def _quote_rows(reader: search.Rows, ids: Sequence[int]) -> dict[int, QuoteRow]:
    if not ids:
        return {}
    marks, params = _in_list("id", ids)
    rows = reader.rows(f"{_QUOTE_ROWS} WHERE q.id IN ({marks})", params)
    return {row[0]: QuoteRow(*row) for row in rows}


# --- who said ------------------------------------------------------------------------------


def who_said(db: Engine | sqlite3.Connection, phrase: str, limit: int = 20) -> list[QuoteRow]:
    """Quotes containing `phrase` (case, accents and spacing ignored; words in order).

    Best match first: the phrase as whole words before the phrase inside a longer word, then
    shorter quotes, then newer sources (undated last), then the later stored. The ranking
    covers every match of a phrase found in up to `CANDIDATES` quotes, and otherwise the
    `CANDIDATES` matches stored last.
    """
    needle = normalise_key(phrase)
    if not needle:
        raise QuotedbError("give a phrase to search for")
    if not _storable(needle):
        return []  # no stored quote holds NUL or a lone surrogate: the loaders refuse them
    with open_reader(db) as reader:
        keys = {
            quote_id: (not _has_whole(norm, needle), len(norm))
            for quote_id, norm in search.matches(reader, needle, CANDIDATES)
        }
        # Whole words and length first; only the quotes that can still make the top `limit`
        # (ties at the cut included) need their source's date, read with their full row.
        chosen = sorted(keys, key=keys.__getitem__)
        if len(chosen) > limit:
            cut = keys[chosen[limit - 1]]
            chosen = [quote_id for quote_id in chosen if keys[quote_id] <= cut]
        rows = _quote_rows(reader, chosen)
    # Stable sorts, least significant key first.
    ranked = sorted(rows.values(), key=lambda row: row.quote_id, reverse=True)
    ranked.sort(key=lambda row: row.published or "", reverse=True)  # undated last
    ranked.sort(key=lambda row: keys[row.quote_id])
    return ranked[:limit]


def _storable(text: str) -> bool:
    """Whether SQLite can take `text` as a parameter (no NUL, valid UTF-8). A command-line
    argument that is not UTF-8 arrives with lone surrogates (`who-said $'\\xff'`)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _has_whole(text: str, needle: str) -> bool:
    """Whether `needle` occurs in `text` with no letter or digit right before or after it."""
    at = text.find(needle)
    while at != -1:
        end = at + len(needle)
        before_ok = at == 0 or not text[at - 1].isalnum()
        if before_ok and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(needle, at + 1)
    return False


# --- quotes by speaker, speakers ---------------------------------------------------------------


def quotes_by_speaker(
    db: Engine | sqlite3.Connection, name: str, limit: int = 50
) -> list[QuoteRow]:
    """The quotes of the person `name` means, under any of their names, newest first.

    Names compare like `normalise_key`. `name` means the identities of the speakers so
    called, or so called themselves (`Joko Widodo`); failing that, those of the speakers
    an article gave it as an alias; failing that, everyone whose name or alias contains it
    (`lestari` finds `Sri Lestari Wahyuni`).
    """
    key = normalise_key(name)
    if not key:
        raise QuotedbError("give a speaker name")
    if not _storable(key):
        return []
    with open_reader(db) as reader:
        named, params = _identities_named(reader, key)
        sql = (
            f"{_QUOTE_ROWS} WHERE sp.identity_id IN ({named}) "
            "ORDER BY s.published IS NULL, s.published DESC, q.id DESC LIMIT :limit"
        )
        return [QuoteRow(*row) for row in reader.rows(sql, {**params, "limit": limit})]


def also_called(db: Engine | sqlite3.Connection, name: str) -> list[str]:
    """The people an article called `name` (an alias) whom `quotes_by_speaker` leaves out
    because a speaker or identity has that very name (`Sutarmi` alone is not known to be
    `Sutarmi Wulandari`)."""
    key = normalise_key(name)
    if not key or not _storable(key):
        return []
    with open_reader(db) as reader:
        named, params = _identities_named(reader, key)
        if named != _NAMED:
            return []
        rows = reader.rows(
            f"SELECT i.name FROM identities AS i WHERE i.id IN ({_ALIASED}) "
            f"AND i.id NOT IN ({_NAMED}) ORDER BY i.name",
            params,
        )
    return [row[0] for row in rows]


_NAMED = (
    "SELECT identity_id FROM speakers WHERE name_key = :key "
    "UNION SELECT id FROM identities WHERE name_key = :key"
)
_ALIASED = (
    "SELECT sp.identity_id FROM speaker_aliases AS a JOIN speakers AS sp "
    "ON sp.id = a.speaker_id WHERE a.alias_key = :key"
)
_NAMED_OR_ALIASED_LIKE = (
    f"SELECT identity_id FROM speakers WHERE name_key LIKE :pattern ESCAPE '{search.LIKE_ESCAPE}' "
    "UNION SELECT sp.identity_id FROM speaker_aliases AS a JOIN speakers AS sp "
    f"ON sp.id = a.speaker_id WHERE a.alias_key LIKE :pattern ESCAPE '{search.LIKE_ESCAPE}' "
    f"UNION SELECT id FROM identities WHERE name_key LIKE :pattern ESCAPE '{search.LIKE_ESCAPE}'"
)


def _identities_named(reader: search.Rows, key: str) -> tuple[str, dict[str, object]]:
    """SQL for the ids of the identities `key` means (see `quotes_by_speaker`), and its
    parameters: the first of names, aliases and parts of either that finds any."""
    params: dict[str, object] = {"key": key}
    for sql in (_NAMED, _ALIASED):
        if reader.rows(f"SELECT 1 FROM ({sql}) AS named LIMIT 1", params):
            return sql, params
    return _NAMED_OR_ALIASED_LIKE, {"pattern": "%" + search.like_escape(key) + "%"}
