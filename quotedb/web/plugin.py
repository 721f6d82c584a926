"""The Datasette plugin `quotedb browse` registers: quotedb's SQL functions, and links.

- `quotedb_normalise(text)`: `text` in the normal form the search index and the speaker keys
  are stored in (`quotedb.store.keys.normalise_key`), so SQL can compare what a person typed.
- `quotedb_fts(needle)`: an FTS5 query for the quotes holding every trigram of a normalised
  needle (`quotedb.store.search.fts_query`).
- `escape_fts(query)`, which Datasette's search box wraps the typed text in, is replaced: its
  own makes a phrase query of each word, which quotedb's index (trigrams without positions)
  refuses. quotedb's asks for the quotes holding every trigram of the normalised text.
- In `quote_facts` and in the canned queries, an article's title (and its `source_id`) links
  to the article's row in `sources`.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pluggy
from markupsafe import Markup

from quotedb.store.keys import normalise_key
from quotedb.store.search import fts_query
from quotedb.web import DATABASE

hookimpl = pluggy.HookimplMarker("datasette")
"""Datasette's own marker (`datasette.hookimpl`), built from pluggy, which has types."""


def normalise(text: object) -> str:
    return normalise_key(text) if isinstance(text, str) else ""


def trigram_query(needle: object) -> str:
    return fts_query(needle if isinstance(needle, str) else "")


def search_query(text: object) -> str:
    return fts_query(normalise(text))


@hookimpl(trylast=True)  # after Datasette's own, whose escape_fts this one replaces
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    conn.create_function("quotedb_normalise", 1, normalise, deterministic=True)
    conn.create_function("quotedb_fts", 1, trigram_query, deterministic=True)
    if database == DATABASE:
        conn.create_function("escape_fts", 1, search_query, deterministic=True)


@hookimpl
def render_cell(
    row: sqlite3.Row, value: object, column: str, table: str | None, database: str, datasette: Any
) -> Markup | None:
    """The article's title, and its id, as a link to the article, where a row has both."""
    if database != DATABASE or table not in (None, "quote_facts"):
        return None
    if column not in ("title", "source_id") or "source_id" not in row.keys():
        return None
    source_id = row["source_id"]
    if source_id is None or value is None:
        return None
    url = datasette.urls.row(DATABASE, "sources", str(source_id))
    return Markup('<a href="{}">{}</a>').format(url, str(value))
