"""Article metadata read off the text: headline, dateline, outlet and wire agency."""

from __future__ import annotations

import pytest

from quotedb import extract

CASES = [
    (
        "RI-Jepang Teken Kerja Sama Energi\n\nKedua negara sepakat memperluas riset baterai.",
        {"title": "RI-Jepang Teken Kerja Sama Energi", "outlet": None, "agency": None},
    ),
    (
        "Judul Berita\n\nJAKARTA, KOMPAS.com - Harga beras naik lagi.",
        {"title": "Judul Berita", "outlet": "Kompas.com", "dateline": "JAKARTA"},
    ),
    (
        "Judul Berita\n\nSemarang (ANTARA) - Banjir surut pada Selasa pagi.",
        {"outlet": "ANTARA", "dateline": "Semarang", "agency": None},
    ),
    (
        "Judul Berita\n\nDilansir AFP, Senin (3/6/2024), gempa mengguncang lepas pantai.",
        {"agency": "AFP"},
    ),
    (
        "Judul Berita\n\nGempa mengguncang lepas pantai.\n\nab/cd (Reuters)",
        {"agency": "Reuters"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_metadata(text: str, expected: dict[str, str | None]) -> None:
    meta = extract(text).meta
    for field, value in expected.items():
        assert getattr(meta, field) == value, field


def test_credit_line_yields_no_quote() -> None:
    text = 'Judul\n\n"Kami siap," kata Rina Wati.\n\nab/cd (Reuters)'
    assert [q.text for q in extract(text).quotes] == ["Kami siap,"]
