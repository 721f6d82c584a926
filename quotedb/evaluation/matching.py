"""How a predicted quote is matched to a gold one, as "The score" in the gold guidelines says.

Names are normalised (casefolded; honorifics and academic titles stripped from the front,
degrees after a comma dropped, a leading `seorang`/`para` dropped; words are `\\w+` runs);
ranges are trimmed of white space and punctuation and matched one-to-one by overlap;
speakers and roles are right by the rules below. `quotedb.evaluation.scoring` counts with these.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from quotedb.parse.lexicon import load_lexicon

if TYPE_CHECKING:
    from quotedb.evaluation.gold import GoldQuote

MIN_OVERLAP = 0.5
"""Least overlap (intersection over union of trimmed ranges) for a lenient match."""
MIN_JACCARD = 0.5
"""Least word-set Jaccard for a right role, or a right speaker of an anonymous gold."""

LEADING_DETERMINERS = ("seorang", "para")

_WORD = re.compile(r"\w+")
_ASCII_PUNCTUATION = frozenset(string.punctuation)


# --- normalising -------------------------------------------------------------------------


def words(value: str) -> tuple[str, ...]:
    """The casefolded `\\w+` runs of a string."""
    return tuple(_WORD.findall(value.casefold()))


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """Word-set Jaccard; two empty sets give 0.0."""
    left, right = set(a), set(b)
    union = left | right
    return len(left & right) / len(union) if union else 0.0


def _segments(items: tuple[str, ...], pieces: frozenset[tuple[str, ...]], longest: int) -> bool:
    """Whether `items` is a concatenation of one or more `pieces`."""
    if not items:
        return False
    for size in range(min(longest, len(items)), 0, -1):
        rest = items[size:]
        if items[:size] in pieces and (not rest or _segments(rest, pieces, longest)):
            return True
    return False


@dataclass(frozen=True)
class NameNormalizer:
    """Normalises speaker names for comparison.

    `honorifics` are stripped as whole leading words, repeatedly (`Prof. Dr. H. Budi`), and
    `degrees_after` as comma-separated trailing parts (`Budi Santoso, S.H., M.Si.`). Both
    are matched on their casefolded `\\w+` words, so `Dr.` also strips `Dr` and `DR`. Nothing
    is stripped that would leave the name empty.
    """

    honorifics: tuple[str, ...]
    degrees_after: tuple[str, ...] = ()
    _prefixes: tuple[tuple[str, ...], ...] = field(init=False, repr=False, compare=False)
    _degrees: frozenset[tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        prefixes = {words(h) for h in self.honorifics} | {(d,) for d in LEADING_DETERMINERS}
        prefixes.discard(())
        ordered = tuple(sorted(prefixes, key=lambda p: (-len(p), p)))
        object.__setattr__(self, "_prefixes", ordered)
        degrees = frozenset(words(d) for d in self.degrees_after) - {()}
        object.__setattr__(self, "_degrees", degrees)

    def _strip_degrees(self, name: str) -> str:
        parts = name.split(",")
        longest = max((len(d) for d in self._degrees), default=0)
        while len(parts) > 1 and _segments(words(parts[-1]), self._degrees, longest):
            parts.pop()
        return ",".join(parts)

    def words(self, name: str) -> tuple[str, ...]:
        """The name's words, casefolded, without honorifics, degrees or `seorang`/`para`."""
        items = words(self._strip_degrees(name))
        stripped = True
        while stripped:
            stripped = False
            for prefix in self._prefixes:
                size = len(prefix)
                if len(items) > size and items[:size] == prefix:
                    items = items[size:]
                    stripped = True
                    break
        return items

    def __call__(self, name: str) -> str:
        """The normalised name: its words joined by single spaces."""
        return " ".join(self.words(name))


@cache
def default_normalizer() -> NameNormalizer:
    """The normaliser built from the bundled lexicon (honorifics, degrees after a name)."""
    lexicon = load_lexicon()
    return NameNormalizer(lexicon.honorifics, lexicon.degrees_after)


def normalize_name(name: str, normalizer: NameNormalizer | None = None) -> str:
    """`name` normalised for comparison (with the lexicon's lists unless given others)."""
    return (normalizer or default_normalizer())(name)


def speaker_right(
    predicted: str | None, gold: GoldQuote, normalizer: NameNormalizer | None = None
) -> bool:
    """Whether a predicted speaker is right for a gold quote (None is always wrong)."""
    if predicted is None:
        return False
    normalizer = normalizer or default_normalizer()
    guess = normalizer.words(predicted)
    if not guess:
        return False
    answers = [normalizer.words(name) for name in (gold.speaker, *gold.speaker_alt)]
    if guess in answers:
        return True
    return gold.speaker_type == "anonymous" and jaccard(guess, answers[0]) >= MIN_JACCARD


def role_right(predicted: str | None, gold: str | None) -> bool:
    """Whether a predicted role is right: word-set Jaccard >= 0.5 (None against a role: no)."""
    if gold is None:
        return predicted is None
    if predicted is None:
        return False
    return jaccard(words(predicted), words(gold)) >= MIN_JACCARD


# --- spans and matching ------------------------------------------------------------------


def _trimmable(char: str) -> bool:
    return (
        char.isspace() or char in _ASCII_PUNCTUATION or unicodedata.category(char).startswith("P")
    )


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The range without white space and punctuation (quotation marks too) at either end.

    The range is first clamped to the text; an all-punctuation range trims to an empty one.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start < end and _trimmable(text[start]):
        start += 1
    while end > start and _trimmable(text[end - 1]):
        end -= 1
    return start, end


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Intersection over union of two character ranges (0.0 when both are empty)."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union > 0 else 0.0


def match(
    predicted: Sequence[tuple[int, int]],
    gold: Sequence[tuple[int, int]],
    optional: Sequence[bool] | None = None,
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching: `(prediction index, gold index, overlap)` triples.

    Ranges should be trimmed already. Pairs with overlap >= 0.5 are taken highest overlap
    first; ties go to non-optional gold, then to the earlier gold, then the earlier prediction.
    """
    flags = optional if optional is not None else [False] * len(gold)
    candidates = []
    for p, p_range in enumerate(predicted):
        for g, g_range in enumerate(gold):
            value = overlap(p_range, g_range)
            if value >= MIN_OVERLAP:
                candidates.append((-value, flags[g], g, p))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for negative, _, g, p in candidates:
        if p in used_p or g in used_g:
            continue
        used_p.add(p)
        used_g.add(g)
        pairs.append((p, g, -negative))
    return sorted(pairs, key=lambda pair: pair[1])
