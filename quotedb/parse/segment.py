"""Step 2 of the parser: quoted spans and sentences inside the body paragraphs.

Quotation marks are paired per article, not per sentence, because a quote often holds
several sentences and may run over paragraphs. Sentences never split inside a quote.
Both scans are single passes over the text (linear time, no backtracking).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from quotedb.parse.document import Paragraph

OPENING = frozenset("“„«‟")
CLOSING = frozenset("”»″")
STRAIGHT = frozenset('"')
DOUBLE_MARKS = OPENING | CLOSING | STRAIGHT
_MAX_QUOTE_PARAGRAPHS = 6


@dataclass(frozen=True, slots=True)
class Quoted:
    """Text between a pair of double quotation marks.

    `start`/`end` cover the words inside the marks (white space trimmed); `open_at`/`close_at`
    are the marks' offsets, None where the quote opens in an earlier paragraph or closes in a
    later one (a quote running over paragraphs gives one Quoted per paragraph).
    """

    start: int
    end: int
    open_at: int | None
    close_at: int | None
    paragraph: int

    @property
    def outer_start(self) -> int:
        return self.open_at if self.open_at is not None else self.start

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens(text: str, i: int, end: int) -> bool:
    """Whether a straight or ambiguous mark at `i` reads as an opening mark."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    if after.isspace() or after in ",.;:!?)":
        return False
    return before.isspace() or before in "([{:,.;—–-" or not before.isalnum() or i == 0


DOUBLE_MARK = regex.compile("[" + "".join(sorted(DOUBLE_MARKS)) + "]")


# A mark, but none inside a run of straight marks (one with a straight mark on each side):
# `find_quoted` steps over those at once. The standard library's engine finds these about
# as quickly as `str.find` one mark after another, many times quicker than `regex`, when
# every branch starts with a mark: it then skips to the next mark at once (with a branch
# starting with a look-behind, `(?<!")"`, it tried every offset, at twice the cost).
_MARK_NOT_INSIDE_A_RUN = re.compile(
    '"(?:(?!")|(?<!""))|[' + re.escape("".join(sorted(DOUBLE_MARKS - STRAIGHT))) + "]"
)


def _mark_offsets(text: str) -> array[int]:
    """Where the double quotation marks of `text` are, in text order, but for those inside a
    run of straight marks: in an array, 8 bytes a mark, where a list takes 40."""
    return array("q", (mark.start() for mark in _MARK_NOT_INSIDE_A_RUN.finditer(text)))


def find_quoted(text: str, paragraphs: Sequence[Paragraph]) -> tuple[Quoted, ...]:
    """Pair the double quotation marks of the body paragraphs into quoted spans.

    A quote left open at the end of a paragraph runs on into the next one when that
    paragraph opens with a mark (`"` or `“` or Kompas-style `”` again) or closes the quote
    before opening any other; otherwise the stray mark ends with its own paragraph, so one
    unbalanced mark never swallows the rest of the article.
    """
    found: list[Quoted] = []
    carried = 0  # paragraphs an unclosed quote has run over so far
    every_mark = _mark_offsets(text)
    for paragraph in paragraphs:
        lo = bisect_left(every_mark, paragraph.start)
        marks = every_mark[lo : bisect_left(every_mark, paragraph.end, lo)]
        if carried and not _continues(text, paragraph, marks):
            carried = 0
        open_at: int | None = None
        inside = carried > 0
        content_start = paragraph.start
        previous = paragraph.start
        for i in marks:
            ch = text[i]
            if ch == '"' and i > paragraph.start and text[i - 1] == '"':
                # The last mark of a run of straight marks (`""""`), whose first was the mark
                # before. Each mark between them (not listed) opened what the one before it
                # closed, or closed what it opened with nothing between: their number tells
                # the state they leave.
                between = i - previous - 1
                if between % 2:
                    inside = not inside
                if inside and between:
                    open_at, content_start, carried = i - 1, i, 0
                elif between % 2:
                    open_at, carried = None, 0
            previous = i
            if not inside:
                if ch not in OPENING and not _opens(text, i, paragraph.end):
                    continue  # a stray closing mark (or `32"`): nothing to open or close
                inside, open_at, content_start = True, i, i + 1
                continue
            if i == paragraph.start and carried and open_at is None:
                # The quote carried from the last paragraph re-opens here (English style).
                open_at, content_start = i, i + 1
                continue
            if ch in OPENING and i == content_start - 1:
                continue
            start, end = _trimmed(text, content_start, i)
            if end > start:
                found.append(Quoted(start, end, open_at, i, paragraph.index))
            inside, open_at, carried = False, None, 0
        if inside:
            start, end = _trimmed(text, content_start, paragraph.end)
            carried += 1
            if end > start and carried <= _MAX_QUOTE_PARAGRAPHS:
                found.append(Quoted(start, end, open_at, None, paragraph.index))
            if carried > _MAX_QUOTE_PARAGRAPHS:
                carried = 0
        elif carried:
            carried = 0
    return tuple(found)


