"""The Alembic history: it builds the models' schema, has one head, and every step reverses;
and the commands on a database a migration behind."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from alembic.command import check, downgrade, upgrade
from alembic.config import Config
from alembic.script import ScriptDirectory
from backends import fetch
from fake_parser import PASAR, use_fake_parser
from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner, Result

from quotedb.cli import app
from quotedb.config import resolve_db_url
from quotedb.store import database as db

REVISIONS = [
    script.revision
    for script in reversed(list(ScriptDirectory.from_config(db.alembic_config()).walk_revisions()))
]


def config_for(url: str) -> Config:
    config = db.alembic_config()
    config.set_main_option("sqlalchemy.url", url)
    return config


def schema_objects(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        inspector = inspect(engine)
        return set(inspector.get_table_names()) | set(inspector.get_view_names())
    finally:
        engine.dispose()


def test_upgrade_to_head_matches_the_models(db_url: str) -> None:
    db.migrate(db_url)
    assert {"sources", "speakers", "speaker_aliases", "roles", "quotes"} <= schema_objects(db_url)
    assert {"quote_facts", "quote_search"} <= schema_objects(db_url)
    check(config_for(db_url))  # raises if autogenerate would write a new revision


def test_alembic_finds_the_database_like_quotedb_does(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`alembic upgrade head` by hand: $QUOTEDB_DB, else ./quotedb.sqlite."""
    upgrade(db.alembic_config(), "head")
    assert "quotes" in schema_objects(resolve_db_url("quotedb.sqlite"))
    monkeypatch.setenv("QUOTEDB_DB", db_url)
    upgrade(db.alembic_config(), "head")
    check(db.alembic_config())


def test_single_head() -> None:
    script = ScriptDirectory.from_config(db.alembic_config())
    assert len(script.get_heads()) == 1


@pytest.mark.parametrize("revision", REVISIONS)
def test_stairway(db_url: str, revision: str) -> None:
    """Each revision upgrades, downgrades to the one before, and upgrades again."""
    config = config_for(db_url)
    script = ScriptDirectory.from_config(config).get_revision(revision)
    previous = script.down_revision if isinstance(script.down_revision, str) else "base"
    upgrade(config, revision)
    downgrade(config, previous)
    upgrade(config, revision)


def test_the_view_names_the_speakers_type_speaker_type(db_url: str) -> None:
    """Revision c3a9e1f27b40 renames quote_facts.speaker_kind; downgrading brings it back."""

    def view_columns() -> list[str]:
        engine = create_engine(db_url)
        try:
            return [column["name"] for column in inspect(engine).get_columns("quote_facts")]
        finally:
            engine.dispose()

    config = config_for(db_url)
    upgrade(config, "c3a9e1f27b40")
    assert "speaker_type" in view_columns() and "speaker_kind" not in view_columns()
    downgrade(config, "5b9e0c3f7a21")
    assert "speaker_kind" in view_columns() and "speaker_type" not in view_columns()


SPAN_CHECKS = "a1567cc09b4f"
SPAN_COLUMNS = [
    f"{field}_{end}" for field in ("cue", "mention", "role") for end in ("start", "end")
]
# (quote id, cue, mention and role spans as stored) in an article of ten characters.
STORED_SPANS = [
    (1, 0, 5, 0, 3, 6, 10),  # all good, the role up to the article's end
    (2, 5, 2, 0, 3, None, None),  # a cue that ends before it starts
    (3, None, 4, 3, 3, 2, 1),  # a cue with one end; a role backwards (issue 14)
    (4, 0, 2, -1, 2, 4, 11),  # a mention before the text; a role past its end
]


