"""Which of an article's recent speakers a mention may name, found by the words they share.

`Resolver` compares each mention with the speakers read before it, most recent first. A
name or short form (`Sullivan`, `Pras`) can only be a speaker that writes one of its words,
or a word starting with its first three letters; most speakers share none with a given
mention, and an article of thousands of new names would compare each with a couple of
hundred. `SpeakerWords` keeps, for every word a speaker was ever known by, the speakers'
numbers in order, so a look-up reads only those that share a word.
"""

from __future__ import annotations

import heapq
from bisect import insort
from collections.abc import Iterable, Iterator


class SpeakerWords:
    """Speakers (by their number in the article, counted from 0) under each word noted for
    them: a superset of the words they go by, as names and aliases only grow or lose words
    while an article is read."""

    def __init__(self) -> None:
        self._numbers: dict[str, list[int]] = {}
        self._noted: set[tuple[str, int]] = set()

    def note(self, number: int, words: Iterable[str]) -> None:
        for word in words:
            if (word, number) not in self._noted:
                self._noted.add((word, number))
                insort(self._numbers.setdefault(word, []), number)

    def sharing(self, words: Iterable[str], since: int) -> Iterator[int]:
        """The speakers numbered `since` or later noted under any of `words`, the last first,
        each once. Lazily: a look-up mostly stops at the first (a word every recent speaker
        writes would otherwise give them all)."""
        lists = [reversed(self._numbers[word]) for word in words if word in self._numbers]
        last = None
        for number in heapq.merge(*lists, reverse=True):
            if number < since:
                return
            if number != last:
                yield number
                last = number
