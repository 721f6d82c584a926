"""Reading articles into the database: load, parse in worker processes, store in batches.

`ingest` is the library form of `quotedb ingest`. The input is read as a stream, in chunks;
each chunk's texts are checked against the database with one query (an article whose text is
already stored, same sha256, is skipped without parsing), the rest are parsed in worker
processes (`quotedb.ingest.workers.Parsers`), and the results are written in order, about a
thousand articles per transaction (`quotedb.store.writer.BulkWriter`). Each article is stored
with all its quotes or not at all: a batch the database refuses is written again one article at
a time. A bad input, a parser error or an article the database refuses is recorded in the
report and never stops the other articles; a failure of the database itself (a lost
connection, a locked file) stops the ingest with a `DatabaseError`, keeping the batches
committed before it. Running the same ingest twice adds nothing the second time, so after a
stop it goes on where the first one stopped. Once something new is stored, the identities of
the speakers are decided again (`quotedb.identity.identities`).
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from itertools import chain
from types import ModuleType
from typing import TYPE_CHECKING, Final, TextIO

from quotedb.errors import DatabaseError, QuotedbError, counted
from quotedb.ingest.inputs import (
    ArticleInput,
    CsvColumns,
    InputFailure,
    article_failure,
    iter_inputs,
)
from quotedb.store.rows import ArticleData

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from quotedb.identity.identities import Resolution
    from quotedb.ingest.workers import Job, Outcome, Parsers, Task
    from quotedb.store.writer import BulkWriter, Written


@dataclass
class IngestReport:
    """What one ingest did: counts of articles and quotes, and one failure per bad input."""

    new: int = 0
    present: int = 0
    """Articles whose text was stored before (by an earlier ingest, or another one running)."""
    repeated: int = 0
    """Articles whose text came earlier in this ingest's input."""
    quotes_added: int = 0
    failures: list[InputFailure] = field(default_factory=list)
    identities: Resolution | None = None
    """The identities decided after the articles were stored (None when nothing new was)."""

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def articles(self) -> int:
        return self.new + self.present + self.repeated + self.failed

    def summary(self) -> str:
        """`3 articles new, 0 already stored, 0 repeated in the input, 1 failed; 12 quotes
        added.`"""
        return (
            f"{counted(self.new, 'article')} new, {self.present} already stored, "
            f"{self.repeated} repeated in the input, {self.failed} failed; "
            f"{counted(self.quotes_added, 'quote')} added."
        )


ProgressCallback = Callable[[ArticleInput | InputFailure, IngestReport], None]
"""Called after each input is handled, with the input and the report so far."""


def ingest(
    paths: Sequence[str | os.PathLike[str]],
    db: Engine | str | os.PathLike[str],
    *,
    stdin: TextIO | None = None,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    columns: CsvColumns | None = None,
) -> IngestReport:
    """Store every article in `paths` (files, folders, globs, `-`) with its quotes in `db`.

    `db` is an engine from `quotedb.store.database.open_database`, or a database file path or
    SQLAlchemy URL, which is opened (and migrated to the newest schema) first and closed at
    the end. `workers` is the
    number of parser processes: 1 parses in this process; None (the default) uses one per
    core, except for an input of a single chunk (a few dozen articles), which is parsed here
    rather than pay for starting processes. `progress` is called once per input, in input
    order, after the article's batch is written. `columns` names the columns of CSV files where
    their usual names do not (`quotedb.ingest.csvfiles`). Raises `DatabaseError` when the
    database fails in a way no article caused.
    """
    from quotedb.identity.identities import refresh_identities
    from quotedb.ingest import workers as parsing
    from quotedb.ingest.workers import Parsers, chunks, default_workers
    from quotedb.store.writer import BulkWriter

    count = workers if workers is not None else default_workers()
    if count < 1:
        raise QuotedbError(f"workers must be 1 or more, not {count}")
    report = IngestReport()
    try:
        with ExitStack() as opened:
            if isinstance(db, str | os.PathLike):
                db = opened.enter_context(_opened(db))
            run = _Run(BulkWriter(db), report, progress)
            names = [os.fspath(path) for path in paths]
            pieces = chunks(iter_inputs(names, stdin=stdin, columns=columns), parsing.CHUNK_SIZE)
            head = [piece for piece in (next(pieces, None), next(pieces, None)) if piece]
            if workers is None and len(head) < 2:
                count = 1
            with Parsers(count) as parsers:
                run.feed(parsers, chain(head, pieces))
            if report.new:
                report.identities = refresh_identities(db)
    except DatabaseError as exc:
        raise DatabaseError(
            f"{exc}; ingest stopped with {counted(report.new, 'new article')} stored "
            "(run it again to store the rest)"
        ) from exc
    return report


_PRESENT: Final = "present"
_REPEATED: Final = "repeated"
_PENDING: Final = "pending"


