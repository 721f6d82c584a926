"""Initial schema: sources, speakers, aliases, roles, quotes, the quote_facts view and search.

Revision ID: 36f84fec6a5b
Revises:
Create Date: 2026-11-25 21:09:51

The view and the search table are written out here rather than imported from quotedb, so
this revision keeps creating exactly what it created when it was written.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "36f84fec6a5b"
down_revision: str | Sequence[str] | None = None
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
    sp.kind AS speaker_kind,
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
    op.create_table(
        "roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("title_key", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roles")),
        sa.UniqueConstraint("title_key", name=op.f("uq_roles_title_key")),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uri", sa.String(), nullable=False),
        sa.Column("doc", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("published", sa.String(), nullable=True),
        sa.Column("outlet", sa.String(), nullable=True),
        sa.Column("dateline", sa.String(), nullable=True),
        sa.Column("agency", sa.String(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("parser_version", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("sha256", name=op.f("uq_sources_sha256")),
    )
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('person', 'organization', 'anonymous')", name=op.f("ck_speakers_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speakers")),
        sa.UniqueConstraint("name_key", name=op.f("uq_speakers_name_key")),
    )
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("role_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("cue", sa.String(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("mention", sa.String(), nullable=True),
        sa.Column("paragraph", sa.Integer(), nullable=False),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("mention_start", sa.Integer(), nullable=True),
        sa.Column("mention_end", sa.Integer(), nullable=True),
        sa.Column("role_start", sa.Integer(), nullable=True),
        sa.Column("role_end", sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('direct', 'indirect', 'mixed')", name=op.f("ck_quotes_kind")),
        sa.CheckConstraint('"start" <= "end"', name=op.f("ck_quotes_span")),
        sa.ForeignKeyConstraint(
            ["role_id"], ["roles.id"], name=op.f("fk_quotes_role_id_roles"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_quotes_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_quotes_speaker_id_speakers"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
    )
    op.create_index(op.f("ix_quotes_role_id"), "quotes", ["role_id"])
    op.create_index(op.f("ix_quotes_source_id"), "quotes", ["source_id"])
    op.create_index(op.f("ix_quotes_speaker_id"), "quotes", ["speaker_id"])
    op.create_table(
        "speaker_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(), nullable=False),
        sa.Column("alias_key", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_aliases_speaker_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_aliases")),
        sa.UniqueConstraint(
            "speaker_id", "alias_key", name=op.f("uq_speaker_aliases_speaker_id_alias_key")
        ),
    )
    op.create_index(op.f("ix_speaker_aliases_alias_key"), "speaker_aliases", ["alias_key"])
    op.execute(QUOTE_FACTS)
    _create_search()


def _create_search() -> None:
    """`quote_search`: normalised quote text, one row per quote (see quotedb/search.py)."""
    if op.get_context().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE quote_search USING fts5(norm, tokenize = 'trigram')")
        # FTS5 tables take no foreign keys; this trigger is the ON DELETE CASCADE (SQLite
        # fires triggers for cascaded deletes too, so deleting a source cleans up).
        op.execute(
            "CREATE TRIGGER quote_search_delete AFTER DELETE ON quotes "
            "BEGIN DELETE FROM quote_search WHERE rowid = old.id; END"
        )
        return
    op.create_table(
        "quote_search",
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("norm", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["quote_id"],
            ["quotes.id"],
            name=op.f("fk_quote_search_quote_id_quotes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("quote_id", name=op.f("pk_quote_search")),
    )


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute("DROP TRIGGER quote_search_delete")
    op.drop_table("quote_search")
    op.execute("DROP VIEW quote_facts")
    op.drop_index(op.f("ix_speaker_aliases_alias_key"), table_name="speaker_aliases")
    op.drop_table("speaker_aliases")
    op.drop_index(op.f("ix_quotes_speaker_id"), table_name="quotes")
    op.drop_index(op.f("ix_quotes_source_id"), table_name="quotes")
    op.drop_index(op.f("ix_quotes_role_id"), table_name="quotes")
    op.drop_table("quotes")
    op.drop_table("speakers")
    op.drop_table("sources")
    op.drop_table("roles")
