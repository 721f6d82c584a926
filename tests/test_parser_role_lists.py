"""Roles that run over commas: an office's places (`Kepala Desa X, Kecamatan Y, Nama`) and
the list of fields an office covers (`Kepala Seksi A, B, dan C Dinas X Nama`).

Invented people and places; the expectations follow ../shared/gold/GUIDELINES.md (the role
is the fullest the article gives, without a bracketed acronym).
"""

from __future__ import annotations

import pytest

from quotedb import extract
from quotedb.parse.nicknames import is_blend


def _speakers(text: str) -> list[tuple[str, str | None, str | None, str]]:
    return [(q.text, q.speaker, q.role, q.speaker_type) for q in extract(text).quotes]


ROWS = [
    (
        # The places of an office, each after a comma, belong to its role.
        "Kepala Desa Sukamaju, Kecamatan Cibiru, Markus Lende mengatakan warga desa sudah "
        "lama menunggu jembatan baru.",
        [
            (
                "warga desa sudah lama menunggu jembatan baru",
                "Markus Lende",
                "Kepala Desa Sukamaju, Kecamatan Cibiru",
                "person",
            )
        ],
    ),
    (
        # A list of an office's fields (`A, B, dan C`) is one role, not a name after a comma.
        "Komisioner Divisi Hukum, Data Pemilih, dan Pengawasan KPU Papua Barat Daya Benny "
        "Rumbiak mengatakan jumlah pemilih di daerah itu menurun.",
        [
            (
                "jumlah pemilih di daerah itu menurun",
                "Benny Rumbiak",
                "Komisioner Divisi Hukum, Data Pemilih, dan Pengawasan KPU Papua Barat Daya",
                "person",
            )
        ],
    ),
    (
        # ... also with an acronym after the list and a comma before the name, and a role
        # given later to the short name as well.
        "Stok Ikan Aman\n\n"
        "Kepala Dinas Perikanan, Kelautan, dan Pertanian (DPKP) Kota Tidore, Yohanes Palit, "
        "menyatakan stok ikan cukup sampai akhir tahun.\n\n"
        '"Nelayan kami sudah siap," kata Yohanes.',
        [
            (
                "stok ikan cukup sampai akhir tahun",
                "Yohanes Palit",
                "Kepala Dinas Perikanan, Kelautan, dan Pertanian Kota Tidore",
                "person",
            ),
            (
                "Nelayan kami sudah siap,",
                "Yohanes Palit",
                "Kepala Dinas Perikanan, Kelautan, dan Pertanian Kota Tidore",
                "person",
            ),
        ],
    ),
    (
        # The role is written in a sentence that quotes nobody: found with the name later.
        "Polisi Dekat Warga\n\n"
        "Bhabinkamtibmas Kelurahan Oebufu, Kecamatan Oebobo, Kota Kupang, Nusa Tenggara "
        "Timur (NTT), Aipda Yosua Ndun Lado, dikenal dekat dengan warga.\n\n"
        '"Kami rutin berkunjung ke rumah warga," kata Yosua.',
        [
            (
                "Kami rutin berkunjung ke rumah warga,",
                "Yosua Ndun Lado",
                "Bhabinkamtibmas Kelurahan Oebufu, Kecamatan Oebobo, Kota Kupang, "
                "Nusa Tenggara Timur",
                "person",
            )
        ],
    ),
    (
        # A name may end in a word that also names a country: no place follows a person.
        "Kepala Balai Karantina Tumbuhan Jawa Tengah Sonny Hadi Yunani mengatakan ekspor "
        "benih naik tahun ini.",
        [
            (
                "ekspor benih naik tahun ini",
                "Sonny Hadi Yunani",
                "Kepala Balai Karantina Tumbuhan Jawa Tengah",
                "person",
            )
        ],
    ),
    (
        # A name after the comma is no field of the office: the list rule leaves it alone.
        "Kepala Dinas Sosial Kota Tidore, Rahmat Hasan, dan Camat Oba Linda Sari mengatakan "
        "bantuan beras sudah dibagikan.",
        [
            (
                "bantuan beras sudah dibagikan",
                "Rahmat Hasan",
                "Kepala Dinas Sosial Kota Tidore",
                "person",
            )
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[t[:40] for t, _ in ROWS])
def test_role_over_commas(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert _speakers(text) == expected


HEADLINE_ROWS = [
    (
        # The headline names the first source by a short office the body never gives.
        'Menkeu Ungkap Defisit Turun\n\n"Defisit tahun ini lebih kecil," kata Pak Darto di '
        "Jakarta, Senin (3/3/2025).",
        [("Defisit tahun ini lebih kecil,", "Darto", "Menkeu", "person")],
    ),
    (
        'Kapolda: Jalur Mudik Aman\n\n"Kami sudah siapkan 300 personel," kata Yohanes Wala.',
        [("Kami sudah siapkan 300 personel,", "Yohanes Wala", "Kapolda", "person")],
    ),
    (
        # The first source has a role of its own: the headline's is someone else's.
        'Menkeu Ungkap Defisit Turun\n\n"Defisit masih tinggi," kata ekonom Rina Sari.',
        [
            (
                "Defisit masih tinggi,",
                "Rina Sari",
                "ekonom",
                "person",
            )
        ],
    ),
    (
        # A headline whose office is followed by no speech verb names no source.
        'Menkeu Baru Dilantik Hari Ini\n\n"Kami siap bekerja," kata Darto.',
        [("Kami siap bekerja,", "Darto", None, "person")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), HEADLINE_ROWS, ids=[t[:30] for t, _ in HEADLINE_ROWS]
)
def test_headline_office_of_the_first_source(
    text: str, expected: list[tuple[str, str, str | None, str]]
) -> None:
    assert _speakers(text) == expected


def test_a_blend_of_a_full_name_takes_the_full_name_and_its_role() -> None:
    text = (
        "Bantuan Benih Tiba\n\n"
        "Gubernur Sulawesi Barat Rudi Harsono meninjau gudang benih di Mamuju, Senin (3/3).\n\n"
        '"Benih ini untuk petani di lima kabupaten," kata Rudhar.'
    )
    assert _speakers(text) == [
        (
            "Benih ini untuk petani di lima kabupaten,",
            "Rudi Harsono",
            "Gubernur Sulawesi Barat",
            "person",
        )
    ]


@pytest.mark.parametrize(
    ("nick", "full", "blend"),
    [
        ("Rudhar", "Rudi Harsono", True),
        ("Sulhas", "Sulaiman Hasan", True),
        ("Rudi", "Rudi Harsono", False),  # a first name, not a blend
        ("Rudharto", "Rudi Harsono", False),  # letters the full name does not start with
        ("Hasrudi", "Rudi Harsono", False),  # pieces out of order
    ],
)
def test_is_blend(nick: str, full: str, blend: bool) -> None:
    assert is_blend(nick, full) is blend


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"Semua personel siaga," kata Kepala Polda Gorontalo Inspektur Jenderal MH Tobing '
            "Sitorus.",
            [("Semua personel siaga,", "MH Tobing Sitorus", "Kepala Polda Gorontalo", "person")],
        ),
        (
            # Written in full once, then by a short form: the initials stay in the name.
            "Razia Malam\n\nKapolres Boalemo AKBP RA Kurnia Lestari memimpin razia malam itu.\n\n"
            '"Kami periksa semua kendaraan," kata Kurnia.',
            [
                (
                    "Kami periksa semua kendaraan,",
                    "RA Kurnia Lestari",
                    "Kapolres Boalemo",
                    "person",
                )
            ],
        ),
    ],
)
def test_initials_after_a_rank_open_the_name(
    text: str, expected: list[tuple[str, str, str | None, str]]
) -> None:
    assert _speakers(text) == expected


def test_an_institution_after_a_rank_like_title_is_no_initials() -> None:
    quotes = extract('"Perkara ini kami tangani," kata Komisaris KPK Budi Santoso.').quotes
    assert [q.speaker for q in quotes] == ["Budi Santoso"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # `pada` before an institution joins it to the role; before a day it does not.
            "Kepala Seksi Jalan pada Dinas Pekerjaan Umum Kota Tidore Hamid Lasut mengatakan, "
            "perbaikan jalan dimulai bulan depan.",
            [
                (
                    "perbaikan jalan dimulai bulan depan",
                    "Hamid Lasut",
                    "Kepala Seksi Jalan pada Dinas Pekerjaan Umum Kota Tidore",
                    "person",
                )
            ],
        ),
        (
            "Hamid Lasut pada Senin mengatakan bahwa tim sudah turun.",
            [("tim sudah turun", "Hamid Lasut", None, "person")],
        ),
        (
            # `dan` inside an office's name does not start a second role.
            "Direktur Tata Ruang dan Lingkungan Hidup Kota Tidore Rina Mahu mengatakan "
            "izin sudah terbit.",
            [
                (
                    "izin sudah terbit",
                    "Rina Mahu",
                    "Direktur Tata Ruang dan Lingkungan Hidup Kota Tidore",
                    "person",
                )
            ],
        ),
    ],
)
def test_an_institution_inside_a_role(
    text: str, expected: list[tuple[str, str, str | None, str]]
) -> None:
    assert _speakers(text) == expected


def test_a_place_after_an_apposition_is_no_second_name() -> None:
    text = (
        '"Kasus seperti ini jarang dilaporkan," kata Dr Mirela Santos, ahli kulit dan rambut di '
        "Universitas Harbourview di Halifax, Nova, seperti dikutip dari sebuah jurnal."
    )
    quotes = extract(text).quotes
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Mirela Santos", "ahli kulit dan rambut di Universitas Harbourview di Halifax")
    ]


@pytest.mark.parametrize(
    "text", ["Presiden,B,““mengatakan", 'Kepala Desa Tirta, “ , dan Budi mengatakan warga siap.']
)
def test_a_comma_segment_holding_no_word_continues_no_role(text: str) -> None:
    """Between two commas only quotation marks: a segment without a token, which the check
    for a list of an office's fields must step over (it raised IndexError)."""
    for quote in extract(text).quotes:
        assert text[quote.start : quote.end] == quote.text
