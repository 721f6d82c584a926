"""Where the database is: `--db`, else `$QUOTEDB_DB`, else `quotedb.sqlite` here."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV_VAR = "QUOTEDB_DB"
DEFAULT_DB = "quotedb.sqlite"


def db_value(db: str | None = None) -> str:
    """The database as the user named it: `db`, else `$QUOTEDB_DB`, else the default."""
    return db or os.environ.get(DB_ENV_VAR) or DEFAULT_DB


def resolve_db_url(db: str | None = None) -> str:
    """The SQLAlchemy URL of the database named by `db`, the environment or the default.

    A value containing `://` is taken as a URL; anything else is a file path, made absolute
    against the current directory (so a URL stays valid after a `chdir`). A PostgreSQL URL
    without a driver (`postgresql://`, `postgres://`) gets psycopg, the driver quotedb ships
    with (SQLAlchemy would pick psycopg2).
    """
    value = db_value(db)
    if "://" in value:
        scheme, rest = value.split("://", 1)
        if scheme in ("postgresql", "postgres"):
            return f"postgresql+psycopg://{rest}"
        return value
    from sqlalchemy.engine import URL

    path = Path(value).expanduser().resolve()
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def plain_sqlite_file(db: str | None = None) -> Path | None:
    """The SQLite file named by a plain path (not a URL), absolute; None for a URL.

    Lets the read commands open a file without SQLAlchemy (see
    `quotedb.store.readonly.connect_readonly`).
    """
    value = db_value(db)
    if "://" in value:
        return None
    return Path(value).expanduser().resolve()
