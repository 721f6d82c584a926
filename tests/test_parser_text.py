"""Sentence splitting and quotation-mark pairing (`quotedb.parse.segment`) on invented text.

Paragraphs are built here one per line, as `document.parse_document` gives them for a body
without headline, so these tests exercise the segmenter alone.

Rows the segmenter gets wrong today sit in `KNOWN_GAPS` at the end as strict xfails.
"""

from __future__ import annotations

import itertools

import pytest
import regex

from quotedb import extract
from quotedb.parse.document import Paragraph
from quotedb.parse.lexicon import load_lexicon
from quotedb.parse.segment import (
    DOUBLE_MARK,
    Sentence,
    _any_of,
    _mark_offsets,
    find_quoted,
    split_sentences,
)

ABBREVIATIONS = tuple(load_lexicon().abbreviations)


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    return tuple(
        Paragraph(index=i, start=m.start(), end=m.end(), kind="body")
        for i, m in enumerate(regex.finditer(r"[^\n]+", text))
    )


def sentences(text: str) -> list[str]:
    paras = paragraphs(text)
    quoted = find_quoted(text, paras)
    found = split_sentences(text, paras, quoted, ABBREVIATIONS)
    for s in found:
        assert 0 <= s.start < s.end <= len(text)
    return [text[s.start : s.end] for s in found]


def quoted(text: str) -> list[str]:
    found = find_quoted(text, paragraphs(text))
    for q in found:
        assert 0 <= q.start <= q.end <= len(text)
        assert q.outer_start <= q.start and q.end <= q.outer_end
    return [text[q.start : q.end] for q in found]


# --- sentence splitting --------------------------------------------------------------------

