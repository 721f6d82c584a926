"""The bulk ingest pipeline (`quotedb.ingest.workers`, `quotedb.ingest.pipeline`) and the
benchmark corpus.

Behaviour only: how fast it goes is measured by benchmarks/bench.py, never here. The corpus
generator is tried on a few dozen articles, and the pipeline with two worker processes on as
many; the other tests parse in this process with the stand-in parser of `fake_parser`.
"""

from __future__ import annotations

import json
import pickle
import sqlite3
import sys
from pathlib import Path

import pytest
from benchmark_corpus import BENCHMARKS
from benchmark_corpus import generator as corpus
from fake_parser import (
    JEMBATAN,
    KILL_MARK,
    PASAR,
    fake_extract,
    install_dying_parser,
    use_fake_parser,
)

from quotedb.config import resolve_db_url
from quotedb.ingest import prepare as prepare_module
from quotedb.ingest import workers as bulk
from quotedb.ingest.pipeline import IngestReport, ingest
from quotedb.records import Extraction, Quote
from quotedb.store.keys import sha256_text
from quotedb.store.rows import ArticleData, QuoteData
from quotedb.store.writer import Stored, Written


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def article_text(n: int, speaker: str = "Rina Wulandari") -> str:
    return f'"Kios nomor {n} dibuka lagi besok pagi," kata lurah {speaker}.\n'


# --- the corpus generator ----------------------------------------------------------------------


def test_corpus_is_deterministic_and_its_quotes_index_the_text() -> None:
    first = list(corpus.generate(30, seed=4))
    again = list(corpus.generate(30, seed=4))
    other = next(corpus.generate(1, seed=5))

    assert [a.text for a in first] == [a.text for a in again]
    assert other.text != first[0].text
    assert corpus.generate_article(17, seed=4).text == first[17].text  # any slice, alone
    for article in first:
        for quote in article.quotes:
            span = article.text[quote.start : quote.end]
            assert span and span == span.strip()
            assert quote.kind in ("direct", "indirect", "mixed")
    kinds = {q.kind for a in first for q in a.quotes}
    speakers = {q.speaker_type for a in first for q in a.quotes}
    assert kinds == {"direct", "indirect", "mixed"}
    assert speakers == {"person", "organization", "anonymous"}


def test_corpus_is_the_same_in_every_process() -> None:
    import hashlib
    import os
    import subprocess

    code = (
        "import hashlib, sys\n"
        f"sys.path.insert(0, {str(BENCHMARKS)!r})\n"
        "from corpus import generate\n"
        "text = ''.join(a.text for a in generate(20, seed=4))\n"
        "print(hashlib.sha256(text.encode()).hexdigest())\n"
    )
    here = hashlib.sha256("".join(a.text for a in corpus.generate(20, seed=4)).encode())
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert done.stdout.strip() == here.hexdigest()


def test_corpus_size_and_quote_count_follow_the_options() -> None:
    small = list(corpus.generate(40, seed=2, size=1500, quotes=4))
    large = list(corpus.generate(40, seed=2, size=6000, quotes=12))

    def mean(values: list[int]) -> float:
        return sum(values) / len(values)

    assert 1000 < mean([len(a.text) for a in small]) < 2500
    assert 5000 < mean([len(a.text) for a in large]) < 8000
    assert 3 <= mean([len(a.quotes) for a in small]) <= 5
    assert 10 <= mean([len(a.quotes) for a in large]) <= 14


def test_corpus_writes_jsonl_and_text_files(tmp_path: Path) -> None:
    corpus.main(["--articles", "5", "--out", str(tmp_path / "c.jsonl")])
    corpus.main(["--articles", "5", "--format", "txt", "--out", str(tmp_path / "txt")])

    records = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text().splitlines()]
    assert len(records) == 5
    assert set(records[0]) == {"id", "title", "date", "url", "outlet", "text"}
    files = sorted((tmp_path / "txt").glob("*.txt"))
    assert len(files) == 5
    assert files[0].read_text(encoding="utf-8").startswith("date 20")


