"""`quotedb.ingest.pipeline.ingest`, the library form of `quotedb ingest`.

The parser is replaced by `fake_parser.fake_extract`, so these tests check loading, storing
and error handling whatever the real parser finds, on each backend. End-to-end tests with
the real parser live with the parser's tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from backends import fetch
from fake_parser import JEMBATAN, PASAR, fake_extract, use_fake_parser

from quotedb.ingest.pipeline import IngestReport, ingest
from quotedb.records import Extraction
from quotedb.store.keys import sha256_text


@pytest.fixture
def fake_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_parser(monkeypatch)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "artikel"
    folder.mkdir()
    (folder / "pasar-ikan.txt").write_text(PASAR, encoding="utf-8")
    (folder / "jembatan.txt").write_text(JEMBATAN, encoding="utf-8")
    return folder


def rows(db_url: str, sql: str) -> list[tuple[object, ...]]:
    return fetch(db_url, sql)


def test_fake_parser_offsets_index_the_text() -> None:
    for quote in fake_extract(PASAR).quotes:
        assert PASAR[quote.start : quote.end] == quote.text
    assert [q.role for q in fake_extract(PASAR).quotes] == ["lurah", "kepala dinas"]


@pytest.mark.usefixtures("fake_parser")
def test_ingest_stores_articles_and_quotes_then_reingest_adds_nothing(
    articles: Path, db_url: str
) -> None:
    first = ingest([str(articles)], db_url)
    second = ingest([str(articles)], db_url)

    assert (first.new, first.present, first.failed, first.quotes_added) == (2, 0, 0, 3)
    assert (second.new, second.present, second.failed, second.quotes_added) == (0, 2, 0, 0)
    assert (
        second.summary()
        == "0 articles new, 2 already stored, 0 repeated in the input, 0 failed; 0 quotes added."
    )
    bodies = {body for (body,) in rows(db_url, "SELECT body FROM sources")}
    assert bodies == {PASAR, JEMBATAN}
    stored = (
        'SELECT s.body, q."start", q."end", q.text FROM quotes q JOIN sources s ON s.id = source_id'
    )
    for body, start, end, text in rows(db_url, stored):
        assert isinstance(body, str) and isinstance(start, int) and isinstance(end, int)
        assert body[start:end] == text


@pytest.mark.usefixtures("fake_parser")
def test_the_same_text_under_another_name_is_a_repeat(
    articles: Path, db_url: str, tmp_path: Path
) -> None:
    copy = tmp_path / "salinan.txt"
    copy.write_text(PASAR, encoding="utf-8")

    report = ingest([str(articles / "pasar-ikan.txt"), str(copy)], db_url)

    assert (report.new, report.present, report.repeated) == (1, 0, 1)
    assert rows(db_url, "SELECT sha256 FROM sources") == [(sha256_text(PASAR),)]


@pytest.mark.usefixtures("fake_parser")
def test_stored_before_and_repeated_in_the_input_are_counted_apart(
    db_url: str, tmp_path: Path
) -> None:
    """A text stored by an earlier ingest is `already stored` once; its later copies in the
    same input, and copies of a new text, are `repeated in the input`, also when they come
    chunks (64 articles) apart."""
    feed = tmp_path / "kiriman.jsonl"
    fillers = [f"Berita nomor {n} tentang pasar desa." for n in range(70)]
    texts = [PASAR, JEMBATAN, *fillers, PASAR, JEMBATAN, JEMBATAN]
    feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    first = ingest([str(feed)], db_url, workers=1)
    fresh = tmp_path / "baru.jsonl"
    more = [PASAR, "Kabar baru dari balai desa.", PASAR, "Kabar baru dari balai desa."]
    fresh.write_text("".join(json.dumps({"text": t}) + "\n" for t in more), encoding="utf-8")

    again = ingest([str(feed), str(fresh)], db_url, workers=1)

    assert (first.new, first.present, first.repeated) == (72, 0, 3)
    assert (again.new, again.present, again.repeated) == (1, 72, 6)
    assert again.summary().startswith("1 article new, 72 already stored, 6 repeated in the input")


@pytest.mark.usefixtures("fake_parser")
def test_bad_inputs_are_reported_and_good_articles_stored(tmp_path: Path, db_url: str) -> None:
    feed = tmp_path / "kiriman.jsonl"
    feed.write_text(
        json.dumps({"id": "pasar", "text": PASAR, "title": "Pasar Ikan Dibuka"})
        + "\n{rusak\n"
        + json.dumps({"id": "jembatan", "text": JEMBATAN})
        + "\n",
        encoding="utf-8",
    )
    missing = tmp_path / "tidak-ada.txt"

    report = ingest([str(feed), str(missing)], db_url)

    assert (report.new, report.failed, report.quotes_added) == (2, 2, 3)
    assert [f.message.split(": ", 1)[0] for f in report.failures] == [
        f"{feed}:2",
        f"cannot read {missing}",
    ]
    titles = [title for (title,) in rows(db_url, "SELECT title FROM sources ORDER BY id")]
    assert titles[0] == "Pasar Ikan Dibuka"  # metadata from the input wins over the parser's


def test_a_parser_crash_fails_only_its_article(
    articles: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash_on_bridges(text: str) -> Extraction:
        if "Jembatan" in text:
            raise ValueError("unbalanced quote marks")
        return fake_extract(text)

    use_fake_parser(monkeypatch, crash_on_bridges)

    report = ingest([str(articles)], db_url)

    assert (report.new, report.failed, report.quotes_added) == (1, 1, 2)
    [failure] = report.failures
    assert failure.message == f"{articles / 'jembatan.txt'}: ValueError: unbalanced quote marks"
    assert rows(db_url, "SELECT count(*) FROM sources") == [(1,)]


@pytest.mark.usefixtures("fake_parser")
def test_progress_is_called_once_per_input(articles: Path, db_url: str) -> None:
    seen: list[tuple[str, int]] = []

    def progress(item: object, report: IngestReport) -> None:
        seen.append((getattr(item, "doc", "?"), report.articles))

    ingest([str(articles), str(articles / "tidak-ada.txt")], db_url, progress=progress)

    assert seen == [("jembatan", 1), ("pasar-ikan", 2), ("?", 3)]


def test_summary_wording() -> None:
    report = IngestReport(new=1, present=0, quotes_added=1)

    assert (
        report.summary()
        == "1 article new, 0 already stored, 0 repeated in the input, 0 failed; 1 quote added."
    )
