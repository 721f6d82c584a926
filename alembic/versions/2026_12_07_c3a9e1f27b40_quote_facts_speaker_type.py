"""The view quote_facts names the speaker's type `speaker_type`, as every command prints it.

Revision ID: c3a9e1f27b40
Revises: 5b9e0c3f7a21
Create Date: 2026-12-07 00:00:00

The column was `speaker_kind`, while `quotedb extract` and the gold files said `speaker_type`
and `quotedb speakers` said `kind`; `kind` is also the quote's kind (direct, indirect). A
view's column cannot be renamed in place on SQLite, so the view is made again; it holds no
data of its own. Both views are written out here, so this revision keeps creating exactly
what it created when it was written.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c3a9e1f27b40"
down_revision: str | Sequence[str] | None = "5b9e0c3f7a21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

QUOTE_FACTS = """
CREATE VIEW quote_facts AS
SELECT
    q.id AS quote_id,
    q.text AS quote,
    q.kind AS kind,
    q.cue AS cue,
    q."start" AS "start",
    q."end" AS "end",
    q.paragraph AS paragraph,
    q.mention AS mention,
    sp.name AS speaker,
    sp.kind AS {speaker_type},
    r.title AS role,
    s.id AS source_id,
    s.doc AS doc,
    s.title AS title,
    s.published AS published,
    s.outlet AS outlet,
    s.uri AS uri
FROM quotes AS q
JOIN sources AS s ON s.id = q.source_id
LEFT JOIN speakers AS sp ON sp.id = q.speaker_id
LEFT JOIN roles AS r ON r.id = q.role_id
"""


def upgrade() -> None:
    op.execute("DROP VIEW quote_facts")
    op.execute(QUOTE_FACTS.format(speaker_type="speaker_type"))


def downgrade() -> None:
    op.execute("DROP VIEW quote_facts")
    op.execute(QUOTE_FACTS.format(speaker_type="speaker_kind"))
