"""Opening databases (`quotedb.db`) and storing articles (`quotedb.store`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from quotedb import search
from quotedb.config import resolve_db_url
from quotedb.db import BUSY_TIMEOUT_MS, open_database, open_readonly
from quotedb.errors import DatabaseError
from quotedb.loaders import ArticleInput
from quotedb.records import ArticleMeta, Extraction, Quote
from quotedb.store import Store, sha256_text

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
    assert Store(engine).add_article(article(BANJIR), banjir(make_quote), "1").quotes_added == 2
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
    with pytest.raises(DatabaseError, match="not a quotedb database; run `quotedb ingest`"):
        open_readonly(resolve_db_url(str(empty)))


def test_open_readonly_cannot_write(engine: Engine, db_url: str) -> None:
    readonly = open_readonly(db_url)
    refusal = "readonly database|read-only transaction"
    with readonly.connect() as conn, pytest.raises(DBAPIError, match=refusal):
        conn.execute(text("DELETE FROM sources"))
    readonly.dispose()


# --- storing --------------------------------------------------------------------------------


def test_add_article_fills_every_table(engine: Engine, make_quote: QuoteMaker) -> None:
    stored = Store(engine).add_article(article(BANJIR, "banjir"), banjir(make_quote), "9.9")
    assert stored.new and stored.quotes_added == 2 and stored.source_id is not None
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
    assert (first.speaker, first.speaker_kind, first.role, first.mention) == (
        "Basuki Hadimuljono",
        "person",
        "Menteri Pekerjaan Umum",
        "Basuki",
    )
    assert BANJIR[first.start : first.end] == first.quote
    assert search_rows[0].norm == "tanggul ini akan kami perbaiki dalam dua minggu,"


def test_offsets_of_cue_mention_and_role_are_stored(engine: Engine, make_quote: QuoteMaker) -> None:
    Store(engine).add_article(article(BANJIR), banjir(make_quote), "1")
    with engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM quotes WHERE cue = 'ujar'")).one()
    assert BANJIR[row.cue_start : row.cue_end] == "ujar"
    assert BANJIR[row.mention_start : row.mention_end] == "Rina Astuti"
    assert BANJIR[row.role_start : row.role_end] == "Kepala BPBD"
    assert (row.kind, row.paragraph) == ("direct", 2)


def test_input_metadata_wins_over_the_parser(engine: Engine, make_quote: QuoteMaker) -> None:
    given = article(BANJIR, title="Judul dari JSONL", outlet="Koran Contoh")
    Store(engine).add_article(given, banjir(make_quote), "1")
    _, search_id = search.search_table(engine.dialect.name)
    with engine.connect() as conn:
        source = conn.execute(text("SELECT * FROM sources")).one()
    assert (source.title, source.outlet, source.published) == (
        "Judul dari JSONL",
        "Koran Contoh",
        "2024-02-06",
    )


def test_the_same_text_is_stored_once(engine: Engine, make_quote: QuoteMaker) -> None:
    store = Store(engine)
    first = store.add_article(article(BANJIR), banjir(make_quote), "1")
    before = counts(engine)
    assert store.has_source(sha256_text(BANJIR))
    again = store.add_article(article(BANJIR, doc="copy"), banjir(make_quote), "2")
    assert again.new is False and again.quotes_added == 0
    assert again.source_id == first.source_id
    # A second process (its own Store and caches) finds it stored as well.
    assert Store(engine).add_article(article(BANJIR), banjir(make_quote), "2").new is False
    assert counts(engine) == before


def test_one_speaker_across_articles(engine: Engine, make_quote: QuoteMaker) -> None:
    Store(engine).add_article(article(BANJIR, "banjir"), banjir(make_quote), "1")
    # A fresh Store has an empty cache, like another process: the speaker row exists already.
    Store(engine).add_article(article(JALAN, "jalan"), jalan(make_quote), "1")
    with engine.connect() as conn:
        speakers = conn.execute(text("SELECT id, name, name_key FROM speakers")).all()
        basuki = next(s for s in speakers if s.name_key == "basuki hadimuljono")
        aliases = conn.execute(
            text("SELECT alias FROM speaker_aliases WHERE speaker_id = :id ORDER BY alias"),
            {"id": basuki.id},
        ).scalars()
        quotes_by_basuki = conn.execute(
            text("SELECT count(*) FROM quotes WHERE speaker_id = :id"), {"id": basuki.id}
        ).scalar_one()
    assert len(speakers) == 2
    assert basuki.name == "Basuki Hadimuljono"  # as first stored
    assert list(aliases) == ["Basuki", "Menteri Basuki", "Pak Bas"]
    assert quotes_by_basuki == 2
    assert count(engine, "roles") == 3


def test_a_quote_without_speaker_or_role(engine: Engine, make_quote: QuoteMaker) -> None:
    said = make_quote(JALAN, "Jalan tol baru dibuka untuk mudik,", None, cue=None)
    Store(engine).add_article(article(JALAN), Extraction(ArticleMeta(), (said,)), "1")
    with engine.connect() as conn:
        row = conn.execute(text("SELECT speaker_id, role_id, cue, cue_start FROM quotes")).one()
    assert tuple(row) == (None, None, None, None)
    assert count(engine, "speakers") == 0


def test_a_failure_mid_article_writes_nothing(
    engine: Engine, make_quote: QuoteMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(engine)
    store.add_article(article(JALAN, "jalan"), jalan(make_quote), "1")
    before = counts(engine)

    def broken(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(search, "index_quotes", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add_article(article(BANJIR, "banjir"), banjir(make_quote), "1")
    assert counts(engine) == before
    assert not store.has_source(sha256_text(BANJIR))

    # Rina Astuti and her role were created, then rolled back: the cache must not keep their
    # ids (with foreign keys on, a stale id would make this insert fail).
    monkeypatch.undo()
    stored = store.add_article(article(BANJIR, "banjir"), banjir(make_quote), "1")
    assert stored.new and stored.quotes_added == 2
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
    Store(engine).add_article(article(BANJIR), banjir(make_quote), "1")
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
