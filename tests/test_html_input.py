"""Saved article pages in: the article without the page around it, and its metadata.

The pages in seeds/formats/halaman are written for quotedb in the shapes of Indonesian news
sites, with invented people and places: a national portal (paragraphs in `<p>`, a "Baca juga"
link inside the body, related and popular boxes), a portal that writes its body as loose text
between `<br>` tags with an advertisement block and a comment section, and a regional
WordPress site (a `<time>` element, share buttons, a comment list, a sidebar).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quotedb.ingest.inputs import ArticleInput, InputFailure, iter_inputs

PAGES = Path(__file__).parents[1] / "seeds" / "formats" / "halaman"

EXPECTED = {
    "pelita-nusantara.html": {
        "title": "Warga Sukamaju Bangun Jembatan Bambu Sendiri",
        "published": "2024-03-13",
        "uri": "https://www.pelitanusantara.example/regional/2024/03/13/"
        "warga-sukamaju-bangun-jembatan",
        "outlet": "Harian Pelita Nusantara",
        "paragraphs": [
            "SUKAMAJU, PELITA - Warga Desa Sukamaju, Kabupaten Lembah Hijau, bergotong royong "
            "membangun jembatan bambu di atas Sungai Ciawi setelah jembatan lama hanyut "
            "diterjang banjir.",
            '"Kami tidak bisa menunggu anggaran tahun depan. Anak-anak harus tetap bisa '
            'berangkat ke sekolah," kata Kepala Desa Sukamaju, Hendra Kurniawan, Rabu '
            "(13/3/2024).",
            "Menurut Hendra, sekitar 80 warga ikut bekerja sejak Senin pagi. Bambu didatangkan "
            "dari kebun milik warga sendiri.",
            "Camat Ciawi Hilir, Suryani Lestari, mengatakan pemerintah kecamatan akan "
            "mengusulkan jembatan permanen dalam musyawarah rencana pembangunan bulan depan.",
            '"Jembatan darurat ini sangat membantu, tapi kami tetap butuh yang kokoh," ujar '
            "Suryani.",
        ],
    },
    "kabar-lintas.html": {
        "title": "Pedagang Pasar Kembang Sari Tolak Relokasi ke Gedung Baru",
        "published": "2023-11-02",
        "uri": "https://news.kabarlintas.example/berita/d-7712034/"
        "pedagang-pasar-kembang-sari-tolak-relokasi",
        "outlet": "KabarLintas",
        "paragraphs": [
            "Kota Tirta - Ratusan pedagang Pasar Kembang Sari, Kota Tirta, menolak dipindahkan "
            "ke gedung pasar baru sebelum seluruh los dan saluran air selesai dibangun.",
            "Ketua Paguyuban Pedagang Kembang Sari, Wahyudi Santoso, menyebut separuh los di "
            "gedung baru masih belum memiliki atap.",
            '"Kalau kami pindah sekarang dan hujan turun, dagangan kami rusak semua. Siapa yang '
            'mau ganti?" kata Wahyudi kepada wartawan, Kamis (2/11/2023).',
            "Kepala Dinas Perdagangan Kota Tirta, Melati Anggraini, mengatakan pemindahan "
            "pedagang dijadwalkan akhir bulan ini dan pembangunan atap ditargetkan rampung dua "
            "pekan lagi.",
            '"Kami sudah mendengar keluhan pedagang. Tidak ada yang akan dipaksa pindah ke los '
            'yang belum layak," ujar Melati.',
            # After the advertisement block: lost without the loose text made paragraphs.
            "Pemerintah kota juga berjanji menyediakan angkutan gratis bagi pembeli selama tiga "
            "bulan pertama di lokasi baru.",
            "(bpr/ags)",
        ],
    },
    "suara-lereng.html": {
        "title": "Kelompok Tani Sumber Rejeki Panen Jagung Perdana",
        "published": "2022-08-19",
        "uri": "https://suaralereng.example/2022/08/kelompok-tani-sumber-rejeki-panen-jagung/",
        "outlet": "Suara Lereng",
        "paragraphs": [
            "Kelompok Tani Sumber Rejeki di Dusun Watu Gede memanen jagung hibrida untuk "
            "pertama kalinya pada Jumat pagi, setelah lahan seluas dua hektare itu sempat "
            "terbengkalai selama tiga tahun.",
            "Ketua kelompok, Slamet Riyadi, mengatakan hasil panen mencapai tujuh ton pipilan "
            "kering.",
            "\u201cDulu orang bilang tanah di sini tidak bisa ditanami lagi. Sekarang kami "
            "buktikan sebaliknya,\u201d tutur Slamet sambil menunjukkan tongkol jagung.",
            "Penyuluh pertanian lapangan setempat, Dewi Kartikasari, menilai keberhasilan itu "
            "berkat pemakaian pupuk organik buatan warga.",
        ],
    },
}

# What surrounds the articles on their pages and must not reach the stored text.
FURNITURE = (
    "Beranda",
    "Baca juga",
    "Baca Juga",
    "Banjir Rendam Tiga Kecamatan",  # a related-article link inside the body
    "Berita Terkait",
    "Terpopuler",
    "Harga Beras di Kota Tirta",
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE",
    "dataLayer",
    "googletag",
    "Komentar",
    "kata tetangga saya",  # a reader's comment, with a speech verb in it
    "kata anak saya",
    "Tinggalkan Balasan",
    "Bagikan ini",
    "WhatsApp",
    "Festival Gunungan",
    "Seluruh hak cipta",
    "Penulis:",
)


def read_page(path: Path) -> ArticleInput | InputFailure:
    [item] = list(iter_inputs([str(path)]))
    return item


@pytest.mark.parametrize("name", EXPECTED)
def test_a_saved_page_gives_its_article_title_date_and_url(name: str) -> None:
    expected = EXPECTED[name]

    article = read_page(PAGES / name)

    assert isinstance(article, ArticleInput), article
    assert article.text.split("\n") == expected["paragraphs"]
    assert article.title == expected["title"]
    assert article.published == expected["published"]
    assert article.uri == expected["uri"]
    assert article.outlet == expected["outlet"]
    assert article.doc == name.removesuffix(".html")
    assert [word for word in FURNITURE if word in article.text] == []


def test_a_page_without_a_url_is_named_by_its_file(tmp_path: Path) -> None:
    page = (PAGES / "suara-lereng.html").read_text(encoding="utf-8")
    without_url = page.replace('<link rel="canonical"', '<link rel="stylesheet"')
    path = tmp_path / "tanpa-alamat.htm"
    path.write_text(without_url, encoding="utf-8")

    article = read_page(path)

    assert isinstance(article, ArticleInput)
    assert article.uri == str(path.absolute())
    assert article.title == EXPECTED["suara-lereng.html"]["title"]


def test_a_page_in_a_legacy_encoding_is_read_by_its_declared_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Kafe Baru di Tepi Danau</title></head>'
        "<body><nav>Beranda | Kuliner</nav><article><h1>Kafe Baru di Tepi Danau</h1>"
        "<p>Pemilik kafe, Andr\u00e9 Siregar, membuka cabang kedua di tepi Danau Biru pada "
        "akhir pekan lalu.</p><p>\u201cKami ingin tamu menikmati kopi sambil melihat "
        "matahari terbenam,\u201d kata Andr\u00e9 kepada pengunjung yang datang.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "kafe.html"
    path.write_bytes(page.encode("windows-1252"))

    article = read_page(path)

    assert isinstance(article, ArticleInput), article
    assert "Andr\u00e9 Siregar" in article.text
    assert "\u201cKami ingin" in article.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            b"<html><body><nav><a>Beranda</a> <a>Nasional</a></nav></body></html>",
            "no article text found in the page",
        ),
        (b"   \n", "empty, no article text"),
        (b"%PDF-1.7\n" + bytes(range(256)), "not a web page (a PDF document)"),
    ],
)
def test_a_page_without_an_article_is_a_failure_naming_the_file(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "halaman.html"
    path.write_bytes(content)

    assert read_page(path) == InputFailure(str(path.absolute()), f"{path}: {reason}")
