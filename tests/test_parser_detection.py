"""Where quote units are found: constructions of Indonesian news writing that the tables of
test_parser_constructions.py do not cover, on invented sentences and people.

Each row is (article text, expected quotes), a quote being (text, kind, speaker, cue).
"""

from __future__ import annotations

import pytest

from quotedb import extract

Expected = tuple[str, str, str | None, str | None]
Row = tuple[str, list[Expected]]


def _got(text: str) -> list[Expected]:
    quotes = extract(text).quotes
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
    return [(q.text, q.kind, q.speaker, q.cue) for q in quotes]


def _ids(rows: list[Row]) -> list[str]:
    return [text.replace("\n", " ")[-40:] for text, _ in rows]


# --- `"...," demikian <passive verb | statement noun> X` ---------------------------------

SAID_THUS = [
    (
        'Judul\n\n"Seluruh bukti akan kami serahkan ke pengadilan," demikian pernyataan '
        "Kejaksaan Negeri Wonosari.",
        [
            (
                "Seluruh bukti akan kami serahkan ke pengadilan,",
                "direct",
                "Kejaksaan Negeri Wonosari",
                "pernyataan",
            )
        ],
    ),
    (
        'Judul\n\n"Kami menyesalkan keputusan itu," demikian keterangan tertulis Ikatan '
        "Nelayan Pesisir, Minggu (4/5).",
        [("Kami menyesalkan keputusan itu,", "direct", "Ikatan Nelayan Pesisir", "keterangan")],
    ),
    (
        'Judul\n\n"Pelabuhan tetap dibuka," demikian disampaikan Kepala Dinas Perhubungan '
        "Rudi Santosa.",
        [("Pelabuhan tetap dibuka,", "direct", "Rudi Santosa", "disampaikan")],
    ),
    # No source written after the noun: nothing to attribute.
    ('Judul\n\n"Pelabuhan tetap dibuka," demikian tertulis dalam unggahan itu.', []),
]


@pytest.mark.parametrize(("text", "expected"), SAID_THUS, ids=_ids(SAID_THUS))
def test_said_thus_after_the_quote(text: str, expected: list[Expected]) -> None:
    assert _got(text) == expected


# --- `Bahkan, lanjut X, ...`: a cue and its speaker after an opening connector ------------

CUE_AFTER_OPENER = [
    (
        "Judul\n\nRudi Santosa menjelaskan bahwa pelabuhan dibuka. Bahkan, lanjut Rudi, kapal "
        "tambahan disiapkan sejak pagi.",
        [
            ("pelabuhan dibuka", "indirect", "Rudi Santosa", "menjelaskan"),
            ("kapal tambahan disiapkan sejak pagi", "indirect", "Rudi Santosa", "lanjut"),
        ],
    ),
    (
        "Judul\n\nRudi Santosa menjelaskan bahwa pelabuhan dibuka. Tak hanya itu, tambah dia, "
        "dermaga baru segera dibangun.",
        [
            ("pelabuhan dibuka", "indirect", "Rudi Santosa", "menjelaskan"),
            ("dermaga baru segera dibangun", "indirect", "Rudi Santosa", "tambah"),
        ],
    ),
    # `jelas` after a connector, with no speaker after it, is an adverb.
    ("Judul\n\nHarga naik. Bahkan, jelas sekali, harga cabai naik dua kali lipat.", []),
]


@pytest.mark.parametrize(("text", "expected"), CUE_AFTER_OPENER, ids=_ids(CUE_AFTER_OPENER))
def test_cue_after_opening_connector(text: str, expected: list[Expected]) -> None:
    assert _got(text) == expected


# --- a verb of revealing that names only a topic ----------------------------------------

TOPIC_ONLY = [
    "Judul\n\nBupati Rina Wati menyampaikan pernyataan itu dalam rapat di pendapa, Senin.",
    "Judul\n\nBupati Rina Wati menyampaikan sambutan pada upacara di alun-alun kota.",
    "Judul\n\nBupati Rina Wati mengungkapkan alasan penundaan proyek jalan desa itu.",
    "Judul\n\nBupati Rina Wati membeberkan kronologi penundaan proyek jalan desa itu.",
    "Judul\n\nBupati Rina Wati mengungkap perkembangan terkini proyek jalan desa itu.",
]


@pytest.mark.parametrize("text", TOPIC_ONLY, ids=[t[-40:] for t in TOPIC_ONLY])
def test_revealing_a_topic_is_no_quote(text: str) -> None:
    assert _got(text) == []


