"""SQLite's write lock: writers take it up front (`BEGIN IMMEDIATE`), readers never touch it.

Readers in WAL mode read a snapshot and neither wait for a writer nor hold one up, as long as
their transactions begin `BEGIN` (deferred). The writer numbers new rows `max(id) + 1`, which
is only safe while it holds the lock, so it refuses an engine that would not take it.
The busy timeout is cut to a few milliseconds here: a read that waited for the lock fails
at once instead of after 30 seconds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_parser import JEMBATAN, PASAR, fake_extract
from sqlalchemy import Engine, create_engine, text

from quotedb.errors import DatabaseError
from quotedb.ingest.inputs import ArticleInput
from quotedb.ingest.pipeline import ingest
from quotedb.ingest.prepare import prepare
from quotedb.ingest.reparse import select_sources
from quotedb.store import database
from quotedb.store.database import open_database, sqlite_path
from quotedb.store.keys import sha256_text
from quotedb.store.reading import who_said
from quotedb.store.rows import ArticleData
from quotedb.store.writer import BulkWriter, Stored

pytestmark = pytest.mark.backends("sqlite")


@pytest.fixture
def engine(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A database holding PASAR, whose connections give up on a lock after 20 ms."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 20)
    engine = open_database(db_url)
    [stored] = BulkWriter(engine).write([parsed("pasar", PASAR)])
    assert stored == Stored(new=True, quotes_added=2)
    yield engine
    engine.dispose()


def parsed(doc: str, body: str) -> ArticleData:
    article = ArticleInput(doc=doc, text=body, uri=f"{doc}.txt")
    return prepare(article, fake_extract(body), "1")


@pytest.fixture
def write_lock(engine: Engine, db_url: str) -> Iterator[sqlite3.Connection]:
    """Another process's write transaction on `engine`'s database, open for the whole test."""
    path = sqlite_path(db_url)
    assert path is not None
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE sources SET title = 'sedang ditulis'")
    yield holder
    holder.execute("ROLLBACK")
    holder.close()


def test_reads_do_not_wait_for_a_writer(engine: Engine, write_lock: sqlite3.Connection) -> None:
    assert select_sources(engine) == [1]
    assert BulkWriter(engine).present([sha256_text(PASAR), "0" * 64]) == {sha256_text(PASAR)}
    said = who_said(engine, "saluran air")
    assert [row.speaker for row in said] == ["Bagus Hartono"]
    assert said[0].title != "sedang ditulis"  # the snapshot before the other transaction


def test_an_open_read_does_not_hold_up_a_writer(engine: Engine) -> None:
    with engine.connect() as reader:
        count = text("SELECT count(*) FROM sources")
        assert reader.execute(count).scalar_one() == 1  # its snapshot is taken

        [written] = BulkWriter(engine).write([parsed("jembatan", JEMBATAN)])

        assert written == Stored(new=True, quotes_added=1)
        assert reader.execute(count).scalar_one() == 1  # still the same snapshot
    with engine.connect() as later:
        assert later.execute(count).scalar_one() == 2


def test_the_writer_refuses_an_engine_that_would_not_take_the_lock(
    db_url: str, tmp_path: Path
) -> None:
    open_database(db_url).dispose()  # a quotedb database at head
    plain = create_engine(db_url)
    folder = tmp_path / "artikel"
    folder.mkdir()
    (folder / "pasar.txt").write_text(PASAR, encoding="utf-8")

    with pytest.raises(DatabaseError, match="open_database"):
        ingest([str(folder)], plain, workers=1)
    with pytest.raises(DatabaseError, match="open_database"):
        BulkWriter(plain)
    plain.dispose()
    with sqlite3.connect(sqlite_path(db_url)) as conn:  # type: ignore[arg-type]
        assert conn.execute("SELECT count(*) FROM sources").fetchone() == (0,)
