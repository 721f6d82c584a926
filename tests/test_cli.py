"""The `quotedb` command through Typer's CliRunner: exit codes, output formats, errors, --db.

Tests that need quotes in the database use `fake_parser.fake_extract`, so they hold whatever the
real parser finds. Those marked `# real parser` run the real one and assert only what holds for
any parser (offsets index the text; counts of articles); the lead adds parser-dependent
end-to-end assertions (who-said answers) once the parser lands.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from fake_parser import JEMBATAN, PASAR, use_fake_parser
from typer.testing import CliRunner, Result

from quotedb.cli import app
from quotedb.ingest.inputs import ArticleInput, iter_inputs
from quotedb.output import render
from quotedb.resources import seeds_dir

runner = CliRunner()

COMMANDS = ("ingest", "extract", "who-said", "quotes", "speakers", "sql", "eval", "browse")
QUOTE_FIELDS = {"speaker", "role", "quote", "kind", "title", "published", "uri"}
PASAR_QUOTE = "Pedagang boleh kembali berjualan mulai besok pagi"
JEMBATAN_QUOTE = "Anak-anak tidak perlu lagi menyeberang sungai untuk ke sekolah"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No QUOTEDB_DB from the developer's shell; the default database lands in tmp_path."""
    monkeypatch.delenv("QUOTEDB_DB", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def fake_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_parser(monkeypatch)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "artikel"
    folder.mkdir()
    (folder / "pasar-ikan.txt").write_text(PASAR, encoding="utf-8")
    (folder / "jembatan.txt").write_text(JEMBATAN, encoding="utf-8")
    return folder


@pytest.fixture
def db(db_url: str, articles: Path, fake_parser: None) -> str:
    """A database holding the two articles and their three (fake-parsed) quotes."""
    result = runner.invoke(app, ["ingest", str(articles), "--db", db_url], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db_url


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


# --- help --------------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_shows_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])

    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout
    examples = [line.strip() for line in result.stdout.splitlines() if "quotedb " in line]
    # Each example on a line of its own, not run together into a paragraph.
    assert examples and all(line.count("quotedb ") == 1 for line in examples), examples
    assert any(line.startswith(f"quotedb {command}") for line in examples), examples


@pytest.mark.parametrize("command", ("ingest", "who-said", "quotes", "speakers", "sql", "browse"))
def test_db_option_and_its_env_var_are_in_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])

    assert "--db" in result.stdout
    assert "QUOTEDB_DB" in result.stdout


def test_no_command_shows_help() -> None:
    result = runner.invoke(app, [])

    assert "who-said" in result.output
    assert result.exit_code == 2  # a usage error: help instead of a command


def test_usage_error_exits_2() -> None:
    result = runner.invoke(app, ["who-said"])

    assert result.exit_code == 2


# --- ingest ------------------------------------------------------------------------------


@pytest.mark.skipif(not (seeds_dir() / "articles").is_dir(), reason="no sample articles")
def test_ingest_bundled_samples_then_reingest_adds_nothing(tmp_path: Path) -> None:
    # real parser: counts of articles hold whatever it finds
    samples = str(seeds_dir() / "articles")
    count = sum(isinstance(item, ArticleInput) for item in iter_inputs([samples]))
    assert count >= 3

    first = runner.invoke(app, ["ingest", samples], catch_exceptions=False)
    second = runner.invoke(app, ["ingest", samples], catch_exceptions=False)

    assert first.exit_code == 0, first.output
    assert first.stdout.startswith(
        f"{count} articles new, 0 already stored, 0 repeated in the input, 0 failed; "
    )
    assert second.exit_code == 0, second.output
    assert second.stdout == (
        f"0 articles new, {count} already stored, 0 repeated in the input, 0 failed; "
        "0 quotes added.\n"
    )
    assert (tmp_path / "quotedb.sqlite").is_file()


@pytest.mark.usefixtures("fake_parser")
def test_ingest_summary_and_reingest(articles: Path) -> None:
    first = invoke("ingest", str(articles))
    second = invoke("ingest", str(articles))

    assert first.exit_code == 0, first.output
    assert (
        first.stdout
        == "2 articles new, 0 already stored, 0 repeated in the input, 0 failed; 3 quotes added.\n"
    )
    assert first.stderr == ""
    assert (
        second.stdout
        == "0 articles new, 2 already stored, 0 repeated in the input, 0 failed; 0 quotes added.\n"
    )


