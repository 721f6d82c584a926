"""Databases for tests on either backend: a new PostgreSQL database, and reading rows back.

Fixtures live in conftest.py; test modules import these helpers directly.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_ENV_VAR = "QUOTEDB_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


class _NewDatabase:
    """A new, empty database on the server of `$QUOTEDB_TEST_POSTGRES_URL`."""

    def __enter__(self) -> str:
        server = make_url(os.environ[POSTGRES_ENV_VAR])
        self._name = f"quotedb_test_{uuid.uuid4().hex[:16]}"
        self._admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with self._admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self._name}"'))
        return server.set(database=self._name).render_as_string(hide_password=False)

    def __exit__(self, *_exc: object) -> None:
        with self._admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self._name}" WITH (FORCE)'))
        self._admin.dispose()


def postgres_database() -> _NewDatabase:
    """`with postgres_database() as url:` a new PostgreSQL database, dropped afterwards."""
    return _NewDatabase()


def fetch(url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """The rows of `sql` on the database at `url` (either backend)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql), params)]
    finally:
        engine.dispose()
