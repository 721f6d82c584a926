"""Step 4b of the parser: who each mention is, across the whole article.

Mentions are resolved in reading order against the article's speakers so far: a surname,
a first name or a short form (`Sullivan`, `Pras`) joins the speaker whose full name holds
it; `ia`, `dia`, `-nya` and epithets (`politikus itu`) point to the last speaker; a bare
role (`Presiden`) joins the speaker who holds it. `widen` then gives each speaker the fullest
name and the first role the article writes anywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from quotedb.parse.mentions import Mention, MentionReader
from quotedb.parse.recent import SpeakerWords
from quotedb.parse.wordindex import WordIndex
from quotedb.records import Span, SpeakerType


@dataclass
class Speaker:
    """One source of speech in an article (mutable while the article is read)."""

    kind: SpeakerType
    name: str
    forms: list[str] = field(default_factory=list)
    role: str | None = None
    role_span: Span | None = None
    aliases: list[str] = field(default_factory=list)
    trim_from: int | None = 2
    """The first word of `name` a later short form may start it at: the words before it may
    end a role (`... Posko Lapangan Tanjung Karang Yosef T. Lamere`, then `Yosef`). None
    where nothing but the name was written there (after a comma or the cue)."""

    @property
    def words(self) -> tuple[str, ...]:
        return casefolded_words(self.name)

    def add_form(self, form: str) -> None:
        if form not in self.forms:
            self.forms.append(form)
        if len(form.split()) > len(self.name.split()) and self.kind != "anonymous":
            self.name = form


@lru_cache(maxsize=4096)
def casefolded_words(name: str) -> tuple[str, ...]:
    """`name`'s words, casefolded: each mention is compared with every recent speaker's."""
    return tuple(name.casefold().split())


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    if n == 1:
        return shorter[0] in longer
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


# Bounds that keep an article of any size linear: a real article has a few dozen speakers
# and names each a handful of times.
_MAX_CANDIDATES = 200
# What may point back to an institution; `ia`, `dia`, `-nya` and epithets point to people.
_INSTITUTION_ANAPHORS = frozenset({"mereka", "pihaknya"})
_PLACE_PREPOSITIONS = frozenset({"di", "dari", "pada", "untuk"})


class Resolver:
    """The speakers of one article, built up as its mentions are read in order."""

    def __init__(self, text: str, reader: MentionReader) -> None:
        self.text = text
        self.reader = reader
        self.speakers: list[Speaker] = []
        self.last: Speaker | None = None
        self.last_person: Speaker | None = None
        self._numbers: dict[int, int] = {}  # id(speaker) -> its place in `speakers`
        self._words = SpeakerWords()  # the words of their names and aliases
        self._inner = SpeakerWords()  # the words of their names but the first and last
        self._starts = SpeakerWords()  # the first three letters of those words
        self._role_heads = SpeakerWords()  # the first word of their roles

    @cached_property
    def index(self) -> WordIndex:
        return WordIndex(self.text)

    def _recent(self) -> list[Speaker]:
        return self.speakers[-_MAX_CANDIDATES:][::-1]

    def _sharing(self, words: tuple[str, ...], index: SpeakerWords) -> Iterator[Speaker]:
        """What `_recent` gives, but only the speakers noted in `index` under one of `words`
        (or under none, for a speaker whose name has no word)."""
        since = len(self.speakers) - _MAX_CANDIDATES
        for number in index.sharing((*words, ""), since):
            yield self.speakers[number]

    def _note(self, speaker: Speaker) -> None:
        """Index the words `speaker` goes by now (called after every change to them)."""
        number = self._numbers[id(speaker)]
        words = [*speaker.words, *(w for a in speaker.aliases for w in casefolded_words(a))]
        self._words.note(number, words or [""])
        self._inner.note(number, speaker.words[1:-1])
        self._starts.note(number, [w[:3] for w in words] or [""])
        self._role_heads.note(number, casefolded_words(speaker.role or "")[:1])

    def resolve(self, mention: Mention) -> Speaker | None:
        speaker = self._find(mention)
        if speaker is not None:
            self.last = speaker
            if speaker.kind != "organization":
                self.last_person = speaker
            if mention.role and speaker.role is None and speaker.kind != "organization":
                speaker.role, speaker.role_span = mention.role, mention.role_span
            speaker.aliases.extend(a for a in mention.aliases if a not in speaker.aliases)
            self._note(speaker)
        return speaker

    def _find(self, mention: Mention) -> Speaker | None:
        if mention.kind in ("pronoun", "epithet"):
            if (
                self.last is not None
                and self.last.kind == "organization"
                and self.last_person is not None
                and mention.text.casefold() not in _INSTITUTION_ANAPHORS
            ):
                return self.last_person  # `DKPP menilai ... . "...," ujarnya`: a person speaks
            return self.last
        if mention.name is None:
            return None
        if mention.kind == "role":
            return self._by_role(mention) or self._new("anonymous", mention.name, mention)
        if mention.kind == "anonymous":
            same = [s for s in self._recent() if s.kind == "anonymous" and s.name == mention.name]
            return same[-1] if same else self._new("anonymous", mention.name, mention)
        kind: SpeakerType = "organization" if mention.kind == "organization" else "person"
        found = self._by_name(mention.name, kind)
        if found is None:
            return self._new(kind, mention.name, mention)
        found.add_form(mention.name)
        return found

    def _new(self, kind: SpeakerType, name: str, mention: Mention) -> Speaker:
        speaker = Speaker(kind=kind, name=name, forms=[name])
        if mention.name_span is not None:
            speaker.trim_from = self._trim_from(mention.span.start, mention.name_span.start)
        if kind != "organization":
            speaker.role, speaker.role_span = mention.role, mention.role_span
        self._numbers[id(speaker)] = len(self.speakers)
        self.speakers.append(speaker)
        self._note(speaker)
        return speaker

    def _by_name(self, name: str, kind: SpeakerType) -> Speaker | None:
        words = casefolded_words(name)
        if len(words) == 1 and kind == "person":
            for speaker in self._sharing(words, self._inner):
                known = speaker.words
                trim_from = speaker.trim_from
                if speaker.kind == "person" and trim_from and words[0] in known[trim_from:-1]:
                    # `Yosef` alone later: the name starts there, the two or more words
                    # before it ended a role (`... Posko Lapangan Tanjung Karang Yosef T.
                    # Lamere`); one word before it may be a first name (`Muh Ilham Saleh`).
                    speaker.name = " ".join(speaker.name.split()[known.index(words[0]) :])
                    return speaker
        for speaker in self._sharing(words, self._words):
            if speaker.kind == "anonymous":
                continue
            known = speaker.words
            if _contains(known, words) or _contains(words, known):
                return speaker
            if any(words == self._alias_words(alias) for alias in speaker.aliases):
                return speaker  # `Bambang Sutrisno (Gus Bams)`, then `kata Gus Bams`
        if len(words) == 1 and len(words[0]) >= 3 and kind == "person":
            for speaker in self._sharing((words[0][:3],), self._starts):
                if speaker.kind == "person" and any(
                    w.startswith(words[0]) and w != words[0] for w in speaker.words
                ):
                    speaker.aliases.append(name)
                    return speaker
        return None

    def _trim_from(self, phrase_start: int, name_start: int) -> int | None:
        """`Speaker.trim_from` for a name written at `name_start` in a phrase."""
        before = self.text[phrase_start:name_start].rstrip()
        if not before or before.endswith(","):
            return None  # `kata Andi Muhammad Yasir`, `Ketua X, Tri Yunis Miko Wahyono`
        if before.rsplit(None, 1)[-1].casefold() in _PLACE_PREPOSITIONS:
            return 1  # `Konsul Jenderal di Chicago Meri Lestari`: one word may be the city
        return 2

    def _alias_words(self, alias: str) -> tuple[str, ...]:
        """An alias's words as a name is read: without honorifics (`Gus Bams`: `bams`)."""
        words = alias.split()
        while len(words) > 1 and self.reader.is_honorific_text(words[0]):
            words.pop(0)
        return casefolded_words(" ".join(words))

    def _by_role(self, mention: Mention) -> Speaker | None:
        role = mention.role or ""
        for speaker in self._sharing(tuple(self.reader.role_heads(role)), self._role_heads):
            if (
                speaker.role
                and speaker.kind == "person"
                and self.reader.holds_role(speaker.role, role)
            ):
                return speaker
        return None
