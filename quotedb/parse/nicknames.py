"""Nicknames an article defines: `Bambang Sutrisno atau yang akrab disapa Gus Bams`.

Once an article says who a short name stands for, every quote by `Gus Bams` is a quote by
the person named in full, with the role given with the full name.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from quotedb.parse.tokens import tokenize
from quotedb.parse.words import WordClasses

# `atau`/`alias`, then how the name is used (`yang akrab disapa`, `biasa dipanggil`, `dikenal
# sebagai`), then the nickname's capitalised words.
_DEFINITION = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<joint>atau|alias)\s+(?:yang\s+)?"
    r"(?:(?:akrab|biasa|kerap|karib|lebih|populer)\s+)?"
    r"(?P<verb>(?:disapa|dipanggil|dikenal|disebut)(?:\s+(?:dengan|sebagai))?\s+)?"
    r"(?P<nick>\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2})"
)
# Between the full name and `atau`: an age or a short form in brackets, a comma.
_BEFORE_JOINT = regex.compile(r"(?:\s*\([^()\n]{1,40}\))?\s*,?\s+\Z")
_MAX_NAME_WORDS = 4
_JOINTS = ("atau ", "alias ")


def nickname_definitions(text: str, words: WordClasses, wanted: set[str]) -> dict[str, str]:
    """Nickname (without honorifics) -> the full name it stands for, for the nicknames in
    `wanted`, as the article writes them. A bare `atau` defines a one-word nickname only
    (`Budi Santoso atau Ani Lestari` is two people); `alias` or a naming verb (`disapa`,
    `dipanggil`) any."""
    found: dict[str, str] = {}
    for definition in _definitions(text):
        nick_words = [w for w in definition.group("nick").split() if not words.is_honorific_text(w)]
        nick = " ".join(nick_words)
        if nick not in wanted or nick in found:
            continue
        if len(nick_words) > 1 and not definition.group("verb") and definition["joint"] == "atau":
            continue
        start = _name_start(text, definition.start(), words)
        if start is None:
            continue
        end = _name_end(text, start, definition.start())
        if not _BEFORE_JOINT.match(text[end : definition.start()]):
            continue
        full = text[start:end]
        if len(full.split()) >= 2 and nick not in full:
            found[nick] = full
    return found


def _definitions(text: str) -> Iterator[regex.Match[str]]:
    """`_DEFINITION` where it matches, tried only where `atau` or `alias` is written (a
    plain search for the words takes a fraction of the regex engine's)."""
    for joint in _JOINTS:
        at = text.find(joint)
        while at != -1:
            definition = _DEFINITION.match(text, at)
            if definition:
                yield definition
            at = text.find(joint, at + 1)


def _name_start(text: str, at: int, words: WordClasses) -> int | None:
    """Where the run of name words ending before `at` starts (brackets and a comma after
    the name skipped: `Yusuf (55), atau ...`); None when no name word ends there."""
    end = at
    while end > 0 and text[end - 1] in " ,":
        end -= 1
    opening = text.rfind("(", max(0, end - 42), end) if text[end - 1 : end] == ")" else -1
    if opening != -1:
        end = opening
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


MIN_BLEND_LETTERS = 5
_MIN_PIECE_LETTERS = 2


def is_blend(nick: str, full: str) -> bool:
    """Whether `nick` is made of the starts of `full`'s words, in order from the first, two
    words or more (`Jokowi` of `Joko Widodo`, `Zulhas` of `Zulkifli Hasan`): a common way
    Indonesian news names public figures without saying so."""
    words = full.casefold().split()
    rest = nick.casefold()
    if len(words) < 2 or len(rest) < MIN_BLEND_LETTERS or words[0] == rest:
        return False
    return _pieces_from(rest, words, 0)


def _pieces_from(rest: str, words: list[str], i: int) -> bool:
    if not rest:
        return i >= 2
    if i == len(words):
        return False
    word = words[i]
    for k in range(min(len(word), len(rest)), _MIN_PIECE_LETTERS - 1, -1):
        if word[:k] == rest[:k] and _pieces_from(rest[k:], words, i + 1):
            return True
    return False
