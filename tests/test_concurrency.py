"""Several processes on one database: ingests at once, and queries while an ingest writes.

Real subprocesses (`python -m quotedb ...`), as users would start them from several terminals,
on a SQLite file and on a PostgreSQL database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import corpus
from backends import fetch, search_id

from quotedb.ingest.pipeline import ingest


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


def test_four_ingests_at_once_store_everything_once(tmp_path: Path, db_url: str) -> None:
    """Four processes, two of them with two parser workers each, on overlapping inputs, into a
    database none has migrated yet: every article once, every speaker, role and alias once."""
    texts = corpus.articles(450, seed=3)
    one = corpus.write_folder(tmp_path / "satu", texts[:200])
    two = corpus.write_folder(tmp_path / "dua", texts[150:350])
    feed = corpus.write_jsonl(tmp_path / "semua.jsonl", texts[::-1])  # the same texts again
    rest = corpus.write_folder(tmp_path / "sisa", texts[300:])

    runs = [
        quotedb("ingest", one, two, "--db", db_url, "--workers", "2"),
        quotedb("ingest", two, "--db", db_url, "--workers", "1"),
        quotedb("ingest", feed, one, "--db", db_url, "--workers", "2"),
        quotedb("ingest", rest, two, "--db", db_url, "--workers", "1"),
    ]
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


def test_who_said_and_sql_answer_while_an_ingest_writes(tmp_path: Path, db_url: str) -> None:
    db = db_url
    first = corpus.write_folder(tmp_path / "awal", corpus.articles(20, seed=1))
    finish(quotedb("ingest", first, "--db", db))
    busy = corpus.write_folder(tmp_path / "banyak", corpus.articles(800, seed=2))
    # Every source has quotes (all generated articles do): a reader that saw half an article
    # would count one here.
    half_written = (
        "SELECT count(*) AS n FROM sources s "
        "WHERE NOT EXISTS (SELECT 1 FROM quotes q WHERE q.source_id = s.id)"
    )

    writer = quotedb("ingest", busy, "--db", db)
    queries = 0
    while writer.poll() is None or queries < 3:
        said, _ = finish(quotedb("who-said", "bantuan beras", "--format", "json", "--db", db))
        assert all("bantuan beras" in row["quote"].casefold() for row in json.loads(said))
        counted, _ = finish(quotedb("sql", half_written, "--format", "json", "--db", db))
        assert json.loads(counted) == [{"n": 0}]
        queries += 1
    finish(writer)

    assert queries >= 3
    assert fetch(db, "SELECT count(*) FROM sources") == [(820,)]


def test_a_reader_does_not_hold_up_a_writer(tmp_path: Path, db_url: str) -> None:
    """A long `quotedb sql` query while an ingest writes: the writer commits (WAL on SQLite,
    snapshots on PostgreSQL), so the ingest finishes while the query is still running."""
    db = db_url
    finish(
        quotedb("ingest", corpus.write_folder(tmp_path / "awal", corpus.articles(5)), "--db", db)
    )
    endless = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
        "SELECT count(*) FROM n, sources"
        if db.startswith("sqlite")
        else "SELECT count(*) FROM sources, pg_sleep(30)"
    )
    reader = quotedb("sql", endless, "--timeout", "30", "--db", db)
    try:
        time.sleep(0.3)  # the reader has its snapshot open
        more = corpus.write_folder(tmp_path / "baru", corpus.articles(50, seed=9))
        finish(quotedb("ingest", more, "--db", db))
        assert reader.poll() is None  # the ingest did not wait for the reader to end
    finally:
        reader.kill()
        reader.communicate()
    assert fetch(db, "SELECT count(*) FROM sources") == [(55,)]
