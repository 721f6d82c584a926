"""Generated Indonesian news articles for tests that need many (crash, concurrency, re-parse).

The sentences are written for these tests; a seed picks the combination, so a given `n` and
`seed` always give the same articles. Speakers and roles repeat across articles, which is what
the tests of shared rows (one speaker, one role) need. Every article's text is different.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

FIRST = ("Rina", "Bagus", "Siti", "Yoga", "Dewi", "Agus", "Lestari", "Hendra", "Putri", "Joko")
LAST = ("Wulandari", "Hartono", "Rahmawati", "Pratama", "Kusuma", "Saputra", "Anggraini")
ROLES = (
    "Kepala Dinas Perikanan",
    "Wali Kota Sukamaju",
    "Camat Tepi Laut",
    "Kepala Badan Penanggulangan Bencana Daerah",
    "Ketua Koperasi Nelayan",
    "Direktur Rumah Sakit Umum Daerah",
)
PLACES = ("SUKAMAJU", "TEPI LAUT", "KALI PUTIH", "BATU GEDE", "RANDU ALAS")
EVENTS = (
    "Pasar ikan di tepi pantai dibuka lagi setelah direnovasi selama enam bulan",
    "Jembatan gantung di atas Kali Putih akhirnya rampung dikerjakan warga",
    "Banjir setinggi lutut merendam puluhan rumah di dekat bantaran sungai",
    "Harga cabai rawit di pasar tradisional turun untuk pertama kali bulan ini",
    "Puskesmas keliling mulai melayani desa-desa di lereng bukit",
)
SAID = (
    "Pedagang boleh kembali berjualan mulai besok pagi",
    "Kami menambah saluran air supaya lantai tidak licin",
    "Anak-anak tidak perlu lagi menyeberang sungai untuk ke sekolah",
    "Bantuan beras sudah kami kirim ke semua posko",
    "Warga diminta tetap waspada selama musim hujan",
    "Stok obat di gudang cukup sampai akhir tahun",
)
REPORTED = (
    "perbaikan tanggul akan selesai sebelum musim hujan",
    "harga ikan segar mulai stabil pekan ini",
    "pemerintah daerah menyiapkan dana darurat untuk korban banjir",
    "jumlah pengunjung pasar naik dua kali lipat",
)
CUES = ("kata", "ujar", "tutur")


def article(i: int, rng: random.Random) -> str:
    """One article, numbered `i` (the number makes its text unique)."""
    # Two speakers with different surnames: a shared one would make them one person.
    last1, last2 = rng.sample(LAST, 2)
    first, second = f"{rng.choice(FIRST)} {last1}", f"{rng.choice(FIRST)} {last2}"
    role1, role2 = rng.sample(ROLES, 2)
    return (
        f"date 2024-{1 + i % 12:02d} Kabar Desa Nomor {i}: {rng.choice(EVENTS)}\n"
        "\n"
        f"{rng.choice(PLACES)} - {rng.choice(EVENTS)}, menurut laporan nomor {i}.\n"
        "\n"
        f'"{rng.choice(SAID)}," {rng.choice(CUES)} {role1} {first}.\n'
        "\n"
        f"{role2} {second} mengatakan bahwa {rng.choice(REPORTED)}.\n"
        "\n"
        f'"{rng.choice(SAID)} untuk tahap ke-{i}," {rng.choice(CUES)} {second.split()[1]}.\n'
    )


def articles(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return [article(i, rng) for i in range(n)]


def write_folder(folder: Path, texts: list[str]) -> Path:
    """One `.txt` file per article in `folder` (created), named by number."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"artikel-{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def write_jsonl(path: Path, texts: list[str]) -> Path:
    """One JSON Lines file with a record per article."""
    records = ({"id": f"a{i}", "text": text} for i, text in enumerate(texts))
    lines = (json.dumps(record, ensure_ascii=False) for record in records)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
