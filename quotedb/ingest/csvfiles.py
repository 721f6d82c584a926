"""CSV exports in, one row at a time: one article per row, columns found by their names.

Scraped news reaches people as CSV in whatever dialect the exporting program wrote: commas
(`title,content,date,url`), semicolons (spreadsheets in the Indonesian locale, where the comma
is the decimal mark: `judul;isi_berita;tanggal;tautan`) or tabs, with fields quoted in double
quotes (a quote inside doubled, or escaped with a backslash) or not quoted at all. The
delimiter is the one that splits the header into the most known column names; the quoting is
the one under which the first rows have as many fields as the header.

The first row names the columns; the text column is required, the others are optional, and
any may be named explicitly (`CsvColumns`, from `--text-column` and the like). A file is read
line by line and never held in memory; a bad row (wrong number of fields, no text, too large)
is a failure naming the file and the line the row starts on, and the other rows still load.
Lines that are not UTF-8 are read as Windows-1252 with a warning; UTF-16 files (as Excel's
"Unicode text" writes them) are read whole-file as UTF-16.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from itertools import chain
from typing import Any, BinaryIO

from quotedb.ingest import articles
from quotedb.ingest.articles import ArticleInput, Input, InputFailure, path_doc, path_uri
from quotedb.ingest.dates import stored_date
from quotedb.ingest.textfiles import BOM, UNICODE_BOMS, binary_head

KNOWN_COLUMNS = {
    "text": ("text", "content", "body", "isi", "isi_berita", "berita"),
    "title": ("title", "judul"),
    "date": ("date", "tanggal", "published"),
    "url": ("url", "link", "tautan"),
    "outlet": ("outlet", "source", "sumber", "media"),
    "id": ("id",),
}
"""The names each column is recognised by, compared ignoring case, with spaces and hyphens
read as underscores (`Isi Berita` is `isi_berita`)."""

DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_CHARS = 1 << 16
_LINE_LIMIT = articles.MAX_ARTICLE_BYTES + (1 << 20)
"""The longest physical line read: an article on one line (its line ends escaped) and the
other fields of its row."""


@dataclass(frozen=True, slots=True)
class CsvColumns:
    """Column names given by the user; None means the column is found by its usual names."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None


class _Unreadable(Exception):
    """The rest of the file cannot be read; the message says why and from which line."""


def read_csv_file(
    stream: BinaryIO, path: str, columns: CsvColumns | None = None
) -> Iterator[Input]:
    """The rows of a CSV file as articles; a file that cannot be read at all is one failure."""
    head = stream.read(1 << 16)
    problem = binary_head(head) if not head.startswith(_BOMS) else None
    if problem is not None:
        yield InputFailure(path, f"{path}: {problem}")
        return
    stream.seek(0)
    lines = _Lines(stream, path, utf16=head.startswith(_BOMS))
    try:
        yield from _rows(lines, path, columns or CsvColumns())
    except _Unreadable as exc:
        yield InputFailure(path, str(exc))


_BOMS = tuple(bom for bom, _ in UNICODE_BOMS)


class _Lines:
    """The file's physical lines as text, each decoded on its own.

    UTF-8 is expected; a line that is not UTF-8 is read as Windows-1252 and its number kept
    in `fallbacks`, so the row it belongs to can carry a warning. A line longer than
    `_LINE_LIMIT` ends the reading of the file.
    """

    def __init__(self, stream: BinaryIO, path: str, *, utf16: bool) -> None:
        self._path = path
        self._number = 0
        self.fallbacks: set[int] = set()
        self._source = self._utf16(stream) if utf16 else self._utf8(stream)

    def __iter__(self) -> Iterator[str]:
        return self._source

    def _utf8(self, stream: BinaryIO) -> Iterator[str]:
        while line := stream.readline(_LINE_LIMIT + 1):
            self._count(len(line), complete=line.endswith(b"\n"))
            if self._number == 1:
                line = line.removeprefix(BOM.encode())
            try:
                yield line.decode("utf-8")
            except UnicodeDecodeError:
                self.fallbacks.add(self._number)
                yield line.decode("windows-1252", errors="replace")

    def _utf16(self, stream: BinaryIO) -> Iterator[str]:
        text = io.TextIOWrapper(stream, encoding=_utf16_codec(stream), newline="")
        while line := text.readline(_LINE_LIMIT + 1):
            self._count(len(line), complete=line.endswith("\n"))
            yield line.removeprefix(BOM) if self._number == 1 else line

    def _count(self, length: int, *, complete: bool) -> None:
        self._number += 1
        if length > _LINE_LIMIT and not complete:
            raise _Unreadable(
                f"{self._path}:{self._number}: a line longer than {articles.limit()}; "
                "the rest of the file was not read"
            )

    def decoded_as_fallback(self, first: int, last: int) -> bool:
        """Whether a line from `first` to `last` was not UTF-8; forgets those up to `last`."""
        hit = any(first <= number <= last for number in self.fallbacks)
        self.fallbacks = {number for number in self.fallbacks if number > last}
        return hit


def _utf16_codec(stream: BinaryIO) -> str:
    head = stream.read(4)
    stream.seek(0)
    return next(codec for bom, codec in UNICODE_BOMS if head.startswith(bom))