# --- the pipeline with worker processes ----------------------------------------------------------


def test_two_workers_store_what_one_worker_stores(tmp_path: Path) -> None:
    feed = tmp_path / "berita.jsonl"
    corpus.main(["--articles", "40", "--seed", "9", "--out", str(feed)])
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"

    by_one = ingest([str(feed)], str(one), workers=1)
    by_two = ingest([str(feed)], str(two), workers=2)
    again = ingest([str(feed)], str(two), workers=2)

    assert by_one.summary() == by_two.summary()
    assert (by_two.new, by_two.failed) == (40, 0) and by_two.quotes_added > 40 * 4
    assert (again.new, again.present, again.quotes_added) == (0, 40, 0)
    stored = (
        "SELECT s.doc, q.start, q.end, q.kind, sp.name, r.title FROM quotes q "
        "JOIN sources s ON s.id = q.source_id LEFT JOIN speakers sp ON sp.id = q.speaker_id "
        "LEFT JOIN roles r ON r.id = q.role_id ORDER BY q.id"
    )
    assert rows(one, stored) == rows(two, stored)
    search = "SELECT rowid, norm FROM quote_search ORDER BY rowid"
    assert rows(one, search) == rows(two, search)
    assert rows(two, "SELECT count(*) FROM quote_search") == [(by_two.quotes_added,)]


