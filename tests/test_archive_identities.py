"""Identities on a real archive: the team's gold files and unlabelled corpus in one database.

Skipped when `../shared` (next to the checkout) is absent. The pairs were read off that
archive by hand: names the data links (the nickname list, aliases articles give, a short
name with one candidate of a fitting role) must mean one identity, and people who only
share a first name, a surname or an office must stay apart. A name means what `quotes
--speaker` takes it to mean (the identities of the speakers so called, else of those an
article gave it as an alias), so a pair holds whatever form the parser gives the names as
long as it keeps them; the parser improves in parallel, so no count is exact here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from shared_files import SHARED
from sqlalchemy import Engine

from quotedb.config import resolve_db_url
from quotedb.ingest.pipeline import ingest
from quotedb.store.database import open_database
from quotedb.store.reading import quotes_by_speaker
from quotedb.store.speaker_list import list_speakers

FILES = [SHARED / "gold" / "dev.jsonl", SHARED / "gold" / "dev2.jsonl"]
FILES.append(SHARED / "corpus" / "detik-2025.jsonl")

pytestmark = pytest.mark.skipif(
    not all(path.is_file() for path in FILES), reason=f"the archive is not in {SHARED}"
)

ONE_PERSON = [
    # the nickname list (public short names)
    ("Prabowo", "Prabowo Subianto"),
    ("Jokowi", "Joko Widodo"),
    ("Megawati", "Megawati Soekarnoputri"),
    ("Gibran", "Gibran Rakabuming"),
    ("Imin", "Muhaimin Iskandar"),
    ("AHY", "Agus Harimurti Yudhoyono"),
    ("Bamsoet", "Bambang Soesatyo"),
    ("KPK", "Komisi Pemberantasan Korupsi"),
    ("MK", "Mahkamah Konstitusi"),
    ("DKPP", "Dewan Kehormatan Penyelenggara Pemilu"),
    # aliases articles give, and short names with one fitting candidate
    ("Purbaya", "Purbaya Yudhi Sadewa"),
    ("Sri Mulyani", "Sri Mulyani Indrawati"),
    ("Ipul", "Saifullah Yusuf"),
    ("Tito", "Muhammad Tito Karnavian"),
    ("Tito Karnavian", "Muhammad Tito Karnavian"),
    ("Hanif", "Hanif Faisol Nurofiq"),
    ("Hanif Faisol", "Hanif Faisol Nurofiq"),
    ("Basuki", "Basuki Hadimuljono"),
    ("Amran", "Andi Amran Sulaiman"),
    ("Djarot", "Djarot Syaiful Hidayat"),
    ("Said", "Said Abdullah"),
    ("Ade Ary", "Ade Ary Syam Indradi"),
    ("Perry", "Perry Warjiyo"),
    ("Gunawan Hutapea", "Erwin Gunawan Hutapea"),
    ("Luthfi", "Ahmad Luthfi"),
    ("Airlangga", "Airlangga Hartarto"),
    ("Mardani", "Mardani Ali Sera"),
    ("Dhoni", "Dhoni Widianto"),
    ("Seno", "Seno Aji"),
    ("Made Parwita", "I Made Parwita"),
    ("Hetifah", "Hetifah Sjaifudian"),
    ("Dadan", "Dadan Hindayana"),
    ("Farhan", "Muhammad Farhan"),
    ("Doli", "Ahmad Doli Kurnia"),
    ("Deru", "Herman Deru"),
    ("Rini", "Rini Widyantini"),
    ("Ghufron", "Ali Ghufron Mukti"),
    ("Saurlin", "Saurlin P Siagian"),
    ("Ronald", "Ronald Manoach"),
    ("Melki", "Emanuel Melkiades Laka Lena"),
    ("Jhony", "Jhony Boy Nababan"),
    # spellings
    ("Muslim Jaya Butar-butar", "Muslim Jaya Butar Butar"),
]

TWO_PEOPLE = [
    # the same office, one after the other
    ("Purbaya Yudhi Sadewa", "Sri Mulyani Indrawati"),
    # a first name, a surname or a middle name shared
    ("Prabowo Subianto", "Listyo Sigit Prabowo"),
    ("Eddy Soeparno", "Eddy Satriya"),
    ("Agus Harimurti Yudhoyono", "Agus Jabo Priyono"),
    ("Agus Harimurti Yudhoyono", "Agus Riwayanto Diputra"),
    ("Agus Fatoni", "Agus Adrianto"),
    ("Budi Gunadi Sadikin", "Budi Prasetyo"),
    ("Budi Santoso", "Budi Prasetyo"),
    ("Prasetyo Hadi", "Budi Prasetyo"),
    ("Pramono Anung", "Bambang Pramono"),
    ("Pramono Anung", "Yosdian Adi Pramono"),
    ("Dede Yusuf", "Saifullah Yusuf"),
    ("Muhaimin Iskandar", "Iskandar Simorangkir"),
    ("Muhaimin Iskandar", "Ahmed Zaki Iskandar"),
    ("Andri Firmansah", "Andri Kurniawan"),
    ("Erwin Dwiyanto", "Erwin Gunawan Hutapea"),
    ("Dedi Mulyadi", "Dedi Hendi Kusuma"),
    ("Bobby Nasution", "Bobby Anugrah Christianto"),
    ("Dewi Perssik", "Sandra Dewi"),
    ("Heri Kurniawan", "Heri Yugiantoro"),
    ("Nunung Trianingsih", "Nunung Syaifuddin"),
    ("Rizki Agung Prakoso", "Agung Wicaksono"),
    ("Agung Nugroho", "Agung Wicaksono"),
    ("Arya Fernandes", "Arya Dwi Paramita"),
    ("Ferry Walintukan", "Ferry Daud Liando"),
    ("Said Abdullah", "Said Assagaff"),
    ("Rudy Susmanto", "Rudy Saladin"),
    ("Bambang Soesatyo", "Bambang Haryo Soekartono"),
    ("Fahmi Subandi", "Ferdiyan Fahmi"),
    ("Hendra Sastrawan", "Hendra Prayoga"),
    # a short name whose only candidate was quoted in another office
    ("Hartono", "Ateng Hartono"),
    ("Deni", "Deni Surjantoro"),
    ("Wawan", "Wawan Gusmawan"),
    ("Suharyanto", "Toto Suharyanto"),
    ("Anindito", "Lakso Anindito"),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    url = resolve_db_url(str(tmp_path_factory.mktemp("arsip") / "arsip.sqlite"))
    report = ingest([str(path) for path in FILES], url)
    assert report.failed == 0 and report.identities is not None
    engine = open_database(url)
    yield engine
    engine.dispose()


def means(engine: Engine, name: str) -> set[int]:
    """The identities `quotes --speaker name` answers with."""
    return {row.identity_id for row in quotes_by_speaker(engine, name, limit=100_000)} - {None}


def test_the_lists_are_long_enough() -> None:
    assert len(ONE_PERSON) >= 30 and len(TWO_PEOPLE) >= 30
    assert len(set(ONE_PERSON)) == len(ONE_PERSON) and len(set(TWO_PEOPLE)) == len(TWO_PEOPLE)


@pytest.mark.parametrize(("one", "other"), ONE_PERSON)
def test_names_the_data_links_are_one_person(archive: Engine, one: str, other: str) -> None:
    first, second = means(archive, one), means(archive, other)
    assert len(first) == 1 and first == second, (one, first, other, second)


@pytest.mark.parametrize(("one", "other"), TWO_PEOPLE)
def test_people_who_share_a_name_or_an_office_stay_two(
    archive: Engine, one: str, other: str
) -> None:
    first, second = means(archive, one), means(archive, other)
    assert first and second and not first & second, (one, first, other, second)


def test_purbaya_by_either_name_gives_the_same_quotes(archive: Engine) -> None:
    short = quotes_by_speaker(archive, "Purbaya", limit=100_000)
    full = quotes_by_speaker(archive, "Purbaya Yudhi Sadewa", limit=100_000)
    assert short == full
    assert len(full) > 150  # two hundred and some, as the parser reads them
    assert {row.speaker for row in full} >= {"Purbaya", "Purbaya Yudhi Sadewa"}


def test_speakers_shows_purbaya_once_with_his_roles_and_their_dates(archive: Engine) -> None:
    his = means(archive, "Purbaya") | means(archive, "Purbaya Yudhi Sadewa")
    [purbaya] = [row for row in list_speakers(archive) if row.identity_id in his]
    assert purbaya.name == "Purbaya Yudhi Sadewa" and "Purbaya" in purbaya.aliases
    finance = [role for role in purbaya.roles if role.role == "Menteri Keuangan"]
    assert finance and finance[0].first is not None and finance[0].last is not None
    assert finance[0].first <= finance[0].last
    assert purbaya.first_seen is not None and purbaya.last_seen is not None


def test_a_cue_verb_glued_to_a_name_is_not_part_of_it(archive: Engine) -> None:
    bahlil = quotes_by_speaker(archive, "Bahlil Lahadalia", limit=100_000)
    assert bahlil and not quotes_by_speaker(archive, "Lahadaliamengatakan")
