"""The read side: who_said, quotes_by_speaker, list_speakers and run_sql."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from backends import store_articles
from sqlalchemy import Engine, text

from quotedb.errors import QueryTimeout, QuotedbError, SqlNotAllowed
from quotedb.ingest.inputs import ArticleInput
from quotedb.records import ArticleMeta, Extraction, Quote
from quotedb.store.reading import QuoteRow, quotes_by_speaker, who_said
from quotedb.store.speaker_list import RoleSeen, list_speakers
from quotedb.store.sql import run_sql

QuoteMaker = Callable[..., Quote]

# (doc, published, body, [(quote, speaker, role, aliases)])
Said = tuple[str, str, str | None, tuple[str, ...]]
ARTICLES: list[tuple[str, str | None, str, list[Said]]] = [
    (
        "pangan",
        "2024-03-01",
        '"Harga beras akan turun bulan depan karena panen raya di banyak daerah," '
        "kata Menteri Perdagangan Zulkifli Hasan.\n\n"
        '"Kami menghargai kerja keras petani," kata Zulkifli.',
        [
            (
                "Harga beras akan turun bulan depan karena panen raya di banyak daerah,",
                "Zulkifli Hasan",
                "Menteri Perdagangan",
                ("Zulkifli", "Zulhas"),
            ),
            ("Kami menghargai kerja keras petani,", "Zulkifli Hasan", None, ("Zulkifli",)),
        ],
    ),
    (
        "kafe",
        "2023-09",
        '"Saya minum kopi di kafé itu setiap pagi," kata warga bernama André Wijaya.\n\n'
        '"Harganya naik 10% tahun ini, kata "sakti" pemilik tidak berlaku lagi," '
        "kata André.",
        [
            ("Saya minum kopi di kafé itu setiap pagi,", "André Wijaya", None, ("André",)),
            (
                'Harganya naik 10% tahun ini, kata "sakti" pemilik tidak berlaku lagi,',
                "André Wijaya",
                None,
                (),
            ),
        ],
    ),
    (
        "sekolah",
        None,
        '"Sebanyak 100 orang guru honorer akan diangkat sesuai janji Menteri," '
        "kata menteri pendidikan Nadia Putri.",
        [
            (
                "Sebanyak 100 orang guru honorer akan diangkat sesuai janji Menteri,",
                "Nadia Putri",
                "menteri pendidikan",
                (),
            )
        ],
    ),
]


@pytest.fixture
def seeded(engine: Engine, make_quote: QuoteMaker) -> Engine:
    stored = []
    for doc, published, body, quotes in ARTICLES:
        built = tuple(
            make_quote(body, said, speaker, role=role, speaker_aliases=aliases)
            for said, speaker, role, aliases in quotes
        )
        given = ArticleInput(doc=doc, text=body, uri=f"{doc}.txt", published=published)
        stored.append((given, Extraction(ArticleMeta(), built)))
    store_articles(engine, stored)
    return engine


def said(rows: list[QuoteRow]) -> list[str]:
    return [row.quote for row in rows]


# --- who_said -------------------------------------------------------------------------------


@pytest.mark.parametrize("phrase", ["menteri", "Menteri", "MENTERI"])
def test_who_said_ignores_case(seeded: Engine, phrase: str) -> None:
    # Only quote text is searched: `Menteri Perdagangan` is a role, not something said.
    rows = who_said(seeded, phrase)
    assert said(rows) == ["Sebanyak 100 orang guru honorer akan diangkat sesuai janji Menteri,"]


@pytest.mark.parametrize("phrase", ["kafe itu", "KAFÉ ITU", "kafe\u0301  itu", "Kafé"])
def test_who_said_ignores_accents_case_and_spacing(seeded: Engine, phrase: str) -> None:
    rows = who_said(seeded, phrase)
    assert said(rows) == ["Saya minum kopi di kafé itu setiap pagi,"]
    assert rows[0].speaker == "André Wijaya"


def test_who_said_returns_full_rows(seeded: Engine) -> None:
    (row,) = who_said(seeded, "panen raya")
    assert (row.speaker, row.speaker_type, row.role, row.kind, row.cue) == (
        "Zulkifli Hasan",
        "person",
        "Menteri Perdagangan",
        "direct",
        "kata",
    )
    assert (row.title, row.published, row.uri) == (None, "2024-03-01", "pangan.txt")
    with seeded.connect() as conn:
        body = conn.execute(
            text("SELECT body FROM sources WHERE id = :id"), {"id": row.source_id}
        ).scalar_one()
    assert body[row.start : row.end] == row.quote


def test_who_said_keeps_words_in_order(seeded: Engine) -> None:
    assert len(who_said(seeded, "kerja keras petani")) == 1
    assert who_said(seeded, "petani keras kerja") == []


def test_who_said_ranks_whole_words_first(seeded: Engine) -> None:
    rows = who_said(seeded, "harga")
    # `Harga beras` (a word, long quote) before `menghargai` and `Harganya` (inside words).
    assert said(rows)[0].startswith("Harga beras")
    assert len(rows) == 3
    assert said(rows)[1] == "Kami menghargai kerja keras petani,"  # shorter of the other two
    assert len(who_said(seeded, "harga", limit=1)) == 1


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("10%", ["Harganya"]),  # `%` is not a wildcard: `100 orang` does not match
        ("0%", ["Harganya"]),  # short phrases take the LIKE path
        ("%", ["Harganya"]),
        ("_", []),
        ('"sakti"', ["Harganya"]),
        ('kata "sakti', ["Harganya"]),
        ("tahun*", []),
        ("kopi OR beras", []),
        ("NEAR(kopi pagi)", []),
        ("'; DROP TABLE quotes; --", []),
        ("0", ["Harganya", "Sebanyak"]),
    ],
)
def test_who_said_phrase_is_literal(seeded: Engine, phrase: str, expected: list[str]) -> None:
    found = [quote.split()[0] for quote in said(who_said(seeded, phrase))]
    assert sorted(found) == expected
    with seeded.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM quotes")).scalar_one() == 5


@pytest.mark.parametrize("phrase", ["", "   ", "\n\t"])
def test_who_said_needs_a_phrase(seeded: Engine, phrase: str) -> None:
    with pytest.raises(QuotedbError, match="give a phrase to search for"):
        who_said(seeded, phrase)


# --- quotes_by_speaker and list_speakers ----------------------------------------------------


@pytest.mark.parametrize("name", ["Zulkifli Hasan", "zulkifli  hasan", "Zulhas", "ZULKIFLI"])
def test_quotes_by_speaker_by_name_or_alias(seeded: Engine, name: str) -> None:
    rows = quotes_by_speaker(seeded, name)
    assert {row.speaker for row in rows} == {"Zulkifli Hasan"}
    assert len(rows) == 2


def test_quotes_by_speaker_falls_back_to_part_of_a_name(seeded: Engine) -> None:
    assert {row.speaker for row in quotes_by_speaker(seeded, "andre")} == {"André Wijaya"}
    assert {row.speaker for row in quotes_by_speaker(seeded, "i")} == {
        "Zulkifli Hasan",
        "André Wijaya",
        "Nadia Putri",
    }
    assert quotes_by_speaker(seeded, "%") == []


def test_quotes_by_speaker_newest_first(seeded: Engine) -> None:
    rows = quotes_by_speaker(seeded, "i")
    # 2024-03-01 (two quotes, later id first), then 2023-09, then undated last.
    assert [row.published for row in rows] == [
        "2024-03-01",
        "2024-03-01",
        "2023-09",
        "2023-09",
        None,
    ]
    assert rows[0].quote_id > rows[1].quote_id
    assert len(quotes_by_speaker(seeded, "i", limit=2)) == 2


def test_list_speakers(seeded: Engine) -> None:
    speakers = list_speakers(seeded)
    assert [(s.name, s.quotes) for s in speakers] == [
        ("André Wijaya", 2),
        ("Zulkifli Hasan", 2),
        ("Nadia Putri", 1),
    ]
    zulkifli = speakers[1]
    assert zulkifli.speaker_type == "person"
    assert zulkifli.roles == (RoleSeen("Menteri Perdagangan", "2024-03-01", "2024-03-01", 1),)
    assert (zulkifli.first_seen, zulkifli.last_seen) == ("2024-03-01", "2024-03-01")
    assert zulkifli.aliases == ("Zulhas", "Zulkifli")
    assert speakers[0].roles == () and speakers[0].aliases == ("André",)
    assert len(list_speakers(seeded, limit=1)) == 1


# --- run_sql --------------------------------------------------------------------------------


def test_run_sql_selects(seeded: Engine, db_url: str) -> None:
    result = run_sql(db_url, "SELECT speaker, count(*) AS n FROM quote_facts GROUP BY 1 ORDER BY 1")
    assert result.columns == ("speaker", "n")
    assert result.rows == [("André Wijaya", 2), ("Nadia Putri", 1), ("Zulkifli Hasan", 2)]
    assert result.truncated is False


@pytest.mark.backends("sqlite")
def test_run_sql_reads_the_search_table_and_schema(seeded: Engine, db_url: str) -> None:
    found = run_sql(db_url, "SELECT rowid FROM quote_search WHERE quote_search MATCH 'kop AND opi'")
    assert len(found.rows) == 1
    columns = run_sql(db_url, "PRAGMA table_info(quotes)")
    assert "speaker_id" in [row[1] for row in columns.rows]
    assert run_sql(db_url, "PRAGMA journal_mode").rows == [("wal",)]


@pytest.mark.backends("postgresql")
def test_run_sql_reads_the_search_table_and_catalog(seeded: Engine, db_url: str) -> None:
    found = run_sql(db_url, "SELECT quote_id FROM quote_search WHERE norm LIKE '%kopi%'")
    assert len(found.rows) == 1
    columns = run_sql(
        db_url, "SELECT column_name FROM information_schema.columns WHERE table_name = 'quotes'"
    )
    assert ("speaker_id",) in columns.rows


WRITES = [
    "INSERT INTO roles (title, title_key) VALUES ('x', 'x')",
    "UPDATE quotes SET text = 'x'",
    "DELETE FROM quotes",
    "DROP TABLE quotes",
    "CREATE TABLE notes (body TEXT)",
    "CREATE TEMP TABLE notes (body TEXT)",
    "ANALYZE",
    "BEGIN",
]


@pytest.mark.parametrize(
    "sql",
    [
        *WRITES,
        "ATTACH DATABASE 'other.sqlite' AS other",
        "PRAGMA journal_mode = DELETE",
        "PRAGMA query_only = 0",
        "SELECT load_extension('x')",
        "REPLACE INTO roles (id, title, title_key) VALUES (1, 'x', 'x')",
        "UPDATE sqlite_master SET sql = ''",
        "VACUUM INTO 'copy.sqlite'",
    ],
)
@pytest.mark.backends("sqlite")
def test_run_sql_refuses_anything_but_reading(seeded: Engine, db_url: str, sql: str) -> None:
    with pytest.raises(SqlNotAllowed, match=r"^quotedb sql is read-only: .* refused$"):
        run_sql(db_url, sql)
    assert run_sql(db_url, "SELECT count(*) FROM quotes").rows == [(5,)]


@pytest.mark.parametrize(
    "sql",
    [
        *WRITES,
        # A second statement would run after COMMIT, outside the read-only transaction.
        "COMMIT; DELETE FROM quotes",
        "/* tidy */ TRUNCATE quotes",
        "SET default_transaction_read_only = off",
        "SELECT nextval('quotes_id_seq')",
        "SELECT set_config('transaction_read_only', 'off', true)",
        "COPY quotes TO STDOUT",
        "VACUUM",
    ],
)
@pytest.mark.backends("postgresql")
def test_run_sql_refuses_anything_but_reading_on_postgresql(
    seeded: Engine, db_url: str, sql: str
) -> None:
    with pytest.raises(SqlNotAllowed, match=r"^quotedb sql is read-only: [A-Z]+ refused$"):
        run_sql(db_url, sql)
    assert run_sql(db_url, "SELECT count(*) FROM quotes").rows == [(5,)]


@pytest.mark.backends("postgresql")
def test_run_sql_on_postgresql_runs_queries_only(seeded: Engine, db_url: str) -> None:
    with pytest.raises(SqlNotAllowed, match=r"^quotedb sql runs queries .*: EXPLAIN refused$"):
        run_sql(db_url, "EXPLAIN SELECT 1")
    assert run_sql(db_url, "VALUES (1, 'a')").rows == [(1, "a")]
    assert run_sql(db_url, "SELECT '10%' LIKE '%\\%' AS percent").rows == [(True,)]


def test_run_sql_stops_at_the_time_limit(seeded: Engine, db_url: str) -> None:
    # A billion steps: this can never finish in 0.2 s, so the test cannot be flaky.
    endless = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
        "SELECT count(*) FROM n"
    )
    with pytest.raises(QueryTimeout, match=r"^query stopped after 0.2 s; raise --timeout$"):
        run_sql(db_url, endless, timeout=0.2)


@pytest.mark.parametrize("sql", ["SELEC 1", "SELECT * FROM nowhere", "SELECT 1; SELECT 2"])
def test_run_sql_reports_errors_on_one_line(seeded: Engine, db_url: str, sql: str) -> None:
    with pytest.raises(QuotedbError) as raised:
        run_sql(db_url, sql)
    assert not isinstance(raised.value, SqlNotAllowed)
    assert str(raised.value).startswith("SQL error: ") and "\n" not in str(raised.value)


def test_run_sql_needs_a_database(db_url: str) -> None:
    with pytest.raises(QuotedbError, match="run `quotedb ingest`"):
        run_sql(db_url, "SELECT 1")
