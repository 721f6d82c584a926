"""The `quotedb` command: a thin layer over the library.

Each command calls one library function (`quotedb.ingest.ingest`, `quotedb.store.reading.who_said`,
`quotedb.store.sql.run_sql`, `quotedb.parse.extract`, `quotedb.evaluation.score`) and prints
its result. The commands live by what they do: `write` (ingest, reparse), `read` (who-said,
quotes, speakers, sql) and `parsing` (extract, eval); `common` holds what they share.
"""

from __future__ import annotations

import typer

from quotedb.cli import parsing, read, write
from quotedb.cli.common import DbOption

app = typer.Typer(
    name="quotedb",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

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


app.command()(write.ingest)
app.command()(write.reparse)
app.command()(parsing.extract)
app.command("who-said")(read.who_said)
app.command()(read.quotes)
app.command()(read.speakers)
app.command()(read.sql)
app.command("eval")(parsing.evaluate)


def main() -> None:
    """The console script `quotedb`."""
    app()
