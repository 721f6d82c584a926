"""What every rule shares: the unit a rule finds, the unit of a clause (`_make`), and the
passive cue that attributes the sentence before it (`"..." Hal itu disampaikan X`, `... .
Demikian dikatakan X`)."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from quotedb.parse.phrases import ArticleView
from quotedb.parse.segment import Sentence
from quotedb.records import QuoteKind, Span

TRAILING_PUNCT = ".,;:!?…"
MIN_INDIRECT_WORDS = 2
_AGENT_OLEH = regex.compile(r"\s+oleh\s+")


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


def trim_clause(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in TRAILING_PUNCT):
        end -= 1
    return start, end


def word_count(text: str) -> int:
    return len(text.split())


class RuleView(ArticleView):
    """An article seen by the rules."""

    def _make(
        self,
        start: int,
        end: int,
        sentence: Sentence,
        cue: str,
        cue_span: Span,
        mention: Span | None,
    ) -> Unit | None:
        start, end = trim_clause(self.text, start, end)
        if word_count(self.text[start:end]) < MIN_INDIRECT_WORDS:
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
