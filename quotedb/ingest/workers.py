"""Parsing in worker processes, for `quotedb.ingest.pipeline.ingest`.

- Workers run `parse_chunk`: each article of a chunk parsed and made rows for the writer
  (`quotedb.ingest.prepare.prepare_rows`), a parser crash becoming that article's failure.
- `Parsers` parses chunks in the calling process (one worker) or in a pool of processes with
  a bounded number of chunks in flight, so memory stays flat whatever the corpus size.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from quotedb.ingest.inputs import ArticleInput, InputFailure, article_failure
from quotedb.ingest.prepare import Prepared, prepare_rows

CHUNK_SIZE = 64
"""Articles per task sent to a worker process."""
BATCH_ARTICLES = 1000
"""Articles per write transaction (fewer when parsing is slow: see `FLUSH_SECONDS`)."""
FLUSH_SECONDS = 1.0
"""Write what has been parsed at least this often, so progress shows and the write lock is
never held for long by one ingest while another waits."""


# --- parsing ----------------------------------------------------------------------------------

Task = list[tuple[ArticleInput, str]]
"""Articles to parse, each with its sha256."""
Outcome = Prepared | InputFailure


def parse_chunk(task: Task) -> list[Outcome]:
    """Parse each article of `task`; a parser crash becomes that article's failure.

    Runs in a worker process, or in the ingesting process with one worker. The parser is
    looked up at each call (`quotedb.parse.pipeline.extract`), so a test can replace it.
    """
    from quotedb.parse import pipeline as parser

    results: list[Outcome] = []
    for article, sha256 in task:
        try:
            extraction = parser.extract(article.text)
            results.append(prepare_rows(article, extraction, parser.PARSER_VERSION, sha256))
        except Exception as exc:  # one article's failure never stops the rest
            results.append(article_failure(article, exc))
    return results


def _warm_up() -> None:
    """Load the parser's lexicons once per worker, before its first chunk."""
    from quotedb.parse.patterns import load_patterns

    load_patterns()


def default_workers() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


@dataclass
class Job:
    """A chunk handed to `Parsers.submit`: its articles, and their results when known."""

    task: Task
    future: Future[list[Outcome]] | None = None
    results: list[Outcome] | None = None
    retried: bool = False


class Parsers:
    """Parses chunks of articles, in order, in this process or in `workers` processes.

    `submit` hands out a `Job`, `result` waits for it; at most `window` jobs should be in
    flight, so a fast reader never queues the whole corpus. When a worker dies (killed, out
    of memory), the chunks it took down are parsed once more in a new pool, and fail if that
    one dies too. A pool that never parsed anything (processes cannot start here) is given
    up, and chunks are parsed in this process.
    """

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self.window = 3 * self.workers
        self._pool: ProcessPoolExecutor | None = None
        self._pool_worked = False

    def __enter__(self) -> Parsers:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def submit(self, task: Task, *, retried: bool = False) -> Job:
        job = Job(task, retried=retried)
        if self.workers == 1 or not task:
            job.results = parse_chunk(task)
            return job
        try:
            job.future = self._executor().submit(parse_chunk, task)
        except BrokenProcessPool:
            self._drop_pool()
            job.future = self._executor().submit(parse_chunk, task)
        return job

    def result(self, job: Job) -> list[Outcome]:
        if job.results is not None:
            return job.results
        assert job.future is not None
        try:
            results = job.future.result()
        except BrokenProcessPool:
            self._drop_pool()
            if not self._pool_worked:
                self.workers = 1
                return parse_chunk(job.task)
            if not job.retried:
                return self.result(self.submit(job.task, retried=True))
            return _stopped(job.task)
        self._pool_worked = True
        return results

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=_context(),
                initializer=_warm_up,
            )
        return self._pool

    def _drop_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _stopped(task: Task) -> list[Outcome]:
    from quotedb.errors import QuotedbError

    stopped = QuotedbError("the parser process stopped unexpectedly; not stored")
    return [article_failure(article, stopped) for article, _ in task]


def _context() -> multiprocessing.context.BaseContext:
    """Fork server on Linux (workers start from a clean process, not from a copy of one with
    database connections and threads), spawn elsewhere."""
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["quotedb.ingest.workers", "quotedb.parse.pipeline"])
    return context


# --- the pipeline -------------------------------------------------------------------------------

Input = ArticleInput | InputFailure


def chunks(items: Iterable[Input], size: int) -> Iterator[list[Input]]:
    """`items` in lists of `size` (the last one shorter)."""
    chunk: list[Input] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
