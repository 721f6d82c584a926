"""Property tests: `extract` never raises, every span it gives is the slice of the text its
field holds (`Quote.faults`), and no two quotes overlap.

Four kinds of input: articles composed of the constructions the parser reads
(`articles_strategy`); arbitrary Unicode; text assembled from the pieces the parser reacts
to (quotation marks of every style, cue words, capitalised names, roles, honorifics,
datelines, newlines, punctuation); and real-looking sentences with their parts shuffled.
Failures hypothesis finds are kept in its example database (`.hypothesis/` at the top of
the checkout, see conftest.py) and tried first on the next run; a failure worth keeping
for everyone becomes an `@example` here.
"""

from __future__ import annotations

import pytest
from articles_strategy import articles
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotedb import extract
from quotedb.records import Extraction

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# fmt: off
# Word lists read best packed.
MARKS = ['"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "'", "\u2018", "\u2019", "\u2033"]
CUES = [
    "imbuh", "jelas", "kata", "lanjut", "papar", "pungkas", "sebut", "tambah", "tegas",
    "terang", "tutur", "ucap", "ujar", "ungkap", "katanya", "ujarnya", "tambahnya", "kata dia",
    "kata ia", "mengatakan", "mengatakan bahwa", "menyatakan", "menegaskan", "menjelaskan",
    "mengungkapkan", "menambahkan", "menyebut", "mengklaim", "memperingatkan", "membantah",
    "mengakui", "memastikan", "menilai", "meyakini", "berpendapat", "beranggapan", "berkata:",
    "Menurut", "menurut", "Menurutnya", "seperti dikutip dari", "dilansir", "mengutip",
    "bahwa", "Baca juga:", "Ia", "Dia", "Beliau", "pihaknya",
]
WORDS = [
    "Budiman", "Sutini", "Rahayu", "Wicaksono", "Menteri", "Pertahanan", "(Menhan)", "Kapolda",
    "Bupati", "Juru", "bicara", "Konsultan", "Senior", "di", "Lembaga", "Polda", "Jawa", "Timur",
    "KPK", "Kementerian", "seorang", "pejabat", "para", "analis", "sumber", "Pak", "Bu", "H.",
    "Dr.", "dr.", "AKBP", "Kombes", "Pol", "Agus", "JAKARTA,", "KOMPAS.com", "Liputan6.com,",
    "CNN", "Indonesia", "TEMPO.CO,", "(ANTARA)", "date", "2024-03", "ab/cd", "(Reuters)",
    "Rp", "1.000", "2,5", "(05/09)", "No.", "St.", "program", "pasar", "harga", "naik", "yang",
    "tidak", "mau", "disebut", "namanya", "dan", "itu",
]
PUNCT = [".", ",", ":", ";", "!", "?", "-", "--", "\u2014", "(", ")", "\u2026", "/"]
SPACES = [" ", " ", " ", "\n", "\n\n", "\t", "\r\n", "\u00a0"]
# fmt: on

pieces = st.one_of(
    st.sampled_from(MARKS),
    st.sampled_from(CUES),
    st.sampled_from(WORDS),
    st.sampled_from(PUNCT),
    st.sampled_from(SPACES),
    st.text(min_size=1, max_size=6),
)
assembled = st.one_of(
    st.lists(pieces, max_size=120).map(" ".join),
    st.lists(pieces, max_size=120).map("".join),
)

SENTENCE_PARTS = [
    '"Kami siap berangkat," kata Budiman Wicaksono.',
    "\u201cStok beras aman,\u201d ujarnya.",
    "\u201dHarga naik,\u201d tambahnya.",
    "Kapolda Jawa Timur Irjen Pol Rahmat Sudirja mengatakan bahwa tiga orang ditahan.",
    "Menurut Sutini, pasar itu sepi.",
    "Pasar itu sepi, menurut Sutini.",
    "Ia menilai harga terlalu mahal.",
    'Ia mengatakan pihaknya "tidak tahu" soal itu.',
    "Seorang pejabat kementerian mengatakan rapat ditunda.",
    "Harga itu, kata dia, terlalu tinggi.",
    '"Kami tidak tahu," kata Sutini, "dan tidak mau tahu."',
    "JAKARTA, KOMPAS.com - ",
    "Baca juga: Harga Naik",
    "ab/cd (Reuters)",
    "date 2024-03 Judul Berita",
    'program "Makan Gratis"',
    '"',
    "\u201c",
    "\u201d",
    "\n",
    "\n\n",
]
shuffled = st.lists(st.sampled_from(SENTENCE_PARTS), max_size=30).map(" ".join)


def assert_valid(text: str, result: Extraction) -> None:
    for quote in result.quotes:
        assert quote.faults(text) == []
        assert quote.kind in ("direct", "indirect", "mixed")
        assert quote.speaker_type in ("person", "organization", "anonymous")
    spans = sorted((q.start, q.end) for q in result.quotes)
    overlapping = [(a, b) for a, b in zip(spans, spans[1:], strict=False) if b[0] < a[1]]
    assert overlapping == []


@SETTINGS
@given(articles())
def test_composed_articles(text: str) -> None:
    assert_valid(text, extract(text))


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_unicode(text: str) -> None:
    assert_valid(text, extract(text))


@SETTINGS
@given(assembled)
def test_assembled_from_cues_marks_and_names(text: str) -> None:
    assert_valid(text, extract(text))


@SETTINGS
@given(shuffled)
def test_shuffled_sentences(text: str) -> None:
    assert_valid(text, extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        '"' * 2000,
        "\u201c\u201d" * 1000,
        "\u201d" * 2001,
        '"a," kata ' * 300,
        "Menurut " * 500,
        "A. " * 1000,
        "mengatakan bahwa " * 400,
        '"Siap," kata Budi, dan rakyat senang ' * 300,
        "Budi mengatakan kami siap " + "dan Budi mengutip Ani " * 300,
        "Sementara itu, " * 100 + 'kami "ab cd," kata Budi, ' * 50,
        "date 2024 A" + " \t" * 3000 + "B\n\nIsi berita.",
    ],
    ids=[
        "empty",
        "space",
        "newlines",
        "straight-run",
        "curly-run",
        "kompas-run",
        "cue-run",
        "menurut-run",
        "initials",
        "verb-run",
        "tail-run",
        "relay-run",
        "openers-run",
        "date-line-spaces",
    ],
)
def test_pathological_inputs(text: str) -> None:
    assert_valid(text, extract(text))


