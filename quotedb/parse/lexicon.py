"""The parser's word lists, read once from the data files in `seeds/lexicon/`.

Each `.txt` file holds one entry per line; `.tsv` files hold tab-separated columns. Blank
lines and lines starting with `#` are comments. Entries are matched case-insensitively unless
a field's docstring says otherwise. To change what the parser knows, edit the files: no code
change is needed for a new cue verb, role word, rank or honorific.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from quotedb.resources import lexicon_dir


def read_rows(path: Path) -> tuple[tuple[str, ...], ...]:
    """The non-comment lines of a lexicon file, split on tabs, cells stripped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


def read_list(path: Path) -> tuple[str, ...]:
    return tuple(row[0] for row in read_rows(path))


def read_names(path: Path) -> dict[str, str]:
    """A file of `FULL NAME<TAB>SHORT FORM<TAB>...` rows: every form, the full name
    included, mapped to the full name."""
    return {form: row[0] for row in read_rows(path) for form in row if form}


@dataclass(frozen=True)
class Lexicon:
    """Every word list the parser uses; field names follow the file names."""

    post_quote_cues: tuple[str, ...]
    """Short cue roots used after a closing quote (`kata`, `ujar`); `-nya` forms are derived."""
    speech_verbs: dict[str, str]
    """Verb form -> class for cues before a clause or quote: `speech` (mengatakan), `opinion`
    (menilai, meyakini), `optional` (meminta, berharap: requests, promises, feelings)."""
    passive_cues: tuple[str, ...]
    """Passive forms that attribute the previous sentence (`dikatakan`, `disampaikan`)."""
    roles: tuple[str, ...]
    """Role and title heads, lowercase (`juru bicara`, `menteri`, `kapolda`)."""
    role_acronyms: dict[str, str]
    """Acronym or short form -> expansion (`Menhan` -> `Menteri Pertahanan`); case as written."""
    ranks: tuple[str, ...]
    """Police and military ranks and their suffixes (`AKBP`, `Irjen Pol`, `Mayjen TNI`)."""
    honorifics: tuple[str, ...]
    """Honorifics and degrees before a name (`Pak`, `H.`, `Dr.`, `Prof.`); case as written."""
    degrees_after: tuple[str, ...]
    """Degrees after a name (`S.H.`, `M.Si.`, `Ph.D.`); case as written."""
    anaphors: tuple[str, ...]
    """Pronouns and phrases that point back to a speaker (`ia`, `dia`, `beliau`)."""
    organizations: tuple[str, ...]
    """Names that speak as institutions (`Kremlin`, `Polri`, `KPK`, `Gedung Putih`)."""
    organization_heads: tuple[str, ...]
    """Words that start an institution's name (`Kementerian`, `Badan`, `Komisi`, `Partai`)."""
    organization_tails: tuple[str, ...]
    """Words that end an institution's name (`Agency`, `Journal`, `International`)."""
    anonymous_heads: tuple[str, ...]
    """Heads of unnamed sources (`pejabat`, `sumber`, `analis`, `warga`), lowercase."""
    np_boundaries: tuple[str, ...]
    """Words that end a speaker phrase (`kepada`, `di`, `dalam`, `saat`, `seperti`), lowercase."""
    abbreviations: tuple[str, ...]
    """Abbreviations whose full stop does not end a sentence (`dr.`, `No.`, `Jl.`)."""
    outlets: dict[str, str]
    """Dateline marker as written -> outlet name (`KOMPAS.com` -> `Kompas.com`)."""
    agencies: tuple[str, ...]
    """Wire agencies credited in articles (`Reuters`, `AFP`, `ANTARA`)."""
    time_words: tuple[str, ...]
    """Day and month names and other time words that end a name (`Senin`, `Januari`)."""
    rank_suffixes: tuple[str, ...]
    """Words that follow a rank (`Pol`, `TNI`, `(Purn)`); case as written."""
    name_particles: tuple[str, ...]
    """Words kept inside a name even when lowercase or short (`bin`, `van`, `I`, `Ni`)."""
    places: tuple[str, ...]
    """Countries, provinces and cities: capitalised words that belong to a role, not a name."""
    connectors: tuple[str, ...]
    """Sentence-opening connectors that are part of no quote (`sementara itu`), lowercase."""
    subject_adverbs: tuple[str, ...]
    """Words between a speaker and the cue verb (`juga`, `pun`, `kembali`), lowercase."""
    institution_words: tuple[str, ...]
    """Capitalised common words of office and institution names (`Kesehatan`, `Negara`)."""
    statement_nouns: tuple[str, ...]
    """Statements and documents that speak for the institution named after them
    (`pernyataan dari kantor ...`), lowercase."""
    non_sources: tuple[str, ...]
    """Heads after `menurut` that are not speakers (`data`, `kesepakatan`), lowercase."""
    function_words: tuple[str, ...]
    """Prepositions and sentence adverbs that never start a name (`Menurut`, `Bagi`),
    lowercase."""
    relations: tuple[str, ...]
    """Roles that name the person they relate the speaker to (`kuasa hukum X`), lowercase."""
    provinces: dict[str, str]
    """Province as written -> official name (`Jatim` -> `Jawa Timur`); all 38 provinces."""
    regencies: dict[str, str]
    """Regency or city as written, bare or with `Kabupaten`/`Kota` -> official name(s), `; `
    between the two of a shared bare name (`Bandung`); all 514. Bare names can be people's."""
    districts: tuple[str, ...]
    """District (kecamatan) names and regency seat towns, about 7,000, many of them common
    words or people's names: places only where a place is expected (`Kecamatan X`, `di X`)."""
    ambiguous_places: tuple[str, ...]
    """One-word province, regency and district names that are also common words (`Batu`)."""
    state_institutions: dict[str, str]
    """Ministry, agency, commission or police/military unit as written -> full name
    (`Kemenkeu` -> `Kementerian Keuangan`, `BMKG` -> `Badan Meteorologi, ...`)."""
    universities: dict[str, str]
    """University as written -> full name (`ULM` -> `Universitas Lambung Mangkurat`)."""
    cabinet_posts: tuple[str, ...]
    """Full titles of cabinet posts (`Menteri Lingkungan Hidup`, `Menteri Koordinator Bidang
    Perekonomian`), 2014-2025; case as written."""


