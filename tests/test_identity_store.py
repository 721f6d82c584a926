"""Identities in the database, on every backend: given to new speakers, decided after ingest
and reparse, kept by curated decisions through reparse and later ingests, read by identity.

Articles are parsed by `fake_parser.fake_extract` (`"...," kata [role] Name`), so what is
tested is the storing and deciding, whatever the real parser finds.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from backends import fetch
from fake_parser import fake_extract
from sqlalchemy import Engine

from quotedb.identity import curation
from quotedb.identity.identities import refresh_identities
from quotedb.ingest.pipeline import ingest
from quotedb.ingest.reparse import reparse
from quotedb.parse import pipeline as parser
from quotedb.records import Extraction
from quotedb.store.database import open_database
from quotedb.store.reading import quotes_by_speaker
from quotedb.store.speaker_list import RoleSeen, list_speakers

JEMBATAN = (
    "date 2024-03-04 Jembatan Kali Putih Dibuka\n\n"
    '"Jembatan baru ini untuk anak-anak yang bersekolah," kata bupati Sutarmi Wulandari.\n'
)
BAKAU = (
    "date 2024-05-20 Bakau Ditanam di Pantai Randu\n\n"
    '"Kami menanam seribu bibit bakau minggu ini," kata ketua koperasi Sutarmi.\n'
)
PASAR = (
    "date 2024-06-11 Pasar Apung Ramai\n\n"
    '"Perahu pedagang kini boleh merapat sampai sore," kata camat Bagas Pranoto.\n\n'
    '"Retribusi tidak naik tahun ini," kata Bagas.\n'
)


def write(folder: Path, **texts: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def use_parser(
    monkeypatch: pytest.MonkeyPatch, extract: Callable[[str], Extraction], version: str
) -> None:
    monkeypatch.setattr(parser, "extract", extract)
    monkeypatch.setattr(parser, "PARSER_VERSION", version)


def without(name: str) -> Callable[[str], Extraction]:
    """A parser that finds no quote of `name`: reparsing with it deletes the speaker row."""

    def extract(text: str) -> Extraction:
        found = fake_extract(text)
        return dataclasses.replace(
            found, quotes=tuple(q for q in found.quotes if q.speaker != name)
        )

    return extract


def identities(url: str) -> set[frozenset[str]]:
    """Each identity as the set of its speakers' names."""
    groups: dict[int, set[str]] = {}
    for identity_id, name in fetch(url, "SELECT identity_id, name FROM speakers"):
        groups.setdefault(identity_id, set()).add(name)
    return {frozenset(names) for names in groups.values()}


