"""The shortcuts of the speaker readers give what the long way gives: behaviour only."""

from __future__ import annotations

import pytest

from quotedb.parse.document import parse_document
from quotedb.parse.lexicon import load_lexicon
from quotedb.parse.mentions import MentionReader
from quotedb.parse.patterns import load_patterns
from quotedb.parse.tokens import TOKEN, token_starts, tokenize
from quotedb.parse.windows import window_start
from quotedb.parse.wordindex import WordIndex


def _reader() -> MentionReader:
    return load_patterns().reader


@pytest.mark.parametrize(
    "phrase",
    [
        "Menteri Keuangan Budi Santoso",
        "seorang warga, Rina",
        "Budi Santoso, Kepala Dinas Pendidikan",
        "Kabid Humas Polda Bali Kombes Rudi",
    ],
)
def test_read_with_role_reads_a_phrase_that_may_hold_a_role(phrase: str) -> None:
    reader = _reader()
    assert reader.read_with_role(phrase, 0, len(phrase)) == reader.read(phrase, 0, len(phrase))


@pytest.mark.parametrize("phrase", ["Budi Santoso", "ia", "Budi dan Rina Wulandari"])
def test_read_with_role_skips_a_phrase_without_role_word_or_anonymous_head(phrase: str) -> None:
    mention = _reader().read(phrase, 0, len(phrase))
    assert mention is None or mention.role is None
    assert _reader().read_with_role(phrase, 0, len(phrase)) is None


def test_a_copy_of_the_article_reads_as_the_article_only_where_it_agrees_with_it() -> None:
    article = "Kata Suparman 'Parmin' Situmorang di Kota Banyumili."
    end = article.index(" di ")
    reader = _reader().for_article(article, {})
    remembered = reader.read(article, 5, end)
    assert remembered is not None and remembered.aliases == ("Parmin",)
    # Blanked away from the phrase (as `Resolver` blanks the headline): the same reading.
    elsewhere = article[:-10] + " " * 10
    assert reader.read(elsewhere, 5, end) == remembered
    # Different inside the phrase: read anew, never taken from the article's.
    marks = article.replace("'Parmin'", '"Parmin"')
    changed = reader.read(marks, 5, end)
    assert changed is not None and changed.name == "Suparman Parmin Situmorang"
    assert reader.read(article, 5, end) == remembered


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("Kata Menteri Budi", "Menteri Budi"),
        ("Ia bertemu Dra. Siti Aminah", "Ia bertemu Dra. Siti Aminah"),
        ("Hal itu dikatakan oleh Kepala Dinas Budi", "Kepala Dinas Budi"),
        ("Ketua RT dan warga Budi", "warga Budi"),
        ("Menteri Pemberdayaan Aparatur Negara dan Reformasi Birokrasi Budi", None),
        ('Ia berkata: "Sudah." Juru Bicara Kremlin, Budi', " Juru Bicara Kremlin, Budi"),
        ("satu, dua, Juru Bicara Kremlin, Budi", " Juru Bicara Kremlin, Budi"),
        ("a " * 150 + "Budi", "a " * 14 + "Budi"),
    ],
)
def test_window_start_ends_at_the_last_stop_before_the_name(text: str, window: str | None) -> None:
    at = text.rindex("Budi") if "Budi" in text else text.index("Siti")
    assert text[window_start(text, at) :] == (window or text)


def test_token_starts_are_where_the_tokens_start() -> None:
    text = "Dr. H. Budi (45), S.H., O’Neil & rekan; menpan.go.id"
    assert token_starts(text, 2, len(text)) == [t.start for t in tokenize(text, 2, len(text))]


@pytest.mark.parametrize(
    "text",
    [
        "Dr. H. Budi (45), S.H., O’Neil & rekan; menpan.go.id",
        # Words written again in what lies between two tokens: an unclosed bracket, marks.
        "((Budi) (Budi) kata ,Budi: -- (Budi, Budi",
        "(Rina Wulandari (istri Budi), Budi) A. A.B. A.b",
    ],
)
def test_tokens_are_placed_where_the_pattern_matched_them(text: str) -> None:
    matched = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, 1, len(text))]
    assert [(t.text, t.start, t.end) for t in tokenize(text, 1, len(text))] == matched


