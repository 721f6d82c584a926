"""Nicknames an article defines: `Saifullah Yusuf atau yang akrab disapa Gus Ipul`.

Once an article says who a short name stands for, every quote by `Gus Ipul` is a quote by
the person named in full, with the role given with the full name.
"""

from __future__ import annotations

import regex

from quotedb.parse.tokens import tokenize
from quotedb.parse.words import WordClasses

# `atau`/`alias`, then how the name is used (`yang akrab disapa`, `biasa dipanggil`, `dikenal
# sebagai`), then the nickname's capitalised words.
_DEFINITION = regex.compile(
    r"(?:\s*\([^()\n]{1,40}\))?\s*,?\s+(?P<joint>atau|alias)\s+(?:yang\s+)?"
    r"(?:(?:akrab|biasa|kerap|karib|lebih|populer)\s+)?"
    r"(?P<verb>(?:disapa|dipanggil|dikenal|disebut)(?:\s+(?:dengan|sebagai))?\s+)?"
    r"(?P<nick>\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2})"
)
_MARKERS = regex.compile(r"\b(?:atau|alias)\s")
_MAX_NAME_WORDS = 4


def nickname_definitions(text: str, words: WordClasses) -> dict[str, str]:
    """Nickname (without honorifics) -> the full name it stands for, as the article writes
    them. A bare `atau` defines a one-word nickname only (`Budi Santoso atau Ani Lestari` is
    two people); `alias` or a naming verb (`disapa`, `dipanggil`) any."""
    found: dict[str, str] = {}
    for marker in _MARKERS.finditer(text):
        start = _name_start(text, marker.start(), words)
        if start is None:
            continue
        definition = _DEFINITION.match(text, _name_end(text, start, marker.start()))
        if definition is None or definition.start("joint") != marker.start():
            continue
        nick = [w for w in definition.group("nick").split() if w.rstrip(".") not in _bare(words)]
        if not nick or (
            len(nick) > 1 and not definition.group("verb") and marker.group() == "atau "
        ):
            continue
        full = text[start : _name_end(text, start, marker.start())]
        if len(full.split()) >= 2 and " ".join(nick) not in full:
            found.setdefault(" ".join(nick), full)
    return found


def _bare(words: WordClasses) -> frozenset[str]:
    return frozenset(h.rstrip(".") for h in words.honorifics)


def _name_start(text: str, at: int, words: WordClasses) -> int | None:
    """Where the run of name words ending before `at` starts (brackets and a comma after
    the name skipped: `Yusuf (55), atau ...`); None when no name word ends there."""
    end = at
    while end > 0 and text[end - 1] in " ,":
        end -= 1
    if end > 0 and text[end - 1] == ")":
        end = text.rfind("(", max(0, end - 42), end)
        while end > 0 and text[end - 1] == " ":
            end -= 1
    start = None
    for token in reversed(tokenize(text, max(0, end - 80), end)):
        if not words.is_name_word(token) or (start is not None and text[token.end : start].strip()):
            break
        start = token.start
        if len(text[start:end].split()) >= _MAX_NAME_WORDS:
            break
    return start


def _name_end(text: str, start: int, at: int) -> int:
    """The end of the name words written from `start` on, before `at`."""
    end = start
    for token in tokenize(text, start, at):
        if token.text.startswith("(") or token.text == "," or text[end : token.start].strip():
            break
        end = token.end
    return end
