"""Reading articles from files, folders, globs and standard input.

`iter_inputs` turns the paths a user typed into a stream of articles, one at a time: it never
holds a whole JSON Lines file in memory, and a bad file or line becomes an `InputFailure` that
names it while every other input still loads. Nothing here parses quotes or touches a database.

Formats, by suffix: plain text (`.txt`, or any file named explicitly:
`quotedb.ingest.textfiles`), JSON Lines (`.jsonl`: `quotedb.ingest.jsonl`), CSV (`.csv`,
`.tsv`: `quotedb.ingest.csvfiles`) and saved web pages (`.html`, `.htm`:
`quotedb.ingest.htmlpages`); `-` is standard input. No article may be larger than
`quotedb.ingest.articles.MAX_ARTICLE_BYTES`; a larger file or line is refused without being
read into memory.
"""

from __future__ import annotations

import glob
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from quotedb.ingest import articles
from quotedb.ingest.articles import (
    ArticleInput,
    Input,
    InputFailure,
    article_failure,
    path_doc,
    path_uri,
)
from quotedb.ingest.csvfiles import CsvColumns, read_csv_file
from quotedb.ingest.htmlpages import read_html_file
from quotedb.ingest.jsonl import read_jsonl_file, read_stdin
from quotedb.ingest.textfiles import text_article

__all__ = [
    "ArticleInput",
    "CsvColumns",
    "Input",
    "InputFailure",
    "article_failure",
    "iter_inputs",
    "read_file",
]

JSONL_SUFFIXES = (".jsonl",)
CSV_SUFFIXES = (".csv", ".tsv")
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = (".txt", *JSONL_SUFFIXES, *CSV_SUFFIXES, *HTML_SUFFIXES)
"""The files a folder contributes; other files in a folder are skipped silently."""

_GLOB_CHARS = frozenset("*?[")


def iter_inputs(
    paths: Sequence[str], stdin: TextIO | None = None, columns: CsvColumns | None = None
) -> Iterator[Input]:
    """Every article in `paths`, in order, one at a time.

    A path is a file, a folder (searched recursively, in sorted order, for files with an
    `ARTICLE_SUFFIXES` suffix), a glob pattern (`articles/**/*.txt`, expanded when no file has
    that literal name), or `-` for `stdin` (default `sys.stdin`). A file reached twice is read
    once. `columns` names the columns of CSV files where their usual names do not.
    """
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            if "-" not in seen:
                seen.add("-")
                yield from read_stdin(stdin if stdin is not None else sys.stdin)
            continue
        for file, failure in _expand(path):
            if failure is not None:
                yield failure
                continue
            key = os.path.realpath(file)
            if key in seen:
                continue
            seen.add(key)
            yield from read_file(file, columns)


def read_file(path: str, columns: CsvColumns | None = None) -> Iterator[Input]:
    """The articles in one file, read by its suffix (JSON Lines, CSV, a web page); any other
    file is one text article."""
    suffix = path.lower()
    try:
        if suffix.endswith(JSONL_SUFFIXES):
            with open(path, "rb") as stream:
                yield from read_jsonl_file(stream, path)
        elif suffix.endswith(CSV_SUFFIXES):
            with open(path, "rb") as stream:
                yield from read_csv_file(stream, path, columns)
        elif suffix.endswith(HTML_SUFFIXES):
            yield read_html_file(path)
        else:
            yield _read_text_file(path)
    except OSError as exc:
        yield InputFailure(path, f"cannot read {path}: {_reason(exc)}")


# --- Paths --------------------------------------------------------------------------------


def _expand(path: str) -> Iterator[tuple[str, InputFailure | None]]:
    """The files one command-line path stands for, or a failure naming it."""
    if os.path.isdir(path):
        yield from _walk(path)
    elif os.path.lexists(path):
        yield path, None
    elif _GLOB_CHARS.intersection(path):
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield "", InputFailure(path, f"cannot read {path}: no file matches this pattern")
        for match in matches:
            if os.path.isdir(match):
                yield from _walk(match)
            else:
                yield match, None
    else:
        yield "", InputFailure(path, f"cannot read {path}: no such file or directory")


def _walk(folder: str) -> Iterator[tuple[str, InputFailure | None]]:
    """Article files under `folder`, depth first in sorted order.

    Each real folder is entered once, so symlink loops end; an explicit stack instead of
    recursion, so no depth of folders overflows Python's stack. An article file that is a
    broken link, or not a regular file (a FIFO would block the read), is a failure; so is a
    folder with no article file anywhere under it, like a pattern that matches nothing.
    """
    visited: set[str] = set()
    stack = [folder]  # the next path to visit is at the end
    found = False
    while stack:
        path = stack.pop()
        if not os.path.isdir(path):
            found = True
            yield _article_file(path)
            continue
        real = os.path.realpath(path)
        if real in visited:
            continue
        visited.add(real)
        try:
            names = sorted(os.listdir(path))
        except OSError as exc:
            yield "", InputFailure(path, f"cannot read {path}: {_reason(exc)}")
            continue
        children = (os.path.join(path, name) for name in names)
        stack.extend(
            reversed(
                [c for c in children if c.lower().endswith(ARTICLE_SUFFIXES) or os.path.isdir(c)]
            )
        )
    if not found:
        kinds = ", ".join(ARTICLE_SUFFIXES)
        yield "", InputFailure(folder, f"cannot read {folder}: no article file ({kinds}) in it")


def _article_file(path: str) -> tuple[str, InputFailure | None]:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return path, None  # opening it names the problem (missing, looping link, permission)
    if not stat.S_ISREG(mode):
        return "", InputFailure(path, f"cannot read {path}: not a regular file")
    return path, None


def _reason(exc: OSError) -> str:
    """`no such file or directory`, `permission denied`, ...: the OS message, lower case."""
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


# --- Plain text -----------------------------------------------------------------------------


def _read_text_file(path: str) -> Input:
    with open(path, "rb") as stream:
        # Checked before reading, so a huge file costs no memory; the bounded read below
        # covers files whose size is not known in advance (pipes, /dev/stdin).
        size = os.fstat(stream.fileno()).st_size
        if size > articles.MAX_ARTICLE_BYTES:
            return InputFailure(
                path, f"{path}: too large for one article ({articles.too_large(size)})"
            )
        data = stream.read(articles.MAX_ARTICLE_BYTES + 1)
    return text_article(data, doc=path_doc(path), uri=path_uri(path), name=path)
