"""An ingest killed with SIGKILL at random moments leaves a sound database, and running it
again completes the set without duplicates: on a SQLite file and on a PostgreSQL server.

Real subprocesses (`python -m quotedb ingest`), each killed with its whole process group, as a
crash or `kill -9` of the job would; the real parser, whose quotes are checked against it.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import corpus
import pytest
from backends import search_id
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

from quotedb.parse.pipeline import extract

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

ROUND_ARTICLES = 100
"""New articles each round adds, so that every killed run has articles to write."""
KILLS = 12
"""Runs killed while still running, the three during start-up included."""
IN_TRANSACTION = 4
"""Of those, runs killed inside their write transaction (or just after its commit)."""
MAX_ROUNDS = 4 * KILLS
"""A round whose run ended before its kill does not count; past this many rounds the test
fails rather than loop on. How long rounds take does not matter (a loaded machine only
makes each run slower), so the test holds under any load."""


def start_ingest(paths: list[Path], db: str, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "QUOTEDB_DB"}
    command = [sys.executable, "-m", "quotedb", "ingest", *map(str, paths), "--db", db]
    with log.open("ab") as out:
        return subprocess.Popen(
            command,
            stdout=out,
            stderr=out,
            env=env,
            start_new_session=True,  # its own process group: the kill reaches any workers too
        )


def kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # it had finished already
    process.wait()


def sqlite_path(db: str) -> str | None:
    """The file of a SQLite URL; None for another database."""
    url = make_url(db)
    return url.database if url.get_backend_name() == "sqlite" else None


def check_database(db: str, checked: set[int]) -> None:
    """Sound database; every source not yet in `checked` has exactly the quotes its text
    yields, and the search index holds exactly the stored quotes."""
    path = sqlite_path(db)
    if path is not None:
        if not Path(path).exists():
            return  # killed before the file was made
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    engine = create_engine(db)
    try:
        with engine.connect() as conn:
            _check_rows(conn, search_id(db), checked)
    finally:
        engine.dispose()


def _check_rows(conn: Connection, search_id_column: str, checked: set[int]) -> None:
    tables = _tables(conn)
    if "sources" not in tables:
        # Killed before the first migration committed: it left nothing, not half a schema.
        assert tables == set()
        return
    for source_id, body in conn.execute(text("SELECT id, body FROM sources")):
        if source_id in checked:
            continue
        stored = conn.execute(
            text('SELECT "start", "end", text FROM quotes WHERE source_id = :id ORDER BY id'),
            {"id": source_id},
        ).all()
        expected = [(q.start, q.end, q.text) for q in extract(body).quotes]
        assert [tuple(row) for row in stored] == expected, f"source {source_id} is missing quotes"
        checked.add(source_id)
    quote_ids = set(conn.execute(text("SELECT id FROM quotes")).scalars())
    indexed = set(conn.execute(text(f"SELECT {search_id_column} FROM quote_search")).scalars())
    assert indexed == quote_ids, "the search index and the quotes disagree"


def _tables(conn: Connection) -> set[str]:
    if conn.dialect.name == "sqlite":
        return set(conn.execute(text("SELECT name FROM sqlite_master")).scalars())
    return set(
        conn.execute(
            text("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        ).scalars()
    )


def run_time(process: subprocess.Popen[bytes]) -> float:
    started = time.monotonic()
    process.wait(timeout=60)
    assert process.returncode == 0
    return time.monotonic() - started


def wait_for_write_transaction(process: subprocess.Popen[bytes], db: str) -> bool:
    """Wait until the ingest is inside a write transaction; False if it ended first."""
    path = sqlite_path(db)
    if path is not None:
        return _wait_for_sqlite_write_lock(process, path)
    return _wait_for_postgres_row_locks(process, db)


def _wait_for_sqlite_write_lock(process: subprocess.Popen[bytes], path: str) -> bool:
    """Probes with `BEGIN IMMEDIATE` that gives up at once; a probe that gets the lock lets go
    straight away (the ingest waits for it, as for any other writer)."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        while process.poll() is None:
            try:
                probe.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc):
                    return True
                raise
            probe.execute("ROLLBACK")
            time.sleep(0.001)
        return False
    finally:
        probe.close()


