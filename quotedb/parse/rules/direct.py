"""The direct rules: quoted spans and the cue that attributes them.

A cue after the closing mark (`"...," kata X`, `ujarnya`, `tambah dia`), before the opening
one (`X mengatakan, "..."`, `Menurut X, "..."`), inside a split quote (`"A," kata X, "B"`),
or none (a paragraph that is only a quote continues the last speaker). Text before the marks
in the same sentence makes the unit `mixed` (`Menyediakan ... "tidak ...", kata X`).
"""

from __future__ import annotations

import regex

from quotedb.parse.phrases import PHRASE_STOP, WINDOW
from quotedb.parse.rules.base import (
    MIN_INDIRECT_WORDS,
    TRAILING_PUNCT,
    RuleView,
    Unit,
    trim_clause,
    word_count,
)
from quotedb.parse.segment import Quoted
from quotedb.records import QuoteKind, Span

_MIN_CONTINUATION_WORDS = 4
_MAX_TAIL = 5_000  # characters: the longest sentence of the corpus and gold files has 2,266
_FIRST_WORD = regex.compile(r"[\p{L}]+")
_TAIL_JOINT = regex.compile(r"\s*,\s*(?:dan|serta|sedangkan|namun|tetapi)\s+")


class DirectRules(RuleView):
    """The direct rules of one article."""

    def direct_units(self) -> list[Unit]:
        units: list[Unit] = []
        groups = self._quote_groups()
        for group in groups:
            found = self._direct_group(group, units)
            start = min(found[0].start, group[0].outer_start) if found else None
            if start is not None and units and units[-1].end > start:
                # `"A," kata X, dan B "C," kata Y`: the tail after X's cue ends where the
                # next attributed quote starts (only a tail reaches past a later quote).
                units[-1:] = self._cut(units[-1], start)
            units.extend(found)
        return units

    def _cut(self, tail: Unit, end: int) -> list[Unit]:
        cue_span = tail.cue_span
        assert tail.cue is not None and cue_span is not None
        attribution = tail.cue, cue_span, tail.mention_span
        return self._tail(tail.start, min(tail.end, end), tail.paragraph, attribution)

    def _passive_after(self, q: Quoted) -> tuple[str, Span, Span | None] | None:
        """`"..." Hal itu disampaikan Nadia dalam diskusi ...`: the sentence after the quote
        attributes it."""
        if q.close_at is None:
            return None
        return self._passive_at(q.close_at + 1)

    def _split_quote_cue(
        self, q: Quoted, previous: list[Unit]
    ) -> tuple[str, Span, Span | None] | None:
        """`"A," kata X, "B."`: the second part takes the cue written between the two."""
        if q.open_at is None or not previous:
            return None
        last = previous[-1]
        if last.mention_span is None or last.cue_span is None or last.follows:
            return None
        after_cue = max(last.mention_span.end, last.cue_span.end)
        if q.open_at - after_cue > WINDOW:
            return None  # not sliced: every later quote without a cue would slice from here
        between = self.text[after_cue : q.open_at]
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
        floor = self._after_units(previous, group[0].outer_start)
        units: list[Unit] = []
        for q in group:
            kind: QuoteKind
            kind, start = ("direct", q.start) if split else self._direct_kind(q, floor)
            if kind == "direct":
                units.append(Unit(q.start, q.end, kind, q.paragraph, cue, cue_span, mention))
            else:
                start, _ = trim_clause(self.text, start, q.outer_end)
                units.append(Unit(start, q.outer_end, kind, q.paragraph, cue, cue_span, mention))
        units.extend(self._split_quote_tail(last, attribution))
        return units

    def _after_units(self, units: list[Unit], before: int) -> int:
        """Where the last of `units` that ends before `before` ends, with its cue and
        speaker: words after it may lead a quote (a tail after its cue ends later)."""
        for unit in reversed(units[-2:]):  # a tail, then its quote
            if unit.end <= before:
                return max(
                    unit.end,
                    unit.cue_span.end if unit.cue_span else 0,
                    unit.mention_span.end if unit.mention_span else 0,
                )
        return 0

    def _direct_kind(self, q: Quoted, floor: int = 0) -> tuple[QuoteKind, int]:
        """`direct` when the marks open the sentence; `mixed` when words come before them,
        from the sentence's first word after any connector, but never over a quote found
        before (`floor`) nor from more than `WINDOW` before the marks: without that bound,
        each quote of a text with no sentence stop would run from the text's start
        (quadratic time and memory). Real leads are under 200 characters."""
        sentence = self._sentence_at(q.outer_start)
        if sentence is None or q.open_at is None:
            return "direct", q.start
        near = self._lead_start(sentence, q.outer_start)
        if near < q.outer_start - WINDOW:
            near = self._next_word(q.outer_start - WINDOW, q.outer_start)
        if near < floor <= q.outer_start:
            near = floor
        lead = self.text[near : q.outer_start].strip(" \t\n" + TRAILING_PUNCT)
        if not lead or self._lead_is_attribution(near, q.outer_start):
            return "direct", q.start
        if self.text[q.start].isupper() and self._has_cue_verb(near, q.outer_start):
            # `Jokowi mengatakan ... Muhammadiyah "Saya ...," tutur Jokowi`: a full sentence in
            # marks after a reported clause of its own; the clause is an indirect unit.
            return "direct", q.start
        return "mixed", near

    def _next_word(self, at: int, end: int) -> int:
        """`at`, or past the rest of the word `at` falls in and the white space after it."""
        while at < end and not self.text[at - 1].isspace():
            at += 1
        while at < end and self.text[at].isspace():
            at += 1
        return at

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
            return match.group("cue"), cue_span, self._pronoun_alone(mention)
        said = self._said_thus(q, after, limit)
        if said is not None:
            return said
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

    def _pronoun_alone(self, mention: Span) -> Span:
        """`kata dia ditemui di DPR`, `kata dia menegaskan`: a pronoun is the whole speaker
        phrase; a lowercase word after it starts telling how or where the words were said."""
        first = _FIRST_WORD.search(self.text, mention.start, mention.end)
        if (
            first is None
            or first.end() == mention.end
            or self.text[mention.start : first.start()].strip()
        ):
            return mention
        if first.group().casefold() not in self.reader.anaphors:
            return mention
        rest = self.text[first.end() : mention.end].split()
        if not rest or not rest[0][:1].islower():
            return mention
        return Span(first.start(), first.end())

    def _said_thus(self, q: Quoted, after: int, limit: int) -> tuple[str, Span, Span] | None:
        """`"...," demikian disampaikan Rina`, `"...," demikian pernyataan Kementerian X`:
        the source written after the passive verb or the statement noun."""
        match = self.p.said_thus.match(self.text, after, limit)
        if match is None or not self._cue_allowed(q, after):
            return None
        mention = self.np_after(match.end(), limit)
        if mention is None or not self._is_speaker_phrase(mention):
            return None
        return match.group("cue"), Span(match.start("cue"), match.end("cue")), mention

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
        mention = attribution[2]
        if q.close_at is None or mention is None or mention.start < q.close_at:
            return []
        sentence = self._sentence_at(q.close_at)
        if sentence is None:
            return []
        rest = self.text[mention.end : min(sentence.end, mention.end + WINDOW)]
        match = _TAIL_JOINT.match(rest)
        if not match or sentence.end - mention.end > _MAX_TAIL:
            return []  # the second: a run of text without a stop is no sentence to split
        return self._tail(mention.end + match.end(), sentence.end, sentence.paragraph, attribution)

    def _tail(
        self, start: int, end: int, paragraph: int, attribution: tuple[str, Span, Span | None]
    ) -> list[Unit]:
        start, end = trim_clause(self.text, start, end)
        if word_count(self.text[start:end]) < MIN_INDIRECT_WORDS:
            return []
        kind: QuoteKind = "mixed" if self._has_marks(start, end) else "indirect"
        return [Unit(start, end, kind, paragraph, *attribution)]

    def _is_continuation(self, group: list[Quoted], previous: list[Unit]) -> bool:
        first = group[0]
        if not previous or previous[-1].paragraph < first.paragraph - 2:
            return False
        if sum(word_count(self.text[q.start : q.end]) for q in group) < _MIN_CONTINUATION_WORDS:
            return False
        sentence = self._sentence_at(first.outer_start)
        return sentence is not None and sentence.start == first.outer_start