@pytest.mark.usefixtures("fake_parser")
def test_ingest_jsonl_with_a_malformed_line_stores_the_rest_and_exits_1(tmp_path: Path) -> None:
    feed = tmp_path / "kiriman.jsonl"
    feed.write_text(
        json.dumps({"id": "pasar", "text": PASAR})
        + "\n"
        + '{"id": "rusak", "text": "Tanpa penutup}\n'
        + json.dumps({"id": "jembatan", "text": JEMBATAN})
        + "\n",
        encoding="utf-8",
    )

    result = invoke("ingest", str(feed))

    assert result.exit_code == 1, result.output
    assert (
        result.stdout
        == "2 articles new, 0 already stored, 0 repeated in the input, 1 failed; 3 quotes added.\n"
    )
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {feed}:2: not valid JSON")
    docs = invoke("sql", "SELECT doc FROM sources ORDER BY doc", "--format", "csv")
    assert docs.stdout == "doc\njembatan\npasar\n"


def test_ingest_missing_path_is_one_line_error_and_exit_1(tmp_path: Path) -> None:
    missing = tmp_path / "tidak-ada"

    result = invoke("ingest", str(missing))

    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot read {missing}: no such file or directory\n"
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("fake_parser")
def test_ingest_from_stdin() -> None:
    result = runner.invoke(app, ["ingest", "-"], input=PASAR, catch_exceptions=False)

    assert result.exit_code == 0, result.output
    assert (
        result.stdout
        == "1 article new, 0 already stored, 0 repeated in the input, 0 failed; 2 quotes added.\n"
    )
    uri = invoke("sql", "SELECT doc, uri FROM sources", "--format", "json")
    assert json.loads(uri.stdout) == [{"doc": "stdin", "uri": "stdin"}]


def test_ingest_into_a_folder_that_does_not_exist_is_an_error(articles: Path) -> None:
    result = invoke("ingest", str(articles), "--db", "tidak/ada/q.sqlite")

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.splitlines()) == 1


# --- --db and QUOTEDB_DB -------------------------------------------------------------------


@pytest.mark.usefixtures("fake_parser")
def test_db_precedence_option_over_env_over_default(articles: Path, tmp_path: Path) -> None:
    path = str(articles / "jembatan.txt")

    runs = [
        invoke("ingest", path),
        invoke("ingest", path, env={"QUOTEDB_DB": "dari-env.sqlite"}),
        invoke("ingest", path, "--db", "dari-opsi.sqlite", env={"QUOTEDB_DB": "dari-env.sqlite"}),
        invoke("--db", "global.sqlite", "ingest", path, env={"QUOTEDB_DB": "dari-env.sqlite"}),
        invoke("--db", "global.sqlite", "ingest", path, "--db", "perintah.sqlite"),
    ]

    assert [run.exit_code for run in runs] == [0] * 5

    created = sorted(p.name for p in tmp_path.glob("*.sqlite"))
    assert created == [
        "dari-env.sqlite",
        "dari-opsi.sqlite",
        "global.sqlite",
        "perintah.sqlite",
        "quotedb.sqlite",
    ]


def test_db_url_is_accepted(articles: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'url.sqlite'}"

    result = invoke("ingest", str(articles), "--db", url)

    assert result.exit_code == 0, result.output
    assert (tmp_path / "url.sqlite").is_file()


@pytest.mark.parametrize(
    "command", [("ingest", "artikel"), ("who-said", "pasar"), ("sql", "SELECT 1")]
)
def test_a_database_quotedb_cannot_use_is_a_one_line_error(command: tuple[str, str]) -> None:
    result = invoke(*command, "--db", "mysql://redaksi@db.lokal/berita")

    assert result.exit_code == 1
    assert result.stderr == (
        "Error: cannot open mysql://redaksi@db.lokal/berita: "
        "quotedb works with SQLite and PostgreSQL, not mysql\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("who-said", "pasar"),
        ("quotes", "--speaker", "Rina"),
        ("speakers",),
        ("sql", "SELECT 1"),
    ],
)
def test_reading_without_a_database_suggests_ingest(args: tuple[str, ...], tmp_path: Path) -> None:
    result = invoke(*args)

    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: ") and "quotedb ingest" in line
    assert not (tmp_path / "quotedb.sqlite").exists()


# --- who-said, quotes, speakers ------------------------------------------------------------


def test_who_said_table(db: str) -> None:
    result = invoke("who-said", "berjualan mulai besok", "--db", db)

    assert result.exit_code == 0, result.output
    assert "Rina Wulandari" in result.stdout
    assert "Bagus Hartono" not in result.stdout


def test_who_said_json(db: str) -> None:
    result = invoke("who-said", "BERJUALAN mulai", "--db", db, "--format", "json")

    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert QUOTE_FIELDS <= row.keys()
    assert row["speaker"] == "Rina Wulandari"
    assert row["role"] == "lurah"
    assert row["quote"] == "Pedagang boleh kembali berjualan mulai besok pagi"
    assert row["kind"] == "direct"
    assert (row["title"], row["published"]) == (None, None)  # the fake parser reads no date
    assert row["uri"].endswith("pasar-ikan.txt")