def _wait_for_postgres_row_locks(process: subprocess.Popen[bytes], db: str) -> bool:
    """Polls for another session holding the lock that inserting sources takes until its
    transaction ends (a migration's DDL locks are of another mode)."""
    engine = create_engine(db, isolation_level="AUTOCOMMIT")
    writing = text(
        "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
        "WHERE c.relname = 'sources' AND l.mode = 'RowExclusiveLock' AND l.granted "
        "AND l.pid <> pg_backend_pid()"
    )
    try:
        with engine.connect() as conn:
            while process.poll() is None:
                if conn.execute(writing).scalar_one():
                    return True
                time.sleep(0.001)
        return False
    finally:
        engine.dispose()


def test_sigkill_at_random_moments_loses_nothing_and_rerun_completes(
    tmp_path: Path, db_url: str
) -> None:
    articles = tmp_path / "artikel"
    db = db_url
    log = tmp_path / "ingest.log"
    rng = random.Random(1234)
    texts: list[str] = []
    folders: list[Path] = []

    def next_round() -> list[Path]:
        """A folder of new articles; a run reads it and the one before (stored, or not if
        that run was killed first), so every run takes about as long and has articles to
        write."""
        batch = corpus.articles(ROUND_ARTICLES, seed=len(texts))
        batch = [f"{text}\nBerita ini bagian dari seri {len(texts)}.\n" for text in batch]
        folders.append(corpus.write_folder(articles / f"ronde-{len(texts):05d}", batch))
        texts.extend(batch)
        return folders[-2:]

    paths = next_round()
    checked: set[int] = set()
    kills = in_transaction = 0
    # Killed during start-up and the first migration: the file holds nothing or a schema.
    for _ in range(3):
        process = start_ingest(paths, db, log)
        time.sleep(rng.uniform(0.05, 0.4))
        kill_group(process)
        kills += 1
        check_database(db, checked)
    # An uninterrupted run gives the time a run takes.
    duration = run_time(start_ingest(paths, db, log))
    check_database(db, checked)
    rounds = 0
    while kills < KILLS or in_transaction < IN_TRANSACTION:
        rounds += 1
        assert rounds <= MAX_ROUNDS, f"{kills} kills, {in_transaction} in a transaction"
        process = start_ingest(next_round(), db, log)
        in_write = False
        if kills % 2 and in_transaction < IN_TRANSACTION or kills >= KILLS:
            # In the write transaction of the articles (after start-up, which also takes the
            # write lock for a moment to check the schema), or just after its commit.
            time.sleep(duration / 2)
            if wait_for_write_transaction(process, db):
                time.sleep(rng.uniform(0.0, 0.03))
                in_write = True
        else:
            # Anywhere in the run: start-up, reading, parsing, writing, committing.
            time.sleep(rng.uniform(0.05, duration * 1.1))
        if process.poll() is None:  # a run that ended before its kill does not count
            kills += 1
            in_transaction += in_write
        kill_group(process)
        check_database(db, checked)

    final = start_ingest([articles], db, log)
    assert final.wait(timeout=60) == 0, log.read_text(errors="replace")

    check_database(db, checked)
    engine = create_engine(db)
    with engine.connect() as conn:
        bodies = list(conn.execute(text("SELECT body FROM sources")).scalars())
        assert sorted(bodies) == sorted(texts)  # every article, once
        quotes = [
            tuple(row) for row in conn.execute(text('SELECT source_id, "start", "end" FROM quotes'))
        ]
        assert len(quotes) == len(set(quotes))
    engine.dispose()
    assert "database is locked" not in log.read_text(errors="replace")
