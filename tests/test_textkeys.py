"""`normalise_key`: the one normal form of names, roles and searched text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotedb.store.keys import normalise_key


def by_definition(text: str) -> str:
    """Casefold, decompose (NFKD), drop every combining mark, make whitespace one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("  Menteri  Pendidikan\u00a0Nadiem Makarím ", "menteri pendidikan nadiem makarim"),
        ("Kémenkes", "kemenkes"),
        ("“Kami siap,” katanya", "“kami siap,” katanya"),  # punctuation is kept
        ("İstanbul", "istanbul"),  # casefolding makes the mark, decomposing drops it
        ("ﬁnal ½", "final 1⁄2"),  # compatibility forms
        ("Naik 10%\tsaja", "naik 10% saja"),
        ("", ""),
    ],
)
def test_examples(text: str, key: str) -> None:
    assert normalise_key(text) == key


@given(st.text())
def test_any_text_gets_the_key_its_definition_gives(text: str) -> None:
    assert normalise_key(text) == by_definition(text)


@given(
    st.text(alphabet=st.characters(max_codepoint=0x7F))
    | st.text(alphabet="aeiouáèîõüç\u0301\u0327 \n")
)
def test_ascii_and_accented_latin_text(text: str) -> None:
    assert normalise_key(text) == by_definition(text)
