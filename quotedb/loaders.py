"""Reading articles from files, folders, globs and standard input.

`iter_inputs` turns the paths a user typed into a stream of articles, one at a time: it never
holds a whole JSON Lines file in memory, and a bad file or line becomes an `InputFailure` that
names it while every other input still loads. Nothing here parses quotes or touches a database.

Formats:

- plain text (`.txt`, or any file named explicitly): the whole file is one article, decoded as
  UTF-8 without changing a character (line ends are kept as they are), except that a leading
  byte order mark is dropped. The parser reads the headline and date line itself.
- JSON Lines (`.jsonl`): one article per line, a JSON object with `text` (or `content` or
  `body`) and optional `id`, `title`, `date`, `url`, `outlet`, `agency`.
- `-`: standard input, JSON Lines when its first non-blank line is a JSON object, else text.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, TextIO

ARTICLE_SUFFIXES = (".txt", ".jsonl")
"""The files a folder contributes; other files in a folder are skipped silently."""
JSONL_SUFFIXES = (".jsonl",)
TEXT_FIELDS = ("text", "content", "body")
"""The JSON Lines fields that may hold the article text, in order of preference."""
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
"""The largest text file or JSON Lines record read as one article (10 MiB)."""

_GLOB_CHARS = frozenset("*?[")
_BOM = "\ufeff"
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article as read from its input, before parsing.

    `text` is the article exactly as the parser receives it (a whole text file, or the text
    field of a JSON Lines record); quote offsets index it. `doc` names the article in output:
    the JSONL record's `id`, or the file name without its extension. Metadata given by the
    input (JSONL fields) wins over what the parser reads from the text.
    """

    doc: str
    text: str
    uri: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    agency: str | None = None


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input that could not be read; `message` is one line naming the file (and line)."""

    uri: str
    message: str


Input = ArticleInput | InputFailure


class _LineReader(Protocol):
    def readline(self, limit: int = -1, /) -> bytes: ...


def iter_inputs(paths: Sequence[str], stdin: TextIO | None = None) -> Iterator[Input]:
    """Every article in `paths`, in order, one at a time.

    A path is a file, a folder (searched recursively, in sorted order, for `.txt` and `.jsonl`
    files), a glob pattern (`articles/**/*.txt`, expanded when no file has that literal name),
    or `-` for `stdin` (default `sys.stdin`). A file reached twice is read once.
    """
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            if "-" not in seen:
                seen.add("-")
                yield from _read_stdin(stdin if stdin is not None else sys.stdin)
            continue
        for file, failure in _expand(path):
            if failure is not None:
                yield failure
                continue
            key = os.path.realpath(file)
            if key in seen:
                continue
            seen.add(key)
            yield from read_file(file)


def read_file(path: str) -> Iterator[Input]:
    """The articles in one file: JSON Lines by its `.jsonl` suffix, otherwise one text article."""
    try:
        if path.lower().endswith(JSONL_SUFFIXES):
            with open(path, "rb") as stream:
                yield from _read_jsonl(stream, name=path, stem=Path(path).stem, uri=_uri(path))
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
    """Article files under `folder`, depth first in sorted order; symlink loops are cut."""
    visited: set[str] = set()

    def visit(directory: str) -> Iterator[tuple[str, InputFailure | None]]:
        real = os.path.realpath(directory)
        if real in visited:
            return
        visited.add(real)
        try:
            names = sorted(os.listdir(directory))
        except OSError as exc:
            yield "", InputFailure(directory, f"cannot read {directory}: {_reason(exc)}")
            return
        for name in names:
            child = os.path.join(directory, name)
            if os.path.isdir(child):
                yield from visit(child)
            elif name.lower().endswith(ARTICLE_SUFFIXES) and os.path.exists(child):
                yield child, None

    yield from visit(folder)


def _uri(path: str) -> str:
    return str(Path(path).absolute())


def _reason(exc: OSError) -> str:
    """`no such file or directory`, `permission denied`, ...: the OS message, lower case."""
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


# --- Plain text -----------------------------------------------------------------------------


def _read_text_file(path: str) -> Input:
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_ARTICLE_BYTES:
            return InputFailure(path, f"{path}: too large for one article ({_mib(size)})")
        data = stream.read(MAX_ARTICLE_BYTES + 1)
    return _text_article(data, doc=Path(path).stem, uri=_uri(path), name=path)


def _text_article(data: bytes, *, doc: str, uri: str, name: str) -> Input:
    if len(data) > MAX_ARTICLE_BYTES:
        return InputFailure(uri, f"{name}: too large for one article ({_mib(len(data))})")
    text, problem = _decode(data)
    if problem is not None:
        return InputFailure(uri, f"{name}: {problem}")
    if not text.strip():
        return InputFailure(uri, f"{name}: empty, no article text")
    return ArticleInput(doc=doc, text=text, uri=uri)


def _decode(data: bytes) -> tuple[str, str | None]:
    """The text of `data` without a leading BOM, or a one-line reason it is not text."""
    if b"\x00" in data[:_CHUNK]:
        return "", "not a text file (binary data)"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return "", f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    return text.removeprefix(_BOM), None


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB; the limit is {MAX_ARTICLE_BYTES // (1024 * 1024)} MiB"


# --- JSON Lines ------------------------------------------------------------------------------


def _read_jsonl(stream: _LineReader, *, name: str, stem: str, uri: str) -> Iterator[Input]:
    for number, line in _lines(stream):
        where = f"{name}:{number}"
        if line is None:
            yield InputFailure(f"{uri}#L{number}", f"{where}: line too long for one article")
            continue
        if number == 1:
            line = line.removeprefix(_BOM.encode())
        if not line.strip():
            continue
        yield _record(line, where=where, doc=f"{stem}:{number}", uri=f"{uri}#L{number}")


def _lines(stream: _LineReader) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; a line longer than the article limit comes back as None."""
    number = 0
    while True:
        line = stream.readline(MAX_ARTICLE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _record(line: bytes, *, where: str, doc: str, uri: str) -> Input:
    try:
        value = json.loads(line)
    except UnicodeDecodeError:
        return InputFailure(uri, f"{where}: not UTF-8 text")
    except json.JSONDecodeError as exc:
        return InputFailure(uri, f"{where}: not valid JSON ({exc.msg}, column {exc.colno})")
    if not isinstance(value, dict):
        return InputFailure(uri, f"{where}: not a JSON object")
    text = next((value[key] for key in TEXT_FIELDS if isinstance(value.get(key), str)), None)
    if text is None or not text.strip():
        return InputFailure(uri, f'{where}: no article text (a "text", "content" or "body" field)')
    ident = value.get("id")
    return ArticleInput(
        doc=str(ident) if isinstance(ident, str | int) and str(ident) else doc,
        text=text,
        uri=_string(value.get("url")) or uri,
        title=_string(value.get("title")),
        published=_string(value.get("date")),
        outlet=_string(value.get("outlet")),
        agency=_string(value.get("agency")),
    )


def _string(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


# --- Standard input --------------------------------------------------------------------------


def _read_stdin(stdin: TextIO) -> Iterator[Input]:
    """Standard input as JSON Lines when its first non-blank line is a JSON object, else text."""
    reader = _StdinReader(stdin)
    head: list[bytes] = []
    while line := reader.readline(MAX_ARTICLE_BYTES + 1):
        head.append(line)
        if line.strip():
            break
    reader.push_back(head)
    first = head[-1] if head else b""
    if _is_json_object(first.removeprefix(_BOM.encode())):
        yield from _read_jsonl(reader, name="stdin", stem="stdin", uri="stdin")
    else:
        data = reader.read(MAX_ARTICLE_BYTES + 1)
        if not data.strip():
            yield InputFailure("stdin", "stdin: empty, no article text")
        else:
            yield _text_article(data, doc="stdin", uri="stdin", name="stdin")


def _is_json_object(line: bytes) -> bool:
    if not line.lstrip().startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


class _StdinReader:
    """Bytes from standard input (its binary buffer when it has one), with lines pushed back.

    Reading the bytes, not the decoded text, keeps line ends as they were sent and lets the
    same decoder serve files and stdin.
    """

    def __init__(self, stdin: TextIO) -> None:
        buffer: BinaryIO | None = getattr(stdin, "buffer", None)
        self._binary = buffer
        self._text = stdin
        self._pending: list[bytes] = []

    def push_back(self, lines: list[bytes]) -> None:
        self._pending = lines + self._pending

    def readline(self, limit: int = -1) -> bytes:
        if self._pending:
            return self._pending.pop(0)
        if self._binary is not None:
            return self._binary.readline(limit)
        return self._text.readline(limit).encode("utf-8")

    def read(self, limit: int) -> bytes:
        parts = self._pending
        self._pending = []
        size = sum(map(len, parts))
        while size <= limit and (chunk := self._chunk(_CHUNK)):
            parts.append(chunk)
            size += len(chunk)
        return b"".join(parts)

    def _chunk(self, size: int) -> bytes:
        if self._binary is not None:
            return self._binary.read(size)
        return self._text.read(size).encode("utf-8")
