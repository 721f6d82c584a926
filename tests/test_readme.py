"""The README's examples run as written, so they cannot drift from what quotedb does.

The shell commands of "A short tour" run one after another with the installed `quotedb`, in
a folder laid out like a checkout (its `seeds/`, and `../shared/` when the gold files are
there), and must succeed; the summary the README quotes must be the one the first ingest
prints; the fields it lists must be those the commands print. The Python blocks of "Use as a
library" run as scripts there too, and must print nothing on stderr.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quotedb.resources import seeds_dir

README = Path(__file__).resolve().parents[1] / "README.md"
SHARED = README.parent.parent / "shared"
QUOTEDB = shutil.which("quotedb", path=str(Path(sys.executable).parent))


def section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def code_blocks(title: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", section(title), re.DOTALL)


def listed_fields(lead: str, end: str = ")") -> list[str]:
    """The backticked names in the README from `lead` to `end`."""
    text = " ".join(README.read_text(encoding="utf-8").split())
    start = text.index(lead) + len(lead)
    return re.findall(r"`(\w+)`", text[start : text.index(end, start)])


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A folder with the checkout's `seeds/` (and `../shared/`) where the examples run."""
    if not (seeds_dir() / "articles").is_dir():
        pytest.skip("no sample articles")
    root = tmp_path / "checkout"
    root.mkdir()
    (root / "seeds").symlink_to(seeds_dir())
    if SHARED.is_dir():
        (tmp_path / "shared").symlink_to(SHARED)
    return root


def shell(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert QUOTEDB is not None
    env = {**os.environ, "PATH": f"{Path(QUOTEDB).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.skipif(QUOTEDB is None, reason="the quotedb command is not installed")
def test_the_tour_runs_as_written(checkout: Path) -> None:
    lines = [
        line
        for block in code_blocks("A short tour", "sh")
        for line in block.splitlines()
        if line.strip()
    ]
    assert len(lines) >= 15 and lines[0] == "quotedb ingest seeds/articles"
    outputs = {}
    for line in lines:
        if "../shared/" in line and not SHARED.is_dir():
            continue
        done = shell(line, checkout)
        assert done.returncode == 0, (line, done.stdout, done.stderr)
        outputs.setdefault(line, done.stdout)

    [summary] = re.findall(r"`(\d+ articles? new, [^`]*)`", section("A short tour"))
    assert outputs[lines[0]] == summary + "\n", "update the README's ingest summary"


@pytest.mark.skipif(QUOTEDB is None, reason="the quotedb command is not installed")
def test_the_fields_the_readme_lists_are_those_printed(checkout: Path) -> None:
    assert shell("quotedb ingest seeds/articles", checkout).returncode == 0

    def keys(command: str) -> list[str]:
        done = shell(command, checkout)
        assert done.returncode == 0, done.stderr
        return list(json.loads(done.stdout)[0])

    who_said = listed_fields("`--format json` prints a list of objects with every field (")
    assert who_said == keys('quotedb who-said "perahu karet" --format json')
    assert keys("quotedb quotes --speaker Teguh --format json") == who_said
    assert listed_fields("The fields are ", ";") == keys("quotedb speakers --format json")
    facts = listed_fields("The view `quote_facts` has one row per quote with its speaker, role")
    assert facts == keys('quotedb sql "SELECT * FROM quote_facts LIMIT 1" --format json')

    extracted = shell("quotedb extract seeds/articles --format jsonl", checkout)
    record = json.loads(extracted.stdout.splitlines()[0])
    listed = listed_fields("is a stable format, one quote per line: ", "null when there is none")
    assert set(record) == set(listed) - {"id"}  # `doc` is "the record's `id`"


@pytest.mark.parametrize("number", [0, 1])
def test_the_library_examples_run_as_written(number: int, checkout: Path) -> None:
    blocks = code_blocks("Use as a library", "python")
    assert len(blocks) == 2
    script = checkout / f"example_{number}.py"
    script.write_text(blocks[number], encoding="utf-8")

    done = subprocess.run(
        [sys.executable, script.name], cwd=checkout, capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert " | " in done.stdout
