"""The shortcuts of the rules give what the long way gives: behaviour only."""

from __future__ import annotations

from typing import Any

import pytest
from benchmark_corpus import generator as corpus
from benchmark_corpus import pathological

from quotedb import extract
from quotedb.parse import phrases
from quotedb.parse.patterns import load_patterns
from quotedb.parse.phrases import ArticleView
from quotedb.parse.rules import UnitFinder
from quotedb.parse.segment import Sentence
from quotedb.parse.speakers import Resolver


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


_QUOTE = "Jembatan gantung di Dusun Sukamaju rusak sejak Januari"


@pytest.mark.parametrize(
    ("text", "skipped"),
    [
        (f'Kepala Desa Sukamaju Budi Hartono menegaskan, "{_QUOTE}."', True),
        (f"Budi Hartono menegaskan: “{_QUOTE}.”", True),
        (f'Budi Hartono menegaskan "{_QUOTE}."', True),
        (f'Budi Hartono menegaskan,"{_QUOTE}."', True),
        (f'Budi Hartono menegaskan, "{_QUOTE}?" !', True),
        (f'Sementara itu, Budi Hartono menegaskan, "{_QUOTE}."', True),
        # A comma before the speaker: `_interruption` sees the mark after the verb's comma.
        (f'Tanpa ragu, Budi Hartono menegaskan, "{_QUOTE}."', True),
        (f'Budi Hartono menegaskan, "Warga mengatakan {_QUOTE.lower()}."', True),
        (f'Budi Hartono menegaskan, "{_QUOTE}." Hal itu disampaikan Budi di balai desa.', True),
        # Two spaces after the comma: `_interruption` reads `Tanpa ragu, ... menegaskan`.
        (f'Tanpa ragu, Budi Hartono menegaskan,  "{_QUOTE}."', False),
        # A second cue word after the quote gives a clause of its own.
        (
            f'Budi Hartono menegaskan, "{_QUOTE}," dan menambahkan bahwa perbaikan dimulai '
            "bulan depan.",
            False,
        ),
        (f'Budi Hartono menegaskan, "{_QUOTE}" kepada warga.', False),
        (f'Menurut Budi Hartono, "{_QUOTE}."', False),
        (f'"{_QUOTE}," kata Budi Hartono.', False),
        # No direct unit holds the quote: the clause is the rules' to find.
        (f'Budi Hartono menegaskan bahwa warga "{_QUOTE.lower()}" secara bertahap.', False),
    ],
)
def test_a_cue_verb_opening_a_taken_quote_gives_what_the_rules_would(
    monkeypatch: pytest.MonkeyPatch, text: str, skipped: bool
) -> None:
    shortcut = UnitFinder._only_cues_a_taken_quote
    answers: list[bool] = []

    def watched(finder: UnitFinder, *args: Any) -> bool:
        answers.append(shortcut(finder, *args))
        return answers[-1]

    monkeypatch.setattr(UnitFinder, "_only_cues_a_taken_quote", watched)
    quick = extract(text).quotes
    monkeypatch.setattr(UnitFinder, "_only_cues_a_taken_quote", lambda *_: False)
    assert quick == extract(text).quotes
    assert any(answers) == skipped


def test_the_skip_of_sentences_cueing_a_taken_quote_changes_nothing_in_many_articles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The skip rests on what every rule can find; a rule added or changed later must keep it
    # exact over all the constructions the generated articles are written with.
    texts = [article.text for article in corpus.generate(120, seed=9)]
    shortcut = UnitFinder._only_cues_a_taken_quote
    skipped = 0

    def counted(finder: UnitFinder, *args: Any) -> bool:
        nonlocal skipped
        answer: bool = shortcut(finder, *args)
        skipped += answer
        return answer

    monkeypatch.setattr(UnitFinder, "_only_cues_a_taken_quote", counted)
    quick = [extract(text).quotes for text in texts]
    monkeypatch.setattr(UnitFinder, "_only_cues_a_taken_quote", lambda *_: False)
    assert quick == [extract(text).quotes for text in texts]
    assert skipped >= len(texts) // 2


