"""The keys quotedb identifies things by: the normal form used to compare names, roles and
quote text, an article's sha256, and the cache of row ids by key that both writers keep."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field


def normalise_key(text: str) -> str:
    """`text` casefolded, accents stripped and runs of whitespace made one space.

    `"  Menteri  Pendidikan\\u00a0Nadiem Makarím "` -> `"menteri pendidikan nadiem makarim"`.
    Speaker names, aliases, role titles and the search index all use this form, so a phrase or
    name typed by a user matches however the article wrote it. Punctuation is kept: a search
    for `10%` must not match `100`.
    """
    folded = text.casefold()
    if not folded.isascii():  # ASCII has no decompositions and no combining marks
        # NFKD after casefolding: casefolding can itself produce combining marks (`İ` -> `i̇`).
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = _NON_ASCII.sub(_without_combining_marks, decomposed)
    return " ".join(folded.split())


# Ingest keys every quote: looking at each character in Python took most of its time.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_combining_marks(run: re.Match[str]) -> str:
    return "".join(ch for ch in run.group() if not unicodedata.combining(ch))


def sha256_text(text: str) -> str:
    """The identity of an article: the sha256 of its text as UTF-8 (`sources.sha256`)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class IdCache:
    """Ids of shared rows, by key: speakers by name key, roles by title key. The writer
    (`writer.BulkWriter`) keeps one, merged only after its transaction commits."""

    speakers: dict[str, int] = field(default_factory=dict)
    roles: dict[str, int] = field(default_factory=dict)

    def update(self, other: IdCache, limit: int | None = None) -> None:
        """Merge `other`; past `limit` entries, start afresh (memory stays bounded)."""
        if limit is not None and len(self.speakers) + len(self.roles) > limit:
            self.speakers.clear()
            self.roles.clear()
        self.speakers.update(other.speakers)
        self.roles.update(other.roles)

    def forget(self, speakers: set[int], roles: set[int]) -> None:
        """Drop the entries of deleted speakers and roles."""
        if speakers:
            self.speakers = {k: v for k, v in self.speakers.items() if v not in speakers}
        if roles:
            self.roles = {k: v for k, v in self.roles.items() if v not in roles}
