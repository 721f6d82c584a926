"""What every command shares: its options, one-line errors, the database, printing rows.

Library errors (`QuotedbError`) become one line `Error: ...` on stderr and exit status 1;
usage errors are one line too, with exit status 2 (`quotedb.cli.help`). Heavy imports
(SQLAlchemy, Alembic, the parser) happen inside the commands, so each command loads only what
it needs and `--help` starts at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from quotedb.errors import QuotedbError
from quotedb.output import Column, Format

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy import Engine

DB_HELP = "Database file or SQLAlchemy URL (default: quotedb.sqlite in the current folder)."

PATHS_HELP = (
    "Text (.txt), JSON Lines (.jsonl), CSV (.csv, .tsv) or saved web page (.html, .htm) files, "
    "folders, glob patterns, or - for stdin."
)

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="QUOTEDB_DB", show_envvar=True, help=DB_HELP, metavar="PATH|URL"),
]
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        metavar="table|json|csv",
        help="A table to read, or JSON or CSV with every field for programs.",
    ),
]


def limit_option(things: str) -> Any:
    """`--limit INTEGER`: at most this many `things`."""
    return typer.Option(
        "--limit", "-n", min=1, metavar="INTEGER", help=f"At most this many {things}."
    )


def not_blank(value: str) -> str:
    """A text argument or option that must say something: empty is a usage error (exit 2)."""
    if not value.strip():
        raise typer.BadParameter("must not be empty")
    return value


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
        from quotedb.store.readonly import connect_readonly

        connection = connect_readonly(path)
        try:
            yield connection
        finally:
            connection.close()
        return
    from quotedb.store.readonly import open_readonly

    engine = open_readonly(db_url(ctx, db))
    try:
        yield engine
    finally:
        engine.dispose()


def render_records(
    rows: Sequence[object],
    fmt: Format,
    kind: type,
    layout: Sequence[Column],
    *,
    first: Sequence[str] = (),
    quote_field: str | None = None,
) -> None:
    """Rows of dataclass `kind`: a table laid out by `layout`, with the `quote_field` of direct
    quotes in quotation marks; JSON and CSV with every field, the `first` ones first."""
    from dataclasses import fields

    from quotedb.cli.tables import marked
    from quotedb.output import as_mapping, render

    columns = list(first) + [field.name for field in fields(kind) if field.name not in first]
    if fmt is Format.table and quote_field is not None:
        rows = [marked(as_mapping(row), quote_field) for row in rows]
    render(rows, fmt, columns=columns, layout=layout)
