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
from functools import cached_property
from typing import Literal

import regex

from quotedb.parse.lexicon import Lexicon
from quotedb.parse.phrase_parts import PhraseParts, role_apposition
from quotedb.parse.tokens import (
    TOKEN,
    Token,
    in_single_quotes,
    kept_words,
    phrase_words,
    placed,
    split_commas,
    tokenize,
)
from quotedb.records import Span

MentionKind = Literal["name", "pronoun", "organization", "anonymous", "role", "epithet"]

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
EPITHET_ENDS = frozenset({"itu", "tersebut", "ini"})
"""What ends an epithet: `politikus itu`, `Ketua Kebun Raya ini`."""
_UNNAMED = regex.compile(
    r"\byang\s+(?:tidak|tak|enggan|menolak|minta|meminta)\b.*\b(?:nama|identitas)\w*", regex.I
)
_LOWERCASE_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{Ll}[\p{L}-]*")
_LOWERCASE_LETTER = regex.compile(r"\p{Ll}")
_SEARCHED_FOR_LOWERCASE = 20_000  # characters
_NAME_JOINERS = frozenset({"dan", "&", "untuk", "di", "dari", "atas"})
_MAX_DESCRIPTION_WORDS = 9
_MAX_PREDICATE_WORDS = 2  # `buka suara`: words of a predicate before its cue verb


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


