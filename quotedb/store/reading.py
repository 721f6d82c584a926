"""The read commands' queries: who said a phrase, what a speaker said, who speaks.

Each function takes either an engine (from `quotedb.store.database.open_readonly`, or any
engine on a quotedb database) or a plain sqlite3 connection (from
`quotedb.store.database.connect_readonly`), and returns frozen values. The SQL is written out
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
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
    speaker_type: str | None
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


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """A speaker, how often they are quoted, and the roles and other names they had."""

    name: str
    speaker_type: str
    quotes: int
    roles: tuple[str, ...]
    aliases: tuple[str, ...]


# The columns of QuoteRow, in order.
_QUOTE_ROWS = """
SELECT q.id, sp.name, sp.kind, r.title, q.text, q.kind, q.cue, q.mention,
       s.title, s.published, s.uri, s.id, q."start", q."end"
FROM quotes AS q
JOIN sources AS s ON s.id = q.source_id
LEFT JOIN speakers AS sp ON sp.id = q.speaker_id
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
def _reading(db: Engine | sqlite3.Connection) -> Iterator[search.Rows]:
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
    with _reading(db) as reader:
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
    """The quotes of the speaker called `name` (or an alias), newest first.

    Names compare like `normalise_key`; when no name or alias equals `name`, every speaker
    whose name or alias contains it is taken (`mulyani` finds `Sri Mulyani Indrawati`).
    """
    key = normalise_key(name)
    if not key:
        raise QuotedbError("give a speaker name")
    if not _storable(key):
        return []
    with _reading(db) as reader:
        named, params = _speakers_named(key, exact=True)
        if not reader.rows(f"SELECT 1 FROM ({named}) AS named LIMIT 1", params):
            named, params = _speakers_named(key, exact=False)
        sql = (
            f"{_QUOTE_ROWS} WHERE q.speaker_id IN ({named}) "
            "ORDER BY s.published IS NULL, s.published DESC, q.id DESC LIMIT :limit"
        )
        return [QuoteRow(*row) for row in reader.rows(sql, {**params, "limit": limit})]


def _speakers_named(key: str, *, exact: bool) -> tuple[str, dict[str, object]]:
    """SQL for the ids of the speakers whose name or an alias is (or contains) `key`."""
    if exact:
        condition = "{column} = :key"
        params: dict[str, object] = {"key": key}
    else:
        condition = "{column} LIKE :pattern ESCAPE '" + search.LIKE_ESCAPE + "'"
        params = {"pattern": "%" + search.like_escape(key) + "%"}
    sql = (
        "SELECT id FROM speakers WHERE "
        + condition.format(column="name_key")
        + " UNION SELECT speaker_id FROM speaker_aliases WHERE "
        + condition.format(column="alias_key")
    )
    return sql, params


def list_speakers(db: Engine | sqlite3.Connection, limit: int | None = None) -> list[SpeakerRow]:
    """Speakers, most quoted first (then by name), with their roles and aliases."""
    top = (
        "SELECT sp.id AS id, sp.name AS name, sp.kind AS kind, count(q.id) AS quotes "
        "FROM speakers AS sp LEFT JOIN quotes AS q ON q.speaker_id = sp.id "
        "GROUP BY sp.id, sp.name, sp.kind ORDER BY count(q.id) DESC, sp.name, sp.id"
    )
    params: dict[str, object] = {}
    if limit is not None:
        top += " LIMIT :limit"
        params["limit"] = limit
    chosen = f"SELECT id FROM ({top}) AS top_speakers"
    with _reading(db) as reader:
        speakers = reader.rows(top, params)
        # Collected in Python rather than with group_concat/string_agg, which differ by dialect.
        roles = _grouped(
            reader.rows(
                "SELECT DISTINCT q.speaker_id, r.title FROM quotes AS q "
                f"JOIN roles AS r ON r.id = q.role_id WHERE q.speaker_id IN ({chosen}) "
                "ORDER BY q.speaker_id, r.title",
                params,
            )
        )
        aliases = _grouped(
            reader.rows(
                "SELECT speaker_id, alias FROM speaker_aliases "
                f"WHERE speaker_id IN ({chosen}) ORDER BY speaker_id, alias",
                params,
            )
        )
    return [
        SpeakerRow(
            name=name,
            speaker_type=kind,
            quotes=quotes,
            roles=tuple(roles.get(speaker_id, ())),
            aliases=tuple(aliases.get(speaker_id, ())),
        )
        for speaker_id, name, kind, quotes in speakers
    ]


def _grouped(pairs: Iterable[Sequence[Any]]) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = {}
    for key, value in pairs:
        groups.setdefault(key, []).append(value)
    return groups
