"""Step 4a of the parser: what a speaker phrase says about its speaker.

A speaker phrase is the text a rule found next to a cue (`juru bicara Kremlin Dmitry
Peskov`, `Keir Giles, Konsultan Senior di ...`, `ia`, `seorang pejabat kementerian`). It is
read into a `Mention`: the name (without honorifics or ranks), the role (without the name or
an acronym in brackets), and what kind of source it is. No Indonesian NER model exists that
works offline, so this is rules over word lists: role heads, ranks, honorifics, places and
organisations from `seeds/lexicon/`, and capitalisation to find the name.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Literal

import regex

from quotedb.parse.lexicon import Lexicon
from quotedb.records import Span

MentionKind = Literal["name", "pronoun", "organization", "anonymous", "role", "epithet"]

# Words keep inner dots (`S.H`, `menpan.go.id`) and apostrophes (`O’Neil`) but not a final one,
# except an initial (`W.`): a sentence's full stop must not stick to the name before it. (Runs
# of word characters are taken whole, `[...]+`: the regex engine is much faster so than one
# character per repetition.)
_TOKEN = regex.compile(
    r"\([^()]{0,80}\)|\p{Lu}\.(?!\p{L})"
    r"|[\p{L}\p{N}](?:[\p{L}\p{N}&/-]+|['’.](?=[\p{L}\p{N}]))*|[,&]"
)
_ALL_CAPS = regex.compile(r"\A[\p{Lu}\p{N}&-]{2,}\Z")
_INITIAL = regex.compile(r"\A\p{Lu}\.\Z")
_UNIT_ROLE = regex.compile(
    r"\A(?:Waka|Ka)(?:pol\p{L}+|bid|bag|dis\p{L}*|sat\p{L}*|subdit|subbag|unit|nit|pus\p{L}+|"
    r"ro\p{L}*|div|bareskrim|korlantas|baharkam|baintelkam|baseks)\Z"
    r"|\ADan(?:rem|dim|ramil|lanal|lanud|jen|pom|yon|kormar|sat\p{L}*)\Z"
    r"|\APang(?:dam|kostrad|koarmada|kogabwilhan|lima)\Z|\ADir(?:res\p{L}+|lantas|jen)\Z",
)
_DETERMINERS = (
    "salah seorang",
    "salah satu",
    "seorang",
    "para",
    "sejumlah",
    "beberapa",
    "sebagian",
)
_DETERMINER_WORDS = tuple(f"{d} " for d in _DETERMINERS)
_EPITHET_END = ("itu", "tersebut", "ini")
_UNNAMED = regex.compile(
    r"\byang\s+(?:tidak|tak|enggan|menolak|minta|meminta)\b.*\b(?:nama|identitas)\w*", regex.I
)
_MAX_NAME_WORDS = 4
_LOWERCASE_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{Ll}[\p{L}-]*")
_LOWERCASE_LETTER = regex.compile(r"\p{Ll}")
_SEARCHED_FOR_LOWERCASE = 20_000  # characters
_PLACE_HEADS = frozenset(
    {"Kota", "Kabupaten", "Kab", "Provinsi", "Kecamatan", "Desa", "Kelurahan", "Dusun", "Kampung"}
)
_NAME_JOINERS = frozenset({"dan", "&", "untuk", "di", "dari", "atas"})
_NAMING_WORDS = frozenset({"bernama", "berinisial", "yakni", "yaitu", "bernama lengkap"})
# `Kepemudaan`, `Pembangunan`, `Kesehatan`: nouns made with ke-/pe-...-an name offices and
# fields, never people.
_INSTITUTION_NOUN = regex.compile(r"\A(?:Ke|Pe[mnr]?|Peng|Peny|Per)\p{Ll}{3,}an\Z")
_MAX_DESCRIPTION_WORDS = 9
# A lowercase word with a verb prefix (`memverifikasi`, `berjalan`, `dilakukan`) or a modal
# means the words before a cue are a clause, not a description of a source.
_CLAUSE_WORD = regex.compile(
    r"\A(?:me[mnr]?|meng|meny|ber|ter|di)\p{Ll}{3,}\Z|\A(?:bisa|dapat|harus|akan|mau|perlu|boleh|untuk|ada|adalah|merupakan)\Z"
)
# Word classes depend on the word alone (and the lexicon), and rules ask about the same few
# hundred words again and again: each reader remembers its answers for this many words.
_WORDS_REMEMBERED = 1 << 16


class Token:
    """A word (or a bracketed group, or a comma) of a phrase, with its offsets."""

    __slots__ = ("end", "lower", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.lower = text.casefold()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker phrase, read.

    `name` is the name as written (honorifics and ranks dropped) for kinds `name` and
    `organization`, the description for `anonymous`, and the role words for a bare `role`
    (`Kapolri`). Pronouns and epithets (`politikus itu`) carry no name: coreference fills it.
    """

    span: Span
    text: str
    kind: MentionKind
    name: str | None = None
    name_span: Span | None = None
    role: str | None = None
    role_span: Span | None = None
    aliases: tuple[str, ...] = field(default=())


