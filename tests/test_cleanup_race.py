"""`reparse` deletes the speakers and roles its source no longer quotes, while an ingest may be
storing a quote by one of them: the quote must keep its speaker and role.

Each round puts the two writers' transactions on top of each other, in one order or the
other, and checks that they really overlapped: one transaction is held open just before its
commit (its rows written), and the other starts meanwhile and either finishes or waits for
it; only then is the held one let go. Rounds differ in the order and in whether the ingest
knows the speaker's id from its cache or looks it up.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from backends import fetch
from fake_parser import fake_extract
from sqlalchemy import Connection, Engine, create_engine, event, text

from quotedb.ingest.inputs import ArticleInput
from quotedb.ingest.prepare import prepare
from quotedb.ingest.reparse import ReparseReport, reparse
from quotedb.parse import pipeline as parser
from quotedb.records import Extraction
from quotedb.store.database import open_database
from quotedb.store.keys import sha256_text
from quotedb.store.rows import ArticleData
from quotedb.store.writer import BulkWriter, Stored, Written

GUARD_S = 60.0
"""How long a step may take before the test gives up (a hang is a failure, not a wait)."""

# (speaker, role) whose only stored quote the reparse removes, one per round.
ROUNDS = [
    ("Bagus Hartono", "kepala dinas", "reparse first", False),
    ("Dewi Lestari", "camat", "reparse first", True),
    ("Yoga Pratama", "sekretaris desa", "ingest first", False),
    ("Sari Wulan", "bidan desa", "ingest first", True),
]


def source_text(speaker: str, role: str) -> str:
    return (
        f'"Jalan desa diperbaiki bulan depan," kata lurah Rina Wulandari.\n\n'
        f'"Dana sudah kami siapkan untuk {speaker.split()[0]}," kata {role} {speaker}.\n'
    )


def later_text(speaker: str, role: str) -> str:
    return f'"Pekerjaan dimulai hari Senin di {speaker.split()[0]}," kata {role} {speaker}.\n'


def without_the_round_speakers(body: str) -> Extraction:
    """The re-parse: the quotes of the speakers of `ROUNDS` are no longer found."""
    found = fake_extract(body)
    dropped = {speaker for speaker, *_ in ROUNDS}
    quotes = tuple(q for q in found.quotes if q.speaker not in dropped)
    return Extraction(found.meta, quotes)


def parsed(doc: str, body: str) -> ArticleData:
    return prepare(ArticleInput(doc=doc, text=body, uri=f"{doc}.txt"), fake_extract(body), "1")


class Held:
    """Holds the next commit on `engine`, once armed, until released: the transaction stays
    open with all its rows written."""

    def __init__(self, engine: Engine) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()
        self.armed = False
        event.listen(engine, "commit", self._hold)

    def _hold(self, _conn: object) -> None:
        if self.armed:
            self.armed = False
            self.reached.set()
            assert self.release.wait(GUARD_S), "never released"


@dataclass
class Traced:
    """A writable engine that notes the statements it runs."""

    engine: Engine
    statements: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        event.listen(self.engine, "before_cursor_execute", self._note)

    def _note(self, _conn: object, _cursor: object, statement: str, *_args: object) -> None:
        self.statements.append(statement)


class Running(threading.Thread):
    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__(daemon=True)
        self.work = work
        self.result: object = None
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            self.result = self.work()
        except BaseException as exc:  # reported by the test thread
            self.error = exc

    def outcome(self) -> object:
        self.join(GUARD_S)
        assert not self.is_alive(), "still running"
        if self.error is not None:
            raise self.error
        return self.result


def waits_for_a_lock(monitor: Connection | None, other: Traced) -> bool:
    """Whether `other` waits for the held transaction: on PostgreSQL (`monitor` connected) a
    session of the test database waits for a lock; on SQLite `other` asked for the write
    lock, which it gets only once the held writer commits."""
    if monitor is None:
        return "BEGIN IMMEDIATE" in other.statements
    waiting = monitor.execute(
        text(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
    )
    return bool(waiting.scalar_one())


def overlap(monitor: Connection | None, second: Running, traced: Traced) -> None:
    """Wait until `second` has finished or waits for the held transaction."""
    deadline = time.monotonic() + GUARD_S
    while not waits_for_a_lock(monitor, traced) and second.is_alive():
        assert time.monotonic() < deadline, "the second transaction neither finished nor waited"
        time.sleep(0.005)


@pytest.fixture
def engines(db_url: str) -> Iterator[tuple[Traced, Traced]]:
    """Two engines on one database, as two processes would have: ingest's and reparse's."""
    pair = (Traced(open_database(db_url)), Traced(open_database(db_url)))
    yield pair
    for traced in pair:
        traced.engine.dispose()


@pytest.fixture
def monitor(db_url: str) -> Iterator[Connection | None]:
    """On PostgreSQL, a connection that watches the others' lock waits."""
    if db_url.startswith("sqlite"):
        yield None
        return
    engine = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        yield conn
    engine.dispose()


