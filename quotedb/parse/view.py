"""One article as the rules see it: its text, sentences, quoted spans and cue words.

`ArticleText` answers by bisection over sorted offsets, so each look-up is cheap whatever the
article's size: the sentence or the quotes at an offset, the parts of a stretch outside
quotation marks, where a clause's openers end. `phrases.ArticleView` adds the speaker
phrases around cues, and the rules in `rules/` build on that.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import cached_property

import regex

from quotedb.parse.cuewords import CueWords
from quotedb.parse.mentions import MentionReader
from quotedb.parse.patterns import Patterns
from quotedb.parse.segment import DOUBLE_MARK, Quoted, Sentence
from quotedb.records import Span

_SINGLE_PAIR = regex.compile(r"(?<![\p{L}\p{N}])[‘'][^‘’'\n]{2,120}?[‘’'](?![\p{L}\p{N}])")


class ArticleText:
    """One article's text, sentences, quotes and cue words."""

    def __init__(
        self,
        text: str,
        sentences: Sequence[Sentence],
        quoted: Sequence[Quoted],
        patterns: Patterns,
        reader: MentionReader | None = None,
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.quoted = quoted
        self.p = patterns
        self.reader = reader or patterns.reader
        self._sentence_starts = [s.start for s in sentences]
        self._quote_starts = [q.outer_start for q in quoted]
        self._opener_steps: dict[int, list[int]] = {}  # `_lead_start`'s, by sentence start

    @cached_property
    def cues(self) -> CueWords:
        return CueWords(self.text, self.p)

    def cue_verbs(self, start: int, end: int) -> Iterator[regex.Match[str]]:
        """What `speech_verb.finditer(text, start, end)` finds, matched only where a cue
        word may be. A cue verb starts after a character that is no letter, so it starts
        where `cue_words` matches, never inside one of its matches."""
        starts = self.cues.starts
        for i in range(bisect_left(starts, start), len(starts)):
            if starts[i] >= end:
                return
            verb = self.p.speech_verb.match(self.text, starts[i], end)
            if verb:
                yield verb

    def _sentence_at(self, offset: int) -> Sentence | None:
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def _quotes_between(self, start: int, end: int) -> Sequence[Quoted]:
        """The quoted spans whose opening lies in [start, end]."""
        lo = bisect_left(self._quote_starts, start)
        hi = bisect_right(self._quote_starts, end)
        return self.quoted[lo:hi]

    def _abbreviation_dot(self, at: int) -> bool:
        word_start = self._word_start(max(0, at - 12), at)
        word = self.text[word_start:at]
        if len(word) == 1 and word.isupper():
            return True
        return word + "." in self.reader.honorifics or word + "." in self.p.abbreviations

    def _outside_brackets(self, marks: regex.Pattern[str], start: int, end: int) -> Iterator[int]:
        """The offsets in [start, end) of the characters `marks` finds (which must include the
        round brackets) that are not inside round brackets (`(BPBD-DIY)`)."""
        depth = 0
        for mark in marks.finditer(self.text, start, end):
            i: int = mark.start()
            ch = self.text[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
            elif depth == 0:
                yield i

    def _skip_openers(self, start: int, end: int, steps: list[int] | None = None) -> int:
        """Past connectors and subordinate openers at the start of a subject (`steps`, where
        given, gets the offset after each one)."""
        while start < end:
            while start < end and self.text[start].isspace():
                start += 1
            match = self.p.connector.match(self.text, start, end)
            if not match or match.end() >= end:
                return start
            start = match.end()
            if steps is not None:
                steps.append(start)
        return start

    def _lead_start(self, sentence: Sentence, end: int) -> int:
        """`_skip_openers(sentence.start, end)`, without walking the sentence's openers again
        for each quote in it (a sentence of many openers and many quotes made that
        quadratic). The openers are walked once to the sentence's end; a connector matched
        that ends before `end` is matched the same bounded by `end` (the pattern ends with
        white space it needs and takes all of), so the walk goes on from the last of them."""
        steps = self._opener_steps.get(sentence.start)
        if steps is None:
            steps = self._opener_steps[sentence.start] = []
            self._skip_openers(sentence.start, sentence.end, steps)
        taken = bisect_left(steps, end)
        return self._skip_openers(steps[taken - 1] if taken else sentence.start, end)

    def _has_cue_verb(self, start: int, end: int) -> bool:
        for verb in self.cue_verbs(start, end):
            if self.p.verb_classes.get(verb.group("verb").casefold()) != "optional":
                return True
        return False

    def _verb_before(self, start: int, end: int) -> Span | None:
        """A cue verb ending the text before an opening mark (`X mengatakan, "`,
        `X mengatakan bahwa, "`): where it is written."""
        end = self._rstrip(start, end, " \t\n,:")
        word_start = self._word_start(start, end)
        if self.text[word_start:end].casefold() == "bahwa":
            end = self._rstrip(start, word_start, " \t\n,:")
            word_start = self._word_start(start, end)
        if word_start < end and self.text[word_start:end].casefold() in self.p.verb_classes:
            return Span(word_start, end)
        return None

    def _rstrip(self, start: int, end: int, chars: str) -> int:
        while end > start and self.text[end - 1] in chars:
            end -= 1
        return end

    def _word_start(self, start: int, end: int) -> int:
        i = end
        while i > start and (self.text[i - 1].isalnum() or self.text[i - 1] == "-"):
            i -= 1
        return i

    def _strip_span(self, span: Span) -> Span:
        start, end = span.start, span.end
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Span(start, end)

    def _outside_quotes(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The parts of [start, end) outside the quoted spans (marks included), in text order:
        the offsets for which `_in_quote` is false (quoted spans never overlap)."""
        quoted = self.quoted
        for i in range(max(0, bisect_right(self._quote_starts, start) - 1), len(quoted)):
            q = quoted[i]  # not `quoted[i:]`: a copy of the rest of the article's quotes
            if q.outer_start >= end:
                break
            if q.outer_end <= start:
                continue
            if q.outer_start > start:
                yield start, q.outer_start
            start = q.outer_end
        if start < end:
            yield start, end

    def _in_quote(self, offset: int) -> bool:
        i = bisect_right(self._quote_starts, offset) - 1
        return i >= 0 and offset < self.quoted[i].outer_end

    def _has_marks(self, start: int, end: int) -> bool:
        """Quoted fragments inside a clause: double marks, or single ones used as marks."""
        return (
            DOUBLE_MARK.search(self.text, start, end) is not None
            or _SINGLE_PAIR.search(self.text, start, end) is not None
        )

    def _sentence_initial(self, at: int) -> bool:
        sentence = self._sentence_at(at)
        return sentence is not None and self._lead_start(sentence, at) == at
