"""Bulk ingest: parse in worker processes, ready for one writer (`quotedb.writer`).

`quotedb.ingest.ingest` drives the pieces here:

- `prepare` turns an article and its extraction into a `Parsed`: flat tuples ready to insert,
  with the sha256, the speaker, role and alias keys and the search text already computed, so
  the writer (the one process that cannot be parallel) does as little as possible. Workers
  run `parse_chunk`, which does the same for every article of a chunk (`prepare_rows`: plain
  tuples, cheap to send back; `with_article` makes them a `Parsed` again) and turns a parser
  crash into a failure of that article alone.
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
from typing import TYPE_CHECKING, Any, NamedTuple

from quotedb.loaders import ArticleInput, InputFailure
from quotedb.textkeys import normalise_key, sha256_text

if TYPE_CHECKING:
    from quotedb.records import Extraction

CHUNK_SIZE = 64
"""Articles per task sent to a worker process."""
BATCH_ARTICLES = 1000
"""Articles per write transaction (fewer when parsing is slow: see `FLUSH_SECONDS`)."""
FLUSH_SECONDS = 1.0
"""Write what has been parsed at least this often, so progress shows and the write lock is
never held for long by one ingest while another waits."""


class QuoteData(NamedTuple):
    """One quote as the writer stores it."""

    text: str
    kind: str
    cue: str | None
    start: int
    end: int
    mention: str | None
    paragraph: int
    cue_start: int | None
    cue_end: int | None
    mention_start: int | None
    mention_end: int | None
    role_start: int | None
    role_end: int | None
    speaker: str | None
    speaker_kind: str
    speaker_key: str
    """`normalise_key(speaker)`; empty when the quote has no named speaker."""
    role: str | None
    role_key: str
    aliases: tuple[tuple[str, str], ...]
    """(alias, alias key) pairs other than the name itself."""
    norm: str
    """The text for the search index: `normalise_key(text)`."""


class Parsed(NamedTuple):
    """An article ready to store: its input, identity, metadata and quotes."""

    article: ArticleInput
    sha256: str
    title: str | None
    published: str | None
    outlet: str | None
    dateline: str | None
    agency: str | None
    parser_version: str
    quotes: tuple[QuoteData, ...]


def prepare(
    article: ArticleInput, extraction: Extraction, parser_version: str, sha256: str | None = None
) -> Parsed:
    """`article` and what the parser found in it, as the rows `quotedb.writer.BulkWriter`
    inserts."""
    sha256 = sha256 or sha256_text(article.text)
    return with_article(article, prepare_rows(article, extraction, parser_version, sha256))


Prepared = tuple[
    str,
    str | None,
    str | None,
    str | None,
    str | None,
    str | None,
    str,
    tuple[tuple[Any, ...], ...],
]
"""A `Parsed` as a worker sends it back: without the article, which the ingesting process
holds already, and with each quote a plain tuple of the `QuoteData` fields in their order.
Pickling NamedTuples (and the article's text again) cost a worker 27 us an article; these
plain tuples, 11."""


def prepare_rows(
    article: ArticleInput, extraction: Extraction, parser_version: str, sha256: str
) -> Prepared:
    """What `prepare` computes, in the form a worker sends back (`with_article` completes it)."""
    meta = extraction.meta
    quotes = []
    for quote in extraction.quotes:
        speaker_key = normalise_key(quote.speaker) if quote.speaker else ""
        aliases: list[tuple[str, str]] = []
        if speaker_key:
            for alias in quote.speaker_aliases:
                alias_key = normalise_key(alias)
                if alias_key and alias_key != speaker_key:
                    aliases.append((alias, alias_key))
        cue, mention, role = quote.cue_span, quote.mention_span, quote.role_span
        quotes.append(
            (  # `QuoteData`'s fields, in order
                quote.text,
                quote.kind,
                quote.cue,
                quote.start,
                quote.end,
                quote.mention,
                quote.paragraph,
                cue.start if cue else None,
                cue.end if cue else None,
                mention.start if mention else None,
                mention.end if mention else None,
                role.start if role else None,
                role.end if role else None,
                quote.speaker,
                quote.speaker_type,
                speaker_key,
                quote.role,
                normalise_key(quote.role) if quote.role else "",
                tuple(aliases),
                normalise_key(quote.text),
            )
        )
    return (
        sha256,
        # What the input says about the article wins over what the parser read in its text.
        article.title or meta.title,
        article.published or meta.published,
        article.outlet or meta.outlet,
        meta.dateline,
        article.agency or meta.agency,
        parser_version,
        tuple(quotes),
    )


def with_article(article: ArticleInput, prepared: Prepared) -> Parsed:
    """The `Parsed` of `article`, from what `prepare_rows` made of it."""
    sha256, title, published, outlet, dateline, agency, parser_version, quotes = prepared
    return Parsed(
        article,
        sha256,
        title,
        published,
        outlet,
        dateline,
        agency,
        parser_version,
        tuple(map(QuoteData._make, quotes)),
    )


# --- parsing ----------------------------------------------------------------------------------

Task = list[tuple[ArticleInput, str]]
"""Articles to parse, each with its sha256."""
Outcome = Prepared | InputFailure


def parse_chunk(task: Task) -> list[Outcome]:
    """Parse each article of `task`; a parser crash becomes that article's failure.

    Runs in a worker process, or in the ingesting process with one worker. The parser is
    looked up at each call (`quotedb.parser.extract`), so a test can replace it.
    """
    from quotedb import parser
    from quotedb.ingest import article_failure

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
    from quotedb.patterns import load_patterns

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
    from quotedb.ingest import article_failure

    stopped = QuotedbError("the parser process stopped unexpectedly; not stored")
    return [article_failure(article, stopped) for article, _ in task]


def _context() -> multiprocessing.context.BaseContext:
    """Fork server on Linux (workers start from a clean process, not from a copy of one with
    database connections and threads), spawn elsewhere."""
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["quotedb.bulk", "quotedb.parser"])
    return context


# --- the pipeline -------------------------------------------------------------------------------

Input = ArticleInput | InputFailure


def chunks(items: Iterable[Input], size: int = CHUNK_SIZE) -> Iterator[list[Input]]:
    """`items` in lists of `size` (the last one shorter)."""
    chunk: list[Input] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
