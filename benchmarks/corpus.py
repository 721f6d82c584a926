"""A deterministic corpus of invented Indonesian-news-like articles, for benchmarks.

Every article is built from templates written for this file (invented people, places and
organisations; nothing is copied from real news), and uses each construction the parser
handles: a cue after the quote (`"...," kata X`, `ujarnya`, `tambah dia`), a cue before it
(`X mengatakan, "..."`, `Kata X, "..."`), `X mengatakan bahwa ...`, `Menurut X, ...`, a cue
inside a clause (`..., kata X, ...`), mixed quotes (`X menyebut ... "..." ...`), anonymous and
organisation speakers, continuation paragraphs, datelines, crossheads, `Baca juga:` lines and
credits.

Article `i` of seed `s` depends only on `(s, i)`, so a corpus streams (nothing is held in
memory) and any slice can be made again. Each article carries the quotes its templates wrote
(`GeneratedArticle.quotes`), which lets a benchmark build a large database without parsing.

    python benchmarks/corpus.py --articles 100000 --out corpus.jsonl
    python benchmarks/corpus.py --articles 500 --format txt --out corpus-dir
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# --- vocabulary (all invented) ------------------------------------------------------------

FIRST_NAMES = """Adi Agung Agus Ahmad Aldi Andi Anisa Anton Ari Arif Asep Ayu Bagas Bambang Bayu
Benny Budi Cahya Citra Dani Darto Dedi Dewi Dian Dimas Doni Eka Eko Endah Erni Fajar Farida
Fitri Gilang Hadi Hana Hendra Heru Ika Imam Indah Intan Irfan Iwan Joko Kartika Kurnia Laras
Lestari Lina Made Maya Mega Nanda Nia Nining Nur Oki Putri Rahmat Rani Ratna Reza Rina Rizal
Rudi Sari Setyo Sigit Sinta Siti Slamet Sri Sugeng Suryo Taufik Teguh Tia Tri Umar Utami Vina
Wahyu Wati Wawan Widya Wulan Yanti Yogi Yudi Yuni Zainal""".split()

LAST_NAMES = """Abdillah Adinegoro Ardiansyah Arifin Astuti Budiman Cahyono Darmadi Darmawan
Efendi Firmansyah Gunadi Gunawan Habibi Hadiwijaya Halim Handoko Harahap Hartanto Hasibuan
Hidayat Irawan Iskandar Jatmiko Kartawijaya Kurniawan Kusnadi Kusuma Lubis Mahendra Marpaung
Maulana Mulyadi Munthe Nasution Nugraha Nugroho Pamungkas Pane Permana Pohan Pranata Prasetya
Pratama Purba Purnomo Putranto Rahardjo Rahmawati Ramadhan Riyanto Saputra Santoso Saragih
Setiadi Setiawan Simanjuntak Siregar Sitompul Subagyo Sudrajat Sugiarto Suharto Sulistyo
Sumarno Supriadi Surbakti Susanto Sutanto Syahputra Tambunan Tanjung Utomo Wardhana Wibisono
Wibowo Widjaja Wijaya Winarno Yulianto Yusuf Zulkarnain""".split()


def _bars(text: str) -> list[str]:
    """`a|b|c` written over several lines, as a list."""
    return text.replace("\n", "").split("|")


def _places() -> list[str]:
    raw = (
        "Karangsela, Tanjung Merbau, Sukarindang, Wanareja, Batu Kelir, Pasirandu, Lembah Sari, "
        "Ciranggon, Muara Dalam, Sungai Limau, Telukjati, Gunung Sepat, Kedungwaru, Randusari, "
        "Padangrejo, Bukit Lintang, Rawasari, Pagerluhur, Sindangkerta, Talang Padi, Mekarsari, "
        "Sumberwangi, Bojonglaut, Kalimaya, Ranjunggo, Pulau Teduh, Lubuk Sawo, Sempurnasari, "
        "Wonokarto, Mandalarasa, Pucangsewu, Cimalaka Baru, Rantau Galih, Tegalmulyo, Sirnajaya, "
        "Air Bening, Tanah Merah Hulu, Kotabumi Lor, Jatiasri, Selomerto Kidul"
    )
    return [p.strip() for p in raw.split(",")]


PLACES = _places()

DEPARTMENTS = _bars("""Perhubungan|Pendidikan|Kesehatan|Pertanian|Sosial|Perdagangan|Pekerjaan Umum|
Lingkungan Hidup|Pariwisata|Ketahanan Pangan|Perikanan|Kependudukan dan Pencatatan Sipil|
Koperasi dan UMKM|Tenaga Kerja|Perumahan Rakyat|Pemuda dan Olahraga|Komunikasi dan Informatika|
Pemadam Kebakaran|Perpustakaan|Kebudayaan""")

REGIONAL = ["Kabupaten", "Kota"]

# Roles written before a name; `{d}` a department, `{p}` a place.
ROLES = [
    "Kepala Dinas {d} Kabupaten {p}",
    "Kepala Dinas {d} Kota {p}",
    "Sekretaris Dinas {d} {p}",
    "Bupati {p}",
    "Wakil Bupati {p}",
    "Wali Kota {p}",
    "Camat {p}",
    "Kepala Desa {p}",
    "Ketua DPRD {p}",
    "Anggota DPRD {p}",
    "Kapolres {p}|AKBP",
    "Kapolsek {p}|Kompol",
    "Kepala Puskesmas {p}",
    "Direktur RSUD {p}",
    "Kepala Sekolah SMA Negeri 2 {p}",
    "Ketua Koperasi Nelayan {p}",
    "Ketua Kelompok Tani {p}",
    "Kepala Pelaksana BPBD {p}",
    "Kepala Bidang Humas Polres {p}",
    "Rektor Universitas {p}",
]
ROLES_LOWER = ["pengamat transportasi", "ekonom", "pedagang sayur", "petani", "guru", "dokter"]

ORGANISATIONS = [
    "Dinas {d} Kabupaten {p}",
    "Pemerintah Kota {p}",
    "Polres {p}",
    "Badan Pusat Statistik {p}",
    "Kementerian {d}",
    "Dinas {d} Kota {p}",
]

ANONYMOUS = [
    "Seorang warga {p} yang enggan disebut namanya",
    "Seorang pejabat dinas yang tidak mau disebut namanya",
    "Seorang pedagang di pasar {p}",
    "Sumber di lingkungan pemerintah daerah",
]

OUTLETS = [
    ("KOMPAS.com", "Kompas.com"),
    ("TEMPO.CO", "Tempo"),
    ("Liputan6.com", "Liputan6.com"),
    ("Bisnis.com", "Bisnis.com"),
    ("Suara.com", "Suara.com"),
]

MONTHS = """Januari Februari Maret April Mei Juni Juli Agustus September Oktober November
Desember""".split()
DAYS = "Senin Selasa Rabu Kamis Jumat Sabtu Minggu".split()

# Quote content: subject + predicate + object + complement, with numbers and places mixed in,
# so that phrases repeat about as often as they do in news (common words often, most
# three-word phrases rarely).
SUBJECTS = _bars("""kami|pemerintah daerah|warga|para petani|pedagang pasar|sekolah-sekolah|
petugas kami|tim gabungan|pihak kecamatan|dinas terkait|para nelayan|pengemudi ojek|
orang tua murid|tenaga kesehatan|relawan|pengelola terminal|pemilik kios|koperasi|
para guru|penyuluh lapangan|perusahaan daerah|pengurus RT|karang taruna|bidan desa|
kelompok tani|badan usaha desa|pengembang|kontraktor|pengelola pasar|panitia""")

PREDICATES = _bars("""akan memperbaiki|sudah menyalurkan|belum menerima|terus memantau|
sedang menghitung|
akan menambah|tidak lagi menunda|baru saja membuka|masih menunggu|segera mengganti|
sudah memeriksa|akan mengaspal|belum bisa membayar|kembali menutup|telah mendata|
berencana membangun|mulai membagikan|wajib melaporkan|tidak akan menaikkan|perlu membersihkan|
sedang menyiapkan|sudah mengusulkan|akan mengawasi|berhasil mengumpulkan|harus memindahkan|
sempat menghentikan|bersedia menanggung|akan menertibkan|sudah menguji|belum menyelesaikan""")

OBJECTS = _bars("""jalan desa|bantuan beras|pupuk bersubsidi|saluran irigasi|jembatan gantung|
atap sekolah|tanggul sungai|pompa air|lampu jalan|kios darurat|data penerima|ruang kelas|
jaringan pipa|gudang pangan|armada bus|perahu karet|obat-obatan|bibit padi|kartu nelayan|
sumur bor|pasar ikan|gorong-gorong|dermaga kecil|posko kesehatan|tempat pengungsian|
alat berat|tenda darurat|tabung gas|timbangan pasar|seragam siswa|kolam retensi|rumah pompa|
jalur evakuasi|trotoar|halte bus|air bersih|benih jagung|sapi kurban|kapal motor|sinyal seluler""")

COMPLEMENTS = [
    "di Jalan {c}",
    "untuk program {c}",
    "di Desa {c}",
    "di Dusun {c}",
    "bersama Yayasan {c}",
    "di kompleks {c} Indah",
    "sebelum akhir bulan",
    "mulai pekan depan",
    "sejak {m} lalu",
    "di {n} titik",
    "untuk {n} keluarga",
    "di Kecamatan {p}",
    "paling lambat {m}",
    "dengan anggaran Rp{n} juta",
    "sepanjang {n} kilometer",
    "bagi {n} warga",
    "tanpa biaya tambahan",
    "secara bertahap",
    "bersama relawan",
    "di sekitar {p}",
    "dalam {n} hari ke depan",
    "karena musim hujan",
    "setelah rapat dengan warga",
    "sesuai jadwal",
]

REASONS = [
    "anggarannya sudah cair",
    "cuaca mulai membaik",
    "warga terus mengeluh",
    "harga bahan naik {n} persen",
    "stok di gudang menipis",
    "laporan dari kecamatan masuk terlambat",
    "jalan menuju lokasi rusak berat",
    "petugas di lapangan masih terbatas",
]

MODIFIERS = _bars("""yang rusak|yang baru|milik warga|di pinggir sungai|yang sudah tua|untuk lansia|
di dekat sekolah|yang dijanjikan|dari provinsi|yang terbengkalai|di bantaran kali|tahap kedua|
yang dibangun tahun lalu|bagi penyandang disabilitas|yang sempat viral|di perbatasan desa|
hasil swadaya|yang menumpuk|di ujung gang|yang belum bersertifikat""")

SYLLABLES = """ka li ma ra so to wa ngi jo ba su ta de pa ri mu la ne go ye ha sa we ru
bi nda mpa ndu rang tu ki co ja pu se lo""".split()


def _zipf_weights(n: int, exponent: float = 0.9) -> list[float]:
    """Cumulative weights 1, 1 + 1/2^e, ... for `random.choices`."""
    weights = _ZIPF.get(n)
    if weights is None:
        total = 0.0
        weights = []
        for rank in range(1, n + 1):
            total += 1 / rank**exponent
            weights.append(total)
        _ZIPF[n] = weights
    return weights


_ZIPF: dict[int, list[float]] = {}

# The cues.
POST_CUES = ["kata", "ujar", "tutur", "ungkap", "jelas", "tambah", "imbuh", "tegas", "papar"]
NYA_CUES = ["katanya", "ujarnya", "tuturnya", "ungkapnya", "jelasnya", "tambahnya", "imbuhnya"]
PRE_VERBS = ["mengatakan", "menuturkan", "menjelaskan", "menegaskan", "menyampaikan"]
INDIRECT_VERBS = ["mengatakan", "menjelaskan", "menyebutkan", "mengungkapkan", "menuturkan"]
ORG_VERBS = ["menyatakan", "memastikan", "mengumumkan"]

NARRATIVE = [
    "Hujan deras yang turun sejak {w} malam membuat sejumlah ruas jalan di {p} tergenang.",
    "Hal itu disampaikan dalam rapat di kantor kecamatan pada {w} ({dd}/{mm}).",
    "Lokasi itu berada di Dusun {c}, sekitar {n} kilometer dari pusat kota.",
    "Program {c} sudah berjalan sejak {m} dan menjangkau {n} desa.",
    "Pantauan di lapangan, antrean kendaraan mengular hingga {n} meter dari gerbang pasar.",
    "Sebanyak {n} keluarga tercatat sebagai penerima bantuan pada tahap pertama.",
    "Kegiatan itu dihadiri perwakilan kecamatan, tokoh masyarakat dan pengurus koperasi.",
    "Warga setempat sebelumnya melaporkan kerusakan itu sejak {m} tahun lalu.",
    "Pemerintah daerah menyiapkan anggaran sekitar Rp{n} juta untuk program tersebut.",
    "Di {p}, harga cabai rawit bertahan di kisaran Rp{n}.000 per kilogram.",
    "Petugas juga membagikan masker dan vitamin kepada anak-anak di lokasi pengungsian.",
    "Rapat koordinasi berlangsung selama hampir tiga jam di aula kantor kecamatan.",
    "Sejumlah pedagang memilih menutup lapak lebih awal karena pembeli sepi.",
    "Perbaikan tahap kedua dijadwalkan dimulai setelah musim panen selesai.",
    "Data dinas menunjukkan jumlah kunjungan naik {n} persen dibandingkan tahun lalu.",
]

CROSSHEADS = [
    "Anggaran Masih Dibahas",
    "Warga Diminta Waspada",
    "Stok Dipastikan Aman",
    "Perbaikan Bertahap",
    "Jadwal Baru",
]

TITLE_TEMPLATES = [
    "{O} di {p} Diperbaiki Mulai Pekan Depan",
    "Warga {p} Keluhkan {O} yang Rusak",
    "Pemerintah Tambah {O} untuk {n} Keluarga di {p}",
    "{O} Baru Mulai Beroperasi di {p}",
    "DPRD {p} Soroti Lambatnya Pengadaan {O}",
]


@dataclass(frozen=True, slots=True)
class GeneratedQuote:
    """A quote the templates wrote: offsets into the article text, speaker and role."""

    start: int
    end: int
    kind: str
    cue: str | None
    speaker: str
    speaker_type: str
    role: str | None
    paragraph: int


@dataclass
class GeneratedArticle:
    doc: str
    title: str
    published: str
    outlet: str
    text: str
    quotes: list[GeneratedQuote] = field(default_factory=list)

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.doc,
            "title": self.title,
            "date": self.published,
            "url": f"https://berita.example/{self.doc}",
            "outlet": self.outlet,
            "text": self.text,
        }

    def as_txt(self) -> str:
        """The text-file form: a `date ... Title` line, then the text (offsets shift)."""
        return f"date {self.published} {self.title}\n\n{self.text}"


# --- building one article -------------------------------------------------------------------


@dataclass
class _Person:
    name: str
    surname: str
    role: str | None
    kind: str = "person"
    introduced: bool = False
    rank: str = ""
    """A police rank written between role and name (` AKBP`); not part of the role."""


class _Builder:
    """Paragraphs appended one at a time; quote spans recorded as they are written."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.paragraph = 0
        self.quotes: list[GeneratedQuote] = []
        self._line: list[str] = []
        self._line_length = 0

    def at(self) -> int:
        """The offset the next piece will start at."""
        return self.length + (2 if self.parts else 0) + self._line_length

    def text(self, piece: str) -> None:
        self._line.append(piece)
        self._line_length += len(piece)

    def quote(self, piece: str, kind: str, cue: str | None, who: _Person) -> None:
        start = self.at()
        self.text(piece)
        self.quotes.append(
            GeneratedQuote(
                start, start + len(piece), kind, cue, who.name, who.kind, who.role, self.paragraph
            )
        )

    def end_paragraph(self, *, counts: bool = True) -> None:
        line = "".join(self._line)
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        self.parts.append(line)
        self.length += len(line)
        self._line, self._line_length = [], 0
        if counts:
            self.paragraph += 1

    def result(self) -> str:
        return "".join(self.parts)