def tokenize(text: str, start: int, end: int) -> list[Token]:
    return _placed(text, start, _TOKEN.findall(text, start, end))


def _placed(text: str, start: int, words: list[str]) -> list[Token]:
    """The tokens of `words`, found by `_TOKEN` in order from `start`.

    `findall` and a `find` per word take less time than match objects. A word is found
    where it was matched: every character skipped between two words (white space,
    punctuation, an unclosed bracket) would start a match of its own if it started the word.
    """
    tokens = []
    at = start
    for word in words:
        at = text.find(word, at)
        tokens.append(Token(word, at, at + len(word)))
        at += len(word)
    return tokens


def first_token(text: str, start: int, end: int) -> str | None:
    """The first token `tokenize` would give, without the others."""
    match = _TOKEN.search(text, start, end)
    return match.group() if match else None


def token_starts(text: str, start: int, end: int) -> list[int]:
    """Where the tokens of `text[start:end]` start, for a caller that needs no more of them
    (building the tokens would take as long again)."""
    return [m.start() for m in _TOKEN.finditer(text, start, end)]


class MentionReader:
    """Reads speaker phrases with the lexicon's word lists (build once, use for many)."""

    def __init__(self, lexicon: Lexicon, acronyms: dict[str, str] | None = None) -> None:
        self.lexicon = lexicon
        self.acronyms = acronyms or {}
        self._article: str | None = None
        self._memo: dict[tuple[int, int], Mention | None] = {}
        self._lowercase: frozenset[str] | None = None
        self._folded: str | None = None
        # Shared with the article readers made from this one: the answers hold for any text.
        self._role_word = lru_cache(_WORDS_REMEMBERED)(self._is_role_text)
        self._rank_or_honorific = lru_cache(_WORDS_REMEMBERED)(self._is_rank_or_honorific_text)
        self._name_word = lru_cache(_WORDS_REMEMBERED)(self._is_name_text)

    def for_article(self, text: str, acronyms: dict[str, str]) -> MentionReader:
        """A reader for one article: it knows the article's acronyms, shares this reader's
        word sets, and remembers the phrases it has read (rules and coreference often read
        the same phrase twice)."""
        reader = copy.copy(self)
        reader.acronyms = acronyms
        reader._article = text
        reader._memo = {}
        reader._lowercase = None
        reader._folded = None
        return reader

    def writes_lowercase(self, word: str) -> bool:
        """Whether the reader's article writes `word` (casefolded) in lowercase (`video`): a
        capitalised one at a sentence start is then a common word, not a name."""
        if self._lowercase is None:
            text = self._article or ""
            # Most words asked about are names, never written in lowercase; reading the
            # article's whole lowercase vocabulary is then wasted. Where every character
            # folds to one, a lowercase writing of `word` sits at the same offset in the
            # folded text. Each such search reads the whole text: only in a short one.
            if len(text) <= _SEARCHED_FOR_LOWERCASE:
                if self._folded is None:
                    self._folded = text.casefold()
                folded = self._folded
                if len(folded) == len(text) and not _lowercase_at_any(text, folded, word):
                    return False
            self._lowercase = frozenset(w.casefold() for w in _LOWERCASE_WORD.findall(text))
        return word in self._lowercase

    @cached_property
    def role_words(self) -> frozenset[str]:
        words = {phrase.split()[0] for phrase in self.lexicon.roles}
        words |= {a.casefold() for a in self.lexicon.role_acronyms}
        return frozenset(words)

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
    def anaphors(self) -> frozenset[str]:
        return frozenset(self.lexicon.anaphors)

    # --- word classes -------------------------------------------------------------------

    def is_role_word(self, token: Token) -> bool:
        return self._role_word(token.text)

    def _is_role_text(self, text: str) -> bool:
        return text.casefold() in self.role_words or _UNIT_ROLE.match(text) is not None

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
            or (_ALL_CAPS.match(text) is not None and not _INITIAL.match(text))
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
        if _INSTITUTION_NOUN.match(text):
            return False
        if _INITIAL.match(text):
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

    # --- reading ------------------------------------------------------------------------

    def read(self, text: str, start: int, end: int) -> Mention | None:
        """The mention written at `text[start:end]`, or None when it names no source."""
        if self._reads_as_article(text, start, end) and (start, end) in self._memo:
            return self._memo[start, end]
        return self._read_new(text, start, end, tokenize(text, start, end))

    def read_with_role(self, text: str, start: int, end: int) -> Mention | None:
        """`read`, but None at once where the phrase holds neither a role word nor an
        anonymous head: a role is read only from a phrase that holds one (`_role_for`), and
        about half the phrases around the names of an article hold none."""
        if self._reads_as_article(text, start, end) and (start, end) in self._memo:
            return self._memo[start, end]
        words = _TOKEN.findall(text, start, end)
        if not any(self._role_word(w) or w.casefold() in self.anonymous_heads for w in words):
            return None
        return self._read_new(text, start, end, _placed(text, start, words))

    def _reads_as_article(self, text: str, start: int, end: int) -> bool:
        """Whether `text[start:end]` reads as the same phrase of this reader's article, so
        that the reading is remembered: `_read` sees the phrase and the character on either
        side (`speakers` reads the article with its headline blanked, the same elsewhere)."""
        if text is self._article:
            return True
        lo = max(0, start - 1)
        return self._article is not None and text[lo : end + 1] == self._article[lo : end + 1]

    def _read_new(self, text: str, start: int, end: int, tokens: list[Token]) -> Mention | None:
        mention = self._read(text, tokens)
        if self._reads_as_article(text, start, end):
            self._memo[start, end] = mention
        return mention

    def _read(self, text: str, tokens: list[Token]) -> Mention | None:
        while tokens and tokens[-1].text == ",":
            tokens.pop()
        if not tokens:
            return None
        span = Span(tokens[0].start, tokens[-1].end)
        raw = text[span.start : span.end]
        lowered = " ".join([t.lower for t in tokens])
        if lowered in self.anaphors:  # clitic cues (`katanya`) are read by the rules
            return Mention(span, raw, "pronoun")
        determiner = None
        if f"{lowered} ".startswith(_DETERMINER_WORDS):  # most phrases have none: asked at once
            determiner = next(d for d in _DETERMINERS if f"{lowered} ".startswith(f"{d} "))
        if determiner:
            tokens = tokens[len(determiner.split()) :]
        if not tokens:
            return None
        if tokens[0].lower == "pihak" and len(tokens) > 1 and tokens[1].text[:1].isupper():
            tokens = tokens[1:]  # `pihak Korea Utara` speaks for Korea Utara
        nicknames = []
        around = text[max(0, span.start - 1) : span.end]
        if "'" in around or "‘" in around:
            nicknames = [t for t in tokens if _in_single_quotes(text, t)]
            tokens = [t for t in tokens if t not in nicknames]  # `Suparman 'Parmin' Situmorang`
        if not tokens:
            return None
        # Most phrases hold no brackets, no `alias`/`atau` and no comma: the text says so at once.
        aliases = tuple(t.text for t in nicknames)
        if "(" in raw or "alias" in lowered or "atau" in lowered:
            aliases = (*self._aliases(tokens), *aliases)
        tokens = self._drop_extras(tokens)
        if not tokens:
            return None
        segments = _split_commas(tokens) if "," in raw else [tokens]
        first = segments[0]
        if (
            not determiner
            and first[0].lower in self.org_heads
            and all(t.text[:1].isupper() or t.lower in _NAME_JOINERS for t in first)
        ):
            # `Tim Pengendalian Inflasi Daerah Banyumili`: a name that starts with an
            # institution's head word is the institution, whatever capitals follow.
            return self._mention(text, span, raw, "organization", first, [], aliases)
        named = self._find_name(segments)
        if named is not None:
            seg_index, name_tokens = named
            role_tokens = self._role_for(segments, seg_index, name_tokens)
            return self._mention(text, span, raw, "name", name_tokens, role_tokens, aliases)
        core = segments[0]
        if core[-1].lower in _EPITHET_END and len(core) > 1 and not determiner:
            role_tokens = self._strip_ranks(core[:-1])
            return self._mention(text, span, raw, "epithet", [], role_tokens, aliases)
        if self._is_organization(core) and not determiner:
            return self._mention(text, span, raw, "organization", _proper_tail(core), [], aliases)
        if self._has_role(core) and not determiner and core[0].text[:1].isupper():
            return self._mention(text, span, raw, "role", [], self._strip_ranks(core), aliases)
        if determiner or core[0].lower in self.anonymous_heads or self._has_role(core):
            description = _until_relative(core)
            if len(description) > _MAX_DESCRIPTION_WORDS or any(
                _CLAUSE_WORD.match(t.text) and not self.is_role_word(t) for t in description[1:]
            ):
                return None
            return self._mention(
                text,
                span,
                raw,
                "anonymous",
                [],
                description,
                aliases,
                name_tokens_for_anonymous=core,
            )
        if core[0].text[:1].isupper() and all(
            t.text[:1].isupper() or t.text in self.particles or t.lower in ("dan", "&")
            for t in core
        ):
            single: MentionKind = "name"
            if len(core) > 1 or self.is_org_word(core[0]):
                single = "organization"
            return self._mention(text, span, raw, single, core, [], aliases)
        return None

    def _mention(
        self,
        text: str,
        span: Span,
        raw: str,
        kind: MentionKind,
        name_tokens: Sequence[Token],
        role_tokens: Sequence[Token],
        aliases: tuple[str, ...],
        name_tokens_for_anonymous: Sequence[Token] = (),
    ) -> Mention:
        role = _words(role_tokens) or None
        role_span = Span(role_tokens[0].start, role_tokens[-1].end) if role_tokens else None
        if kind == "anonymous":
            description = _words(name_tokens_for_anonymous) or role
            return Mention(span, raw, kind, description, span, role, role_span, aliases)
        if kind in ("role", "epithet"):
            return Mention(span, raw, kind, role, role_span, role, role_span, aliases)
        name = _words(name_tokens) or None
        name_span = Span(name_tokens[0].start, name_tokens[-1].end) if name_tokens else None
        return Mention(span, raw, kind, name, name_span, role, role_span, aliases)

    def _aliases(self, tokens: Sequence[Token]) -> tuple[str, ...]:
        found = []
        for i, token in enumerate(tokens):
            if token.text.startswith("(") and i > 0 and self.is_name_word(tokens[i - 1]):
                # `Joko Widodo (Jokowi)`; not `Menteri Pertahanan (Menhan)`, an office.
                inner = token.text[1:-1].strip()
                if inner[:1].isupper() and len(inner.split()) <= 3:
                    found.append(inner)
            if token.lower in ("alias", "atau") and i + 1 < len(tokens):
                rest = [t for t in tokens[i + 1 :] if t.text != ","]
                names = []
                for t in rest:
                    if not (t.text[:1].isupper() or t.text in self.particles):
                        break
                    names.append(t.text)
                if names:
                    found.append(" ".join(names))
        return tuple(found)

    def _drop_extras(self, tokens: Sequence[Token]) -> list[Token]:
        """Drop `alias X` / `atau X` tails (brackets stay: they bound names)."""
        kept: list[Token] = []
        for token in tokens:
            if token.lower in ("alias", "atau"):
                break
            if token.text in self.degrees:
                continue  # `Lestari Purnamasari, M.Si.`
            kept.append(token)
        while kept and kept[-1].text == ",":
            kept.pop()
        return kept

    def _strip_ranks(self, tokens: Sequence[Token]) -> list[Token]:
        """Without the ranks and honorifics at either end (`Kabid Humas Polda Bali Kombes`,
        `Dr. Kepala ...`); inside a role they are words of it (`Sekretaris Jenderal`)."""
        kept = list(tokens)
        while kept and (self.is_rank_or_honorific(kept[-1]) or kept[-1].text in (",", "&")):
            kept.pop()
        while kept and self.is_rank_or_honorific(kept[0]):
            kept.pop(0)
        return kept

    def _has_role(self, tokens: Sequence[Token]) -> bool:
        return any(self.is_role_word(t) for t in tokens)

    def _is_organization(self, tokens: Sequence[Token]) -> bool:
        first = tokens[0]
        if len(tokens) > 1 and tokens[-1].text in self.org_tails:
            return True
        if " ".join(t.lower for t in tokens) in self.organizations:
            return True
        if first.lower in self.org_heads and first.text[:1].isupper():
            return True
        return len(tokens) == 1 and self.is_org_word(first)

    def _find_name(self, segments: Sequence[Sequence[Token]]) -> tuple[int, list[Token]] | None:
        """The segment holding the person's name, and the name's words.

        A later segment that is only a name wins (`Pengacara Lisa Mariana, Jhony Boy
        Nababan`: the first name belongs to the role); otherwise the first segment that ends
        in a name (`Keir Giles, Konsultan Senior di ...`: the second is an apposition).
        """
        for index, segment in enumerate(segments[1:], start=1):
            core = [t for t in segment if not self.is_rank_or_honorific(t)]
            name = self._trailing_name(segment)
            if name and len(name) == len([t for t in core if not t.text.startswith("(")]):
                return index, name
        for index, segment in enumerate(segments):
            name = self._trailing_name(segment)
            if name:
                return index, name
        return None

    def _trailing_name(self, segment: Sequence[Token]) -> list[Token]:
        """The run of name words at the end of a segment (`... AS Jake Sullivan`)."""
        tail = list(segment)
        while tail and tail[-1].text.startswith("("):
            tail.pop()  # an age or a nickname after the name: `Sergei (40)`
        first = len(tail)
        while first > 0 and self.is_name_word(tail[first - 1]):
            first -= 1
        run = tail[first:]
        while run and (run[0].text in self.particles and not run[0].text[:1].isupper()):
            run.pop(0)
        words = [t for t in run if not _INITIAL.match(t.text)]
        before = tail[len(tail) - len(run) - 1] if len(tail) > len(run) else None
        if before is not None and before.text in _PLACE_HEADS and len(words) >= 3:
            run.pop(0)  # `Kota Banyumili Agus Setiawan`: the word after `Kota` is the town
            words = [t for t in run if not _INITIAL.match(t.text)]
        while len(words) > _MAX_NAME_WORDS:
            run.pop(0)
            words = [t for t in run if not _INITIAL.match(t.text)]
        if not words or run[-1].text in self.org_tails:
            return []  # `Nordic Press Agency` names an institution
        if len(run) == len(tail) and len(run) > 1 and self._is_organization(tail):
            return []
        return run

    def _role_for(
        self, segments: Sequence[Sequence[Token]], index: int, name: Sequence[Token]
    ) -> list[Token]:
        """The role written with the name: before it, or in the segment before or after it."""
        segment = segments[index]
        before = self._strip_ranks(list(segment[: len(segment) - len(name)]))
        while before and before[-1].lower in _NAMING_WORDS:
            before.pop()  # `pedagang bernama Sutini`
        for i in range(len(before) - 1, 0, -1):
            # `Presiden Brasil Luiz Santos dan Perdana Menteri Norwegia Erik Dahl`: the
            # role of the second name starts after the first name and its `dan`.
            if (
                before[i].lower in ("dan", "serta", "&")
                and i >= 2
                and self.is_name_word(before[i - 1])
                and self.is_name_word(before[i - 2])
            ):
                before = before[i + 1 :]
                break
        if self._has_role(before):
            return _from_first_role(before, self)
        if not before and index > 0:
            previous = self._strip_ranks(segments[index - 1])
            if self._has_role(previous):
                return _from_first_role(previous, self)
            if previous and previous[0].lower in self.anonymous_heads:
                return list(previous)  # `seorang warga Bekasi, Rina`: described, not titled
        if index + 1 < len(segments):
            after = self._strip_ranks(segments[index + 1])
            after = after[max(0, role_apposition(after)) :]  # `Nama, yang juga Ketua X,`
            if after and self.is_role_word(after[0]):
                return list(after)
        return []


