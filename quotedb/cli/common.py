"""What every command shares: the --db and --format options, one-line errors, the database.

Library errors (`QuotedbError`) become one line `Error: ...` on stderr and exit status 1;
usage errors exit 2 (Typer's own). Heavy imports (SQLAlchemy, Alembic, the parser) happen
inside the commands, so each command loads only what it needs and `--help` starts at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from quotedb.errors import QuotedbError
from quotedb.output import Format

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy import Engine

DB_HELP = "Database file or SQLAlchemy URL (default: quotedb.sqlite in the current folder)."

PATHS_HELP = "Text (.txt) or JSON Lines (.jsonl) files, folders, glob patterns, or - for stdin."

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="QUOTEDB_DB", show_envvar=True, help=DB_HELP, metavar="PATH|URL"),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def error(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)


def notice(message: str) -> None:
    typer.echo(f"Note: {message}", err=True)


def warning(message: str) -> None:
    typer.echo(f"Warning: {message}", err=True)


@contextmanager
def errors() -> Iterator[None]:
    """Turn a `QuotedbError` into one line on stderr and exit status 1, with no traceback."""
    try:
        yield
    except QuotedbError as exc:
        error(" ".join(str(exc).split()) or type(exc).__name__)
        raise typer.Exit(1) from None


def db_url(ctx: typer.Context, db: str | None) -> str:
    """The database URL: the command's --db, else `quotedb --db`, else $QUOTEDB_DB, else default."""
    from quotedb.config import resolve_db_url

    return resolve_db_url(db_option(ctx, db))


def db_option(ctx: typer.Context, db: str | None) -> str | None:
    """The --db given to the command, else the one given before it (`quotedb --db X ...`)."""
    root = ctx.find_root()
    given_here = on_command_line(ctx.get_parameter_source("db"))
    if not given_here and on_command_line(root.get_parameter_source("db")):
        db = root.params["db"]
    return db


def on_command_line(source: Enum | None) -> bool:
    return source is not None and source.name == "COMMANDLINE"


@contextmanager
def reader(ctx: typer.Context, db: str | None) -> Iterator[Engine | sqlite3.Connection]:
    """The database, read-only; a missing one is an error suggesting `quotedb ingest`.

    A SQLite file named by its path gets a plain sqlite3 connection, so the read commands
    answer without loading SQLAlchemy (a third of their start-up time); a URL gets an engine.
    """
    from quotedb.config import plain_sqlite_file

    option = db_option(ctx, db)
    path = plain_sqlite_file(option)
    if path is not None:
        from quotedb.store.database import connect_readonly

        connection = connect_readonly(path)
        try:
            yield connection
        finally:
            connection.close()
        return
    from quotedb.store.database import open_readonly

    engine = open_readonly(db_url(ctx, db))
    try:
        yield engine
    finally:
        engine.dispose()


def render_records(rows: Sequence[object], fmt: Format, kind: type, table: Sequence[str]) -> None:
    """Rows of dataclass `kind`: the `table` columns for people; JSON and CSV add every field."""
    from dataclasses import fields

    from quotedb.output import render

    columns = list(table)
    if fmt is not Format.table:
        columns += [field.name for field in fields(kind) if field.name not in table]
    render(rows, fmt, columns=columns)