def test_who_said_csv(db: str) -> None:
    result = invoke("who-said", "sekolah", "--db", db, "--format", "csv")

    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert QUOTE_FIELDS <= row.keys()
    assert row["speaker"] == "Rina Wulandari"


def test_who_said_nothing_found(db: str) -> None:
    as_json = invoke("who-said", "tidak pernah diucapkan", "--db", db, "--format", "json")
    as_csv = invoke("who-said", "tidak pernah diucapkan", "--db", db, "--format", "csv")

    assert as_json.exit_code == 0, as_json.output
    assert as_json.stdout == "[]\n"
    assert as_csv.stdout.startswith("speaker,")


def test_who_said_limit(db: str) -> None:
    result = invoke("who-said", "a", "--db", db, "--format", "json", "--limit", "1")

    assert result.exit_code == 0, result.output
    # Found inside words in all three quotes: the shortest first.
    assert [row["quote"] for row in json.loads(result.stdout)] == [
        "Pedagang boleh kembali berjualan mulai besok pagi"
    ]


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_quotes_by_speaker(db: str, fmt: str) -> None:
    result = invoke("quotes", "--speaker", "Rina Wulandari", "--db", db, "--format", fmt)

    assert result.exit_code == 0, result.output
    # Newest first: undated (the fake parser reads no dates), the one stored last first.
    market, bridge = PASAR_QUOTE, JEMBATAN_QUOTE
    if fmt == "json":
        rows = json.loads(result.stdout)
        assert [(row["speaker"], row["quote"]) for row in rows] == [
            ("Rina Wulandari", market),
            ("Rina Wulandari", bridge),
        ]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert [row["quote"] for row in rows] == [market, bridge]
    else:
        assert 0 <= result.stdout.index("berjualan") < result.stdout.index("menyeberang")


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_speakers(db: str, fmt: str) -> None:
    result = invoke("speakers", "--db", db, "--format", fmt)

    assert result.exit_code == 0, result.output
    # Most quoted first.
    if fmt == "json":
        counts = [(row["name"], row["quotes"]) for row in json.loads(result.stdout)]
        assert counts == [("Rina Wulandari", 2), ("Bagus Hartono", 1)]
    elif fmt == "csv":
        reader = csv.DictReader(io.StringIO(result.stdout))
        assert {"name", "quotes"} <= set(reader.fieldnames or ())
        assert [(row["name"], row["quotes"]) for row in reader] == [
            ("Rina Wulandari", "2"),
            ("Bagus Hartono", "1"),
        ]
    else:
        assert 0 <= result.stdout.index("Rina Wulandari") < result.stdout.index("Bagus Hartono")


# --- sql -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_sql_formats(db: str, fmt: str) -> None:
    query = "SELECT speaker, count(*) AS n FROM quote_facts GROUP BY speaker ORDER BY n DESC"

    result = invoke("sql", query, "--db", db, "--format", fmt)

    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert json.loads(result.stdout) == [
            {"speaker": "Rina Wulandari", "n": 2},
            {"speaker": "Bagus Hartono", "n": 1},
        ]
    elif fmt == "csv":
        assert result.stdout == "speaker,n\nRina Wulandari,2\nBagus Hartono,1\n"
    else:
        assert "Rina Wulandari" in result.stdout


@pytest.mark.parametrize(
    "query",
    ["DELETE FROM quotes", "DROP TABLE sources", "UPDATE speakers SET name = 'x'"],
)
def test_sql_refuses_writes(db: str, query: str) -> None:
    result = invoke("sql", query, "--db", db)

    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: ")
    count = invoke("sql", "SELECT count(*) AS n FROM quotes", "--db", db, "--format", "csv")
    assert count.stdout == "n\n3\n"


def test_sql_truncation_notice(db: str) -> None:
    result = invoke(
        "sql", "SELECT id FROM quotes", "--db", db, "--format", "csv", "--max-rows", "2"
    )

    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 3
    assert "--max-rows" in result.stderr


def test_sql_error_is_one_line(db: str) -> None:
    result = invoke("sql", "SELECT nothing FROM nowhere", "--db", db)

    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


# --- extract -------------------------------------------------------------------------------


