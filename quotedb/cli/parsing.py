"""The commands that run the parser without a database: `extract` and `eval`."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from quotedb.cli import common, tables
from quotedb.cli.common import PATHS_HELP
from quotedb.cli.csv_options import DateColumn, OutletColumn, TextColumn, TitleColumn, UrlColumn
from quotedb.output import Format


class ExtractFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


TABLE_ROWS = 200
"""Quotes per table `extract` prints: a large input is printed a table at a time as it is
parsed, never held in memory whole."""


def extract(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", help=PATHS_HELP, show_default=False),
    ],
    fmt: Annotated[
        ExtractFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="table|jsonl",
            help="A table to read, or JSON Lines: one quote per line.",
        ),
    ] = ExtractFormat.table,
    text_column: TextColumn = None,
    title_column: TitleColumn = None,
    date_column: DateColumn = None,
    url_column: UrlColumn = None,
    outlet_column: OutletColumn = None,
) -> None:
    """Print the quotes found in articles, without a database.

    The inputs are read as `ingest` reads them (CSV columns by their usual names or the
    --...-column options). With --format jsonl each line is one quote: doc (the record's id
    or the file name), start and end (offsets into the article text as given), paragraph,
    text, kind, cue, speaker, speaker_type, role, mention and the spans of cue, mention and
    role.

    Examples:
      quotedb extract seeds/articles/banjir-wonoasri.txt
      quotedb extract seeds/articles --format jsonl
      quotedb extract berita.csv --text-column naskah
    """
    from quotedb.ingest.articles import article_failure
    from quotedb.ingest.csvfiles import CsvColumns
    from quotedb.ingest.inputs import InputFailure, iter_inputs
    from quotedb.ingest.pipeline import parser_module

    parser = parser_module()
    failed = printed = False
    rows: list[dict[str, object]] = []
    columns = CsvColumns(text_column, title_column, date_column, url_column, outlet_column)
    for item in iter_inputs(paths, columns=columns):
        if isinstance(item, InputFailure):
            common.error(item.message)
            failed = True
            continue
        for warning in item.warnings:
            common.warning(warning)
        try:
            found = parser.extract(item.text).quotes
        except Exception as exc:  # a parser bug in one article must not hide the others
            common.error(article_failure(item, exc).message)
            failed = True
            continue
        for quote in found:
            record = {"doc": item.doc, **quote.as_dict()}
            if fmt is ExtractFormat.jsonl:
                typer.echo(json.dumps(record, ensure_ascii=False))
                continue
            rows.append(record)
            if len(rows) >= TABLE_ROWS:
                _print_table(rows)
                rows, printed = [], True
    if fmt is ExtractFormat.table and (rows or not printed):
        _print_table(rows)
    if failed:
        raise typer.Exit(1)


def _print_table(rows: list[dict[str, object]]) -> None:
    from quotedb.output import render

    render([tables.marked(row, "text") for row in rows], Format.table, layout=tables.EXTRACTED)


def evaluate(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD",
            help="A gold file: JSON Lines, one article per line with its text and the "
            "quotes an annotator found.",
        ),
    ],
    fmt: Annotated[
        EvalFormat,
        typer.Option(
            "--format", "-f", metavar="table|json", help="A table to read, or JSON for programs."
        ),
    ] = EvalFormat.table,
    errors: Annotated[
        bool, typer.Option("--errors", help="Also list the misses and false alarms.")
    ] = False,
) -> None:
    """Score the parser against a gold file: quote, speaker, role and kind accuracy.

    A gold record has the article's text and its quotes, each with start, end, text, kind,
    cue, speaker, speaker_type, speaker_alt, mention, role and optional (the team's gold
    files are in ../shared/gold/).

    Examples:
      quotedb eval ../shared/gold/dev.jsonl --errors
      quotedb eval ../shared/gold/dev.jsonl --format json
    """
    from quotedb.evaluation import load_gold, render_errors, render_table, score
    from quotedb.ingest.pipeline import parser_module

    parser = parser_module()
    with common.errors():
        articles = load_gold(gold)
        report = score((article, parser.extract(article.text).quotes) for article in articles)
    if fmt is EvalFormat.json:
        typer.echo(json.dumps(report.summary()))
    else:
        typer.echo(render_table(report))
    if errors:
        # With --format json the errors go to stderr, so stdout stays one JSON object.
        typer.echo(render_errors(report), err=fmt is EvalFormat.json)
