"""Where an article may write a cue word: one pass over the text before any rule runs."""

from __future__ import annotations

from bisect import bisect_left

import regex

from quotedb.parse.patterns import Patterns

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_COMMA = regex.compile(",")


class CueWords:
    """Where an article may write a cue word (`Patterns.cue_words`), found in one pass.

    Most sentences hold none, and no rule finds anything there; trying every rule on every
    sentence, with a cue verb pattern that ignores case, took a large part of the rules'
    time. The words are searched for in the casefolded text, where a letter that the rules'
    patterns match ignoring case is that letter, offset for offset: the test suite checks it
    for every character. Where casefolding changes the text's length (`İ`, `ß`), every word
    is a possible cue instead.
    """

    def __init__(self, text: str, patterns: Patterns) -> None:
        folded = text.casefold()
        if len(folded) == len(text):
            # The words are letters and the commas no letter: their matches never overlap.
            spans = sorted(
                match.span() for pattern in patterns.cue_words for match in pattern.finditer(folded)
            )
            # Only a comma can start a `cue_after_content` match: the commas found say where.
            self.commas = [start for start, _ in spans if text[start] == ","]
        else:
            spans = [match.span() for match in _WORD.finditer(text)]
            self.commas = [match.start() for match in _COMMA.finditer(text)]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def touch(self, start: int, end: int) -> bool:
        """Whether a possible cue lies in [start, end), or a match runs into it (the
        matches do not overlap, so the last one starting before `end` ends last)."""
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def commas_between(self, start: int, end: int) -> list[int]:
        """Where in [start, end) a `cue_after_content` match may start, in text order."""
        return self.commas[bisect_left(self.commas, start) : bisect_left(self.commas, end)]
