"""`quotedb identity ...` through Typer's CliRunner: curation, files of decisions, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from backends import fetch
from fake_parser import use_fake_parser
from typer.testing import CliRunner, Result

from quotedb.cli import app
from quotedb.config import resolve_db_url

runner = CliRunner()

SUBCOMMANDS = (
    "merge",
    "split",
    "rename",
    "decisions",
    "forget",
    "export",
    "import",
    "ambiguous",
    "refresh",
)
PANTAI = (
    '"Jembatan baru ini untuk anak-anak yang bersekolah," kata bupati Sutarmi Wulandari.\n\n'
    '"Kami menanam seribu bibit bakau minggu ini," kata ketua koperasi Sutarmi.\n\n'
    '"Perahu pedagang kini boleh merapat sampai sore," kata camat Bagas Pranoto.\n\n'
    '"Retribusi tidak naik tahun ini," kata Bagas.\n'
)


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def db(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    use_fake_parser(monkeypatch)
    (tmp_path / "pantai.txt").write_text(PANTAI, encoding="utf-8")
    assert invoke("ingest", str(tmp_path / "pantai.txt"), "--db", db_url).exit_code == 0
    return db_url


def groups(url: str) -> set[frozenset[str]]:
    found: dict[int, set[str]] = {}
    for identity_id, name in fetch(url, "SELECT identity_id, name FROM speakers"):
        found.setdefault(identity_id, set()).add(name)
    return {frozenset(names) for names in found.values()}


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_identity_command_help_shows_an_example(command: str) -> None:
    result = runner.invoke(app, ["identity", command, "--help"])

    assert result.exit_code == 0, result.output
    examples = [line.strip() for line in result.stdout.splitlines() if "quotedb " in line]
    assert examples and all(line.count("quotedb ") == 1 for line in examples), examples
    assert any(line.startswith(f"quotedb identity {command}") for line in examples), examples


def test_merge_split_rename(db: str) -> None:
    merged = invoke("identity", "merge", "sutarmi", "Sutarmi Wulandari", "--db", db)
    assert merged.exit_code == 0, merged.output
    assert merged.stdout == "Sutarmi Wulandari: 2 names (Sutarmi, Sutarmi Wulandari), 2 quotes.\n"

    split = invoke("identity", "split", "Bagas", "--note", "a trader", "--db", db)
    assert split.stdout == "Bagas: 1 name (Bagas), 1 quote.\n"
    assert frozenset({"Bagas"}) in groups(db)

    renamed = invoke("identity", "rename", "Bagas Pranoto", "Drs. Bagas Pranoto", "--db", db)
    assert renamed.stdout.startswith("Drs. Bagas Pranoto: 1 name")

    listed = json.loads(invoke("identity", "decisions", "--db", db, "-f", "json").stdout)
    assert [
        (d["id"], d["action"], d["speaker"], d["into"], d["new_name"], d["note"]) for d in listed
    ] == [
        (1, "merge", "sutarmi", "sutarmi wulandari", None, None),
        (2, "split", "bagas", None, None, "a trader"),
        (3, "rename", "bagas pranoto", None, "Drs. Bagas Pranoto", None),
    ]

    forgotten = invoke("identity", "forget", "2", "--db", db)
    assert forgotten.exit_code == 0 and "identities" in forgotten.stdout
    assert frozenset({"Bagas", "Bagas Pranoto"}) in groups(db)


def test_ambiguous_lists_what_stays_apart(db: str) -> None:
    result = invoke("identity", "ambiguous", "--db", db, "--format", "json")

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "name": "Sutarmi",
            "quotes": 1,
            "reason": "roles differ",
            "candidates": ["Sutarmi Wulandari"],
            "kind": "person",
        }
    ]


def test_refresh_reports_the_identities(db: str) -> None:
    result = invoke("identity", "refresh", "--db", db)
    assert result.stdout == (
        "4 speakers are 3 identities; merges: 0 spelling, 0 listed, 0 alias, 1 partial, "
        "0 curated; 1 ambiguous names (quotedb identity ambiguous).\n"
    )


def test_a_file_of_decisions_carries_curation_to_another_database(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke("identity", "merge", "Sutarmi", "Sutarmi Wulandari", "--note", "sama", "--db", db)
    invoke("identity", "split", "Bagas", "--db", db)
    curation = tmp_path / "kurasi.json"
    assert invoke("identity", "export", str(curation), "--db", db).exit_code == 0

    other = resolve_db_url(str(tmp_path / "lain.sqlite"))
    (tmp_path / "lain.txt").write_text(PANTAI, encoding="utf-8")
    invoke("ingest", str(tmp_path / "lain.txt"), "--db", other)
    imported = invoke("identity", "import", str(curation), "--db", other)

    assert imported.exit_code == 0, imported.output
    assert imported.stdout.startswith("2 decisions added. 4 speakers are 3 identities;")
    assert groups(other) == groups(db)
    again = invoke("identity", "import", str(curation), "--db", other)
    assert again.stdout.startswith("0 decisions added.")
    assert invoke("identity", "export", "--db", other).stdout == curation.read_text()


def test_an_imported_file_may_name_speakers_as_articles_write_them(db: str, tmp_path: Path) -> None:
    curation = tmp_path / "kurasi.json"
    curation.write_text(
        json.dumps([{"action": "merge", "speaker": "SUTARMI", "into": "Sutarmi  Wulandari"}]),
        encoding="utf-8",
    )
    result = invoke("identity", "import", str(curation), "--db", db)

    assert result.exit_code == 0, result.output
    assert frozenset({"Sutarmi", "Sutarmi Wulandari"}) in groups(db)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"action": "merge"}', "expected a JSON list of decisions"),
        ('[{"action": "merge", "speaker": "Sutarmi"}]', "decision 1: a merge needs into"),
        ('[{"action": "join", "speaker": "Sutarmi"}]', "decision 1: action must be one of"),
        ('[{"action": "split", "speaker": 7}]', "decision 1: speaker must be a string"),
        ('[{"action": "split", "speaker": "A", "by": "me"}]', "decision 1: unknown field 'by'"),
        (
            '[{"action": "split", "speaker": "Bagas"}, '
            '{"action": "split", "speaker": "A", "decided_at": "kemarin"}]',
            "decision 2: decided_at is not an ISO date and time",
        ),
    ],
)
def test_a_wrong_file_adds_nothing(db: str, tmp_path: Path, content: str, message: str) -> None:
    curation = tmp_path / "kurasi.json"
    curation.write_text(content, encoding="utf-8")
    result = invoke("identity", "import", str(curation), "--db", db)

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert fetch(db, "SELECT count(*) FROM identity_decisions") == [(0,)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("merge", "Xyzzy", "Bagas"), "no speaker is called 'Xyzzy'"),
        (("split", "Pak Camat"), "no speaker is called exactly 'Pak Camat'"),
        (("forget", "99"), "no decision with id 99"),
        (("import", "tidak-ada.json"), "cannot read tidak-ada.json"),
    ],
)
def test_bad_names_are_one_line_errors(db: str, args: tuple[str, ...], message: str) -> None:
    result = invoke("identity", *args, "--db", db)

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "args", [("merge", "Bagas", "  "), ("rename", "Bagas", " "), ("split", "")]
)
def test_a_blank_name_is_a_usage_error(db: str, args: tuple[str, ...]) -> None:
    result = invoke("identity", *args, "--db", db)

    assert result.exit_code == 2
    assert "must not be empty" in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_name_of_several_people_is_an_error_that_names_them(db: str) -> None:
    invoke("identity", "rename", "Bagas Pranoto", "Pak Camat", "--db", db)
    invoke("identity", "split", "Bagas", "--db", db)
    invoke("identity", "rename", "Bagas", "Pak Camat", "--db", db)
    result = invoke("identity", "merge", "Pak Camat", "Sutarmi", "--db", db)

    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 'Pak Camat' may be any of 2 people: Pak Camat; Pak Camat; give a full name\n"
    )


@pytest.mark.parametrize("command", [("merge", "A", "B"), ("ambiguous",), ("export",)])
def test_no_database_is_an_error_and_creates_none(tmp_path: Path, command: tuple[str, ...]) -> None:
    missing = tmp_path / "tidak-ada.sqlite"
    result = invoke("identity", *command, "--db", str(missing))

    assert result.exit_code == 1
    assert "Error:" in result.stderr
    assert not missing.exists()
