"""Article metadata read off the text: headline, dateline, outlet and wire agency."""

from __future__ import annotations

import sys

import pytest
import regex

from quotedb import extract
from quotedb.document import RELAY_VERBS, UNFOLDED_CASE_MATCH

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


def test_relay_verbs_are_found_in_the_casefolded_text_however_written() -> None:
    """`_relayed_agency` looks for the verbs in the casefolded text before searching the
    pattern: every character the pattern matches to one of their letters ignoring case must
    casefold to that letter, or be the one exception it checks for."""
    letters = set("".join(RELAY_VERBS))
    every_character = "".join(map(chr, range(sys.maxunicode + 1)))
    case_matches = regex.compile(f"(?i:[{''.join(sorted(letters))}])")
    for match in case_matches.finditer(every_character):
        ch = match.group()
        assert ch.casefold() in letters or ch == UNFOLDED_CASE_MATCH, hex(ord(ch))


@pytest.mark.parametrize("verb", ["DİLANSİR", "Dilansir", "MELANSIR", "dikutip dari"])
def test_relay_verb_in_any_case(verb: str) -> None:
    text = f"Judul Berita\n\n{verb} AFP, gempa mengguncang lepas pantai."
    assert extract(text).meta.agency == "AFP"
