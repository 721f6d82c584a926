"""Article metadata read off the text: headline, dateline, outlet and wire agency."""

from __future__ import annotations

import sys

import pytest
import regex

from quotedb import extract
from quotedb.parse.document import RELAY_VERB_SEARCHES, RELAY_VERBS, _relay_pattern

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
        # An outlet no list knows, after a city: a word in capitals or a web address.
        "Judul Berita\n\nJAKARTA, KABARLINTAS — Kementerian mengatakan tarif tetap.",
        {"outlet": "KABARLINTAS", "dateline": "JAKARTA"},
    ),
    (
        "Judul Berita\n\nMEDAN, kabarlintas.id - Kementerian mengatakan tarif tetap.",
        {"outlet": "kabarlintas.id", "dateline": "MEDAN"},
    ),
    (
        # ... but not after a word that is no city: two acronyms open a sentence.
        "Judul Berita\n\nDPR, KPK — dan kejaksaan diminta bekerja sama.",
        {"outlet": None, "dateline": None},
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


def test_the_verbs_alone_are_found_wherever_the_relay_pattern_finds_them() -> None:
    """`_relayed_agency` searches for each verb alone before the whole pattern: every writing
    of a verb that the pattern matches, one letter in another case at a time, is found."""
    pattern = _relay_pattern(("AFP",))
    every_character = "".join(map(chr, range(sys.maxunicode + 1)))
    for verb, search in zip(RELAY_VERBS, RELAY_VERB_SEARCHES, strict=True):
        for i, letter in enumerate(verb):
            for match in regex.finditer(f"(?i:{letter})", every_character):
                written = verb[:i] + match.group() + verb[i + 1 :]
                if pattern.search(f"{written} AFP"):
                    assert search.search(written), (verb, hex(ord(match.group())))


@pytest.mark.parametrize("verb", ["DİLANSİR", "Dilansir", "MELANSIR", "dikutip dari"])
def test_relay_verb_in_any_case(verb: str) -> None:
    text = f"Judul Berita\n\n{verb} AFP, gempa mengguncang lepas pantai."
    assert extract(text).meta.agency == "AFP"
