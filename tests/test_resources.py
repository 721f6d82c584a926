"""What quotedb holds: every database connection it opens is closed when it is done, and what
it keeps in memory has a bound whatever the size of the input.

Connections are counted with SQLAlchemy's pool events (a DBAPI connection made, and closed),
so an engine left to the garbage collector shows as a connection still open.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_parser import PASAR, fake_extract, use_fake_parser
from sqlalchemy import create_engine, event
from sqlalchemy.pool import Pool
from typer.testing import CliRunner

from quotedb import output
from quotedb.cli import app
from quotedb.cli import parsing as extract_command
from quotedb.errors import DatabaseError
from quotedb.ingest import workers
from quotedb.ingest.pipeline import IngestReport, ingest
from quotedb.records import Extraction
from quotedb.store.readonly import open_readonly


class Connections:
    """DBAPI connections made and not yet closed, by any engine, since the fixture began."""

    def __init__(self) -> None:
        self.open = 0
        self.made = 0

    def connected(self, *_args: object) -> None:
        self.open += 1
        self.made += 1

    def closed(self, *_args: object) -> None:
        self.open -= 1


@pytest.fixture
def connections() -> Iterator[Connections]:
    counted = Connections()
    event.listen(Pool, "connect", counted.connected)
    event.listen(Pool, "close", counted.closed)
    yield counted
    event.remove(Pool, "connect", counted.connected)
    event.remove(Pool, "close", counted.closed)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    use_fake_parser(monkeypatch)
    articles = tmp_path / "artikel"
    articles.mkdir()
    (articles / "pasar.txt").write_text(PASAR, encoding="utf-8")
    return articles


def test_ingest_closes_the_database_it_opened(
    db_url: str, folder: Path, connections: Connections
) -> None:
    assert ingest([str(folder)], db_url, workers=1).new == 1
    assert connections.made > 0 and connections.open == 0


@pytest.mark.parametrize("command", ["ingest", "reparse"])
def test_the_write_commands_close_the_database(
    db_url: str, folder: Path, connections: Connections, command: str
) -> None:
    ingest([str(folder)], db_url, workers=1)
    args = [command, str(folder)] if command == "ingest" else [command]

    result = CliRunner().invoke(app, [*args, "--db", db_url], catch_exceptions=False)

    assert result.exit_code == 0, result.output
    assert connections.made > 0 and connections.open == 0


def test_open_readonly_closes_what_it_opened_when_the_schema_check_fails(
    db_url: str, connections: Connections
) -> None:
    """A database whose `alembic_version` cannot be read as quotedb's."""
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE alembic_version (release TEXT)")
    engine.dispose()
    assert connections.open == 0

    with pytest.raises(DatabaseError, match="cannot open"):
        open_readonly(db_url)

    assert connections.made > 1 and connections.open == 0


@pytest.mark.backends("sqlite")
def test_ingest_holds_a_bounded_number_of_articles(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read from a stream whose lines are counted: however many articles are already stored
    (no parsing, nothing to write), the reader is never more than a batch and the chunks in
    flight ahead of what was reported."""
    use_fake_parser(monkeypatch)
    monkeypatch.setattr(workers, "CHUNK_SIZE", 4)
    monkeypatch.setattr(workers, "BATCH_ARTICLES", 8)
    monkeypatch.setattr(workers, "FLUSH_SECONDS", 3600.0)  # no flush because time passed
    texts = [f'"Kios nomor {n} dibuka lagi," kata lurah Rina Wulandari.\n' for n in range(200)]
    feed = "".join(json.dumps({"id": f"a{n}", "text": t}) + "\n" for n, t in enumerate(texts))
    assert ingest(["-"], db_url, stdin=io.StringIO(feed), workers=1).new == 200
    stream = CountingLines(feed)
    ahead: list[int] = []

    def progress(_item: object, report: IngestReport) -> None:
        ahead.append(stream.lines - report.articles)

    again = ingest(["-"], db_url, stdin=stream, progress=progress, workers=1)

    assert (again.new, again.present) == (0, 200)
    in_flight = 3 * 4  # the window of one worker: three chunks of four
    assert max(ahead) <= 8 + in_flight + 1, max(ahead)


class CountingLines(io.StringIO):
    """A text stream that counts the lines read from it."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.lines = 0

    def readline(self, size: int | None = -1, /) -> str:
        line = super().readline(-1 if size is None else size)
        self.lines += line.endswith("\n")
        return line


def test_extract_prints_its_table_as_it_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table is printed every `TABLE_ROWS` quotes, while articles are still being parsed,
    so the quotes of a large input are never all held at once."""
    steps: list[str | int] = []

    def parse(text: str) -> Extraction:
        steps.append("parse")
        return fake_extract(text)

    def render(rows: Any, *args: Any, **options: Any) -> None:
        rows = list(rows)
        steps.append(len(rows))
        real_render(rows, *args, **options)

    real_render = output.render
    use_fake_parser(monkeypatch, parse)
    monkeypatch.setattr(output, "render", render)
    monkeypatch.setattr(extract_command, "TABLE_ROWS", 10)
    articles = tmp_path / "artikel"
    articles.mkdir()
    for n in range(12):  # two quotes each
        (articles / f"pasar-{n:02d}.txt").write_text(PASAR.replace("besok", f"{n}"), "utf-8")

    result = CliRunner().invoke(app, ["extract", str(articles)], catch_exceptions=False)

    assert result.exit_code == 0, result.output
    printed = [step for step in steps if isinstance(step, int)]
    assert printed == [10, 10, 4]
    assert steps.index(10) < steps.index("parse", steps.index(10))  # parsing went on after
    assert result.stdout.count("Rina Wulandari") == 12


def test_the_writers_id_cache_stays_bounded_in_ingest_and_reparse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The speaker and role ids the writer remembers start afresh past `CACHE_LIMIT`, in
    ingest's batches and in reparse's one-source transactions alike: after each merge it
    holds at most the limit and what that merge brought."""
    from quotedb.ingest.reparse import reparse
    from quotedb.resources import seeds_dir
    from quotedb.store import writer
    from quotedb.store.database import opened
    from quotedb.store.keys import IdCache

    limit = 3
    excess: list[int] = []  # per merge: entries held beyond the limit and the merge's own
    merge = IdCache.update

    def measured(cache: IdCache, other: IdCache, limit: int | None = None) -> None:
        merge(cache, other, limit)
        held, brought = (
            len(cache.speakers) + len(cache.roles),
            len(other.speakers) + len(other.roles),
        )
        excess.append(held - brought - writer.CACHE_LIMIT)

    monkeypatch.setattr(writer, "CACHE_LIMIT", limit)
    monkeypatch.setattr(IdCache, "update", measured)
    url = f"sqlite:///{tmp_path / 'arsip.sqlite'}"
    report = ingest([str(seeds_dir() / "articles")], url, workers=1)
    with opened(url) as engine:
        reparsed = reparse(engine)

    assert report.new >= 5 and reparsed.sources == report.new
    assert len(excess) == 1 + report.new  # the ingest's one batch, then each re-parsed source
    assert max(excess) <= 0
