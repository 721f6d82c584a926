"""The parser's results: frozen values with character offsets into the article text.

Every offset is a Python string index into the text exactly as the parser received it
(`text[start:end]`), so a stored quote can always be shown in its sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

QuoteKind = Literal["direct", "indirect", "mixed"]
SpeakerType = Literal["person", "organization", "anonymous"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Quote:
    """One unit of reported speech and who said it.

    `speaker` is the canonical (fullest) name in the article; `mention` is the speaker as
    written at this quote (`Sullivan`, `ia`, `katanya`). `cue`, `mention` and `role` are None
    when the text has none (a continuation paragraph has no cue; organisations have no role).

    Every span is a real slice of the article text: `start <= end`, inside the text, and the
    text there is the field exactly (`text[start:end] == self.text`, `cue_span.of(text) ==
    cue`, `mention_span.of(text) == mention`). `role` is normalised as the gold guidelines
    ask (no bracketed acronym, single spaces between words), so it is not always written as
    such: `role_span` is where the role is written when that piece of text is the value
    exactly (`Ekonom Universitas X` of `Ekonom Universitas X (UX)`), and None when no piece
    is (`Menteri Pertahanan (Menhan) Rusia` gives `Menteri Pertahanan Rusia`). `faults`
    checks all of this.
    """

    start: int
    end: int
    text: str
    kind: QuoteKind
    cue: str | None
    cue_span: Span | None
    speaker: str | None
    speaker_type: SpeakerType
    mention: str | None
    mention_span: Span | None
    role: str | None
    role_span: Span | None
    paragraph: int
    speaker_aliases: tuple[str, ...] = ()

    def faults(self, text: str) -> list[str]:
        """What breaks the span contract above, for the article `text` (none: `[]`)."""
        found = []
        fields = (
            ("quote", self.text, Span(self.start, self.end)),
            ("cue", self.cue, self.cue_span),
            ("mention", self.mention, self.mention_span),
            ("role", self.role, self.role_span),
        )
        for name, value, span in fields:
            if span is None:
                continue
            if not 0 <= span.start <= span.end <= len(text):
                found.append(f"{name} span {span.start}..{span.end} is not in the text")
            elif span.of(text) != value:
                found.append(f"{name} {value!r} is not the text at {span.start}..{span.end}")
        return found

    def as_dict(self) -> dict[str, object]:
        """The stable JSON shape of `quotedb extract --format jsonl` (without `doc`)."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "cue": self.cue,
            "speaker": self.speaker,
            "speaker_type": self.speaker_type,
            "role": self.role,
            "mention": self.mention,
            "cue_start": self.cue_span.start if self.cue_span else None,
            "cue_end": self.cue_span.end if self.cue_span else None,
            "mention_start": self.mention_span.start if self.mention_span else None,
            "mention_end": self.mention_span.end if self.mention_span else None,
            "role_start": self.role_span.start if self.role_span else None,
            "role_end": self.role_span.end if self.role_span else None,
            "paragraph": self.paragraph,
        }


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What the text says about itself: headline, date line, dateline and wire credit."""

    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    agency: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    meta: ArticleMeta
    quotes: tuple[Quote, ...]
