"""What kind of word a word is, by the lexicon: role, rank or honorific, organisation, name.

`WordClasses` answers for single words (`Kapolda` is a role word, `AKBP` a rank, `Kemenkes`
an organisation's, `Hendra` may be a name) from the word lists in `seeds/lexicon/` and the
acronyms an article defines. The answers depend on the word alone, so they are remembered.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property, lru_cache

import regex

from quotedb.parse.known_names import KnownNames
from quotedb.parse.lexicon import Lexicon
from quotedb.parse.tokens import Token

ALL_CAPS = regex.compile(r"\A[\p{Lu}\p{N}&-]{2,}\Z")
INITIAL = regex.compile(r"\A\p{Lu}\.\Z")
_UNIT_ROLE = regex.compile(
    r"\A(?:Waka|Ka)(?:pol\p{L}+|bid|bag|dis\p{L}*|sat\p{L}*|subdit|subbag|unit|nit|pus\p{L}+|"
    r"ro\p{L}*|div|bareskrim|korlantas|baharkam|baintelkam|baseks)\Z"
    r"|\ADan(?:rem|dim|ramil|lanal|lanud|jen|pom|yon|kormar|sat\p{L}*)\Z"
    r"|\APang(?:dam|kostrad|koarmada|kogabwilhan|lima)\Z"
    r"|\A(?:Wa)?[Dd]ir(?:res\p{L}+|tipid\p{L}*|lantas|jen|intelkam|binmas|samapta|polairud|"
    r"pamobvit|tahti|krim\p{L}+|narkoba|siber)?\Z",
)
# `Kepemudaan`, `Pembangunan`, `Kesehatan`: nouns made with ke-/pe-...-an name offices and
# fields, never people.
_INSTITUTION_NOUN = regex.compile(r"\A(?:Ke|Pe[mnr]?|Peng|Peny|Per)\p{Ll}{3,}an\Z")
# A capitalised word with the clitic `-nya` (`Awalnya`, `Artinya`, `Dirinya`, `Keduanya`) is
# an adverb or a pronoun opening a sentence: Indonesian names do not end in the clitic.
_CLITIC_WORD = regex.compile(r"\A\p{Lu}\p{Ll}{2,}nya\Z")
ROMAN_NUMERAL = regex.compile(r"\A(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})\Z")
"""`Wilayah V`, `Kodam IV`: no name word; part of a name only after one (`Leo XIV`)."""
# Degrees after a name follow a few shapes (`M.Ed`, `S.I.K`, `Sp.PD`, `M.Epid`, `MPsi`); the
# lexicon lists the common ones, the shapes take the rest.
_DEGREE_SHAPE = regex.compile(
    r"\A(?:\p{Lu}\p{Ll}{0,3}\.){1,3}\p{Lu}[\p{L}]{0,4}\Z|\A(?:Ph\.?D|MPsi|MSc|MSi|MBA|MPH)\Z"
)
# A lowercase word with a verb prefix (`memverifikasi`, `berjalan`, `dilakukan`) or a modal
# means the words around it are a clause, not a description of a source (`ter-` words are
# left out: `terpilih`, `tertinggi` are adjectives of titles; the meN- prefix is read with
# its nasal, so `media` and `medis` are none).
_CLAUSE_WORD = regex.compile(
    r"\A(?:me(?:m|n|ng|ny|r|l|w|y)|ber|di)\p{Ll}{3,}\Z"
    r"|\A(?:bisa|dapat|harus|akan|mau|perlu|boleh|adalah|merupakan|telah|sudah)\Z"
)
# Nouns of titles and fields with the shape of a verb.
_VERB_SHAPED_NOUNS = frozenset(
    "digital diskusi disiplin distrik diploma diplomat dimensi dinasti diaspora direksi "
    "dinamika dirgantara berita mental mentor".split()
)
# A word glued to the next by a lost space, the second capitalised (`DilansirdetikFinance`,
# `KepadadetikNews`): looked at only where a lowercase letter is followed by a capital.
_GLUED = regex.compile(r"\p{Ll}\p{Lu}")
_LONGEST_GLUED_LEAD = 12
# Word classes depend on the word alone (and the lexicon), and rules ask about the same few
# hundred words again and again: each reader remembers its answers for this many words.
_WORDS_REMEMBERED = 1 << 16


class WordClasses:
    """The lexicon's word classes for one set of acronyms (build once, use for many)."""

    def __init__(self, lexicon: Lexicon, acronyms: dict[str, str] | None = None) -> None:
        self.lexicon = lexicon
        self.acronyms = acronyms or {}
        # Shared with the copies made for each article: the answers hold for any text.
        self._role_word = lru_cache(_WORDS_REMEMBERED)(self._is_role_text)
        self._rank_or_honorific = lru_cache(_WORDS_REMEMBERED)(self._is_rank_or_honorific_text)
        self._name_word = lru_cache(_WORDS_REMEMBERED)(self._is_name_text)
        self._glued_relay = lru_cache(_WORDS_REMEMBERED)(self._is_glued_relay_text)
        self._clause_word = lru_cache(_WORDS_REMEMBERED)(self._is_clause_text)

    @cached_property
    def role_words(self) -> frozenset[str]:
        words = {phrase.split()[0] for phrase in self.lexicon.roles}
        words |= {a.casefold() for a in self.lexicon.role_acronyms}
        return frozenset(words)

    @cached_property
    def role_phrases(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """First word -> the rest of each multi-word role it starts, for the first words
        that are no role alone (`putra` of `putra mahkota`, a common name word too)."""
        single = {phrase for phrase in self.lexicon.roles if " " not in phrase}
        phrases: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.lexicon.roles:
            first, *rest = phrase.split()
            if rest and first not in single:
                phrases.setdefault(first, []).append(tuple(rest))
        return {first: tuple(rests) for first, rests in phrases.items()}

    def is_name_word_at(self, tokens: Sequence[Token], i: int) -> bool:
        """`is_name_word`, but a capitalised first word of a multi-word role is a name word
        where the rest of the role does not follow (`Adi Putra`; not `Putra Mahkota`)."""
        token = tokens[i]
        if self.is_name_word(token):
            return True
        rests = self.role_phrases.get(token.lower)
        if rests is None or not token.text[:1].isupper() or self._is_org_text(token.text):
            return False
        following = tuple(t.lower for t in tokens[i + 1 : i + 4])
        return not any(following[: len(rest)] == rest for rest in rests)

    @cached_property
    def known(self) -> KnownNames:
        return KnownNames(self.lexicon)

    def ends_office_or_place(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether `tokens[i]`, a name word by itself, ends an institution's, an office's or
        a place's name written before a person's (`Universitas Lambung Mangkurat`, `Menteri
        Lingkungan Hidup`, `Bupati Sleman`): the person's name starts after it."""
        known = self.known
        text = tokens[i].text
        if text not in known.stops:
            return False  # most words end no known name and name no place
        if known.ends_phrase(tokens, i):
            return True
        j = i - 1
        while j > 0 and tokens[j].text.startswith("("):
            j -= 1  # `Sekretaris DPRD (Sekwan) Bantaeng`
        before = tokens[j] if j >= 0 else None
        office = before is not None and (
            self.is_role_word(before)
            or (before.lower in self.org_heads and before.text[:1].isupper())
            # `Dinas Pendidikan Banjarmasin`; not a national office (`Menteri Dalam Negeri`)
            or (before.text in self.institution_words and not known.ends_phrase(tokens, j))
        )
        return known.is_place_at(tokens, i, after_office=office)

    @cached_property
    def rank_words(self) -> frozenset[str]:
        # `Brigadir Polisi Kepala`: the first word marks a rank, the rest (`Kepala`, `Satu`)
        # are common words that must stay free for roles (`Kepala Dinas`).
        words = {rank.split()[0] for rank in self.lexicon.ranks}
        return frozenset(words | set(self.lexicon.rank_suffixes))

    @cached_property
    def honorifics(self) -> frozenset[str]:
        return frozenset(self.lexicon.honorifics)

    @cached_property
    def places(self) -> frozenset[str]:
        return frozenset(self.lexicon.places)

    @cached_property
    def organizations(self) -> frozenset[str]:
        return frozenset(o.casefold() for o in self.lexicon.organizations)

    @cached_property
    def org_heads(self) -> frozenset[str]:
        return frozenset(h.split()[0].casefold() for h in self.lexicon.organization_heads)

    @cached_property
    def degrees(self) -> frozenset[str]:
        """Degrees written after a name, with or without their final dot (`M.Si.`, `M.Si`)."""
        degrees = self.lexicon.degrees_after
        return frozenset([*degrees, *(d[:-1] for d in degrees if d.endswith("."))])

    def is_degree(self, text: str) -> bool:
        """`M.Si`, `M.Ed`: a degree, where written after a name and a comma."""
        return text in self.degrees or _DEGREE_SHAPE.match(text) is not None

    @cached_property
    def bare_degrees(self) -> frozenset[str]:
        """Degrees written without their dots (`SH`, `MSi`), where they end a name."""
        bare = {d.replace(".", "") for d in self.lexicon.degrees_after}
        return frozenset(d for d in bare if len(d) >= 2 and d.casefold() not in self.organizations)

    @cached_property
    def org_tails(self) -> frozenset[str]:
        return frozenset(self.lexicon.organization_tails)

    @cached_property
    def anonymous_heads(self) -> frozenset[str]:
        return frozenset(h.split()[0] for h in self.lexicon.anonymous_heads)

    @cached_property
    def institution_words(self) -> frozenset[str]:
        return frozenset(self.lexicon.institution_words)

    @cached_property
    def time_words(self) -> frozenset[str]:
        return frozenset(w.casefold() for w in self.lexicon.time_words)

    @cached_property
    def particles(self) -> frozenset[str]:
        return frozenset(self.lexicon.name_particles)

    @cached_property
    def function_words(self) -> frozenset[str]:
        """Lowercase words that never start a name, whatever their case (`Menurut`)."""
        lexicon = self.lexicon
        single = [
            *lexicon.function_words,
            *lexicon.connectors,
            *lexicon.subject_adverbs,
            *lexicon.np_boundaries,
            *lexicon.passive_cues,
            *lexicon.speech_verbs,
        ]
        return frozenset(w.casefold() for w in single if " " not in w)

    @cached_property
    def relations(self) -> tuple[tuple[str, ...], ...]:
        """Roles relating a speaker to a person named after them (`kuasa hukum`), as words."""
        return tuple(tuple(r.split()) for r in self.lexicon.relations)

    @cached_property
    def anaphors(self) -> frozenset[str]:
        return frozenset(self.lexicon.anaphors)

    # --- word classes -------------------------------------------------------------------

    def is_clause_word(self, token: Token) -> bool:
        """A verb or a modal (`mengatakan`, `dilakukan`, `akan`): the words around it are a
        clause. Role words and institution heads that look like verbs (`direktur`,
        `dinas`) are none."""
        return self._clause_word(token.text)

    def _is_clause_text(self, text: str) -> bool:
        lower = text.casefold()
        return (
            _CLAUSE_WORD.match(text) is not None
            and text not in _VERB_SHAPED_NOUNS
            and not self._role_word(text)
            and lower not in self.org_heads
            and lower not in self.anonymous_heads
        )

    def _has_clause(self, tokens: Sequence[Token]) -> bool:
        return any(self.is_clause_word(t) for t in tokens)

    def is_role_word(self, token: Token) -> bool:
        return self._role_word(token.text)

    def _is_role_text(self, text: str) -> bool:
        return text.casefold() in self.role_words or _UNIT_ROLE.match(text) is not None

    def is_glued_relay(self, token: Token) -> bool:
        """A relay or preposition glued to an outlet's name (`DilansirdetikFinance`,
        `KepadadetikNews`): no part of a speaker's name."""
        return self._glued_relay(token.text)

    def _is_glued_relay_text(self, text: str) -> bool:
        if _GLUED.search(text) is None:
            return False
        lower = text.casefold()
        return any(
            lower[:k] in self.function_words
            for k in range(3, min(len(lower) - 1, _LONGEST_GLUED_LEAD) + 1)
        )

    def holds_role(self, known: str, role: str) -> bool:
        """Whether a person known with the role `known` holds the bare `role` (`Gubernur`
        for `Gubernur Bali`), as written or as its acronym stands (`JPU`: `Jaksa Penuntut
        Umum`)."""
        known = known.casefold()
        return any(known == r or known.startswith(r + " ") for r in self._role_forms(role))

    def role_heads(self, role: str) -> set[str]:
        """The first words (casefolded) that every role holding `role` starts with."""
        return {form.split()[0] for form in self._role_forms(role) if form.split()}

    def _role_forms(self, role: str) -> set[str]:
        return {role.casefold(), self.lexicon.role_acronyms.get(role, role).casefold()}

    def is_honorific_text(self, text: str) -> bool:
        return text in self.honorifics or text + "." in self.honorifics

    def is_rank_or_honorific(self, token: Token) -> bool:
        return self._rank_or_honorific(token.text)

    def _is_rank_or_honorific_text(self, text: str) -> bool:
        return (
            text in self.rank_words
            or text in self.honorifics
            or text + "." in self.honorifics
            or (text.startswith("(") and text.strip("().") in self.rank_words)
        )

    def is_org_word(self, token: Token) -> bool:
        return token.text in self.acronyms or self._is_org_text(token.text)

    def _is_org_text(self, text: str) -> bool:
        lower = text.casefold()
        return (
            lower in self.organizations
            or lower in self.org_heads
            or (ALL_CAPS.match(text) is not None and not INITIAL.match(text))
        )

    def is_name_word(self, token: Token) -> bool:
        name_word = self._name_word(token.text)
        if name_word is None:  # a name word unless this article defines it as an acronym
            return token.text not in self.acronyms
        return name_word

    def _is_name_text(self, text: str) -> bool | None:
        """`is_name_word` for any article: None where the answer is True unless the article
        defines the word as an acronym (which makes it an organisation's)."""
        if text in self.particles:
            return True
        if not text[:1].isupper() or text.startswith("(") or self._rank_or_honorific(text):
            return False
        if _INSTITUTION_NOUN.match(text) or _CLITIC_WORD.match(text):
            return False
        if text.casefold() in self.function_words or ROMAN_NUMERAL.match(text):
            return False
        if INITIAL.match(text):
            return True
        if (
            self._role_word(text)
            or self._is_org_text(text)
            or text in self.places
            or text in self.institution_words
            or text.casefold() in self.time_words
        ):
            return False
        return None
