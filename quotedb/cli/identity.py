"""`quotedb identity ...`: who is who across the archive, and the decisions made by hand."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Protocol

import typer

from quotedb.cli import common, tables
from quotedb.cli.common import DbOption, FormatOption, limit_option, not_blank
from quotedb.cli.help import Command, Group
from quotedb.errors import DatabaseError, QuotedbError
from quotedb.output import Format

if TYPE_CHECKING:
    from sqlalchemy import Engine

app = typer.Typer(
    name="identity",
    cls=Group,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="""Who is who across the archive: merge, split and rename identities by hand.

An identity is one person (or organisation) across articles: `Jokowi` and `Joko Widodo`,
`Endang` and `Endang Sulistyowati`. quotedb decides identities after every ingest and
reparse, from a list of well-known nicknames, the aliases articles give, and short names
that fit exactly one person with a fitting role; what it cannot tell stays apart and is
listed by `ambiguous`. Decisions made here are stored and always win, also after `reparse`
and later ingests; `export` and `import` share them between databases.

Examples:
  quotedb identity ambiguous
  quotedb identity merge Bambang "Bambang Wicaksono"
  quotedb identity export curation.json
""",
)

NoteOption = Annotated[
    str | None,
    typer.Option("--note", metavar="TEXT", help="Why: kept with the decision."),
]


@app.command(cls=Command)
def merge(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(metavar="NAME", callback=not_blank, help="A name or alias of one person."),
    ],
    into: Annotated[
        str,
        typer.Argument(
            metavar="INTO", callback=not_blank, help="A name or alias of the person they are."
        ),
    ],
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Record that two names are one person: NAME's identity joins INTO's.

    Examples:
      quotedb identity merge Bambang "Bambang Wicaksono"
      quotedb identity merge Endang "Endang Sulistyowati" --note "the regent, in every article"
    """
    from quotedb.identity import curation

    _decide(ctx, db, lambda engine: curation.merge(engine, name, into, note))


@app.command(cls=Command)
def split(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            callback=not_blank,
            help="A speaker's name, as `quotedb speakers` lists it.",
        ),
    ],
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Record that the speaker NAME is a person of their own: NAME leaves its identity, and
    automatic merging leaves it alone from now on.

    Examples:
      quotedb identity split Warsini --note "a trader, whoever else is called so"
    """
    from quotedb.identity import curation

    _decide(ctx, db, lambda engine: curation.split(engine, name, note))


@app.command(cls=Command)
def rename(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(metavar="NAME", callback=not_blank, help="A name or alias of the person."),
    ],
    new_name: Annotated[
        str,
        typer.Argument(metavar="NEW_NAME", callback=not_blank, help="The name to show for them."),
    ],
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Record the name a person is shown with (`speakers`, the table of `quotes`).

    Examples:
      quotedb identity rename "Endang Sulistyowati" "Hj. Endang Sulistyowati"
    """
    from quotedb.identity import curation

    _decide(ctx, db, lambda engine: curation.rename(engine, name, new_name, note))


@app.command(cls=Command)
def decisions(ctx: typer.Context, fmt: FormatOption = Format.table, db: DbOption = None) -> None:
    """The decisions made by hand, in the order they apply (later ones win).

    Examples:
      quotedb identity decisions
      quotedb identity decisions --format json
    """
    from quotedb.identity import curation
    from quotedb.output import render
    from quotedb.store.identities import list_decisions

    with common.errors(), _readable(ctx, db) as engine:
        with engine.connect() as conn:
            rows = curation.listed(list_decisions(conn))
    render(rows, fmt, columns=["id", *curation.FIELDS])


@app.command(cls=Command)
def forget(
    ctx: typer.Context,
    decision: Annotated[int, typer.Argument(metavar="ID", help="The decision's id.")],
    db: DbOption = None,
) -> None:
    """Delete a decision made by hand (ids: `quotedb identity decisions`).

    Examples:
      quotedb identity forget 3
    """
    from quotedb.identity import curation

    _decide(ctx, db, lambda engine: curation.forget(engine, decision))