SPLITS: list[tuple[str, list[str]]] = [
    (
        "Harga naik, kata Budi. \u00abStok aman,\u00bb kata Rina.",
        ["Harga naik, kata Budi.", "\u00abStok aman,\u00bb kata Rina."],
    ),
    (
        "Pasien itu diperiksa dr. Siska Amelia di ruang IGD. Ia kemudian dirujuk.",
        ["Pasien itu diperiksa dr. Siska Amelia di ruang IGD.", "Ia kemudian dirujuk."],
    ),
    (
        "Rombongan dipimpin H. Mahmud Yunus dari Padang. Mereka tiba sore hari.",
        ["Rombongan dipimpin H. Mahmud Yunus dari Padang.", "Mereka tiba sore hari."],
    ),
    (
        "Rumah di Jl. Merdeka No. 12 terbakar pada malam hari. Api padam pukul lima.",
        ["Rumah di Jl. Merdeka No. 12 terbakar pada malam hari.", "Api padam pukul lima."],
    ),
    (
        "Harga beras naik menjadi Rp 14.500 per kilogram. Pedagang mengeluh.",
        ["Harga beras naik menjadi Rp 14.500 per kilogram.", "Pedagang mengeluh."],
    ),
    (
        "Harga gula naik menjadi Rp. 18.000 per kilogram. Pembeli berkurang.",
        ["Harga gula naik menjadi Rp. 18.000 per kilogram.", "Pembeli berkurang."],
    ),
    (
        "Gereja St. Yohanes dipugar tahun ini. Umat menyambut gembira.",
        ["Gereja St. Yohanes dipugar tahun ini.", "Umat menyambut gembira."],
    ),
    (
        "Sebanyak 1.000 warga hadir di lapangan. Acara berlangsung meriah.",
        ["Sebanyak 1.000 warga hadir di lapangan.", "Acara berlangsung meriah."],
    ),
    (
        "Inflasi tercatat 2,5 persen pada Juli. Angka itu turun dari bulan lalu.",
        ["Inflasi tercatat 2,5 persen pada Juli.", "Angka itu turun dari bulan lalu."],
    ),
    (
        "Nilai proyek itu Rp 2,5 triliun. Angka itu dinilai terlalu besar.",
        ["Nilai proyek itu Rp 2,5 triliun.", "Angka itu dinilai terlalu besar."],
    ),
    (
        "Rapat digelar di Balai Kota, Kamis (05/09). Hasilnya belum diumumkan.",
        ["Rapat digelar di Balai Kota, Kamis (05/09).", "Hasilnya belum diumumkan."],
    ),
    (
        "Rapat digelar di Balai Kota, Kamis (05/09/2024). Hasilnya belum diumumkan.",
        ["Rapat digelar di Balai Kota, Kamis (05/09/2024).", "Hasilnya belum diumumkan."],
    ),
    (
        "Tim dipimpin Prof. Dr. Ir. Hasan Basri, M.Si. Mereka meneliti tanah gambut.",
        ["Tim dipimpin Prof. Dr. Ir. Hasan Basri, M.Si.", "Mereka meneliti tanah gambut."],
    ),
    (
        "Rombongan dipimpin Ahmad R. Siregar. Mereka tiba sore hari.",
        ["Rombongan dipimpin Ahmad R. Siregar.", "Mereka tiba sore hari."],
    ),
    (
        "Apa yang terjadi? Tidak ada yang tahu! Polisi masih menyelidiki.",
        ["Apa yang terjadi?", "Tidak ada yang tahu!", "Polisi masih menyelidiki."],
    ),
    (
        "Kami harus bersabar.Ia lalu pergi ke pasar.",
        ["Kami harus bersabar.", "Ia lalu pergi ke pasar."],
    ),
    (
        'Ia berkata, "Kami lelah. Kami ingin pulang." Lalu ia pergi.',
        ['Ia berkata, "Kami lelah. Kami ingin pulang."', "Lalu ia pergi."],
    ),
    (
        "\u201cKami lelah. Kami ingin pulang,\u201d kata Budiman. Ia lalu pergi.",
        ["\u201cKami lelah. Kami ingin pulang,\u201d kata Budiman.", "Ia lalu pergi."],
    ),
    (
        "Hujan turun sejak pagi.\nJalan utama tergenang. Lalu lintas macet.",
        ["Hujan turun sejak pagi.", "Jalan utama tergenang.", "Lalu lintas macet."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS, ids=[t[:40] for t, _ in SPLITS])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_never_cross_paragraphs() -> None:
    text = "Pasar dibuka pukul enam\nPedagang datang lebih awal."
    assert [s.paragraph for s in _sentence_records(text)] == [0, 1]


@pytest.mark.parametrize(
    "text",
    [
        'Warga mulai pulang.\nbesok pasar buka lagi.\nKata Budi: "Aman."\nsudah.',
        'Ia bertanya, "Kapan?"\n"Nanti sore." Budi pulang. \nlalu tidur!  \nSelesai...',
        "Harga naik lagi.\n\nHarga Cabai\n\nPedagang mengeluh.\n\u201cRugi.\u201d",
    ],
)
def test_sentences_of_the_paragraphs_together_are_those_of_each_alone(text: str) -> None:
    # One search runs over all the paragraphs and sees past the end of each.
    paras = paragraphs(text)
    body = tuple(p for p in paras if text[p.start : p.end] != "Harga Cabai")  # a crosshead
    quoted_spans = find_quoted(text, body)
    alone = [s for p in body for s in split_sentences(text, [p], quoted_spans, ABBREVIATIONS)]
    assert list(split_sentences(text, body, quoted_spans, ABBREVIATIONS)) == alone


def test_the_grouped_abbreviations_match_exactly_the_abbreviations() -> None:
    words = [a.rstrip(".") for a in ABBREVIATIONS]
    others = ["", "r", "Dra.", "dR", "Drs.", "KH.", "xdr", "Hlm.", "K.", "R.", "a.l.x", "Sdrr"]
    pattern = regex.compile(_any_of(words))
    for text in words + others:
        assert (pattern.fullmatch(text) is not None) == (text in words), text


def _sentence_records(text: str) -> list[Sentence]:
    paras = paragraphs(text)
    quoted_spans = find_quoted(text, paras)
    return list(split_sentences(text, paras, quoted_spans, ABBREVIATIONS))


# --- quotation marks --------------------------------------------------------------------------


def test_the_marks_found_are_those_the_regex_pattern_for_any_mark_finds() -> None:
    text = '„Ayo,‟ kata «Rina». “Sudah 32″ lalu,” ujarnya. "Pulang"\n”Ya”'
    expected = [m.start() for m in DOUBLE_MARK.finditer(text)]
    assert list(_mark_offsets(text)) == expected
    assert len(expected) == 11


RUN_CONTEXTS = [
    ("", ""),
    ("Ia bilang ", " lalu pergi."),
    ('"Kami siap ', ' berangkat," kata Budiman.'),
    ("Harga naik", 'ya" kata penjual.'),
    ("\u201cStok ", "\nhabis,\u201d katanya."),
    ('"Stok habis.\n', 'Kami pulang," katanya.'),
    ("kata ", ""),
]


@pytest.mark.parametrize(("before", "after"), RUN_CONTEXTS)
def test_a_run_of_straight_marks_pairs_as_a_run_of_two_or_three(before: str, after: str) -> None:
    """Inside a run, each mark opens or closes an empty quote (the parser steps over a run
    at once): a run pairs the words around it as a run of the same parity does."""

    def found(run: int) -> list[tuple[str, bool, bool]]:
        text = before + '"' * run + after
        return [
            (text[q.start : q.end], q.open_at is None, q.close_at is None)
            for q in find_quoted(text, paragraphs(text))
        ]

    for run in range(4, 12):
        assert found(run) == found(2 + run % 2), run


def test_the_marks_of_a_run_of_three_pair_one_by_one() -> None:
    # 3 opens `a`, 5 closes it, 6 opens and 7 closes nothing, 9 has a space after it
    assert quoted('Ia "a"""b" pergi') == ["a"]
    assert quoted('"""a"') == ["a"]
    assert quoted('Ia bilang""" lalu "pergi" ya') == ["pergi"]
    assert quoted('"""Kami siap," kata Budiman.') == ["Kami siap,"]


PAIRS: list[tuple[str, list[str]]] = [
    ('Ia berkata, "Kami siap berangkat." Lalu pergi.', ["Kami siap berangkat."]),
    ('Ia berkata: "Kami tidak tahu." Ia lalu diam.', ["Kami tidak tahu."]),
    ("\u201cKami siap berangkat,\u201d katanya.", ["Kami siap berangkat,"]),
    # Kompas style: the same mark opens and closes
    ("\u201dKami siap berangkat,\u201d katanya.", ["Kami siap berangkat,"]),
    (
        "\u201dKami siap berangkat,\u201d katanya. \u201dBus sudah menunggu,\u201d tambahnya.",
        ["Kami siap berangkat,", "Bus sudah menunggu,"],
    ),
    # single marks nested inside double ones stay inside the quote
    (
        "\"Ia menyebutnya 'proyek siluman' sejak awal,\" kata Budiman.",
        ["Ia menyebutnya 'proyek siluman' sejak awal,"],
    ),
    (
        "\u201cIa menyebutnya \u2018proyek siluman\u2019 sejak awal,\u201d kata Budiman.",
        ["Ia menyebutnya \u2018proyek siluman\u2019 sejak awal,"],
    ),
    ('"Kami salat Jum\'at di masjid itu," kata Budiman.', ["Kami salat Jum'at di masjid itu,"]),
    # a single-mark term outside any double quote is no quote
    ("Warga menyebutnya 'jalan tikus' karena sempit.", []),
    (
        'Kapal "Sinar Laut" tenggelam. "Semua awak selamat," kata nakhoda.',
        ["Sinar Laut", "Semua awak selamat,"],
    ),
    # a stray closing curly mark is skipped, the pair after it still found
    ("Ia pulang.\u201d Lalu \u201cKami siap,\u201d kata Budiman.", ["Kami siap,"]),
    # a quote that runs over two paragraphs gives one span per paragraph
    (
        "\u201cKami siap.\nTidak ada yang pulang hari ini,\u201d katanya.",
        ["Kami siap.", "Tidak ada yang pulang hari ini,"],
    ),
    (
        "\u201cKami siap.\n\u201cBus sudah menunggu,\u201d katanya.",
        ["Kami siap.", "Bus sudah menunggu,"],
    ),
    ('""""""""""""', []),
    (
        'Kepala sekolah mengatakan, "Kami menambah kelas.\n"Perpustakaan juga diperluas."',
        ["Kami menambah kelas.", "Perpustakaan juga diperluas."],
    ),
    (
        "\u201dKami siap.\n\u201dBus sudah menunggu,\u201d katanya.",
        ["Kami siap.", "Bus sudah menunggu,"],
    ),
    (
        'Layar 32" itu dijual murah. "Stok tinggal sedikit," kata penjual.',
        ["Stok tinggal sedikit,"],
    ),
    (
        'Harga naik." Kata penjual, "stok habis."',
        ["stok habis."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), PAIRS, ids=[t[:40] for t, _ in PAIRS])
def test_find_quoted(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_unclosed_quote_carries_into_next_paragraph() -> None:
    text = "\u201cKami siap.\nTidak ada yang pulang hari ini,\u201d katanya."
    first, second = find_quoted(text, paragraphs(text))
    assert (first.paragraph, first.close_at) == (0, None)
    assert (second.paragraph, second.open_at) == (1, None)
    assert second.close_at is not None and text[second.close_at] == "\u201d"


def test_stray_curly_mark_does_not_swallow_the_next_quote() -> None:
    text = (
        "Warga menyebut \u201cpasar itu tidak pernah selesai.\n"
        "Para pedagang bertahan di tenda.\n"
        "\u201cKami bertahan,\u201d kata Sutini."
    )
    assert quoted(text)[-1] == "Kami bertahan,"


def test_stray_mark_never_swallows_the_rest_of_the_article() -> None:
    narration = [f"Paragraf narasi nomor {n} tentang pasar." for n in range(12)]
    text = "\n".join(
        [
            'Warga menyebut "pasar itu tidak pernah selesai.',
            *narration,
            '"Kami bertahan di sini," kata Sutini Rahayu.',
        ]
    )
    spans = find_quoted(text, paragraphs(text))
    assert text[spans[-1].start : spans[-1].end] == "Kami bertahan di sini,"
    swallowed = {q.paragraph for q in spans if q.paragraph not in (0, 13)}
    assert len(swallowed) < len(narration)
    quotes = extract(text).quotes
    assert [(q.text, q.speaker) for q in quotes if q.paragraph == 13] == [
        ("Kami bertahan di sini,", "Sutini Rahayu")
    ]


# --- known gaps ----------------------------------------------------------------------------

KNOWN_GAPS: list[tuple[str, list[str], str]] = [
    (
        'Warga menyebut "pasar itu tidak pernah selesai.\n'
        "Para pedagang bertahan di tenda.\n"
        '"Kami bertahan," kata Sutini.',
        ["pasar itu tidak pernah selesai.", "Para pedagang bertahan di tenda.", "Kami bertahan,"],
        "a straight mark left open pairs with the opening mark of a later quote",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(t, e, marks=pytest.mark.xfail(strict=True, reason=r), id=t[:40])
        for t, e, r in KNOWN_GAPS
    ],
)
def test_known_gap(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_mark_offsets_skip_only_marks_inside_a_run() -> None:
    """Every curly mark, and every straight one but those with a straight mark on each side,
    for every text of up to seven characters of straight marks, curly marks and letters."""
    for size in range(8):
        for letters in itertools.product('"“a', repeat=size):
            text = "".join(letters)
            expected = [
                i
                for i, ch in enumerate(text)
                if ch == "“"
                or (ch == '"' and not (0 < i < len(text) - 1 and text[i - 1] == text[i + 1] == '"'))
            ]
            assert list(_mark_offsets(text)) == expected, text