def _spans(url: str) -> list[tuple[int | None, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            columns = ", ".join(["id", *SPAN_COLUMNS])
            return [
                tuple(r) for r in conn.exec_driver_sql(f"SELECT {columns} FROM quotes ORDER BY id")
            ]
    finally:
        engine.dispose()


def test_spans_that_point_nowhere_are_cleared_and_then_refused(db_url: str) -> None:
    config = config_for(db_url)
    script = ScriptDirectory.from_config(config).get_revision(SPAN_CHECKS)
    assert isinstance(script.down_revision, str)
    upgrade(config, script.down_revision)
    engine = create_engine(db_url)
    insert = (
        'INSERT INTO quotes (id, source_id, text, kind, "start", "end", paragraph, '
        f"{', '.join(SPAN_COLUMNS)}) VALUES (%s, 1, 'ab', 'direct', 0, 2, 0, %s)"
    )
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO sources (id, body, sha256, uri, doc, ingested_at, parser_version) "
                "VALUES (1, 'abcdefghij', 'x', 'u', 'd', '2024-05-01 07:30:00', '0.3.0')"
            )
            for row in STORED_SPANS:
                values = ", ".join("NULL" if v is None else str(v) for v in row[1:])
                conn.exec_driver_sql(insert % (row[0], values))
    finally:
        engine.dispose()

    upgrade(config, SPAN_CHECKS)

    assert _spans(db_url) == [
        (1, 0, 5, 0, 3, 6, 10),
        (2, None, None, 0, 3, None, None),
        (3, None, None, 3, 3, None, None),
        (4, 0, 2, None, None, None, None),
    ]
    engine = create_engine(db_url)
    try:
        for bad in ("0, 1, 0, 1, 5, 2", "0, 1, NULL, 1, 0, 0", "-3, -1, 0, 1, 0, 0"):
            with pytest.raises(IntegrityError), engine.begin() as conn:
                conn.exec_driver_sql(insert % (9, bad))
    finally:
        engine.dispose()
    downgrade(config, script.down_revision)
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(insert % (9, "0, 1, 0, 1, 5, 2"))
    finally:
        engine.dispose()


def test_downgrade_to_base_removes_everything(db_url: str) -> None:
    config = config_for(db_url)
    upgrade(config, "head")
    downgrade(config, "base")
    assert schema_objects(db_url) == {"alembic_version"}
    upgrade(config, "head")
    check(config)


def test_postgresql_gets_a_plain_search_table() -> None:
    """The migrations render for PostgreSQL (offline: no server needed) without SQLite DDL."""
    out = io.StringIO()
    config = config_for("postgresql://quotedb@localhost/quotedb")
    config.output_buffer = out
    upgrade(config, "head", sql=True)
    sql = out.getvalue()
    assert "CREATE VIEW quote_facts" in sql
    assert "CREATE TABLE quote_search" in sql
    assert "VIRTUAL" not in sql and "TRIGGER" not in sql
    assert "CREATE EXTENSION IF NOT EXISTS pg_trgm" in sql and "gin_trgm_ops" in sql


@pytest.mark.backends("postgresql")
def test_postgresql_search_uses_the_trigram_index(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")  # a tiny table: force the choice
        # exec_driver_sql hands psycopg the text as it is, where % marks a placeholder.
        plan = conn.exec_driver_sql(
            "EXPLAIN SELECT quote_id FROM quote_search WHERE norm LIKE '%%perahu karet%%'"
        ).scalars()
        assert "ix_quote_search_norm_trgm" in "\n".join(plan)


@pytest.mark.usefixtures("fake_parser")
def test_the_commands_on_a_database_at_an_older_revision(db_url: str, tmp_path: Path) -> None:
    """The read commands refuse a database a migration behind, naming the fix; the command
    they name migrates it; then ingest stores and the read commands answer. On SQLite both
    ways of naming the file: a path (read without SQLAlchemy) and a URL."""
    upgrade(config_for(db_url), REVISIONS[-2])
    path = db.sqlite_path(db_url)
    names = [db_url] if path is None else [str(path), db_url]
    older = "its schema is older than this quotedb; `quotedb reparse --outdated` upgrades it"

    for name in names:
        for command in (["who-said", "pasar"], ["speakers"]):
            refused = invoke(*command, "--db", name)
            shown = str(path) if name == str(path) else db.describe(db_url)
            assert (refused.exit_code, refused.stdout) == (1, "")
            assert refused.stderr == f"Error: cannot read {shown}: {older}\n"

    upgraded = invoke("reparse", "--outdated", "--db", db_url)
    assert (upgraded.exit_code, upgraded.stderr) == (0, ""), upgraded.output
    assert schema_revision(db_url) == db.HEAD_REVISION
    articles = tmp_path / "artikel"
    articles.mkdir()
    (articles / "pasar.txt").write_text(PASAR, encoding="utf-8")
    stored = invoke("ingest", str(articles), "--db", db_url)
    assert (stored.exit_code, stored.stderr) == (0, "")
    assert stored.stdout.startswith("1 article new, ")
    for name in names:
        said = invoke("who-said", "saluran air", "--format", "csv", "--db", name)
        assert (said.exit_code, said.stderr) == (0, "")
        assert [line.split(",")[0] for line in said.stdout.splitlines()] == [
            "speaker",
            "Bagus Hartono",
        ]


@pytest.fixture
def fake_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_parser(monkeypatch)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def schema_revision(url: str) -> str:
    [(revision,)] = fetch(url, "SELECT version_num FROM alembic_version")
    return str(revision)
