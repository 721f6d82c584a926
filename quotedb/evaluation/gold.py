"""Gold files: articles annotated with their quotes (`../shared/gold/GUIDELINES.md`)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from quotedb.errors import InputError


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One annotated quote; `start`/`end` index the article text (`text[start:end] == text`)."""

    start: int
    end: int
    text: str
    kind: str
    speaker: str
    speaker_type: str
    speaker_alt: tuple[str, ...] = ()
    role: str | None = None
    optional: bool = False
    mention: str | None = None
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    agency: str | None = None
    origin: str | None = None


class _BadRecord(Exception):
    """A gold record that parses as JSON but breaks the file format (internal)."""


def _required(record: dict[str, object], key: str) -> object:
    if key not in record:
        raise _BadRecord(f"missing field {key!r}")
    return record[key]


def _str(record: dict[str, object], key: str) -> str:
    value = _required(record, key)
    if not isinstance(value, str):
        raise _BadRecord(f"field {key!r} should be a string, got {type(value).__name__}")
    return value


def _int(record: dict[str, object], key: str) -> int:
    value = _required(record, key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _BadRecord(f"field {key!r} should be an integer, got {type(value).__name__}")
    return value


def _optional_str(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise _BadRecord(f"field {key!r} should be a string or null, got {type(value).__name__}")
    return value


def _gold_quote(record: object, text: str, index: int) -> GoldQuote:
    if not isinstance(record, dict):
        raise _BadRecord(f"quote {index} is not an object")
    try:
        alt = record.get("speaker_alt") or []
        if not isinstance(alt, list) or not all(isinstance(a, str) for a in alt):
            raise _BadRecord("field 'speaker_alt' should be a list of strings")
        optional = record.get("optional", False)
        if not isinstance(optional, bool):
            raise _BadRecord("field 'optional' should be true or false")
        quote = GoldQuote(
            start=_int(record, "start"),
            end=_int(record, "end"),
            text=_str(record, "text"),
            kind=_str(record, "kind"),
            speaker=_str(record, "speaker"),
            speaker_type=_str(record, "speaker_type"),
            speaker_alt=tuple(alt),
            role=_optional_str(record, "role"),
            optional=optional,
            mention=_optional_str(record, "mention"),
            cue=_optional_str(record, "cue"),
        )
    except _BadRecord as exc:
        raise _BadRecord(f"quote {index}: {exc}") from None
    inside = 0 <= quote.start <= quote.end <= len(text)
    if not inside or text[quote.start : quote.end] != quote.text:
        raise _BadRecord(f"quote {index}: text[{quote.start}:{quote.end}] is not its 'text'")
    return quote


def _gold_article(record: object) -> GoldArticle:
    if not isinstance(record, dict):
        raise _BadRecord("a record should be a JSON object")
    text = _str(record, "text")
    quotes = _required(record, "quotes")
    if not isinstance(quotes, list):
        raise _BadRecord("field 'quotes' should be a list")
    return GoldArticle(
        id=_str(record, "id"),
        text=text,
        quotes=tuple(_gold_quote(q, text, i) for i, q in enumerate(quotes)),
        title=_optional_str(record, "title"),
        date=_optional_str(record, "date"),
        outlet=_optional_str(record, "outlet"),
        agency=_optional_str(record, "agency"),
        origin=_optional_str(record, "origin"),
    )


def load_gold(path: str | os.PathLike[str]) -> list[GoldArticle]:
    """The articles of a gold JSON Lines file, in file order (blank lines are skipped).

    Raises `InputError` with a one-line message naming the file and line when the file cannot
    be read, a line is not JSON or not UTF-8, or a record breaks the gold file format.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read gold file ({exc.strerror or exc})") from None
    articles = []
    for number, line in enumerate(raw.splitlines(), start=1):
        try:
            decoded = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{path}:{number}: not valid UTF-8") from None
        if not decoded.strip():
            continue
        try:
            record = json.loads(decoded)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{path}:{number}: not valid JSON ({exc.msg} at column {exc.colno})"
            ) from None
        try:
            articles.append(_gold_article(record))
        except _BadRecord as exc:
            raise InputError(f"{path}:{number}: {exc}") from None
    return articles
