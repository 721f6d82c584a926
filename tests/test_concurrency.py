"""Several processes on one database: ingests at once, and queries while an ingest writes.

Real subprocesses (`python -m quotedb ...`), as users would start them from several terminals,
on a SQLite file and on a PostgreSQL database. Each test makes sure the runs it calls
concurrent did overlap: it holds a lock or a transaction until the others have reached it,
rather than start them together and hope.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import corpus
import pytest
from backends import fetch, search_id
from sqlalchemy import create_engine, event

from quotedb.ingest.inputs import ArticleInput
from quotedb.ingest.pipeline import ingest
from quotedb.ingest.prepare import prepare
from quotedb.parse.pipeline import extract
from quotedb.store.database import MIGRATION_LOCK, open_database, sqlite_path
from quotedb.store.readonly import connect_readonly, open_readonly
from quotedb.store.rows import ArticleData
from quotedb.store.writer import BulkWriter

GUARD_S = 60.0
"""How long a step may take before the test gives up (a hang is a failure, not a wait)."""


def quotedb(*args: str | Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "QUOTEDB_DB"}
    return subprocess.Popen(
        [sys.executable, "-m", "quotedb", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def finish(process: subprocess.Popen[str], timeout: float = 60) -> tuple[str, str]:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    assert "locked" not in err and "Traceback" not in err, err
    return out, err


def contents(url: str) -> dict[str, object]:
    """What a database holds, without ids: what must not depend on who wrote it, or when."""

    def column(sql: str) -> list[object]:
        return sorted(row[0] for row in fetch(url, sql))

    return {
        "sources": column("SELECT sha256 FROM sources"),
        "speakers": column("SELECT name_key FROM speakers"),
        "roles": column("SELECT title_key FROM roles"),
        "aliases": column(
            "SELECT s.name_key || '|' || a.alias_key FROM speaker_aliases a "
            "JOIN speakers s ON s.id = a.speaker_id"
        ),
        "quotes": column(
            "SELECT s.sha256 || '|' || q.\"start\" || '|' || q.\"end\" || '|' || "
            "coalesce(sp.name_key, '') || '|' || coalesce(r.title_key, '') "
            "FROM quotes q JOIN sources s ON s.id = q.source_id "
            "LEFT JOIN speakers sp ON sp.id = q.speaker_id "
            "LEFT JOIN roles r ON r.id = q.role_id"
        ),
        "search": column(f"SELECT {search_id(url)} FROM quote_search"),
        "quote_ids": column("SELECT id FROM quotes"),
    }


@contextmanager
def start_line(db_url: str) -> Iterator[Callable[[list[subprocess.Popen[str]]], None]]:
    """Hold the database so that no process can migrate or write it; inside the block,
    `wait_for(processes)` returns once every one of them has reached it and waits. Leaving
    the block lets them all go at once: their runs overlap by construction.

    SQLite: the write lock (the file made first, in WAL mode as quotedb makes it); a process
    has reached it once it has the file open, since it can do nothing else before writing.
    PostgreSQL: the advisory lock quotedb takes to migrate; a process waits for it.
    """
    path = sqlite_path(db_url)
    if path is not None:
        if not Path("/proc/self/fd").is_dir():
            pytest.skip("needs /proc to see which files a process has open")
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("PRAGMA journal_mode = WAL")
        holder.execute("BEGIN IMMEDIATE")

        def arrived(processes: list[subprocess.Popen[str]]) -> bool:
            return all(_has_open(process.pid, path) for process in processes)

        try:
            yield lambda processes: _wait_until(arrived, processes)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    engine = create_engine(db_url)
    with engine.connect() as holder, engine.connect() as watcher:
        holder.begin()
        holder.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")

        def waiting(processes: list[subprocess.Popen[str]]) -> bool:
            watcher.rollback()  # a fresh look at pg_stat_activity
            count = watcher.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
            ).scalar_one()
            return count == len(processes)

        try:
            yield lambda processes: _wait_until(waiting, processes)
        finally:
            holder.rollback()
    engine.dispose()


def _has_open(pid: int, path: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.readlink(fd) == str(path) for fd in fds.iterdir())
    except (FileNotFoundError, ProcessLookupError):  # a descriptor closed meanwhile
        return False


def _wait_until(
    ready: Callable[[list[subprocess.Popen[str]]], bool], processes: list[subprocess.Popen[str]]
) -> None:
    deadline = time.monotonic() + GUARD_S
    while not ready(processes):
        ended = [process for process in processes if process.poll() is not None]
        assert not ended, ended[0].communicate()
        assert time.monotonic() < deadline, "the processes never reached the start line"
        time.sleep(0.01)


def test_four_ingests_at_once_store_everything_once(tmp_path: Path, db_url: str) -> None:
    """Four processes, two of them with two parser workers each, on overlapping inputs, into a
    database none has migrated yet, let go together: every article once, every speaker, role
    and alias once."""
    texts = corpus.articles(450, seed=3)
    one = corpus.write_folder(tmp_path / "satu", texts[:200])
    two = corpus.write_folder(tmp_path / "dua", texts[150:350])
    feed = corpus.write_jsonl(tmp_path / "semua.jsonl", texts[::-1])  # the same texts again
    rest = corpus.write_folder(tmp_path / "sisa", texts[300:])

    with start_line(db_url) as wait_for:
        runs = [
            quotedb("ingest", one, two, "--db", db_url, "--workers", "2"),
            quotedb("ingest", two, "--db", db_url, "--workers", "1"),
            quotedb("ingest", feed, one, "--db", db_url, "--workers", "2"),
            quotedb("ingest", rest, two, "--db", db_url, "--workers", "1"),
        ]
        wait_for(runs)
    summaries = [finish(run, timeout=120)[0] for run in runs]

    alone = tmp_path / "sendiri.sqlite"
    ingest([str(feed)], str(alone), workers=1)
    together, expected = contents(db_url), contents(f"sqlite:///{alone}")
    assert together["search"] == together["quote_ids"]
    for key in ("sources", "speakers", "roles", "aliases", "quotes"):
        assert together[key] == expected[key], key
    assert len(together["sources"]) == len(texts)  # type: ignore[arg-type]
    new = sum(int(summary.split()[0]) for summary in summaries)
    assert new == len(texts), summaries  # each article counted new by exactly one process


class HeldWrite:
    """A batch written by quotedb's writer in a thread and held open just before its commit."""

    def __init__(self, db_url: str, articles: list[ArticleData]) -> None:
        self.engine = open_database(db_url)
        self.reached, self.release = threading.Event(), threading.Event()
        event.listen(self.engine, "commit", self._hold)
        self.thread = threading.Thread(
            target=lambda: BulkWriter(self.engine).write(articles), daemon=True
        )
        self.thread.start()
        assert self.reached.wait(GUARD_S), "the writer never got to its commit"

    def _hold(self, _conn: object) -> None:
        self.reached.set()
        assert self.release.wait(GUARD_S)

    def commit(self) -> None:
        assert self.thread.is_alive()  # still inside its transaction until now
        self.release.set()
        self.thread.join(GUARD_S)
        self.engine.dispose()