def test_revealing_a_clause_is_a_quote() -> None:
    text = "Judul\n\nBupati Rina Wati mengungkapkan sebagian jalan desa itu sudah rusak."
    assert _got(text) == [
        ("sebagian jalan desa itu sudah rusak", "indirect", "Rina Wati", "mengungkapkan")
    ]


# --- a crosshead glued to the next sentence (print pages flattened to one paragraph) -----

# A print page flattened to one paragraph is long; a web page writes its crossheads on
# lines of their own. No cue in these sentences.
PAGE = "Harga cabai di pasar kota naik tajam selama sepekan terakhir. " * 30


def _page(sentences: str) -> str:
    return f"Judul\n\n{PAGE}{sentences}"


GLUED_CROSSHEAD = [
    (
        "Pasokan terganggu Secara terpisah, Kepala Dinas Pertanian Tuban Sari Dewi mengatakan, "
        "panen raya dimulai bulan depan.",
        [("panen raya dimulai bulan depan", "indirect", "Sari Dewi", "mengatakan")],
    ),
    (
        "Stok menipis Menurut Sari Dewi, panen raya dimulai bulan depan.",
        [("panen raya dimulai bulan depan", "indirect", "Sari Dewi", "Menurut")],
    ),
    # A one-word crosshead after a stop.
    (
        "Panen Secara terpisah, Sari Dewi mengatakan, panen raya dimulai bulan depan.",
        [("panen raya dimulai bulan depan", "indirect", "Sari Dewi", "mengatakan")],
    ),
    # Inside a name a capitalised word after a capitalised one starts nothing.
    (
        "Menteri Dalam Negeri Rudi Santosa mengatakan pemilu berjalan aman.",
        [("pemilu berjalan aman", "indirect", "Rudi Santosa", "mengatakan")],
    ),
    (
        "Sari Dewi mengatakan, Bantuan Tunai Sementara dibagikan besok pagi.",
        [("Bantuan Tunai Sementara dibagikan besok pagi", "indirect", "Sari Dewi", "mengatakan")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GLUED_CROSSHEAD, ids=_ids(GLUED_CROSSHEAD))
def test_glued_crosshead_is_no_part_of_the_quote(text: str, expected: list[Expected]) -> None:
    assert _got(_page(text)) == expected


def test_short_paragraph_keeps_its_capitalised_connector() -> None:
    """A web paragraph is not searched for glued crossheads (nor the cost of it paid)."""
    text = "Judul\n\nStok menipis Menurut Sari Dewi, panen raya dimulai bulan depan."
    assert _got(text) == []


# --- `Terkait X, Y mengatakan, Z`: a topic lead is no content --------------------------

TOPIC_LEAD = [
    (
        "Judul\n\nTerkait dengan pasokan pupuk, Sari Dewi mengatakan, gudang desa sudah terisi.",
        [("gudang desa sudah terisi", "indirect", "Sari Dewi", "mengatakan")],
    ),
    (
        "Judul\n\nTerkait dengan banyaknya keluhan petani yang belum menerima pupuk bersubsidi "
        "di tiga kecamatan, Sari Dewi mengatakan, gudang desa sudah terisi.",
        [("gudang desa sudah terisi", "indirect", "Sari Dewi", "mengatakan")],
    ),
    (
        "Judul\n\nDi lain pihak, pengamat pertanian Sari Dewi mengatakan, gudang desa kosong.",
        [("gudang desa kosong", "indirect", "Sari Dewi", "mengatakan")],
    ),
    # A lead of content is part of the unit: the cue interrupts it.
    (
        "Judul\n\nDari hasil pemeriksaan, Sari Dewi melanjutkan, gudang desa sudah terisi.",
        [
            (
                "Dari hasil pemeriksaan, Sari Dewi melanjutkan, gudang desa sudah terisi",
                "indirect",
                "Sari Dewi",
                "melanjutkan",
            )
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), TOPIC_LEAD, ids=_ids(TOPIC_LEAD))
def test_topic_lead_before_an_interrupting_cue(text: str, expected: list[Expected]) -> None:
    assert _got(text) == expected


# --- `menurutnya` inside the content, without the commas of `A, kata X, B` ---------------

MENURUT_INSIDE = [
    (
        "Judul\n\nSari Dewi menjelaskan bahwa pupuk cukup. Isu distribusi ini menurutnya "
        "menjadi penting bagi petani.",
        [
            ("pupuk cukup", "indirect", "Sari Dewi", "menjelaskan"),
            (
                "Isu distribusi ini menurutnya menjadi penting bagi petani",
                "indirect",
                "Sari Dewi",
                "menurutnya",
            ),
        ],
    ),
    (
        "Judul\n\nSari Dewi menjelaskan bahwa pupuk cukup. Meski stok aman, menurutnya "
        "distribusi harus dipercepat.",
        [
            ("pupuk cukup", "indirect", "Sari Dewi", "menjelaskan"),
            (
                "stok aman, menurutnya distribusi harus dipercepat",
                "indirect",
                "Sari Dewi",
                "menurutnya",
            ),
        ],
    ),
    (
        "Judul\n\nSari Dewi menjelaskan bahwa pupuk cukup. Distribusi harus dipercepat "
        "menurut dia.",
        [
            ("pupuk cukup", "indirect", "Sari Dewi", "menjelaskan"),
            ("Distribusi harus dipercepat", "indirect", "Sari Dewi", "menurut dia"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), MENURUT_INSIDE, ids=_ids(MENURUT_INSIDE))
def test_menurut_inside_the_content(text: str, expected: list[Expected]) -> None:
    assert _got(text) == expected


def test_verb_after_sambil_is_no_cue() -> None:
    text = "Judul\n\nSambil bercanda, Sari Dewi menitipkan salam untuk kucing peliharaan tamunya."
    assert _got(text) == []


def test_verb_joined_to_another_verb_reports_no_clause() -> None:
    text = "Judul\n\nSari Dewi menanyakan dan menitipkan salam untuk kucing peliharaan tamunya."
    assert _got(text) == []


def test_seraya_after_a_cue_keeps_the_speaker() -> None:
    text = (
        'Judul\n\n"Sekolah dibuka lagi," kata Sari Dewi, seraya menambahkan bahwa guru '
        "baru sudah tiba."
    )
    assert _got(text) == [
        ("Sekolah dibuka lagi,", "direct", "Sari Dewi", "kata"),
        ("guru baru sudah tiba", "indirect", "Sari Dewi", "menambahkan"),
    ]


# --- `"...," kata dia ditemui di DPR`: a pronoun is the whole speaker phrase ----------

PRONOUN_THEN_SETTING = [
    '"Tidak ada kenaikan iuran tahun depan," kata dia ditemui di Gedung DPR RI, Jumat.',
    '"Tidak ada kenaikan iuran tahun depan," kata dia menegaskan.',
    '"Tidak ada kenaikan iuran tahun depan," ucap dia dikutip dari Antara.',
]


@pytest.mark.parametrize("quote", PRONOUN_THEN_SETTING, ids=[q[40:] for q in PRONOUN_THEN_SETTING])
def test_pronoun_then_setting_after_the_cue(quote: str) -> None:
    text = f"Judul\n\nLuky Santoso menjelaskan anggaran naik.\n\n{quote}"
    got = extract(text).quotes
    assert [(q.text, q.kind, q.speaker, q.mention) for q in got][1:] == [
        ("Tidak ada kenaikan iuran tahun depan,", "direct", "Luky Santoso", "dia")
    ]


# --- `Seperti disampaikan X, ...`: a passive cue fronted by `seperti`/`sebagaimana` -----

AS_SAID = [
    (
        "Judul\n\nSeperti yang ditegaskan Bupati Garut Rudi Santosa, Senin (25/5/2020) di "
        "pendapa, pemkab tidak ingin kerja keras selama ini sia-sia.",
        [
            (
                "pemkab tidak ingin kerja keras selama ini sia-sia",
                "indirect",
                "Rudi Santosa",
                "ditegaskan",
            )
        ],
    ),
    (
        "Judul\n\nSebagaimana dikatakan Sari Dewi (2015), pakar ekonomi pertanian, harga pupuk "
        "akan terus naik.",
        [("harga pupuk akan terus naik", "indirect", "Sari Dewi", "dikatakan")],
    ),
    # A cue verb after the speaker's comma says the words: its own rule reads them.
    (
        "Judul\n\nSeperti dijelaskan Sari Dewi dalam bukunya, menyatakan bahwa harga pupuk akan "
        "terus naik.",
        [("harga pupuk akan terus naik", "indirect", "Sari Dewi", "menyatakan")],
    ),
    # No speaker: news reported before is no source.
    ("Judul\n\nSeperti diberitakan sebelumnya, gudang desa sudah terisi penuh.", []),
]


@pytest.mark.parametrize(("text", "expected"), AS_SAID, ids=_ids(AS_SAID))
def test_as_said_by_first(text: str, expected: list[Expected]) -> None:
    assert _got(text) == expected
