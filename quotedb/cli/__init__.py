"""The `quotedb` command: a thin layer over the library.

Each command calls one library function (`quotedb.ingest.ingest`, `quotedb.store.reading.who_said`,
`quotedb.store.sql.run_sql`, `quotedb.parse.extract`, `quotedb.evaluation.score`) and prints
its result. The commands live by what they do: `write` (ingest, reparse), `read` (who-said,
quotes, speakers, sql), `parsing` (extract, eval), `browse` (the web view, `quotedb.web`)
and `identity` (the `quotedb identity` group: merge, split, rename and the rest); `common`
holds what they share.
"""

from __future__ import annotations

import typer

from quotedb.cli import browse, identity, parsing, read, write
from quotedb.cli.common import DbOption
from quotedb.cli.help import Command, Group

app = typer.Typer(
    name="quotedb",
    cls=Group,
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help (quotedb.cli.help), not Typer's rich panels
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

ROOT_HELP = """Who said what in Indonesian news: find quotes and their speakers, store, query.

Examples:
  quotedb ingest seeds/articles
  quotedb who-said "perahu karet"
"""


@app.callback(help=ROOT_HELP)
def _root(db: DbOption = None) -> None:
    """The options before the command; `--db` here serves every command that has none."""


app.command(cls=Command)(write.ingest)
app.command(cls=Command)(write.reparse)
app.command(cls=Command)(parsing.extract)
app.command("who-said", cls=Command)(read.who_said)
app.command(cls=Command)(read.quotes)
app.command(cls=Command)(read.speakers)
app.command(cls=Command)(read.sql)
app.command("eval", cls=Command)(parsing.evaluate)
app.command(cls=Command)(browse.browse)
app.add_typer(identity.app)


def main() -> None:
    """The console script `quotedb`."""
    app()
