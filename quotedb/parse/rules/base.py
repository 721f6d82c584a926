"""What every rule shares: the unit a rule finds, and the passive cue that attributes the
sentence before it (`"..." Hal itu disampaikan X`, `... . Demikian dikatakan X`)."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from quotedb.parse.phrases import ArticleView
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