def test_default_workers_parse_a_small_input_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A few articles are parsed in this process (no pool to start), so a replaced parser
    is the one used."""
    use_fake_parser(monkeypatch)
    monkeypatch.setattr(bulk, "default_workers", lambda: 4)
    folder = tmp_path / "artikel"
    folder.mkdir()
    (folder / "pasar.txt").write_text(PASAR, encoding="utf-8")

    report = ingest([str(folder)], str(tmp_path / "q.sqlite"))

    assert (report.new, report.quotes_added) == (1, 2)


def test_workers_must_be_positive(tmp_path: Path) -> None:
    from quotedb.errors import QuotedbError

    with pytest.raises(QuotedbError, match="workers"):
        ingest([], str(tmp_path / "q.sqlite"), workers=0)


def test_an_article_comes_back_from_a_worker_whole_and_in_order() -> None:
    """A worker sends `prepare_rows`'s plain tuples through a pipe; `with_article` must give
    every field of the article and of each quote back under its own name, quotes in order."""
    from quotedb.ingest.inputs import ArticleInput
    from quotedb.records import ArticleMeta, Span

    article = ArticleInput("d1", "teks", "berita.jsonl#L3", title="Judul", published=None)
    named = Quote(
        start=10,
        end=40,
        text="Kami  Siap",
        kind="mixed",
        cue="ujar",
        cue_span=Span(41, 45),
        speaker="Joko Widodo",
        speaker_type="person",
        mention="Jokowi",
        mention_span=Span(46, 52),
        role="Presiden  RI",
        role_span=Span(53, 65),
        paragraph=2,
        speaker_aliases=("Jokowi", "joko  widodo"),
    )
    unnamed = Quote(
        start=70,
        end=80,
        text="Tidak",
        kind="direct",
        cue=None,
        cue_span=None,
        speaker=None,
        speaker_type="anonymous",
        mention=None,
        mention_span=None,
        role=None,
        role_span=None,
        paragraph=3,
    )
    meta = ArticleMeta("Judul lain", "2024-05-01", "Kompas", "JAKARTA", "Antara")
    extraction = Extraction(meta, (named, unnamed))

    sent = pickle.loads(pickle.dumps(prepare_module.prepare_rows(article, extraction, "7", "ab12")))
    parsed = prepare_module.with_article(article, sent)

    assert parsed == ArticleData(
        text="teks",
        sha256="ab12",
        uri="berita.jsonl#L3",
        doc="d1",
        title="Judul",
        published="2024-05-01",
        outlet="Kompas",
        dateline="JAKARTA",
        agency="Antara",
        parser_version="7",
        quotes=(
            QuoteData(
                text="Kami  Siap",
                kind="mixed",
                cue="ujar",
                start=10,
                end=40,
                mention="Jokowi",
                paragraph=2,
                cue_start=41,
                cue_end=45,
                mention_start=46,
                mention_end=52,
                role_start=53,
                role_end=65,
                speaker="Joko Widodo",
                speaker_kind="person",
                speaker_key="joko widodo",
                role="Presiden  RI",
                role_key="presiden ri",
                aliases=(("Jokowi", "jokowi"),),
                norm="kami siap",
            ),
            QuoteData(
                text="Tidak",
                kind="direct",
                cue=None,
                start=70,
                end=80,
                mention=None,
                paragraph=3,
                cue_start=None,
                cue_end=None,
                mention_start=None,
                mention_end=None,
                role_start=None,
                role_end=None,
                speaker=None,
                speaker_kind="anonymous",
                speaker_key="",
                role=None,
                role_key="",
                aliases=(),
                norm="tidak",
            ),
        ),
    )
    assert parsed.text is article.text
    prepared = prepare_module.prepare(article, extraction, "7")
    assert prepared == parsed._replace(sha256=sha256_text("teks"))


def test_a_dead_worker_costs_only_the_article_that_killed_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two articles kill the process parsing them: one in the first chunk (before any chunk
    came back, which must not be taken for processes that cannot start), one in the fourth.
    Every other article of their chunks, and of the chunks in flight, is stored; the two
    fail by file and line; nothing is parsed in the ingesting process."""
    parsed_here: list[str] = []

    def in_this_process(text: str) -> Extraction:
        parsed_here.append(text)
        return fake_extract(text)

    use_fake_parser(monkeypatch, in_this_process)
    monkeypatch.setattr(bulk, "warm_up", install_dying_parser)
    texts = [article_text(n) for n in range(300)]
    for killer in (3, 200):
        texts[killer] = KILL_MARK + texts[killer]
    feed = jsonl(tmp_path / "f.jsonl", texts)
    db = tmp_path / "q.sqlite"

    report = ingest([str(feed)], str(db), workers=2)

    assert (report.new, report.failed, report.quotes_added) == (298, 2, 298)
    stopped = "the parser process stopped while parsing this article; not stored"
    assert [failure.message for failure in report.failures] == [
        f"{feed}:4: {stopped}",
        f"{feed}:201: {stopped}",
    ]
    assert parsed_here == []
    stored = {doc for (doc,) in rows(db, "SELECT doc FROM sources")}
    assert stored == {f"a{n}" for n in range(300)} - {"a3", "a200"}


