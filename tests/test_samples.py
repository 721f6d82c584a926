"""Golden test: the bundled sample articles against their hand annotations.

`seeds/articles/expected.json` lists every quote of every sample (text, kind, speaker,
role), written by hand from GUIDELINES.md. The parser must find exactly those.
"""

from __future__ import annotations

import json

import pytest

from quotedb import extract
from quotedb.resources import seeds_dir

ARTICLES = seeds_dir() / "articles"
EXPECTED: dict[str, list[dict[str, str | None]]] = json.loads(
    (ARTICLES / "expected.json").read_text(encoding="utf-8")
)


def _sample_texts() -> dict[str, str]:
    texts = {path.name: path.read_text(encoding="utf-8") for path in ARTICLES.glob("*.txt")}
    for line in (ARTICLES / "samples.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts[record["id"]] = record["text"]
    return texts


TEXTS = _sample_texts()


def _key(text: str) -> str:
    return text.strip(" ,.")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_quotes_match_the_annotation(name: str) -> None:
    text = TEXTS[name]
    found = [(_key(q.text), q.kind, q.speaker, q.role) for q in extract(text).quotes]
    expected = [(_key(str(e["text"])), e["kind"], e["speaker"], e["role"]) for e in EXPECTED[name]]
    assert found == expected


def test_every_sample_is_annotated() -> None:
    assert set(TEXTS) == set(EXPECTED)


def test_annotations_quote_the_articles_verbatim() -> None:
    for name, quotes in EXPECTED.items():
        for quote in quotes:
            assert str(quote["text"]) in TEXTS[name], (name, quote["text"])


def test_sample_offsets_index_the_text() -> None:
    for text in TEXTS.values():
        for quote in extract(text).quotes:
            assert text[quote.start : quote.end] == quote.text
