"""How the row commands lay out their tables for people, and which fields JSON and CSV put first.

A quote table gives the quote the width: the speaker (their identity across the archive)
with their role below, the quote's kind, the quote (a direct one in quotation marks), the
date, and on a terminal of 130 columns or more the article's title with its uri below. The
full values are in `--format json` and `csv`.
"""

from __future__ import annotations

from collections.abc import Mapping

from quotedb.output import Column

QUOTE_FIELDS_FIRST = ("speaker", "identity", "role", "quote", "kind", "title", "published", "uri")
"""The fields `who-said` and `quotes` print first in JSON and CSV; the others follow."""

QUOTES = (
    # The person as known across the archive (`quotedb identity`), not as one article wrote it.
    Column("speaker", ("identity", "role"), most=30, share=0.25),
    Column("kind", ("kind",)),
    Column("quote", ("quote",), fills=True, wraps=True),
    Column("published", ("published",)),
    Column("article", ("title", "uri"), most=40, share=0.25, from_width=130),
)

EXTRACTED = (
    Column("speaker", ("speaker", "role"), most=30, share=0.25),
    Column("kind", ("kind",)),
    Column("quote", ("text",), fills=True, wraps=True),
    Column("doc", ("doc",), most=30, share=0.2),
)

SPEAKERS = (
    Column("speaker", ("name",), most=30, share=0.3),
    Column("type", ("speaker_type",)),
    Column("quotes", ("quotes",)),
    Column("roles", ("roles",), fills=True),
    Column("other names", ("aliases",), most=30, share=0.2, from_width=100),
)

AMBIGUOUS = (
    Column("name", ("name",), most=30, share=0.3),
    Column("quotes", ("quotes",)),
    Column("reason", ("reason",)),
    Column("could be", ("candidates",), fills=True),
)


def marked(record: Mapping[str, object], field: str) -> dict[str, object]:
    """`record` with its quote `field` in quotation marks when the quote is direct."""
    text = record.get(field)
    if record.get("kind") != "direct" or not isinstance(text, str):
        return dict(record)
    return {**record, field: f"\u201c{text}\u201d"}