# --- batches: dedupe, failures, order ------------------------------------------------------------


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 4 and batches of 6 articles, so a few dozen inputs cross many boundaries."""
    use_fake_parser(monkeypatch)
    monkeypatch.setattr(bulk, "CHUNK_SIZE", 4)
    monkeypatch.setattr(bulk, "BATCH_ARTICLES", 6)


def jsonl(path: Path, texts: list[str]) -> Path:
    lines = [json.dumps({"id": f"a{i}", "text": text}) for i, text in enumerate(texts)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.usefixtures("small_batches")
def test_progress_follows_the_input_across_chunks_and_batches(tmp_path: Path) -> None:
    texts = [article_text(n) for n in range(30)]
    texts[7] = texts[3]  # the same text twice: stored once
    feed = jsonl(tmp_path / "f.jsonl", texts)
    with feed.open("a", encoding="utf-8") as out:
        out.write("{rusak\n")
    seen: list[tuple[str, int, int, int]] = []

    def progress(item: object, report: IngestReport) -> None:
        seen.append((getattr(item, "doc", "?"), report.new, report.repeated, report.failed))

    report = ingest([str(feed)], str(tmp_path / "q.sqlite"), progress=progress, workers=1)

    assert (report.new, report.present, report.repeated, report.failed) == (29, 0, 1, 1)
    assert [doc for doc, *_ in seen] == [f"a{i}" for i in range(30)] + ["?"]
    assert seen[7] == ("a7", 7, 1, 0)  # reported in input order, as it happened
    assert [sum(counts) for _, *counts in seen] == list(range(1, 32))


@pytest.mark.usefixtures("small_batches")
def test_a_bad_article_fails_alone_and_its_batch_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quote the database refuses (an unknown kind) fails its article; the other articles
    of the same batch are written again one by one and stored."""

    def one_bad(text: str) -> Extraction:
        found = fake_extract(text)
        if "nomor 5 " in text:
            bad = Quote(**{**_fields(found.quotes[0]), "kind": "rumour"})  # type: ignore[arg-type]
            return Extraction(found.meta, (bad,))
        return found

    use_fake_parser(monkeypatch, one_bad)
    db = tmp_path / "q.sqlite"
    feed = jsonl(tmp_path / "f.jsonl", [article_text(n) for n in range(12)])

    report = ingest([str(feed)], str(db), workers=1)

    assert (report.new, report.failed, report.quotes_added) == (11, 1, 11)
    [failure] = report.failures
    assert failure.message.startswith(f"{feed}:6: ")
    assert "CHECK constraint failed" in failure.message
    assert rows(db, "SELECT count(*) FROM sources") == [(11,)]
    assert rows(db, "SELECT count(*) FROM quote_search") == [(11,)]
    assert rows(db, "SELECT count(*) FROM speakers") == [(1,)]  # shared, stored once


def _fields(quote: Quote) -> dict[str, object]:
    return {name: getattr(quote, name) for name in Quote.__dataclass_fields__}


@pytest.mark.usefixtures("small_batches")
def test_stored_texts_are_not_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []

    def counting(text: str) -> Extraction:
        parsed.append(text)
        return fake_extract(text)

    use_fake_parser(monkeypatch, counting)
    db = str(tmp_path / "q.sqlite")
    feed = jsonl(tmp_path / "f.jsonl", [article_text(n) for n in range(10)])
    ingest([str(feed)], db, workers=1)
    parsed.clear()
    more = jsonl(tmp_path / "g.jsonl", [article_text(n) for n in range(14)])

    report = ingest([str(more)], db, workers=1)

    assert (report.new, report.present) == (4, 10)
    assert parsed == [article_text(n) for n in range(10, 14)]


def test_speakers_roles_and_aliases_are_shared_across_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def with_alias(text: str) -> Extraction:
        found = fake_extract(text)
        quotes = tuple(
            Quote(**{**_fields(q), "speaker_aliases": ("Rina", "Bu Rina")})  # type: ignore[arg-type]
            for q in found.quotes
        )
        return Extraction(found.meta, quotes)

    use_fake_parser(monkeypatch, with_alias)
    monkeypatch.setattr(bulk, "BATCH_ARTICLES", 3)
    db = tmp_path / "q.sqlite"
    texts = [article_text(n, "Rina Wulandari") for n in range(8)] + [PASAR, JEMBATAN]

    report = ingest([str(jsonl(tmp_path / "f.jsonl", texts))], str(db), workers=1)

    assert report.new == 10
    assert rows(db, "SELECT name FROM speakers ORDER BY id") == [
        ("Rina Wulandari",),
        ("Bagus Hartono",),
    ]
    assert rows(db, "SELECT title FROM roles ORDER BY id") == [("lurah",), ("kepala dinas",)]
    aliases = rows(
        db,
        "SELECT s.name, a.alias, count(*) FROM speaker_aliases a "
        "JOIN speakers s ON s.id = a.speaker_id GROUP BY s.name, a.alias ORDER BY 1, 2",
    )
    # Per speaker and per source that gives them.
    assert aliases == [
        ("Bagus Hartono", "Bu Rina", 1),
        ("Bagus Hartono", "Rina", 1),
        ("Rina Wulandari", "Bu Rina", 10),
        ("Rina Wulandari", "Rina", 10),
    ]
    elsewhere = (
        "SELECT count(*) FROM speaker_aliases a WHERE NOT EXISTS (SELECT 1 FROM quotes q "
        "WHERE q.source_id = a.source_id AND q.speaker_id = a.speaker_id)"
    )
    assert rows(db, elsewhere) == [(0,)]


