"""The parser's output as the rows the store writes (`quotedb.store.rows`).

`prepare` turns an article and its extraction into an `ArticleData`: flat tuples ready to
insert, with the sha256, the speaker, role and alias keys and the search text already
computed, so the writer (the one process that cannot be parallel) does as little as possible.
Worker processes send back `prepare_rows`' plain tuples, cheap to pickle; `with_article` makes
them an `ArticleData` again in the ingesting process, which holds the article already.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quotedb.store.keys import normalise_key, sha256_text
from quotedb.store.rows import ArticleData, QuoteData

if TYPE_CHECKING:
    from quotedb.ingest.inputs import ArticleInput
    from quotedb.records import Extraction


def prepare(
    article: ArticleInput, extraction: Extraction, parser_version: str, sha256: str | None = None
) -> ArticleData:
    """`article` and what the parser found in it, as the rows `quotedb.store.writer.BulkWriter`
    inserts."""
    sha256 = sha256 or sha256_text(article.text)
    return with_article(article, prepare_rows(article, extraction, parser_version, sha256))


Prepared = tuple[
    str,
    str | None,
    str | None,
    str | None,
    str | None,
    str | None,
    str,
    tuple[tuple[Any, ...], ...],
]
"""A `ArticleData` as a worker sends it back: without the article, which the ingesting process
holds already, and with each quote a plain tuple of the `QuoteData` fields in their order.
Pickling NamedTuples (and the article's text again) cost a worker 27 us an article; these
plain tuples, 11."""


def prepare_rows(
    article: ArticleInput, extraction: Extraction, parser_version: str, sha256: str
) -> Prepared:
    """What `prepare` computes, in the form a worker sends back (`with_article` completes it)."""
    meta = extraction.meta
    quotes = []
    for quote in extraction.quotes:
        speaker_key = normalise_key(quote.speaker) if quote.speaker else ""
        aliases: list[tuple[str, str]] = []
        if speaker_key:
            for alias in quote.speaker_aliases:
                alias_key = normalise_key(alias)
                if alias_key and alias_key != speaker_key:
                    aliases.append((alias, alias_key))
        cue, mention, role = quote.cue_span, quote.mention_span, quote.role_span
        quotes.append(
            (  # `QuoteData`'s fields, in order
                quote.text,
                quote.kind,
                quote.cue,
                quote.start,
                quote.end,
                quote.mention,
                quote.paragraph,
                cue.start if cue else None,
                cue.end if cue else None,
                mention.start if mention else None,
                mention.end if mention else None,
                role.start if role else None,
                role.end if role else None,
                quote.speaker,
                quote.speaker_type,
                speaker_key,
                quote.role,
                normalise_key(quote.role) if quote.role else "",
                tuple(aliases),
                normalise_key(quote.text),
            )
        )
    return (
        sha256,
        # What the input says about the article wins over what the parser read in its text.
        article.title or meta.title,
        article.published or meta.published,
        article.outlet or meta.outlet,
        meta.dateline,
        article.agency or meta.agency,
        parser_version,
        tuple(quotes),
    )


def with_article(article: ArticleInput, prepared: Prepared) -> ArticleData:
    """The `ArticleData` of `article`, from what `prepare_rows` made of it."""
    sha256, title, published, outlet, dateline, agency, parser_version, quotes = prepared
    return ArticleData(
        article.text,
        sha256,
        article.uri,
        article.doc,
        title,
        published,
        outlet,
        dateline,
        agency,
        parser_version,
        tuple(map(QuoteData._make, quotes)),
    )
