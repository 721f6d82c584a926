"""The word lists in seeds/lexicon/ load, hold what their headers promise, and agree.

The complete public lists (regions, state institutions, universities, cabinet posts) are
large and partly generated: these checks catch a bad regeneration or a hand edit that breaks
the format (a duplicate, a blank cell, a form claimed by two institutions).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quotedb.parse.lexicon import Lexicon, load_lexicon, read_names, read_rows
from quotedb.resources import lexicon_dir

LEXICON_FILES = sorted(path for path in lexicon_dir().iterdir() if path.suffix in {".txt", ".tsv"})


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.mark.parametrize("path", LEXICON_FILES, ids=lambda path: path.name)
def test_every_file_has_no_blank_or_repeated_entry(path: Path) -> None:
    rows = read_rows(path)
    assert rows, f"{path.name} has no entries"
    assert all(row[0] for row in rows), f"{path.name} has a row with an empty first cell"
    repeated = [entry for entry, n in Counter(row[0] for row in rows).items() if n > 1]
    assert not repeated, f"{path.name} repeats {repeated}"


@pytest.mark.parametrize("path", LEXICON_FILES, ids=lambda path: path.name)
def test_every_file_opens_with_a_header_comment(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("#"), path.name


@pytest.mark.parametrize("name", ["state_institutions.tsv", "universities.tsv"])
def test_each_short_form_names_one_institution(name: str) -> None:
    rows = read_rows(lexicon_dir() / name)
    forms = Counter(form for row in rows for form in row)
    claimed_twice = [form for form, n in forms.items() if n > 1]
    assert not claimed_twice
    assert all(form == form.strip() and form for row in rows for form in row)


def test_read_names_maps_every_form_to_the_full_name(tmp_path: Path) -> None:
    path = tmp_path / "names.tsv"
    path.write_text(
        "# header\nBadan Contoh Nasional\tBCN\tBadan Contoh\nLembaga Tanpa Singkatan\n",
        encoding="utf-8",
    )
    assert read_names(path) == {
        "Badan Contoh Nasional": "Badan Contoh Nasional",
        "BCN": "Badan Contoh Nasional",
        "Badan Contoh": "Badan Contoh Nasional",
        "Lembaga Tanpa Singkatan": "Lembaga Tanpa Singkatan",
    }


def test_provinces_are_the_38_with_their_short_forms(lexicon: Lexicon) -> None:
    assert len(set(lexicon.provinces.values())) == 38
    assert lexicon.provinces["Jatim"] == "Jawa Timur"
    assert lexicon.provinces["Sumatra Utara"] == lexicon.provinces["Sumatera Utara"]
    assert lexicon.provinces["Papua Pegunungan"] == "Papua Pegunungan"
    assert all(official in lexicon.provinces for official in lexicon.provinces.values())


def test_regencies_are_listed_bare_and_with_their_prefix(lexicon: Lexicon) -> None:
    regencies = lexicon.regencies
    officials = {name for value in regencies.values() for name in value.split("; ")}
    assert len(officials) >= 514
    assert all(official in regencies for official in officials)
    assert regencies["Sleman"] == regencies["Kabupaten Sleman"] == "Kabupaten Sleman"
    assert regencies["Bandung"] == "Kabupaten Bandung; Kota Bandung"
    assert regencies["Kota Bandung"] == "Kota Bandung"
    assert regencies["Jaksel"] == "Kota Jakarta Selatan"


def test_districts_are_a_separate_large_list(lexicon: Lexicon) -> None:
    assert 6_500 <= len(lexicon.districts) <= 8_000
    assert all(name[:1].isupper() or name[:1].isdigit() for name in lexicon.districts)
    # The source's variant spellings (`A (B)`, `A/B`) are split into separate names.
    assert not [name for name in lexicon.districts if "(" in name or "/" in name]


def test_ambiguous_places_are_one_word_places(lexicon: Lexicon) -> None:
    places = {*lexicon.provinces, *lexicon.regencies, *lexicon.districts}
    assert lexicon.ambiguous_places
    assert all(" " not in name and name in places for name in lexicon.ambiguous_places)
    assert "Sleman" not in lexicon.ambiguous_places


def test_institution_and_university_forms_resolve(lexicon: Lexicon) -> None:
    assert lexicon.state_institutions["Kemenkeu"] == "Kementerian Keuangan"
    assert lexicon.state_institutions["KLHK"] == "Kementerian Lingkungan Hidup dan Kehutanan"
    assert lexicon.universities["ULM"] == "Universitas Lambung Mangkurat"
    assert len(set(lexicon.state_institutions.values())) >= 150
    assert len(set(lexicon.universities.values())) >= 100


def test_every_ministry_has_its_minister_among_the_cabinet_posts(lexicon: Lexicon) -> None:
    posts = set(lexicon.cabinet_posts)
    ministries = {
        name for name in lexicon.state_institutions.values() if name.startswith("Kementerian ")
    }
    titles = {
        name.replace("Kementerian Sekretariat Negara", "Menteri Sekretaris Negara")
        .replace("Kementerian ", "Menteri ", 1)
        .split("/")[0]
        for name in ministries
    }
    assert titles - posts == set()


def test_minister_acronyms_expand_to_known_posts(lexicon: Lexicon) -> None:
    posts = set(lexicon.cabinet_posts)
    heads = {role.casefold() for role in lexicon.roles}
    unknown = {
        acronym: title
        for acronym, title in lexicon.role_acronyms.items()
        if title.startswith("Menteri ") and title not in posts and title.casefold() not in heads
    }
    assert unknown == {}
