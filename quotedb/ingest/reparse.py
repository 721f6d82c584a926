"""Re-extracting the quotes of stored articles: the library form of `quotedb reparse`.

After a parser upgrade, the articles already in the database are parsed again from
`sources.body`, so nobody needs the original files. Each source is rewritten in its own
transaction by the writer ingest uses (`BulkWriter.replace`): its quotes all change or none
do, the source row keeps everything but `parser_version`, and speakers and roles left without
quotes are deleted. A source the parser fails on, or whose rows the database refuses, keeps
its old quotes and is reported; the others go on. A failure of the database itself stops the
run. When any source changed, the identities of the speakers are decided again at the end
(`quotedb.identity.identities`): a speaker row deleted and created again keeps its identity,
and the decisions made by hand, which name speakers by their stable name keys.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from quotedb.errors import DatabaseError, QuotedbError, counted, one_line
from quotedb.ingest.articles import ArticleInput
from quotedb.ingest.prepare import prepare
from quotedb.store.schema import Source
from quotedb.store.writer import BulkWriter, Refused, stopped

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from quotedb.identity.identities import Resolution


@dataclass
class ReparseReport:
    """What one re-parse did; `failures` are one-line messages naming the source."""

    sources: int = 0
    changed: int = 0
    quotes_before: int = 0
    quotes_after: int = 0
    speakers_removed: int = 0
    roles_removed: int = 0
    failures: list[str] = field(default_factory=list)
    identities: Resolution | None = None
    """The identities decided after the sources were rewritten (None when none changed)."""

    def summary(self) -> str:
        """`3 sources re-parsed, 1 changed, 0 failed; quotes 12 -> 13; 1 speaker, 0 roles
        removed.`"""
        return (
            f"{counted(self.sources, 'source')} re-parsed, {self.changed} changed, "
            f"{len(self.failures)} failed; quotes {self.quotes_before} -> {self.quotes_after}; "
            f"{counted(self.speakers_removed, 'speaker')}, "
            f"{counted(self.roles_removed, 'role')} removed."
        )


ProgressCallback = Callable[[int, ReparseReport], None]
"""Called after each source, with its id and the report so far."""


def select_sources(
    engine: Engine, source_ids: Sequence[int] = (), *, outdated: bool = False
) -> list[int]:
    """The ids of the sources to re-parse, in id order: `source_ids` (all when empty), and
    with `outdated` only those parsed by another version than the current parser's.

    Raises `QuotedbError` naming any id in `source_ids` that is not in the database.
    """
    from quotedb.parse import pipeline as parser

    wanted = set(source_ids)
    query = select(Source.id).order_by(Source.id)
    if wanted:
        query = query.where(Source.id.in_(wanted))
    if outdated:
        query = query.where(Source.parser_version != parser.PARSER_VERSION)
    try:
        with engine.connect() as conn:
            found = list(conn.execute(query).scalars())
            known = set(conn.execute(select(Source.id).where(Source.id.in_(wanted))).scalars())
    except SQLAlchemyError as exc:
        raise stopped(engine, exc, "read") from exc
    if missing := sorted(wanted - known):
        raise QuotedbError(f"no source with id {', '.join(map(str, missing))}")
    return found


def reparse(
    engine: Engine,
    source_ids: Sequence[int] = (),
    *,
    outdated: bool = False,
    progress: ProgressCallback | None = None,
) -> ReparseReport:
    """Parse stored sources again and replace their quotes (see `select_sources` for which).

    `engine` must be writable (`quotedb.store.database.open_database`).
    """
    return reparse_ids(engine, select_sources(engine, source_ids, outdated=outdated), progress)


def reparse_ids(
    engine: Engine, source_ids: Sequence[int], progress: ProgressCallback | None = None
) -> ReparseReport:
    """Parse the sources `source_ids` again, one transaction each; ids no longer there are
    skipped (another process may delete a source meanwhile).

    A source the parser fails on, or whose new rows the database refuses, keeps its quotes
    and is reported; the others go on. A failure of the database itself (a lost connection,
    a locked file) stops the run with a `DatabaseError`, keeping the sources done before.
    """
    from quotedb.identity.identities import refresh_identities

    writer = BulkWriter(engine)
    report = ReparseReport()
    try:
        for source_id in source_ids:
            _reparse_one(engine, writer, source_id, report)
            if progress is not None:
                progress(source_id, report)
        if report.changed:
            report.identities = refresh_identities(engine)
    except DatabaseError as exc:
        raise DatabaseError(
            f"{exc}; reparse stopped after {counted(report.sources, 'source')} re-parsed"
        ) from exc
    return report


def _reparse_one(engine: Engine, writer: BulkWriter, source_id: int, report: ReparseReport) -> None:
    from quotedb.parse import pipeline as parser

    try:
        with engine.connect() as conn:
            row = conn.execute(
                select(Source.body, Source.uri, Source.doc).where(Source.id == source_id)
            ).first()
    except SQLAlchemyError as exc:
        raise stopped(engine, exc, "read") from exc
    if row is None:
        return
    try:
        # Parsed outside the write transaction, which then stays short.
        extraction = parser.extract(row.body)
        article = ArticleInput(doc=row.doc, text=row.body, uri=row.uri)
        rows = prepare(article, extraction, parser.PARSER_VERSION)
    except Exception as exc:  # a parser bug in one source never stops the others
        report.failures.append(f"source {source_id}: {one_line(exc)}")
        return
    result = writer.replace(source_id, rows)
    if isinstance(result, Refused):
        report.failures.append(f"source {source_id}: {result.reason}")
    elif result is not None:
        report.sources += 1
        report.changed += result.changed
        report.quotes_before += result.quotes_before
        report.quotes_after += result.quotes_after
        report.speakers_removed += result.speakers_removed
        report.roles_removed += result.roles_removed
