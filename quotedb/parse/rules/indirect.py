"""The indirect rules over an article: which sentences are read, and what is kept.

Most sentences hold no cue, so only those where `CueWords` found a cue word are read (and
those a passive cue in the next sentence attributes); the first rule of `ClauseRules` that
finds a unit wins, and units overlapping a direct one are dropped.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import regex

from quotedb.parse.rules.base import (
    TRAILING_PUNCT,
    Unit,
)
from quotedb.parse.rules.clauses import ClauseRules
from quotedb.parse.segment import Sentence

# What may stand between a cue verb and the quote it opens for `_interruption` to let it be.
_CUE_TO_QUOTE = regex.compile(r"[,:]? ?")


class IndirectRules(ClauseRules):
    """The indirect rules of one article."""

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
        rules = (
            self._menurut_first,
            self._cue_after_opener,
            self._as_said_first,
            self._relay_first,
            self._verb_clause,
            self._cue_last,
            self._menurut_inside,
        )
        for rule in rules:
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
        only white space and stops (`TRAILING_PUNCT`) after it, and a taken unit covers its
        words; its cue word is the sentence's only one outside it, after `start`, followed by
        no more than `,` or `:` and one space before the mark; no cue comma is outside it.

        Why that is exact: the passive cue's unit would run from `start` over the quote, so
        it would be mixed, which that rule never takes. `_cue_last` needs a cue comma, and
        `_menurut_first` a cue word at `start`. Every other unit starts after the cue word
        its rule matched, which can only be this one (each rule's cue is a cue word, see
        `CueWords`), or after `bahwa` inside the quote, and `trim_clause` moves its start
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
        return all(ch.isspace() or ch in TRAILING_PUNCT for ch in tail)

    def _overlaps_taken(self, unit: Unit, taken: Sequence[Unit]) -> bool:
        """`taken` is sorted by start; only its units starting before `unit.end` can overlap,
        and of those only the last few reach that far (quotes do not nest)."""
        i = bisect_left(self._taken_starts, unit.end) - 1
        for t in taken[max(0, i - 3) : i + 1]:
            if unit.start < t.end and t.start < unit.end:
                return True
        return False