def attributions(db_url: str, body: str) -> list[tuple[Any, ...]]:
    return fetch(
        db_url,
        "SELECT sp.name, r.title FROM quotes q JOIN sources s ON s.id = q.source_id "
        "LEFT JOIN speakers sp ON sp.id = q.speaker_id LEFT JOIN roles r ON r.id = q.role_id "
        "WHERE s.sha256 = :sha",
        sha=sha256_text(body),
    )


def test_a_quote_stored_during_a_reparse_keeps_its_speaker_and_role(
    db_url: str,
    engines: tuple[Traced, Traced],
    monitor: Connection | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ingesting, reparsing = engines
    held_ingest, held_reparse = Held(ingesting.engine), Held(reparsing.engine)
    for number, (speaker, role, order, cached) in enumerate(ROUNDS, start=1):
        monkeypatch.setattr(parser, "extract", fake_extract)
        monkeypatch.setattr(parser, "PARSER_VERSION", "1")
        writer = BulkWriter(ingesting.engine)
        # The source whose re-parse leaves the speaker and the role without quotes; when
        # `cached`, the ingest's writer stored it and knows their ids.
        first = source_text(speaker, role)
        storing = writer if cached else BulkWriter(ingesting.engine)
        [stored] = storing.write([parsed(f"sumber-{number}", first)])
        assert isinstance(stored, Stored) and stored.new
        [(source_id,)] = fetch(db_url, "SELECT max(id) FROM sources")
        later = later_text(speaker, role)
        article = parsed(f"baru-{number}", later)
        monkeypatch.setattr(parser, "extract", without_the_round_speakers)
        monkeypatch.setattr(parser, "PARSER_VERSION", "2")
        ingesting.statements.clear()
        reparsing.statements.clear()

        def ingest(article: ArticleData = article, writer: BulkWriter = writer) -> list[Written]:
            return writer.write([article])

        def reparse_source(source_id: int = source_id) -> ReparseReport:
            return reparse(reparsing.engine, [source_id])

        if order == "ingest first":
            held, second_engine = held_ingest, reparsing
            held.armed = True
            first_run, second_run = Running(ingest), None
            assert held.reached.wait(GUARD_S)
            second_run = Running(reparse_source)
            ingest_run, reparse_run = first_run, second_run
        else:
            held, second_engine = held_reparse, ingesting
            held.armed = True
            first_run = Running(reparse_source)
            assert held.reached.wait(GUARD_S)
            second_run = Running(ingest)
            reparse_run, ingest_run = first_run, second_run
        overlap(monitor, second_run, second_engine)
        held.release.set()

        [written] = ingest_run.outcome()  # type: ignore[misc]
        report = reparse_run.outcome()
        held.reached.clear()
        held.release.clear()

        assert written == Stored(new=True, quotes_added=1), (order, cached)
        assert isinstance(report, ReparseReport) and report.failures == []
        assert (report.sources, report.changed) == (1, 1)
        assert attributions(db_url, later) == [(speaker, role)], (order, cached)
        assert attributions(db_url, first) == [("Rina Wulandari", "lurah")]

    orphans = fetch(
        db_url,
        "SELECT count(*) FROM quotes q WHERE "
        "(q.speaker_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM speakers WHERE id = q.speaker_id))"
        " OR (q.role_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM roles WHERE id = q.role_id))",
    )
    assert orphans == [(0,)]
