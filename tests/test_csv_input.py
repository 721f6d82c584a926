"""CSV exports in: each dialect and column naming, bad rows by file:line, dates, and memory."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotedb import extract
from quotedb.cli import app
from quotedb.ingest.csvfiles import CsvColumns
from quotedb.ingest.inputs import ArticleInput, InputFailure, iter_inputs

runner = CliRunner()

# Two articles with what makes CSV hard: quotation marks, the delimiters, and line ends.
PASAR = (
    '"Los baru belum beratap, jadi kami bertahan di sini dulu," kata Wahyudi Santoso, '
    "ketua paguyuban pedagang; ia menyebut 120 pedagang ikut menolak.\n"
    "Dinas Perdagangan Kota Tirta mengatakan atap selesai dua pekan lagi."
)
JEMBATAN = (
    "Warga Sukamaju membangun jembatan bambu, 40 meter panjangnya.\n"
    '"Anak-anak harus tetap bisa ke sekolah," ujar Kepala Desa Hendra Kurniawan.'
)


def articles(items: list[ArticleInput | InputFailure]) -> list[ArticleInput]:
    assert all(isinstance(item, ArticleInput) for item in items), items
    return [item for item in items if isinstance(item, ArticleInput)]


def quoted(text: str, escape: str = '""') -> str:
    return '"' + text.replace('"', escape) + '"'


def tsv_field(text: str) -> str:
    """Tab-separated without quoting: line ends written as `\\n`, as some scrapers do."""
    return text.replace("\n", " ")


DIALECTS = {
    # title,content,date,url,source: comma, quotes doubled (pandas, spreadsheets in English)
    "comma-english": "\r\n".join(
        [
            "title,content,date,url,source",
            f"Pedagang Tolak Relokasi,{quoted(PASAR)},2023-11-02T14:05:00+07:00,"
            "https://kabarlintas.example/d-1,KabarLintas",
            f"Jembatan Bambu,{quoted(JEMBATAN)},2024-03-13,"
            "https://pelita.example/j-2,Harian Pelita",
        ]
    )
    + "\r\n",
    # judul;isi_berita;tanggal;tautan;sumber: semicolon (spreadsheets in the Indonesian locale)
    "semicolon-indonesian": "\n".join(
        [
            "judul;isi_berita;tanggal;tautan;sumber",
            f"Pedagang Tolak Relokasi;{quoted(PASAR)};Kamis, 02 Nov 2023 14:05 WIB;"
            "https://kabarlintas.example/d-1;KabarLintas",
            f'"Jembatan Bambu";{quoted(JEMBATAN)};13/03/2024;'
            "https://pelita.example/j-2;Harian Pelita",
        ]
    )
    + "\n",
    # Judul<TAB>Isi<TAB>...: tabs and no quoting at all, quotation marks in the text as they are
    "tab-unquoted": "\n".join(
        [
            "Judul\tIsi\tTanggal\tLink\tMedia",
            f"Pedagang Tolak Relokasi\t{tsv_field(PASAR)}\t2 November 2023\t"
            "https://kabarlintas.example/d-1\tKabarLintas",
            f"Jembatan Bambu\t{tsv_field(JEMBATAN)}\t13 Maret 2024\t"
            "https://pelita.example/j-2\tHarian Pelita",
        ]
    )
    + "\n",
    # "headline","body",...: every field quoted, quotes escaped with a backslash (PHP, MySQL)
    "comma-backslash": "\n".join(
        [
            '"title","body","published","link","media"',
            f'"Pedagang Tolak Relokasi",{quoted(PASAR, chr(92) + chr(34))},"2023-11-02",'
            '"https://kabarlintas.example/d-1","KabarLintas"',
            f'"Jembatan Bambu",{quoted(JEMBATAN, chr(92) + chr(34))},"March 13, 2024",'
            '"https://pelita.example/j-2","Harian Pelita"',
        ]
    )
    + "\n",
}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_each_dialect_and_column_naming_gives_the_same_articles(
    tmp_path: Path, dialect: str
) -> None:
    path = tmp_path / "ekspor.csv"
    path.write_text(DIALECTS[dialect], encoding="utf-8", newline="")

    pasar, jembatan = articles(list(iter_inputs([str(path)])))

    unquoted = dialect == "tab-unquoted"
    assert pasar.text == (tsv_field(PASAR) if unquoted else PASAR)
    assert jembatan.text == (tsv_field(JEMBATAN) if unquoted else JEMBATAN)
    assert (pasar.title, pasar.published, pasar.outlet) == (
        "Pedagang Tolak Relokasi",
        "2023-11-02",
        "KabarLintas",
    )
    assert (jembatan.title, jembatan.published, jembatan.outlet) == (
        "Jembatan Bambu",
        "2024-03-13",
        "Harian Pelita",
    )
    assert (pasar.uri, jembatan.uri) == (
        "https://kabarlintas.example/d-1",
        "https://pelita.example/j-2",
    )
    assert pasar.doc == "ekspor:2"  # the line the row starts on


def test_a_one_row_tab_separated_file_keeps_its_quotation_marks(tmp_path: Path) -> None:
    path = tmp_path / "satu.tsv"
    path.write_text(f"judul\tisi\nPasar\t{tsv_field(PASAR)}\n", encoding="utf-8")

    [pasar] = articles(list(iter_inputs([str(path)])))

    assert pasar.text == tsv_field(PASAR)


def test_utf16_tab_separated_as_spreadsheets_save_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "ekspor.tsv"
    text = f"judul\tberita\r\nPedagang Tolak Relokasi\t{quoted(PASAR)}\r\n"
    path.write_bytes(text.encode("utf-16"))  # with its byte order mark

    [pasar] = articles(list(iter_inputs([str(path)])))

    assert (pasar.title, pasar.text) == ("Pedagang Tolak Relokasi", PASAR)


def test_lines_not_in_utf8_are_read_as_windows_1252_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "lama.csv"
    rows = [
        "judul;isi",
        "Kafe Baru;Pemilik kafe, Andr\u00e9, membuka cabang kedua.",
        "Pasar;Ramai.",
    ]
    path.write_bytes("\n".join(rows).encode("windows-1252") + b"\n")

    kafe, pasar = articles(list(iter_inputs([str(path)])))

    assert kafe.text == "Pemilik kafe, Andr\u00e9, membuka cabang kedua."
    assert kafe.warnings == (f"{path}:2: not UTF-8, decoded as windows-1252",)
    assert pasar.warnings == ()


def test_columns_named_by_the_user_win_over_the_usual_names(tmp_path: Path) -> None:
    path = tmp_path / "portal.csv"
    path.write_text(
        "content,naskah,judul_utama,waktu_terbit,alamat,portal\n"
        f"ringkasan saja,{quoted(PASAR)},Pedagang Tolak Relokasi,02-11-2023,"
        "https://kabarlintas.example/d-1,KabarLintas\n",
        encoding="utf-8",
    )
    columns = CsvColumns(
        text="naskah", title="Judul Utama", date="waktu_terbit", url="alamat", outlet="portal"
    )

    [pasar] = articles(list(iter_inputs([str(path)], columns=columns)))

    assert (pasar.text, pasar.title, pasar.published) == (
        PASAR,
        "Pedagang Tolak Relokasi",
        "2023-11-02",
    )
    assert (pasar.uri, pasar.outlet) == ("https://kabarlintas.example/d-1", "KabarLintas")


def test_extract_reads_the_columns_named_as_ingest_does(tmp_path: Path) -> None:
    path = tmp_path / "ekspor.csv"
    path.write_text(f"ringkasan,naskah\nPasar ramai.,{quoted(PASAR)}\n", encoding="utf-8")

    usual = runner.invoke(app, ["extract", str(path), "--format", "jsonl"])
    named = runner.invoke(app, ["extract", str(path), "--text-column", "naskah", "-f", "jsonl"])

    assert usual.exit_code == 1
    assert "no text column" in usual.stderr
    assert named.exit_code == 0, named.output
    quotes = [json.loads(line) for line in named.stdout.splitlines()]
    assert quotes == [{"doc": "ekspor:2", **q.as_dict()} for q in extract(PASAR).quotes]
    assert quotes[0]["speaker"] == "Wahyudi Santoso"


@pytest.mark.parametrize(
    ("header", "columns", "message"),
    [
        (
            "judul,ringkasan",
            CsvColumns(),
            "no text column (one of text, content, body, isi, isi_berita, berita) in the header "
            "('judul', 'ringkasan'); name it with --text-column",
        ),
        (
            "judul,isi",
            CsvColumns(text="naskah"),
            "no column 'naskah' (the header has 'judul', 'isi')",
        ),
    ],
)
def test_a_file_without_its_text_column_is_one_failure(
    tmp_path: Path, header: str, columns: CsvColumns, message: str
) -> None:
    path = tmp_path / "ekspor.csv"
    path.write_text(f"{header}\nPasar,Ramai sekali.\n", encoding="utf-8")

    [failure] = list(iter_inputs([str(path)], columns=columns))

    assert failure == InputFailure(str(path), f"{path}: {message}")


BAD_ROWS = (
    "judul,isi,tanggal\n"  # line 1
    f"Pasar,{quoted(PASAR)},2023-11-02\n"  # lines 2-3: the text holds a line end
    "Rusak,hanya dua kolom\n"  # line 4
    "Kosong,   ,2024-01-01\n"  # line 5
    '"Kutip" salah,"teks",2024-01-02\n'  # line 6: text after a closing quote
    f"Jembatan,{quoted(JEMBATAN)},kemarin sore\n"  # lines 7-8
)


def test_bad_rows_are_reported_by_file_and_line_and_the_rest_are_stored(tmp_path: Path) -> None:
    path = tmp_path / "ekspor.csv"
    path.write_text(BAD_ROWS, encoding="utf-8")
    db = tmp_path / "q.sqlite"

    result = runner.invoke(app, ["ingest", str(path), "--db", str(db), "--workers", "1"])

    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"Error: {path}:4: 2 fields where the header has 3",
        f"Error: {path}:5: no article text (column 'isi')",
        f"Error: {path}:6: not valid CSV (',' expected after '\"')",
        f"Warning: {path}:7: date 'kemarin sore' not understood, stored as written",
    ]
    assert result.stdout.startswith(
        "2 articles new, 0 already stored, 0 repeated in the input, 3 failed;"
    )
    stored = runner.invoke(
        app,
        ["sql", "SELECT doc, title, published, body FROM sources ORDER BY doc", "--db", str(db)]
        + ["--format", "json"],
    )
    assert json.loads(stored.stdout) == [
        {"doc": "ekspor:2", "title": "Pasar", "published": "2023-11-02", "body": PASAR},
        {"doc": "ekspor:7", "title": "Jembatan", "published": "kemarin sore", "body": JEMBATAN},
    ]


def test_a_header_that_is_not_csv_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "rusak.csv"
    path.write_text('"judul" x,isi\n"Pasar" y,Ramai sekali pagi ini.\n', encoding="utf-8")

    assert list(iter_inputs([str(path)])) == [
        InputFailure(str(path), f"{path}:1: not a valid CSV header (',' expected after '\"')")
    ]


def test_a_header_without_rows_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "kosong.csv"
    path.write_text("judul,isi\n\n", encoding="utf-8")

    assert list(iter_inputs([str(path)])) == [
        InputFailure(str(path), f"{path}: no rows under the header, no articles")
    ]


def test_a_binary_file_named_csv_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "gambar.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)

    assert list(iter_inputs([str(path)])) == [
        InputFailure(str(path), f"{path}: not a text file (a PNG image)")
    ]


def test_a_large_csv_is_read_in_flat_memory(tmp_path: Path) -> None:
    """20 MB of rows read through the same reader `quotedb ingest` uses: the memory the reader
    holds at its peak stays that of a few rows, not of the file."""
    path = tmp_path / "arsip.csv"
    row = f"Pasar,{quoted(PASAR * 12)},2023-11-02,https://kabarlintas.example/d-{{}}\n"
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("judul,isi,tanggal,tautan\n")
        while out.tell() < 20_000_000:
            out.write(row.format(count))
            count += 1

    tracemalloc.start()
    try:
        read = 0
        for item in iter_inputs([str(path)]):
            assert isinstance(item, ArticleInput)
            read += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert read == count > 5_000
    assert peak < 2_000_000, (
        f"peak {peak / 1e6:.1f} MB while reading {path.stat().st_size / 1e6:.0f} MB"
    )


def test_the_example_export_in_the_readme_reads_as_three_articles() -> None:
    example = Path(__file__).parents[1] / "seeds" / "formats" / "berita.csv"

    read = articles(list(iter_inputs([str(example)])))

    assert [(a.doc, a.published, a.outlet) for a in read] == [
        ("berita:2", "2024-07-08", "Kabar Tepian"),
        ("berita:5", "2024-04-15", "AgriLintas"),
        ("berita:8", "2023-09-17", "Warta Pesisir"),
    ]
    assert all(a.text.count("\n") == 2 and a.uri.startswith("https://") for a in read)