@pytest.mark.parametrize(
    "phrase",
    [
        "dalam rapat di balai desa pada Senin (4/9).",
        "Dalam rapat di balai desa.",
        "di depan warga Dusun Sukamaju.",
        "Kepala Desa Sukamaju Budi Hartono dalam rapat di balai desa.",
        "Budi Hartono, Kepala Desa Sukamaju, di balai desa.",
        ", Kepala Desa Sukamaju Budi Hartono.",
        "(Budi Hartono) dalam rapat.",
        "oleh Budi Hartono.",
        "",
    ],
)
def test_a_phrase_after_a_cue_is_read_as_the_long_way_reads_it(
    monkeypatch: pytest.MonkeyPatch, phrase: str
) -> None:
    text = "Hal itu disampaikan " + phrase
    start = len("Hal itu disampaikan ")
    quick = _view(text).np_after(start, len(text))
    monkeypatch.setattr(phrases, "first_token", lambda *_: None)
    assert quick == _view(text).np_after(start, len(text))


def test_boundary_words_are_words_that_the_phrase_reading_treats_alike() -> None:
    assert all(word.isalpha() for word in load_patterns().boundary_words)


@pytest.mark.parametrize(
    "sentence",
    [
        'Sementara itu, namun kemudian, lalu Budi bilang "siap," kata Budi, "ya," dan "tidak."',
        "Selain itu  ,  lebih lanjut\tBudi datang sementara Rina pergi.",
        "Sementara itu, " * 40 + 'kami "ab cd," kata Budi, ' * 5,
        "Namun",
        "Lalu lalu lalu, lalu",
    ],
)
def test_the_openers_of_a_sentence_walked_once_end_where_a_walk_to_each_offset_ends(
    sentence: str,
) -> None:
    view = ArticleView(sentence, (Sentence(0, len(sentence), 0),), (), load_patterns())
    for end in range(len(sentence) + 1):
        assert view._lead_start(view.sentences[0], end) == view._skip_openers(0, end), end


def test_openers_walked_once_change_nothing_in_many_articles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [article.text for article in corpus.generate(60, seed=14)]
    quick = [extract(text).quotes for text in texts]
    monkeypatch.setattr(
        ArticleView, "_lead_start", lambda view, s, end: view._skip_openers(s.start, end)
    )
    assert quick == [extract(text).quotes for text in texts]


LAST_NAMES = [c + v + "ndra" for c in "BDGHKLMNPRST" for v in "aiu"]


def test_speakers_found_by_the_words_they_share_are_those_a_look_at_all_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [article.text for article in corpus.generate(40, seed=15)]
    texts.append(pathological.build("speaker names", 30_000))
    texts.append(  # speakers sharing a first word, short forms and prefixes of names
        " ".join(
            f'"Siap," kata Menteri Budi {name}. "Ya," kata {name[:4]}. "Tidak," ujar Budi.'
            for name in ("Hartono", "Hartawan", "Santoso", "Santika", "Wibowo", "Wibisono")
        )
    )
    texts.append(  # a later first name alone: the words before it in the name ended a role
        '"Siap," kata Koordinator Posko Sungai Lembah Hijau Rudi Sumantri. "Ya," kata Rudi. '
        '"Tidak," kata Kepala Gudang Pasar Baru Timur Sari Wulan Dewi. "Ya," kata Sari.'
    )
    texts.append(  # a bare role, or its acronym, for the person who holds it
        '"Siap," kata Gubernur Lembah Hijau Rudi Sumantri. "Ya," kata Gubernur. '
        '"Tidak," kata Jaksa Penuntut Umum Sari Wulan. "Benar," kata JPU.'
    )
    names = [f"{first} {last}" for first in ("Rudi", "Sari", "Tono") for last in LAST_NAMES]
    texts.append(  # each named again after all the others
        " ".join(f'"Siap," kata {name}.' for name in names)
        + " ".join(f'"Ya," kata {name.split()[1]}.' for name in names)
    )
    quick = [extract(text).quotes for text in texts]
    monkeypatch.setattr(Resolver, "_sharing", lambda resolver, *_: iter(resolver._recent()))
    assert quick == [extract(text).quotes for text in texts]
