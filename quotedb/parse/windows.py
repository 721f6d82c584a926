"""The clause around a name: how far before it its role may start, and where an apposition
after it ends (`Keir Giles, Konsultan Senior di ...,`)."""

from __future__ import annotations

from functools import cache

import regex

from quotedb.parse.known_names import PLACE_HEADS
from quotedb.parse.lexicon import load_lexicon
from quotedb.parse.tokens import token_starts

_WINDOW_WORDS = 14


@cache
def _window_stops() -> tuple[regex.Pattern[str], ...]:
    """What ends the clause a name's role is written in, looking back from the name.

    The dot of an honorific (`Dra.`, `H.`) or an initial does not; `dan`/`untuk` inside an
    office's name (`Menteri ... Negara dan Reformasi Birokrasi`) are followed by a capital,
    as conjunctions they end the window.

    Four patterns rather than one alternation: the regex engine scans for each alone more
    than twice as fast. No two of them match at the same offset, and a match inside another
    can only be the white space ending a word's, so the last stop ends where the last match
    of any of them ends. Each is searched backwards (`REVERSE`) from the name: the first
    match found is its last, and no two matches of one pattern overlap.
    """
    dotted = sorted({h.rstrip(".") for h in load_lexicon().honorifics if h.endswith(".")})
    honorific = "|".join(regex.escape(h) for h in dotted)
    return (
        regex.compile(r'(?r)[;:!?"“”„\n]'),
        regex.compile(rf"(?r)(?<!\b(?:{honorific}|\p{{Lu}}))\."),
        regex.compile(r"(?r)\b(?i:dengan|oleh|bahwa|kata|ujar|bagi)\s"),
        regex.compile(r"(?r)\b(?:dan|untuk|serta)\s(?=\p{Ll})"),
    )


_LONGEST_STOP = len("dengan ")  # the longest word of a stop, and its white space


def window_start(text: str, at: int) -> int:
    """How far back the role of a name written at `at` may start (same clause)."""
    lo = max(0, at - 200)
    start = lo
    for stop in _window_stops():
        # Only a stop that ends after the last one found matters, and it starts at most
        # `_LONGEST_STOP` before that: the rest of the window need not be searched again.
        match = stop.search(text, max(lo, start - _LONGEST_STOP), at)
        if match:
            start = max(start, match.end())
    # A comma may separate a role from its name (`Juru Bicara Kremlin, Dmitry Peskov`):
    # keep one comma segment before the name, and more only where each is a place of the
    # office (`Kepala Desa X, Kecamatan Y, Kabupaten Z, Nama`).
    last_comma = text.rfind(",", start, at)
    places_start = at  # the words of places count apart: a role then runs longer
    while last_comma != -1 and (comma := text.rfind(",", start, last_comma)) != -1:
        if not _is_place(text[comma + 1 : last_comma]):
            start = comma + 1
            break
        last_comma = places_start = comma
    starts = token_starts(text, start, places_start)
    if len(starts) > _WINDOW_WORDS:
        start = starts[-_WINDOW_WORDS]
    return start


_BRACKETED = regex.compile(r"\s*\([^()]*\)\s*\Z")


def _is_place(segment: str) -> bool:
    """`Kecamatan Sukamaju`, `Jawa Tengah (Jateng)`: a comma segment naming a place."""
    words = _BRACKETED.sub("", segment).split()
    return (len(words) > 1 and words[0] in PLACE_HEADS) or " ".join(words) in _provinces()


@cache
def _provinces() -> frozenset[str]:
    return frozenset(load_lexicon().provinces)


_APPOSITION_END = regex.compile(
    r"[.;:!?\"“”\n]|,(?=\s*\p{Ll})|\s(?:saat|ketika|kepada|seperti|pada|usai)\s"
)


def window_end(text: str, at: int) -> int:
    """Where an apposition after a name ends (`Keir Giles, Konsultan Senior di ...,`)."""
    stop = _APPOSITION_END
    first_comma = text.find(",", at, at + 2)
    if first_comma == -1:
        return at
    match = stop.search(text, first_comma + 1, min(len(text), at + 160))
    return match.start() if match else at
