"""Public lists of short names and the full names they stand for, and the form names are
compared in, for deciding identities (`quotedb.identity.identities`)."""

from __future__ import annotations

from functools import cache

from quotedb.parse.lexicon import load_lexicon, read_rows
from quotedb.resources import seeds_dir
from quotedb.store.keys import normalise_key

# One name written two ways: the spelling before 1972 (`Soeharto`, `Djarot`, `Tjahjo`) and
# the `sy` or `s` of names from Arabic (`Syaiful`, `Saiful`).
_SPELLINGS = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("sy", "s"))


def match_key(key: str) -> str:
    """A name key without what spellings of one name differ in: punctuation (`butar-butar`,
    `m. iqbal`), the old spelling and `sy`/`s` (`Soeharto` is `Suharto`, `Syaiful` `Saiful`)."""
    key = " ".join(key.replace("’", "'").replace("-", " ").replace(".", " ").split())
    for written, spoken in _SPELLINGS:
        key = key.replace(written, spoken)
    return key


@cache
def listed_names() -> dict[str, dict[str, str]]:
    """By kind of speaker, name as a match key -> the full name of the public lists.

    People: nicknames, with honorifics dropped as the parser drops them from names (`Gus
    Dur` is stored as `Dur`); a nickname two rows give to different people stands for
    neither. Organisations: every form of a state institution or university."""
    lexicon = load_lexicon()
    honorifics = {match_key(h.casefold()) for h in lexicon.honorifics}
    people: dict[str, str] = {}
    clashes: set[str] = set()
    for nickname, full in read_rows(seeds_dir() / "identities" / "nicknames.tsv"):
        words = match_key(normalise_key(nickname)).split()
        while len(words) > 1 and words[0] in honorifics:
            words = words[1:]
        key = " ".join(words)
        if people.setdefault(key, full) != full:
            clashes.add(key)
    institutions = {
        match_key(normalise_key(form)): full
        for forms in (lexicon.state_institutions, lexicon.universities)
        for form, full in forms.items()
    }
    return {
        "person": {key: full for key, full in people.items() if key not in clashes},
        "organization": institutions,
    }


@cache
def listed_full_names() -> frozenset[str]:
    """The full names of the lists, as match keys."""
    return frozenset(
        match_key(normalise_key(full))
        for names in listed_names().values()
        for full in names.values()
    )