def _path(name: str) -> Path:
    return lexicon_dir() / name


@cache
def load_lexicon() -> Lexicon:
    """The lexicon bundled with quotedb (read once per process)."""
    return Lexicon(
        post_quote_cues=read_list(_path("post_quote_cues.txt")),
        speech_verbs={row[0]: row[1] for row in read_rows(_path("speech_verbs.tsv"))},
        passive_cues=read_list(_path("passive_cues.txt")),
        roles=read_list(_path("roles.txt")),
        role_acronyms={row[0]: row[1] for row in read_rows(_path("role_acronyms.tsv"))},
        ranks=read_list(_path("ranks.txt")),
        honorifics=read_list(_path("honorifics.txt")),
        degrees_after=read_list(_path("degrees_after.txt")),
        anaphors=read_list(_path("anaphors.txt")),
        organizations=read_list(_path("organizations.txt")),
        organization_heads=read_list(_path("organization_heads.txt")),
        organization_tails=read_list(_path("organization_tails.txt")),
        anonymous_heads=read_list(_path("anonymous_heads.txt")),
        np_boundaries=read_list(_path("np_boundaries.txt")),
        abbreviations=read_list(_path("abbreviations.txt")),
        outlets={row[0]: row[1] for row in read_rows(_path("outlets.tsv"))},
        agencies=read_list(_path("agencies.txt")),
        time_words=read_list(_path("time_words.txt")),
        rank_suffixes=read_list(_path("rank_suffixes.txt")),
        name_particles=read_list(_path("name_particles.txt")),
        places=read_list(_path("places.txt")),
        connectors=read_list(_path("connectors.txt")),
        subject_adverbs=read_list(_path("subject_adverbs.txt")),
        institution_words=read_list(_path("institution_words.txt")),
        statement_nouns=read_list(_path("statement_nouns.txt")),
        non_sources=read_list(_path("non_sources.txt")),
        function_words=read_list(_path("function_words.txt")),
        relations=read_list(_path("relations.txt")),
        provinces={row[0]: row[1] for row in read_rows(_path("provinces.tsv"))},
        regencies={row[0]: row[1] for row in read_rows(_path("regencies.tsv"))},
        districts=read_list(_path("districts.txt")),
        ambiguous_places=read_list(_path("ambiguous_places.txt")),
        state_institutions=read_names(_path("state_institutions.tsv")),
        universities=read_names(_path("universities.tsv")),
        cabinet_posts=read_list(_path("cabinet_posts.txt")),
    )
