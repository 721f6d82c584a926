"""Words of a speaker phrase, with their offsets: the tokens every later step reads.

A token is a word (keeping inner dots, `S.H`, and apostrophes, `O’Neil`), a bracketed group
(`(Purn)`), an initial (`W.`), or a comma or ampersand. A capitalised word with a cue verb
glued to its end (`Wibisanamengatakan`, a space lost in the source) is two tokens, so the
name before the verb reads as a name. The small operations on runs of tokens that the
phrase readers share (cut at commas, the words kept) are here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import regex

from quotedb.parse.lexicon import load_lexicon

# Words keep inner dots (`S.H`, `menpan.go.id`) and apostrophes (`O’Neil`) but not a final one,
# except an initial (`W.`): a sentence's full stop must not stick to the name before it. (Runs
# of word characters are taken whole, `[...]+`: the regex engine is much faster so than one
# character per repetition.)
TOKEN = regex.compile(
    r"\([^()]{0,80}\)|\p{Lu}\.(?!\p{L})"
    r"|[\p{L}\p{N}](?:[\p{L}\p{N}&/-]+|['’.](?=[\p{L}\p{N}]))*|[,&]"
)


class Token:
    """A word (or a bracketed group, or a comma) of a phrase, with its offsets."""

    __slots__ = ("end", "lower", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.lower = text.casefold()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


def tokenize(text: str, start: int, end: int) -> list[Token]:
    return placed(text, start, TOKEN.findall(text, start, end))


def placed(text: str, start: int, words: list[str]) -> list[Token]:
    """The tokens of `words`, found by `TOKEN` in order from `start`.

    `findall` and a `find` per word take less time than match objects. A word is found
    where it was matched: every character skipped between two words (white space,
    punctuation, an unclosed bracket) would start a match of its own if it started the word.
    """
    tokens = []
    at = start
    for word in words:
        at = text.find(word, at)
        cut = _glued_cue(word) if len(word) >= _SHORTEST_GLUED and word[0].isupper() else 0
        if cut:
            tokens.append(Token(word[:cut], at, at + cut))
            tokens.append(Token(word[cut:], at + cut, at + len(word)))
        else:
            tokens.append(Token(word, at, at + len(word)))
        at += len(word)
    return tokens


_SHORTEST_VERB = 8
"""Letters of the shortest cue verb looked for at the end of a word: shorter forms
(`berkata`, `menilai`) could end a real name."""
_SHORTEST_STEM = 3
_SHORTEST_GLUED = _SHORTEST_VERB + _SHORTEST_STEM


@cache
def _glued_verbs() -> tuple[frozenset[str], tuple[int, ...], frozenset[str]]:
    """The cue verbs looked for at the end of a word, their lengths (longest first), and
    their last three letters (most words end otherwise, and need no more looks)."""
    verbs = frozenset(v for v in load_lexicon().speech_verbs if len(v) >= _SHORTEST_VERB)
    endings = frozenset(v[-3:] for v in verbs)
    return verbs, tuple(sorted({len(v) for v in verbs}, reverse=True)), endings


def _glued_cue(word: str) -> int:
    """Where a cue verb glued to the end of `word` starts (0 when none is): after a stem of
    at least three letters, the last one lowercase (`Wibisana|mengatakan`)."""
    verbs, lengths, endings = _glued_verbs()
    if word[-3:].lower() not in endings:
        return 0
    for length in lengths:
        cut = len(word) - length
        if cut >= _SHORTEST_STEM and word[cut - 1].islower() and word[cut:].lower() in verbs:
            return cut
    return 0


def first_token(text: str, start: int, end: int) -> str | None:
    """The first token `tokenize` would give, without the others."""
    match = TOKEN.search(text, start, end)
    return match.group() if match else None


def token_starts(text: str, start: int, end: int) -> list[int]:
    """Where the tokens of `text[start:end]` start, for a caller that needs no more of them
    (building the tokens would take as long again)."""
    return [m.start() for m in TOKEN.finditer(text, start, end)]


def in_single_quotes(text: str, token: Token) -> bool:
    """A nickname written in single marks inside a name (`Suparman 'Parmin' Situmorang`)."""
    return (
        token.text[:1].isupper()
        and token.start > 0
        and text[token.start - 1] in "'‘"
        and text[token.end : token.end + 1] in ("'", "’")
    )


def split_commas(tokens: Sequence[Token]) -> list[list[Token]]:
    """`tokens` cut at their commas, the commas left out (no empty segment)."""
    segments: list[list[Token]] = [[]]
    for token in tokens:
        if token.text == ",":
            if segments[-1]:
                segments.append([])
        else:
            segments[-1].append(token)
    return [s for s in segments if s]


def kept_words(tokens: Sequence[Token]) -> list[Token]:
    """The tokens a phrase's words are made of: not its commas or bracketed groups."""
    return [t for t in tokens if t.text != "," and not t.text.startswith("(")]


def phrase_words(tokens: Sequence[Token]) -> str:
    """The words of `tokens` as written, without brackets; commas kept inside a role that
    lists places or fields (`Kepala Desa X, Kecamatan Y`)."""
    kept = [t for t in tokens if not t.text.startswith("(")]
    while kept and kept[0].text == ",":
        kept.pop(0)
    while kept and kept[-1].text == ",":
        kept.pop()
    return " ".join(t.text for t in kept).replace(" ,", ",").strip()
