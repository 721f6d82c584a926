"""Opening the database to write: engines, write transactions, and migrating to the newest schema.

`open_database` is for commands that write (`ingest`): it creates the file and runs
`alembic upgrade head` when the schema is behind. The commands that only read open the
database with `quotedb.store.readonly`, which never creates or migrates anything; the
revision checks and one-line errors both use are here.

Reading never imports Alembic: the schema's revision is read from `alembic_version` and
compared with `HEAD_REVISION`. Alembic (and its migration scripts) loads only to migrate, or
to tell an older schema from a newer one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quotedb.errors import DatabaseError
from quotedb.resources import alembic_dir, alembic_ini

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection, Engine

# SQLAlchemy is imported inside the functions that use it: `readonly.connect_readonly` (the
# read commands on a SQLite file) needs only sqlite3 and this module.

HEAD_REVISION = "ddebdeee74e4"
"""The newest migration in `alembic/versions` (a test checks it is Alembic's head): a
database at this revision has the schema this quotedb reads and writes."""

BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another process's write transaction before giving up."""


def _failures() -> tuple[type[BaseException], ...]:
    """What migrating can raise, besides DatabaseError."""
    from alembic.util import CommandError

    return (*read_failures(), CommandError)


def read_failures() -> tuple[type[BaseException], ...]:
    """What opening a database can raise, besides DatabaseError."""
    from sqlalchemy.exc import SQLAlchemyError

    return (SQLAlchemyError, sqlite3.Error, OSError)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for other databases and for in-memory SQLite."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {url}") from exc
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def describe(url: str) -> str:
    """The database as messages name it: its file, or its URL without the password."""
    from sqlalchemy.engine import make_url

    path = sqlite_path(url)
    if path is not None:
        return str(path)
    return make_url(url).render_as_string(hide_password=True)


BACKENDS = ("sqlite", "postgresql")


def engine_for(url: str) -> Engine:
    """SQLAlchemy's engine for `url`, which must name SQLite or PostgreSQL with an installed
    driver (a one-line DatabaseError otherwise). It connects only when first used."""
    from sqlalchemy import create_engine as sqlalchemy_engine
    from sqlalchemy.engine import make_url

    sqlite_path(url)  # a URL SQLAlchemy cannot read is a DatabaseError
    backend = make_url(url).get_backend_name()
    if backend not in BACKENDS:
        raise DatabaseError(
            f"cannot open {describe(url)}: quotedb works with SQLite and PostgreSQL, not {backend}"
        )
    try:
        return sqlalchemy_engine(url)
    except ImportError as exc:
        raise DatabaseError(
            f"cannot open {describe(url)}: its driver {exc.name} is not installed "
            "(`pip install 'quotedb[postgres]'` installs psycopg, which postgresql:// URLs use)"
        ) from exc
    except read_failures() as exc:
        raise open_error(url, exc) from exc


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for the bundled migrations (checkout or wheel).

    With `connection`, `alembic/env.py` migrates through it, inside its transaction.
    """
    from alembic.config import Config

    config = Config(str(alembic_ini()))
    # ConfigParser interpolates `%`, which may occur in a path.
    config.set_main_option("script_location", str(alembic_dir()).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """A writable engine, without migrating; `alembic/env.py` migrates through one.

    On SQLite, a transaction opened by `write_transaction` starts with `BEGIN IMMEDIATE`: it
    takes the write lock up front and waits up to `BUSY_TIMEOUT_MS` for it, so concurrent
    ingests queue instead of failing halfway, DDL is transactional, two processes never
    migrate the same file at once, and the writer may number rows `max(id) + 1`. Every other
    transaction is a reader's (`BEGIN`): in WAL mode it reads a snapshot, never waits for a
    writer and never holds one up. Migrations run with `foreign_keys=False`: Alembic's batch
    mode recreates a table by dropping it, which with foreign keys on would cascade-delete
    the rows that point to it.
    """
    from sqlalchemy import event

    path = sqlite_path(url)
    if path is not None and not path.parent.is_dir():
        raise DatabaseError(f"cannot open {path}: folder {path.parent} does not exist")
    engine = engine_for(url)
    if engine.dialect.name != "sqlite":
        return engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN instead of the sqlite3 module,
        # which would begin only before DML and never before DDL.
        dbapi_connection.isolation_level = None
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        dbapi_connection.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        _use_wal(dbapi_connection)
        # In WAL mode NORMAL never corrupts the file; it only lets the last transactions of
        # a power cut be lost, and saves an fsync at every commit.
        dbapi_connection.execute("PRAGMA synchronous = NORMAL")

    event.listen(engine, "begin", _begin_sqlite)
    return engine


_WRITES = "quotedb_writes"
"""The execution option `write_transaction` sets on its connection."""


def _begin_sqlite(connection: Connection) -> None:
    writes = connection.get_execution_options().get(_WRITES, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that writes, committed when the block ends (rolled back if it raises).

    On SQLite it holds the write lock from its first statement (see `make_engine`), which
    `check_writable` makes sure `engine` will take.
    """
    with engine.connect() as connection:
        connection.execution_options(**{_WRITES: True})
        with connection.begin():
            yield connection


