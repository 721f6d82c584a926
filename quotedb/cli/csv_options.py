"""The options that name a CSV file's columns, shared by `ingest` and `extract`."""

from __future__ import annotations

from typing import Annotated

import typer

from quotedb.ingest.csvfiles import KNOWN_COLUMNS


def _column(field: str, what: str, example: str) -> object:
    usual = ", ".join(KNOWN_COLUMNS[field])
    return typer.Option(
        f"--{field}-column",
        metavar="TEXT",
        show_default=False,
        help=f"The CSV column holding {what}, e.g. {example}; else the first of: {usual}.",
    )


TextColumn = Annotated[str | None, _column("text", "the article text", "naskah")]
TitleColumn = Annotated[str | None, _column("title", "the headline", "headline")]
DateColumn = Annotated[str | None, _column("date", "the publication date", "waktu_terbit")]
UrlColumn = Annotated[str | None, _column("url", "the article's url", "alamat")]
OutletColumn = Annotated[str | None, _column("outlet", "the outlet's name", "portal")]
