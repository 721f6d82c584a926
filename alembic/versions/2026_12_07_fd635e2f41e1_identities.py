"""Identities across articles, the decisions made about them by hand, and normalised roles.

Revision ID: fd635e2f41e1
Revises: c3a9e1f27b40
Create Date: 2026-12-07 19:00:00

Every speaker already stored gets an identity of its own, with the speaker's id, name and
kind, so no quote changes hands here; quotedb merges identities the next time it refreshes
them (after `quotedb ingest` or `reparse`, or with `quotedb identity refresh`), which needs
the parser's word lists a migration must not import. For the same reason `roles` gets its
`normal_title` and `normal_key` empty: that refresh fills them, and readers fall back to
the title meanwhile. The view `quote_facts` gains `identity_id`, `identity` and
`normal_role`. The index of quotes by speaker becomes one by speaker and role, from which
deciding identities reads every speaker's roles without reading the quotes. Downgrading drops
identities and the curated decisions with them.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "fd635e2f41e1"
down_revision: str | Sequence[str] | None = "c3a9e1f27b40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

QUOTE_FACTS_COLUMNS = """
    q.id AS quote_id,
    q.text AS quote,
    q.kind AS kind,
    q.cue AS cue,
    q."start" AS "start",
    q."end" AS "end",
    q.paragraph AS paragraph,
    q.mention AS mention,
    sp.name AS speaker,
    sp.kind AS speaker_type,{identity}
    r.title AS role,{normal_role}
    s.id AS source_id,
    s.doc AS doc,
    s.title AS title,
    s.published AS published,
    s.outlet AS outlet,
    s.uri AS uri
FROM quotes AS q
JOIN sources AS s ON s.id = q.source_id
LEFT JOIN speakers AS sp ON sp.id = q.speaker_id
LEFT JOIN roles AS r ON r.id = q.role_id"""

QUOTE_FACTS = (
    "CREATE VIEW quote_facts AS\nSELECT"
    + QUOTE_FACTS_COLUMNS.format(
        identity="\n    sp.identity_id AS identity_id,\n    i.name AS identity,",
        normal_role="\n    COALESCE(r.normal_title, r.title) AS normal_role,",
    )
    + "\nLEFT JOIN identities AS i ON i.id = sp.identity_id\n"
)

PREVIOUS_QUOTE_FACTS = (
    "CREATE VIEW quote_facts AS\nSELECT"
    + QUOTE_FACTS_COLUMNS.format(identity="", normal_role="")
    + "\n"
)


def upgrade() -> None:
    # The view names `speakers`, which SQLite's batch mode rebuilds.
    op.execute("DROP VIEW quote_facts")
    op.create_table(
        "identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('person', 'organization', 'anonymous')", name=op.f("ck_identities_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identities")),
    )
    op.create_index(op.f("ix_identities_name_key"), "identities", ["name_key"])
    op.create_table(
        "identity_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("speaker_key", sa.String(), nullable=False),
        sa.Column("into_key", sa.String(), nullable=True),
        sa.Column("new_name", sa.String(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "action IN ('merge', 'split', 'rename')", name=op.f("ck_identity_decisions_action")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_decisions")),
    )
    with op.batch_alter_table("speakers") as batch:
        batch.add_column(sa.Column("identity_id", sa.Integer(), nullable=True))
        batch.create_index(op.f("ix_speakers_identity_id"), ["identity_id"])
        batch.create_foreign_key(
            op.f("fk_speakers_identity_id_identities"),
            "identities",
            ["identity_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("roles") as batch:
        batch.add_column(sa.Column("normal_title", sa.String(), nullable=True))
        batch.add_column(sa.Column("normal_key", sa.String(), nullable=True))
    op.create_index(op.f("ix_quotes_speaker_id_role_id"), "quotes", ["speaker_id", "role_id"])
    op.drop_index(op.f("ix_quotes_speaker_id"), table_name="quotes")
    op.execute(
        "INSERT INTO identities (id, name, name_key, kind) "
        "SELECT id, name, name_key, kind FROM speakers"
    )
    op.execute("UPDATE speakers SET identity_id = id")
    if op.get_context().dialect.name == "postgresql":
        # The ids were given here: the sequence must go on after them.
        op.execute(
            "SELECT setval(pg_get_serial_sequence('identities', 'id'), "
            "COALESCE((SELECT max(id) FROM identities), 0) + 1, false)"
        )
    op.execute(QUOTE_FACTS)


def downgrade() -> None:
    op.execute("DROP VIEW quote_facts")
    op.create_index(op.f("ix_quotes_speaker_id"), "quotes", ["speaker_id"])
    op.drop_index(op.f("ix_quotes_speaker_id_role_id"), table_name="quotes")
    with op.batch_alter_table("roles") as batch:
        batch.drop_column("normal_key")
        batch.drop_column("normal_title")
    with op.batch_alter_table("speakers") as batch:
        batch.drop_constraint(op.f("fk_speakers_identity_id_identities"), type_="foreignkey")
        batch.drop_index(op.f("ix_speakers_identity_id"))
        batch.drop_column("identity_id")
    op.drop_table("identity_decisions")
    op.drop_index(op.f("ix_identities_name_key"), table_name="identities")
    op.drop_table("identities")
    op.execute(PREVIOUS_QUOTE_FACTS)
