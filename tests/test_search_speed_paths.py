"""The read path's fast routes behave like the slow ones: behaviour only, no timing.

- the schema check without Alembic (`HEAD_REVISION`), and the read commands on a SQLite file
  through plain sqlite3 (`connect_readonly`) without importing SQLAlchemy;
- the search's trigram shortcut (`search.matches`), which must find exactly the quotes that
  contain the phrase;
- `who_said` over a bounded set of candidates.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from backends import store_articles
from sqlalchemy import Engine

from quotedb.config import resolve_db_url
from quotedb.errors import DatabaseError
from quotedb.ingest.inputs import ArticleInput
from quotedb.records import ArticleMeta, Extraction, Quote
from quotedb.store import database as db
from quotedb.store import reading, readonly, search
from quotedb.store.keys import normalise_key
from quotedb.store.reading import quotes_by_speaker, who_said
from quotedb.store.speaker_list import list_speakers

QuoteMaker = Callable[..., Quote]

SAID = [
    ("Harga beras turun karena panen raya", "Zulkifli Hasan", "2024-03-01"),
    ("Panen raya datang lebih awal tahun ini", "Sri Wahyuni", "2024-05-02"),
    ("Kami menghargai kerja keras petani", "Zulkifli Hasan", "2023-09"),
    ("Harganya naik 10% tahun ini", "André Wijaya", None),
    ("abc xyz bcd", "Budi Santoso", "2022-01-01"),
    ("Panen raya datang lebih cepat kali ini", "Sri Wahyuni", "2024-06-01"),
]


@pytest.fixture
def stored(engine: Engine, make_quote: QuoteMaker) -> Engine:
    articles = []
    for n, (said, speaker, published) in enumerate(SAID):
        body = f'"{said}," kata {speaker}.'
        quote = make_quote(body, said, speaker, speaker_aliases=(speaker.split()[0],))
        article = ArticleInput(doc=f"d{n}", text=body, uri=f"d{n}.txt", published=published)
        articles.append((article, Extraction(ArticleMeta(), (quote,))))
    store_articles(engine, articles)
    return engine


@pytest.fixture
def raw(stored: Engine, db_url: str) -> Iterator[sqlite3.Connection]:
    path = db.sqlite_path(db_url)
    assert path is not None
    connection = readonly.connect_readonly(path)
    yield connection
    connection.close()


# --- opening without Alembic, reading without SQLAlchemy ---------------------------------------


def test_head_revision_is_alembics_head() -> None:
    script = ScriptDirectory.from_config(db.alembic_config())
    assert script.get_heads() == [db.HEAD_REVISION]


def run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout.strip()


@pytest.mark.backends("sqlite")
def test_opening_to_read_does_not_load_alembic(stored: Engine, db_url: str) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from quotedb.store.readonly import connect_readonly, open_readonly\n"
        f"open_readonly({db_url!r}).dispose()\n"
        f"connect_readonly(Path({str(db.sqlite_path(db_url))!r})).close()\n"
        "print(sorted(m for m in ('alembic', 'quotedb.parse.pipeline') if m in sys.modules))\n"
    )
    assert run_python(code) == "[]"


@pytest.mark.backends("sqlite")
@pytest.mark.parametrize(
    "command", [["who-said", "panen raya"], ["quotes", "-s", "Sri"], ["speakers"]]
)
def test_read_commands_on_a_file_do_not_load_sqlalchemy(
    stored: Engine, db_url: str, command: list[str]
) -> None:
    path = str(db.sqlite_path(db_url))
    code = (
        "import sys\n"
        "from quotedb.cli import app\n"
        f"app({[*command, '--db', path, '--format', 'json']!r}, standalone_mode=False)\n"
        "heavy = ('sqlalchemy', 'alembic', 'quotedb.parse.pipeline')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    output = run_python(code)
    assert output.splitlines()[-1] == "[]"
    assert '"speaker"' in output or '"name"' in output


def test_read_commands_take_a_url_too(stored: Engine, db_url: str) -> None:
    from typer.testing import CliRunner

    from quotedb.cli import app

    result = CliRunner().invoke(app, ["who-said", "panen raya", "--db", db_url, "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 4  # header and three quotes


@pytest.mark.backends("sqlite")
def test_connect_readonly_cannot_write(raw: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
        raw.execute("DELETE FROM quotes")


@pytest.mark.backends("sqlite")
def test_connect_readonly_needs_a_quotedb_database_at_head(tmp_path: Path, db_url: str) -> None:
    with pytest.raises(DatabaseError, match="no database at .*run `quotedb ingest`"):
        readonly.connect_readonly(tmp_path / "missing.sqlite")
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(DatabaseError, match="not a quotedb database"):
        readonly.connect_readonly(other)
    db.migrate(db_url)
    path = db.sqlite_path(db_url)
    assert path is not None
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfeedbeef'")
    with pytest.raises(DatabaseError, match="newer quotedb"):
        readonly.connect_readonly(path)
    with pytest.raises(DatabaseError, match="newer quotedb"):
        readonly.open_readonly(db_url)


# --- the same answers through sqlite3 and through an engine --------------------------------


@pytest.mark.backends("sqlite")
@pytest.mark.parametrize("phrase", ["panen raya", "harga", "10%", "a", "PANEN", "tidak ada"])
def test_who_said_same_through_sqlite3_and_engine(
    stored: Engine, raw: sqlite3.Connection, phrase: str
) -> None:
    assert who_said(raw, phrase) == who_said(stored, phrase)


@pytest.mark.backends("sqlite")
def test_speaker_queries_same_through_sqlite3_and_engine(
    stored: Engine, raw: sqlite3.Connection
) -> None:
    for name in ("Sri Wahyuni", "Zulkifli", "i", "nobody"):
        assert quotes_by_speaker(raw, name) == quotes_by_speaker(stored, name)
    assert list_speakers(raw) == list_speakers(stored)
    assert list_speakers(raw, limit=2) == list_speakers(stored, limit=2)
    assert [s.name for s in list_speakers(raw, limit=2)] == ["Sri Wahyuni", "Zulkifli Hasan"]
    assert list_speakers(raw)[0].aliases == ("Sri",)


def test_who_said_ranks_whole_words_then_length_then_date(stored: Engine) -> None:
    found = [row.quote for row in who_said(stored, "panen raya")]
    assert found == [
        "Harga beras turun karena panen raya",  # shortest
        "Panen raya datang lebih cepat kali ini",  # as long as the next one, and newer
        "Panen raya datang lebih awal tahun ini",
    ]
    assert len(found[1]) == len(found[2])


# --- the trigram shortcut finds exactly what the phrase finds -------------------------------


def test_trigrams_all_present_but_not_the_phrase_is_no_match(stored: Engine) -> None:
    # `abc xyz bcd` holds the trigrams of `abcd` (abc, bcd) but not `abcd` itself.
    assert who_said(stored, "abcd") == []
    assert [row.quote for row in who_said(stored, "abc xyz")] == ["abc xyz bcd"]


@pytest.mark.parametrize("checked_before_narrowing", [500, 2], ids=["default", "narrow-soon"])
def test_search_matches_equal_a_plain_substring_scan(
    engine: Engine,
    make_quote: QuoteMaker,
    monkeypatch: pytest.MonkeyPatch,
    checked_before_narrowing: int,
) -> None:
    # Asked to narrow after two candidates, many searches go on with more trigrams below
    # where the first query stopped: the matches must be the same.
    monkeypatch.setattr(search, "_CHECKED_BEFORE_NARROWING", checked_before_narrowing)
    rng = random.Random(3)
    words = "kami akan panen raya harga beras pupuk air jalan desa sekolah warga".split()
    texts = []
    articles = []
    for n in range(120):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 12)))
        texts.append(text)
        body = f'Berita {n}. "{text}," kata Budi.'
        quote = make_quote(body, text, "Budi")
        articles.append(
            (ArticleInput(doc=f"d{n}", text=body, uri=f"d{n}"), Extraction(ArticleMeta(), (quote,)))
        )
    store_articles(engine, articles)
    with engine.connect() as connection:
        reader = reading._EngineReader(connection)
        for _ in range(60):
            text = rng.choice(texts)
            start = rng.randint(0, len(text) - 1)
            needle = normalise_key(text[start : start + rng.randint(1, 25)])
            if not needle:
                continue
            found = [quote_id for quote_id, _ in search.matches(reader, needle, 1000)]
            expected = [
                n + 1 for n in reversed(range(len(texts))) if needle in normalise_key(texts[n])
            ]
            assert found == expected, needle


def test_who_said_ranks_the_newest_candidates_of_a_common_phrase(
    stored: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past `CANDIDATES` matches, the ranking covers the most recently stored ones."""
    monkeypatch.setattr(reading, "CANDIDATES", 2)
    found = [row.quote for row in who_said(stored, "panen raya")]
    # Quotes 6 and 2 are the newest two holding the phrase; quote 1 (a better match) is not
    # among them.
    assert found == [
        "Panen raya datang lebih cepat kali ini",
        "Panen raya datang lebih awal tahun ini",
    ]


def test_resolve_db_url_agrees_with_the_plain_file_route(tmp_path: Path) -> None:
    from quotedb.config import plain_sqlite_file

    for value in ("q.sqlite", str(tmp_path / "x y" / "q.sqlite"), "~/q.sqlite"):
        path = plain_sqlite_file(value)
        assert path is not None
        assert db.sqlite_path(resolve_db_url(value)) == path
    assert plain_sqlite_file("sqlite:///q.sqlite") is None
