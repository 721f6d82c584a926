"""SQLite: the search index keeps no token positions (FTS5 `detail=none`).

Revision ID: 5b9e0c3f7a21
Revises: 8c41d2a7e5f3
Create Date: 2026-11-26 00:00:00

who-said asks FTS5 only which quotes hold each of a few single trigrams and checks the
whole phrase itself (quotedb/search.py), so positions were never read. Without them the
index is about half the size and takes new quotes about twice as fast. The price: a
MATCH phrase of more than one trigram (`MATCH 'kopi'`) is refused; trigrams joined
with AND (`MATCH 'kop AND opi'`) still work. PostgreSQL is untouched.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5b9e0c3f7a21"
down_revision: str | Sequence[str] | None = "8c41d2a7e5f3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _rebuild("tokenize = 'trigram', detail = none")


def downgrade() -> None:
    _rebuild("tokenize = 'trigram'")


def _rebuild(options: str) -> None:
    """Recreate `quote_search` with `options`, keeping its rows (rowid = quote id) and the
    trigger that deletes a quote's row with the quote (which names the table, so it goes
    while the table is renamed)."""
    if op.get_context().dialect.name != "sqlite":
        return
    op.execute(f"CREATE VIRTUAL TABLE quote_search_rebuilt USING fts5(norm, {options})")
    op.execute(
        "INSERT INTO quote_search_rebuilt (rowid, norm) SELECT rowid, norm FROM quote_search"
    )
    op.execute("DROP TRIGGER quote_search_delete")
    op.execute("DROP TABLE quote_search")
    op.execute("ALTER TABLE quote_search_rebuilt RENAME TO quote_search")
    op.execute(
        "CREATE TRIGGER quote_search_delete AFTER DELETE ON quotes "
        "BEGIN DELETE FROM quote_search WHERE rowid = old.id; END"
    )
