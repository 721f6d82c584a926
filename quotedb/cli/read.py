"""The commands that read the database: `who-said`, `quotes`, `speakers` and `sql`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from quotedb.cli import common, tables
from quotedb.cli.common import DbOption, FormatOption, limit_option, not_blank
from quotedb.output import Format


def who_said(
    ctx: typer.Context,
    phrase: Annotated[
        str,
        typer.Argument(
            metavar="PHRASE", callback=not_blank, help="Words from the quote, in order."
        ),
    ],
    limit: Annotated[int, limit_option("quotes")] = 20,
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """Who said a phrase: the quotes containing it, best match first.

    Matching ignores case and accents; the words must appear in order. The table shows the
    speaker (as the person is known across the archive: `quotedb identity`) and their role,
    the kind of quote (a direct one is in quotation marks), the quote, the date, and on a
    wide terminal the article. JSON and CSV carry every field: speaker (the name in that
    article), identity, role, quote, kind, title, published, uri, quote_id, speaker_type,
    identity_id, cue, mention, source_id, start, end.

    Examples:
      quotedb who-said "perahu karet"
      quotedb who-said "stok dari petani" --format json
    """
    from quotedb.store import reading

    with common.errors(), common.reader(ctx, db) as database:
        rows = reading.who_said(database, phrase, limit=limit)
    _render_quotes(rows, fmt)


def quotes(
    ctx: typer.Context,
    speaker: Annotated[
        str,
        typer.Option(
            "--speaker",
            "-s",
            metavar="TEXT",
            callback=not_blank,
            help="Any name or alias of the person, or a part of one.",
        ),
    ],
    limit: Annotated[int, limit_option("quotes")] = 50,
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """What one person said, under any of their names, newest first.

    `Endang` and `Endang Sulistyowati` give the same quotes once they are one identity
    (see `quotedb identity`). A name no speaker has finds those an article gave it as an
    alias (a note says who else goes by a name that is also a speaker's); failing that,
    every person with a name or alias containing it. The table and the fields are those of
    who-said.

    Examples:
      quotedb quotes --speaker "Endang Sulistyowati"
      quotedb quotes --speaker Endang --format csv
    """
    from quotedb.store import reading

    with common.errors(), common.reader(ctx, db) as database:
        rows = reading.quotes_by_speaker(database, speaker, limit=limit)
        others = reading.also_called(database, speaker)
    _render_quotes(rows, fmt)
    if others:
        common.notice(
            f"articles also write {speaker!r} for {'; '.join(others)}: "
            "ask for one of them by a fuller name to see their quotes."
        )


def _render_quotes(rows: Sequence[object], fmt: Format) -> None:
    from quotedb.store.reading import QuoteRow

    common.render_records(
        rows,
        fmt,
        QuoteRow,
        tables.QUOTES,
        first=tables.QUOTE_FIELDS_FIRST,
        quote_field="quote",
    )


def speakers(
    ctx: typer.Context,
    limit: Annotated[int | None, limit_option("speakers")] = None,
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """Who is quoted: one row per person (or organisation, or unnamed source), most quoted
    first, with the roles they were quoted in and the first and last date of each, and their
    other names.

    JSON and CSV carry the fields name, speaker_type (person, organization or anonymous),
    quotes, roles, aliases, first_seen, last_seen and identity_id; in JSON each role is an
    object (role, first, last, quotes).

    Examples:
      quotedb speakers --limit 10
      quotedb speakers --format json
    """
    from quotedb.store import speaker_list

    with common.errors(), common.reader(ctx, db) as database:
        rows = speaker_list.list_speakers(database, limit=limit)
    common.render_records(rows, fmt, speaker_list.SpeakerRow, tables.SPEAKERS)


def sql(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(metavar="SQL", callback=not_blank, help="One SELECT (or WITH) statement."),
    ],
    fmt: FormatOption = Format.table,
    timeout: Annotated[
        float,
        typer.Option(min=0.001, metavar="SECONDS", help="Stop the query after this many seconds."),
    ] = 5.0,
    max_rows: Annotated[
        int, typer.Option(min=1, metavar="INTEGER", help="Print at most this many rows.")
    ] = 1000,
    db: DbOption = None,
) -> None:
    """Run read-only SQL on the database; anything that would write is refused.

    The view quote_facts has one row per quote with its speaker, role and article.

    Examples:
      quotedb sql "SELECT speaker, role, quote FROM quote_facts LIMIT 5"
      quotedb sql "SELECT kind, count(*) AS n FROM quotes GROUP BY kind" --format csv
    """
    from quotedb.output import render
    from quotedb.store import sql as queries

    with common.errors():
        result = queries.run_sql(common.db_url(ctx, db), query, timeout=timeout, max_rows=max_rows)
    render(result.rows, fmt, columns=result.columns)
    if result.truncated:
        common.notice(f"showing the first {max_rows} rows; raise --max-rows to see more.")
