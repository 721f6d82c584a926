"""Reading articles into the database: load, extract, store, one article at a time.

`ingest` is the library form of `quotedb ingest`. Each article is stored with all its quotes in
one transaction (by `Store.add_article`) or not at all; an article whose text is already stored
(same sha256) is skipped, so running the same ingest twice adds nothing. A bad input, a parser
error or a failed write is recorded in the report and never stops the other articles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, TextIO

from quotedb.errors import QuotedbError
from quotedb.loaders import ArticleInput, InputFailure, iter_inputs

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from quotedb.store import Store


@dataclass
class IngestReport:
    """What one ingest did: counts of articles and quotes, and one failure per bad input."""

    new: int = 0
    present: int = 0
    quotes_added: int = 0
    failures: list[InputFailure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def articles(self) -> int:
        return self.new + self.present + self.failed

    def summary(self) -> str:
        """`3 articles new, 0 already present, 1 failed; 12 quotes added.`"""
        return (
            f"{_count(self.new, 'article')} new, {self.present} already present, "
            f"{self.failed} failed; {_count(self.quotes_added, 'quote')} added."
        )


ProgressCallback = Callable[[ArticleInput | InputFailure, IngestReport], None]
"""Called after each input is handled, with the input and the report so far."""


def ingest(
    paths: Sequence[str],
    db: Engine | str,
    *,
    stdin: TextIO | None = None,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Store every article in `paths` (files, folders, globs, `-`) with its quotes in `db`.

    `db` is an engine from `quotedb.db.open_database`, or a database file path or SQLAlchemy
    URL, which is opened (and migrated to the newest schema) first.
    """
    from quotedb.store import Store

    store = Store(_engine(db))
    parser = parser_module()
    report = IngestReport()
    for item in iter_inputs(paths, stdin=stdin):
        if isinstance(item, InputFailure):
            report.failures.append(item)
        else:
            _ingest_one(item, store, parser, report)
        if progress is not None:
            progress(item, report)
    return report


def parser_module() -> ModuleType:
    """The module `quotedb.parser`; callers look up its `extract` at each call, so a test can
    replace the function with a fake."""
    from quotedb import parser

    return parser


def _ingest_one(
    article: ArticleInput, store: Store, parser: ModuleType, report: IngestReport
) -> None:
    from quotedb.store import sha256_text

    try:
        if store.has_source(sha256_text(article.text)):
            report.present += 1
            return
        extraction = parser.extract(article.text)
        stored = store.add_article(article, extraction, parser.PARSER_VERSION)
    except Exception as exc:  # one article's failure (parser or database) never stops the rest
        report.failures.append(article_failure(article, exc))
        return
    if stored.new:
        report.new += 1
        report.quotes_added += stored.quotes_added
    else:
        report.present += 1


def _engine(db: Engine | str) -> Engine:
    if isinstance(db, str):
        from quotedb.config import resolve_db_url
        from quotedb.db import open_database

        return open_database(resolve_db_url(db))
    return db


def article_failure(article: ArticleInput, exc: BaseException) -> InputFailure:
    """A failure naming the article (file and line) and what went wrong, in one line."""
    return InputFailure(article.uri, f"{_where(article)}: {_one_line(exc)}")


def _where(article: ArticleInput) -> str:
    """The article as a failure message names it: its file (and line), or its id."""
    uri = article.uri
    if "#L" in uri and not uri.startswith(("http://", "https://")):
        path, _, line = uri.rpartition("#L")
        return f"{path}:{line}"
    return uri if uri != "stdin" else article.doc


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if not isinstance(exc, QuotedbError):
        text = f"{type(exc).__name__}: {text}"
    return text if len(text) <= 300 else text[:297] + "..."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
