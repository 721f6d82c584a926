"""Deleting the speakers and roles that a re-parse left without quotes, without racing a writer
that is about to quote them.

`BulkWriter.replace` calls `delete_unquoted` with the speaker and role ids of the quotes it
replaced: only these can have lost their last quote. A row is deleted only once it is locked
and no quote names it. On PostgreSQL another writer's uncommitted quote (or alias) is
invisible here, but it holds a lock on the row it points to until that writer commits: such
rows are skipped (`SKIP LOCKED`), never deleted, so the cleanup never waits and cannot
deadlock with an ingest. The rows locked here make a writer about to point to them wait, and
fail if they are deleted; it then looks them up afresh. On SQLite the re-parse holds the
write lock: no other writer is half-way.
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Column, Connection, Table


def delete_unquoted(
    conn: Connection, speaker_ids: Set[int], role_ids: Set[int]
) -> tuple[set[int], set[int]]:
    """Delete those of `speaker_ids` and `role_ids` that no quote refers to; the ids deleted.

    Aliases are deleted explicitly rather than by the cascade, which SQLite applies only with
    `PRAGMA foreign_keys` on.
    """
    from sqlalchemy import delete

    from quotedb.store.schema import Quote, Role, Speaker, SpeakerAlias

    speakers: Table = Speaker.__table__  # type: ignore[assignment]
    roles: Table = Role.__table__  # type: ignore[assignment]
    aliases: Table = SpeakerAlias.__table__  # type: ignore[assignment]
    quotes: Table = Quote.__table__  # type: ignore[assignment]
    speakers_gone = _unquoted(conn, speakers, quotes.c.speaker_id, speaker_ids)
    if speakers_gone:
        conn.execute(delete(aliases).where(aliases.c.speaker_id.in_(speakers_gone)))
        conn.execute(delete(speakers).where(speakers.c.id.in_(speakers_gone)))
    roles_gone = _unquoted(conn, roles, quotes.c.role_id, role_ids)
    if roles_gone:
        conn.execute(delete(roles).where(roles.c.id.in_(roles_gone)))
    return speakers_gone, roles_gone


def _unquoted(
    conn: Connection, table: Table, referring: Column[int | None], ids: Set[int]
) -> set[int]:
    """Those of `ids` in `table` that no quote's `referring` column names, locked until this
    transaction ends; rows another writer holds are left out."""
    from sqlalchemy import select

    if not ids:
        return set()
    locked = set(
        conn.execute(
            select(table.c.id)
            .where(table.c.id.in_(ids))
            .order_by(table.c.id)
            .with_for_update(skip_locked=True)
        ).scalars()
    )
    quoted = conn.execute(select(referring).where(referring.in_(locked))).scalars()
    return locked - set(quoted)
