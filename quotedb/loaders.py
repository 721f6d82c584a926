"""Reading articles from files, folders, globs and standard input.

`iter_inputs` turns the paths a user typed into a stream of articles, one at a time: it never
holds a whole JSON Lines file in memory, and a bad file or line becomes an `InputFailure` that
names it while every other input still loads. Nothing here parses quotes or touches a database.

Formats:

- plain text (`.txt`, or any file named explicitly): the whole file is one article, with every
  character kept (line ends stay as they are, so offsets index the file's text), except that a
  leading byte order mark is dropped. UTF-8 is expected; UTF-16 and UTF-32 with a byte order
  mark are read too, and text that is not UTF-8 is read as Windows-1252 (a superset of
  Latin-1's printable characters), with a warning. Binary files (images, PDFs, archives,
  anything with NUL bytes) are refused. The parser reads the headline and date line itself.
- JSON Lines (`.jsonl`): one article per line, a JSON object with `text` (or `content` or
  `body`) and optional `id`, `title`, `date`, `url`, `outlet`, `agency`.
- `-`: standard input, JSON Lines when its first non-blank line is a JSON object, else text.

No article may be larger than `MAX_ARTICLE_BYTES`; a larger file or line is refused without
being read into memory.
"""

from __future__ import annotations

import codecs
import glob
import json
import os
import re
import stat
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