@app.command("export", cls=Command)
def export_(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="Where to write; - for stdout.")
    ] = "-",
    db: DbOption = None,
) -> None:
    """Write the decisions made by hand to a JSON file, for another database to import.

    Each decision is an object: action (merge, split or rename), speaker and into (names,
    in the lowercase form quotedb compares them in), new_name, note, decided_at.

    Examples:
      quotedb identity export curation.json
      quotedb identity export > curation.json
    """
    from quotedb.identity import curation

    with common.errors(), _readable(ctx, db) as engine:
        text = curation.export_decisions(engine)
        if file == "-":
            sys.stdout.write(text)
            return
        try:
            Path(file).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise QuotedbError(f"cannot write {file}: {exc.strerror}") from None


@app.command("import", cls=Command)
def import_(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="A file `export` wrote; - for stdin.")
    ],
    db: DbOption = None,
) -> None:
    """Add the decisions of a JSON file that the database does not hold yet.

    A file with any wrong decision adds nothing. Names may be written as in articles.

    Examples:
      quotedb identity import curation.json
    """
    from quotedb.identity import curation

    with common.errors():
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QuotedbError(
                f"cannot read {file}: {getattr(exc, 'strerror', None) or exc}"
            ) from None
        with _writable(ctx, db) as engine:
            added, resolution = curation.import_decisions(engine, text, file)
    typer.echo(f"{added} decision{'s' if added != 1 else ''} added. {resolution.summary()}")


@app.command(cls=Command)
def ambiguous(
    ctx: typer.Context,
    limit: Annotated[int | None, limit_option("names")] = None,
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """Short names the archive cannot give to one person, with who they could be.

    `several candidates`: more than one person has that name among theirs, and roles do
    not tell them apart. `roles differ`: the only candidates were quoted in other roles.
    Settle one with `quotedb identity merge`, or leave it apart.

    Examples:
      quotedb identity ambiguous --limit 20
    """
    from quotedb.identity.identities import Ambiguity, ambiguous_names

    with common.errors(), _readable(ctx, db) as engine:
        rows = ambiguous_names(engine).ambiguous[:limit]
    common.render_records(rows, fmt, Ambiguity, tables.AMBIGUOUS)


@app.command(cls=Command)
def refresh(ctx: typer.Context, db: DbOption = None) -> None:
    """Decide identities again now (ingest and reparse do it when they store something).

    Examples:
      quotedb identity refresh
    """
    from quotedb.identity.identities import refresh_identities

    _decide(ctx, db, refresh_identities)


class _Summarised(Protocol):
    def summary(self) -> str: ...


def _decide(ctx: typer.Context, db: str | None, decide: Callable[[Engine], _Summarised]) -> None:
    """Run `decide` on the writable database and print the one line it sums up to."""
    with common.errors(), _writable(ctx, db) as engine:
        done = decide(engine)
    typer.echo(done.summary())


def _writable(ctx: typer.Context, db: str | None) -> AbstractContextManager[Engine]:
    """The database, writable and migrated; it must exist. Database errors are one line."""
    from quotedb.store.database import missing_database, open_database, sqlite_path

    url = common.db_url(ctx, db)
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        raise missing_database(path)
    return _engine(url, open_database)


def _readable(ctx: typer.Context, db: str | None) -> AbstractContextManager[Engine]:
    """The database, read-only. Database errors are one line."""
    from quotedb.store.readonly import open_readonly

    return _engine(common.db_url(ctx, db), open_readonly)


@contextmanager
def _engine(url: str, opening: Callable[[str], Engine]) -> Iterator[Engine]:
    engine = opening(url)
    try:
        with _one_line(url):
            yield engine
    finally:
        engine.dispose()


@contextmanager
def _one_line(url: str) -> Iterator[None]:
    from sqlalchemy.exc import SQLAlchemyError

    from quotedb.store.database import describe

    try:
        yield
    except SQLAlchemyError as exc:
        reason = getattr(exc, "orig", None) or exc
        raise DatabaseError(f"{describe(url)}: {' '.join(str(reason).split())}") from None
