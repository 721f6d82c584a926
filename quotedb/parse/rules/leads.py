"""The indirect rules that read a sentence's lead: a cue and its speaker right after an
opening connector (`Bahkan, lanjut X, ...`), a fronted passive cue (`Seperti disampaikan X,
...`), and `menurutnya` written inside the content (`Isu ini menurutnya penting`).
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from quotedb.parse.rules.base import RuleView, Unit
from quotedb.parse.segment import Sentence
from quotedb.records import Span

# `menurutnya` / `menurut dia` inside a sentence: the cue of an opinion that runs over it.
MENURUT_PRONOUN = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<cue>(?i:menurut)(?:(?i:nya)|\s+(?i:dia|ia|beliau|mereka)))"
    r"(?![\p{L}\p{N}])"
)
# After a speaker's comma, the day or the place the words were said, up to the next comma.
_SETTING_SEGMENT = regex.compile(
    r"\s*(?:(?i:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)\b|(?i:di|pada|dalam|saat|"
    r"ketika|kepada|selaku|sebagai)\s)[^,.;:!?\"“”]{0,100},"
)


class LeadRules(RuleView):
    """Rules of one sentence that start from its lead."""

    def _cue_after_opener(self, sentence: Sentence, start: int) -> list[Unit]:
        """`Bahkan, lanjut Rudi, ...` / `Tak hanya itu, kata dia, ...`: a post-quote cue and
        its speaker right after an opening connector; the content follows the speaker."""
        comma = self._rstrip(sentence.start, start, " \t\n") - 1
        if comma < sentence.start or self.text[comma] != ",":
            return []
        match = self.p.cue_after_content.match(self.text, comma, sentence.end)
        if match is None or match.group("nya") or match.start("cue") != start:
            return []
        speaker = self._speaker_then_comma(match.end(), sentence.end)
        if speaker is None:
            return []
        mention, comma = speaker
        cue_span = Span(match.start("cue"), match.end("cue"))
        unit = self._make(comma + 1, sentence.end, sentence, match.group("cue"), cue_span, mention)
        return [unit] if unit else []

    def _speaker_then_comma(self, start: int, end: int) -> tuple[Span, int] | None:
        """The speaker phrase from `start` to the comma that ends it, and that comma."""
        comma = self._comma_after_np(start, end)
        if comma is None:
            return None
        mention = self._strip_span(Span(start, comma))
        return (mention, comma) if self._is_speaker_phrase(mention) else None

    def _as_said_first(self, sentence: Sentence, start: int) -> list[Unit]:
        """`Seperti disampaikan X, ...` / `Sebagaimana yang ditegaskan X, Senin (4/5), ...`:
        the clause after the speaker (and a date or place after the speaker's comma)."""
        match = self.p.as_said.match(self.text, start, sentence.end)
        if match is None:
            return []
        speaker = self._speaker_then_comma(match.end(), sentence.end)
        if speaker is None:
            return []
        mention, comma = speaker
        content = comma + 1
        # The speaker's role in apposition (`X, pakar ekonomi,`), then a day or a place.
        second = self._comma_after_np(content, sentence.end)
        if second is not None and self._is_role_segment(content, second):
            content = second + 1
        setting = _SETTING_SEGMENT.match(self.text, content, sentence.end)
        if setting:
            content = setting.end()
        first_verb = next(self.cue_verbs(content, min(sentence.end, content + 40)), None)
        if first_verb is not None and not self.text[content : first_verb.start()].strip():
            return []  # `Seperti dijelaskan X, menyatakan bahwa ...`: the verb's clause
        cue_span = Span(match.start("cue"), match.end("cue"))
        unit = self._make(content, sentence.end, sentence, match.group("cue"), cue_span, mention)
        return [unit] if unit else []

    def _menurut_inside(self, sentence: Sentence, start: int) -> list[Unit]:
        """`Isu ini menurutnya penting`, `Meski A, menurutnya B`: an opinion cue written
        inside the content, without the commas of `A, kata X, B`; one unit over all of it
        (or, at the end, over what comes before it)."""
        # `menurut` is a cue word: the pattern is tried only where `CueWords` found one.
        starts = self.cues.starts
        for i in range(bisect_left(starts, start + 1), len(starts)):
            if starts[i] >= sentence.end:
                break
            match = MENURUT_PRONOUN.match(self.text, starts[i], sentence.end)
            if match is None or self._in_quote(match.start()):
                continue
            cue_span = Span(match.start("cue"), match.end("cue"))
            rest = self.text[match.end() : sentence.end].strip(' .!?…"”')
            end = sentence.end if rest else match.start()
            unit = self._make(start, end, sentence, match.group("cue"), cue_span, cue_span)
            return [unit] if unit else []
        return []