# Formats people drop into an article folder by mistake, by their first bytes, so that the
# error says what the file is. Anything else binary is caught by its NUL bytes.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"(\xb5/\xfd", "a zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program"),
)
# Longest first: UTF-32-LE's mark begins with UTF-16-LE's.
_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that text never contains (tab, line ends and form feed excluded).
_CONTROL = re.compile("[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
# The same characters as bytes: all ASCII, so in UTF-8, Windows-1252 and Latin-1 alike a
# text holds one exactly where its bytes hold one.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article as read from its input, before parsing.

    `text` is the article exactly as the parser receives it (a whole text file, or the text
    field of a JSON Lines record); quote offsets index it. `doc` names the article in output:
    the JSONL record's `id`, or the file name without its extension. Metadata given by the
    input (JSONL fields) wins over what the parser reads from the text. `warnings` are one-line
    notes naming the file (and line) about how it was read, such as a guessed encoding.
    """

    doc: str
    text: str
    uri: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    agency: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input that could not be read; `message` is one line naming the file (and line)."""

    uri: str
    message: str


Input = ArticleInput | InputFailure


class _LineReader(Protocol):
    def readline(self, limit: int = -1, /) -> bytes: ...


class _NotText(Exception):
    """Bytes that are not an article's text; the message says why, in a few words."""


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
                yield from _read_jsonl_file(stream, path)
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
        yield "", InputFailure(folder, f"cannot read {folder}: no .txt or .jsonl file in it")


def _article_file(path: str) -> tuple[str, InputFailure | None]:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return path, None  # opening it names the problem (missing, looping link, permission)
    if not stat.S_ISREG(mode):
        return "", InputFailure(path, f"cannot read {path}: not a regular file")
    return path, None


def _uri(path: str) -> str:
    return _scrub(str(Path(path).absolute()))


def _stem(path: str) -> str:
    return _scrub(Path(path).stem)


def _reason(exc: OSError) -> str:
    """`no such file or directory`, `permission denied`, ...: the OS message, lower case."""
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


# --- Decoding ---------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    """The text of `data` without a leading byte order mark, and the encoding it was read in.

    Raises `_NotText` for binary data. UTF-8 is tried before Windows-1252, because any byte
    string decodes as the latter while UTF-8 almost never decodes by accident.
    """
    if kind := _binary_format(data):
        raise _NotText(f"not a text file ({kind})")
    for bom, encoding in _UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).removeprefix(_BOM), encoding
            except UnicodeDecodeError as exc:
                raise _NotText(f"not {encoding.upper()} text despite its byte order mark") from exc
    nul = data.find(b"\x00")
    if nul != -1:
        raise _NotText(f"not a text file (NUL byte at offset {nul})")
    for encoding in ("utf-8", "windows-1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        head = text[:4096]
        # Counting in the text is slow; the bytes say at C speed whether there is any.
        clean = len(data.translate(None, _CONTROL_BYTES)) == len(data)
        if not clean and len(_CONTROL.findall(head)) * 10 > len(head):
            raise _NotText("not a text file (binary data)")
        return text.removeprefix(_BOM), encoding
    raise AssertionError("latin-1 decodes every byte string")


def _binary_format(data: bytes) -> str | None:
    """What `data` is by its first bytes (`a PNG image`), if it is a known binary format."""
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def _warnings(name: str, encoding: str) -> tuple[str, ...]:
    if encoding in ("utf-8", "utf-16", "utf-32"):
        return ()
    return (f"{name}: not UTF-8, decoded as {encoding}",)


def _scrub(value: str) -> str:
    """`value` with lone surrogates replaced by U+FFFD: from JSON escapes like `\\ud800`, or
    from file names that are not UTF-8 (Python decodes those bytes to surrogates).

    They cannot be encoded, so they could not be stored; one character for one keeps offsets.
    """
    return _SURROGATE.sub("\ufffd", value)


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB; the limit is {_limit()}"


def _limit() -> str:
    return f"{MAX_ARTICLE_BYTES / (1024 * 1024):g} MiB"


# --- Plain text -----------------------------------------------------------------------------


def _read_text_file(path: str) -> Input:
    with open(path, "rb") as stream:
        # Checked before reading, so a huge file costs no memory; the bounded read below
        # covers files whose size is not known in advance (pipes, /dev/stdin).
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_ARTICLE_BYTES:
            return InputFailure(path, f"{path}: too large for one article ({_mib(size)})")
        data = stream.read(MAX_ARTICLE_BYTES + 1)
    return _text_article(data, doc=_stem(path), uri=_uri(path), name=path)


def _text_article(data: bytes, *, doc: str, uri: str, name: str) -> Input:
    if len(data) > MAX_ARTICLE_BYTES:
        return InputFailure(uri, f"{name}: too large for one article (over {_limit()})")
    try:
        text, encoding = _decode(data)
    except _NotText as exc:
        return InputFailure(uri, f"{name}: {exc}")
    if not text.strip():
        return InputFailure(uri, f"{name}: empty, no article text")
    return ArticleInput(doc=doc, text=text, uri=uri, warnings=_warnings(name, encoding))


# --- JSON Lines ------------------------------------------------------------------------------


def _read_jsonl_file(stream: BinaryIO, path: str) -> Iterator[Input]:
    """The records of a `.jsonl` file; a binary or UTF-16 file is one failure, not one a line.

    Binary means a known format, or NUL bytes in more than 1% of the first 64 KiB: a stray
    NUL is one bad line of an otherwise good file.
    """
    head = stream.read(_CHUNK)
    problem = None
    if head.startswith(tuple(bom for bom, _ in _UNICODE_BOMS)):
        problem = "UTF-16 or UTF-32 text; JSON Lines must be UTF-8"
    elif kind := _binary_format(head):
        problem = f"not a text file ({kind})"
    elif head.count(b"\x00") * 100 > len(head):
        problem = "not a text file (binary data)"
    if problem is not None:
        yield InputFailure(path, f"{path}: {problem}")
        return
    stream.seek(0)
    found = False
    for item in _read_jsonl(stream, name=path, stem=_stem(path), uri=_uri(path)):
        found = True
        yield item
    if not found:
        yield InputFailure(path, f"{path}: empty, no articles")


def _read_jsonl(stream: _LineReader, *, name: str, stem: str, uri: str) -> Iterator[Input]:
    for number, line in _lines(stream):
        where = f"{name}:{number}"
        if line is None:
            message = f"{where}: line too long for one article (over {_limit()})"
            yield InputFailure(f"{uri}#L{number}", message)
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
        decoded, encoding = _decode(line.rstrip(b"\r\n"))
        value = json.loads(decoded)
    except _NotText as exc:
        return InputFailure(uri, f"{where}: {exc}")
    except json.JSONDecodeError as exc:
        # `Expecting value at column 1`, `Unterminated string starting at column 10`
        reason = f"{exc.msg.removesuffix(' at')} at column {exc.colno}"
        return InputFailure(uri, f"{where}: not valid JSON ({reason})")
    except (ValueError, RecursionError) as exc:
        # Numbers with thousands of digits (ValueError) and arrays nested thousands deep.
        reason = "nested too deeply" if isinstance(exc, RecursionError) else "number too long"
        return InputFailure(uri, f"{where}: not valid JSON ({reason})")
    if not isinstance(value, dict):
        return InputFailure(uri, f"{where}: not a JSON object")
    text = next((value[key] for key in TEXT_FIELDS if isinstance(value.get(key), str)), None)
    if text is None or not text.strip():
        return InputFailure(uri, f'{where}: no article text (a "text", "content" or "body" field)')
    if "\x00" in text:
        # SQLite's text functions stop at NUL, so such a body would not read back whole.
        return InputFailure(uri, f"{where}: the text contains a NUL character")
    warnings = _warnings(where, encoding)
    # Only a `\\udxxx` escape decodes to a surrogate: text read as UTF-8 cannot hold one.
    if (b"\\ud" in line or b"\\uD" in line) and _SURROGATE.search(text):
        text = _scrub(text)
        warnings += (f"{where}: invalid \\u escapes in the text replaced by U+FFFD",)
    ident = value.get("id")
    return ArticleInput(
        doc=_scrub(str(ident)) if isinstance(ident, str | int) and str(ident) else doc,
        text=text,
        uri=_string(value.get("url")) or uri,
        title=_string(value.get("title")),
        published=_string(value.get("date")),
        outlet=_string(value.get("outlet")),
        agency=_string(value.get("agency")),
        warnings=warnings,
    )


def _string(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return _scrub(value.strip())
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
    except (ValueError, RecursionError):
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
