"""`quotedb ingest` of a folder holding every kind of input: each article stored once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from quotedb.cli import app

runner = CliRunner()

PAGES = Path(__file__).parents[1] / "seeds" / "formats" / "halaman"

TAMAN = (
    "Taman Kota Wonoasri Dibuka Kembali\n"
    "\n"
    '"Taman ini milik warga, jadi mari kita jaga bersama," kata Wali Kota Wonoasri, '
    "Ratna Kusumawati, Minggu (7/4/2024).\n"
)
PERPUSTAKAAN = (
    "Perpustakaan keliling kembali menyambangi desa-desa di lereng Gunung Sari.\n"
    '"Minat baca anak-anak di sini tinggi sekali," ujar petugas perpustakaan, Yosef Manurung.'
)
NELAYAN = (
    "Nelayan Teluk Damar libur melaut karena gelombang tinggi.\n"
    "Ketua kelompok nelayan, Daeng Ramli, mengatakan cuaca buruk diperkirakan berlangsung "
    "sepekan."
)
SEKOLAH = '"Gedung baru siap dipakai bulan depan," kata Kepala SMP Negeri 3 Wonoasri, Endah.'


def sql(db: Path, query: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["sql", query, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_a_folder_of_txt_jsonl_csv_and_html_stores_each_article_once(tmp_path: Path) -> None:
    folder = tmp_path / "arsip"
    (folder / "halaman").mkdir(parents=True)
    (folder / "taman.txt").write_text(TAMAN, encoding="utf-8")
    records = [{"id": "perpus", "text": PERPUSTAKAAN}, {"id": "nelayan", "text": NELAYAN}]
    (folder / "kiriman.jsonl").write_text(
        "".join(json.dumps(record) + "\n" for record in records), encoding="utf-8"
    )
    # The CSV, read first, holds the JSON Lines file's first article too: one article.
    rows = [["judul", "isi"], ["Perpustakaan Keliling", PERPUSTAKAAN], ["Sekolah Baru", SEKOLAH]]
    (folder / "ekspor.csv").write_text(
        "".join(
            ";".join('"' + cell.replace('"', '""') + '"' for cell in row) + "\n" for row in rows
        ),
        encoding="utf-8",
    )
    for page in PAGES.glob("*.html"):
        shutil.copy(page, folder / "halaman" / page.name)
    (folder / "catatan.md").write_text("bukan artikel", encoding="utf-8")  # skipped
    db = tmp_path / "q.sqlite"

    first = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--workers", "1"])
    second = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--workers", "1"])

    assert first.exit_code == 0, first.output
    assert first.stdout.startswith(
        "7 articles new, 0 already stored, 1 repeated in the input, 0 failed;"
    )
    assert second.exit_code == 0, second.output
    assert second.stdout == (
        "0 articles new, 7 already stored, 1 repeated in the input, 0 failed; 0 quotes added.\n"
    )
    stored = sql(db, "SELECT doc, title FROM sources ORDER BY doc")
    assert stored == [
        {"doc": "ekspor:2", "title": "Perpustakaan Keliling"},
        {"doc": "ekspor:4", "title": "Sekolah Baru"},  # row 2 spans two lines
        {
            "doc": "kabar-lintas",
            "title": "Pedagang Pasar Kembang Sari Tolak Relokasi ke Gedung Baru",
        },
        {"doc": "nelayan", "title": None},
        {"doc": "pelita-nusantara", "title": "Warga Sukamaju Bangun Jembatan Bambu Sendiri"},
        {"doc": "suara-lereng", "title": "Kelompok Tani Sumber Rejeki Panen Jagung Perdana"},
        {"doc": "taman", "title": "Taman Kota Wonoasri Dibuka Kembali"},
    ]
    speakers = sql(
        db,
        "SELECT DISTINCT s.doc, q.speaker FROM quote_facts q JOIN sources s ON s.id = q.source_id "
        "WHERE q.speaker IN ('Ratna Kusumawati', 'Yosef Manurung', 'Suryani Lestari', "
        "'Melati Anggraini', 'Slamet Riyadi') ORDER BY s.doc",
    )
    assert speakers == [
        {"doc": "ekspor:2", "speaker": "Yosef Manurung"},
        {"doc": "kabar-lintas", "speaker": "Melati Anggraini"},
        {"doc": "pelita-nusantara", "speaker": "Suryani Lestari"},
        {"doc": "suara-lereng", "speaker": "Slamet Riyadi"},
        {"doc": "taman", "speaker": "Ratna Kusumawati"},
    ]
