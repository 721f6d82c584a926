"""One renderer for every command that prints rows: `who-said`, `quotes`, `speakers`, `sql`.

- `table`: a table for people to read (rich), cells wrapped to the terminal's width.
- `json`: a JSON list of objects, one row per line, non-ASCII kept as it is; no rows is `[]`.
- `csv`: a header line, then one line per row (the csv module's quoting; None is empty).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from itertools import chain
from typing import Any, TextIO

NO_WRAP = frozenset({"published", "kind", "quotes", "speaker_kind"})
"""Columns of short values (`2024-06-18`, `indirect`) that stay on one line in a table."""


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
    titles: Mapping[str, str] | None = None,
) -> None:
    """Write `rows` to `file` (default stdout) in `fmt`.

    Rows are mappings (or dataclasses, named tuples) keyed by column, or, when `columns` is
    given, sequences of values in that order. `columns` also picks and orders the columns of
    mapping rows. `titles` renames column headers in the table only.
    """
    out = file if file is not None else sys.stdout
    header, values = _normalise(rows, columns)
    match Format(fmt):
        case Format.json:
            _json(header, values, out)
        case Format.csv:
            _csv(header, values, out)
        case Format.table:
            _table(header, values, out, titles or {})


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
    """A value JSON can hold: tuples become lists, PostgreSQL's numerics numbers and its json
    objects objects, anything unknown its string."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Decimal) and value.is_finite():
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
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
    header: list[str], rows: Iterable[Sequence[object]], out: TextIO, titles: Mapping[str, str]
) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(highlight=False)
    for name in header:
        # Long cells wrap at word boundaries, a long word (a URL) folds; the widest columns
        # give up room first.
        table.add_column(titles.get(name, name), overflow="fold", no_wrap=name in NO_WRAP)
    count = 0
    for row in rows:
        table.add_row(*(_cell(value) for value in row))
        count += 1
    console = Console(file=out, highlight=False, soft_wrap=False)
    if count == 0:
        console.print("(no rows)", markup=False)
        return
    console.print(table)
