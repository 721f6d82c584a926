"""PostgreSQL: a trigram index (pg_trgm) serves who-said's substring search.

Revision ID: 8c41d2a7e5f3
Revises: 36f84fec6a5b
Create Date: 2026-11-25 23:20:00

On SQLite `quote_search` is an FTS5 trigram table already and nothing changes. On PostgreSQL
it is a plain table; a GIN index with `gin_trgm_ops` lets `norm LIKE '%phrase%'` read only
the rows that hold the phrase's trigrams, the same substring match FTS5 makes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "8c41d2a7e5f3"
down_revision: str | Sequence[str] | None = "36f84fec6a5b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_quote_search_norm_trgm"


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(f"CREATE INDEX {INDEX} ON quote_search USING gin (norm gin_trgm_ops)")


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    # The extension stays: other schemas of the database may use it.
    op.execute(f"DROP INDEX {INDEX}")
