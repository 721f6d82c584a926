"""The shortcuts of the rules give what the long way gives: behaviour only."""

from __future__ import annotations

import pytest

from quotedb import extract
from quotedb.patterns import load_patterns
from quotedb.phrases import ArticleView


def _view(text: str) -> ArticleView:
    return ArticleView(text, (), (), load_patterns())


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Pak Darto saat meninjau pasar mengatakan", "Pak Darto"),
        ("Kepala Dinas Lestari ketika ditemui mengatakan", "Kepala Dinas Lestari"),
        ("Warga yang tinggal di tepi sungai mengatakan", "Warga"),
        # Words that hold an adjunct's letters without being one: no adjunct here.
        ("Ketua Perantau Padang Yusran Saatri mengatakan", "Ketua Perantau Padang Yusran Saatri"),
        ("Pedagang sayang-sayang mengatakan", "Pedagang sayang-sayang"),
    ],
)
def test_the_speaker_before_a_cue_verb_ends_before_an_inline_adjunct(
    text: str, speaker: str
) -> None:
    span = _view(text).np_before(0, text.rindex(" mengatakan") + 1)
    assert span is not None
    assert text[span.start : span.end] == speaker


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # No cue word in the first sentence: only the passive cue after it attributes it.
        (
            "Pemerintah desa akan memperbaiki jembatan gantung pekan depan. "
            "Demikian dikatakan Kepala Desa Sukamaju Budi Hartono.",
            [("indirect", "Budi Hartono")],
        ),
        ("Warga desa menunggu jembatan baru. Hal itu disampaikan dalam rapat di balai desa.", []),
        # A cue word of its own: the rules read the sentence.
        (
            "Menurut Budi Hartono, jembatan itu rusak sejak Januari. "
            "Hal itu disampaikan dalam rapat di balai desa.",
            [("indirect", "Budi Hartono")],
        ),
    ],
)
def test_a_sentence_without_a_cue_word_is_read_only_by_a_passive_cue_after_it(
    text: str, found: list[tuple[str, str]]
) -> None:
    assert [(q.kind, q.speaker) for q in extract(text).quotes] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Jembatan itu rusak sejak Januari, kata Budi Hartono.", [("indirect", "Budi Hartono")]),
        # The first comma is no cue's; the cue after the second one attributes the clause.
        (
            "Jembatan itu, yang dibangun pada 2010, rusak sejak Januari, ujar Budi Hartono.",
            [("indirect", "Budi Hartono")],
        ),
        # A comma inside the quotation marks: the quote is the cue's, the clause none.
        ('"Jembatan itu rusak sejak Januari," kata Budi Hartono.', [("direct", "Budi Hartono")]),
        (
            "Budi Hartono meninjau jembatan desa. Menurutnya, jembatan itu rusak sejak Januari.",
            [("indirect", "Budi Hartono")],
        ),
        (
            "Sementara itu, menurut Budi Hartono, jembatan itu rusak.",
            [("indirect", "Budi Hartono")],
        ),
        # `menurut` not at the clause start: the clause is no `Menurut X, ...` one.
        ("Jembatan itu rusak menurut warga desa.", []),
    ],
)
def test_clause_cues_are_looked_for_only_where_a_cue_word_is(
    text: str, found: list[tuple[str, str]]
) -> None:
    assert [(q.kind, q.speaker) for q in extract(text).quotes] == found
