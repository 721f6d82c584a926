"""`quotedb reparse`: stored articles parsed again after a parser upgrade, one source at a time.

Two stand-in parsers: `old_parser` (the fake parser, giving Bagus Hartono an alias) and
`new_parser`, an "upgrade" that no longer finds Bagus Hartono's quote and calls the lurah a
kepala desa, so his speaker row, his alias and the roles `lurah` and `kepala dinas` lose
their last quotes.
"""

from __future__ import annotations

import dataclasses
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from backends import fetch, search_id
from fake_parser import JEMBATAN, PASAR, fake_extract
from sqlalchemy import Engine, text
from typer.testing import CliRunner, Result

from quotedb import cli
from quotedb.cli import progress as cli_progress
from quotedb.errors import DatabaseError, QuotedbError
from quotedb.ingest.inputs import ArticleInput
from quotedb.ingest.pipeline import ingest
from quotedb.ingest.prepare import prepare
from quotedb.ingest.reparse import ReparseReport, reparse
from quotedb.parse import pipeline as parser
from quotedb.records import Extraction
from quotedb.store import search
from quotedb.store.database import open_database
from quotedb.store.reading import who_said
from quotedb.store.writer import BulkWriter

runner = CliRunner()


def bagus_called(nickname: str) -> Callable[[str], Extraction]:
    """The fake parser, giving Bagus Hartono the alias `nickname`."""

    def extract(text: str) -> Extraction:
        found = fake_extract(text)
        quotes = tuple(
            dataclasses.replace(q, speaker_aliases=(nickname,))
            if q.speaker == "Bagus Hartono"
            else q
            for q in found.quotes
        )
        return dataclasses.replace(found, quotes=quotes)

    return extract


old_parser = bagus_called("Pak Bagus")


def new_parser(text: str) -> Extraction:
    found = fake_extract(text)
    quotes = tuple(
        dataclasses.replace(q, role="kepala desa" if q.role == "lurah" else q.role)
        for q in found.quotes
        if q.speaker != "Bagus Hartono"
    )
    return dataclasses.replace(found, quotes=quotes)


def use_parser(
    monkeypatch: pytest.MonkeyPatch, extract: Callable[[str], Extraction], version: str
) -> None:
    monkeypatch.setattr(parser, "extract", extract)
    monkeypatch.setattr(parser, "PARSER_VERSION", version)


