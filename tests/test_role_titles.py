"""Role titles in their normal form (`quotedb.identity.roles`), and what tells offices apart."""

from __future__ import annotations

import pytest

from quotedb.identity.roles import normal_title, office


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("Mendag", "Menteri Perdagangan"),
        ("Menteri Perdagangan RI", "Menteri Perdagangan"),
        ("Menteri Perdagangan Republik Indonesia", "Menteri Perdagangan"),
        ("Wagub DKI Jakarta", "Wakil Gubernur Jakarta"),
        ("Wakil Gubernur DKI Jakarta", "Wakil Gubernur Jakarta"),
        ("Kapolda Jabar", "Kepala Kepolisian Daerah Jawa Barat"),
        ("Plt Kadis Perikanan", "Pelaksana Tugas Kepala Dinas Perikanan"),
        ("mantan Menkeu", "mantan Menteri Keuangan"),
        ("jubir KPK", "Juru Bicara KPK"),
        ("Ketua DPD PDIP Jateng", "Ketua DPD PDI Perjuangan Jawa Tengah"),
        ("Walikota Sukamaju", "Wali Kota Sukamaju"),
        ("Kepala Desa Sukamaju,", "Kepala Desa Sukamaju"),
    ],
)
def test_spellings_and_acronyms_of_one_office_are_one_title(written: str, normal: str) -> None:
    assert normal_title(written) == normal


@pytest.mark.parametrize(
    "written",
    [
        "Bupati Karo",  # a regency, not Kepala Biro: acronyms are read where the role starts
        "Wali Kota Jakarta Selatan",  # a city, not the province
        "pm",  # two-letter acronyms count only as written (`PM`)
        "RI",  # a title of nothing but the country keeps it
    ],
)
def test_what_only_looks_like_a_variant_is_kept(written: str) -> None:
    assert normal_title(written) == written


def test_offices_tell_apart_by_their_own_words() -> None:
    finance = office(normal_title("Menkeu"))
    assert finance.key == "menteri keuangan" and finance.words == {"keuangan"}
    assert office(normal_title("Sekretaris Jenderal Kementerian Keuangan")).words == {"keuangan"}
    # Title words, organisation heads and unit names every police station has are no
    # evidence: two heads of detectives of different towns share only the town's name.
    assert office(normal_title("Kasat Reskrim Polres Sukamaju")).words == {"sukamaju"}


def test_a_former_office_is_not_held_now() -> None:
    before = office("mantan Wali Kota Sukamaju")
    assert (before.key, before.current) == ("wali kota sukamaju", False)
    assert office("Wali Kota Sukamaju").current
