"""Sources are stored as the input gives them, on either backend."""

from __future__ import annotations

import json
from pathlib import Path

from backends import fetch

from quotedb.ingest.pipeline import ingest


def test_texts_and_metadata_that_look_like_syntax_are_stored_as_given(
    tmp_path: Path, db_url: str
) -> None:
    # PostgreSQL receives a batch of sources as one array per column: braces, quotes,
    # backslashes, commas and the word NULL must arrive as written.
    records = [
        {"id": "a", "text": '"Kami {siap}, \\ \\"tentu\\"," kata Budi.\nNULL', "title": "NULL"},
        {"id": "b", "text": "NULL", "outlet": "{}", "date": "2026-03-01"},
        {"id": "c", "text": '{"a": [1, 2]} kata Ani,\t\u00a0 “Ya,” ujar Ani.', "title": "a,b"},
    ]
    feed = tmp_path / "aneh.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    report = ingest([str(feed)], db_url, workers=1)

    assert (report.new, report.failed) == (3, 0)
    stored = fetch(db_url, "SELECT doc, body, title, outlet, published FROM sources ORDER BY doc")
    assert stored == [
        (r["id"], r["text"], r.get("title"), r.get("outlet"), r.get("date")) for r in records
    ]