def test_a_sentence_of_thousands_of_second_cues_gives_a_unit_for_each() -> None:
    text = "Budi mengatakan warga siap " + "dan Rina mengatakan warga siap " * 1500 + "lagi."
    quotes = extract(text).quotes
    assert [q.speaker for q in quotes] == ["Budi"] + ["Rina"] * 1500
    assert quotes[-1].text == "warga siap lagi"


@pytest.mark.parametrize(
    ("text", "role", "written"),
    [
        # A bracketed acronym after the role: the span stops before it.
        (
            '"Jalan ditutup," kata Ekonom Universitas Tanjung Harapan (UTH) Agus Kusuma.',
            "Ekonom Universitas Tanjung Harapan",
            True,
        ),
        # One inside it, or a second space, or a line break: the role is written nowhere so.
        (
            '"Jalan ditutup," kata Kepala Dinas Perhubungan (Dishub) Jawa Tengah, Agus Kusuma.',
            "Kepala Dinas Perhubungan Jawa Tengah",
            False,
        ),
        (
            '"Jalan ditutup," kata Kepala  Dinas Pendidikan Agus Kusuma.',
            "Kepala Dinas Pendidikan",
            False,
        ),
        # An apposition after a connector and the name (issue 14: the span ran backwards).
        (
            '"Banjir sudah surut," kata Budi Santoso. Sementara Budi Santoso, Wakil Bupati '
            "Sukamaju, di kantornya, Senin (4/9), menyampaikan, warga sudah kembali ke rumah.",
            "Wakil Bupati Sukamaju",
            True,
        ),
    ],
)
def test_a_role_span_is_where_the_role_is_written_as_it_reads(
    text: str, role: str, written: bool
) -> None:
    quotes = extract(text).quotes
    assert quotes
    for quote in quotes:
        assert quote.role == role
        assert quote.faults(text) == []
        assert (quote.role_span is not None) == written
