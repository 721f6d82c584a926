"""The parser's public entry point: text in, quotes with speakers and offsets out.

The pipeline, one module per step (see PARSER.md here):

1. `document.parse_document`: paragraphs; headline, crossheads, credits; metadata.
2. `segment.find_quoted`, `segment.split_sentences`: quotation marks and sentences.
3. `rules.UnitFinder`: the attribution rules find quote units and where the speaker is written.
4. `mentions.MentionReader` reads each speaker phrase; `speakers.Resolver` links the
   mentions of one speaker across the article; `widen.complete_speakers` gives each speaker
   the fullest name and the first role the article writes.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from functools import cached_property

import regex

from quotedb.parse.document import Document, parse_document
from quotedb.parse.mentions import Mention, MentionReader
from quotedb.parse.patterns import load_patterns
from quotedb.parse.rules import Unit, UnitFinder
from quotedb.parse.segment import DOUBLE_MARKS, Sentence, find_quoted, split_sentences
from quotedb.parse.speakers import Resolver, Speaker
from quotedb.parse.tokens import tokenize
from quotedb.parse.widen import complete_speakers
from quotedb.parse.windows import window_start
from quotedb.records import Extraction, Quote, Span

PARSER_VERSION = "0.4.6"

_ACRONYM_DEFINITION = regex.compile(
    r"(?P<long>\p{Lu}[\p{L}-]*(?:\s+(?:(?:dan|&|untuk|dari|di)\s+)?\p{Lu}[\p{L}-]*){0,9})"
    r"\s*\((?P<short>\p{Lu}[\p{L}\p{N}-]{1,14})\)"
)


def extract(text: str) -> Extraction:
    """Every quote in one article, with its speaker, role and character offsets into `text`."""
    patterns = load_patterns()
    document = parse_document(text, patterns.lexicon)
    body = document.body()
    quoted = find_quoted(text, body)
    abbreviations = tuple(patterns.lexicon.abbreviations)
    openers = tuple(patterns.lexicon.connectors)
    sentences = split_sentences(text, body, quoted, abbreviations, openers)
    reader = patterns.reader.for_article(text, _acronyms(text, patterns.reader))
    units = UnitFinder(text, sentences, quoted, patterns, reader).find_units()
    quotes = _attribute(document, units, sentences, reader)
    return Extraction(meta=document.meta, quotes=quotes)


def _acronyms(text: str, reader: MentionReader) -> dict[str, str]:
    """Short forms the article defines: `Badan ... Bencana Daerah (BPBD)` for an organisation,
    `Rudi Hartono Wibisono (RHW)` for a person (kept as `person:` + the full name)."""
    found: dict[str, str] = {}
    for match in _acronym_definitions(text):
        long_words = match.group("long").split()
        # `Dinas Perhubungan (Dishub) Kota Ambon`: the place after the
        # brackets still belongs to the name.
        for token in tokenize(text, match.end(), min(len(text), match.end() + 40)):
            if token.text not in reader.places:
                break
            long_words.append(token.text)
        for i, word in enumerate(long_words):
            if word.casefold() in reader.org_heads:
                found[match.group("short")] = " ".join(long_words[i:])
                break
        else:
            if long_words[-1] in reader.org_tails:  # `Nordic Press Agency (NPA)`
                org = reader.read(text, match.start("long"), match.end("long"))
                if org and org.kind == "organization" and org.name:
                    found[match.group("short")] = org.name
                continue
            short = match.group("short")
            end = match.end("long")
            mention = reader.read(text, window_start(text, end), end)
            if short.isupper() and mention and mention.kind == "name" and mention.name:
                if len(mention.name.split()) >= 2:
                    found[short] = _PERSON + mention.name
    return found


_PERSON = "person:"
_BRACKETED_SHORT = regex.compile(r"\(\p{Lu}[\p{L}\p{N}-]{1,14}\)")


def _acronym_definitions(text: str) -> Iterator[regex.Match[str]]:
    """`Long Name (SHORT)` definitions: found from the brackets, which are rare, rather than
    by trying the long pattern at every capital letter."""
    for bracket in _BRACKETED_SHORT.finditer(text):
        window = max(0, bracket.start() - 160)
        for match in _ACRONYM_DEFINITION.finditer(text, window, bracket.end()):
            if match.end() == bracket.end():
                yield match
                break


def _attribute(
    document: Document,
    units: list[Unit],
    sentences: tuple[Sentence, ...],
    reader: MentionReader,
) -> tuple[Quote, ...]:
    text = document.text
    acronyms = reader.acronyms
    resolver = Resolver(_body_only(document), reader)
    subjects = _Subjects(text, sentences, units, reader)
    initials = _PersonInitials(text, reader)
    resolved: list[tuple[Unit, Speaker | None, Mention | None]] = []
    last_seen = 0
    for unit in units:
        if unit.follows:
            previous = resolved[-1][1] if resolved else None
            resolved.append((unit, previous, None))
            continue
        mention = _read_mention(text, unit, reader, acronyms, initials)
        if mention and mention.kind in ("pronoun", "epithet"):
            # `Ia`/`Dia` after a sentence that names someone new points to that person;
            # `Mereka` to an institution named so.
            wanted = "organization" if mention.text.casefold() == "mereka" else "name"
            for subject in subjects.before(mention.span.start, since=last_seen):
                if subject.kind == wanted:
                    resolver.resolve(subject)
                    break
        elif mention and mention.kind == "role" and mention.role:
            # `Gubernur mengatakan` after `Gubernur Bali Ketut Mahendra membuka ...`.
            for subject in subjects.before(mention.span.start, since=0):
                if subject.role and reader.holds_role(subject.role, mention.role):
                    resolver.resolve(subject)
                    break
        speaker = resolver.resolve(mention) if mention else None
        if mention:
            last_seen = max(last_seen, mention.span.end)
        resolved.append((unit, speaker, mention))
    headline = next((p for p in document.paragraphs if p.kind == "headline"), None)
    complete_speakers(resolver, text[headline.start : headline.end] if headline else "")
    return tuple(
        _quote(text, unit, speaker, mention)
        for unit, speaker, mention in resolved
        if speaker is not None
    )


def _narrative(
    text: str, sentences: tuple[Sentence, ...], units: list[Unit]
) -> tuple[Sentence, ...]:
    """The sentences that hold no quote: where people are introduced without speaking."""
    starts = sorted((u.start, u.end) for u in units)
    keys = [start for start, _ in starts]
    kept = []
    for sentence in sentences:
        if text[sentence.start] in DOUBLE_MARKS:
            continue
        i = bisect_left(keys, sentence.end) - 1
        if any(sentence.start < end for _, end in starts[max(0, i - 3) : i + 1]):
            continue
        kept.append(sentence)
    return tuple(kept)


class _Subjects:
    """People named as the subject of a narrative sentence (`Kombes Yusuf Hamdani
    menerima ...`) or as the agent of a passive (`dikonfirmasi oleh ... Yusuf
    Hamdani`), read lazily: only the sentences before a pronoun or a bare role are read, and
    most articles have none, so even the narrative sentences are found only when asked."""

    def __init__(
        self,
        text: str,
        sentences: tuple[Sentence, ...],
        units: list[Unit],
        reader: MentionReader,
    ) -> None:
        self.text = text
        self.all_sentences = sentences
        self.units = units
        self.reader = reader
        self.read: dict[int, list[Mention]] = {}

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return _narrative(self.text, self.all_sentences, self.units)

    @cached_property
    def starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def before(self, at: int, since: int, limit: int = 50) -> Iterator[Mention]:
        """The subjects named before `at` (and not before `since`), nearest first."""
        i = bisect_left(self.starts, at) - 1
        for sentence in reversed(self.sentences[max(0, i - limit) : i + 1]):
            if sentence.end <= since:
                return
            if i not in self.read:
                self.read[i] = _sentence_subjects(self.text, sentence, self.reader)
            for mention in reversed(self.read[i]):
                if since <= mention.span.start < at:
                    yield mention
            i -= 1


def _sentence_subjects(text: str, sentence: Sentence, reader: MentionReader) -> list[Mention]:
    found = []
    start = sentence.start
    opener = load_patterns().connector.match(text, start, sentence.end)
    if opener:
        start = opener.end()
    starts = [start] + [m.end() for m in _PASSIVE_AGENT.finditer(text, start, sentence.end)]
    passive = load_patterns().passive.match(text, start, sentence.end)
    if passive:  # `Hal itu juga disampaikan Sekjen Kemenkes Budi Santoso dalam rapat ...`
        starts.append(passive.end())
    for begin in starts:
        end = _subject_end(text, begin, sentence.end, reader)
        if end is not None:
            mention = reader.read(text, begin, end)
            if mention and (
                (mention.kind == "name" and _is_full(mention))
                or (mention.kind == "organization" and len((mention.name or "").split()) >= 2)
            ):
                found.append(mention)
    return found


def _is_full(mention: Mention) -> bool:
    """A full introduction: a role with the name, or a name of two words or more."""
    return bool(mention.role) or len((mention.name or "").split()) >= 2


_PASSIVE_AGENT = regex.compile(r"\b(?:di\p{L}+|ter\p{L}+)\s+oleh\s+")


def _subject_end(text: str, start: int, end: int, reader: MentionReader) -> int | None:
    """Where the noun phrase opening `text[start:end]` ends: before the first lowercase word
    that is neither a role word nor a name particle."""
    last = None
    for token in tokenize(text, start, min(end, start + 200)):
        if token.text[:1].isupper() or token.text.startswith("(") or token.text == ",":
            last = token.end
            continue
        if reader.is_role_word(token) or token.text in reader.particles:
            last = token.end
            continue
        if token.lower in _NAME_JOINERS and last is not None and _capital_after(text, token.end):
            continue  # `Kepala Dinas Bina Marga dan Sumber Daya Air ...`
        break
    return last


# Lowercase words inside an institution's name, before a capital.
_NAME_JOINERS = frozenset({"dan", "serta", "&", "of", "for", "and", "the"})


def _capital_after(text: str, at: int) -> bool:
    following = text[at : at + 2].lstrip()
    return following[:1].isupper()


def _body_only(document: Document) -> str:
    """The text with headline, crossheads and credits blanked (same length, same offsets),
    so that names and roles are never read from a title-case headline."""
    text = document.text
    pieces, done = [], 0
    for paragraph in document.paragraphs:
        if paragraph.kind != "body":
            pieces += [text[done : paragraph.start], " " * (paragraph.end - paragraph.start)]
            done = paragraph.end
    return "".join([*pieces, text[done:]]) if pieces else text


def _read_mention(
    text: str,
    unit: Unit,
    reader: MentionReader,
    acronyms: dict[str, str],
    initials: _PersonInitials,
) -> Mention | None:
    span = unit.mention_span
    if span is None:
        return None
    if span == unit.cue_span:  # `katanya`, `ujarnya`, `Menurutnya`
        return Mention(span, text[span.start : span.end], "pronoun")
    mention = reader.read(text, span.start, span.end)
    if mention and initials.of_a_person(mention):
        return Mention(
            mention.span,
            mention.text,
            "name",
            mention.name,
            mention.name_span,
            None,
            None,
            mention.aliases,
        )
    if mention and mention.kind == "organization" and mention.name in acronyms:
        long_name = acronyms[mention.name]
        if long_name.startswith(_PERSON):  # `RHW` for Rudi Hartono Wibisono
            return Mention(
                mention.span,
                mention.text,
                "name",
                long_name[len(_PERSON) :],
                mention.name_span,
                None,
                None,
                (*mention.aliases, mention.name),
            )
        mention = Mention(
            mention.span,
            mention.text,
            "organization",
            long_name,
            mention.name_span,
            None,
            None,
            (*mention.aliases, mention.name),
        )
    return mention


# Words after which capitals are a person's initials (`tersangka berinisial HM`).
_INITIALS_AFTER = regex.compile(
    r"(?i:inisial|berinisial|tersangka|terdakwa|terpidana)\s+(?P<initials>\p{Lu}{2,3})\b"
)


class _PersonInitials:
    """The initials an article gives people (`jurnalis berinisial HM`), found once."""

    def __init__(self, text: str, reader: MentionReader) -> None:
        self.text = text
        self.reader = reader

    @cached_property
    def initials(self) -> frozenset[str]:
        found = {m.group("initials") for m in _INITIALS_AFTER.finditer(self.text)}
        return frozenset(i for i in found if i.casefold() not in self.reader.organizations)

    def of_a_person(self, mention: Mention) -> bool:
        """`HM mengaku ...`: initials, not an institution's acronym."""
        name = mention.name or ""
        return (
            mention.kind == "organization"
            and 2 <= len(name) <= 3
            and name.isupper()
            and name in self.initials
        )


def _quote(text: str, unit: Unit, speaker: Speaker | None, mention: Mention | None) -> Quote:
    assert speaker is not None
    aliases = tuple(
        dict.fromkeys(f for f in [*speaker.forms, *speaker.aliases] if f != speaker.name)
    )
    mention_span: Span | None = mention.span if mention else None
    return Quote(
        start=unit.start,
        end=unit.end,
        text=text[unit.start : unit.end],
        kind=unit.kind,
        cue=unit.cue,
        cue_span=unit.cue_span,
        speaker=speaker.name,
        speaker_type=speaker.kind,
        mention=text[mention_span.start : mention_span.end] if mention_span else None,
        mention_span=mention_span,
        role=speaker.role if speaker.kind != "organization" else None,
        role_span=_written(text, speaker.role_span, speaker.role)
        if speaker.kind != "organization"
        else None,
        paragraph=unit.paragraph,
        speaker_aliases=aliases,
    )


def _written(text: str, span: Span | None, value: str | None) -> Span | None:
    """`span` where the text there is `value` exactly, else None: a role is normalised (no
    bracketed acronym inside, single spaces), so it is not always written as it reads."""
    if span is None or value is None or span.of(text) != value:
        return None
    return span