NUMBERS = (2, 3, 5, 7, 12, 15, 20, 25, 40, 60, 120, 250, 300, 1500)
_FIELDS: dict[str, tuple[str, ...]] = {}


def _fields(template: str) -> tuple[str, ...]:
    found = _FIELDS.get(template)
    if found is None:
        # In order of appearance: the random draws (and so the corpus) must not depend on
        # the order of a set, which changes from one Python process to the next.
        names = (name for _, name, _, _ in string.Formatter().parse(template) if name)
        found = tuple(dict.fromkeys(names))
        _FIELDS[template] = found
    return found


class _Writer:
    """Fills the templates with one article's random choices."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.place = rng.choice(PLACES)

    def pick(self, items: list[str]) -> str:
        """Zipf-like: earlier entries are more common, as words are in real copy."""
        return self.rng.choices(items, cum_weights=_zipf_weights(len(items)))[0]

    def fill(self, template: str) -> str:
        """`template` with its fields (`{p}` place, `{n}` number, ...) chosen at random."""
        rng = self.rng
        values: dict[str, object] = {}
        for name in _fields(template):
            match name:
                case "d":
                    values[name] = self.pick(DEPARTMENTS)
                case "p":
                    values[name] = self.place if rng.random() < 0.6 else rng.choice(PLACES)
                case "n":
                    values[name] = rng.choice(NUMBERS)
                case "m":
                    values[name] = rng.choice(MONTHS)
                case "w":
                    values[name] = rng.choice(DAYS)
                case "dd":
                    values[name] = rng.randint(1, 28)
                case "mm":
                    values[name] = rng.randint(1, 12)
                case "O":
                    values[name] = self.pick(OBJECTS).title()
                case "c":
                    values[name] = self.coined()
        return template.format_map(values) if values else template

    def coined(self) -> str:
        """An invented proper name (`Kalimbara`): the long tail of rare words news has."""
        rng = self.rng
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        return word.capitalize()

    def person(self) -> _Person:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        roll = rng.random()
        rank = ""
        if roll < 0.7:
            role: str | None = self.fill(rng.choice(ROLES))
            if "|" in role:
                role, rank = role.split("|")
                rank = " " + rank
        elif roll < 0.8:
            role = rng.choice(ROLES_LOWER)
        else:
            role = None
        return _Person(f"{first} {last}", last, role, rank=rank)

    def organisation(self) -> _Person:
        return _Person(self.fill(self.rng.choice(ORGANISATIONS)), "", None, kind="organization")

    def anonymous(self) -> _Person:
        phrase = self.fill(self.rng.choice(ANONYMOUS))
        return _Person(phrase, "", None, kind="anonymous")

    def clause(self) -> str:
        """A lower-case clause: `petugas kami akan memperbaiki jalan desa sebelum ...`."""
        rng = self.rng
        words = [self.pick(SUBJECTS), self.pick(PREDICATES), self.pick(OBJECTS)]
        if rng.random() < 0.4:
            words.append(self.pick(MODIFIERS))
        if rng.random() < 0.8:
            words.append(self.fill(self.pick(COMPLEMENTS)))
        if rng.random() < 0.35:
            words.append("karena " + self.fill(rng.choice(REASONS)))
        return " ".join(words)

    def sentence(self) -> str:
        clause = self.clause()
        return clause[0].upper() + clause[1:]

    def speech(self, sentences: int) -> str:
        return ". ".join(self.sentence() for _ in range(sentences))

    def narrative(self) -> str:
        count = self.rng.randint(1, 3)
        return " ".join(self.fill(self.rng.choice(NARRATIVE)) for _ in range(count))


def _introduce(who: _Person) -> str:
    """The speaker's first mention: role (and rank) with the full name
    (`Camat Karangsela Budi Santoso`, `Kapolres Wanareja AKBP Dedi Lubis`)."""
    if who.role:
        return f"{who.role}{who.rank} {who.name}"
    return who.name


def _mention(who: _Person) -> str:
    if who.kind != "person":
        return who.name
    if not who.introduced:
        who.introduced = True
        return _introduce(who)
    return who.surname


def generate_article(
    index: int, *, seed: int = 1, size: int = 3000, quotes: int = 8
) -> GeneratedArticle:
    """Article `index` of the corpus `seed`: about `size` characters, about `quotes` quotes."""
    rng = random.Random(seed * 1_000_003 + index)
    writer = _Writer(rng)
    place = writer.place
    target_quotes = max(0, round(rng.gauss(quotes, max(1.0, quotes / 4))))
    target_size = max(400, round(rng.gauss(size, size / 5)))
    title = writer.fill(rng.choice(TITLE_TEMPLATES))
    published = f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    marker, outlet = rng.choice(OUTLETS)
    out = _Builder()

    # Dateline and lead paragraph.
    if rng.random() < 0.5:
        out.text(f"{place.upper()}, {marker} — ")
    else:
        out.text(f"{place} (ANTARA) - ")
        outlet = "ANTARA"
    out.text(writer.narrative())
    out.end_paragraph()

    people = [writer.person() for _ in range(rng.randint(2, 4))]
    last: _Person | None = None
    made = 0
    crosshead_done = False
    while made < target_quotes:
        roll = rng.random()
        who = rng.choice(people)
        if roll < 0.22:  # "...," kata Role Name.
            cue = rng.choice(POST_CUES)
            _open_quote(out)
            out.quote(writer.speech(rng.randint(1, 2)) + ",", "direct", cue, who)
            out.text(f'" {cue} {_mention(who)}.')
        elif roll < 0.34 and last is not None and last.kind == "person":  # ..., ujarnya.
            who = last
            cue = rng.choice(NYA_CUES)
            _open_quote(out)
            out.quote(writer.speech(1) + ",", "direct", cue, who)
            out.text(f'" {cue}.')
        elif roll < 0.46:  # Role Name mengatakan, "..."
            verb = rng.choice(PRE_VERBS)
            out.text(f'{_mention(who)} {verb}, "')
            out.quote(writer.speech(rng.randint(1, 2)) + ".", "direct", verb, who)
            out.text('"')
        elif roll < 0.58:  # Name mengatakan bahwa ...
            verb = rng.choice(INDIRECT_VERBS)
            link = " bahwa " if rng.random() < 0.5 else " "
            out.text(f"{_mention(who)} {verb}{link}")
            out.quote(writer.clause(), "indirect", verb, who)
            out.text(".")
        elif roll < 0.66:  # Menurut Name, ...
            out.text(f"Menurut {_mention(who)}, ")
            out.quote(writer.clause(), "indirect", "Menurut", who)
            out.text(".")
        elif roll < 0.72:  # Clause, kata Name, clause.
            first = writer.sentence()
            cue = rng.choice(("kata", "ujar"))
            out.quote(first, "indirect", cue, who)
            out.text(f", {cue} {_mention(who)}, ")
            out.quote(writer.clause(), "indirect", cue, who)
            out.text(".")
        elif roll < 0.79:  # mixed: Name mengatakan bahwa pihaknya "..." ...
            verb = rng.choice(INDIRECT_VERBS)
            out.text(f"{_mention(who)} {verb} bahwa ")
            fragment = writer.clause()
            tail = writer.fill(rng.choice(COMPLEMENTS))
            out.quote(f'{writer.pick(SUBJECTS)} "{fragment}" {tail}', "mixed", verb, who)
            out.text(".")
        elif roll < 0.86:  # organisation
            who = writer.organisation()
            verb = rng.choice(ORG_VERBS)
            out.text(f"{who.name} {verb} ")
            out.quote(writer.clause(), "indirect", verb, who)
            out.text(".")
        elif roll < 0.92:  # anonymous
            who = writer.anonymous()
            out.text(f"{who.name} mengatakan ")
            out.quote(writer.clause(), "indirect", "mengatakan", who)
            out.text(".")
        elif last is not None and last.kind == "person":  # continuation paragraph
            who = last
            _open_quote(out)
            out.quote(writer.speech(2) + ".", "direct", None, who)
            out.text('"')
        else:
            continue
        out.end_paragraph()
        made = len(out.quotes)
        last = who
        if out.length > target_size * 0.45 and not crosshead_done and rng.random() < 0.5:
            out.text(rng.choice(CROSSHEADS))
            out.end_paragraph()
            crosshead_done = True
        if rng.random() < 0.35:
            out.text(writer.narrative())
            out.end_paragraph()
            last = None if rng.random() < 0.3 else last
    while out.length < target_size:
        out.text(writer.narrative())
        out.end_paragraph()
    if rng.random() < 0.4:
        out.text(f"Baca juga: {writer.fill(rng.choice(TITLE_TEMPLATES))}")
        out.end_paragraph(counts=False)
    out.text(f"({_initials(rng)}/{_initials(rng)})")
    out.end_paragraph(counts=False)
    text = out.result()
    return GeneratedArticle(
        doc=f"gen-{seed}-{index:07d}",
        title=title,
        published=published,
        outlet=outlet,
        text=text,
        quotes=out.quotes,
    )


def _open_quote(out: _Builder) -> None:
    """Start a quoted paragraph: the opening mark (a post-quote template writes its own)."""
    if not out._line:
        out.text('"')


def _initials(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghijklmnoprstuwy") for _ in range(3))


def generate(
    count: int, *, seed: int = 1, size: int = 3000, quotes: int = 8, start: int = 0
) -> Iterator[GeneratedArticle]:
    """Articles `start` to `start + count - 1` of the corpus `seed`, one at a time."""
    for index in range(start, start + count):
        yield generate_article(index, seed=seed, size=size, quotes=quotes)


def write_jsonl(path: Path, articles: Iterator[GeneratedArticle]) -> int:
    """Write one JSON object per line; returns the number of bytes written."""
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            line = json.dumps(article.as_json(), ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
    return written


def write_txt(folder: Path, articles: Iterator[GeneratedArticle]) -> int:
    """Write one `.txt` file per article into `folder`; returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for article in articles:
        data = article.as_txt().encode("utf-8")
        (folder / f"{article.doc}.txt").write_bytes(data)
        written += len(data)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", type=int, default=3000, help="average characters")
    parser.add_argument("--quotes", type=int, default=8, help="average quotes per article")
    parser.add_argument("--format", choices=("jsonl", "txt"), default="jsonl")
    parser.add_argument("--out", type=Path, help="file (jsonl) or folder (txt); - for stdout")
    args = parser.parse_args(argv)
    articles = generate(args.articles, seed=args.seed, size=args.size, quotes=args.quotes)
    if args.out is None or str(args.out) == "-":
        for article in articles:
            sys.stdout.write(json.dumps(article.as_json(), ensure_ascii=False) + "\n")
        return
    if args.format == "jsonl":
        written = write_jsonl(args.out, articles)
    else:
        written = write_txt(args.out, articles)
    print(f"{args.articles} articles, {written / 1e6:.1f} MB -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