def check_writable(engine: Engine) -> None:
    """Raise unless `engine` writes as `write_transaction` promises: a SQLite engine must come
    from `make_engine` (or `open_database`), which begins writers' transactions with
    `BEGIN IMMEDIATE`; any other would let two writers give out the same new ids."""
    from sqlalchemy import event

    if engine.dialect.name == "sqlite" and not event.contains(engine, "begin", _begin_sqlite):
        name = describe(engine.url.render_as_string(hide_password=False))
        raise DatabaseError(
            f"cannot write to {name} through an engine that does not lock SQLite for writing; "
            "open it with quotedb.store.database.open_database"
        )


def _use_wal(dbapi_connection: sqlite3.Connection) -> None:
    """Switch the file to WAL (a setting stored in the file, so this happens once).

    The switch needs the file to itself and fails at once, without waiting, while another
    process writes. That only happens when several processes open a new file together;
    one of them switches it, and until then the others work in the default journal mode.
    """
    if dbapi_connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return
    try:
        dbapi_connection.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc):
            raise


def migrate(url: str, revision: str = "head") -> None:
    """Upgrade the database at `url` to `revision` (creating it if it is a new SQLite file)."""
    from alembic.command import upgrade

    engine = make_engine(url, foreign_keys=False)
    try:
        with write_transaction(engine) as connection:
            _lock_for_migrating(connection)
            upgrade(alembic_config(connection), revision)
    except _failures() as exc:
        raise open_error(url, exc) from exc
    finally:
        engine.dispose()


def open_database(url: str) -> Engine:
    """A writable engine on `url`, migrated to the newest schema first if it is behind."""
    from sqlalchemy.engine import make_url

    if make_url(url).get_backend_name() == "sqlite" and sqlite_path(url) is None:
        # In memory: the database lives only as long as this engine's connection, and is
        # new, so there are no rows that migrating with foreign keys on could delete.
        engine = make_engine(url)
        _bring_to_head(engine, url)
        return engine
    migrator = make_engine(url, foreign_keys=False)
    try:
        _bring_to_head(migrator, url)
    finally:
        migrator.dispose()
    return make_engine(url)


@contextmanager
def opened(url: str) -> Iterator[Engine]:
    """`open_database(url)` for the length of a `with` block, then disposed: its connections
    closed (on SQLite the last one checkpoints the WAL and removes its files)."""
    engine = open_database(url)
    try:
        yield engine
    finally:
        engine.dispose()


def _bring_to_head(engine: Engine, url: str) -> None:
    from sqlalchemy import inspect

    try:
        with write_transaction(engine) as connection:
            _lock_for_migrating(connection)
            current = current_revisions(connection)
            if current == {HEAD_REVISION}:
                return
            if is_newer(current):
                raise DatabaseError(f"cannot use {describe(url)}: {NEWER}")
            if not current and inspect(connection).get_table_names():
                raise not_quotedb(describe(url))
            from alembic.command import upgrade

            upgrade(alembic_config(connection), "head")
    except _failures() as exc:
        raise open_error(url, exc) from exc


MIGRATION_LOCK = 0x71756F7465  # "quote"
"""The PostgreSQL advisory lock that one migrating process holds at a time."""


def _lock_for_migrating(connection: Connection) -> None:
    """Make other processes that migrate the same database wait for this transaction.

    SQLite needs nothing: the transaction is a `write_transaction` (`BEGIN IMMEDIATE`). On
    PostgreSQL two processes opening a new database together would both create the tables,
    and one fail.
    """
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")


VERSION_SQL = "SELECT version_num FROM alembic_version"


def revisions_in(rows: list[Any]) -> set[str]:
    """The revisions in the rows of `VERSION_SQL`."""
    return {str(row[0]) for row in rows}


def current_revisions(connection: Connection) -> set[str]:
    """The revisions in `alembic_version` (none when the table is missing), read directly."""
    from sqlalchemy import inspect

    if not inspect(connection).has_table("alembic_version"):
        return set()
    return revisions_in(list(connection.exec_driver_sql(VERSION_SQL)))


def missing_database(path: Path) -> DatabaseError:
    """The error for a SQLite file that is not there, which only `ingest` creates."""
    return DatabaseError(f"no database at {path}; run `quotedb ingest` to create one")


def not_quotedb(name: str) -> DatabaseError:
    """The error for a database with tables of another program, which quotedb never touches."""
    return DatabaseError(
        f"cannot use {name}: it is not a quotedb database (it has tables quotedb did not make)"
    )


NEWER = "it was written by a newer quotedb; upgrade quotedb to use it"
"""Why a database at a revision this quotedb does not know cannot be used."""


def is_newer(current: set[str]) -> bool:
    """Whether the database is at a revision this quotedb does not have (loads Alembic)."""
    if not current or current == {HEAD_REVISION}:
        return False
    return bool(current - {script.revision for script in _script().walk_revisions()})


def open_error(url: str, exc: BaseException) -> DatabaseError:
    """`exc` as a one-line DatabaseError naming the database."""
    return open_error_at(describe(url), exc)


def open_error_at(name: str, exc: BaseException) -> DatabaseError:
    reason = getattr(exc, "orig", None) or exc  # a DBAPIError wraps the driver's error
    return DatabaseError(f"cannot open {name}: {' '.join(str(reason).split())}")