def test_who_said_and_sql_answer_while_a_write_is_open(tmp_path: Path, db_url: str) -> None:
    """The read commands run while 200 articles are written but not yet committed: they
    answer at once, from what was committed before, never from half an article."""
    first = corpus.write_folder(tmp_path / "awal", corpus.articles(20, seed=1))
    finish(quotedb("ingest", first, "--db", db_url))
    busy = [
        prepare(ArticleInput(doc=f"b{n}", text=body, uri=f"b{n}"), extract(body), "1")
        for n, body in enumerate(corpus.articles(200, seed=2))
    ]
    # Every source has quotes (all generated articles do): a reader that saw half an article
    # would count one here.
    half_written = (
        "SELECT count(*) AS n FROM sources s "
        "WHERE NOT EXISTS (SELECT 1 FROM quotes q WHERE q.source_id = s.id)"
    )

    writing = HeldWrite(db_url, busy)
    try:
        said, _ = finish(quotedb("who-said", "bantuan beras", "--format", "json", "--db", db_url))
        counted, _ = finish(quotedb("sql", half_written, "--format", "json", "--db", db_url))
        stored, _ = finish(
            quotedb("sql", "SELECT count(*) AS n FROM sources", "--format", "csv", "--db", db_url)
        )
    finally:
        writing.commit()

    assert said != "[]\n"
    assert all("bantuan beras" in row["quote"].casefold() for row in json.loads(said))
    assert json.loads(counted) == [{"n": 0}]
    assert stored == "n\n20\n"
    assert fetch(db_url, "SELECT count(*) FROM sources") == [(220,)]


def test_a_reader_does_not_hold_up_a_writer(tmp_path: Path, db_url: str) -> None:
    """A read transaction stays open, its snapshot taken, while `quotedb ingest` runs: the
    ingest finishes (WAL on SQLite, snapshots on PostgreSQL), and the reader still sees its
    snapshot, so the two overlapped."""
    first = corpus.write_folder(tmp_path / "awal", corpus.articles(5))
    finish(quotedb("ingest", first, "--db", db_url))
    count = "SELECT count(*) FROM sources"
    more = corpus.write_folder(tmp_path / "baru", corpus.articles(50, seed=9))

    with reading(db_url) as read:
        assert read(count) == 5  # the snapshot is taken
        finish(quotedb("ingest", more, "--db", db_url))
        assert read(count) == 5  # the same snapshot, held all along
    assert fetch(db_url, count) == [(55,)]


@contextmanager
def reading(db_url: str) -> Iterator[Callable[[str], int]]:
    """A read-only transaction as the read commands open one, held for the block: on SQLite
    `connect_readonly`'s connection, on PostgreSQL `open_readonly`'s engine, in a repeatable
    read transaction so that it keeps one snapshot."""
    path = sqlite_path(db_url)
    if path is not None:
        with closing(connect_readonly(path)) as raw:
            raw.execute("BEGIN")
            yield lambda sql: int(raw.execute(sql).fetchone()[0])
            raw.execute("ROLLBACK")
        return
    engine = open_readonly(db_url)
    with engine.connect() as conn:
        conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield lambda sql: int(conn.exec_driver_sql(sql).scalar_one())
    engine.dispose()
