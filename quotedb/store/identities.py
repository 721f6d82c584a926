"""Identities in the database: what deciding them reads, how the result is written back, and
the decisions made by hand.

The store keeps identities but does not decide them: `quotedb.identity.identities` reads the
archive's speakers, aliases, roles and curated decisions here (`read_archive`), groups the
speakers that are one person, and hands the groups back (`write_identities`), which keeps
each identity's id where the group is mostly the same speakers as before, so ids stay put
from one refresh to the next.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from quotedb.store.inserts import insert_many, next_ids
from quotedb.store.keys import normalise_key
from quotedb.store.schema import Identity, IdentityDecision, Role, Speaker

if TYPE_CHECKING:
    from sqlalchemy import Connection, Table

REFRESH_LOCK = 0x6964656E74  # "ident"
"""The PostgreSQL advisory lock one refresh of identities holds at a time."""


@dataclass(frozen=True, slots=True)
class SpeakerFacts:
    """A speaker as identities are decided: its name, how often and in which roles quoted."""

    id: int
    name: str
    name_key: str
    kind: str
    identity_id: int | None
    quotes: int
    roles: tuple[tuple[int, int], ...]
    """(role id, quotes in that role) pairs."""


@dataclass(frozen=True, slots=True)
class RoleFacts:
    title: str
    normal_title: str | None
    normal_key: str | None


@dataclass(frozen=True, slots=True)
class Decision:
    """A row of `identity_decisions` (see `quotedb.store.schema.IdentityDecision`)."""

    id: int
    action: str
    speaker_key: str
    into_key: str | None
    new_name: str | None
    note: str | None
    decided_at: datetime


@dataclass(frozen=True)
class Archive:
    """Everything identities are decided from, read in one transaction."""

    speakers: list[SpeakerFacts]
    aliases: list[tuple[int, str]]
    """(speaker id, alias key) pairs."""
    roles: dict[int, RoleFacts]
    decisions: list[Decision]


@dataclass(frozen=True, slots=True)
class Group:
    """Speakers that are one identity, and the name and kind it is shown with."""

    speaker_ids: tuple[int, ...]
    name: str
    kind: str


def lock_identities(conn: Connection) -> None:
    """Make other refreshes of this database wait for `conn`'s transaction (SQLite needs
    nothing: it is a `write_transaction`, which begins with `BEGIN IMMEDIATE`)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({REFRESH_LOCK})")


def read_archive(conn: Connection) -> Archive:
    """The speakers with their quote counts and roles, aliases, roles and decisions."""
    counts: Counter[int] = Counter()
    roles: dict[int, list[tuple[int, int]]] = {}
    # One pass over the quotes (the largest table) gives both counts and roles.
    for speaker_id, role_id, quotes in conn.exec_driver_sql(
        "SELECT speaker_id, role_id, count(*) FROM quotes "
        "WHERE speaker_id IS NOT NULL GROUP BY speaker_id, role_id"
    ):
        counts[speaker_id] += quotes
        if role_id is not None:
            roles.setdefault(speaker_id, []).append((role_id, quotes))
    speakers = [
        SpeakerFacts(
            row_id, name, key, kind, identity_id, counts[row_id], tuple(roles.get(row_id, ()))
        )
        for row_id, name, key, kind, identity_id in conn.exec_driver_sql(
            "SELECT id, name, name_key, kind, identity_id FROM speakers ORDER BY id"
        )
    ]
    aliases = [
        (speaker_id, key)
        for speaker_id, key in conn.exec_driver_sql(
            "SELECT speaker_id, alias_key FROM speaker_aliases ORDER BY id"
        )
    ]
    titles = {
        row_id: RoleFacts(title, normal_title, normal_key)
        for row_id, title, normal_title, normal_key in conn.exec_driver_sql(
            "SELECT id, title, normal_title, normal_key FROM roles"
        )
    }
    return Archive(speakers, aliases, titles, list_decisions(conn))


def roles_without_normal_form(conn: Connection) -> list[tuple[int, str]]:
    """(id, title) of the roles stored since the last refresh."""
    return [
        (row_id, title)
        for row_id, title in conn.exec_driver_sql(
            "SELECT id, title FROM roles WHERE normal_key IS NULL ORDER BY id"
        )
    ]


def set_normal_forms(conn: Connection, titles: Sequence[tuple[int, str]]) -> None:
    """Store the normal titles (`quotedb.identity.roles.normal_title`) of roles by id."""
    from sqlalchemy import bindparam, update

    if not titles:
        return
    roles = _table(Role)
    conn.execute(
        update(roles)
        .where(roles.c.id == bindparam("role"))
        .values(normal_title=bindparam("new_title"), normal_key=bindparam("new_key")),
        [
            {"role": row_id, "new_title": title, "new_key": normalise_key(title)}
            for row_id, title in titles
        ],
    )


