"""What fails one article and what stops a run.

The database refusing an article's rows (a constraint it violates, a value it cannot store)
fails that article alone: the others of its batch are written again one at a time. Anything
else (a lost connection, a locked file, a bug) is not the article's fault and would fail
every article after it the same way: the run stops with one error, keeping the batches it
committed before, and the same ingest run again goes on from there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from backends import fetch
from fake_parser import fake_extract, use_fake_parser
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from quotedb.cli import app
from quotedb.errors import DatabaseError
from quotedb.ingest import workers
from quotedb.ingest.pipeline import IngestReport, ingest
from quotedb.records import Extraction, Quote
from quotedb.store import search
from quotedb.store.database import describe

ARTICLES = 12
BATCH = 4


def article_text(n: int) -> str:
    return f'"Kios nomor {n} dibuka lagi besok pagi," kata lurah Rina Wulandari.\n'


@pytest.fixture
def feed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Twelve articles read, parsed and written four at a time (three batches)."""
    use_fake_parser(monkeypatch)
    monkeypatch.setattr(workers, "CHUNK_SIZE", BATCH)
    monkeypatch.setattr(workers, "BATCH_ARTICLES", BATCH)
    path = tmp_path / "kiriman.jsonl"
    lines = [json.dumps({"id": f"a{n}", "text": article_text(n)}) for n in range(ARTICLES)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def breaking_call(monkeypatch: pytest.MonkeyPatch, failure: Exception, at: int) -> list[object]:
    """Make the writer's `at`-th batch raise `failure` after its quotes are inserted (the
    search rows go in last); returns the list of calls, for counting attempts."""
    calls: list[object] = []
    real = search.search_table

    def search_table(dialect: str) -> Any:
        calls.append(dialect)
        if len(calls) == at:
            raise failure
        return real(dialect)

    monkeypatch.setattr(search, "search_table", search_table)
    return calls


def count_sources(db_url: str) -> int:
    [(count,)] = fetch(db_url, "SELECT count(*) FROM sources")
    return int(count)


def test_a_refused_article_fails_alone(
    db_url: str, feed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def one_bad(body: str) -> Extraction:
        found = fake_extract(body)
        if "nomor 5 " in body:
            fields = {name: getattr(found.quotes[0], name) for name in Quote.__dataclass_fields__}
            return Extraction(found.meta, (Quote(**{**fields, "kind": "rumour"}),))
        return found

    use_fake_parser(monkeypatch, one_bad)

    report = ingest([str(feed)], db_url, workers=1)

    assert (report.new, report.failed, report.quotes_added) == (ARTICLES - 1, 1, ARTICLES - 1)
    [failure] = report.failures
    assert failure.message.startswith(f"{feed}:6: ")
    assert "check constraint" in failure.message.casefold()
    assert count_sources(db_url) == ARTICLES - 1


def test_an_unexpected_error_stops_the_ingest_and_keeps_the_batches_before(
    db_url: str, feed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = breaking_call(monkeypatch, RuntimeError("a bug in the writer"), at=3)

    with pytest.raises(DatabaseError) as raised:
        ingest([str(feed)], db_url, workers=1)

    assert str(raised.value) == (
        f"cannot write to {describe(db_url)}: RuntimeError: a bug in the writer; "
        f"ingest stopped with 8 new articles stored (run it again to store the rest)"
    )
    assert len(calls) == 3  # the third batch was not written again article by article
    assert count_sources(db_url) == 2 * BATCH
    monkeypatch.undo()
    use_fake_parser(monkeypatch)
    again = ingest([str(feed)], db_url, workers=1)
    assert (again.new, again.present, again.failed) == (BATCH, 2 * BATCH, 0)


def test_the_command_prints_one_error_and_exits_1(
    db_url: str, feed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    breaking_call(monkeypatch, RuntimeError("a bug in the writer"), at=2)

    result = CliRunner().invoke(app, ["ingest", str(feed), "--db", db_url])

    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: cannot write to {describe(db_url)}: RuntimeError: a bug in the writer; "
        "ingest stopped with 4 new articles stored (run it again to store the rest)\n"
    )
    assert result.stdout == ""
    assert count_sources(db_url) == BATCH


@pytest.mark.backends("postgresql")
def test_a_lost_connection_stops_the_ingest(db_url: str, feed: Path) -> None:
    """The server ends the ingest's connection after its first batch is committed."""
    admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
    cut: list[int] = []

    def cut_after_first_batch(_item: object, report: IngestReport) -> None:
        if report.new == BATCH and not cut:
            with admin.connect() as conn:
                ended = conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
                cut.extend(ended.scalars())

    try:
        with pytest.raises(DatabaseError, match="terminating connection") as raised:
            ingest([str(feed)], db_url, workers=1, progress=cut_after_first_batch)
    finally:
        admin.dispose()

    assert cut and all(cut)
    assert "\n" not in str(raised.value)
    assert str(raised.value).endswith(
        "; ingest stopped with 4 new articles stored (run it again to store the rest)"
    )
    assert count_sources(db_url) == BATCH
