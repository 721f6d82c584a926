"""The command that serves the database to a web browser: `browse`."""

from __future__ import annotations

from typing import Annotated

import typer

from quotedb.cli import common
from quotedb.cli.common import DbOption


def browse(
    ctx: typer.Context,
    db: DbOption = None,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            metavar="TEXT",
            help="The address to listen on; e.g. --host 0.0.0.0 lets others on your network in.",
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option(
            "--port",
            "-p",
            min=0,
            max=65535,
            metavar="INTEGER",
            help="The port; e.g. --port 0 takes a free one.",
        ),
    ] = 8001,
) -> None:
    """Browse the database in a web browser, read-only, with Datasette.

    Needs the web extra: pip install 'quotedb[web]'. The pages show every table with
    descriptions; quote_facts (one row a quote) with facets on speaker, role, outlet and date
    and a search box; and two canned queries, who_said (who said this phrase) and
    speaker_quotes (what did this speaker say). A quote's article title links to the
    article. Nothing can be changed from the browser. Datasette reads only SQLite: a
    PostgreSQL --db is an error (ingest into a SQLite file to browse). Stop with Ctrl-C.

    Examples:
      quotedb browse
      quotedb browse --db arsip.sqlite --port 8080
    """
    from quotedb.web.app import database_file, serve

    def announce(url: str) -> None:
        typer.echo(f"Serving {path} read-only at {url} (Ctrl-C to stop)")

    with common.errors():
        path = database_file(common.db_option(ctx, db))
        serve(path, host, port, announce)
