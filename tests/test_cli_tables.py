"""The tables of `who-said`, `quotes` and `speakers` read at 80 and at 120 columns.

The quotes here are made to be awkward: a speaker's role longer than any column, an
organisation with a long name, and a web address longer than the quote column is wide.
Every word the table shows is a whole word of the stored values, or the start of one cut
with `…`; the quote column is the widest; each quote's kind is there; no line is wider than
the terminal. The values themselves come from `--format json` of the same command.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest
from fake_parser import use_fake_parser
from typer.testing import CliRunner, Result

from quotedb.cli import app
from quotedb.output import GAP
from quotedb.records import ArticleMeta, Extraction, Quote

runner = CliRunner()

ROLE = "Kepala Dinas Kelautan dan Perikanan Kabupaten Sukamaju Raya"
OFFICIAL = "Bambang Sugiharto Wicaksananto"
COMPANY = "Perusahaan Daerah Pelabuhan Sukamaju Sejahtera Bersama"
DIRECT = (
    "Dermaga baru selesai sebelum musim angin barat, sehingga kapal nelayan tidak perlu "
    "lagi antre berhari-hari di muara"
)
INDIRECT = (
    "anggaran perluasan untuk kapal nelayan tercantum di laman "
    "https://contoh.example/anggaran/pelabuhan-rakyat-sukamaju-tahap-kedua-2024 milik kabupaten"
)
CLAIM = "tarif sandar kapal nelayan tidak akan naik tahun ini"
TITLE = "Pelabuhan Rakyat Sukamaju Diperluas untuk Kapal Nelayan Berukuran Besar"
ARTICLE = (
    f"date 2024-08-02 {TITLE}\n"
    "\n"
    f'"{DIRECT}," kata {ROLE} {OFFICIAL}.\n'
    "\n"
    f"{OFFICIAL} mengatakan bahwa {INDIRECT}.\n"
    "\n"
    f"{COMPANY} menyatakan {CLAIM}.\n"
)


def _quote(text: str, said: str, speaker: str, **fields: Any) -> Quote:
    start = text.index(said)
    values: dict[str, Any] = {
        "start": start,
        "end": start + len(said),
        "text": said,
        "kind": "direct",
        "cue": "kata",
        "cue_span": None,
        "speaker": speaker,
        "speaker_type": "person",
        "mention": speaker,
        "mention_span": None,
        "role": None,
        "role_span": None,
        "paragraph": 0,
    }
    return Quote(**(values | fields))


def extract_harbour(text: str) -> Extraction:
    """The three quotes of `ARTICLE`, as a parser would find them."""
    if DIRECT not in text:
        return Extraction(meta=ArticleMeta(), quotes=())
    quotes = (
        _quote(text, DIRECT, OFFICIAL, role=ROLE),
        _quote(text, INDIRECT, OFFICIAL, kind="indirect", cue="mengatakan", role=ROLE),
        _quote(
            text, CLAIM, COMPANY, kind="indirect", cue="menyatakan", speaker_type="organization"
        ),
    )
    return Extraction(meta=ArticleMeta(title=TITLE, published="2024-08-02"), quotes=quotes)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    use_fake_parser(monkeypatch, extract_harbour)
    article = tmp_path / "pelabuhan.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    path = str(tmp_path / "pelabuhan.sqlite")
    result = runner.invoke(app, ["ingest", str(article), "--db", path], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path


def run(width: int, *args: str) -> Result:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(width)}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def words_of(rows: Iterable[dict[str, Any]]) -> set[str]:
    """Every word of every value (of the objects in a list too: a speaker's roles), and of
    each direct quote in its quotation marks."""
    words: set[str] = set()
    for row in rows:
        for value in row.values():
            for item in value if isinstance(value, list) else [value]:
                for part in item.values() if isinstance(item, dict) else [item]:
                    if part is not None:
                        words.update(str(part).split())
        if row.get("kind") == "direct":
            words.update(f"\u201c{row['quote']}\u201d".split())
    return words


def column_widths(lines: Sequence[str], titles: Sequence[str]) -> dict[str, int]:
    """The width of each column, from where its title starts in the header line and the
    width of the rule below it."""
    header, rule = lines[0], lines[1]
    assert set(rule) == {"\u2500"}, rule
    starts = []
    for title in titles:
        starts.append(header.index(title, starts[-1] if starts else 0))
    ends = [start - GAP for start in starts[1:]] + [len(rule)]
    return {title: end - start for title, start, end in zip(titles, starts, ends, strict=True)}


def assert_reads_well(table: str, rows: list[dict[str, Any]], width: int) -> list[str]:
    lines = table.splitlines()
    assert all(len(line) <= width for line in lines), table
    words = words_of(rows)
    for token in " ".join(lines[2:]).split():
        whole = token in words
        cut = token.endswith("\u2026") and any(word.startswith(token[:-1]) for word in words)
        assert whole or cut, f"{token!r} is no word of the values:\n{table}"
    return lines


QUOTE_TITLES = ["speaker", "kind", "quote", "published"]


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(
    "command", [("who-said", "kapal nelayan"), ("quotes", "--speaker", "Bambang")]
)
def test_quote_tables_fit_and_give_the_quote_the_room(
    db: str, width: int, command: tuple[str, ...]
) -> None:
    table = run(width, *command, "--db", db).stdout
    rows = json.loads(run(width, *command, "--db", db, "--format", "json").stdout)

    lines = assert_reads_well(table, rows, width)
    widths = column_widths(lines, QUOTE_TITLES)
    assert widths["quote"] == max(widths.values()), (widths, table)
    assert {row["kind"] for row in rows} >= {"indirect"}
    for row in rows:
        assert row["kind"] in table
    if any(row["kind"] == "direct" for row in rows):
        assert "\u201cDermaga baru" in table  # a direct quote is in quotation marks
    assert "\u2026" in table  # the role and the web address do not fit: cut, not broken


def test_a_wide_terminal_adds_the_article(db: str) -> None:
    narrow = run(120, "who-said", "kapal nelayan", "--db", db).stdout
    wide = run(160, "who-said", "kapal nelayan", "--db", db).stdout
    rows = json.loads(run(160, "who-said", "kapal nelayan", "--db", db, "-f", "json").stdout)

    assert "article" not in narrow.splitlines()[0]
    lines = assert_reads_well(wide, rows, 160)
    widths = column_widths(lines, [*QUOTE_TITLES, "article"])
    assert widths["quote"] == max(widths.values()), wide
    assert "Pelabuhan Rakyat" in wide


def test_rows_are_separated_by_a_blank_line(db: str) -> None:
    lines = run(80, "who-said", "kapal nelayan", "--db", db).stdout.splitlines()

    assert lines.count("") == 2  # three quotes
    assert lines[-1] != ""


@pytest.mark.parametrize("width", [80, 120])
def test_speakers_table_fits_with_their_type(db: str, width: int) -> None:
    table = run(width, "speakers", "--db", db).stdout
    rows = json.loads(run(width, "speakers", "--db", db, "--format", "json").stdout)

    lines = assert_reads_well(table, rows, width)
    widths = column_widths(lines, ["speaker", "type", "quotes", "roles"])
    assert widths["roles"] == max(widths.values()), table
    assert {row["speaker_type"] for row in rows} == {"person", "organization"}
    assert "organization" in table and "person" in table
    if width == 120:
        assert OFFICIAL in table  # room enough to show it whole


def test_json_and_csv_keep_the_full_values(db: str) -> None:
    rows = json.loads(run(80, "who-said", "laman", "--db", db, "--format", "json").stdout)

    assert [row["quote"] for row in rows] == [INDIRECT]
    assert rows[0]["role"] == ROLE
    assert rows[0]["speaker_type"] == "person"


def test_sql_prints_rows_one_field_a_line_when_the_columns_cannot_fit(db: str) -> None:
    query = "SELECT * FROM quote_facts ORDER BY quote_id"
    table = run(80, "sql", query, "--db", db).stdout
    narrow = run(80, "sql", "SELECT speaker, kind FROM quote_facts ORDER BY quote_id", "--db", db)

    assert table.startswith("row 1\n")
    assert "\nrow 3\n" in table
    assert any(line.startswith("speaker_type ") for line in table.splitlines())
    assert all(len(line) <= 80 for line in table.splitlines())
    assert narrow.stdout.splitlines()[0].split() == ["speaker", "kind"]