class _Run:
    """One ingest's pipeline: triage chunks, parse them, write batches, report in order."""

    def __init__(
        self, writer: BulkWriter, report: IngestReport, progress: ProgressCallback | None
    ) -> None:
        self._writer = writer
        self._report = report
        self._progress = progress
        # Handled inputs waiting for their batch to be written: (input, what became of it).
        # Written when it holds `BATCH_ARTICLES`, whether parsed, present or failed: a run of
        # stored articles must not pile up texts until the next timed flush.
        self._buffer: list[
            tuple[ArticleInput | InputFailure, ArticleData | InputFailure | str]
        ] = []
        self._flushed_at = time.monotonic()
        # The first 64 bits of the SHA-256 of every text met so far, to tell a text repeated
        # in the input from one stored before: about 80 bytes per distinct article.
        self._seen: set[int] = set()

    def feed(self, parsers: Parsers, pieces: Iterable[list[ArticleInput | InputFailure]]) -> None:
        from quotedb.ingest.workers import BATCH_ARTICLES, FLUSH_SECONDS

        in_flight: deque[tuple[list[ArticleInput | InputFailure], list[str], Job]] = deque()
        for chunk in pieces:
            states, task = self._triage(chunk)
            in_flight.append((chunk, states, parsers.submit(task)))
            while len(in_flight) >= parsers.window:
                self._collect(parsers, *in_flight.popleft())
                if len(self._buffer) >= BATCH_ARTICLES or self._due(FLUSH_SECONDS):
                    self._flush()
        while in_flight:
            self._collect(parsers, *in_flight.popleft())
            if len(self._buffer) >= BATCH_ARTICLES:
                self._flush()
        self._flush()

    def _due(self, seconds: float) -> bool:
        return time.monotonic() - self._flushed_at >= seconds

    def _triage(self, chunk: list[ArticleInput | InputFailure]) -> tuple[list[str], Task]:
        """Which inputs of `chunk` need parsing: not failures, not repeats of an earlier
        input, not already stored."""
        from quotedb.store.keys import sha256_text

        hashes = {
            index: sha256_text(item.text)
            for index, item in enumerate(chunk)
            if isinstance(item, ArticleInput)
        }
        present = self._writer.present(list(hashes.values()))
        states: list[str] = []
        task: Task = []
        for index, item in enumerate(chunk):
            sha = hashes.get(index)
            if sha is None:
                states.append("")
                continue
            key = int(sha[:16], 16)
            if key in self._seen:
                states.append(_REPEATED)
                continue
            self._seen.add(key)
            if sha in present:
                states.append(_PRESENT)
            else:
                states.append(_PENDING)
                assert isinstance(item, ArticleInput)
                task.append((item, sha))
        return states, task

    def _collect(
        self,
        parsers: Parsers,
        chunk: list[ArticleInput | InputFailure],
        states: list[str],
        job: Job,
    ) -> None:
        from quotedb.ingest.prepare import with_article

        results: Iterator[Outcome] = iter(parsers.result(job))
        for item, state in zip(chunk, states, strict=True):
            if state == _PENDING:
                assert isinstance(item, ArticleInput)
                outcome = next(results)
                if isinstance(outcome, InputFailure):
                    self._buffer.append((item, outcome))
                else:
                    self._buffer.append((item, with_article(item, outcome)))
            elif state in (_PRESENT, _REPEATED):
                self._buffer.append((item, state))
            else:
                assert isinstance(item, InputFailure)
                self._buffer.append((item, item))

    def _flush(self) -> None:
        from quotedb.store.writer import Refused

        if not self._buffer:
            return
        batch = [outcome for _, outcome in self._buffer if isinstance(outcome, ArticleData)]
        written: Iterator[Written] = iter(self._writer.write(batch))
        report = self._report
        for item, outcome in self._buffer:
            if isinstance(outcome, ArticleData):
                result = next(written)
                if isinstance(result, Refused):
                    assert isinstance(item, ArticleInput)
                    report.failures.append(article_failure(item, result.reason))
                elif result.new:
                    report.new += 1
                    report.quotes_added += result.quotes_added
                else:
                    report.present += 1
            elif isinstance(outcome, InputFailure):
                report.failures.append(outcome)
            elif outcome == _REPEATED:
                report.repeated += 1
            else:
                report.present += 1
            if self._progress is not None:
                self._progress(item, report)
        self._buffer = []
        self._flushed_at = time.monotonic()


def parser_module() -> ModuleType:
    """The module `quotedb.parse.pipeline`; callers look up its `extract` at each call, so a
    test can replace the function with a fake."""
    from quotedb.parse import pipeline as parser

    return parser


def _opened(db: str | os.PathLike[str]) -> AbstractContextManager[Engine]:
    from quotedb.config import resolve_db_url
    from quotedb.store.database import opened

    return opened(resolve_db_url(os.fspath(db)))