def write_identities(conn: Connection, archive: Archive, groups: Sequence[Group]) -> None:
    """Make the identities those of `groups` (every speaker of `archive` in one of them).

    A group keeps the identity most of its speakers already have (unless a larger group
    took it first); only rows that change are written, and identities no speaker points to
    any more are deleted.
    """
    from sqlalchemy import bindparam, update

    identities, speakers = _table(Identity), _table(Speaker)
    current = {s.id: s.identity_id for s in archive.speakers}
    existing = {
        row_id: (name, key, kind)
        for row_id, name, key, kind in conn.exec_driver_sql(
            "SELECT id, name, name_key, kind FROM identities"
        )
    }
    taken: set[int] = set()
    chosen: list[tuple[Group, int | None]] = []
    for group in sorted(groups, key=lambda g: (-len(g.speaker_ids), min(g.speaker_ids))):
        held = Counter(
            current[s] for s in group.speaker_ids if current.get(s) in existing
        ).most_common()
        keep = next((row_id for row_id, _ in held if row_id not in taken), None)
        if keep is not None:
            taken.add(keep)
        chosen.append((group, keep))
    fresh = iter(next_ids(conn, identities, sum(keep is None for _, keep in chosen)))
    inserted, renamed, moved = [], [], []
    for group, keep in chosen:
        row = (group.name, normalise_key(group.name), group.kind)
        if keep is None:
            keep = next(fresh)
            inserted.append((keep, *row))
        elif existing[keep] != row:
            renamed.append(
                {"identity": keep, "new_name": row[0], "new_key": row[1], "new_kind": row[2]}
            )
        moved += [{"speaker": s, "identity": keep} for s in group.speaker_ids if current[s] != keep]
    insert_many(conn, identities, ("id", "name", "name_key", "kind"), inserted)
    if renamed:
        conn.execute(
            update(identities)
            .where(identities.c.id == bindparam("identity"))
            .values(
                name=bindparam("new_name"),
                name_key=bindparam("new_key"),
                kind=bindparam("new_kind"),
            ),
            renamed,
        )
    if moved:
        conn.execute(
            update(speakers)
            .where(speakers.c.id == bindparam("speaker"))
            .values(identity_id=bindparam("identity")),
            moved,
        )
    conn.exec_driver_sql(
        "DELETE FROM identities WHERE NOT EXISTS "
        "(SELECT 1 FROM speakers WHERE speakers.identity_id = identities.id)"
    )


# --- decisions made by hand ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    """An identity as a decision can name it: by one of its speakers' keys."""

    identity_id: int
    name: str
    speaker_key: str


@dataclass(frozen=True)
class Named:
    """Who a name can mean: the speaker of exactly that name, else the identities called
    so or whose speakers an article gave it as an alias."""

    speaker: str | None
    people: list[Person]


def who_is_named(conn: Connection, key: str) -> Named:
    """Who `key` (a `normalise_key`) can mean in this database."""
    from sqlalchemy import text

    speaker = conn.execute(
        text("SELECT name_key FROM speakers WHERE name_key = :key"), {"key": key}
    ).scalar()
    people = {
        identity_id: Person(identity_id, name, speaker_key)
        for identity_id, name, speaker_key in conn.execute(
            text(
                "SELECT i.id, i.name, min(sp.name_key) FROM identities AS i "
                "JOIN speakers AS sp ON sp.identity_id = i.id WHERE i.name_key = :key "
                "GROUP BY i.id, i.name "
                "UNION SELECT i.id, i.name, min(sp.name_key) FROM speaker_aliases AS a "
                "JOIN speakers AS sp ON sp.id = a.speaker_id "
                "JOIN identities AS i ON i.id = sp.identity_id WHERE a.alias_key = :key "
                "GROUP BY i.id, i.name ORDER BY 2, 1"
            ),
            {"key": key},
        )
    }
    return Named(speaker, list(people.values()))


def identity_of(conn: Connection, speaker_key: str) -> tuple[str, list[str], int] | None:
    """The name, the speakers' names and the number of quotes of the identity of the
    speaker `speaker_key`; None when there is no such speaker."""
    from sqlalchemy import text

    row = conn.execute(
        text(
            "SELECT i.id, i.name FROM speakers AS sp JOIN identities AS i "
            "ON i.id = sp.identity_id WHERE sp.name_key = :key"
        ),
        {"key": speaker_key},
    ).first()
    if row is None:
        return None
    names = list(
        conn.execute(
            text("SELECT name FROM speakers WHERE identity_id = :id ORDER BY name"), {"id": row[0]}
        ).scalars()
    )
    quotes = conn.execute(
        text(
            "SELECT count(*) FROM quotes AS q JOIN speakers AS sp ON sp.id = q.speaker_id "
            "WHERE sp.identity_id = :id"
        ),
        {"id": row[0]},
    ).scalar_one()
    return row[1], names, quotes


def add_decision(
    conn: Connection,
    action: str,
    speaker_key: str,
    *,
    into_key: str | None = None,
    new_name: str | None = None,
    note: str | None = None,
    decided_at: datetime | None = None,
) -> None:
    from sqlalchemy import insert

    conn.execute(
        insert(_table(IdentityDecision)).values(
            action=action,
            speaker_key=speaker_key,
            into_key=into_key,
            new_name=new_name,
            note=note,
            decided_at=decided_at or datetime.now(UTC),
        )
    )


def list_decisions(conn: Connection) -> list[Decision]:
    """The decisions in the order they apply: by time, then as stored."""
    from sqlalchemy import select

    table = _table(IdentityDecision)
    rows = conn.execute(select(table).order_by(table.c.decided_at, table.c.id))
    return [Decision(*row) for row in rows]


def forget_decision(conn: Connection, decision_id: int) -> bool:
    """Delete decision `decision_id`; whether there was one."""
    from sqlalchemy import delete

    table = _table(IdentityDecision)
    return conn.execute(delete(table).where(table.c.id == decision_id)).rowcount > 0


def _table(model: type) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table
