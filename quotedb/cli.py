"""The `quotedb` command: a thin layer over the library.

Each command calls one library function (`ingest.ingest`, `queries.who_said`, `queries.run_sql`,
`parser.extract`, `evaluate.score`) and prints its result. Library errors (`QuotedbError`)
become one line `Error: ...` on stderr and exit status 1; usage errors exit 2. Heavy imports
(SQLAlchemy, Alembic, the parser) happen inside the commands, so each command loads only what
it needs and `--help` starts at once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quotedb.errors import QuotedbError
from quotedb.output import Format

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy import Engine

    from quotedb.ingest import IngestReport, ProgressCallback
    from quotedb.loaders import ArticleInput, InputFailure
    from quotedb.reparse import ProgressCallback as ReparseProgress
    from quotedb.reparse import ReparseReport

app = typer.Typer(
    name="quotedb",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

DB_HELP = "Database file or SQLAlchemy URL (default: quotedb.sqlite in the current folder)."

PATHS_HELP = "Text (.txt) or JSON Lines (.jsonl) files, folders, glob patterns, or - for stdin."

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="QUOTEDB_DB", show_envvar=True, help=DB_HELP, metavar="PATH|URL"),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


class ExtractFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


QUOTE_COLUMNS = ("speaker", "role", "quote", "title", "published", "uri")
"""The columns `who-said` and `quotes` show in a table; JSON and CSV carry every field."""
SPEAKER_COLUMNS = ("name", "kind", "quotes", "roles", "aliases")
EXTRACT_COLUMNS = ("doc", "speaker", "role", "kind", "text")


def main() -> None:
    """The console script `quotedb`."""
    app()


ROOT_HELP = """Who said what in Indonesian news: find quotes and their speakers, store, query.

Example:

```
quotedb ingest seeds/articles
quotedb who-said "perahu karet"
```
"""


@app.callback(help=ROOT_HELP)
def _root(db: DbOption = None) -> None:
    """The options before the command; `--db` here serves every command that has none."""


# --- ingest, extract -------------------------------------------------------------------------


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", help=PATHS_HELP, show_default=False),
    ],
    db: DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-w",
            min=1,
            show_default="one per core",
            help="Parser processes; 1 parses in this process.",
        ),
    ] = None,
) -> None:
    """Read articles, extract their quotes and store both in the database.

    Folders are searched recursively for .txt and .jsonl files. An article already stored
    (same text) is skipped; each article is stored with all its quotes or not at all. A bad
    file or line is reported and the rest are still stored (exit status 1 at the end).
    Articles are parsed in --workers processes and written about a thousand at a time.

    Example:

    ```
    quotedb ingest seeds/articles news.jsonl
    quotedb ingest archive/ --workers 4
    cat article.txt | quotedb ingest -
    ```
    """
    from quotedb.db import open_database
    from quotedb.ingest import ingest as ingest_paths

    with _errors():
        engine = open_database(_db_url(ctx, db))
        with _progress() as progress:
            report = ingest_paths(paths, engine, progress=progress, workers=workers)
    typer.echo(report.summary())
    if report.failures:
        raise typer.Exit(1)


@app.command()
def reparse(
    ctx: typer.Context,
    source: Annotated[
        list[int] | None,
        typer.Option(
            "--source", "-s", min=1, metavar="ID", help="Only this source id (repeatable)."
        ),
    ] = None,
    outdated: Annotated[
        bool,
        typer.Option("--outdated", help="Only sources parsed by another parser version."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Extract the quotes of stored articles again, with the current parser.

    After upgrading quotedb, this brings the quotes of articles already in the database up to
    date without reading their files again. Each article is updated on its own, all or nothing;
    articles keep their id and metadata. Speakers and roles left without quotes are removed.

    Example:

    ```
    quotedb reparse --outdated
    quotedb reparse --source 12 --source 14
    ```
    """
    from quotedb.db import open_database, sqlite_path
    from quotedb.errors import DatabaseError
    from quotedb.reparse import reparse_ids, select_sources

    with _errors():
        url = _db_url(ctx, db)
        path = sqlite_path(url)
        if path is not None and not path.is_file():  # nothing to re-parse: create no file
            raise DatabaseError(f"no database at {path}; run `quotedb ingest` to create one")
        engine = open_database(url)
        ids = select_sources(engine, source or (), outdated=outdated)
        with _reparse_progress(len(ids)) as progress:
            report = reparse_ids(engine, ids, progress)
    typer.echo(report.summary())
    if report.failures:
        raise typer.Exit(1)


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", help=PATHS_HELP, show_default=False),
    ],
    fmt: Annotated[
        ExtractFormat,
        typer.Option("--format", "-f", help="table for people, jsonl: one quote per line."),
    ] = ExtractFormat.table,
) -> None:
    """Print the quotes found in articles, without a database.

    With --format jsonl each line is one quote: doc (the record's id or the file name),
    start and end (offsets into the article text as given), text, kind, cue, speaker,
    speaker_type, role, mention and the spans of cue, mention and role.

    Example:

    ```
    quotedb extract seeds/articles --format jsonl
    ```
    """
    from quotedb.ingest import article_failure, parser_module
    from quotedb.loaders import InputFailure, iter_inputs
    from quotedb.output import render

    parser = parser_module()
    failed = False
    rows: list[dict[str, object]] = []
    for item in iter_inputs(paths):
        if isinstance(item, InputFailure):
            _error(item.message)
            failed = True
            continue
        for warning in item.warnings:
            _warning(warning)
        try:
            found = parser.extract(item.text).quotes
        except Exception as exc:  # a parser bug in one article must not hide the others
            _error(article_failure(item, exc).message)
            failed = True
            continue
        for quote in found:
            record = {"doc": item.doc, **quote.as_dict()}
            if fmt is ExtractFormat.jsonl:
                typer.echo(json.dumps(record, ensure_ascii=False))
            else:
                rows.append(record)
    if fmt is ExtractFormat.table:
        render(rows, Format.table, columns=EXTRACT_COLUMNS, titles={"text": "quote"})
    if failed:
        raise typer.Exit(1)


