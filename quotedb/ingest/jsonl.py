"""JSON Lines in, one record at a time: files, and standard input when it holds JSON.

One article per line, a JSON object with `text` (or `content` or `body`) and optional `id`,
`title`, `date`, `url`, `outlet`, `agency`. A file is never held in memory whole; a line
longer than the article limit is skipped without being read into memory; a bad line is a
failure naming the file and line while the others still load. Standard input is JSON Lines
when its first non-blank line is a JSON object, else one text article.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO, Protocol, TextIO

from quotedb.ingest import articles
from quotedb.ingest.articles import (
    SURROGATE,
    ArticleInput,
    Input,
    InputFailure,
    optional_text,
    path_doc,
    path_uri,
    scrub,
)
from quotedb.ingest.dates import stored_date
from quotedb.ingest.textfiles import (
    BOM,
    UNICODE_BOMS,
    NotText,
    binary_head,
    decode,
    text_article,
    warnings_for,
)

TEXT_FIELDS = ("text", "content", "body")
"""The JSON Lines fields that may hold the article text, in order of preference."""
CHUNK = 1 << 16


class _LineReader(Protocol):
    def readline(self, limit: int = -1, /) -> bytes: ...


def read_jsonl_file(stream: BinaryIO, path: str) -> Iterator[Input]:
    """The records of a `.jsonl` file; a binary or UTF-16 file is one failure, not one a line
    (`binary_head` says what binary means)."""
    head = stream.read(CHUNK)
    if head.startswith(tuple(bom for bom, _ in UNICODE_BOMS)):
        problem: str | None = "UTF-16 or UTF-32 text; JSON Lines must be UTF-8"
    else:
        problem = binary_head(head)
    if problem is not None:
        yield InputFailure(path, f"{path}: {problem}")
        return
    stream.seek(0)
    found = False
    for item in _read_jsonl(stream, name=path, stem=path_doc(path), uri=path_uri(path)):
        found = True
        yield item
    if not found:
        yield InputFailure(path, f"{path}: empty, no articles")


def _read_jsonl(stream: _LineReader, *, name: str, stem: str, uri: str) -> Iterator[Input]:
    for number, line in _lines(stream):
        where = f"{name}:{number}"
        if line is None:
            message = f"{where}: line too long for one article (over {articles.limit()})"
            yield InputFailure(f"{uri}#L{number}", message)
            continue
        if number == 1:
            line = line.removeprefix(BOM.encode())
        if not line.strip():
            continue
        yield _record(line, where=where, doc=f"{stem}:{number}", uri=f"{uri}#L{number}")


def _lines(stream: _LineReader) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; a line longer than the article limit comes back as None."""
    number = 0
    while True:
        line = stream.readline(articles.MAX_ARTICLE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > articles.MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _record(line: bytes, *, where: str, doc: str, uri: str) -> Input:
    try:
        decoded, encoding = decode(line.rstrip(b"\r\n"))
        value = json.loads(decoded)
    except NotText as exc:
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
    warnings = warnings_for(where, encoding)
    # Only a `\\udxxx` escape decodes to a surrogate: text read as UTF-8 cannot hold one.
    if (b"\\ud" in line or b"\\uD" in line) and SURROGATE.search(text):
        text = scrub(text)
        warnings += (f"{where}: invalid \\u escapes in the text replaced by U+FFFD",)
    published, date_warnings = stored_date(optional_text(value.get("date")), where)
    ident = value.get("id")
    return ArticleInput(
        doc=scrub(str(ident)) if isinstance(ident, str | int) and str(ident) else doc,
        text=text,
        uri=optional_text(value.get("url")) or uri,
        title=optional_text(value.get("title")),
        published=published,
        outlet=optional_text(value.get("outlet")),
        agency=optional_text(value.get("agency")),
        warnings=warnings + date_warnings,
    )


def read_stdin(stdin: TextIO) -> Iterator[Input]:
    """Standard input as JSON Lines when its first non-blank line is a JSON object, else text."""
    reader = _StdinReader(stdin)
    head: list[bytes] = []
    while line := reader.readline(articles.MAX_ARTICLE_BYTES + 1):
        head.append(line)
        if line.strip():
            break
    reader.push_back(head)
    first = head[-1] if head else b""
    if _is_json_object(first.removeprefix(BOM.encode())):
        yield from _read_jsonl(reader, name="stdin", stem="stdin", uri="stdin")
    else:
        data = reader.read(articles.MAX_ARTICLE_BYTES + 1)
        if not data.strip():
            yield InputFailure("stdin", "stdin: empty, no article text")
        else:
            yield text_article(data, doc="stdin", uri="stdin", name="stdin")


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
        while size <= limit and (chunk := self._chunk(CHUNK)):
            parts.append(chunk)
            size += len(chunk)
        return b"".join(parts)

    def _chunk(self, size: int) -> bytes:
        if self._binary is not None:
            return self._binary.read(size)
        return self._text.read(size).encode("utf-8")