_ROLE_LEADS = (
    ("yang", "juga", "menjabat", "sebagai"),
    ("yang", "menjabat", "sebagai"),
    ("yang", "juga", "menjabat"),
    ("yang", "menjabat"),
    ("yang", "juga", "merupakan"),
    ("yang", "merupakan"),
    ("yang", "juga"),
    ("yang", "kini"),
    ("selaku",),
    ("sebagai",),
)


def role_apposition(tokens: Sequence[Token]) -> int:
    """How many words lead into a role written after a name (`yang juga Ketua X`, `selaku
    Kepala Y`): the role starts after them. -1 when the words are no such lead."""
    lowered = [t.lower for t in tokens]
    for lead in _ROLE_LEADS:
        if tuple(lowered[: len(lead)]) == lead:
            return len(lead)
    return -1


def _lowercase_at_any(text: str, folded: str, word: str) -> bool:
    """Whether `word` is found in `folded` (`text` casefolded, offset for offset) where `text`
    has a lowercase letter: a superset of where `_LOWERCASE_WORD` finds it in `text`."""
    at = folded.find(word)
    while at != -1:
        if _LOWERCASE_LETTER.match(text, at):
            return True
        at = folded.find(word, at + 1)
    return False


def _in_single_quotes(text: str, token: Token) -> bool:
    """A nickname written in single marks inside a name (`Suparman 'Parmin' Situmorang`)."""
    return (
        token.text[:1].isupper()
        and token.start > 0
        and text[token.start - 1] in "'‘"
        and text[token.end : token.end + 1] in ("'", "’")
    )