# --- queries ---------------------------------------------------------------------------------


@app.command("who-said")
def who_said(
    ctx: typer.Context,
    phrase: Annotated[str, typer.Argument(help="Words from the quote, in order.")],
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many quotes.")] = 20,
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """Who said a phrase: the quotes containing it, best match first.

    Matching ignores case and accents; the words must appear in order. JSON and CSV carry
    every field: speaker, speaker_kind, role, quote, kind, cue, mention, title, published,
    uri, source_id, start, end.

    Example:

    ```
    quotedb who-said "perahu karet"
    quotedb who-said "stok dari petani" --format json
    ```
    """
    from quotedb import reading

    with _errors(), _reader(ctx, db) as database:
        rows = reading.who_said(database, phrase, limit=limit)
    _render_records(rows, fmt, reading.QuoteRow, QUOTE_COLUMNS)


@app.command()
def quotes(
    ctx: typer.Context,
    speaker: Annotated[
        str, typer.Option("--speaker", "-s", help="The speaker's name or one of its aliases.")
    ],
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many quotes.")] = 50,
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """What one speaker said, newest first.

    Example:

    ```
    quotedb quotes --speaker "Endang Sulistyowati"
    quotedb quotes --speaker Endang --format csv
    ```
    """
    from quotedb import reading

    with _errors(), _reader(ctx, db) as database:
        rows = reading.quotes_by_speaker(database, speaker, limit=limit)
    _render_records(rows, fmt, reading.QuoteRow, QUOTE_COLUMNS)


@app.command()
def speakers(
    ctx: typer.Context,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Show at most this many speakers.")
    ] = None,
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """The speakers in the database, with their quote counts, roles and other names.

    Example:

    ```
    quotedb speakers --limit 10
    quotedb speakers --format json
    ```
    """
    from quotedb import reading

    with _errors(), _reader(ctx, db) as database:
        rows = reading.list_speakers(database, limit=limit)
    _render_records(rows, fmt, reading.SpeakerRow, SPEAKER_COLUMNS)


@app.command()
def sql(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(metavar="SQL", help="One SELECT (or WITH) statement.")],
    fmt: FormatOption = Format.table,
    timeout: Annotated[
        float, typer.Option(min=0.001, help="Stop the query after this many seconds.")
    ] = 5.0,
    max_rows: Annotated[int, typer.Option(min=1, help="Print at most this many rows.")] = 1000,
    db: DbOption = None,
) -> None:
    """Run read-only SQL against the database; anything that would write is refused.

    The view quote_facts joins each quote with its speaker, role and article.

    Example:

    ```
    quotedb sql "SELECT speaker, role, quote FROM quote_facts LIMIT 5"
    quotedb sql "SELECT kind, count(*) AS n FROM quotes GROUP BY kind" --format csv
    ```
    """
    from quotedb import queries
    from quotedb.output import render

    with _errors():
        result = queries.run_sql(_db_url(ctx, db), query, timeout=timeout, max_rows=max_rows)
    render(result.rows, fmt, columns=result.columns)
    if result.truncated:
        _notice(f"showing the first {max_rows} rows; raise --max-rows to see more.")


# --- eval ------------------------------------------------------------------------------------


@app.command("eval")
def evaluate(
    gold: Annotated[
        Path, typer.Argument(metavar="GOLD.jsonl", help="A gold file (see GUIDELINES.md).")
    ],
    fmt: Annotated[
        EvalFormat, typer.Option("--format", "-f", help="table for people, json for scripts.")
    ] = EvalFormat.table,
    errors: Annotated[
        bool, typer.Option("--errors", help="Also list the misses and false alarms.")
    ] = False,
) -> None:
    """Score the parser against a gold file: quote, speaker, role and kind accuracy.

    Example:

    ```
    quotedb eval ../shared/gold/dev.jsonl --errors
    quotedb eval ../shared/gold/dev.jsonl --format json
    ```
    """
    from quotedb.evaluate import load_gold, render_errors, render_table, score
    from quotedb.ingest import parser_module

    parser = parser_module()
    with _errors():
        articles = load_gold(gold)
        report = score((article, parser.extract(article.text).quotes) for article in articles)
    if fmt is EvalFormat.json:
        typer.echo(json.dumps(report.summary()))
    else:
        typer.echo(render_table(report))
    if errors:
        # With --format json the errors go to stderr, so stdout stays one JSON object.
        typer.echo(render_errors(report), err=fmt is EvalFormat.json)


# --- helpers ---------------------------------------------------------------------------------


def _error(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)


def _notice(message: str) -> None:
    typer.echo(f"Note: {message}", err=True)


def _warning(message: str) -> None:
    typer.echo(f"Warning: {message}", err=True)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn a `QuotedbError` into one line on stderr and exit status 1, with no traceback."""
    try:
        yield
    except QuotedbError as exc:
        _error(" ".join(str(exc).split()) or type(exc).__name__)
        raise typer.Exit(1) from None


def _db_url(ctx: typer.Context, db: str | None) -> str:
    """The database URL: the command's --db, else `quotedb --db`, else $QUOTEDB_DB, else default."""
    from quotedb.config import resolve_db_url

    return resolve_db_url(_db_option(ctx, db))


def _db_option(ctx: typer.Context, db: str | None) -> str | None:
    """The --db given to the command, else the one given before it (`quotedb --db X ...`)."""
    root = ctx.find_root()
    given_here = _on_command_line(ctx.get_parameter_source("db"))
    if not given_here and _on_command_line(root.get_parameter_source("db")):
        db = root.params["db"]
    return db


def _on_command_line(source: Enum | None) -> bool:
    return source is not None and source.name == "COMMANDLINE"


@contextmanager
def _reader(ctx: typer.Context, db: str | None) -> Iterator[Engine | sqlite3.Connection]:
    """The database, read-only; a missing one is an error suggesting `quotedb ingest`.

    A SQLite file named by its path gets a plain sqlite3 connection, so the read commands
    answer without loading SQLAlchemy (a third of their start-up time); a URL gets an engine.
    """
    from quotedb.config import plain_sqlite_file

    option = _db_option(ctx, db)
    path = plain_sqlite_file(option)
    if path is not None:
        from quotedb.db import connect_readonly

        connection = connect_readonly(path)
        try:
            yield connection
        finally:
            connection.close()
        return
    from quotedb.db import open_readonly

    engine = open_readonly(_db_url(ctx, db))
    try:
        yield engine
    finally:
        engine.dispose()


def _render_records(rows: Sequence[object], fmt: Format, kind: type, table: Sequence[str]) -> None:
    """Rows of dataclass `kind`: the `table` columns for people; JSON and CSV add every field."""
    from dataclasses import fields

    from quotedb.output import render

    columns = list(table)
    if fmt is not Format.table:
        columns += [field.name for field in fields(kind) if field.name not in table]
    render(rows, fmt, columns=columns)


@contextmanager
def _progress() -> Iterator[ProgressCallback]:
    """A progress callback for `ingest`: failures as they come, and a live counter on a terminal."""
    if not sys.stderr.isatty():
        yield _FailurePrinter(lambda line: typer.echo(line, err=True))
        return

    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.fields[doc]}", style="dim"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reading", total=None, doc="")

        def print_line(line: str) -> None:
            bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

        print_failures = _FailurePrinter(print_line)

        def live(item: ArticleInput | InputFailure, report: IngestReport) -> None:
            print_failures(item, report)
            stored = report.new + report.present
            bar.update(
                task,
                description=f"{stored} articles, {report.failed} failed, "
                f"{report.quotes_added} quotes",
                doc=getattr(item, "doc", ""),
            )

        yield live


