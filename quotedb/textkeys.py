"""The one normal form used to compare names, roles and quote text."""

from __future__ import annotations

import unicodedata


def normalise_key(text: str) -> str:
    """`text` casefolded, accents stripped and runs of whitespace made one space.

    `"  Menteri  Pendidikan\\u00a0Nadiem Makarím "` -> `"menteri pendidikan nadiem makarim"`.
    Speaker names, aliases, role titles and the search index all use this form, so a phrase or
    name typed by a user matches however the article wrote it. Punctuation is kept: a search
    for `10%` must not match `100`.
    """
    # NFKD after casefolding: casefolding can itself produce combining marks (`İ` -> `i̇`).
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())