def _continues(text: str, paragraph: Paragraph, marks: Sequence[int]) -> bool:
    """Whether a quote left open in the paragraph before runs on into this one."""
    if not marks:
        return False
    if marks[0] == paragraph.start:
        return True
    count = sum(text.count(mark, paragraph.start, paragraph.end) for mark in DOUBLE_MARKS)
    return count % 2 == 1 and not _opens(text, marks[0], paragraph.end)


def _any_of(words: Sequence[str]) -> str:
    """A pattern for any of `words`, grouped by their last character: looking behind, the
    regex engine compares that first, and tries a couple of dozen groups, not every word."""
    by_last: dict[str, list[str]] = {}
    for word in words:
        by_last.setdefault(word[-1:], []).append(regex.escape(word[:-1]))
    return "|".join(f"(?:{'|'.join(heads)}){regex.escape(last)}" for last, heads in by_last.items())


@cache
def _sentence_end_pattern(abbreviations: tuple[str, ...]) -> regex.Pattern[str]:
    abbrev = _any_of([a.rstrip(".") for a in abbreviations])
    # A full stop ends a sentence unless it closes an abbreviation or an initial (`W.`), or
    # sits inside a number (`1.000`). A missing space (`bersabar.Ia`) still ends one, and so
    # does a full stop after a word followed by a lowercase word (`haji. dalam peraturan`).
    # A mark right after the stop closes a quote (`."`), unless a word follows it at once
    # (`mereka."Tawaran`): then it opens the next sentence's quote.
    # Both kinds of stop start with a stop character: looking for it first spares the
    # regex engine the look-behinds at every other character, which are most of its work.
    return regex.compile(
        rf"""(?=[.!?…])(?<!\b(?:{abbrev}))(?<!\b\p{{Lu}})(?<!\d(?=\.\d))
        (?:[.!?…]+(?:[\"”’'](?![\p{{L}}\p{{N}}]))?
        (?=\s+[\"“”„«‟'‘\p{{Lu}}\p{{N}}(\[]|\s*\Z|[\"“”„«‟]?\p{{Lu}}\p{{Ll}})
        |(?<=\p{{Ll}}{{3}})\.(?=\s+\p{{Ll}}))""",
        regex.X | regex.V1,
    )


# Words that open a sentence besides the connectors: `Terkait dengan ...`, `Menurut X, ...`.
_OPENING_WORDS = ("terkait", "menurut")
_AFTER_STOP = frozenset({". ", "! ", "? "})
# A paragraph this long holds a whole print page (crossheads glued into it); a web page
# writes its crossheads on lines of their own.
_PRINT_PAGE_CHARS = 1500
_LONGEST_WORD = 40  # letters looked at before an opener: a longer run is no lowercase word


