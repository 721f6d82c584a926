"""Shared fixtures: an isolated working directory, a fresh database, and a quote builder.

Tests that take `db_url` (or `engine`) run once per backend: on a new SQLite file, and on a
new PostgreSQL database when `QUOTEDB_TEST_POSTGRES_URL` names a server (a URL whose user
may create databases, e.g. `postgresql+psycopg://quotedb@127.0.0.1:5432/postgres`; see
`.ci/with-postgres`). Without it the PostgreSQL runs are skipped. A test of one backend's
own ways says so with `@pytest.mark.backends("sqlite")`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from backends import POSTGRES_ENV_VAR, postgres_database
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase
from sqlalchemy import Engine

from quotedb.config import DB_ENV_VAR, resolve_db_url
from quotedb.records import Quote, Span
from quotedb.store.database import BACKENDS, open_database

# Hypothesis keeps each failing example it has shrunk and tries it first on the next run.
# Its database is `.hypothesis/examples` at the top of the checkout, wherever pytest is
# started (each test runs in a temporary directory, see `_isolated`). It is not committed:
# its keys are hashes of the test functions and its format is Hypothesis's own; a failure
# worth keeping for everyone becomes an `@example` on the test.
settings.register_profile(
    "quotedb",
    database=DirectoryBasedExampleDatabase(Path(__file__).parents[1] / ".hypothesis" / "examples"),
)
settings.load_profile("quotedb")


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's `$QUOTEDB_DB` or touches `./quotedb.sqlite`."""
    monkeypatch.delenv(DB_ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests that use a database run on every backend, or on those `@pytest.mark.backends`
    names (a test of one backend's own ways)."""
    if "backend" in metafunc.fixturenames:
        marker = metafunc.definition.get_closest_marker("backends")
        metafunc.parametrize("backend", marker.args if marker else BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The backend of this run of the test; PostgreSQL only when a server is configured."""
    name: str = request.param
    if name == "postgresql" and not os.environ.get(POSTGRES_ENV_VAR):
        pytest.skip(f"PostgreSQL: set {POSTGRES_ENV_VAR} to run")
    return name


@pytest.fixture
def db_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database: a SQLite file that does not exist yet, or a new
    PostgreSQL database (dropped after the test)."""
    if backend == "sqlite":
        yield resolve_db_url(str(tmp_path / "test.sqlite"))
        return
    with postgres_database() as url:
        yield url


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