@pytest.fixture
def archive(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    use_parser(monkeypatch, fake_extract, "1")
    folder = write(tmp_path / "artikel", jembatan=JEMBATAN, bakau=BAKAU, pasar=PASAR)
    report = ingest([str(folder)], db_url, workers=1)
    assert report.new == 3 and report.identities is not None
    return db_url


@pytest.fixture
def engine(archive: str) -> Engine:  # the archive's, writable
    return open_database(archive)


def test_ingest_decides_identities(archive: str) -> None:
    assert identities(archive) == {
        frozenset({"Bagas", "Bagas Pranoto"}),  # a short name, one candidate
        frozenset({"Sutarmi Wulandari"}),  # a short name whose role does not fit:
        frozenset({"Sutarmi"}),  # left apart, and listed
    }
    [(count,)] = fetch(archive, "SELECT count(*) FROM identities")
    assert count == 3


def test_the_writer_gives_every_new_speaker_an_identity_of_its_own(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quotedb.ingest.inputs import ArticleInput
    from quotedb.ingest.prepare import prepare
    from quotedb.store.writer import BulkWriter

    engine = open_database(db_url)
    article = ArticleInput(doc="pasar", text=PASAR, uri="pasar.txt")
    BulkWriter(engine).write([prepare(article, fake_extract(PASAR), "1")])
    engine.dispose()

    assert identities(db_url) == {frozenset({"Bagas"}), frozenset({"Bagas Pranoto"})}
    assert fetch(db_url, "SELECT count(*) FROM speakers WHERE identity_id IS NULL") == [(0,)]
    names = fetch(db_url, "SELECT i.name FROM identities AS i ORDER BY 1")
    assert names == [("Bagas",), ("Bagas Pranoto",)]


def test_identity_ids_stay_put_from_one_refresh_to_the_next(engine: Engine, archive: str) -> None:
    before = fetch(archive, "SELECT name, identity_id FROM speakers ORDER BY name")
    resolution = refresh_identities(engine)
    assert fetch(archive, "SELECT name, identity_id FROM speakers ORDER BY name") == before
    assert len(resolution.groups) == 3
    ambiguous = [(a.name, a.reason, a.candidates) for a in resolution.ambiguous]
    assert ambiguous == [("Sutarmi", "roles differ", ("Sutarmi Wulandari",))]


def test_a_curated_merge_survives_reparse_and_later_ingests(
    engine: Engine, archive: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = curation.merge(engine, "Sutarmi", "Sutarmi Wulandari", note="the same bupati")
    assert outcome.summary() == "Sutarmi Wulandari: 2 names (Sutarmi, Sutarmi Wulandari), 2 quotes."
    together = frozenset({"Sutarmi", "Sutarmi Wulandari"})
    assert together in identities(archive)
    [(first_id,)] = fetch(archive, "SELECT id FROM speakers WHERE name = 'Sutarmi'")

    # A parser that no longer finds her quote deletes the speaker row `Sutarmi`; the next
    # one creates it again, with another id: the decision names her by name, not by row.
    use_parser(monkeypatch, without("Sutarmi"), "2")
    reparse(engine)
    assert fetch(archive, "SELECT count(*) FROM speakers WHERE name = 'Sutarmi'") == [(0,)]
    use_parser(monkeypatch, fake_extract, "3")
    reparse(engine)
    [(second_id,)] = fetch(archive, "SELECT id FROM speakers WHERE name = 'Sutarmi'")
    assert second_id != first_id
    assert together in identities(archive)

    more = write(
        tmp_path / "lagi",
        panen='"Panen garam tahun ini lebih baik," kata ketua koperasi Sutarmi.\n',
    )
    assert ingest([str(more)], engine, workers=1).new == 1
    assert together in identities(archive)
    said = [row.quote for row in quotes_by_speaker(engine, "Sutarmi", limit=100)]
    assert len(said) == 3
    assert said == [row.quote for row in quotes_by_speaker(engine, "Sutarmi Wulandari", 100)]


def test_a_curated_split_and_rename_survive_reparse_and_later_ingests(
    engine: Engine, archive: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    curation.split(engine, "Bagas", note="a trader, not the camat")
    curation.rename(engine, "Sutarmi Wulandari", "Hj. Sutarmi Wulandari")
    expected = {
        frozenset({"Bagas"}),
        frozenset({"Bagas Pranoto"}),
        frozenset({"Sutarmi"}),
        frozenset({"Sutarmi Wulandari"}),
    }
    assert identities(archive) == expected

    use_parser(monkeypatch, without("Bagas"), "2")
    reparse(engine)
    use_parser(monkeypatch, fake_extract, "3")
    reparse(engine)
    more = write(tmp_path / "lagi", sore='"Sore ini perahu penuh," kata Bagas.\n')
    ingest([str(more)], engine, workers=1)

    assert identities(archive) == expected
    assert fetch(archive, "SELECT name FROM identities WHERE name LIKE 'Hj.%'") == [
        ("Hj. Sutarmi Wulandari",)
    ]


def test_forgetting_a_decision_undoes_it(engine: Engine, archive: str) -> None:
    curation.split(engine, "Bagas")
    with engine.connect() as conn:
        from quotedb.store.identities import list_decisions

        [decision] = list_decisions(conn)
    curation.forget(engine, decision.id)
    assert frozenset({"Bagas", "Bagas Pranoto"}) in identities(archive)


def test_identities_of_speakers_reparse_removed_are_removed(
    engine: Engine, archive: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_parser(monkeypatch, without("Sutarmi Wulandari"), "2")
    reparse(engine)
    assert fetch(archive, "SELECT count(*) FROM identities") == [(2,)]
    assert fetch(archive, "SELECT count(*) FROM identities WHERE name = 'Sutarmi Wulandari'") == [
        (0,)
    ]


def test_a_nickname_in_one_article_and_the_full_name_in_another_are_one_person(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_parser(monkeypatch, fake_extract, "1")
    folder = write(
        tmp_path / "artikel",
        satu='"Pembangunan jalan desa diteruskan," kata Jokowi.\n',
        dua='"Anggaran desa tidak dipotong," kata presiden Joko Widodo.\n',
    )
    ingest([str(folder)], db_url, workers=1)
    engine = open_database(db_url)

    assert identities(db_url) == {frozenset({"Jokowi", "Joko Widodo"})}
    by_nickname = quotes_by_speaker(engine, "Jokowi")
    assert {row.identity for row in by_nickname} == {"Joko Widodo"}
    assert by_nickname == quotes_by_speaker(engine, "joko widodo")
    assert len(by_nickname) == 2
    engine.dispose()


def test_speakers_lists_one_row_per_person_with_normal_roles_and_dates(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_parser(monkeypatch, fake_extract, "1")
    said = [
        ("2024-02-01", '"Harga gula turun," kata mendag Rahmat Hidayat.'),
        ("2024-04-09", '"Impor garam dibatasi," kata menteri perdagangan Rahmat.'),
        ("2023-11-30", '"Saya maju lagi," kata mantan bupati Rahmat Hidayat.'),
    ]
    feed = tmp_path / "berita.jsonl"
    feed.write_text(
        "".join(json.dumps({"id": day, "date": day, "text": text}) + "\n" for day, text in said),
        encoding="utf-8",
    )
    ingest([str(feed)], db_url, workers=1)
    engine = open_database(db_url)

    [rahmat] = list_speakers(engine)
    assert (rahmat.name, rahmat.quotes, rahmat.aliases) == ("Rahmat Hidayat", 3, ("Rahmat",))
    assert rahmat.roles == (
        RoleSeen("mantan bupati", "2023-11-30", "2023-11-30", 1),
        RoleSeen("Menteri Perdagangan", "2024-02-01", "2024-04-09", 2),
    )
    assert (rahmat.first_seen, rahmat.last_seen) == ("2023-11-30", "2024-04-09")
    facts = fetch(
        db_url,
        "SELECT speaker, identity, role, normal_role FROM quote_facts ORDER BY published",
    )
    assert facts == [
        ("Rahmat Hidayat", "Rahmat Hidayat", "mantan bupati", "mantan bupati"),
        ("Rahmat Hidayat", "Rahmat Hidayat", "mendag", "Menteri Perdagangan"),
        ("Rahmat", "Rahmat Hidayat", "menteri perdagangan", "menteri perdagangan"),
    ]
    engine.dispose()
