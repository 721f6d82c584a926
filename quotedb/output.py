"""One renderer for every command that prints rows: `who-said`, `quotes`, `speakers`, `sql`.

- `table`: a table for people to read, as wide as `COLUMNS` says, else as the terminal, else
  80 columns. A command may lay it out with `Column`s: several fields stacked in one column
  (a speaker over their role), short fields shortened with `…` on one line, one column that
  takes the width left and wraps its text at spaces, and columns shown only on wide
  terminals. Without a layout every column wraps at spaces, or, when the columns cannot all
  be `NARROWEST` wide, each row is printed as a list of its fields. No word is ever broken: a
  word longer than its column is shortened with `…`. Rows are separated by a blank line. The
  full values are in `json` and `csv`.
- `json`: a JSON list of objects, one row per line, non-ASCII kept as it is; no rows is `[]`.
- `csv`: a header line, then one line per row (the csv module's quoting; None is empty).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import chain
from typing import Any, TextIO

GAP = 3
"""Characters between two columns of a table."""


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a table for people: the fields shown in its cells, one per line (the
    first plain, the others dimmed), a list field one item per line.

    One column of a layout `fills`: it takes the width the others leave, and, if it `wraps`,
    its text runs over as many lines as it needs. The others are as wide as their longest
    line, at most `most` characters and `share` of the terminal's width; longer lines are
    shortened with `…`. A column with `from_width` is left out on narrower terminals.
    """

    title: str
    fields: tuple[str, ...]
    most: int = 40
    share: float = 0.3
    fills: bool = False
    wraps: bool = False
    from_width: int = 0


class Format(StrEnum):
    """The output formats of the row commands (`--format`)."""

    table = "table"
    json = "json"
    csv = "csv"


def as_mapping(row: object) -> Mapping[str, object]:
    """A row as a column -> value mapping: a mapping, a dataclass or a named tuple."""
    if isinstance(row, Mapping):
        return row
    if dataclasses.is_dataclass(row) and not isinstance(row, type):
        return {f.name: getattr(row, f.name) for f in dataclasses.fields(row)}
    asdict = getattr(row, "_asdict", None)
    if callable(asdict):
        result: Mapping[str, object] = asdict()
        return result
    raise TypeError(f"cannot render a row of type {type(row).__name__}")


def render(
    rows: Iterable[object],
    fmt: Format | str = Format.table,
    *,
    columns: Sequence[str] | None = None,
    file: TextIO | None = None,
    layout: Sequence[Column] | None = None,
) -> None:
    """Write `rows` to `file` (default stdout) in `fmt`.

    Rows are mappings (or dataclasses, named tuples) keyed by column, or, when `columns` is
    given, sequences of values in that order. `columns` also picks and orders the columns of
    mapping rows. `layout` lays out the table (its fields must be among the columns); JSON and
    CSV ignore it.
    """
    out = file if file is not None else sys.stdout
    header, values = _normalise(rows, columns)
    match Format(fmt):
        case Format.json:
            _json(header, values, out)
        case Format.csv:
            _csv(header, values, out)
        case Format.table:
            _table(header, values, out, layout)


def _normalise(
    rows: Iterable[object], columns: Sequence[str] | None
) -> tuple[list[str], Iterator[Sequence[object]]]:
    """The header and an iterator of value sequences, without reading all rows first."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return list(columns or ()), iter(())
    rest = chain([first], iterator)
    if columns is not None and not _is_record(first):
        return list(columns), map(_values, rest)
    header = list(columns) if columns is not None else list(as_mapping(first))
    return header, ([as_mapping(row).get(name) for name in header] for row in rest)


def _is_record(row: object) -> bool:
    return (
        isinstance(row, Mapping)
        or (dataclasses.is_dataclass(row) and not isinstance(row, type))
        or callable(getattr(row, "_asdict", None))
    )


def _values(row: object) -> Sequence[object]:
    if isinstance(row, Sequence) and not isinstance(row, str):
        return row
    raise TypeError(f"a row given with columns must be a sequence, not {type(row).__name__}")


def _plain(value: object) -> Any:
    """A value JSON can hold: tuples become lists, PostgreSQL's numerics numbers, its json
    objects and dataclasses objects, anything unknown its string (a table or CSV cell shows
    every value, dataclasses included, as its string)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Decimal) and value.is_finite():
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(as_mapping(value))
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def _json(header: list[str], rows: Iterable[Sequence[object]], out: TextIO) -> None:
    opened = False
    for row in rows:
        record = {name: _plain(value) for name, value in zip(header, row, strict=False)}
        out.write(",\n " if opened else "[")
        out.write(json.dumps(record, ensure_ascii=False))
        opened = True
    out.write("]\n" if opened else "[]\n")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(item) for item in value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Mapping):
        return json.dumps(_plain(value), ensure_ascii=False)
    return str(value)


