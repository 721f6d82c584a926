"""Shared fixtures: an isolated working directory, a fresh database, and a quote builder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from quotedb.config import DB_ENV_VAR, resolve_db_url
from quotedb.db import open_database
from quotedb.records import Quote, Span


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's `$QUOTEDB_DB` or touches `./quotedb.sqlite`."""
    monkeypatch.delenv(DB_ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """The URL of a database file that does not exist yet."""
    return resolve_db_url(str(tmp_path / "test.sqlite"))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A writable engine on a fresh database migrated to head."""
    engine = open_database(db_url)
    yield engine
    engine.dispose()


def quote_in(body: str, said: str, speaker: str | None, **fields: Any) -> Quote:
    """The quote `said` (which must occur in `body`) with offsets into `body`.

    The cue, mention and role get spans where they occur in `body` (after the quote if they
    occur there). Other fields default to a direct quote by a person in paragraph 0.
    """
    start = body.index(said)

    def span(part: str | None) -> Span | None:
        if part is None:
            return None
        at = body.find(part, start + len(said))
        at = at if at != -1 else body.index(part)
        return Span(at, at + len(part))

    cue, mention, role = (
        fields.pop("cue", "kata"),
        fields.pop("mention", None),
        fields.pop("role", None),
    )
    values: dict[str, Any] = {
        "start": start,
        "end": start + len(said),
        "text": said,
        "kind": "direct",
        "cue": cue,
        "cue_span": span(cue),
        "speaker": speaker,
        "speaker_type": "person",
        "mention": mention,
        "mention_span": span(mention),
        "role": role,
        "role_span": span(role),
        "paragraph": 0,
    }
    return Quote(**(values | fields))


@pytest.fixture
def make_quote() -> Callable[..., Quote]:
    """`quote_in`, for test modules (they cannot import conftest)."""
    return quote_in
