"""Role titles in one normal form, and the words that tell which office a role is.

News copy writes one office many ways: `Mendag`, `Menteri Perdagangan` and `Menteri
Perdagangan RI`; `Wagub DKI Jakarta` and `Wakil Gubernur Jakarta`. `normal_title` writes
out acronyms (`seeds/lexicon/role_acronyms.tsv`), makes spelling variants one (provinces'
short forms, `seeds/identities/role_spellings.tsv`) and drops the country at the end
(`role_qualifiers.txt`); roles with the same normal title are one role in `quotedb speakers`.
`office_words` are what two roles must share to be the same office or organisation when
their titles differ (`Direktur Jenderal Pajak Kemenkeu` and `Menteri Keuangan` do not;
`Menteri Keuangan` and `Sekretaris Jenderal Kementerian Keuangan` share `keuangan`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from quotedb.parse.lexicon import load_lexicon, read_list, read_rows
from quotedb.resources import seeds_dir
from quotedb.store.keys import normalise_key

_LONGEST_ACRONYM = 3  # words
_CASE_SENSITIVE_UP_TO = 2  # letters: `PM` is Perdana Menteri, `pm` is a time
_PAST = frozenset({"mantan", "eks", "bekas", "former"})
_BEFORE_A_ROLE = _PAST | {"calon"}
_TRAILING = " ,.;:-–"
_DIGIT = regex.compile(r"\d")


@dataclass(frozen=True)
class RoleWords:
    """The word lists `normal_title` and `office_words` use (build once with `role_words`)."""

    acronyms: dict[str, str]
    """Acronym -> expansion; keys casefolded, except the short ones written as they must be."""
    spellings: regex.Pattern[str]
    spelled: dict[str, str]
    """Casefolded variant -> its normal form."""
    qualifiers: tuple[str, ...]
    generic: frozenset[str]
    provinces: regex.Pattern[str]
    """Provinces of more than one word, casefolded: each is one office word."""


@cache
def role_words() -> RoleWords:
    """The role word lists bundled with quotedb (read once per process)."""
    lexicon = load_lexicon()
    acronyms = {
        key if len(key) <= _CASE_SENSITIVE_UP_TO else key.casefold(): expansion
        for key, expansion in lexicon.role_acronyms.items()
    }
    folder = seeds_dir() / "identities"
    # A province's one-word short form (`Jabar`), not the special regions, whose official
    # names are longer than what the press writes (role_spellings.tsv has those).
    spelled = {
        form.casefold(): official
        for form, official in lexicon.provinces.items()
        if " " not in form
        and form.casefold() not in official.casefold().split()
        and not official.startswith("Daerah ")
    }
    spelled |= {
        written.casefold(): normal for written, normal in read_rows(folder / "role_spellings.tsv")
    }
    variants = sorted(spelled, key=len, reverse=True)
    spellings = _whole_words(variants, regex.IGNORECASE)
    generic = {word.casefold() for word in read_list(folder / "generic_role_words.txt")}
    generic |= {phrase.split()[0] for phrase in lexicon.roles}
    generic |= {head.casefold() for head in lexicon.organization_heads}
    generic |= set(lexicon.np_boundaries)
    provinces = sorted(
        {normalise_key(name) for name in lexicon.provinces.values() if " " in name},
        key=len,
        reverse=True,
    )
    return RoleWords(
        acronyms=acronyms,
        spellings=spellings,
        spelled=spelled,
        qualifiers=read_list(folder / "role_qualifiers.txt"),
        generic=frozenset(generic),
        provinces=_whole_words(provinces),
    )


def _whole_words(phrases: list[str], flags: int = 0) -> regex.Pattern[str]:
    """Any of `phrases` (longest first) as whole words."""
    return regex.compile(
        r"(?<![\p{L}\p{N}])(?:" + "|".join(map(regex.escape, phrases)) + r")(?![\p{L}\p{N}])",
        flags,
    )


def normal_title(title: str, words: RoleWords | None = None) -> str:
    """`title` with its acronyms written out, its spelling variants made one and the country
    at its end dropped: `Wagub DKI Jakarta` -> `Wakil Gubernur Jakarta`."""
    words = words or role_words()
    tokens = title.split()
    written = _expand_acronyms(tokens, words.acronyms)
    text = words.spellings.sub(lambda m: words.spelled[m.group().casefold()], " ".join(written))
    text = text.strip(_TRAILING)
    dropped = True
    while dropped:
        dropped = False
        for qualifier in words.qualifiers:
            if text.endswith(f" {qualifier}"):
                text = text[: -len(qualifier) - 1].rstrip(_TRAILING)
                dropped = True
    return " ".join(text.split()) or title.strip()


def _expand_acronyms(tokens: list[str], acronyms: dict[str, str]) -> list[str]:
    """Acronyms written out where the role starts (after `mantan` and the like, and after
    other acronyms: `Plt Kadis`). Further in, a capitalised word is as likely a place
    (`Bupati Karo`) as the acronym of a unit."""
    written: list[str] = []
    at = 0
    while at < len(tokens) and tokens[at].casefold() in _BEFORE_A_ROLE:
        written.append(tokens[at])
        at += 1
    while at < len(tokens):
        for size in range(min(_LONGEST_ACRONYM, len(tokens) - at), 0, -1):
            phrase = " ".join(tokens[at : at + size]).strip(_TRAILING)
            expansion = acronyms.get(phrase) or acronyms.get(phrase.casefold())
            if expansion is not None:
                written.append(expansion)
                at += size
                break
        else:
            break
    return written + tokens[at:]


@dataclass(frozen=True, slots=True)
class Office:
    """What a role says about who holds it, for telling whether two roles can be one
    person's: the office (`normal_key` without `mantan`), its office words, and whether it
    is held now (a former office fits any current one: people move on)."""

    key: str
    words: frozenset[str]
    current: bool


def office(normal: str, words: RoleWords | None = None) -> Office:
    """The `Office` of a role with normal title `normal`."""
    key = normalise_key(normal)
    first, _, rest = key.partition(" ")
    current = first not in _PAST or not rest
    if not current:
        key = rest
    return Office(key, office_words(key, words), current)


def office_words(normal: str, words: RoleWords | None = None) -> frozenset[str]:
    """The words of a normal title that say which office or organisation it is: not generic
    title words (`Ketua`, `Umum`, `Kementerian`), not short words, not numbers; a province
    of several words is one (`nusa_tenggara_timur`)."""
    words = words or role_words()
    # `Jawa Barat` is one place, which `Jawa Tengah` is not.
    key = words.provinces.sub(lambda m: m.group().replace(" ", "_"), normalise_key(normal))
    return frozenset(
        word
        for word in key.replace("/", " ").split()
        if len(word) >= 3 and word not in words.generic and not _DIGIT.search(word)
    )
