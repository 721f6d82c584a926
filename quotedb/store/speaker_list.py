"""Who is quoted: one row per identity, with its roles over time and its other names.

Like `quotedb.store.reading`, on a plain sqlite3 connection or an engine, without
importing SQLAlchemy for a SQLite file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quotedb.store.keys import normalise_key
from quotedb.store.reading import open_reader

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass(frozen=True, slots=True)
class RoleSeen:
    """A role (in its normal form: `Menkeu` is `Menteri Keuangan`) and when it was seen."""

    role: str
    first: str | None
    last: str | None
    quotes: int

    def __str__(self) -> str:
        """`Menteri Keuangan (2025-09-08 – 2025-10-21)`; without dates when undated."""
        if self.first is None:
            return self.role
        span = self.first if self.first == self.last else f"{self.first} – {self.last}"
        return f"{self.role} ({span})"


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """A person (or organisation, or unnamed source) across the archive: how often quoted,
    in which roles and when, and the other names it goes by."""

    name: str
    speaker_type: str
    quotes: int
    roles: tuple[RoleSeen, ...]
    """Oldest first."""
    aliases: tuple[str, ...]
    """Its other names: as the articles wrote them, and the aliases they gave."""
    first_seen: str | None
    last_seen: str | None
    identity_id: int


def list_speakers(db: Engine | sqlite3.Connection, limit: int | None = None) -> list[SpeakerRow]:
    """Identities, most quoted first (then by name), with their roles and other names."""
    top = (
        "SELECT i.id AS id, i.name AS name, i.kind AS kind, count(q.id) AS quotes, "
        "min(s.published) AS first_seen, max(s.published) AS last_seen "
        "FROM identities AS i JOIN speakers AS sp ON sp.identity_id = i.id "
        "LEFT JOIN quotes AS q ON q.speaker_id = sp.id "
        "LEFT JOIN sources AS s ON s.id = q.source_id "
        "GROUP BY i.id, i.name, i.kind ORDER BY count(q.id) DESC, i.name, i.id"
    )
    params: dict[str, object] = {}
    if limit is not None:
        top += " LIMIT :limit"
        params["limit"] = limit
    chosen = f"SELECT id FROM ({top}) AS top_identities"
    with open_reader(db) as reader:
        identities = reader.rows(top, params)
        roles = _roles_seen(
            reader.rows(
                "SELECT sp.identity_id, COALESCE(r.normal_key, r.title_key), "
                "COALESCE(r.normal_title, r.title), min(s.published), max(s.published), "
                "count(*) FROM quotes AS q JOIN speakers AS sp ON sp.id = q.speaker_id "
                "JOIN roles AS r ON r.id = q.role_id JOIN sources AS s ON s.id = q.source_id "
                f"WHERE sp.identity_id IN ({chosen}) "
                "GROUP BY sp.identity_id, r.id, r.normal_key, r.title_key, r.normal_title, r.title",
                params,
            )
        )
        # Collected in Python rather than with group_concat/string_agg, which differ by dialect.
        names = _grouped(
            reader.rows(
                f"SELECT identity_id, name FROM speakers WHERE identity_id IN ({chosen}) "
                "UNION SELECT sp.identity_id, a.alias FROM speaker_aliases AS a "
                "JOIN speakers AS sp ON sp.id = a.speaker_id "
                f"WHERE sp.identity_id IN ({chosen}) ORDER BY 1, 2",
                params,
            )
        )
    return [
        SpeakerRow(
            name=name,
            speaker_type=kind,
            quotes=quotes,
            roles=tuple(roles.get(identity_id, ())),
            aliases=_other_names(name, names.get(identity_id, ())),
            first_seen=first,
            last_seen=last,
            identity_id=identity_id,
        )
        for identity_id, name, kind, quotes, first, last in identities
    ]


def _roles_seen(rows: Iterable[Sequence[Any]]) -> dict[int, list[RoleSeen]]:
    """Each identity's roles, one per normal key, oldest first, from rows of (identity,
    normal key, normal title, first, last, quotes). A role is titled as its most quoted row,
    the first in sort order among equals (`Menteri Perdagangan` before `menteri ...`)."""
    grouped: dict[int, dict[str, list[Sequence[Any]]]] = {}
    for row in rows:
        grouped.setdefault(row[0], {}).setdefault(row[1], []).append(row[2:])
    found: dict[int, list[RoleSeen]] = {}
    for identity_id, roles in grouped.items():
        seen = [
            RoleSeen(
                role=max(sorted(same, key=lambda r: r[0]), key=lambda r: r[3])[0],
                first=min((r[1] for r in same if r[1] is not None), default=None),
                last=max((r[2] for r in same if r[2] is not None), default=None),
                quotes=sum(r[3] for r in same),
            )
            for same in roles.values()
        ]
        found[identity_id] = sorted(seen, key=lambda r: (r.first is None, r.first or "", r.role))
    return found


def _other_names(name: str, names: Iterable[str]) -> tuple[str, ...]:
    """`names` but `name`, once each however written (case, spacing, accents)."""
    seen = {normalise_key(name)}
    others = []
    for other in names:
        key = normalise_key(other)
        if key not in seen:
            seen.add(key)
            others.append(other)
    return tuple(others)


def _grouped(pairs: Iterable[Sequence[Any]]) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = {}
    for key, value in pairs:
        groups.setdefault(key, []).append(value)
    return groups