@cache
def _glued_opener_pattern(openers: tuple[str, ...]) -> re.Pattern[str]:
    """A space before a capitalised sentence opener (`Secara terpisah,`, `Terkait ...`)."""
    by_initial: dict[str, list[str]] = {}
    for word in sorted({o.casefold() for o in (*openers, *_OPENING_WORDS)}):
        by_initial.setdefault(word[:1].upper(), []).append(re.escape(word[1:]))
    written = "|".join(
        f"{re.escape(initial)}(?:{'|'.join(rests)})" for initial, rests in by_initial.items()
    )
    # The standard engine finds a literal space quickly, and tries the words only after a
    # lowercase letter and before a capital; the word before is checked apart.
    return re.compile(rf" (?<=[^\W\d_A-Z] )(?=(?:{written})[\s,])".replace(r"\ ", r"\s+"))


def _glued_openers(text: str, start: int, end: int, openers: tuple[str, ...]) -> list[int]:
    """Where a sentence starts with no stop before it: a capitalised opener right after a
    lowercase word (`... lokasi Secara terpisah, X mengatakan`). Print pages flattened to one
    paragraph glue each crosshead to the sentence after it that way (`Mendata lokasi`);
    inside a sentence a connector after a lowercase word is never capitalised."""
    if not openers:
        return []
    found = []
    for match in _glued_opener_pattern(openers).finditer(text, start, end):
        at = match.start()
        word = at
        while word > start and word > at - _LONGEST_WORD and text[word - 1].isalpha():
            word -= 1
        if at - word < 2 or text[word - 1 : word].isalnum():
            continue
        # A lowercase word of two letters or more (`Tunai Sementara` is a name), or a word
        # alone after a stop: a one-word crosshead (`. Digitalisasi Secara terpisah, ...`).
        if text[word:at].islower() or text[max(start, word - 2) : word] in _AFTER_STOP:
            found.append(at)
    return found


def split_sentences(
    text: str,
    paragraphs: Sequence[Paragraph],
    quoted: Sequence[Quoted],
    abbreviations: tuple[str, ...],
    openers: tuple[str, ...] = (),
) -> tuple[Sentence, ...]:
    """The sentences of the paragraphs (in text order); a boundary never falls inside a quote.

    One search for sentence ends runs from the first paragraph to the end of the last, which
    takes much less time than a search per paragraph. It sees past the end of a paragraph,
    but only a stop followed by nothing but white space to the paragraph's end can be found
    differently there, and that ends the paragraph's last sentence whether found or not.
    In a paragraph that holds a print page, a capitalised sentence opener (`openers`,
    connectors) after a lowercase word also starts a sentence (`_glued_openers`).
    """
    if not paragraphs:
        return ()
    quotes: dict[int, list[tuple[int, int]]] = {}
    for q in quoted:
        quotes.setdefault(q.paragraph, []).append((q.outer_start, q.outer_end))
    stops = [
        m.span()
        for m in _sentence_end_pattern(abbreviations).finditer(
            text, paragraphs[0].start, paragraphs[-1].end
        )
    ]
    glued = [
        at
        for paragraph in paragraphs
        if paragraph.end - paragraph.start >= _PRINT_PAGE_CHARS
        for at in _glued_openers(text, paragraph.start, paragraph.end, openers)
    ]
    if glued:
        stops = sorted(stops + [(at, at) for at in glued])
    i = 0
    sentences = []
    for paragraph in paragraphs:
        while i < len(stops) and stops[i][0] < paragraph.start:  # in a line between
            i += 1
        inside = quotes.get(paragraph.index, [])
        start = paragraph.start
        k = 0  # quotes and stops both come in text order: one pointer keeps this linear
        while i < len(stops) and stops[i][0] < paragraph.end:
            stop, end = stops[i]
            i += 1
            while k < len(inside) and inside[k][1] <= end:
                k += 1
            # A stop inside a quote ends no sentence; one that closes it (`bagus."`) does.
            if k == len(inside) or inside[k][0] >= stop:
                s, e = _trimmed(text, start, end)
                if e > s:
                    sentences.append(Sentence(s, e, paragraph.index))
                start = end
        s, e = _trimmed(text, start, paragraph.end)
        if e > s:
            sentences.append(Sentence(s, e, paragraph.index))
    return tuple(sentences)
