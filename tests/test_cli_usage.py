"""The command line as people meet it: help in its own words, and one line for every mistake.

Help shows `TEXT`, `INTEGER`, `PATH` placeholders (never a Python type such as `<str>`), no
value after a flag, the arguments as they are typed, and one `Examples:` block. A usage
error is one line on stderr with exit status 2, however it is made; a database that is not
quotedb's gets the same one line from every command.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from typer.core import TyperGroup
from typer.main import get_command
from typer.testing import CliRunner, Result

from quotedb.cli import app

runner = CliRunner()

GROUP = get_command(app)
assert isinstance(GROUP, TyperGroup)
COMMANDS = tuple(GROUP.commands)
"""Every command, so that a new one is held to the same help."""
PLACEHOLDERS = {"TEXT", "INTEGER", "SECONDS", "PATH|URL", "ID", "table|json|csv"}
PLACEHOLDERS |= {"table|jsonl", "table|json"}


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


def help_of(command: str | None) -> str:
    result = invoke(*([command] if command else []), "--help")
    assert result.exit_code == 0, result.output
    return result.stdout


def options(help_text: str) -> list[str]:
    """The lines of the Options section that name an option."""
    section = help_text.split("\nOptions:\n", 1)[1].split("\n\n", 1)[0]
    return [line.strip() for line in section.splitlines() if line.lstrip().startswith("-")]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_names_no_python_types(command: str | None) -> None:
    text = help_of(command)

    assert not re.search(r"<\w[\w |\[\]]*>", text), text  # <bool>, <str>, <int range>
    assert "[x>=" not in text and "{" not in text
    for word in ("str", "int", "bool", "float", "list[", "Path"):
        assert not re.search(rf"\b{re.escape(word)}\b", text), (word, text)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_option_shows_a_cli_placeholder_and_flags_none(command: str | None) -> None:
    for line in options(help_of(command)):
        names, _, rest = line.partition("  ")
        words = names.split()
        flags = {"--help", "--outdated", "--errors"}
        if words[-1] in flags:
            continue
        assert words[-1] in PLACEHOLDERS, line
    assert any(line.startswith("-h, --help ") for line in options(help_of(command)))


@pytest.mark.parametrize("command", COMMANDS)
def test_one_examples_block_of_command_lines(command: str) -> None:
    text = help_of(command)

    assert text.count("Examples:") == 1
    block = text.split("Examples:\n", 1)[1].splitlines()
    assert block and all(line.startswith("  ") for line in block), block
    assert all(f"quotedb {command}" in line for line in block), block
    assert "```" not in text and "\n\n\n" not in text


def test_arguments_are_written_as_typed() -> None:
    assert help_of("who-said").startswith("Usage: quotedb who-said [OPTIONS] PHRASE\n")
    assert help_of("ingest").startswith("Usage: quotedb ingest [OPTIONS] PATH...\n")
    assert help_of("sql").startswith("Usage: quotedb sql [OPTIONS] SQL\n")
    assert help_of(None).startswith("Usage: quotedb [OPTIONS] COMMAND [ARGS]...\n")


@pytest.mark.parametrize(
    "args",
    [
        ("who-said",),
        ("who-said", ""),
        ("who-said", "   "),
        ("quotes", "--speaker", ""),
        ("quotes",),
        ("sql", ""),
        ("sql", " \n "),
        ("who-said", "pasar", "--format", "xml"),
        ("speakers", "--format", "xml"),
        ("extract", "artikel.txt", "--format", "csv"),
        ("eval", "gold.jsonl", "--format", "csv"),
        ("who-said", "pasar", "--limit", "0"),
        ("who-said", "pasar", "--limit", "lima"),
        ("sql", "SELECT 1", "--timeout", "0"),
        ("reparse", "--source", "dua"),
        ("who-said", "--nope", "pasar"),
        ("ingest",),
        ("tidak-ada",),
    ],
)
def test_every_usage_error_is_one_line_and_exit_2(args: tuple[str, ...], tmp_path: Path) -> None:
    result = invoke(*args)

    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: ") and line.endswith("--help'."), line
    assert "Value error" not in line
    assert result.stdout == ""
    assert not (tmp_path / "quotedb.sqlite").exists()


def test_a_usage_error_names_what_was_wrong() -> None:
    assert invoke("who-said", "").stderr == (
        "Error: Invalid value for 'PHRASE': must not be empty. Try 'quotedb who-said --help'.\n"
    )
    assert "'xml' is not one of 'table', 'json', 'csv'" in invoke("speakers", "-f", "xml").stderr


def test_quotedb_alone_prints_the_help() -> None:
    result = invoke()

    assert result.exit_code == 2
    assert result.stdout.startswith("Usage: quotedb [OPTIONS] COMMAND [ARGS]...")
    assert "who-said" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("who-said", "pasar"),
        ("quotes", "--speaker", "Rina"),
        ("speakers",),
        ("sql", "SELECT count(*) FROM catatan"),
        ("ingest", "artikel.txt"),
        ("reparse",),
    ],
)
def test_a_database_of_another_program_gets_the_same_line_from_every_command(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    other = tmp_path / "lain.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE catatan (isi TEXT)")
        conn.execute("INSERT INTO catatan VALUES ('tetap di sini')")
    (tmp_path / "artikel.txt").write_text("Judul\n\nIsi berita.\n", encoding="utf-8")
    conn.close()

    result = invoke(*args, "--db", str(other))

    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: cannot use {other}: it is not a quotedb database "
        "(it has tables quotedb did not make)\n"
    )
    assert result.stdout == ""
    with sqlite3.connect(other) as conn:
        tables = conn.execute("SELECT name FROM sqlite_master").fetchall()
        assert tables == [("catatan",)]
        assert conn.execute("SELECT isi FROM catatan").fetchall() == [("tetap di sini",)]
    conn.close()
