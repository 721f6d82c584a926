"""Opening databases (`quotedb.store.database`) and storing articles through the writer ingest
uses (`quotedb.store.writer.BulkWriter`), one article at a time."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from quotedb.config import resolve_db_url
from quotedb.errors import DatabaseError
from quotedb.ingest.inputs import ArticleInput
from quotedb.ingest.prepare import prepare
from quotedb.records import ArticleMeta, Extraction, Quote
from quotedb.store import search
from quotedb.store.database import BUSY_TIMEOUT_MS, open_database
from quotedb.store.keys import sha256_text
from quotedb.store.readonly import connect_readonly, open_readonly
from quotedb.store.sql import run_sql
from quotedb.store.writer import BulkWriter, Refused, Stored

QuoteMaker = Callable[..., Quote]

BANJIR = (
    "Menteri Pekerjaan Umum Basuki Hadimuljono meninjau tanggul yang jebol, Selasa.\n\n"
    '"Tanggul ini akan kami perbaiki dalam dua minggu," kata Basuki.\n\n'
    '"Warga jangan khawatir soal air bersih," ujar Kepala BPBD Rina Astuti.'
)
JALAN = (
    '"Jalan tol baru dibuka untuk mudik," kata Menteri PUPR Basuki Hadimuljono di Semarang.\n\n'
    "Kemacetan diperkirakan berkurang."
)


def banjir(q: QuoteMaker) -> Extraction:
    return Extraction(
        meta=ArticleMeta(title="Tanggul Jebol", published="2024-02-06", dateline="SEMARANG"),
        quotes=(
            q(
                BANJIR,
                "Tanggul ini akan kami perbaiki dalam dua minggu,",
                "Basuki Hadimuljono",
                mention="Basuki",
                role="Menteri Pekerjaan Umum",
                speaker_aliases=("Basuki", "Pak Bas"),
                paragraph=1,
            ),
            q(
                BANJIR,
                "Warga jangan khawatir soal air bersih,",
                "Rina Astuti",
                cue="ujar",
                mention="Rina Astuti",
                role="Kepala BPBD",
                paragraph=2,
            ),
        ),
    )


def jalan(q: QuoteMaker) -> Extraction:
    said = q(
        JALAN,
        "Jalan tol baru dibuka untuk mudik,",
        "BASUKI  HADIMULJONO",  # the same speaker, written differently
        mention="Basuki Hadimuljono",
        role="Menteri PUPR",
        speaker_aliases=("Basuki", "Menteri Basuki"),
    )
    return Extraction(meta=ArticleMeta(), quotes=(said,))


def store(
    engine: Engine,
    given: ArticleInput,
    extraction: Extraction,
    version: str = "1",
    writer: BulkWriter | None = None,
) -> Stored | Refused:
    """Store one article as ingest does (a fresh writer: empty caches, like a new process)."""
    writer = writer or BulkWriter(engine)
    return writer.write([prepare(given, extraction, version)])[0]


def source_ids(engine: Engine, body: str) -> list[int]:
    with engine.connect() as conn:
        found = conn.execute(
            text("SELECT id FROM sources WHERE sha256 = :sha"), {"sha": sha256_text(body)}
        )
        return list(found.scalars())


def article(body: str, doc: str = "a", **fields: str) -> ArticleInput:
    return ArticleInput(doc=doc, text=body, uri=f"{doc}.txt", **fields)


def count(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


TABLES = ("sources", "speakers", "speaker_aliases", "roles", "quotes", "quote_search")


def counts(engine: Engine) -> dict[str, int]:
    return {table: count(engine, table) for table in TABLES}


# --- opening --------------------------------------------------------------------------------


@pytest.mark.backends("sqlite")
def test_open_database_creates_a_file_at_head_with_pragmas(engine: Engine, db_url: str) -> None:
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
    open_database(db_url).dispose()  # a second open finds it at head and changes nothing
    open_readonly(db_url).dispose()


def test_open_database_in_memory(make_quote: QuoteMaker) -> None:
    engine = open_database("sqlite://")
    assert store(engine, article(BANJIR), banjir(make_quote)) == Stored(new=True, quotes_added=2)
    assert count(engine, "quote_facts") == 2


def test_open_database_needs_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="folder .*missing.* does not exist"):
        open_database(resolve_db_url(str(tmp_path / "missing" / "q.sqlite")))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not sqlite, just text" * 10, "file is not a database"),
        (None, "not a quotedb database"),
    ],
)
def test_open_database_refuses_other_files(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "other.sqlite"
    if content is None:
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE notes (body TEXT)")
        conn.close()
    else:
        path.write_bytes(content)
    with pytest.raises(DatabaseError, match=message) as raised:
        open_database(resolve_db_url(str(path)))
    assert "\n" not in str(raised.value)


def test_open_database_refuses_a_newer_schema(engine: Engine, db_url: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeedbeef'"))
    for opener in (open_database, open_readonly):
        with pytest.raises(DatabaseError, match="newer quotedb"):
            opener(db_url)


def test_open_readonly_needs_a_quotedb_database(tmp_path: Path) -> None:
    missing = resolve_db_url(str(tmp_path / "none.sqlite"))
    with pytest.raises(DatabaseError, match="run `quotedb ingest`"):
        open_readonly(missing)
    assert not (tmp_path / "none.sqlite").exists()
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    with pytest.raises(DatabaseError, match="it is empty; run `quotedb ingest`"):
        open_readonly(resolve_db_url(str(empty)))
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    with pytest.raises(DatabaseError, match="it is not a quotedb database") as refused:
        open_readonly(foreign)
    assert "quotedb ingest" not in str(refused.value)  # ingest would refuse it too


@pytest.mark.parametrize("as_text", [False, True])
def test_the_read_functions_take_a_path_as_text_or_path(
    tmp_path: Path, make_quote: QuoteMaker, as_text: bool
) -> None:
    path = tmp_path / "berita.sqlite"
    engine = open_database(resolve_db_url(str(path)))
    store(engine, article(BANJIR, "banjir"), banjir(make_quote), "9.9")
    engine.dispose()
    given: str | Path = str(path) if as_text else path

    readonly = open_readonly(given)
    with readonly.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM quotes")).scalar() == 2
    readonly.dispose()
    plain = connect_readonly(given)
    assert plain.execute("SELECT count(*) FROM quotes").fetchone() == (2,)
    plain.close()
    assert run_sql(given, "SELECT count(*) AS n FROM quote_facts").rows == [(2,)]


def test_open_readonly_cannot_write(engine: Engine, db_url: str) -> None:
    readonly = open_readonly(db_url)
    refusal = "readonly database|read-only transaction"
    with readonly.connect() as conn, pytest.raises(DBAPIError, match=refusal):
        conn.execute(text("DELETE FROM sources"))
    readonly.dispose()


# --- storing --------------------------------------------------------------------------------


def test_add_article_fills_every_table(engine: Engine, make_quote: QuoteMaker) -> None:
    stored = store(engine, article(BANJIR, "banjir"), banjir(make_quote), "9.9")
    assert stored == Stored(new=True, quotes_added=2)
    assert counts(engine) == {
        "sources": 1,
        "speakers": 2,
        "speaker_aliases": 2,  # Basuki, Pak Bas
        "roles": 2,
        "quotes": 2,
        "quote_search": 2,
    }
    _, search_id = search.search_table(engine.dialect.name)
    with engine.connect() as conn:
        source = conn.execute(text("SELECT * FROM sources")).one()
        facts = conn.execute(text('SELECT * FROM quote_facts ORDER BY "start"')).all()
        search_rows = conn.execute(
            text(f"SELECT norm FROM quote_search ORDER BY {search_id}")
        ).all()
    assert source.sha256 == sha256_text(BANJIR)
    assert (source.doc, source.uri, source.parser_version) == ("banjir", "banjir.txt", "9.9")
    assert (source.title, source.published, source.dateline) == (
        "Tanggul Jebol",
        "2024-02-06",
        "SEMARANG",
    )
    assert source.ingested_at
    first = facts[0]
    assert (first.speaker, first.speaker_type, first.role, first.mention) == (
        "Basuki Hadimuljono",
        "person",
        "Menteri Pekerjaan Umum",
        "Basuki",
    )
    assert BANJIR[first.start : first.end] == first.quote
    assert search_rows[0].norm == "tanggul ini akan kami perbaiki dalam dua minggu,"


def test_offsets_of_cue_mention_and_role_are_stored(engine: Engine, make_quote: QuoteMaker) -> None:
    store(engine, article(BANJIR), banjir(make_quote))
    with engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM quotes WHERE cue = 'ujar'")).one()
    assert BANJIR[row.cue_start : row.cue_end] == "ujar"
    assert BANJIR[row.mention_start : row.mention_end] == "Rina Astuti"
    assert BANJIR[row.role_start : row.role_end] == "Kepala BPBD"
    assert (row.kind, row.paragraph) == ("direct", 2)


def test_input_metadata_wins_over_the_parser(engine: Engine, make_quote: QuoteMaker) -> None:
    given = article(BANJIR, title="Judul dari JSONL", outlet="Koran Contoh")
    store(engine, given, banjir(make_quote))
    _, search_id = search.search_table(engine.dialect.name)
    with engine.connect() as conn:
        source = conn.execute(text("SELECT * FROM sources")).one()
    assert (source.title, source.outlet, source.published) == (
        "Judul dari JSONL",
        "Koran Contoh",
        "2024-02-06",
    )


def test_the_same_text_is_stored_once(engine: Engine, make_quote: QuoteMaker) -> None:
    writer = BulkWriter(engine)
    assert store(engine, article(BANJIR), banjir(make_quote), writer=writer).new
    before = counts(engine)
    first = source_ids(engine, BANJIR)
    again = store(engine, article(BANJIR, doc="copy"), banjir(make_quote), "2", writer=writer)
    assert again == Stored(new=False, quotes_added=0)
    # A second process (its own writer and caches) finds it stored as well.
    assert store(engine, article(BANJIR), banjir(make_quote), "2") == Stored(new=False)
    assert counts(engine) == before
    assert source_ids(engine, BANJIR) == first and len(first) == 1


def test_one_speaker_across_articles(engine: Engine, make_quote: QuoteMaker) -> None:
    store(engine, article(BANJIR, "banjir"), banjir(make_quote))
    # A fresh writer has an empty cache, like another process: the speaker row exists already.
    store(engine, article(JALAN, "jalan"), jalan(make_quote))
    with engine.connect() as conn:
        speakers = conn.execute(text("SELECT id, name, name_key FROM speakers")).all()
        basuki = next(s for s in speakers if s.name_key == "basuki hadimuljono")
        aliases = conn.execute(
            text(
                "SELECT alias, source_id FROM speaker_aliases WHERE speaker_id = :id "
                "ORDER BY alias, source_id"
            ),
            {"id": basuki.id},
        ).all()
        quotes_by_basuki = conn.execute(
            text("SELECT count(*) FROM quotes WHERE speaker_id = :id"), {"id": basuki.id}
        ).scalar_one()
    assert len(speakers) == 2
    assert basuki.name == "Basuki Hadimuljono"  # as first stored
    [banjir_id], [jalan_id] = source_ids(engine, BANJIR), source_ids(engine, JALAN)
    assert [tuple(row) for row in aliases] == [  # each with the article it was read in
        ("Basuki", banjir_id),
        ("Basuki", jalan_id),
        ("Menteri Basuki", jalan_id),
        ("Pak Bas", banjir_id),
    ]
    assert quotes_by_basuki == 2
    assert count(engine, "roles") == 3


def test_a_quote_without_speaker_or_role(engine: Engine, make_quote: QuoteMaker) -> None:
    said = make_quote(JALAN, "Jalan tol baru dibuka untuk mudik,", None, cue=None)
    store(engine, article(JALAN), Extraction(ArticleMeta(), (said,)))
    with engine.connect() as conn:
        row = conn.execute(text("SELECT speaker_id, role_id, cue, cue_start FROM quotes")).one()
    assert tuple(row) == (None, None, None, None)
    assert count(engine, "speakers") == 0


def test_a_failure_mid_article_writes_nothing(
    engine: Engine, make_quote: QuoteMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = BulkWriter(engine)
    store(engine, article(JALAN, "jalan"), jalan(make_quote), writer=writer)
    before = counts(engine)

    def broken(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    # The search rows go in last, after the source, speakers, roles and quotes.
    monkeypatch.setattr(search, "search_table", broken)
    with pytest.raises(DatabaseError, match="RuntimeError: disk on fire$"):
        store(engine, article(BANJIR, "banjir"), banjir(make_quote), writer=writer)
    assert counts(engine) == before
    assert source_ids(engine, BANJIR) == []

    # Rina Astuti and her role were created, then rolled back: the cache must not keep their
    # ids (with foreign keys on, a stale id would make this insert fail).
    monkeypatch.undo()
    stored = store(engine, article(BANJIR, "banjir"), banjir(make_quote), writer=writer)
    assert stored == Stored(new=True, quotes_added=2)
    with engine.connect() as conn:
        orphans = conn.execute(
            text(
                "SELECT count(*) FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id "
                "WHERE q.speaker_id IS NOT NULL AND s.id IS NULL"
            )
        ).scalar_one()
    assert orphans == 0


def test_deleting_a_source_deletes_its_quotes_and_search_rows(
    engine: Engine, make_quote: QuoteMaker
) -> None:
    store(engine, article(BANJIR), banjir(make_quote))
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM sources"))
    assert count(engine, "quotes") == 0
    assert count(engine, "quote_search") == 0
    assert count(engine, "speakers") == 2  # speakers outlive their articles


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("postgresql://redaksi@db.lokal/berita", "postgresql+psycopg://redaksi@db.lokal/berita"),
        (
            "postgres://redaksi:rahasia@db.lokal:5433/b",
            "postgresql+psycopg://redaksi:rahasia@db.lokal:5433/b",
        ),
        (
            "postgresql+psycopg2://redaksi@db.lokal/berita",
            "postgresql+psycopg2://redaksi@db.lokal/berita",
        ),
        ("sqlite:////data/berita.sqlite", "sqlite:////data/berita.sqlite"),
    ],
)
def test_a_postgresql_url_without_a_driver_gets_psycopg(given: str, url: str) -> None:
    assert resolve_db_url(given) == url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://redaksi@db.lokal/berita", "quotedb works with SQLite and PostgreSQL, not mysql"),
        ("postgresql+pg8000://redaksi@db.lokal/berita", "its driver pg8000 is not installed"),
    ],
)
def test_an_unusable_url_is_a_one_line_error(url: str, message: str) -> None:
    for opening in (open_database, open_readonly):
        with pytest.raises(DatabaseError, match=message) as raised:
            opening(url)
        assert "\n" not in str(raised.value)
