"""The commands that read the database: `who-said`, `quotes`, `speakers` and `sql`."""

from __future__ import annotations

from typing import Annotated

import typer

from quotedb.cli import common
from quotedb.cli.common import DbOption, FormatOption
from quotedb.output import Format

QUOTE_COLUMNS = ("speaker", "role", "quote", "title", "published", "uri")
"""The columns `who-said` and `quotes` show in a table; JSON and CSV carry every field."""
SPEAKER_COLUMNS = ("name", "kind", "quotes", "roles", "aliases")


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
    from quotedb.store import reading

    with common.errors(), common.reader(ctx, db) as database:
        rows = reading.who_said(database, phrase, limit=limit)
    common.render_records(rows, fmt, reading.QuoteRow, QUOTE_COLUMNS)


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
    from quotedb.store import reading

    with common.errors(), common.reader(ctx, db) as database:
        rows = reading.quotes_by_speaker(database, speaker, limit=limit)
    common.render_records(rows, fmt, reading.QuoteRow, QUOTE_COLUMNS)


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
    from quotedb.store import reading

    with common.errors(), common.reader(ctx, db) as database:
        rows = reading.list_speakers(database, limit=limit)
    common.render_records(rows, fmt, reading.SpeakerRow, SPEAKER_COLUMNS)


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
    from quotedb.output import render
    from quotedb.store import sql as queries

    with common.errors():
        result = queries.run_sql(common.db_url(ctx, db), query, timeout=timeout, max_rows=max_rows)
    render(result.rows, fmt, columns=result.columns)
    if result.truncated:
        common.notice(f"showing the first {max_rows} rows; raise --max-rows to see more.")
