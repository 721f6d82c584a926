"""Publication dates from exports and pages, in the forms Indonesian news writes them."""

from __future__ import annotations

import pytest

from quotedb.ingest.dates import normalise_date


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2024-03-13", "2024-03-13"),
        ("2024-03-13T08:15:00+07:00", "2024-03-13"),
        ("2024-03-13 23:59:59", "2024-03-13"),
        ("2024/3/5 10:00", "2024-03-05"),
        ("13/03/2024", "2024-03-13"),
        ("5-3-2024 08:15", "2024-03-05"),
        ("13.03.2024", "2024-03-13"),
        ("Rabu, 13 Maret 2024 08:15 WIB", "2024-03-13"),
        ("Kamis, 02 Nov 2023 14:05 WIB", "2023-11-02"),
        ("Jumat, 5 Januari 2024 | 09:00 WIB", "2024-01-05"),
        ("13 Mar. 2024", "2024-03-13"),
        ("05 Agt 2021", "2021-08-05"),
        ("17 Agustus 1945", "1945-08-17"),
        ("1 Pebruari 2020", "2020-02-01"),
        ("30 Nopember 2019", "2019-11-30"),
        ("March 13, 2024", "2024-03-13"),
        ("13 December 2023", "2023-12-13"),
        ("Mei 2024", "2024-05"),
        ("2024-03", "2024-03"),
        ("2024", "2024"),
    ],
)
def test_usual_forms_become_iso(written: str, iso: str) -> None:
    assert normalise_date(written) == iso


@pytest.mark.parametrize(
    "written",
    ["kemarin sore", "", "31/02/2024", "13/13/2024", "Rabu 2024 pagi", "pukul 08.15 WIB"],
)
def test_what_is_no_date_gives_none(written: str) -> None:
    assert normalise_date(written) is None