def test_the_writer_numbers_rows_after_those_already_there(tmp_path: Path) -> None:
    """Ids continue after existing rows (and after rows whose quotes were deleted)."""
    db = tmp_path / "q.sqlite"
    first = jsonl(tmp_path / "f.jsonl", [article_text(n) for n in range(3)])
    ingest([str(first)], str(db), workers=1)
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("DELETE FROM sources WHERE id = 3")
    second = jsonl(tmp_path / "g.jsonl", [article_text(n) for n in range(3, 5)])

    report = ingest([str(second)], str(db), workers=1)

    assert report.new == 2
    assert rows(db, "SELECT id FROM sources ORDER BY id") == [(1,), (2,), (3,), (4,)]
    assert rows(db, "SELECT rowid FROM quote_search ORDER BY rowid") == rows(
        db, "SELECT id FROM quotes ORDER BY id"
    )


def test_a_speaker_deleted_meanwhile_is_created_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ids cached by the writer can go stale (`reparse` deletes speakers left without
    quotes); the failed batch is written again with ids looked up afresh."""
    from quotedb.ingest.inputs import ArticleInput
    from quotedb.ingest.prepare import prepare
    from quotedb.store.database import open_database
    from quotedb.store.writer import BulkWriter

    engine = open_database(resolve_db_url(str(tmp_path / "q.sqlite")))
    writer = BulkWriter(engine)

    def parsed(n: int) -> ArticleData:
        text = article_text(n)
        return prepare(ArticleInput(f"a{n}", text, f"a{n}"), fake_extract(text), "1")

    assert writer.write([parsed(1)]) == [Stored(new=True, quotes_added=1)]
    with engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM sources")
        connection.exec_driver_sql("DELETE FROM speakers")
        connection.exec_driver_sql("DELETE FROM roles")

    results = writer.write([parsed(2), parsed(3)])

    assert results == [Stored(new=True, quotes_added=1)] * 2
    with engine.connect() as connection:
        speakers = connection.exec_driver_sql("SELECT name FROM speakers").all()
    assert [tuple(row) for row in speakers] == [("Rina Wulandari",)]
    engine.dispose()


def test_a_locked_database_stops_the_write_without_retrying_each_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process held the lock past the busy timeout: no article's fault, and waiting
    that long again for each article would stall the ingest for hours."""
    from quotedb.errors import DatabaseError
    from quotedb.ingest.inputs import ArticleInput
    from quotedb.ingest.prepare import prepare
    from quotedb.store.database import open_database
    from quotedb.store.writer import BulkWriter

    engine = open_database(resolve_db_url(str(tmp_path / "q.sqlite")))
    writer = BulkWriter(engine)
    attempts: list[int] = []

    def locked(batch: list[ArticleData]) -> list[Written]:
        attempts.append(len(batch))
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(writer, "_transaction", locked)
    batch = [
        prepare(ArticleInput(f"a{n}", article_text(n), f"a{n}"), fake_extract(article_text(n)), "1")
        for n in range(3)
    ]

    with pytest.raises(DatabaseError, match=r"q\.sqlite: OperationalError: database is locked$"):
        writer.write(batch)

    assert attempts == [3]
    engine.dispose()
