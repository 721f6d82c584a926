"""A cue verb glued to the name before it (a space lost in the source) is not part of the name."""

from __future__ import annotations

import pytest

from quotedb import extract
from quotedb.parse.lexicon import load_lexicon
from quotedb.parse.tokens import tokenize


def words(text: str) -> list[str]:
    return [token.text for token in tokenize(text, 0, len(text))]


def test_the_glued_verb_is_a_token_of_its_own_with_its_own_offsets() -> None:
    text = "Menteri Pertanian Sutrisno Wibisanamengatakan, panen"
    tokens = tokenize(text, 0, len(text))

    assert [t.text for t in tokens] == [
        "Menteri",
        "Pertanian",
        "Sutrisno",
        "Wibisana",
        "mengatakan",
        ",",
        "panen",
    ]
    assert all(text[t.start : t.end] == t.text for t in tokens)


@pytest.mark.parametrize(
    "word",
    [
        "Wibisanaberkata",  # a verb this short could end a real name
        "Omengatakan",  # a stem of one letter
        "WIBISANAMENGATAKAN",  # no lowercase letter before the verb
        "pemberitamengatakan",  # not capitalised: no name
        "Mengatakan",  # the verb alone
    ],
)
def test_only_a_capitalised_stem_and_a_long_cue_verb_are_cut(word: str) -> None:
    assert words(word) == [word]


def test_the_name_is_read_without_the_verb() -> None:
    text = (
        "Panen Raya Dimulai\n\n"  # a headline: the text's first line
        "Menteri Pertanian Sutrisno Wibisanamengatakan,panen raya dimulai pekan depan.\n\n"
        '"Stok beras di gudang aman sampai akhir tahun," kata Sutrisno.\n'
    )
    [quote] = [q for q in extract(text).quotes if q.text.startswith("Stok")]

    assert quote.speaker == "Sutrisno Wibisana"
    assert quote.role == "Menteri Pertanian"


def test_every_long_cue_verb_is_cut_from_the_name_it_is_glued_to() -> None:
    verbs = [verb for verb in load_lexicon().speech_verbs if len(verb) >= 8]
    assert len(verbs) > 50
    for verb in verbs:
        assert words(f"Wibisana{verb}") == ["Wibisana", verb], verb
