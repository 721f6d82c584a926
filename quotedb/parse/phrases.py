"""Step 3a of the parser: the speaker phrase around a cue.

`ArticleView` (an `ArticleText`) finds the speaker phrase written before a cue verb
(`np_before`) or after a post-quote cue (`np_after`), and tells whether a stretch of text
reads as a speaker at all. The rules in `rules/` build on it.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from quotedb.parse.mentions import EPITHET_ENDS, is_unnamed_source
from quotedb.parse.phrase_parts import role_apposition
from quotedb.parse.tokens import Token, first_token, tokenize
from quotedb.parse.view import ArticleText
from quotedb.records import Span

PHRASE_STOP = regex.compile(r"[.;:!?\"“”„]|\n")
_DATE_ONLY = regex.compile(r"\s*\(?[\d/.-]+\)?\s*")
# What `_outside_brackets` looks for: the brackets and the marks that end a phrase.
_COMMA_OR_BRACKET = regex.compile(r"[(),]")
_CLAUSE_MARK_OR_BRACKET = regex.compile(r'[(),.;:"“”]')
# Lowercase words that end a speaker phrase written without commas before its cue verb.
_INLINE_ADJUNCTS = frozenset(
    "saat ketika pada usai seusai dalam kepada melalui lewat sebelumnya kemarin sambil seraya "
    "selaku sebagai yang".split()
)
# Where none of `_INLINE_ADJUNCTS` is written, no token can be one: most phrases hold none.
_INLINE_ADJUNCT_TEXT = regex.compile("|".join(sorted(_INLINE_ADJUNCTS)))
_ROLE_PREPOSITIONS = frozenset({"di", "dari", "pada", "untuk"})
_ROLE_JOINERS = frozenset({"dan", "serta"})
_CONNECTOR_AND_PRONOUN_WORDS = 3  # `namun ia`, `akan tetapi dia`
# Words before a description's head (`salah satu pengemudi ...`, `seorang warga ...`).
_DETERMINER_WORDS = frozenset({"salah", "satu", "seorang", "para", "sang", "sejumlah"})
WINDOW = 300  # how far a rule looks around a cue: speaker phrases are short


class ArticleView(ArticleText):
    """One article's text, and the speaker phrases around its cues."""

    def np_after(self, start: int, limit: int) -> Span | None:
        """The speaker phrase after a post-quote cue: `penasihat ... AS Jake Sullivan`,
        `Keir Giles, Konsultan Senior di Program X`, `Kasubdit IV ..., AKBP Ferdiyan`."""
        reader = self.reader
        limit = min(limit, start + WINDOW)
        # A boundary word first (`Hal itu disampaikan dalam rapat ...`) ends the phrase before
        # it starts, whatever follows: the loop below would stop at its first token. Boundary
        # words are plain words, so no comma or bracket that the loop treats apart.
        first = first_token(self.text, start, limit)
        if first is not None and first.casefold() in self.p.boundary_words:
            return None
        tokens = tokenize(self.text, start, limit)
        hard_end = self._phrase_stop(start, limit)
        end = None
        seen_name = in_apposition = False
        # `kata Ketua Kebun Raya ini`, `tutur Ketua RT 21, Kelurahan X, itu`: an epithet,
        # which points back to a person named before.
        head = next((t for t in tokens if t.lower not in _DETERMINER_WORDS), None)
        described = head is not None and self._describes(head)
        role_first = bool(tokens) and reader.is_role_word(tokens[0])
        for i, token in enumerate(tokens):
            if token.start >= hard_end:
                break
            if token.lower in EPITHET_ENDS and described and end is not None:
                end = token.end
                break
            if token.text == ",":
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if nxt is None or nxt.start >= hard_end:
                    break
                if nxt.lower in EPITHET_ENDS and described:
                    continue
                if (
                    reader.is_rank_or_honorific(nxt)
                    or reader.is_role_word(nxt)
                    or (nxt.text[:1].isupper() and (not seen_name or role_first or described))
                ):
                    in_apposition = reader.is_role_word(nxt) and seen_name
                    continue
                break
            lower = token.lower
            if token.text.startswith("("):
                end = token.end
                continue
            # `di`, `dari`, `pada`, `untuk` end the phrase unless they belong to a role:
            # in an apposition (`Keir Giles, Konsultan Senior di Program X`) or before the
            # name (`peneliti pada Organisasi HAM X, Nama`).
            # `dan`/`serta` before a capital inside an office's name, before the name
            # (`Kepala Satgas Koordinasi dan Supervisi KPK ... Nama`).
            in_role = (
                lower in _ROLE_PREPOSITIONS
                and (
                    in_apposition
                    or (not seen_name and end is not None and self._capital_follows(tokens, i))
                )
            ) or (
                lower in _ROLE_JOINERS
                and end is not None
                and self._capital_follows(tokens, i)
                # After a word read as a name, only inside a role that opens the phrase, and
                # not before a second role (`Presiden A X dan Perdana Menteri B Y`).
                and (not seen_name or (role_first and not reader.is_role_word(tokens[i + 1])))
            )
            # A boundary word ends the phrase, but not written with a capital inside a title
            # (`kata Menteri Dalam Negeri X`).
            if (
                lower in self.p.boundary_words
                and not in_role
                and (token.text[:1].islower() or end is None)
            ):
                break
            if in_role and lower in _ROLE_JOINERS:
                continue  # the words after it end the phrase, not the joiner
            if token.text[:1].isupper() or token.text in reader.particles:
                if reader.is_name_word(token):
                    seen_name = True
                end = token.end
                continue
            if lower in reader.time_words:
                break
            if seen_name and not in_apposition:
                break
            end = token.end
        if end is None:
            return None
        return Span(start, end) if self.text[start:end].strip() else None

    def _describes(self, token: Token) -> bool:
        """Whether a phrase starting with `token` may describe a person (an epithet's
        head): a role word, an anonymous head, or an institution's head."""
        reader = self.reader
        return (
            reader.is_role_word(token)
            or token.lower in reader.anonymous_heads
            or (token.lower in reader.org_heads and token.text[:1].isupper())
        )

    def _phrase_stop(self, start: int, limit: int) -> int:
        """The first full stop or mark that ends a phrase; the dot of `H.`, `Dr.`, `dr.` or
        an initial does not."""
        for stop in PHRASE_STOP.finditer(self.text, start, limit):
            at: int = stop.start()
            if self.text[at] == "." and self._abbreviation_dot(at):
                continue
            return at
        return limit

    @staticmethod
    def _capital_follows(tokens: Sequence[Token], i: int) -> bool:
        return i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper()

    def np_before(self, clause_start: int, verb_start: int) -> Span | None:
        """The speaker phrase before a cue verb, without adverbs (`juga`), adjuncts
        (`, pada Senin (4/9),`), relative clauses (`, yang ...,`) or opening connectors."""
        text = self.text
        clause_start = max(clause_start, verb_start - WINDOW)
        # A semicolon joins two clauses: the speaker is in the one the verb is in.
        clause_start = max(clause_start, text.rfind(";", clause_start, verb_start) + 1)
        end = verb_start
        while True:
            before = text[clause_start:end].rstrip()
            words = before.split()
            if words and words[-1].casefold().strip(",") in self.p.adverbs:
                end = clause_start + before.rfind(words[-1])
                continue
            break
        segments = self._comma_segments(clause_start, end)
        if len(segments) > 1:
            # `..., namun ia mengatakan`: the pronoun after a connector is the speaker
            seg_start, seg_end = segments[-1]
            subject = seg_start
            if len(text[seg_start:seg_end].split()) <= _CONNECTOR_AND_PRONOUN_WORDS:
                subject = self._skip_openers(seg_start, seg_end)
            if subject > seg_start and self._is_pronoun(subject, seg_end):
                return Span(subject, self._rstrip(subject, seg_end, " \t\n,"))
        segments = self._roles_joined(segments)
        while len(segments) > 1 and self._is_adjunct(*segments[-1]):
            segments.pop()
        if not segments:
            return None
        kept = segments[-2:] if len(segments) >= 2 else segments[-1:]
        if len(kept) == 2 and not (
            self._is_role_segment(*kept[0])  # `Juru Bicara Kremlin, Dmitry Peskov, ...`
            or (self._is_role_segment(*kept[1]) and self._is_name_segment(*kept[0]))
        ):  # ... or `Rahmat Sudirja, Ekonom Senior di Lembaga X, menilai`
            kept = kept[-1:]
        start, stop = kept[0][0], kept[-1][1]
        start = self._skip_openers(start, stop)
        stop = self._before_inline_adjunct(max(start, kept[-1][0]), stop)
        while stop > start and (text[stop - 1].isspace() or text[stop - 1] == ","):
            stop -= 1
        if stop <= start:
            return None
        return Span(start, stop)

    def phrase_commas(self, span: Span) -> int:
        """The commas of a speaker phrase, but for those inside a role that lists its places
        or fields (`Kepala Desa X, Kecamatan Y, Kabupaten Z, Nama`): a phrase with many
        others lists several sources or runs into a clause."""
        commas = self.text.count(",", span.start, span.end)
        if commas <= 2:
            return commas
        segments = self._comma_segments(span.start, span.end)
        return commas - (len(segments) - len(self._roles_joined(segments)))

    def _roles_joined(self, segments: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """`segments`, where those that go on with a role (its places or the rest of a list
        of its fields: `role_goes_on`) are one with it."""
        if len(segments) < 3:
            return segments  # a role, its continuation and a name: three at least
        tokens = [tokenize(self.text, start, end) for start, end in segments]
        groups = self.reader.role_groups(tokens)
        return [(segments[first][0], segments[last][1]) for first, last in groups]

    def _is_pronoun(self, start: int, end: int) -> bool:
        return " ".join(self.text[start:end].split()).casefold() in self.reader.anaphors

    def _before_inline_adjunct(self, start: int, stop: int) -> int:
        """`H Burhan Noor saat mendampingi ... mengatakan`: the speaker ends before `saat`."""
        if _INLINE_ADJUNCT_TEXT.search(self.text, start, stop) is None:
            return stop
        tokens = tokenize(self.text, start, stop)
        while tokens and tokens[0].text == ",":
            tokens = tokens[1:]
        for i, token in enumerate(tokens[1:], start=1):
            if token.text in _INLINE_ADJUNCTS:
                if token.text == "yang" and is_unnamed_source(self.text[token.start : stop]):
                    continue
                lead = role_apposition(tokens[i:])
                if 0 < lead < len(tokens) - i and self.reader.is_role_word(tokens[i + lead]):
                    continue  # `Budi selaku Kepala Desa X mengatakan`: the role belongs
                if token.text == "pada" and self._office_follows(tokens, i):
                    continue  # `Kepala Bidang X pada Dinas Y Nama`: the office of the role
                return tokens[i - 1].end
        return stop

    def _office_follows(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether `tokens[i]` (`pada`) joins a role word before it to an institution after
        it (`Kepala Seksi X pada Dinas Y`), rather than opening a time (`pada Senin`)."""
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        return (
            after is not None
            and after.text[:1].isupper()
            and after.lower in self.reader.org_heads
            and any(self.reader.is_role_word(t) for t in tokens[:i])
        )

    def _comma_segments(self, start: int, end: int) -> list[tuple[int, int]]:
        segments = []
        seg_start = start
        for i in self._outside_brackets(_COMMA_OR_BRACKET, start, end):
            if self.text[seg_start:i].strip():
                segments.append((seg_start, i))
            seg_start = i + 1
        if self.text[seg_start:end].strip():
            segments.append((seg_start, end))
        return segments

    def _is_adjunct(self, start: int, end: int) -> bool:
        words = self.text[start:end].split()
        if not words:
            return True
        if self._is_role_apposition(start, end):
            return False  # `Yanto, yang juga Ketua Karang Taruna, mengatakan`
        if all(self.reader.is_degree(w.rstrip(",")) for w in words):
            return True  # `Dra. Siti Rahmawati, M.Si, mengatakan`: a degree after the name
        first = words[0].casefold()
        return (
            first in self.p.boundary_words
            or first in ("yang", "sebagai", "selaku")
            or first in self.reader.time_words
            or _DATE_ONLY.fullmatch(self.text, start, end) is not None
        )

    def _is_role_apposition(self, start: int, end: int) -> bool:
        return self._leads_into_role(tokenize(self.text, start, end))

    def _leads_into_role(self, tokens: list[Token]) -> bool:
        lead = role_apposition(tokens)
        return 0 < lead < len(tokens) and self.reader.is_role_word(tokens[lead])

    def _is_role_segment(self, start: int, end: int) -> bool:
        tokens = tokenize(self.text, start, end)
        if self._leads_into_role(tokens):
            return True
        while tokens and tokens[0].lower in ("seorang", "para", "salah", "satu", "sang"):
            tokens = tokens[1:]
        reader = self.reader
        if tokens and tokens[0].lower in reader.anonymous_heads:
            return True  # `seorang warga Bekasi, Rina (34), mengaku`
        return bool(tokens) and (
            reader.is_role_word(tokens[0])
            or (
                len(tokens) > 1
                and tokens[0].lower in ("mantan", "eks", "wakil", "plt", "pj")
                and reader.is_role_word(tokens[1])
            )
        )

    def _is_name_segment(self, start: int, end: int) -> bool:
        tokens = tokenize(self.text, start, end)
        reader = self.reader
        names = [t for t in tokens if not reader.is_rank_or_honorific(t)]
        return bool(names) and all(reader.is_name_word(t) for t in names)

    def _source_of_document(self, span: Span) -> Span | None:
        """`pernyataan dari kantor Perdana Menteri X`: a statement or document speaks for the
        institution named in it; one that names none (`menurut data`) is no source."""
        tokens = tokenize(self.text, span.start, span.end)
        if not tokens or tokens[0].lower not in self.p.statement_nouns:
            return span
        for i, token in enumerate(tokens):
            if token.text[:1].isupper() and token.text not in self.reader.places:
                if i > 0 and tokens[i - 1].lower in ("kantor", "situs", "laman", "akun"):
                    i -= 1  # `kantor Perdana Menteri Norwegia` is the office that speaks
                return Span(tokens[i].start, span.end)
        return None

    def _capitalised_np(self, start: int, end: int) -> Span | None:
        tokens = tokenize(self.text, start, min(end, start + 80))
        taken = []
        for token in tokens:
            if not (token.text[:1].isupper() or token.text.startswith("(")):
                break
            taken.append(token)
        if not taken or len(taken) == len(tokens):
            return None
        return Span(taken[0].start, taken[-1].end)

    def _comma_after_np(self, start: int, end: int) -> int | None:
        """The comma that ends `Menurut X,`; None when the sentence goes on without one."""
        for i in self._outside_brackets(_CLAUSE_MARK_OR_BRACKET, start, min(end, start + 160)):
            ch = self.text[i]
            if ch == ",":
                return i
            if ch in '.;:"“”' and not (
                ch == "." and i + 1 < end and not self.text[i + 1].isspace()
            ):
                if ch == "." and i > 0 and self.text[i - 1].isupper():
                    continue
                return None
        return None

    def _is_speaker_phrase(self, span: Span, menurut: bool = False) -> bool:
        mention = self.reader.read(self.text, span.start, span.end)
        if mention is None:
            return False
        words = self.text[span.start : span.end].split()
        if menurut and words and words[0].casefold() in self.p.non_sources:
            return False  # `menurut kesepakatan ...`, `menurut data BPS`
        if mention.kind == "name" and len(words) == 1 and self._sentence_initial(span.start):
            # At a sentence start every word is capitalised: `Video yang tersebar ...` is
            # no name when the article writes `video` elsewhere.
            return not self.reader.writes_lowercase(words[0].casefold())
        return True