@contextmanager
def _reparse_progress(total: int) -> Iterator[ReparseProgress]:
    """A progress callback for `reparse`: failures as they come, and a bar on a terminal."""
    printed = 0

    def print_failures(report: ReparseReport, print_line: Callable[[str], None]) -> None:
        nonlocal printed
        for failure in report.failures[printed:]:
            print_line(f"Error: {failure}")
        printed = len(report.failures)

    if not sys.stderr.isatty():

        def plain(_source_id: int, report: ReparseReport) -> None:
            print_failures(report, lambda line: typer.echo(line, err=True))

        yield plain
        return

    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("re-parsing", total=total)

        def print_line(line: str) -> None:
            bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

        def live(_source_id: int, report: ReparseReport) -> None:
            print_failures(report, print_line)
            bar.advance(task)

        yield live


class _FailurePrinter:
    """Prints each failure in an ingest report once, as soon as it is there, and the warnings
    about each article read (`Warning: a.txt: not UTF-8, decoded as windows-1252`)."""

    def __init__(self, print_line: Callable[[str], None]) -> None:
        self._print = print_line
        self._printed = 0

    def __call__(self, item: ArticleInput | InputFailure, report: IngestReport) -> None:
        for warning in getattr(item, "warnings", ()):
            self._print(f"Warning: {warning}")
        for failure in report.failures[self._printed :]:
            self._print(f"Error: {failure.message}")
        self._printed = len(report.failures)