@pytest.fixture
def db(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """PASAR (source 1: Rina Wulandari, Bagus Hartono) and JEMBATAN (source 2: Rina), parsed
    by the old parser, version 1."""
    folder = tmp_path / "artikel"
    folder.mkdir()
    (folder / "1-pasar.txt").write_text(PASAR, encoding="utf-8")
    (folder / "2-jembatan.txt").write_text(JEMBATAN, encoding="utf-8")
    use_parser(monkeypatch, old_parser, "1")
    assert ingest([str(folder)], db_url, workers=1).new == 2
    return db_url


@pytest.fixture
def engine(db: str) -> Engine:
    return open_database(db)


def rows(db: str, sql: str) -> list[tuple[Any, ...]]:
    return fetch(db, sql)


def sources_but_version(db: str) -> list[tuple[Any, ...]]:
    return rows(
        db,
        "SELECT id, body, sha256, uri, doc, title, published, outlet, dateline, agency, "
        "ingested_at FROM sources ORDER BY id",
    )


def quotes(db: str) -> list[tuple[Any, ...]]:
    return rows(
        db,
        "SELECT source_id, speaker, role, quote FROM quote_facts ORDER BY source_id, quote_id",
    )


def assert_search_matches_quotes(db: str) -> None:
    assert rows(db, f"SELECT {search_id(db)} FROM quote_search ORDER BY 1") == rows(
        db, "SELECT id FROM quotes ORDER BY 1"
    )


def invoke(*args: str) -> Result:
    return runner.invoke(cli.app, list(args), catch_exceptions=False)


# --- the library ---------------------------------------------------------------------------


def test_reparse_replaces_quotes_and_removes_what_lost_its_last_quote(
    db: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sources_but_version(db)
    assert rows(db, "SELECT name FROM speakers ORDER BY 1") == [
        ("Bagus Hartono",),
        ("Rina Wulandari",),
    ]
    assert rows(db, "SELECT alias FROM speaker_aliases") == [("Pak Bagus",)]
    use_parser(monkeypatch, new_parser, "2")

    report = reparse(engine)

    assert report.identities is not None  # decided again, for the one speaker left
    assert [group.name for group in report.identities.groups] == ["Rina Wulandari"]
    assert dataclasses.replace(report, identities=None) == ReparseReport(
        sources=2,
        changed=2,
        quotes_before=3,
        quotes_after=2,
        speakers_removed=1,
        roles_removed=2,
    )
    assert report.summary() == (
        "2 sources re-parsed, 2 changed, 0 failed; quotes 3 -> 2; 1 speaker, 2 roles removed."
    )
    assert sources_but_version(db) == before  # the source rows are untouched...
    assert rows(db, "SELECT parser_version FROM sources") == [("2",), ("2",)]  # ...but this
    assert quotes(db) == [
        (1, "Rina Wulandari", "kepala desa", "Pedagang boleh kembali berjualan mulai besok pagi"),
        (
            2,
            "Rina Wulandari",
            "kepala desa",
            "Anak-anak tidak perlu lagi menyeberang sungai untuk ke sekolah",
        ),
    ]
    assert rows(db, "SELECT name FROM speakers") == [("Rina Wulandari",)]
    assert rows(db, "SELECT title FROM roles") == [("kepala desa",)]
    assert rows(db, "SELECT count(*) FROM speaker_aliases") == [(0,)]
    assert_search_matches_quotes(db)
    assert who_said(engine, "saluran air") == []
    assert [row.speaker for row in who_said(engine, "besok pagi")] == ["Rina Wulandari"]


def test_reparse_with_the_same_parser_changes_nothing(
    db: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = rows(db, "SELECT id FROM quotes ORDER BY id")
    use_parser(monkeypatch, old_parser, "1.0.1")

    report = reparse(engine)

    assert (report.sources, report.changed, report.quotes_before, report.quotes_after) == (
        2,
        0,
        3,
        3,
    )
    assert rows(db, "SELECT id FROM quotes ORDER BY id") == ids  # the same rows, the same ids
    assert rows(db, "SELECT DISTINCT parser_version FROM sources") == [("1.0.1",)]


def test_a_change_only_in_aliases_is_a_change_and_stale_aliases_go(
    db: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The upgrade reads Bagus Hartono's nickname as `Mas Bagus`: the quotes stay the same
    row for row, the alias is replaced, and the source counts as changed."""

    ids = rows(db, "SELECT id FROM quotes ORDER BY id")
    use_parser(monkeypatch, bagus_called("Mas Bagus"), "2")

    report = reparse(engine)

    assert (report.sources, report.changed, report.quotes_before, report.quotes_after) == (
        2,
        1,
        3,
        3,
    )
    assert rows(db, "SELECT id FROM quotes ORDER BY id") == ids
    assert rows(db, "SELECT alias, source_id FROM speaker_aliases") == [("Mas Bagus", 1)]


def test_an_alias_stays_while_another_source_still_gives_it(
    db: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`Pak Bagus` is also read in a third article: re-parsing the first without it keeps
    the alias; re-parsing the third without it too removes it."""

    def no_nicknames(body: str) -> Extraction:
        found = old_parser(body)
        quotes = tuple(dataclasses.replace(q, speaker_aliases=()) for q in found.quotes)
        return dataclasses.replace(found, quotes=quotes)

    BulkWriter(engine).write([prepare(_later(0), old_parser(_later(0).text), "1")])
    use_parser(monkeypatch, no_nicknames, "2")

    assert reparse(engine, [1]).changed == 1
    assert rows(db, "SELECT alias, source_id FROM speaker_aliases") == [("Pak Bagus", 3)]
    assert reparse(engine, [3]).changed == 1
    assert rows(db, "SELECT count(*) FROM speaker_aliases") == [(0,)]


def test_reparse_rewrites_speaker_names_and_kinds_and_role_titles(
    db: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The upgrade writes the lurah's title capitalised and takes Bagus Hartono for an
    organisation: the shared rows say what the parser now reads, and nothing else moves."""

    def recapitalised(body: str) -> Extraction:
        found = old_parser(body)
        quotes = tuple(
            dataclasses.replace(
                q,
                role="Lurah" if q.role == "lurah" else q.role,
                speaker="BAGUS HARTONO" if q.speaker == "Bagus Hartono" else q.speaker,
                speaker_type="organization" if q.speaker == "Bagus Hartono" else q.speaker_type,
            )
            for q in found.quotes
        )
        return dataclasses.replace(found, quotes=quotes)

    speakers = rows(db, "SELECT id, name_key FROM speakers ORDER BY name_key")
    roles = rows(db, "SELECT id, title_key FROM roles ORDER BY title_key")
    ids = rows(db, "SELECT id FROM quotes ORDER BY id")
    use_parser(monkeypatch, recapitalised, "2")

    report = reparse(engine, [1])

    assert (report.sources, report.changed) == (1, 1)
    assert rows(db, "SELECT name, kind FROM speakers ORDER BY name_key") == [
        ("BAGUS HARTONO", "organization"),
        ("Rina Wulandari", "person"),
    ]
    assert rows(db, "SELECT title FROM roles ORDER BY title_key") == [("kepala dinas",), ("Lurah",)]
    assert rows(db, "SELECT id, name_key FROM speakers ORDER BY name_key") == speakers
    assert rows(db, "SELECT id, title_key FROM roles ORDER BY title_key") == roles
    assert rows(db, "SELECT id FROM quotes ORDER BY id") == ids
    assert reparse(engine, [1]).changed == 0  # nothing left to rewrite


def test_reparse_one_source(db: str, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    use_parser(monkeypatch, new_parser, "2")

    report = reparse(engine, [2])

    assert (report.sources, report.changed, report.speakers_removed, report.roles_removed) == (
        1,
        1,
        0,
        0,  # `lurah` is still the role of Rina's quote in source 1
    )
    assert [row[2] for row in quotes(db)] == ["lurah", "kepala dinas", "kepala desa"]
    assert rows(db, "SELECT id, parser_version FROM sources ORDER BY id") == [(1, "1"), (2, "2")]
    with pytest.raises(QuotedbError, match="^no source with id 7, 9$"):
        reparse(engine, [9, 2, 7])


def test_reparse_outdated_only(db: str, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE sources SET parser_version = '2' WHERE id = 1"))
    use_parser(monkeypatch, new_parser, "2")

    report = reparse(engine, outdated=True)

    assert (report.sources, report.changed) == (1, 1)
    assert [row[2] for row in quotes(db)] == ["lurah", "kepala dinas", "kepala desa"]
    assert reparse(engine, outdated=True).sources == 0


def test_a_parser_crash_keeps_that_source_as_it_was(
    db: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crashes_on_pasar(text: str) -> Extraction:
        if "Pasar" in text:
            raise IndexError("string index out of range")
        return new_parser(text)

    use_parser(monkeypatch, crashes_on_pasar, "2")

    report = reparse(engine)

    assert report.failures == ["source 1: IndexError: string index out of range"]
    assert (report.sources, report.changed) == (1, 1)
    assert [row[2] for row in quotes(db)] == ["lurah", "kepala dinas", "kepala desa"]
    assert rows(db, "SELECT parser_version FROM sources ORDER BY id") == [("1",), ("2",)]


def test_a_database_failure_stops_the_reparse_and_rolls_back_its_source(
    db: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after the old quotes were deleted and the new ones inserted rolls it all
    back, and, being no source's fault, stops the run rather than fail every source."""
    before = rows(db, "SELECT * FROM quotes ORDER BY id")
    counts = rows(db, "SELECT (SELECT count(*) FROM speakers), (SELECT count(*) FROM roles)")
    use_parser(monkeypatch, new_parser, "2")
    attempts: list[str] = []

    def broken(dialect: str) -> None:
        attempts.append(dialect)
        raise OSError("disk full")

    # The search rows go in last, after the old quotes were deleted and the new ones inserted.
    monkeypatch.setattr(search, "search_table", broken)

    with pytest.raises(DatabaseError, match="OSError: disk full; reparse stopped after 0 sources"):
        reparse(engine)
    monkeypatch.undo()

    assert len(attempts) == 1  # neither retried nor followed by the second source
    assert rows(db, "SELECT * FROM quotes ORDER BY id") == before
    assert (
        rows(db, "SELECT (SELECT count(*) FROM speakers), (SELECT count(*) FROM roles)") == counts
    )
    assert rows(db, "SELECT DISTINCT parser_version FROM sources") == [("1",)]
    assert_search_matches_quotes(db)


def test_a_source_whose_rows_the_database_refuses_fails_alone(
    db: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def rumours_at_the_market(body: str) -> Extraction:
        found = new_parser(body)
        if "Pasar" not in body:
            return found
        quotes = tuple(dataclasses.replace(q, kind="rumour") for q in found.quotes)
        return dataclasses.replace(found, quotes=quotes)

    use_parser(monkeypatch, rumours_at_the_market, "2")

    report = reparse(engine)

    [failure] = report.failures
    assert failure.startswith("source 1: ") and "check constraint" in failure.casefold()
    assert (report.sources, report.changed) == (1, 1)
    assert rows(db, "SELECT id, parser_version FROM sources ORDER BY id") == [(1, "1"), (2, "2")]
    assert [row[2] for row in quotes(db)] == ["lurah", "kepala dinas", "kepala desa"]


def _later(i: int) -> ArticleInput:
    """Another article quoting Bagus Hartono (kepala dinas) and Rina Wulandari (lurah)."""
    return ArticleInput(doc=f"d{i}", text=PASAR.replace("besok", f"hari ke-{i}"), uri=f"d{i}")


def _reparse_removes_bagus(db: str, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    use_parser(monkeypatch, new_parser, "2")
    assert reparse(engine).speakers_removed == 1
    assert rows(db, "SELECT count(*) FROM speakers WHERE name = 'Bagus Hartono'") == [(0,)]


def test_an_ingest_with_cached_ids_survives_a_reparse_that_deletes_them(
    db: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulk = BulkWriter(engine)
    bulk.write([prepare(_later(0), old_parser(_later(0).text), "1")])  # caches Bagus
    _reparse_removes_bagus(db, engine, monkeypatch)

    [written] = bulk.write([prepare(_later(1), old_parser(_later(1).text), "1")])

    assert getattr(written, "new", False), written
    assert rows(db, "SELECT count(*) FROM quote_facts WHERE speaker = 'Bagus Hartono'") == [(1,)]


# --- the command -----------------------------------------------------------------------------


def test_reparse_command(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    use_parser(monkeypatch, new_parser, "2")

    result = invoke("reparse", "--outdated", "--db", db)

    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "2 sources re-parsed, 2 changed, 0 failed; quotes 3 -> 2; 1 speaker, 2 roles removed.\n"
    )
    assert result.stderr == ""
    again = invoke("reparse", "--outdated", "--db", db)
    assert again.stdout.startswith("0 sources re-parsed, 0 changed, 0 failed; ")


def test_reparse_command_source_and_failures(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def crashes(_text: str) -> Extraction:
        raise ValueError("bad parse")

    use_parser(monkeypatch, crashes, "2")

    failed = invoke("reparse", "--source", "2", "--db", db)
    unknown = invoke("reparse", "-s", "1", "-s", "5", "--db", db)

    assert failed.exit_code == 1
    assert failed.stderr == "Error: source 2: ValueError: bad parse\n"
    assert failed.stdout.startswith("0 sources re-parsed, 0 changed, 1 failed; ")
    assert (unknown.exit_code, unknown.stderr) == (1, "Error: no source with id 5\n")


def test_reparse_command_without_a_database_creates_none(tmp_path: Path) -> None:
    missing = tmp_path / "tidak-ada.sqlite"
    result = invoke("reparse", "--db", str(missing))
    assert result.exit_code == 1
    assert result.stderr == f"Error: no database at {missing}; run `quotedb ingest` to create one\n"
    assert not missing.exists()


def test_reparse_help_has_an_example() -> None:
    result = invoke("reparse", "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "quotedb reparse --outdated" in result.stdout


def test_reparse_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    report = ReparseReport()

    with cli_progress.reparse_progress(2) as progress:
        progress(1, report)
        report.failures.append("source 2: ValueError: bad parse")
        progress(2, report)

    assert "Error: source 2: ValueError: bad parse" in terminal.getvalue()
    assert "re-parsing" in terminal.getvalue()  # the bar
