"""The commands that write: `ingest` and `reparse`."""

from __future__ import annotations

from typing import Annotated

import typer

from quotedb.cli import common
from quotedb.cli.common import PATHS_HELP, DbOption
from quotedb.cli.csv_options import DateColumn, OutletColumn, TextColumn, TitleColumn, UrlColumn
from quotedb.cli.progress import ingest_progress, reparse_progress
from quotedb.ingest.csvfiles import CsvColumns


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
            metavar="INTEGER",
            show_default="one per core",
            help="Parser processes; 1 parses in this process.",
        ),
    ] = None,
    text_column: TextColumn = None,
    title_column: TitleColumn = None,
    date_column: DateColumn = None,
    url_column: UrlColumn = None,
    outlet_column: OutletColumn = None,
) -> None:
    """Read articles, find their quotes, and store both in the database.

    Folders are searched recursively for .txt, .jsonl, .csv, .tsv, .html and .htm files;
    standard input (-) is read as JSON Lines when its first non-blank line is a JSON object,
    else as one text article. A CSV file holds one article a row, its columns found by their
    usual English and Indonesian names (or the --...-column options); a saved web page is
    one article, read without its menus, boxes and comments. An article already stored
    (same text) is skipped, and so is one repeated in the input; each article is stored
    with all its quotes or not at all. A bad file, line or row is reported and the rest are
    still stored (exit status 1 at the end). Articles are parsed in --workers processes and
    written about a thousand at a time.

    Examples:
      quotedb ingest seeds/articles news.jsonl
      quotedb ingest berita.csv --text-column naskah --date-column waktu_terbit
      quotedb ingest halaman-tersimpan/ --workers 4
      cat article.txt | quotedb ingest -
    """
    from quotedb.ingest.pipeline import ingest as ingest_paths
    from quotedb.store.database import opened

    columns = CsvColumns(text_column, title_column, date_column, url_column, outlet_column)
    with common.errors(), opened(common.db_url(ctx, db)) as engine:
        with ingest_progress() as progress:
            report = ingest_paths(
                paths, engine, progress=progress, workers=workers, columns=columns
            )
    typer.echo(report.summary())
    if report.failures:
        raise typer.Exit(1)


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
    """Find the quotes of stored articles again, with this quotedb's parser.

    After upgrading quotedb, this brings the quotes of articles already in the database up to
    date without reading their files again. Each article is updated on its own, all or nothing;
    articles keep their id and metadata. Speakers and roles left without quotes are removed.

    Examples:
      quotedb reparse --outdated
      quotedb reparse --source 12 --source 14
    """
    from quotedb.ingest.reparse import reparse_ids, select_sources
    from quotedb.store.database import missing_database, opened, sqlite_path

    with common.errors():
        url = common.db_url(ctx, db)
        path = sqlite_path(url)
        if path is not None and not path.is_file():  # nothing to re-parse: create no file
            raise missing_database(path)
        with opened(url) as engine:
            ids = select_sources(engine, source or (), outdated=outdated)
            with reparse_progress(len(ids)) as progress:
                report = reparse_ids(engine, ids, progress)
    typer.echo(report.summary())
    if report.failures:
        raise typer.Exit(1)
