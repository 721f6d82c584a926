"""Alembic's entry point for quotedb's migrations.

The database comes from, in order: a connection passed in `config.attributes["connection"]`
(how `quotedb.store.database` migrates, inside its own transaction), `sqlalchemy.url` if a
caller set it, else `quotedb.config.resolve_db_url()` (`$QUOTEDB_DB`, else
`./quotedb.sqlite`).
"""

from __future__ import annotations

from logging.config import fileConfig

from sqlalchemy import Connection

from alembic import context
from quotedb.config import resolve_db_url
from quotedb.store.database import make_engine, write_transaction
from quotedb.store.schema import Base
from quotedb.store.search import SEARCH_TABLE

config = context.config

# Only the `alembic` command configures logging; called from Python (quotedb, tests) it would
# replace the caller's logging setup.
if config.cmd_opts is not None and config.config_file_name is not None:
    fileConfig(config.config_file_name)

target_metadata = Base.metadata

# Created by raw SQL in the migrations and absent from the models, so autogenerate must not
# compare them: the view, and the search table with FTS5's shadow tables (quote_search_data...).
UNMODELLED = ("quote_facts", SEARCH_TABLE)


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    if type_ in ("table", "view") and name is not None:
        return not any(name == base or name.startswith(f"{base}_") for base in UNMODELLED)
    return True


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables.
        # quotedb.store.database's engines BEGIN explicitly, so even SQLite's DDL runs in the
        # transaction.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def database_url() -> str:
    return config.get_main_option("sqlalchemy.url") or resolve_db_url()


if context.is_offline_mode():
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        include_name=include_name,
        render_as_batch=True,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
elif (shared := config.attributes.get("connection")) is not None:
    run_migrations(shared)
else:
    # Foreign keys off: see quotedb.store.database.make_engine.
    engine = make_engine(database_url(), foreign_keys=False)
    try:
        with write_transaction(engine) as connection:
            run_migrations(connection)
    finally:
        engine.dispose()