class MentionReader(PhraseParts):
    """Reads speaker phrases with the lexicon's word lists (build once, use for many)."""

    def __init__(self, lexicon: Lexicon, acronyms: dict[str, str] | None = None) -> None:
        super().__init__(lexicon, acronyms)
        self._article: str | None = None
        self._memo: dict[tuple[int, int], Mention | None] = {}
        self._lowercase: frozenset[str] | None = None
        self._folded: str | None = None
        self._word_sets_built = False

    def for_article(self, text: str, acronyms: dict[str, str]) -> MentionReader:
        """A reader for one article: it knows the article's acronyms, shares this reader's
        word sets, and remembers the phrases it has read (rules and coreference often read
        the same phrase twice)."""
        if not self._word_sets_built:
            self._build_word_sets()
        reader = copy.copy(self)
        reader.acronyms = acronyms
        reader._article = text
        reader._memo = {}
        reader._lowercase = None
        reader._folded = None
        return reader

    def _build_word_sets(self) -> None:
        """Build every word set now, on this reader, so that the copies share them: one
        built first on a copy would be built again for each article."""
        for klass in type(self).__mro__:
            for name, attribute in vars(klass).items():
                if isinstance(attribute, cached_property):
                    getattr(self, name)
        self._word_sets_built = True

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
        words = TOKEN.findall(text, start, end)
        if not any(self._role_word(w) or w.casefold() in self.anonymous_heads for w in words):
            return None
        return self._read_new(text, start, end, placed(text, start, words))

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
        # A glued relay has a capital after its first letter: most words have none.
        while tokens and (
            tokens[0].text == ","
            or (not tokens[0].text[1:].islower() and self.is_glued_relay(tokens[0]))
        ):
            tokens.pop(0)  # `DilansirdetikFinance, Kepala Biro ...`: the outlet relays
        while tokens and (
            tokens[-1].text == ","
            or (not tokens[-1].text[1:].islower() and self.is_glued_relay(tokens[-1]))
        ):
            tokens.pop()  # `..., Wawan (35) kepadadetikJatengdi lokasi`
        if not tokens:
            return None
        if tokens[-1].text[:1].islower():
            tokens = self._until_name_end(tokens)
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
            nicknames = [t for t in tokens if in_single_quotes(text, t)]
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
        if tokens[-1].lower in EPITHET_ENDS and len(tokens) > 2 and tokens[-2].text == ",":
            # `Ketua RT 21, Kelurahan Belo, itu`: the whole phrase describes someone named
            role_tokens = self._strip_ranks([t for t in tokens[:-1] if t.text != ","])
            return self._mention(text, span, raw, "epithet", [], role_tokens, aliases)
        segments = self._roles_joined(tokens, split_commas(tokens)) if "," in raw else [tokens]
        if "yang " in lowered or "selaku " in lowered:
            segments = [part for segment in segments for part in _split_apposition(segment)]
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
        if core[-1].lower in EPITHET_ENDS and len(core) > 1 and not determiner:
            if self._has_clause(_until_relative(core[:-1])):
                return None  # `... sehingga kalau mereka menganggap ... itu`: a clause
            role_tokens = self._strip_ranks(core[:-1])
            return self._mention(text, span, raw, "epithet", [], role_tokens, aliases)
        if len(core) == 1 and core[0].text in self.lexicon.role_acronyms:
            return self._mention(text, span, raw, "role", [], core, aliases)  # `tegas JPU`
        if self._is_organization(core) and not determiner:
            return self._mention(text, span, raw, "organization", _proper_tail(core), [], aliases)
        if (
            len(core) == 1
            and not determiner
            and core[0].text[:1].islower()
            and self.is_role_word(core[0])
        ):
            # `jaksa menilai` (no `seorang`): the holder of the role named before, or an
            # unnamed one
            return self._mention(text, span, raw, "role", [], core, aliases)
        if self._has_role(core) and not determiner and core[0].text[:1].isupper():
            if self._has_clause(core[1:]):
                return None  # `Dia juga meminta polisi untuk`: a clause, not a bare role
            lead = 0
            while lead < len(core) and self.is_name_word(core[lead]):
                lead += 1
            if (
                0 < lead < len(core)
                and self.is_role_word(core[lead])
                and core[lead].text[:1].isupper()
                and not self.writes_lowercase(core[0].lower)  # `Dua orang ...`, `Pihak ...`
            ):
                # `Melki Ketua DPD Partai X`: a name, then its role without a comma
                role_tokens = self._strip_ranks(core[lead:])
                return self._mention(text, span, raw, "name", core[:lead], role_tokens, aliases)
            return self._mention(text, span, raw, "role", [], self._strip_ranks(core), aliases)
        if determiner or core[0].lower in self.anonymous_heads or self._has_role(core):
            description = _until_relative(core)
            if len(description) > _MAX_DESCRIPTION_WORDS or any(
                self.is_clause_word(t) or t.lower in ("untuk", "ada") for t in description[1:]
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
            if len(core) > 1 or self.is_org_word(core[0]) or core[0].text in self.places:
                single = "organization"  # `Australia menganggap ...` speaks for the country
            elif not self.is_name_word(core[0]):
                # `Penyelenggara mengatakan ...`: a common noun opening the sentence
                return self._mention(
                    text, span, raw, "anonymous", [], [], aliases, name_tokens_for_anonymous=core
                )
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
        role = phrase_words(role_tokens) or None
        # From the first word the role keeps to the last: not over a bracketed acronym
        # after it (`Ekonom Universitas X (UX)`), which the role leaves out.
        kept = kept_words(role_tokens)
        role_span = Span(kept[0].start, kept[-1].end) if kept else None
        if kind == "anonymous":
            description = phrase_words(name_tokens_for_anonymous) or role
            return Mention(span, raw, kind, description, span, role, role_span, aliases)
        if kind in ("role", "epithet"):
            return Mention(span, raw, kind, role, role_span, role, role_span, aliases)
        name = phrase_words(name_tokens) or None
        name_span = Span(name_tokens[0].start, name_tokens[-1].end) if name_tokens else None
        return Mention(span, raw, kind, name, name_span, role, role_span, aliases)

    def _roles_joined(self, tokens: list[Token], segments: list[list[Token]]) -> list[list[Token]]:
        """`segments`, where the segments that go on with a role are one with it, their
        commas kept (`Kepala Desa X, Kecamatan Y, Nama`: the role and the name)."""
        if len(segments) < 2:
            return segments
        at = {id(t): k for k, t in enumerate(tokens)}
        return [
            tokens[at[id(segments[first][0])] : at[id(segments[last][-1])] + 1]
            for first, last in self.role_groups(segments)
        ]

    def _until_name_end(self, tokens: list[Token]) -> list[Token]:
        """Without the lowercase words after a name that ends the phrase (`Menteri X Dody
        Hanggodo buka suara` before `merespons`): they are the start of the sentence's
        predicate, no part of the speaker. Roles, descriptions and epithets keep theirs."""
        i = len(tokens)
        while i > 1 and tokens[i - 1].text[:1].islower():
            token = tokens[i - 1]
            if (
                token.lower in EPITHET_ENDS
                or token.text in self.particles
                or self.is_role_word(token)
                or token.lower in self.anonymous_heads
                or self.is_clause_word(token)  # `... digunakan Zaki`: a clause
                or len(tokens) - i >= _MAX_PREDICATE_WORDS
            ):
                return tokens
            i -= 1
        if i < len(tokens) and self.is_name_word(tokens[i - 1]):
            if not self._has_clause(tokens[: i - 1]):  # `... kali ini digunakan Zaki untuk`
                return tokens[:i]
        return tokens

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
            if token.text in self.degrees or (
                kept and kept[-1].text == "," and self.is_degree(token.text)
            ):
                continue  # `Lestari Purnamasari, M.Si.`, `Rina Sari, M.Ed`
            kept.append(token)
        while kept and kept[-1].text == ",":
            kept.pop()
        return kept


def _lowercase_at_any(text: str, folded: str, word: str) -> bool:
    """Whether `word` is found in `folded` (`text` casefolded, offset for offset) where `text`
    has a lowercase letter: a superset of where `_LOWERCASE_WORD` finds it in `text`."""
    at = folded.find(word)
    while at != -1:
        if _LOWERCASE_LETTER.match(text, at):
            return True
        at = folded.find(word, at + 1)
    return False


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


def _split_apposition(segment: list[Token]) -> list[list[Token]]:
    """`Made yang juga guru besar ...` without a comma: the name, and the role after it."""
    for i in range(1, len(segment)):
        if segment[i].lower in ("yang", "selaku") and role_apposition(segment[i:]) > 0:
            return [segment[:i], segment[i:]]
    return [segment]


def _until_relative(tokens: Sequence[Token]) -> list[Token]:
    """A description without its relative clause (`pejabat AS yang tidak mau ...`)."""
    for i, token in enumerate(tokens):
        if token.lower == "yang" and i > 0:
            return list(tokens[:i])
    return list(tokens)


def is_unnamed_source(text: str) -> bool:
    """`sumber yang tidak mau disebut namanya` and the like."""
    return _UNNAMED.search(text) is not None
