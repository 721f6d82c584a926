"""The identities migration moves an existing archive over: every speaker its own identity,
no quote changed, new speakers numbered after them; and it downgrades without losing one."""

from __future__ import annotations

from alembic.command import downgrade, upgrade
from alembic.config import Config
from backends import fetch
from fake_parser import PASAR, fake_extract
from sqlalchemy import create_engine, text

from quotedb.identity.identities import refresh_identities
from quotedb.ingest.inputs import ArticleInput
from quotedb.ingest.prepare import prepare
from quotedb.store import database as db
from quotedb.store.writer import BulkWriter

BEFORE = "c3a9e1f27b40"
IDENTITIES = "fd635e2f41e1"


def config_for(url: str) -> Config:
    config = db.alembic_config()
    config.set_main_option("sqlalchemy.url", url)
    return config


def fill_before(url: str) -> None:
    """An archive as the revision before identities stored it: two speakers, three quotes."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sources (id, body, sha256, uri, doc, ingested_at, parser_version) "
                "VALUES (1, 'isi', 'abc', 'a.txt', 'a', CURRENT_TIMESTAMP, '1')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO speakers (id, name, kind, name_key) VALUES "
                "(4, 'Sutarmi Wulandari', 'person', 'sutarmi wulandari'), "
                "(9, 'Sutarmi', 'person', 'sutarmi')"
            )
        )
        conn.execute(
            text("INSERT INTO roles (id, title, title_key) VALUES (1, 'Mendag', 'mendag')")
        )
        conn.execute(
            text(
                'INSERT INTO quotes (id, source_id, speaker_id, role_id, text, kind, "start", '
                "\"end\", paragraph) VALUES (1, 1, 4, 1, 'isi', 'direct', 0, 3, 0), "
                "(2, 1, 9, NULL, 'isi', 'direct', 0, 3, 0), "
                "(3, 1, NULL, NULL, 'isi', 'direct', 0, 3, 0)"
            )
        )
        if conn.dialect.name == "postgresql":  # ids given by hand: the sequences go on after
            for table in ("sources", "speakers", "roles", "quotes"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
    engine.dispose()


def test_every_stored_speaker_gets_an_identity_of_its_own(db_url: str) -> None:
    config = config_for(db_url)
    upgrade(config, BEFORE)
    fill_before(db_url)
    quotes = fetch(db_url, "SELECT * FROM quotes ORDER BY id")

    upgrade(config, IDENTITIES)

    assert fetch(db_url, "SELECT id, identity_id FROM speakers ORDER BY id") == [(4, 4), (9, 9)]
    assert fetch(db_url, "SELECT id, name, name_key, kind FROM identities ORDER BY id") == [
        (4, "Sutarmi Wulandari", "sutarmi wulandari", "person"),
        (9, "Sutarmi", "sutarmi", "person"),
    ]
    assert fetch(db_url, "SELECT id, source_id, speaker_id, role_id FROM quotes ORDER BY id") == [
        row[:4] for row in quotes
    ]
    assert fetch(db_url, "SELECT speaker, identity, role, normal_role FROM quote_facts") == [
        ("Sutarmi Wulandari", "Sutarmi Wulandari", "Mendag", "Mendag"),
        ("Sutarmi", "Sutarmi", None, None),
        (None, None, None, None),
    ]

    # New speakers' identities are numbered after the moved ones (PostgreSQL's sequence
    # was set past them); the next refresh merges and writes out the role.
    engine = db.open_database(db_url)
    article = ArticleInput(doc="pasar", text=PASAR, uri="pasar.txt")
    BulkWriter(engine).write([prepare(article, fake_extract(PASAR), "1")])
    assert min(i for (i,) in fetch(db_url, "SELECT id FROM identities WHERE id NOT IN (4, 9)")) > 9
    refresh_identities(engine)
    engine.dispose()
    assert fetch(db_url, "SELECT count(DISTINCT identity_id) FROM speakers WHERE id IN (4, 9)") == [
        (1,)
    ]
    assert fetch(db_url, "SELECT normal_title FROM roles WHERE id = 1") == [
        ("Menteri Perdagangan",)
    ]


def test_downgrading_keeps_every_quote(db_url: str) -> None:
    config = config_for(db_url)
    upgrade(config, BEFORE)
    fill_before(db_url)
    before = fetch(db_url, "SELECT * FROM quote_facts ORDER BY quote_id")

    upgrade(config, IDENTITIES)
    downgrade(config, BEFORE)

    assert fetch(db_url, "SELECT * FROM quote_facts ORDER BY quote_id") == before
    assert fetch(db_url, "SELECT id, name FROM speakers ORDER BY id") == [
        (4, "Sutarmi Wulandari"),
        (9, "Sutarmi"),
    ]
