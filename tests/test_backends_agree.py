"""SQLite and PostgreSQL give the same answers on the same articles, parsed by the real parser.

The two databases are filled by the same ingest; row ids may differ (PostgreSQL numbers a
batch's sources in hash order), so rows are compared without them.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import corpus
import pytest
from backends import fetch

from quotedb.ingest.pipeline import ingest
from quotedb.resources import seeds_dir
from quotedb.store.reading import QuoteRow, quotes_by_speaker, who_said
from quotedb.store.readonly import open_readonly
from quotedb.store.speaker_list import list_speakers
from quotedb.store.sql import run_sql

PHRASES = ("bantuan beras", "kami", "warga", "Sungai", "10%", "a", "tidak ada yang", "é")


def without_ids(rows: list[QuoteRow]) -> list[tuple[Any, ...]]:
    return sorted(
        dataclasses.astuple(dataclasses.replace(row, quote_id=0, source_id=0, identity_id=0))
        for row in rows
    )


@pytest.fixture
def both(db_url: str, tmp_path: Path) -> tuple[str, str]:
    inputs = [
        str(seeds_dir() / "articles"),
        str(corpus.write_folder(tmp_path / "artikel", corpus.articles(120, seed=11))),
    ]
    sqlite_url = f"sqlite:///{tmp_path / 'sama.sqlite'}"
    reports = [ingest(inputs, url, workers=2) for url in (db_url, sqlite_url)]
    # Row ids differ between the backends: the identities are compared by name below.
    same = [dataclasses.replace(report, identities=None) for report in reports]
    assert same[0] == same[1] and reports[0].new > 120 and not reports[0].failures
    return db_url, sqlite_url


@pytest.mark.backends("postgresql")
def test_the_same_rows_are_stored(both: tuple[str, str]) -> None:
    postgresql, sqlite = both
    for sql in (
        "SELECT sha256, uri, title, published, dateline, agency FROM sources",
        "SELECT name, kind, name_key FROM speakers",
        "SELECT title, title_key FROM roles",
        'SELECT speaker, role, quote, kind, cue, mention, start, "end", paragraph, uri '
        "FROM quote_facts",
        "SELECT i.name, i.kind, sp.name FROM speakers AS sp JOIN identities AS i "
        "ON i.id = sp.identity_id",
        "SELECT identity, normal_role FROM quote_facts",
    ):
        assert sorted(fetch(postgresql, sql)) == sorted(fetch(sqlite, sql)), sql


@pytest.mark.backends("postgresql")
def test_queries_answer_the_same(both: tuple[str, str]) -> None:
    engines = [open_readonly(url) for url in both]
    try:
        for phrase in PHRASES:
            found = [without_ids(who_said(engine, phrase, limit=10_000)) for engine in engines]
            assert found[0] == found[1], phrase
        assert any(who_said(engines[0], phrase) for phrase in PHRASES)
        speakers = [
            [dataclasses.replace(row, identity_id=0) for row in list_speakers(engine)]
            for engine in engines
        ]
        assert sorted(speakers[0], key=repr) == sorted(speakers[1], key=repr)
        for speaker in speakers[0][:5]:
            said = [without_ids(quotes_by_speaker(e, speaker.name, 10_000)) for e in engines]
            assert said[0] == said[1] and said[0], speaker.name
    finally:
        for engine in engines:
            engine.dispose()
    counts = "SELECT count(*) AS n, count(DISTINCT speaker) AS speakers FROM quote_facts"
    assert run_sql(both[0], counts).rows == run_sql(both[1], counts).rows
