"""Where the capitalised words of an article are written: how names are found in its text."""

from __future__ import annotations

from bisect import bisect_left
from functools import cached_property

import regex

MAX_OCCURRENCES = 25
"""Places of one name looked at: a name's role is given at its first few."""
_SEARCHES = 16  # an article asks for five or six names
_MISSES = 200  # places a search reads where the phrase is no whole word, before the index
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}'’-]*(?<!['’])")


class WordIndex:
    """Where the capitalised words of the text are written, for finding names quickly.

    An article asks for a few names, and searching the text for each takes less time than
    indexing all its capitalised words. Each search reads the whole text, so after
    `_SEARCHES` of them (or at a name written so that a search cannot tell where the index's
    words start) the index is built and asked instead: the time stays linear in the length
    of the text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.searches_left = _SEARCHES

    @cached_property
    def positions(self) -> dict[str, list[int]]:
        positions: dict[str, list[int]] = {}
        for match in _CAPITALISED.finditer(self.text):
            positions.setdefault(match.group(), []).append(match.start())
        return positions

    @cached_property
    def words(self) -> list[str]:
        """The words in sorted order, for `find_prefix` (which few articles need)."""
        return sorted(self.positions)

    def find(self, phrase: str) -> list[tuple[int, int]]:
        """Where `phrase` (whole words) is written, at most `MAX_OCCURRENCES` times."""
        first = phrase.split()[0] if phrase.split() else ""
        # Once built, the index answers at once.
        if self.searches_left > 0 and "positions" not in vars(self) and first:
            self.searches_left -= 1
            found = self._search(phrase, first)
            if found is not None:
                return found
        found = []
        for start in self.positions.get(first, ()):
            end = start + len(phrase)
            if self.text.startswith(phrase, start) and not self.text[end : end + 1].isalnum():
                found.append((start, end))
                if len(found) >= MAX_OCCURRENCES:
                    break
        return found

    def _search(self, phrase: str, first: str) -> list[tuple[int, int]] | None:
        """`find`, by searching the text for `phrase`; None where it is written right after
        an apostrophe or a hyphen: whether a word of the index starts there depends on the
        words before (`Bali` in `Jawa-Bali` is none). None too where it is written inside
        other words more than `_MISSES` times (`Rahma` in a text of `Rahmawati`): the index,
        built once, finds it without reading each of them."""
        text = self.text
        found = []
        misses = 0
        start = text.find(phrase)
        while start != -1:
            if text[start - 1 : start] in ("'", "’", "-"):
                return None
            end = start + len(phrase)
            word = _CAPITALISED.match(text, start)
            if word and word.end() == start + len(first) and not text[end : end + 1].isalnum():
                found.append((start, end))
                if len(found) >= MAX_OCCURRENCES:
                    break
            else:
                misses += 1
                if misses > _MISSES:
                    return None
            start = text.find(phrase, start + 1)
        return found

    def find_prefix(self, prefix: str) -> list[tuple[int, int]]:
        """Where a word starting with `prefix` is written (`Rahma` finds `Rahmawati`)."""
        found: list[tuple[int, int]] = []
        i = bisect_left(self.words, prefix)
        while i < len(self.words) and self.words[i].startswith(prefix):
            word = self.words[i]
            i += 1
            if not word[len(prefix) :].isalpha() and word != prefix:
                continue  # `Parmin'` is the short form in quotation marks, not a longer name
            found.extend((p, p + len(word)) for p in self.positions[word][:MAX_OCCURRENCES])
            if len(found) >= MAX_OCCURRENCES:
                break
        return sorted(found)[:MAX_OCCURRENCES]
