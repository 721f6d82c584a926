"""Databases for tests on either backend: a new PostgreSQL database, storing articles the way
ingest does, and reading rows back.

Fixtures live in conftest.py; test modules import these helpers directly.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from quotedb.ingest.inputs import ArticleInput
from quotedb.ingest.prepare import prepare
from quotedb.records import Extraction
from quotedb.store import search
from quotedb.store.writer import BulkWriter, Stored

POSTGRES_ENV_VAR = "QUOTEDB_TEST_POSTGRES_URL"


@contextmanager
def postgres_database() -> Iterator[str]:
    """`with postgres_database() as url:` a new, empty database on the server of
    `$QUOTEDB_TEST_POSTGRES_URL`, dropped afterwards."""
    server = make_url(os.environ[POSTGRES_ENV_VAR])
    name = f"quotedb_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def fetch(url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """The rows of `sql` on the database at `url` (either backend)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def search_id(url: str) -> str:
    """The quote-id column of the search table in the database at `url`."""
    return search.search_table(make_url(url).get_backend_name())[1]


def store_articles(
    engine: Engine, articles: Iterable[tuple[ArticleInput, Extraction]], version: str = "1"
) -> None:
    """Store each article in its own transaction, in order, through the writer ingest uses."""
    writer = BulkWriter(engine)
    for article, extraction in articles:
        [written] = writer.write([prepare(article, extraction, version)])
        assert isinstance(written, Stored) and written.new, written
