"""Quotes: CHECK constraints on the cue, mention and role spans, as the quote's own has one.

Revision ID: a1567cc09b4f
Revises: fd635e2f41e1
Create Date: 2026-12-07 00:00:00

The parser gave a few role spans that end before they start (issue 14), and the database
stored them: only the quote's own span had a check. Now each of the three spans has both
ends or neither, starts at 0 or later and ends where it starts or after. A span stored
before that breaks this, or runs past the end of its article, points nowhere: it is
cleared (both ends NULL; the cue, mention or role itself stays) before the checks are
added. `quotedb reparse` gives such articles the spans of today's parser.

SQLite adds a CHECK only by rebuilding the table (batch mode). The view quote_facts and,
on SQLite, the trigger that deletes a quote's search row name `quotes`, so they are dropped
first and made again from their own stored SQL.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from alembic import op

revision: str = "a1567cc09b4f"
down_revision: str | Sequence[str] | None = "fd635e2f41e1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SPANS = ("cue", "mention", "role")


def span_check(field: str) -> str:
    """What a span must be: both ends or neither, 0 <= start <= end (never NULL itself)."""
    start, end = f"{field}_start", f"{field}_end"
    return (
        f"({start} IS NULL AND {end} IS NULL) OR "
        f"({start} IS NOT NULL AND {end} IS NOT NULL AND 0 <= {start} AND {start} <= {end})"
    )


def upgrade() -> None:
    for field in SPANS:
        start, end = f"{field}_start", f"{field}_end"
        op.execute(
            f"UPDATE quotes SET {start} = NULL, {end} = NULL "
            f"WHERE NOT ({span_check(field)}) "
            f"OR {end} > (SELECT length(body) FROM sources WHERE sources.id = quotes.source_id)"
        )
    with _dependents_kept():
        with op.batch_alter_table("quotes") as batch:
            for field in SPANS:
                batch.create_check_constraint(op.f(f"ck_quotes_{field}_span"), span_check(field))


def downgrade() -> None:
    with _dependents_kept():
        with op.batch_alter_table("quotes") as batch:
            for field in reversed(SPANS):
                batch.drop_constraint(op.f(f"ck_quotes_{field}_span"), type_="check")


@contextmanager
def _dependents_kept() -> Iterator[None]:
    """On SQLite: the view and triggers that name `quotes`, dropped while batch mode
    rebuilds the table and made again after from the SQL SQLite kept for them."""
    saved: list[str] = []
    if op.get_context().dialect.name == "sqlite":
        rows = op.get_bind().exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_master "
            "WHERE type IN ('view', 'trigger') AND sql LIKE '%quotes%'"
        )
        for kind, name, sql in list(rows):
            op.execute(f'DROP {kind.upper()} "{name}"')
            saved.append(sql)
    yield
    for sql in saved:
        op.execute(sql)