def _rows(lines: _Lines, path: str, given: CsvColumns) -> Iterator[Input]:
    source = iter(lines)
    sample: list[str] = []
    size = 0
    cut = False  # whether the file goes on after the sample
    for line in source:
        sample.append(line)
        size += len(line)
        if size >= _SAMPLE_CHARS:
            cut = True
            break
    header_line = next((line for line in sample if line.strip()), None)
    if header_line is None:
        yield InputFailure(path, f"{path}: empty, no articles")
        return
    # A field may hold a whole article: far more than csv's default limit of 128 KiB.
    csv.field_size_limit(max(csv.field_size_limit(), _LINE_LIMIT))
    reader = csv.reader(chain(sample, source), **_dialect(header_line, sample, cut, given))
    try:
        header = next(row for row in reader if any(cell.strip() for cell in row))
    except csv.Error as exc:
        yield InputFailure(path, f"{path}:{reader.line_num}: not a valid CSV header ({exc})")
        return
    found = _find_columns(header, given)
    if isinstance(found, str):
        yield InputFailure(path, f"{path}: {found}")
        return
    stem, uri = path_doc(path), path_uri(path)
    empty = True
    while True:
        first = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield InputFailure(f"{uri}#L{first}", f"{path}:{first}: not valid CSV ({exc})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        empty = False
        where = f"{path}:{first}"
        warnings: tuple[str, ...] = ()
        if lines.decoded_as_fallback(first, reader.line_num):
            warnings = (f"{where}: not UTF-8, decoded as windows-1252",)
        yield _article(
            row,
            header,
            found,
            where=where,
            doc=f"{stem}:{first}",
            uri=f"{uri}#L{first}",
            warnings=warnings,
        )
    if empty:
        yield InputFailure(path, f"{path}: no rows under the header, no articles")


def _article(
    row: list[str],
    header: list[str],
    at: dict[str, int],
    *,
    where: str,
    doc: str,
    uri: str,
    warnings: tuple[str, ...],
) -> Input:
    if len(row) != len(header):
        return InputFailure(uri, f"{where}: {len(row)} fields where the header has {len(header)}")
    values = {name: articles.optional_text(row[index]) for name, index in at.items()}
    text = row[at["text"]]
    if not text.strip():
        return InputFailure(uri, f"{where}: no article text (column {header[at['text']]!r})")
    if (
        len(text) * 4 > articles.MAX_ARTICLE_BYTES
        and (size := len(text.encode("utf-8", "surrogatepass"))) > articles.MAX_ARTICLE_BYTES
    ):
        return InputFailure(uri, f"{where}: too large for one article ({articles.too_large(size)})")
    if "\x00" in text:
        return InputFailure(uri, f"{where}: the text contains a NUL character")
    published, date_warnings = stored_date(values.get("date"), where)
    warnings += date_warnings
    return ArticleInput(
        doc=values.get("id") or doc,
        text=text,
        uri=values.get("url") or uri,
        title=values.get("title"),
        published=published,
        outlet=values.get("outlet"),
        warnings=warnings,
    )


# --- Dialect and columns ------------------------------------------------------------------


def _column_key(name: str) -> str:
    return "_".join(name.strip().removeprefix(BOM).casefold().replace("-", " ").split())


def _find_columns(header: Sequence[str], given: CsvColumns) -> dict[str, int] | str:
    """Where each known column is in `header`, or why the file cannot be read."""
    keys = [_column_key(name) for name in header]
    at: dict[str, int] = {}
    for name, usual in KNOWN_COLUMNS.items():
        wanted = getattr(given, name, None)
        if wanted is not None:
            if _column_key(wanted) not in keys:
                return f"no column {wanted!r} (the header has {', '.join(map(repr, header))})"
            at[name] = keys.index(_column_key(wanted))
            continue
        index = next((keys.index(key) for key in usual if key in keys), None)
        if index is not None:
            at[name] = index
    if "text" not in at:
        names = ", ".join(KNOWN_COLUMNS["text"])
        return (
            f"no text column (one of {names}) in the header "
            f"({', '.join(map(repr, header))}); name it with --text-column"
        )
    return at


def _dialect(header_line: str, sample: list[str], cut: bool, given: CsvColumns) -> dict[str, Any]:
    """The csv reader's options for this file, read from its header and first rows.

    Strict parsing makes a quoting that does not fit the file fail (a field that opens with a
    quote and goes on after its closing one), rather than silently drop quote marks from an
    article's text, as reading an unquoted tab-separated file as quoted would.
    """
    wanted = {_column_key(v) for v in (getattr(given, f.name) for f in fields(given)) if v}
    known = wanted.union(*KNOWN_COLUMNS.values())

    def score(delimiter: str) -> tuple[int, int]:
        names = next(csv.reader([header_line], delimiter=delimiter))
        return sum(_column_key(name) in known for name in names), len(names)

    delimiter = max(DELIMITERS, key=score)
    candidates: list[dict[str, Any]] = [
        {"quotechar": '"', "doublequote": True},
        {"quotechar": '"', "doublequote": True, "escapechar": "\\"},
        {"quoting": csv.QUOTE_NONE},
    ]
    best = min(
        candidates, key=lambda options: _misfits(sample, cut, delimiter=delimiter, **options)
    )
    return {"delimiter": delimiter, "strict": True, **best}


def _misfits(sample: list[str], cut: bool, **options: Any) -> int:
    """How many rows of `sample` these options cannot read, or read with another number of
    fields than the first row has; when the sample is `cut` from a longer file, its last row,
    which may be cut short, is not counted."""
    reader = csv.reader(sample, strict=True, **options)
    widths: list[int] = []  # -1 for a row that could not be read
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:
            widths.append(-1)
            continue
        if row:
            widths.append(len(row))
    counted = widths[1:-1] if cut else widths[1:]
    return sum(width != widths[0] for width in counted)