def _csv(header: list[str], rows: Iterable[Sequence[object]], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])


def _table(
    header: list[str],
    rows: Iterable[Sequence[object]],
    out: TextIO,
    layout: Sequence[Column] | None,
) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    records = [dict(zip(header, row, strict=False)) for row in rows]
    if not records:
        out.write("(no rows)\n")
        return
    console = Console(file=out, highlight=False)
    width = console.width
    if layout is None and not _fits(header, records, width):
        rows_apart = (_record_table(header, record, n) for n, record in enumerate(records, 1))
        _print(console, out, *rows_apart)
        return
    if layout is None:  # one wrapping column per field; rich narrows the widest first
        layout = [Column(name, (name,), most=width, share=1.0, wraps=True) for name in header]
        widths: list[int | None] = [None] * len(layout)
    else:
        layout = [column for column in layout if width >= column.from_width]
        widths = list(_widths(layout, records, width))
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_lines=True, highlight=False
    )
    for column, column_width in zip(layout, widths, strict=True):
        numbers = all(isinstance(record.get(column.fields[0]), int) for record in records)
        table.add_column(
            column.title,
            width=column_width,
            no_wrap=not column.wraps,
            overflow="ellipsis",
            justify="right" if numbers else "left",
        )
    for record in records:
        table.add_row(*(_text(_lines(record, column)) for column in layout))
    _print(console, out, table)


NARROWEST = 12
"""A column of a table without a layout is not made narrower than this (or its widest value);
when they cannot all be that wide, each row is printed as a list of its fields instead."""


def _fits(header: list[str], records: list[dict[str, object]], width: int) -> bool:
    needed = (
        min(NARROWEST, max([len(name)] + [len(_cell(r.get(name))) for r in records]))
        for name in header
    )
    return sum(needed) + GAP * (len(header) - 1) <= width


def _record_table(header: list[str], record: Mapping[str, object], number: int) -> Any:
    """One row as a table of two columns, its fields and their values, under its number."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=f"row {number}",
        title_justify="left",
        box=box.SIMPLE,
        show_header=False,
        show_edge=False,
        pad_edge=False,
        highlight=False,
    )
    table.add_column(style="dim", no_wrap=True)
    table.add_column(overflow="ellipsis", ratio=1)
    for name in header:
        table.add_row(name, _cell(record.get(name)))
    return table


def _print(console: Any, out: TextIO, *renderables: Any) -> None:
    with console.capture() as captured:
        for index, renderable in enumerate(renderables):
            if index:
                console.line()
            console.print(renderable)
    # rich pads every cell to its column's width; a line's trailing spaces are noise in a pipe.
    out.writelines(line.rstrip() + "\n" for line in captured.get().splitlines())


def _lines(record: Mapping[str, object], column: Column) -> list[tuple[str, bool]]:
    """A cell's lines, each with whether it is dimmed (every field after the first)."""
    lines = []
    for index, name in enumerate(column.fields):
        value = record.get(name)
        items = value if isinstance(value, list | tuple) else [value]
        lines += [(_cell(item), index > 0) for item in items if item is not None and item != ""]
    return lines


def _text(lines: list[tuple[str, bool]]) -> Any:
    from rich.text import Text

    text = Text()
    for number, (line, dim) in enumerate(lines):
        text.append(("\n" if number else "") + line, style="dim" if dim else "")
    return text


def _widths(
    layout: Sequence[Column], records: list[dict[str, object]], width: int
) -> Iterator[int]:
    """Each column's width: a fixed one as wide as its longest line within its limits, the
    one that fills what is left (at least `MIN_FILL`)."""
    fixed = [
        min(
            max(
                [len(column.title)]
                + [len(line) for r in records for line, _dim in _lines(r, column)]
            ),
            column.most,
            max(len(column.title), int(width * column.share)),
        )
        for column in layout
    ]
    taken = sum(w for w, column in zip(fixed, layout, strict=True) if not column.fills)
    left = width - taken - GAP * (len(layout) - 1)
    for column, column_width in zip(layout, fixed, strict=True):
        yield max(MIN_FILL, left) if column.fills else column_width


MIN_FILL = 20
"""The narrowest the filling column gets; on a narrower terminal the table runs past its edge."""
