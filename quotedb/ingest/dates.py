"""Publication dates as exports and pages write them, made ISO (`2024-03-13`).

`sources.published` is an ISO date so that it sorts and filters as text. Scraped exports
write dates every way: `2024-03-13T08:15:00+07:00`, `13/03/2024 08:15`,
`Rabu, 13 Maret 2024 08:15 WIB`, `13 Mar 2024`, `March 13, 2024`. The date is kept as
written (a time and its zone are dropped, not converted); numbers alone are read day first,
as Indonesia writes them, unless the year comes first.
"""

from __future__ import annotations

import re
from datetime import date

# Indonesian month names, their old spellings and abbreviations, and the English ones.
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "januari january jan",
            "februari pebruari february feb peb",
            "maret march mar",
            "april apr",
            "mei may",
            "juni june jun",
            "juli july jul",
            "agustus august agu agt aug ags",
            "september sept sep",
            "oktober october okt oct",
            "november nopember nov nop",
            "desember december des dec",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH = r"(?P<month_name>[a-z]+)\.?"
_PATTERNS = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        # 2024-03-13, 2024/3/13, 2024-03-13T08:15:00Z, 2024-03
        r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?(?![\d/.-])",
        # 13/03/2024, 13-3-2024, 13.03.2024 (day first)
        r"(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})(?!\d)",
        # 13 Maret 2024, 13 Mar. 2024, 13-Mar-2024
        rf"(?P<day>\d{{1,2}})[\s-]+{_MONTH}[\s,-]+(?P<year>\d{{4}})(?!\d)",
        # March 13, 2024
        rf"{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})(?!\d)",
        # Maret 2024
        rf"(?<![\w]){_MONTH}\s+(?P<year>\d{{4}})(?!\d)",
    )
)
_YEAR = re.compile(r"\d{4}")


def normalise_date(value: str) -> str | None:
    """`value` as `YYYY-MM-DD` (or `YYYY-MM`, `YYYY` when that is all it says); None when no
    date can be read from it."""
    text = value.strip()
    for pattern in _PATTERNS:
        for found in pattern.finditer(text):
            iso = _iso(found)
            if iso is not None:
                return iso
    if _YEAR.fullmatch(text):
        return text
    return None


def stored_date(value: str | None, where: str) -> tuple[str | None, tuple[str, ...]]:
    """A record's date as it is stored: ISO where `normalise_date` reads it, else as written,
    with a warning naming `where` (its file and line)."""
    if value is None:
        return None, ()
    iso = normalise_date(value)
    if iso is None:
        return value, (f"{where}: date {value!r} not understood, stored as written",)
    return iso, ()


def _iso(found: re.Match[str]) -> str | None:
    parts = found.groupdict()
    year = int(parts["year"])
    if parts.get("month_name") is not None:
        month = _MONTHS.get(parts["month_name"].lower())
        if month is None:
            return None
    else:
        month = int(parts["month"])
    day = parts.get("day")
    if day is None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    try:
        return date(year, month, int(day)).isoformat()
    except ValueError:  # 31/02/2024, a month 13
        return None
