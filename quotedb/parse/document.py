"""Step 1 of the parser: an article's text as paragraphs, with its metadata read off.

Nothing is removed from the text: paragraphs keep their offsets, and the ones that never
hold quotes (the headline, crossheads, `Baca juga:` lines, the trailing credit) are marked
so the later steps skip them. The dateline (`JAKARTA, KOMPAS.com -`) is marked as a prefix
of the first body paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

import regex

from quotedb.parse.lexicon import Lexicon
from quotedb.records import ArticleMeta

ParagraphKind = Literal["body", "headline", "crosshead", "boilerplate"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    kind: ParagraphKind


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    meta: ArticleMeta
    paragraphs: tuple[Paragraph, ...]

    def body(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind == "body")


# `(\S(?:.*\S)?)\s*\Z`, not `(\S.*?)\s*\Z`: the lazy form tries `\s*\Z` after every character,
# reading a run of white space again from each offset in it (quadratic in the run's length).
_DATE_LINE = regex.compile(r"\A\s*date\s+(\d{4}(?:-\d{2}){0,2})\s+(\S(?:.*\S)?)\s*\Z", regex.I)
# A dateline's dash has space before it or is long (`JAKARTA -`, `KOMPAS.com--`); a hyphen
# inside a word (`AS-Australia`) is none.
_DASH = r"(?:\s+(?:-{1,3}|–|—)|\s*(?:-{2,3}|–|—))\s*"
_BOILERPLATE = regex.compile(
    r"""\A\s*(?:
        (?:baca|lihat|simak|tonton)\s+(?:juga|pula|video)\b
      | advertisement\s*\Z
      | scroll\s+to\s+(?:continue|resume)
      | \[gambas:
      | (?:editor|penulis|sumber|reporter|pewarta)\s*:
      | copyright\b
    )""",
    regex.I | regex.X,
)
# `kp/rs (Reuters)`, `(rfs/jbr)`, `(hep/c11/dos)`, `[qnt]`: writer and editor initials.
_CREDIT = regex.compile(
    r"\A\s*(?:\(?[a-z0-9]{2,5}(?:/[a-z0-9]{2,5}){1,3}\)?(?:\s*\(([^()]{2,60})\))?|\[[a-z]{2,4}\])\s*\Z",
    regex.I,
)
_BLANK_LINE = regex.compile(r"[ \t]*\r?\n[ \t]*\r?\n")
_SENTENCE_ENDS = ".!?…\"”’')"
_CROSSHEAD_MAX_WORDS = 12
_HEADLINE_MAX_WORDS = 30


def is_boilerplate(line: str) -> bool:
    """Whether a paragraph is page furniture, not article text (`Baca juga: ...`,
    `ADVERTISEMENT`, `Editor: ...`): the parser skips it, and the web page reader drops it."""
    return _BOILERPLATE.match(line) is not None


# `JAKARTA, KABARLINTAS —`, `MEDAN, kabarlintas.id -`: an outlet the list does not know, after
# a place in capitals: a word in capitals or a web address.
_CAPITAL_PLACE = r"\p{Lu}[\p{Lu}'.]*(?:[ -]\p{Lu}[\p{Lu}'.]*){0,3}"
_UNLISTED_OUTLET = r"[\p{L}\p{N}]+(?:\.\p{L}+){1,2}|\p{Lu}{3,}"


@cache
def _dateline_pattern(outlets: tuple[str, ...]) -> regex.Pattern[str]:
    outlet = "|".join(regex.escape(o) for o in sorted(outlets, key=len, reverse=True))
    place = r"[A-Z][\p{L}'.]*(?:[ -][A-Z][\p{L}'.]*){0,3}"
    return regex.compile(
        rf"""\s*(?:
            (?P<place>{place}),\s*(?P<outlet>{outlet})(?:\s+News)?{_DASH}
          | (?P<place>{_CAPITAL_PLACE}),\s*(?P<outlet>{_UNLISTED_OUTLET}){_DASH}
          | (?P<outlet>{outlet}),\s*(?P<place>{place}){_DASH}
          | (?P<place>{place})(?:,\s*{place})?\s*\((?P<outlet>{outlet})(?:\s+News)?\){_DASH}
          | (?P<outlet>{outlet}){_DASH}(?:(?P<place>[A-Z]{{3,}})\.\s*)?
          | (?P<place>[A-Z][A-Z ]{{2,30}}|{place}){_DASH}
        )""",
        regex.X,
    )


RELAY_VERBS = ("dilansir", "melansir", "mengutip", "dikutip", "dilaporkan")
# Each verb alone, ignoring case as the pattern does: the regex engine finds a literal
# quickly, where it must try a pattern that starts with an alternation at every offset.
RELAY_VERB_SEARCHES = tuple(regex.compile(f"(?i:{verb})") for verb in RELAY_VERBS)


@cache
def _relay_pattern(agencies: tuple[str, ...]) -> regex.Pattern[str]:
    """`Dilansir AFP`, `seperti dikutip dari Reuters`: the wire the article relays."""
    names = "|".join(regex.escape(a) for a in sorted(agencies, key=len, reverse=True))
    return regex.compile(
        rf"(?i:{'|'.join(RELAY_VERBS)})(?:\s+dari)?"
        rf"(?:\s+kantor\s+berita)?\s*(?P<agency>{names})(?![\p{{L}}\p{{N}}])"
    )


def _relayed_agency(text: str, lexicon: Lexicon) -> str | None:
    """The wire agency a `Dilansir AFP` names. The pattern is slow to search for and seldom
    found: the verbs are looked for first."""
    if not any(verb.search(text) for verb in RELAY_VERB_SEARCHES):
        return None
    relayed = _relay_pattern(tuple(lexicon.agencies)).search(text)
    return relayed.group("agency") if relayed else None


def dateline_end(
    text: str, start: int, end: int, lexicon: Lexicon
) -> tuple[int, str | None, str | None]:
    """Where the dateline at the start of a paragraph ends, its place and its outlet."""
    match = _dateline_pattern(tuple(lexicon.outlets)).match(text, start, end)
    if match is None:
        return start, None, None
    place, outlet = match.group("place"), match.group("outlet")
    if outlet is None and place is not None and not place.isupper() and place not in lexicon.places:
        # `Presiden Prabowo - dalam pidatonya - ...` is a sentence, not a dateline.
        return start, None, None
    if outlet is not None and outlet not in lexicon.outlets and not _is_city(place, lexicon):
        return start, None, None  # `DPR, KPK — ...`: an outlet no list knows needs a city
    return match.end(), place.strip() if place else None, lexicon.outlets.get(outlet or "", outlet)


def _is_city(place: str | None, lexicon: Lexicon) -> bool:
    """Whether `place` (in capitals or not) is a city or regency of the public lists."""
    if place is None:
        return False
    name = place.strip().title()
    return name in lexicon.places or name in lexicon.regencies


def _lines(text: str) -> list[tuple[int, int]]:
    """The lines of `text` (split at carriage returns and line feeds) that hold more than
    white space, without the white space (`str.isspace`, which `str.strip` drops) at either
    end."""
    spans = []
    start = 0
    for line in text.replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if stripped:
            first = start + len(line) - len(line.lstrip())
            spans.append((first, first + len(stripped)))
        start += len(line) + 1
    return spans


def _is_crosshead(line: str) -> bool:
    # A paragraph ends in no white space (`_lines`): its last character ends a sentence or not.
    return line[-1] not in _SENTENCE_ENDS and len(line.split()) <= _CROSSHEAD_MAX_WORDS


def _followed_by_blank_line(text: str, end: int) -> bool:
    return _BLANK_LINE.match(text, end, end + 8) is not None


def parse_document(text: str, lexicon: Lexicon) -> Document:
    """Split `text` into paragraphs (lines) and read the headline, date, dateline and credit."""
    lines = _lines(text)
    kinds: list[ParagraphKind] = ["body"] * len(lines)
    title = published = place = outlet = agency = None
    if lines:
        first_start, first_end = lines[0]
        first = text[first_start:first_end]
        date_line = _DATE_LINE.match(first)
        if date_line:
            published, title, kinds[0] = date_line.group(1), date_line.group(2), "headline"
        elif (
            len(lines) > 1
            and _followed_by_blank_line(text, first_end)
            and len(first.split()) <= _HEADLINE_MAX_WORDS
            and dateline_end(text, first_start, first_end, lexicon)[0] == first_start
        ):
            title, kinds[0] = first, "headline"
    for i, (start, end) in enumerate(lines):
        if kinds[i] != "body":
            continue
        line = text[start:end]
        if is_boilerplate(line):
            kinds[i] = "boilerplate"
            continue
        credit = _CREDIT.match(line) if i == len(lines) - 1 else None
        if credit:
            kinds[i] = "boilerplate"
            agency = _agency(credit.group(1), lexicon) or agency
        elif i > 0 and _is_crosshead(line):
            kinds[i] = "crosshead"
    for i, (start, end) in enumerate(lines):
        if kinds[i] == "body":
            body_start, place, outlet = dateline_end(text, start, end, lexicon)
            lines[i] = (body_start, end)  # the dateline is no sentence of the article
            break
    if agency is None:
        agency = _relayed_agency(text, lexicon)
    paragraphs = tuple(Paragraph(i, start, end, kinds[i]) for i, (start, end) in enumerate(lines))
    meta = ArticleMeta(
        title=title, published=published, outlet=outlet, dateline=place, agency=agency
    )
    return Document(text=text, meta=meta, paragraphs=paragraphs)


def _agency(credit: str | None, lexicon: Lexicon) -> str | None:
    if not credit:
        return None
    known = {a.casefold(): a for a in lexicon.agencies}
    names = [known.get(part.strip().casefold()) for part in credit.split(",")]
    found = [n for n in names if n]
    return ", ".join(found) if found else None
