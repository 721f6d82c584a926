"""An ingest killed with SIGKILL at random moments leaves a sound database, and running it
again completes the set without duplicates.

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

from quotedb.parser import extract

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

ROUND_ARTICLES = 100
"""New articles each round adds, so that every killed run has articles to write."""
KILLS = 16
BUDGET_S = 10.0  # for the kill rounds; the whole test stays under about 20 s


def start_ingest(paths: list[Path], db: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "QUOTEDB_DB"}
    command = [sys.executable, "-m", "quotedb", "ingest", *map(str, paths), "--db", str(db)]
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


def check_database(db: Path, checked: set[int]) -> None:
    """Sound file; every source not yet in `checked` has exactly the quotes its text yields."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "sources" not in tables:
            # Killed before the first migration committed: it left nothing, not half a schema.
            assert tables == set()
            return
        sources = conn.execute("SELECT id, body FROM sources").fetchall()
        for source_id, body in sources:
            if source_id in checked:
                continue
            stored = conn.execute(
                'SELECT "start", "end", text FROM quotes WHERE source_id = ? ORDER BY id',
                (source_id,),
            ).fetchall()
            expected = [(q.start, q.end, q.text) for q in extract(body).quotes]
            assert stored == expected, f"source {source_id} is missing quotes"
            checked.add(source_id)
        quote_ids = {row[0] for row in conn.execute("SELECT id FROM quotes")}
        indexed = {row[0] for row in conn.execute("SELECT rowid FROM quote_search")}
        assert indexed == quote_ids, "the search index and the quotes disagree"


def run_time(process: subprocess.Popen[bytes]) -> float:
    started = time.monotonic()
    process.wait(timeout=60)
    assert process.returncode == 0
    return time.monotonic() - started


def wait_for_write_transaction(process: subprocess.Popen[bytes], db: Path) -> bool:
    """Wait until the ingest holds the write lock (it is inside a write transaction).

    Probes with `BEGIN IMMEDIATE` that gives up at once; a probe that gets the lock lets go
    straight away (the ingest waits for it, as for any other writer). False if the ingest
    ended first.
    """
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
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


def test_sigkill_at_random_moments_loses_nothing_and_rerun_completes(tmp_path: Path) -> None:
    articles = tmp_path / "artikel"
    db = tmp_path / "crash.sqlite"
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
        if db.exists():
            check_database(db, checked)
    # An uninterrupted run gives the time a run takes.
    duration = run_time(start_ingest(paths, db, log))
    check_database(db, checked)
    deadline = time.monotonic() + BUDGET_S
    while kills < KILLS and time.monotonic() < deadline:
        process = start_ingest(next_round(), db, log)
        if kills % 2:
            # Anywhere in the run: start-up, reading, parsing, writing, committing.
            time.sleep(rng.uniform(0.05, duration * 1.1))
        else:
            # In the write transaction of the articles (after start-up, which also takes the
            # write lock for a moment to check the schema), or just after its commit.
            time.sleep(duration / 2)
            if wait_for_write_transaction(process, db):
                time.sleep(rng.uniform(0.0, 0.03))
                in_transaction += 1
        kills += process.poll() is None
        kill_group(process)
        check_database(db, checked)

    final = start_ingest([articles], db, log)
    assert final.wait(timeout=60) == 0, log.read_text(errors="replace")

    check_database(db, checked)
    with sqlite3.connect(db) as conn:
        bodies = [row[0] for row in conn.execute("SELECT body FROM sources")]
        assert sorted(bodies) == sorted(texts)  # every article, once
        quotes = conn.execute('SELECT source_id, "start", "end" FROM quotes').fetchall()
        assert len(quotes) == len(set(quotes))
    assert kills >= 8 and in_transaction >= 3
    assert "database is locked" not in log.read_text(errors="replace")
