"""Progress on a terminal for the long commands (`ingest`, `reparse`), and their failures
printed as they come."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from quotedb.ingest.inputs import ArticleInput, InputFailure
    from quotedb.ingest.pipeline import IngestReport, ProgressCallback
    from quotedb.ingest.reparse import ProgressCallback as ReparseProgress
    from quotedb.ingest.reparse import ReparseReport


@contextmanager
def ingest_progress() -> Iterator[ProgressCallback]:
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
            stored = report.new + report.present + report.repeated
            bar.update(
                task,
                description=f"{stored} articles, {report.failed} failed, "
                f"{report.quotes_added} quotes",
                doc=getattr(item, "doc", ""),
            )

        yield live


@contextmanager
def reparse_progress(total: int) -> Iterator[ReparseProgress]:
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
