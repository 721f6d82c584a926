"""Parsing in worker processes, for `quotedb.ingest.pipeline.ingest`.

- Workers run `parse_chunk`: each article of a chunk parsed and made rows for the writer
  (`quotedb.ingest.prepare.prepare_rows`), a parser crash becoming that article's failure.
- `Parsers` parses chunks in the calling process (one worker) or in a pool of processes with
  a bounded number of chunks in flight, so memory stays flat whatever the corpus size. A
  worker that dies (a parser crash in C, the out-of-memory killer) costs only the article it
  was parsing, which fails by file and line.
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


def warm_up() -> None:
    """What each worker process runs once, before its first chunk: load the parser's
    lexicons. (Tests replace it to give workers a stand-in parser.)"""
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


STOPPED = "the parser process stopped while parsing this article; not stored"
"""The failure of an article that killed the process parsing it (a crash, the out-of-memory
killer), twice: alone and in its chunk."""


class Parsers:
    """Parses chunks of articles, in order, in this process or in `workers` processes.

    `submit` hands out a `Job`, `result` waits for it; at most `window` jobs should be in
    flight, so a fast reader never queues the whole corpus. When a worker dies (a crash, the
    out-of-memory killer), every chunk in flight is lost with the pool: each is parsed again
    in a process of its own, and a chunk whose process dies again one article at a time, so
    that only the article that kills its process fails. If processes cannot be started here
    at all, chunks are parsed in this process.
    """

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self.window = 3 * self.workers
        self._pool: ProcessPoolExecutor | None = None
        self._pool_worked = False
        self._apart: ProcessPoolExecutor | None = None
        """One worker, for the chunks of a pool that broke."""

    def __enter__(self) -> Parsers:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        for pool in (self._pool, self._apart):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._apart = None

    def submit(self, task: Task) -> Job:
        job = Job(task)
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
            if not self._pool_worked and self._in_own_process([]) is None:
                # Not one process has worked, not even for nothing: none can start here.
                self.workers = 1
                return parse_chunk(job.task)
            return self._parse_apart(job.task)
        self._pool_worked = True
        return results

    def _parse_apart(self, task: Task) -> list[Outcome]:
        """`task`, whose pool broke, in a process of its own; if that dies too, article by
        article, an article that kills its process failing alone."""
        whole = self._in_own_process(task)
        if whole is not None:
            return whole
        results: list[Outcome] = []
        for article in task:
            alone = self._in_own_process([article])
            results.extend(alone if alone is not None else [article_failure(article[0], STOPPED)])
        return results

    def _in_own_process(self, task: Task) -> list[Outcome] | None:
        """`task` parsed in the one-worker pool; None if its process died."""
        if self._apart is None:
            self._apart = ProcessPoolExecutor(1, mp_context=_context(), initializer=warm_up)
        try:
            return self._apart.submit(parse_chunk, task).result()
        except BrokenProcessPool:
            self._apart.shutdown(wait=False, cancel_futures=True)
            self._apart = None
            return None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=_context(),
                initializer=warm_up,
            )
        return self._pool

    def _drop_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


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
