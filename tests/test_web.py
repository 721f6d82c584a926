"""`quotedb browse`'s Datasette, driven in-process through Datasette's own test client.

The database is built from the bundled sample articles; what Datasette answers is compared
with what the database holds (SQL counts) and what quotedb's own commands answer
(`who_said`, `quotes_by_speaker`), so the facets, the search box and the canned queries are
checked against the archive rather than against numbers written here.
"""

from __future__ import annotations

import asyncio
import socket
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quotedb.cli import app
from quotedb.ingest.pipeline import ingest
from quotedb.resources import seeds_dir
from quotedb.store.reading import quotes_by_speaker, who_said

pytest.importorskip("datasette", reason="the web extra (pip install 'quotedb[web]') is missing")

from quotedb.web.app import make_datasette  # noqa: E402  (needs Datasette)

SAMPLES = seeds_dir() / "articles"
runner = CliRunner()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "arsip.sqlite"
    report = ingest([str(SAMPLES)], str(path), workers=1)
    assert report.new >= 5 and not report.failures
    return path


@pytest.fixture
def db(archive: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{archive}?mode=ro", uri=True)
    yield connection
    connection.close()


def get(archive: Path, path: str, **params: str) -> Any:
    """Datasette's answer to GET `path`: parsed JSON for a `.json` path, else the HTML."""

    async def fetch() -> Any:
        response = await make_datasette(archive).client.get(path, params=params)
        assert response.status_code == 200, response.text
        return response.json() if ".json" in path else response.text

    return asyncio.run(fetch())


def test_quote_facts_has_facets_on_identity_speaker_role_outlet_and_date(
    archive: Path, db: sqlite3.Connection
) -> None:
    page = get(archive, "/quotedb/quote_facts.json", _facet_size="max")

    facets = page["facet_results"]
    assert list(facets) == ["identity", "speaker", "role", "outlet", "published"]
    for column in facets:
        counted = {item["value"]: item["count"] for item in facets[column]["results"]}
        stored = Counter(
            value
            for (value,) in db.execute(f"SELECT {column} FROM quote_facts")
            if value is not None
        )
        assert counted == dict(stored), column
    assert counted["2024-03-13"] > 0  # dates as stored: ISO, so they sort and facet as text


@pytest.mark.parametrize("phrase", ["perahu karet", "PERAHU Karet", "stok dari petani", "kami"])
def test_the_search_box_finds_the_quotes_holding_the_phrase(
    archive: Path, db: sqlite3.Connection, phrase: str
) -> None:
    page = get(archive, "/quotedb/quote_facts.json", _search=phrase, _shape="objects")

    found = {row["quote_id"] for row in page["rows"]}
    expected = {row.quote_id for row in who_said(db, phrase, limit=1000)}
    assert expected and found >= expected
    # The index holds trigrams: a quote may hold all of the phrase's without the phrase;
    # on these phrases none does.
    assert found == expected


@pytest.mark.parametrize(
    "phrase", ["perahu karet", "PERAHU  karet", "stok dari petani", "akan", "warga"]
)
def test_who_said_answers_as_quotedb_who_said_does(
    archive: Path, db: sqlite3.Connection, phrase: str
) -> None:
    rows = get(archive, "/quotedb/who_said.json", phrase=phrase, _shape="objects")["rows"]

    answered = sorted((row["speaker"], row["quote"], row["source_id"]) for row in rows)
    expected = sorted(
        (row.speaker, row.quote, row.source_id) for row in who_said(db, phrase, limit=1000)
    )
    assert answered and answered == expected


def test_who_said_names_the_speaker_of_a_bundled_quote(archive: Path) -> None:
    rows = get(archive, "/quotedb/who_said.json", phrase="Perahu Karet", _shape="objects")["rows"]

    assert [row["speaker"] for row in rows] == ["Teguh Prasetyo"]


@pytest.mark.parametrize("name", ["Teguh Prasetyo", "teguh", "Endang", "sulistyowati"])
def test_speaker_quotes_answers_as_quotedb_quotes_does(
    archive: Path, db: sqlite3.Connection, name: str
) -> None:
    rows = get(archive, "/quotedb/speaker_quotes.json", speaker=name, _shape="objects")["rows"]

    answered = sorted((row["speaker"], row["quote"]) for row in rows)
    expected = sorted((row.speaker, row.quote) for row in quotes_by_speaker(db, name, limit=1000))
    assert answered and answered == expected


def test_blank_parameters_answer_nothing(archive: Path) -> None:
    assert get(archive, "/quotedb/who_said.json", phrase="", _shape="objects")["rows"] == []
    assert get(archive, "/quotedb/speaker_quotes.json", speaker=" ", _shape="objects")["rows"] == []


def test_a_quote_links_to_its_article(archive: Path, db: sqlite3.Connection) -> None:
    source_id, title = db.execute(
        "SELECT source_id, title FROM quote_facts WHERE title IS NOT NULL LIMIT 1"
    ).fetchone()

    page = get(archive, "/quotedb/quote_facts", source_id=str(source_id))
    article = get(archive, f"/quotedb/sources/{source_id}.json", _shape="objects")

    assert f'<a href="/quotedb/sources/{source_id}">{title}</a>' in page
    assert article["rows"][0]["title"] == title


def test_tables_and_columns_are_described(archive: Path) -> None:
    page = get(archive, "/quotedb/quote_facts")

    assert "One row a quote, with its speaker, role and article." in page
    assert "The speaker as written at this quote" in page


def test_nothing_can_be_written(archive: Path, db: sqlite3.Connection) -> None:
    before = db.execute("SELECT count(*) FROM quotes").fetchone()[0]

    async def attempt() -> None:
        datasette = make_datasette(archive)
        response = await datasette.client.get("/quotedb.json", params={"sql": "DELETE FROM quotes"})
        assert response.status_code == 400  # Datasette runs only SELECT from its pages
        # Even the connection Datasette opens to write (for plugins, writable queries) cannot.
        await datasette.databases["quotedb"].execute_write("DELETE FROM quotes")

    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        asyncio.run(attempt())
    assert db.execute("SELECT count(*) FROM quotes").fetchone()[0] == before


def test_a_file_whose_path_holds_uri_characters_is_served(
    tmp_path: Path, archive: Path, db: sqlite3.Connection
) -> None:
    odd = tmp_path / "arsip #2 ?100%.sqlite"
    copy = sqlite3.connect(odd)
    db.backup(copy)
    copy.close()

    rows = get(odd, "/quotedb/who_said.json", phrase="perahu karet", _shape="objects")["rows"]

    assert [row["speaker"] for row in rows] == ["Teguh Prasetyo"]


# --- the command ----------------------------------------------------------------------------


def test_browse_refuses_a_postgresql_url_in_one_line() -> None:
    result = runner.invoke(
        app, ["browse", "--db", "postgresql://redaksi:rahasia@db.example/berita"]
    )

    assert result.exit_code == 1
    assert result.stderr == (
        "Error: browse serves SQLite files, and postgresql+psycopg://redaksi:***@db.example/berita"
        " is not one (Datasette reads only SQLite); ingest the same articles into a file and "
        "browse that: quotedb ingest --db archive.sqlite PATH... && quotedb browse --db "
        "archive.sqlite\n"
    )


def test_browse_of_a_missing_file_suggests_ingest(tmp_path: Path) -> None:
    result = runner.invoke(app, ["browse", "--db", str(tmp_path / "tidak-ada.sqlite")])

    assert result.exit_code == 1
    assert "run `quotedb ingest` to create one" in result.stderr
    assert not (tmp_path / "tidak-ada.sqlite").exists()


def test_browse_on_a_port_in_use_is_a_one_line_error(archive: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]

        result = runner.invoke(app, ["browse", "--db", str(archive), "--port", str(port)])

    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot listen on 127.0.0.1:{port}: address already in use\n"


def test_browse_without_datasette_says_how_to_install_it(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in ("datasette.app", "uvicorn"):  # neither is there without the web extra
        monkeypatch.setitem(sys.modules, module, None)

    result = runner.invoke(app, ["browse", "--db", str(archive)])

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: browse needs Datasette (")
    assert result.stderr.endswith("install it with: pip install 'quotedb[web]'\n")


def test_every_table_and_column_is_described(db: sqlite3.Connection) -> None:
    """Every table the schema defines, and the quote_facts view, is described in the metadata
    browse serves, with every column but the ids."""
    from quotedb.store.schema import Base
    from quotedb.web.app import metadata

    tables = metadata()["databases"]["quotedb"]["tables"]
    wanted = {t.name: [c.name for c in t.columns] for t in Base.metadata.tables.values()}
    wanted["quote_facts"] = [row[1] for row in db.execute("PRAGMA table_info(quote_facts)")]

    undescribed = [
        f"{table}.{column}"
        for table, columns in wanted.items()
        for column in columns
        if column != "id" and column not in tables.get(table, {}).get("columns", {})
    ]
    assert [t for t in wanted if not tables.get(t, {}).get("description")] == []
    assert undescribed == []


def test_speaker_quotes_answers_by_identity_after_a_merge(tmp_path: Path, archive: Path) -> None:
    """A merge made by hand joins two speakers' quotes under either name, in the canned query
    as in `quotedb quotes --speaker`."""
    merged = tmp_path / "merged.sqlite"
    with closing(sqlite3.connect(archive)) as source, closing(sqlite3.connect(merged)) as copy:
        source.backup(copy)
    result = runner.invoke(
        app, ["identity", "merge", "Yusuf Lubis", "Hendra Siregar", "--db", str(merged)]
    )
    assert result.exit_code == 0, result.output

    with closing(sqlite3.connect(merged)) as db:
        for name in ("Hendra Siregar", "yusuf"):
            rows = get(merged, "/quotedb/speaker_quotes.json", speaker=name, _shape="objects")
            answered = [(row["speaker"], row["quote"]) for row in rows["rows"]]
            expected = [(row.speaker, row.quote) for row in quotes_by_speaker(db, name, 1000)]
            assert answered == expected
            assert {speaker for speaker, _ in answered} == {"Hendra Siregar", "Yusuf Lubis"}
            assert {row["identity"] for row in rows["rows"]} == {"Hendra Siregar"}