@pytest.mark.usefixtures("fake_parser")
def test_extract_jsonl_offsets_index_the_input(articles: Path, tmp_path: Path) -> None:
    feed = tmp_path / "kiriman.jsonl"
    feed.write_text(json.dumps({"id": "j-1", "text": JEMBATAN}) + "\n", encoding="utf-8")

    result = invoke("extract", str(articles), str(feed), "--format", "jsonl")

    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    texts = {"pasar-ikan": PASAR, "jembatan": JEMBATAN, "j-1": JEMBATAN}
    assert [r["doc"] for r in records] == ["jembatan", "pasar-ikan", "pasar-ikan", "j-1"]
    for record in records:
        assert texts[record["doc"]][record["start"] : record["end"]] == record["text"]
        assert {"kind", "cue", "speaker", "speaker_type", "role", "mention"} <= record.keys()


def test_extract_real_parser_offsets_hold(articles: Path) -> None:
    # real parser: whatever it finds must index the text exactly
    result = invoke("extract", str(articles), "--format", "jsonl")

    assert result.exit_code == 0, result.output
    texts = {"pasar-ikan": PASAR, "jembatan": JEMBATAN}
    for line in result.stdout.splitlines():
        record = json.loads(line)
        assert texts[record["doc"]][record["start"] : record["end"]] == record["text"]


@pytest.mark.usefixtures("fake_parser")
def test_extract_table_and_bad_input(articles: Path, tmp_path: Path) -> None:
    result = invoke("extract", str(articles), str(tmp_path / "hilang.txt"))

    assert result.exit_code == 1
    assert "Bagus Hartono" in result.stdout
    assert result.stderr.startswith("Error: cannot read ")


# --- eval ----------------------------------------------------------------------------------


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    start = PASAR.index("Pedagang")
    end = PASAR.index(',"', start)
    record = {
        "id": "pasar",
        "text": PASAR,
        "quotes": [
            {
                "start": start,
                "end": end,
                "text": PASAR[start:end],
                "kind": "direct",
                "cue": "kata",
                "speaker": "Rina Wulandari",
                "speaker_type": "person",
                "speaker_alt": [],
                "mention": "Rina Wulandari",
                "role": "lurah",
                "optional": False,
            }
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@pytest.mark.usefixtures("fake_parser")
def test_eval_json_is_the_summary(gold: Path) -> None:
    result = invoke("eval", str(gold), "--format", "json")

    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert list(summary) == (
        "quote_p quote_r quote_f1 exact_f1 speaker_acc e2e_p e2e_r e2e_f1 role_acc kind_acc".split()
    )
    assert summary["quote_r"] == 1.0
    assert summary["quote_p"] == 0.5  # the fake also finds Bagus Hartono's quote


@pytest.mark.usefixtures("fake_parser")
def test_eval_table_with_errors(gold: Path) -> None:
    result = invoke("eval", str(gold), "--errors")

    assert result.exit_code == 0, result.output
    assert "saluran air" in result.stdout  # the false alarm


def test_eval_missing_gold_file(tmp_path: Path) -> None:
    result = invoke("eval", str(tmp_path / "tidak-ada.jsonl"))

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.splitlines()) == 1


# --- the renderer --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("json", '[{"nama": "Rina", "peran": "lurah"},\n {"nama": "Ayu Ṡ", "peran": null}]\n'),
        ("csv", "nama,peran\nRina,lurah\nAyu Ṡ,\n"),
    ],
)
def test_render_rows(fmt: str, expected: str) -> None:
    out = io.StringIO()

    render([{"nama": "Rina", "peran": "lurah"}, {"nama": "Ayu Ṡ", "peran": None}], fmt, file=out)

    assert out.getvalue() == expected


def test_render_columns_and_tuples() -> None:
    out = io.StringIO()

    render([(1, ("a", "b"))], "json", columns=["n", "xs"], file=out)

    assert json.loads(out.getvalue()) == [{"n": 1, "xs": ["a", "b"]}]


def test_render_postgresql_values() -> None:
    """numeric (Decimal) and json (dict) columns, as `quotedb sql` gets them from PostgreSQL."""
    row = (Decimal("3.0000"), Decimal("2.5"), Decimal("NaN"), {"k": [1, Decimal("2")]})
    as_json, as_csv = io.StringIO(), io.StringIO()

    render([row], "json", columns=["a", "b", "c", "d"], file=as_json)
    render([row], "csv", columns=["a", "b", "c", "d"], file=as_csv)

    assert json.loads(as_json.getvalue()) == [{"a": 3, "b": 2.5, "c": "NaN", "d": {"k": [1, 2]}}]
    assert as_csv.getvalue() == 'a,b,c,d\n3.0000,2.5,NaN,"{""k"": [1, 2]}"\n'


@pytest.mark.parametrize(("fmt", "expected"), [("json", "[]\n"), ("csv", "a,b\n")])
def test_render_empty(fmt: str, expected: str) -> None:
    out = io.StringIO()

    render([], fmt, columns=["a", "b"], file=out)

    assert out.getvalue() == expected
