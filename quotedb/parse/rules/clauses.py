"""The indirect rules of one sentence, each starting from its cue.

`Menurut X, ...` and `Kata X, ...` at the clause start; `Melansir X, ...`; `X <cue verb>
(bahwa) ...` with its adjuncts, two cues in one sentence and an interrupting cue (`A, ia
melanjutkan, B`); `..., kata X.` and `..., menurut X.` without marks. A clause with quoted
fragments is `mixed`; a full quoted sentence closing it is a direct unit of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from quotedb.parse.phrases import WINDOW
from quotedb.parse.rules.base import (
    MIN_INDIRECT_WORDS,
    Unit,
    trim_clause,
    word_count,
)
from quotedb.parse.rules.leads import LeadRules
from quotedb.parse.segment import DOUBLE_MARKS, Sentence
from quotedb.records import QuoteKind, Span

_CLAUSE_OPENER = regex.compile(r"\s*(?:[,:]\s*)?(?:(?i:bahwa|jika|kalau|apabila|agar)\b\s*,?\s*)?")
_ADJUNCT_BEFORE_BAHWA = regex.compile(
    r"\s*(?:,\s*)?(?i:sebelumnya|pada|kepada|dalam|di|saat|ketika|kemarin|usai|melalui|lewat|"
    r"seusai|dilansir|seperti)\b[^.!?\"“”]{0,120}?\b(?i:bahwa)\b\s*,?\s*"
)
_RELATIVE_END = regex.compile(r"(?i)\byang\s+(?:\w+\s+)?\Z")
_BAHWA_NEXT = regex.compile(r"\s*,?\s*(?i:bahwa)\b")
_RELAYED_CLAUSE = regex.compile(r"\s*,?\s*\bbahwa\b\s*,?\s*|,\s*")
# Between a cue verb and `bahwa`: an adjunct (`pada hari Senin`) or an addressee with a name
# (`pemimpin Kim Jong Un`); the clause starts after `bahwa`. A lowercase noun there is part
# of the content (`menepis anggapan bahwa ...`): see `_object_before_bahwa`.
_OBJECT_THEN_BAHWA = regex.compile(r"(?P<object>[^.!?\"“”]{1,90}?)\s+(?i:bahwa)\b\s*,?\s*")
_SETTING_NEXT = regex.compile(r"\s*(?:,|\s(?:saat|ketika|kepada|dalam|di|pada|seperti)\b)")
_COMMA_THEN_WORD = regex.compile(r"\s*,\s*\S")
_SECOND_CUE = regex.compile(r"(?:,\s*|\s+)(?:dan|serta|sedangkan|sementara)\s+|;\s*")
# A verb negated just before it says nothing (`Trump tidak menjelaskan ...`), unless a
# `bahwa` clause follows (`tidak yakin bahwa ...` states a doubt).
_NEGATIONS = frozenset({"tidak", "tak", "belum", "enggan", "bukan"})
# What a verb's object may name instead of words said: a topic (`tentang`, `soal`), thanks
# or `hal ini`, and, after a verb of explaining, a plan, reasons or details.
_TOPIC_OBJECT = regex.compile(
    r"(?i)\s*(?:tentang|mengenai|soal|perihal|terkait|hal\s+(?:ini|itu|tersebut)|"
    r"terima\s+kasih|alasan|rencana|sebagian|rincian|kronologi|perkembangan|pernyataan|"
    r"sambutan|pidato|keterangan|"
    r"secara\s+(?:detail|rinci))\b"
)
_PLAIN_TOPIC = regex.compile(
    r"(?i)\s*(?:tentang|mengenai|soal|perihal|hal\s+(?:ini|itu|tersebut)|terima\s+kasih)\b"
)
_EXPLAINING_VERBS = frozenset(
    "menjelaskan memaparkan berkisah bercerita menceritakan menguraikan merinci menulis "
    "menuliskan menyampaikan".split()
)
# After a verb of revealing, only the nouns that name a topic for certain (`mengungkapkan
# alasan ...`); `sebagian ...` there opens a clause (`sebagian wilayah sudah ...`).
_REVEALING_VERBS = frozenset("mengungkapkan mengungkap membeberkan".split())
_REVEALED_TOPIC = regex.compile(r"(?i)\s*(?:alasan|rencana|rincian|kronologi|perkembangan)\b")
# Leads of a sentence that set the scene of a statement, not words said: contacted or met
# (`Dihubungi dari Manado,`, `Saat ditemui di kantornya,`), or reported from a place (`Dari
# Kebumen dilaporkan,`).
_FRAME_LEAD = regex.compile(
    r"\s*(?i:(?:saat|ketika|usai|seusai|setelah|sewaktu)\s+)?(?i:dihubungi|ditemui|dikonfirmasi|"
    r"diwawancarai|dijumpai|ditanya|disambangi|dimintai)\b"
)
# A short lead naming the topic that a statement answers (`Terkait dengan X,`, `Menanggapi
# hal itu,`): no words said. (A lead of time or place, `Di tahap akhir ini,`, is part of
# the content in the gold files.)
_TOPIC_LEAD = regex.compile(r"\s*(?i:terkait|mengenai|soal|perihal|menanggapi|menjawab)\b")
_TOPIC_LEAD_WORDS = 25
_REPORTED_FROM = regex.compile(r"(?i:dilaporkan|diberitakan|dikabarkan)\s*,\s*\Z")
_RELAY_VERB = regex.compile(r"(?<![\p{L}])(?:mengutip|melansir|menukil)(?![\p{L}])")


_CONJUNCTION_NEXT = regex.compile(r"(?i:dan|serta|atau)\b")
# Opening a sentence before a verb, words that make it an adjunct of manner (`Sambil
# tertawa, ...`); after a cue (`kata X, seraya menambahkan bahwa ...`) they do not.
_MANNER_WORDS = frozenset({"sambil", "seraya", "sembari"})


def _negated(before: str) -> bool:
    """Whether one of the two words before a verb negates it (`tidak`, `belum sempat`)."""
    return any(w.casefold() in _NEGATIONS for w in before.split()[-2:])


class ClauseRules(LeadRules):
    """The rules that read one sentence's clause."""

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
        start, end = trim_clause(self.text, unit.start, q.outer_start)
        if word_count(self.text[start:end]) < MIN_INDIRECT_WORDS:
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
                comma = self._name_after_role(match.end(), comma, sentence.end)
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

    def _name_after_role(self, start: int, comma: int, end: int) -> int:
        """`Menurut Kepala Dinas X, Muksin, ...`: the comma after the name that follows the
        role, rather than the one after the role."""
        second = self._comma_after_np(comma + 1, end)
        if (
            second is not None
            and self._is_role_segment(start, comma)
            and self._is_name_segment(comma + 1, second)
            and word_count(self.text[comma + 1 : second]) <= 4
        ):
            return second
        return comma

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
            if self.text[start : verb.start()].strip().casefold() in _MANNER_WORDS:
                continue  # `Sambil bercanda, X ...`: how the subject acts, not a cue
            mention = self.np_before(start, verb.start())
            if mention is None or not self._is_speaker_phrase(mention):
                continue
            if self._topic_only(verb, sentence.end) or (
                _negated(before) and not self._bahwa_follows(verb.end(), sentence.end)
            ):
                continue  # `tidak menjelaskan ...`, `menjelaskan alasan ...`: no words given
            interrupted = self._interruption(start, mention, verb, sentence)
            if interrupted:
                return interrupted
            if self.phrase_commas(mention) > 2:
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
            if _CONJUNCTION_NEXT.match(self.text, content, sentence.end):
                continue  # `menanyakan dan menitipkan salam`: two verbs, no clause
            cue_span = Span(verb.start(), verb.end())
            return self._clause_units(content, sentence, verb.group("verb"), cue_span, mention)
        return []

    def _topic_only(self, verb: regex.Match[str], end: int) -> bool:
        """`menyampaikan terima kasih`, `mengatakan hal ini pada ...`, `berkisah tentang
        ...`, `menjelaskan alasan ...`: the verb names what was talked about, not what was
        said (GUIDELINES: topic-only uses are no quotes), unless a `bahwa` clause follows."""
        after = self.text[verb.end() : min(end, verb.end() + 40)]
        if _TOPIC_OBJECT.match(after) is None:
            return False
        verb_word = verb.group("verb").casefold()
        explaining = verb_word in _EXPLAINING_VERBS or (
            verb_word in _REVEALING_VERBS and _REVEALED_TOPIC.match(after) is not None
        )
        return (explaining or _PLAIN_TOPIC.match(after) is not None) and not self._bahwa_follows(
            verb.end(), end
        )

    def _verbs_outside_quotes(self, start: int, end: int) -> Iterator[regex.Match[str]]:
        """The cue verbs in [start, end) outside quoted spans, in text order. The quoted
        parts are not searched at all: a verb is a word, which never runs into a mark."""
        for part_start, part_end in self._outside_quotes(start, end):
            yield from self.cue_verbs(part_start, part_end)

    def _clause_units(
        self, content: int, sentence: Sentence, cue: str, cue_span: Span, mention: Span
    ) -> list[Unit]:
        """One clause, or more where a second cue follows a conjunction: `A, dan Y
        mengatakan B` (speaker Y), `A dan menegaskan B` (same speaker), `A, dan Z mengutip
        W, bahwa B` (speaker W, relayed by Z). A loop, not recursion: a sentence may hold
        thousands of such joints."""
        units: list[Unit] = []
        while True:
            for joint in _SECOND_CUE.finditer(self.text, content, sentence.end):
                if self._in_quote(joint.start()):
                    continue
                second = self._second_attribution(joint.end(), sentence, mention)
                if second is None:
                    continue
                first = self._make(content, joint.start(), sentence, cue, cue_span, mention)
                if first is None:
                    continue
                units.append(first)
                cue, cue_span, mention, content = second
                break
            else:
                unit = self._make(content, sentence.end, sentence, cue, cue_span, mention)
                return [*units, unit] if unit else units

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
            # A source is a short phrase: not searched for to the end of a long sentence.
            stop = _RELAYED_CLAUSE.search(
                self.text, relay.end(), min(sentence.end, relay.end() + WINDOW)
            )
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
            if word_count(between) > 8 or "," in between:
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
        if word_count(lead) < 1 or self.p.connector.match(lead + " "):
            return []
        if _FRAME_LEAD.match(lead) or _REPORTED_FROM.search(lead):
            return []  # `Dihubungi dari Manado, Senin (19/10), X membenarkan, ...`: a frame
        if _TOPIC_LEAD.match(lead) and word_count(lead) <= _TOPIC_LEAD_WORDS:
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