def _proper_tail(tokens: Sequence[Token]) -> list[Token]:
    """The capitalised end of an organisation phrase (`kantor berita Nordic Press Agency`
    names `Nordic Press Agency`); the whole phrase when it is all capitalised."""
    run: list[Token] = []
    for token in reversed(tokens):
        if (
            token.text[:1].isupper()
            or token.text.startswith("(")
            or (run and token.lower in _NAME_JOINERS)
        ):
            run.insert(0, token)
        else:
            break
    while run and (run[0].lower in _NAME_JOINERS or run[0].text.startswith("(")):
        run.pop(0)
    return run or list(tokens)


def _split_commas(tokens: Sequence[Token]) -> list[list[Token]]:
    segments: list[list[Token]] = [[]]
    for token in tokens:
        if token.text == ",":
            if segments[-1]:
                segments.append([])
        else:
            segments[-1].append(token)
    return [s for s in segments if s]


def _from_first_role(tokens: Sequence[Token], reader: MentionReader) -> list[Token]:
    for i, token in enumerate(tokens):
        if reader.is_role_word(token):
            return list(tokens[i:])
    return list(tokens)


def _until_relative(tokens: Sequence[Token]) -> list[Token]:
    """A description without its relative clause (`pejabat AS yang tidak mau ...`)."""
    for i, token in enumerate(tokens):
        if token.lower == "yang" and i > 0:
            return list(tokens[:i])
    return list(tokens)


def _words(tokens: Sequence[Token]) -> str:
    return " ".join(
        [t.text for t in tokens if t.text != "," and not t.text.startswith("(")]
    ).strip()


def is_unnamed_source(text: str) -> bool:
    """`sumber yang tidak mau disebut namanya` and the like."""
    return _UNNAMED.search(text) is not None
