"""Decisions about identities made by hand: merge, split, rename; listed, exported, imported.

A decision names speakers by their `name_key`, which stays the same when `reparse` deletes
and creates speaker rows again, or when the same names come from another ingest; it is
stored (`identity_decisions`) and identities are decided again at once, the decisions
applied after every automatic merge (`quotedb.identity.identities`), so they win now and
later. A file of decisions (JSON, `export_decisions`) carries one newsroom's curation to
another database: `import_decisions` adds those it does not hold yet.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from quotedb.errors import QuotedbError
from quotedb.identity.identities import Resolution, refresh_in
from quotedb.store import identities as stored
from quotedb.store.database import write_transaction
from quotedb.store.keys import normalise_key

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

FIELDS = ("action", "speaker", "into", "new_name", "note", "decided_at")
"""The fields of a decision in an exported file (`speaker` and `into` are name keys)."""


@dataclass(frozen=True)
class Outcome:
    """What a decision left: the identity of the speaker it named, and all identities."""

    name: str
    names: list[str]
    quotes: int
    resolution: Resolution

    def summary(self) -> str:
        """`Sutarmi Wulandari: 2 names (Sutarmi, Sutarmi Wulandari), 14 quotes.`"""
        names = ", ".join(self.names)
        count = len(self.names)
        return (
            f"{self.name}: {count} name{'s' if count != 1 else ''} ({names}), "
            f"{self.quotes} quote{'s' if self.quotes != 1 else ''}."
        )


def merge(engine: Engine, name: str, into: str, note: str | None = None) -> Outcome:
    """Record that the person called `name` is the one called `into`."""
    with write_transaction(engine) as conn:
        stored.lock_identities(conn)
        key, target = _speaker_key(conn, name), _speaker_key(conn, into)
        stored.add_decision(conn, "merge", key, into_key=target, note=note)
        return _outcome(conn, key)


def split(engine: Engine, name: str, note: str | None = None) -> Outcome:
    """Record that the speaker called exactly `name` is a person of its own, whom automatic
    merging leaves alone from now on."""
    with write_transaction(engine) as conn:
        stored.lock_identities(conn)
        key = normalise_key(name)
        found = stored.who_is_named(conn, key) if key else None
        if found is None or found.speaker is None:
            raise QuotedbError(
                f"no speaker is called exactly {name!r}: split takes a name as "
                "`quotedb speakers` lists it among the names of an identity"
            )
        stored.add_decision(conn, "split", key, note=note)
        return _outcome(conn, key)


def rename(engine: Engine, name: str, new_name: str, note: str | None = None) -> Outcome:
    """Record that the person called `name` is to be shown as `new_name`."""
    shown = " ".join(new_name.split())
    if not shown:
        raise QuotedbError("give the new name")
    with write_transaction(engine) as conn:
        stored.lock_identities(conn)
        key = _speaker_key(conn, name)
        stored.add_decision(conn, "rename", key, new_name=shown, note=note)
        return _outcome(conn, key)


def forget(engine: Engine, decision_id: int) -> Resolution:
    """Delete decision `decision_id` and decide identities again without it."""
    with write_transaction(engine) as conn:
        stored.lock_identities(conn)
        if not stored.forget_decision(conn, decision_id):
            raise QuotedbError(
                f"no decision with id {decision_id} (see `quotedb identity decisions`)"
            )
        return refresh_in(conn)


def _speaker_key(conn: Connection, name: str) -> str:
    """The key of a speaker of the one person `name` means; a one-line error when it means
    nobody or several people."""
    key = normalise_key(name)
    if not key:
        raise QuotedbError("give a speaker name")
    found = stored.who_is_named(conn, key)
    if found.speaker is not None:
        return found.speaker
    if not found.people:
        raise QuotedbError(f"no speaker is called {name!r} (see `quotedb speakers`)")
    if len(found.people) > 1:
        shown = "; ".join(person.name for person in found.people)
        raise QuotedbError(
            f"{name!r} may be any of {len(found.people)} people: {shown}; give a full name"
        )
    return found.people[0].speaker_key


def _outcome(conn: Connection, key: str) -> Outcome:
    resolution = refresh_in(conn)
    described = stored.identity_of(conn, key)
    assert described is not None  # the speaker was found in this transaction
    return Outcome(*described, resolution)


# --- files of decisions ----------------------------------------------------------------------


def export_decisions(engine: Engine) -> str:
    """The decisions as a JSON list, in the order they apply."""
    with engine.connect() as conn:
        decisions = stored.list_decisions(conn)
    return json.dumps([_record(d) for d in decisions], ensure_ascii=False, indent=1) + "\n"


def _record(decision: stored.Decision) -> dict[str, Any]:
    decided_at = decision.decided_at
    if decided_at.tzinfo is None:  # SQLite gives back the UTC time it was given, naive
        decided_at = decided_at.replace(tzinfo=UTC)
    values = (
        decision.action,
        decision.speaker_key,
        decision.into_key,
        decision.new_name,
        decision.note,
        decided_at.isoformat(),
    )
    return dict(zip(FIELDS, values, strict=True))


def import_decisions(engine: Engine, text: str, source: str = "-") -> tuple[int, Resolution]:
    """Add the decisions of a JSON file (as `export_decisions` writes) that the database does
    not hold yet, and decide identities again; how many were added. Names may be written as
    in articles: they are keyed like speakers. Nothing is added when any record is wrong."""
    records = _parse(text, source)
    with write_transaction(engine) as conn:
        stored.lock_identities(conn)
        held = {_identity(_record(d)) for d in stored.list_decisions(conn)}
        added = 0
        for record in records:
            if _identity(record) in held:
                continue
            held.add(_identity(record))
            stored.add_decision(
                conn,
                record["action"],
                record["speaker"],
                into_key=record["into"],
                new_name=record["new_name"],
                note=record["note"],
                decided_at=datetime.fromisoformat(record["decided_at"]),
            )
            added += 1
        return added, refresh_in(conn)


def _identity(record: dict[str, Any]) -> tuple[Any, ...]:
    when = datetime.fromisoformat(record["decided_at"])
    return (*(record[f] for f in FIELDS[:4]), when)


def _parse(text: str, source: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise QuotedbError(f"{source}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, list):
        raise QuotedbError(f"{source}: expected a JSON list of decisions")
    return [_checked(item, f"{source}: decision {n}") for n, item in enumerate(data, 1)]


def _checked(item: object, where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise QuotedbError(f"{where}: expected an object with {', '.join(FIELDS)}")
    unknown = sorted(set(item) - set(FIELDS))
    if unknown:
        raise QuotedbError(f"{where}: unknown field {unknown[0]!r}")
    record: dict[str, Any] = {name: item.get(name) for name in FIELDS}
    for name, value in record.items():
        if value is not None and not isinstance(value, str):
            raise QuotedbError(f"{where}: {name} must be a string")
    needed = {
        "merge": ("speaker", "into"),
        "rename": ("speaker", "new_name"),
        "split": ("speaker",),
    }
    if record["action"] not in needed:
        raise QuotedbError(f"{where}: action must be one of {', '.join(needed)}")
    for name in needed[record["action"]]:
        if not (record[name] or "").strip():
            raise QuotedbError(f"{where}: a {record['action']} needs {name}")
    for name in ("speaker", "into"):
        if record[name] is not None:
            record[name] = normalise_key(record[name])
    try:
        when = datetime.fromisoformat(record["decided_at"] or datetime.now(UTC).isoformat())
    except ValueError:
        raise QuotedbError(f"{where}: decided_at is not an ISO date and time") from None
    # SQLite keeps no offset: every time is stored in UTC.
    record["decided_at"] = (
        (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    )
    return record


def listed(records: Sequence[stored.Decision]) -> list[dict[str, Any]]:
    """Decisions as rows for `quotedb identity decisions` (with their ids, to forget one)."""
    return [{"id": d.id, **_record(d)} for d in records]
