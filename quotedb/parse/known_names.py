"""Institutions, offices and places the public lists name: where a name cannot start.

`Rektor Universitas Lambung Mangkurat Muhammad Handry`, `Menteri Lingkungan Hidup Hanif
Faisol`, `Bupati Sleman Purnomo Adi`: capitals run on from an office or a place into the
name. The complete lists in `seeds/lexicon/` (state institutions, universities, cabinet
posts, provinces, regencies and districts) say where the office or place ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property

import regex

from quotedb.parse.lexicon import Lexicon
from quotedb.parse.tokens import TOKEN, Token

PLACE_HEADS = frozenset(
    {"Kota", "Kabupaten", "Kab", "Provinsi", "Kecamatan", "Desa", "Kelurahan", "Dusun", "Kampung"}
)
_NUMBER = regex.compile(r"\A\p{N}+\Z")
# Before a district's name only a place head, a numeral (`SMAN 1 Sukorejo`) or a preposition
# (`di Sukorejo`, `warga asal Ungaran`) says it is the place: most district names are also
# people's names or words.
_PLACE_PREPOSITIONS = frozenset({"di", "dari", "asal"})


class KnownNames:
    """The multi-word names of the public lists, and the one-word places, by first word."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    @cached_property
    def phrases(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """First word -> the names of two words or more it starts, as tokens are written."""
        lexicon = self.lexicon
        names: Iterable[str] = (
            *lexicon.state_institutions,
            *lexicon.universities,
            *lexicon.cabinet_posts,
            *lexicon.provinces,
            *lexicon.regencies,
            *lexicon.places,
        )
        found: dict[str, set[tuple[str, ...]]] = {}
        for name in names:
            words = tuple(TOKEN.findall(name))
            if len(words) >= 2 and "," not in words:
                found.setdefault(words[0], set()).add(words)
        return {first: tuple(sorted(p, key=len, reverse=True)) for first, p in found.items()}

    @cached_property
    def last_words(self) -> frozenset[str]:
        return frozenset(p[-1] for ps in self.phrases.values() for p in ps)

    @cached_property
    def stops(self) -> frozenset[str]:
        """Every word that may end a known name or be a place: the others need no look."""
        return self.last_words | self.regencies | self.districts

    @cached_property
    def longest(self) -> int:
        return max((len(p) for ps in self.phrases.values() for p in ps), default=1)

    @cached_property
    def regencies(self) -> frozenset[str]:
        """One-word regencies, cities and provinces (`Sleman`, `Cimahi`, `Garut`)."""
        lexicon = self.lexicon
        return frozenset(n for n in (*lexicon.regencies, *lexicon.provinces) if " " not in n)

    @cached_property
    def districts(self) -> frozenset[str]:
        return frozenset(n for n in self.lexicon.districts if " " not in n)

    def ends_phrase(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether `tokens[i]` ends the name of an institution, office or place of two words
        or more written in `tokens` (`... Universitas Lambung Mangkurat`)."""
        if tokens[i].text not in self.last_words:
            return False
        for j in range(max(0, i - self.longest + 1), i + 1):
            for phrase in self.phrases.get(tokens[j].text, ()):
                if len(phrase) == i - j + 1 and all(
                    t.text == w for t, w in zip(tokens[j : i + 1], phrase, strict=True)
                ):
                    return True
        return False

    def is_place_at(self, tokens: Sequence[Token], i: int, after_office: bool) -> bool:
        """Whether `tokens[i]` names a regency or a district where a place is expected:
        after a place head, a numeral or `di`/`dari`, and a regency also after an office
        (`after_office`: the word before is a role word or an institution's head, `Bupati
        Sleman`, `Polres Cimahi`)."""
        text = tokens[i].text
        if i == 0 or (text not in self.regencies and text not in self.districts):
            return False
        j = i - 1
        while j > 0 and tokens[j].text.startswith("("):
            j -= 1  # `Sekretaris DPRD (Sekwan) Bantaeng`
        before = tokens[j].text
        if before in PLACE_HEADS or before in _PLACE_PREPOSITIONS or _NUMBER.match(before):
            return True
        return after_office and text in self.regencies
