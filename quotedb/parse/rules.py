"""Step 3 of the parser: the attribution rules, each finding quote units in the text.

A unit is a span of reported speech plus where its speaker is written (`mention_span`), or
`follows=True` when it continues the speaker of the unit before it. Rules, in the order
`find_units` applies them:

- `direct_units`: quoted spans with a cue after (`"...," kata X`), before (`X mengatakan,
  "..."`, `Menurut X, "..."`), a cue inside (`"A," kata X, "B"`), or none (a paragraph that
  is only a quote continues the last speaker). Text before the marks in the same sentence
  makes the unit `mixed` (`Menyediakan ... "tidak ...", kata X`).
- `indirect_units`: `X mengatakan (bahwa) ...`, `Menurut X, ...`, `..., menurut X`,
  `..., kata X` without marks, `Melansir X, ...`, and a cue inside the clause (`A, kata X,
  B`); a clause with quoted fragments is `mixed`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from quotedb.parse.phrases import PHRASE_STOP, WINDOW, ArticleView
from quotedb.parse.segment import DOUBLE_MARKS, Quoted, Sentence
from quotedb.records import QuoteKind, Span

_TRAILING_PUNCT = ".,;:!?…"
_MIN_INDIRECT_WORDS = 2
_MIN_CONTINUATION_WORDS = 4
_CLAUSE_OPENER = regex.compile(r"\s*(?:[,:]\s*)?(?:(?i:bahwa|jika|kalau|apabila|agar)\b\s*,?\s*)?")
_ADJUNCT_BEFORE_BAHWA = regex.compile(
    r"\s*(?:,\s*)?(?i:sebelumnya|pada|kepada|dalam|di|saat|ketika|kemarin|usai|melalui|lewat|"
    r"seusai|dilansir|seperti)\b[^.!?\"“”]{0,120}?\b(?i:bahwa)\b\s*,?\s*"
)


_RELATIVE_END = regex.compile(r"(?i)\byang\s+(?:\w+\s+)?\Z")
_BAHWA_NEXT = regex.compile(r"\s*,?\s*(?i:bahwa)\b")
_AGENT_OLEH = regex.compile(r"\s+oleh\s+")
_TAIL_JOINT = regex.compile(r"\s*,\s*(?:dan|serta|sedangkan|namun|tetapi)\s+")
_RELAYED_CLAUSE = regex.compile(r"\s*,?\s*\bbahwa\b\s*,?\s*|,\s*")
# Between a cue verb and `bahwa`: an adjunct (`pada hari Senin`) or an addressee with a name
# (`pemimpin Kim Jong Un`); the clause starts after `bahwa`. A lowercase noun there is part
# of the content (`menepis anggapan bahwa ...`): see `_object_before_bahwa`.
_OBJECT_THEN_BAHWA = regex.compile(r"(?P<object>[^.!?\"“”]{1,90}?)\s+(?i:bahwa)\b\s*,?\s*")
_SETTING_NEXT = regex.compile(r"\s*(?:,|\s(?:saat|ketika|kepada|dalam|di|pada|seperti))")
_COMMA_THEN_WORD = regex.compile(r"\s*,\s*\S")
_SECOND_CUE = regex.compile(r"(?:,\s*|\s+)(?:dan|serta|sedangkan|sementara)\s+|;\s*")
_RELAY_VERB = regex.compile(r"(?<![\p{L}])(?:mengutip|melansir|menukil)(?![\p{L}])")
# What may stand between a cue verb and the quote it opens for `_interruption` to let it be.
_CUE_TO_QUOTE = regex.compile(r"[,:]? ?")


@dataclass(frozen=True, slots=True)
class Unit:
    start: int
    end: int
    kind: QuoteKind
    paragraph: int
    cue: str | None = None
    cue_span: Span | None = None
    mention_span: Span | None = None
    follows: bool = False
    """No speaker written: the speaker of the unit before (a continuation paragraph)."""


def _trim_clause(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING_PUNCT):
        end -= 1
    return start, end


def _word_count(text: str) -> int:
    return len(text.split())


class UnitFinder(ArticleView):
    """Applies the rules to one article."""

    # --- speaker phrases ----------------------------------------------------------------

    # --- direct quotes ------------------------------------------------------------------

    def direct_units(self) -> list[Unit]:
        units: list[Unit] = []
        groups = self._quote_groups()
        for group in groups:
            units.extend(self._direct_group(group, units))
        return units

    def _passive_after(self, q: Quoted) -> tuple[str, Span, Span | None] | None:
        """`"..." Hal itu disampaikan Nadia dalam diskusi ...`: the sentence after the quote
        attributes it."""
        if q.close_at is None:
            return None
        return self._passive_at(q.close_at + 1)

    def _passive_at(self, at: int) -> tuple[str, Span, Span | None] | None:
        while at < len(self.text) and self.text[at] in " \t.,":
            at += 1
        sentence = self._sentence_at(at)
        if sentence is None or sentence.start != at:
            return None
        match = self.p.passive.match(self.text, at, sentence.end)
        if match is None:
            return None
        cue_span = Span(match.start("cue"), match.end("cue"))
        if match.group("nya"):
            return match.group("cue"), cue_span, Span(match.start("cue"), match.end())
        begin = match.end()
        agent = _AGENT_OLEH.match(self.text[begin : begin + 8])
        if agent:
            begin += agent.end()
        mention = self.np_after(begin, sentence.end)
        if mention is None or not self._is_speaker_phrase(mention):
            return None
        return match.group("cue"), cue_span, mention

    def _split_quote_cue(
        self, q: Quoted, previous: list[Unit]
    ) -> tuple[str, Span, Span | None] | None:
        """`"A," kata X, "B."`: the second part takes the cue written between the two."""
        if q.open_at is None or not previous:
            return None
        last = previous[-1]
        if last.mention_span is None or last.cue_span is None or last.follows:
            return None
        between = self.text[max(last.mention_span.end, last.cue_span.end) : q.open_at]
        if last.end < last.cue_span.start and between.strip() == ",":
            return last.cue or "", last.cue_span, last.mention_span
        return None

    def _quote_groups(self) -> list[list[Quoted]]:
        """Quoted parts of one quote that runs over paragraphs, together."""
        groups: list[list[Quoted]] = []
        for q in self.quoted:
            if (
                groups
                and groups[-1][-1].close_at is None
                and q.open_at is None
                or (
                    groups
                    and groups[-1][-1].close_at is None
                    and q.paragraph == groups[-1][-1].paragraph + 1
                    and self._starts_paragraph(q)
                )
            ):
                groups[-1].append(q)
            else:
                groups.append([q])
        return groups

    def _starts_paragraph(self, q: Quoted) -> bool:
        sentence = self._sentence_at(q.outer_start)
        return sentence is not None and sentence.start == q.outer_start

    def _direct_group(self, group: list[Quoted], previous: list[Unit]) -> list[Unit]:
        last = group[-1]
        split = self._split_quote_cue(group[0], previous)
        attribution = (
            split or self._post_cue(last) or self._pre_cue(group[0]) or self._passive_after(last)
        )
        if attribution is None:
            if self._is_continuation(group, previous):
                return [Unit(q.start, q.end, "direct", q.paragraph, follows=True) for q in group]
            return []
        cue, cue_span, mention = attribution
        units: list[Unit] = []
        for q in group:
            kind: QuoteKind
            kind, start = ("direct", q.start) if split else self._direct_kind(q)
            if kind == "direct":
                units.append(Unit(q.start, q.end, kind, q.paragraph, cue, cue_span, mention))
            else:
                start, _ = _trim_clause(self.text, start, q.outer_end)
                units.append(Unit(start, q.outer_end, kind, q.paragraph, cue, cue_span, mention))
        units.extend(self._split_quote_tail(last, attribution))
        return units

    def _direct_kind(self, q: Quoted) -> tuple[QuoteKind, int]:
        """`direct` when the marks open the sentence; `mixed` (from the sentence's first word
        after any connector) when words come before them."""
        sentence = self._sentence_at(q.outer_start)
        if sentence is None or q.open_at is None:
            return "direct", q.start
        lead_start = self._skip_openers(sentence.start, q.outer_start)
        lead = self.text[max(lead_start, q.outer_start - WINDOW) : q.outer_start].strip(" ,")
        near = max(lead_start, q.outer_start - WINDOW)
        if not lead or self._lead_is_attribution(near, q.outer_start):
            return "direct", q.start
        if self.text[q.start].isupper() and self._has_cue_verb(near, q.outer_start):
            # `Jokowi mengatakan ... Muhammadiyah "Saya ...," tutur Jokowi`: a full sentence in
            # marks after a reported clause of its own; the clause is an indirect unit.
            return "direct", q.start
        return "mixed", lead_start

    def _lead_is_attribution(self, start: int, end: int) -> bool:
        lead = self.text[start:end]
        if self.p.menurut.match(lead.strip()) or self.p.relay.match(lead.strip()):
            return True
        return self._verb_before(start, end) is not None

    def _post_cue(self, q: Quoted) -> tuple[str, Span, Span | None] | None:
        if q.close_at is None:
            return None
        after = q.close_at + 1
        sentence = self._sentence_at(q.close_at)
        limit = sentence.end if sentence else len(self.text)
        match = self.p.post_cue.match(self.text, after, limit)
        if match and self._cue_allowed(q, after):
            cue_span = Span(match.start("cue"), match.end("cue"))
            if match.group("nya"):
                return match.group("cue"), cue_span, cue_span
            mention = self.np_after(match.end(), limit)
            if mention is None:
                return None
            return match.group("cue"), cue_span, mention
        # Subject first, as in translated copy: `"...," dia menambahkan.`
        limit = min(limit, after + WINDOW)
        begin = after
        while begin < limit and (self.text[begin].isspace() or self.text[begin] == ","):
            begin += 1
        verb = next(self.cue_verbs(begin, min(limit, begin + 120)), None)
        if (
            verb
            and self.text[begin : verb.start()].strip()
            and not PHRASE_STOP.search(self.text, begin, verb.start())
            and "," not in self.text[begin : verb.start()]
        ):
            mention = self.np_before(begin, verb.start())
            if mention is not None and self._is_speaker_phrase(mention):
                return verb.group("verb"), Span(verb.start(), verb.end()), mention
        return None

    def _cue_allowed(self, q: Quoted, after: int) -> bool:
        """A post-quote cue needs the quote to end its clause (`," kata` or `?" tanya`)."""
        inside_end = self.text[q.start : q.end].rstrip()
        between = self.text[after : after + 3]
        return bool(inside_end) and (inside_end[-1] in ",!?.…-—" or between.lstrip()[:1] == ",")

    def _pre_cue(self, q: Quoted) -> tuple[str, Span, Span | None] | None:
        if q.open_at is None:
            return None
        sentence = self._sentence_at(q.open_at)
        if sentence is None:
            return None
        start = self._skip_openers(max(sentence.start, q.open_at - WINDOW), q.open_at)
        lead = self.text[start : q.open_at]
        if not lead.strip():
            return None
        stripped = lead.strip()
        menurut = self.p.menurut.match(self.text, start)
        if menurut and stripped.endswith(","):
            cue_span = Span(menurut.start("cue"), menurut.end("cue"))
            if menurut.group("nya"):
                return menurut.group("cue"), cue_span, cue_span
            comma = self.text.rfind(",", start, q.open_at)
            source = Span(menurut.end(), comma)
            if self.text[source.start : source.end].strip():
                return menurut.group("cue"), cue_span, self._strip_span(source)
        verb = self._verb_before(start, q.open_at)
        if verb is None:
            return None
        mention = self.np_before(start, verb.start)
        if mention is None or not self._is_speaker_phrase(mention):
            return None
        return self.text[verb.start : verb.end], verb, mention

    def _split_quote_tail(
        self, q: Quoted, attribution: tuple[str, Span, Span | None]
    ) -> list[Unit]:
        """`"A," kata X, dan B "c" D.`: the words after the cue phrase, by the same speaker."""
        cue, cue_span, mention = attribution
        if q.close_at is None or mention is None or mention.start < q.close_at:
            return []
        sentence = self._sentence_at(q.close_at)
        if sentence is None:
            return []
        rest = self.text[mention.end : min(sentence.end, mention.end + WINDOW)]
        match = _TAIL_JOINT.match(rest)
        if not match:
            return []
        start, end = _trim_clause(self.text, mention.end + match.end(), sentence.end)
        if _word_count(self.text[start:end]) < _MIN_INDIRECT_WORDS:
            return []
        kind: QuoteKind = "mixed" if self._has_marks(start, end) else "indirect"
        return [Unit(start, end, kind, sentence.paragraph, cue, cue_span, mention)]

    def _is_continuation(self, group: list[Quoted], previous: list[Unit]) -> bool:
        first = group[0]
        if not previous or previous[-1].paragraph < first.paragraph - 2:
            return False
        if sum(_word_count(self.text[q.start : q.end]) for q in group) < _MIN_CONTINUATION_WORDS:
            return False
        sentence = self._sentence_at(first.outer_start)
        return sentence is not None and sentence.start == first.outer_start

    # --- indirect quotes ----------------------------------------------------------------

    def indirect_units(self, taken: Sequence[Unit]) -> list[Unit]:
        taken = sorted(taken, key=lambda u: u.start)
        self._taken_starts = [u.start for u in taken]
        units: list[Unit] = []
        sentences = self.sentences
        cued = [self.cues.touch(s.start, s.end) for s in sentences]
        # Each rule starts from a cue word in the sentence, but for `... Demikian dikatakan
        # X.`, whose cue opens the next sentence (`_passive_at` finds only a sentence that
        # starts where this one's stop and spaces end: the next one). A sentence without a
        # cue word is tried for that alone.
        for i, sentence in enumerate(sentences):
            if cued[i]:
                units.extend(self._sentence_units(sentence, taken, cued=True))
            elif i + 1 < len(sentences) and cued[i + 1] and self._opens_passive(sentences[i + 1]):
                units.extend(self._sentence_units(sentence, taken, cued=False))
        return units

    def _opens_passive(self, sentence: Sentence) -> bool:
        return self.p.passive.match(self.text, sentence.start, sentence.end) is not None

    def _sentence_units(self, sentence: Sentence, taken: Sequence[Unit], cued: bool) -> list[Unit]:
        """The units of one sentence: by a passive cue in the next one, or (where the
        sentence holds a cue word) by the first rule that finds any."""
        start = self._skip_openers(sentence.start, sentence.end)
        if cued and self._only_cues_a_taken_quote(sentence, start, taken):
            return []
        passive = self._passive_at(sentence.end)
        if passive is not None:  # `... Demikian dikatakan X.` attributes this sentence
            cue, cue_span, mention = passive
            unit = self._make(start, sentence.end, sentence, cue, cue_span, mention)
            if unit and not self._has_marks(unit.start, unit.end):
                return [] if self._overlaps_taken(unit, taken) else [unit]
        if not cued:
            return []
        for rule in (self._menurut_first, self._relay_first, self._verb_clause, self._cue_last):
            units = rule(sentence, start)
            if units:
                split = [part for u in units for part in self._split_trailing_quote(u)]
                return [u for u in split if not self._overlaps_taken(u, taken)]
        return []

    def _only_cues_a_taken_quote(
        self, sentence: Sentence, start: int, taken: Sequence[Unit]
    ) -> bool:
        """`X menegaskan, "..."` whose quote a direct unit holds: any unit found here would
        overlap that one and be dropped, so the rules need not look.

        The conditions: the quote is the only one opening in the sentence, closes in it with
        only white space and stops (`_TRAILING_PUNCT`) after it, and a taken unit covers its
        words; its cue word is the sentence's only one outside it, after `start`, followed by
        no more than `,` or `:` and one space before the mark; no cue comma is outside it.

        Why that is exact: the passive cue's unit would run from `start` over the quote, so
        it would be mixed, which that rule never takes. `_cue_last` needs a cue comma, and
        `_menurut_first` a cue word at `start`. Every other unit starts after the cue word
        its rule matched, which can only be this one (each rule's cue is a cue word, see
        `CueWords`), or after `bahwa` inside the quote, and `_trim_clause` moves its start
        past the gap to the mark; a second clause of `_clause_units` needs words after a
        conjunction outside the quote, where there are none. The one unit starting before
        the cue, `_interruption`'s, needs a comma after the cue verb that no mark follows.
        So each unit ends before the stops after the quote and starts at its mark or inside
        it; with two words (or as the quote's words) it holds one of the quote's words, which
        the taken unit covers.
        """
        quotes = self._quotes_between(sentence.start, sentence.end - 1)
        if len(quotes) != 1:
            return False
        quote = quotes[0]
        if quote.open_at is None or quote.close_at is None or quote.start >= quote.end:
            return False
        if quote.outer_end > sentence.end:
            return False
        holder = bisect_right(self._taken_starts, quote.start) - 1
        if holder < 0 or taken[holder].end < quote.end:
            return False
        cues = self.cues
        touching = range(
            bisect_right(cues.ends, sentence.start), bisect_left(cues.starts, sentence.end)
        )
        outside = [i for i in touching if not quote.outer_start <= cues.starts[i] < quote.outer_end]
        if len(outside) != 1:
            return False
        cue_start, cue_end = cues.starts[outside[0]], cues.ends[outside[0]]
        if (
            cue_start <= start
            or _CUE_TO_QUOTE.fullmatch(self.text, cue_end, quote.outer_start) is None
        ):
            return False
        if any(
            not quote.outer_start <= comma < quote.outer_end
            for comma in cues.commas_between(sentence.start, sentence.end)
        ):
            return False
        tail = self.text[quote.outer_end : sentence.end]
        return all(ch.isspace() or ch in _TRAILING_PUNCT for ch in tail)

    def _overlaps_taken(self, unit: Unit, taken: Sequence[Unit]) -> bool:
        """`taken` is sorted by start; only its units starting before `unit.end` can overlap,
        and of those only the last few reach that far (quotes do not nest)."""
        i = bisect_left(self._taken_starts, unit.end) - 1
        for t in taken[max(0, i - 3) : i + 1]:
            if unit.start < t.end and t.start < unit.end:
                return True
        return False

    def _make(
        self,
        start: int,
        end: int,
        sentence: Sentence,
        cue: str,
        cue_span: Span,
        mention: Span | None,
    ) -> Unit | None:
        start, end = _trim_clause(self.text, start, end)
        if _word_count(self.text[start:end]) < _MIN_INDIRECT_WORDS:
            return None
        kind: QuoteKind = "indirect"
        if self._has_marks(start, end):
            inner = [q for q in self._quotes_between(start, end) if q.outer_end <= end + 1]
            if len(inner) == 1 and inner[0].outer_start == start and inner[0].outer_end >= end:
                return Unit(
                    inner[0].start,
                    inner[0].end,
                    "direct",
                    sentence.paragraph,
                    cue,
                    cue_span,
                    mention,
                )
            kind = "mixed"
        return Unit(start, end, kind, sentence.paragraph, cue, cue_span, mention)

    def _split_trailing_quote(self, unit: Unit) -> list[Unit]:
        """`X mengatakan ... "Saya ..."`: a full sentence in marks closing the clause is a
        direct quote of its own; lowercase fragments stay inside a mixed clause."""
        if unit.kind != "mixed":
            return [unit]
        last = [
            q for q in self._quotes_between(unit.start + 1, unit.end) if q.outer_end >= unit.end
        ]
        if len(last) != 1:
            return [unit]
        q = last[0]
        words = self.text[q.start : q.end].split()
        if len(words) < 4 or not self.text[q.start].isupper():
            return [unit]
        start, end = _trim_clause(self.text, unit.start, q.outer_start)
        if _word_count(self.text[start:end]) < _MIN_INDIRECT_WORDS:
            return [unit]
        kind: QuoteKind = "mixed" if self._has_marks(start, end) else "indirect"
        head = Unit(start, end, kind, unit.paragraph, unit.cue, unit.cue_span, unit.mention_span)
        tail = Unit(
            q.start, q.end, "direct", unit.paragraph, unit.cue, unit.cue_span, unit.mention_span
        )
        return [head, tail]

    def _menurut_first(self, sentence: Sentence, start: int) -> list[Unit]:
        """`Menurut X, ...` / `Menurutnya, ...` / `Kata X, ...` at the clause start."""
        if not self.cues.touch(start, start + 1):
            return []  # both cues are cue words, and neither is written at `start`
        clitic = self.p.agent_clitic.match(self.text, start, sentence.end)
        if clitic:  # `Ditambahkannya, ...` like `Menurutnya, ...`
            cue_span = Span(clitic.start("cue"), clitic.end("cue"))
            unit = self._make(
                clitic.end(), sentence.end, sentence, clitic.group("cue"), cue_span, cue_span
            )
            return [unit] if unit else []
        match = self.p.menurut.match(self.text, start, sentence.end)
        if not match:
            return []
        cue_span = Span(match.start("cue"), match.end("cue"))
        if match.group("nya"):
            mention: Span | None = cue_span
            content = match.end()
        else:
            comma = self._comma_after_np(match.end(), sentence.end)
            if comma is not None:
                mention = self._strip_span(Span(match.end(), comma))
                content = comma + 1
            else:  # `Menurut AHY pemerintah terus ...`: no comma, the name ends the phrase
                mention = self._capitalised_np(match.end(), sentence.end)
                if mention is None:
                    return []
                content = mention.end
            mention = self._source_of_document(mention)
            if mention is None or not self._is_speaker_phrase(mention, menurut=True):
                return []
        unit = self._make(content, sentence.end, sentence, match.group("cue"), cue_span, mention)
        return [unit] if unit else []

    def _relay_first(self, sentence: Sentence, start: int) -> list[Unit]:
        """`Melansir BBC, ...` / `Seperti dikutip dari situs X, ...`."""
        match = self.p.relay.match(self.text, start, sentence.end)
        if not match:
            return []
        comma = self._comma_after_np(match.end(), sentence.end)
        if comma is None:
            return []
        mention = self._source_of_document(self._strip_span(Span(match.end(), comma)))
        if mention is None:
            return []
        cue_span = Span(match.start("cue"), match.end("cue"))
        unit = self._make(comma + 1, sentence.end, sentence, match.group("cue"), cue_span, mention)
        return [unit] if unit else []

    def _verb_clause(self, sentence: Sentence, start: int) -> list[Unit]:
        """`X mengatakan (bahwa) ...`, with `X, kata dia, Y` and `A, X menambahkan, B`."""
        for verb in self._verbs_outside_quotes(start, sentence.end):
            verb_class = self.p.verb_classes.get(verb.group("verb").casefold())
            if verb_class == "optional":
                continue  # requests and wishes are optional in the gold: never worth a guess
            if verb_class == "report" and not self._bahwa_follows(verb.end(), sentence.end):
                continue
            before = self.text[max(start, verb.start() - 40) : verb.start()]
            if _RELATIVE_END.search(before):
                continue  # a relative clause: `kesaksian yang menyebut`
            mention = self.np_before(start, verb.start())
            if mention is None or not self._is_speaker_phrase(mention):
                continue
            interrupted = self._interruption(start, mention, verb, sentence)
            if interrupted:
                return interrupted
            if self.text[mention.start : mention.end].count(",") > 2:
                continue
            content = verb.end()
            skip = _ADJUNCT_BEFORE_BAHWA.match(self.text, content, sentence.end) or (
                self._object_before_bahwa(content, sentence.end)
            )
            if skip:
                content = skip.end()
            opener = _CLAUSE_OPENER.match(self.text, content, sentence.end)
            if opener:
                content = opener.end()
            cue_span = Span(verb.start(), verb.end())
            return self._clause_units(content, sentence, verb.group("verb"), cue_span, mention)
        return []

    def _verbs_outside_quotes(self, start: int, end: int) -> Iterator[regex.Match[str]]:
        """The cue verbs in [start, end) outside quoted spans, in text order. The quoted
        parts are not searched at all: a verb is a word, which never runs into a mark."""
        for part_start, part_end in self._outside_quotes(start, end):
            yield from self.cue_verbs(part_start, part_end)

    def _clause_units(
        self, content: int, sentence: Sentence, cue: str, cue_span: Span, mention: Span
    ) -> list[Unit]:
        """One clause, or two where a second cue follows a conjunction: `A, dan Y
        mengatakan B` (speaker Y), `A dan menegaskan B` (same speaker), `A, dan Z mengutip
        W, bahwa B` (speaker W, relayed by Z)."""
        for joint in _SECOND_CUE.finditer(self.text, content, sentence.end):
            if self._in_quote(joint.start()):
                continue
            second = self._second_attribution(joint.end(), sentence, mention)
            if second is None:
                continue
            first = self._make(content, joint.start(), sentence, cue, cue_span, mention)
            if first is None:
                continue
            cue2, cue2_span, mention2, content2 = second
            return [first, *self._clause_units(content2, sentence, cue2, cue2_span, mention2)]
        unit = self._make(content, sentence.end, sentence, cue, cue_span, mention)
        return [unit] if unit else []

    def _second_attribution(
        self, start: int, sentence: Sentence, mention: Span
    ) -> tuple[str, Span, Span, int] | None:
        window_end = min(sentence.end, start + 120)
        relay = _RELAY_VERB.search(self.text, start, window_end)
        verb = next(self.cue_verbs(start, window_end), None)
        if relay and (verb is None or relay.start() < verb.start()):
            relayer = self.text[start : relay.start()].strip()
            if not relayer or self.reader.read(self.text, start, relay.start()) is None:
                return None
            stop = _RELAYED_CLAUSE.search(self.text, relay.end(), sentence.end)
            if stop is None:
                return None
            source = self._strip_span(Span(relay.end(), stop.start()))
            if not self._is_speaker_phrase(source):
                return None
            return relay.group(), Span(relay.start(), relay.end()), source, stop.end()
        if verb is None or self.p.verb_classes.get(verb.group("verb").casefold()) in (
            "optional",
            "report",
        ):
            return None
        between = self.text[start : verb.start()]
        if not between.strip():
            subject = mention  # `... dan menegaskan ...`: the same speaker
        else:
            if _word_count(between) > 8 or "," in between:
                return None
            found = self.np_before(start, verb.start())
            if found is None or not self._is_speaker_phrase(found):
                return None
            subject = found
        content = verb.end()
        opener = _CLAUSE_OPENER.match(self.text, content, sentence.end)
        if opener:
            content = opener.end()
        return verb.group("verb"), Span(verb.start(), verb.end()), subject, content

    def _bahwa_follows(self, at: int, end: int) -> bool:
        return bool(
            _ADJUNCT_BEFORE_BAHWA.match(self.text, at, end)
            or _BAHWA_NEXT.match(self.text, at, end)
            or self._object_before_bahwa(at, end)
        )

    def _object_before_bahwa(self, start: int, end: int) -> regex.Match[str] | None:
        match = _OBJECT_THEN_BAHWA.match(self.text, start, end)
        if match is None or match.group("object").startswith(","):
            return None
        words = match.group("object").split()
        if len(words) > 9 or not any(w[:1].isupper() for w in words):
            return None
        return match

    def _interruption(
        self, start: int, mention: Span, verb: regex.Match[str], sentence: Sentence
    ) -> list[Unit]:
        """`Bukan mustahil, ia melanjutkan, apabila ...`: one unit over the whole content."""
        lead = self.text[max(start, mention.start - WINDOW) : mention.start].rstrip()
        after = self.text[verb.end() : verb.end() + 3]
        if not lead.endswith(",") or not after.startswith(","):
            return []
        if self.text[verb.end() + 1 : verb.end() + 3].lstrip()[:1] in DOUBLE_MARKS:
            return []  # `..., X mengatakan, "..."`: a quote with its cue before it
        if _word_count(lead) < 1 or self.p.connector.match(lead + " "):
            return []
        cue_span = Span(verb.start(), verb.end())
        unit = self._make(start, sentence.end, sentence, verb.group("verb"), cue_span, mention)
        return [unit] if unit else []

    def _cue_last(self, sentence: Sentence, start: int) -> list[Unit]:
        """`..., kata X.` / `..., menurut X.` / `A, kata X, B.` without quotation marks."""
        # A match holds one comma, its first character: trying each comma that `cues` finds
        # gives what a search would, without reading the sentence between them.
        for comma in self.cues.commas_between(start, sentence.end):
            match = self.p.cue_after_content.match(self.text, comma, sentence.end)
            if match is None or self._in_quote(comma):
                continue
            cue_span = Span(match.start("cue"), match.end("cue"))
            if match.group("nya"):
                mention: Span | None = cue_span
                np_end = match.end()
            else:
                mention = self.np_after(match.end(), sentence.end)
                if mention is None:
                    continue
                np_end = mention.end
                mention = self._source_of_document(mention)
            if mention is None or (
                mention != cue_span and not self._is_speaker_phrase(mention, menurut=True)
            ):
                continue
            rest = self.text[np_end : min(sentence.end, np_end + WINDOW)]
            end = sentence.end
            if _COMMA_THEN_WORD.match(rest):
                pass  # the cue interrupts the content: one unit over all of it
            elif rest.strip(' .!?…"”'):
                if not _SETTING_NEXT.match(rest):
                    continue
                end = match.start()
            else:
                end = match.start()
            unit = self._make(start, end, sentence, match.group("cue"), cue_span, mention)
            if unit:
                return [unit]
        return []

    def find_units(self) -> list[Unit]:
        direct = self.direct_units()
        indirect = self.indirect_units(direct)
        units = sorted(direct + indirect, key=lambda u: (u.start, u.end))
        return units