def test_lines_split_at_carriage_returns_and_drop_white_space_at_either_end() -> None:
    text = (
        "Judul Berita Ini\r\n\r\n  JAKARTA - Budi datang.\t \rIa pulang. \n \n\u3000Selesai.\u3000"
    )
    document = parse_document(text, load_lexicon())
    lines = [text[p.start : p.end] for p in document.paragraphs]
    assert lines == ["Judul Berita Ini", "Budi datang.", "Ia pulang.", "Selesai."]
    assert [p.kind for p in document.paragraphs] == ["headline", "body", "body", "body"]


def test_a_short_line_without_a_sentence_end_is_a_crosshead() -> None:
    text = "Judul\n\nBudi datang ke kantor.\nRapat Pagi\nIa pulang (kemarin)\nSudah”"
    kinds = [p.kind for p in parse_document(text, load_lexicon()).paragraphs]
    assert kinds == ["headline", "body", "crosshead", "body", "body"]


@pytest.mark.parametrize(
    ("phrase", "read"),
    [
        ("Presiden Joko Widodo (Jokowi)", ("Joko Widodo", ("Jokowi",))),
        ("pedagang Suparman alias Parmin", ("Suparman", ("Parmin",))),
        ("Budi Santoso atau Pak Bud", ("Budi Santoso", ("Pak Bud",))),
        # A nickname in single marks is an alias without brackets or `alias`.
        ("Suparman 'Parmin' Situmorang", ("Suparman Situmorang", ("Parmin",))),
        ("Budi Hartono, Kepala Desa Sukamaju", ("Budi Hartono", ())),
        ("Budi Hartono, S.H., M.H.", ("Budi Hartono", ())),
        # A comma inside brackets, `atau` and `alias` inside words: read the long way, alike.
        ("Budi Hartono (45, warga Sukamaju)", ("Budi Hartono", ())),
        ("Ketua Adat Pataua Budi Hartono", ("Adat Pataua Budi Hartono", ())),
        ("Kepala Seksi Aliaswati Budi", ("Seksi Aliaswati Budi", ())),
        ("Lestari Purnamasari MBA", ("Lestari Purnamasari", ())),
    ],
)
def test_a_phrase_without_brackets_aliases_or_commas_reads_as_the_long_way_reads_it(
    phrase: str, read: tuple[str, tuple[str, ...]]
) -> None:
    mention = _reader().read(phrase, 0, len(phrase))
    assert mention is not None
    assert (mention.name, mention.aliases) == read


_SEARCHED = (
    "Budi Hartono meninjau pasar Budiman bersama Ketua RT Budi. Warga menyambutnya, begitu "
    "pula xBudi, SiBudi serta Budi’s Café. Kata Budi Hartono, harga cabai naik; Budi2 "
    "menunggu. Hartono pulang.\n\nBudi Hartonosaputra tidak datang."
)
# Written after a hyphen or an apostrophe, a name may be the end of the word before it.
_GLUED = (
    "Rombongan Jawa-Budi tiba bersama Budi. Warga O’Budi, Ibu 'Budi' dan Sri-Budi Hartono "
    "menunggu; Budi-Hartono pulang, Kepala-Desa Budi Hartono juga. Budi Hartono tersenyum."
)


@pytest.mark.parametrize("text", [_SEARCHED, _GLUED])
@pytest.mark.parametrize(
    "phrase", ["Budi", "Budi Hartono", "Hartono", "Budi’s", "Café", "Desa", "Siti", "x", ""]
)
def test_a_name_searched_for_is_found_where_the_index_finds_it(text: str, phrase: str) -> None:
    indexed = WordIndex(text)
    indexed.searches_left = 0
    assert WordIndex(text).find(phrase) == indexed.find(phrase)


def test_the_index_answers_once_the_searches_are_spent() -> None:
    words = WordIndex(_SEARCHED)
    found = [words.find("Budi")]
    assert "positions" not in vars(words)  # searched
    found += [words.find("Budi") for _ in range(20)]
    assert "positions" in vars(words)
    assert found == [found[0]] * 21
    assert len(found[0]) == 4


def test_a_name_written_mostly_inside_longer_words_is_found_by_the_index() -> None:
    """Each search would read every `Rahmawati`: past a few hundred, the index answers."""
    text = "Rahmawati datang. " * 300 + "Rahma pulang."
    words = WordIndex(text)
    found = words.find("Rahma")
    assert "positions" in vars(words)
    assert found == [(len(text) - len("Rahma pulang."), len(text) - len(" pulang."))]
    few = WordIndex("Rahmawati datang. " * 3 + "Rahma pulang.")
    assert few.find("Rahma") and "positions" not in vars(few)
