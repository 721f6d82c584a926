"""Where the database is: `--db`, else `$QUOTEDB_DB`, else `quotedb.sqlite` here."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL

DB_ENV_VAR = "QUOTEDB_DB"
DEFAULT_DB = "quotedb.sqlite"


def resolve_db_url(db: str | None = None) -> str:
    """The SQLAlchemy URL of the database named by `db`, the environment or the default.

    A value containing `://` is taken as a URL as it is; anything else is a file path, made
    absolute against the current directory (so a URL stays valid after a `chdir`).
    """
    value = db or os.environ.get(DB_ENV_VAR) or DEFAULT_DB
    if "://" in value:
        return value
    path = Path(value).expanduser().resolve()
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)
