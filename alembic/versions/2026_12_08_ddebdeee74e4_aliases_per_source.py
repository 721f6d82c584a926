"""Each speaker alias names the source it was read in (`speaker_aliases.source_id`).

Revision ID: ddebdeee74e4
Revises: a1567cc09b4f
Create Date: 2026-12-08 00:00:00

An alias is derived from an article's text, like its quotes: when `quotedb reparse` parses an
article again, the aliases it no longer yields must go, unless another article still gives
them. That needs to know which articles gave each alias, so there is now one row per
speaker, alias and source; deleting a source deletes its aliases.

Existing rows did not record their source: each becomes one row per source quoting its
speaker (the sources it can have come from), and keeps its id in the first of them; an
alias of a speaker without quotes keeps a NULL source. Downgrading keeps one row per speaker
and alias key, the one with the smallest id.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "ddebdeee74e4"
down_revision: str | Sequence[str] | None = "a1567cc09b4f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("speaker_aliases") as batch:
        batch.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch.drop_constraint("uq_speaker_aliases_speaker_id_alias_key", type_="unique")
        batch.create_unique_constraint(
            "uq_speaker_aliases_speaker_id_alias_key_source_id",
            ["speaker_id", "alias_key", "source_id"],
        )
        batch.create_foreign_key(
            "fk_speaker_aliases_source_id_sources",
            "sources",
            ["source_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index("ix_speaker_aliases_source_id", ["source_id"])
    op.execute(
        "UPDATE speaker_aliases SET source_id = "
        "(SELECT min(q.source_id) FROM quotes q WHERE q.speaker_id = speaker_aliases.speaker_id)"
    )
    op.execute(
        "INSERT INTO speaker_aliases (speaker_id, alias, alias_key, source_id) "
        "SELECT DISTINCT a.speaker_id, a.alias, a.alias_key, q.source_id "
        "FROM speaker_aliases a JOIN quotes q ON q.speaker_id = a.speaker_id "
        "WHERE q.source_id > a.source_id"
    )


def downgrade() -> None:
    op.execute(
        "DELETE FROM speaker_aliases WHERE id NOT IN "
        "(SELECT min(id) FROM speaker_aliases GROUP BY speaker_id, alias_key)"
    )
    with op.batch_alter_table("speaker_aliases") as batch:
        batch.drop_index("ix_speaker_aliases_source_id")
        batch.drop_constraint("fk_speaker_aliases_source_id_sources", type_="foreignkey")
        batch.drop_constraint("uq_speaker_aliases_speaker_id_alias_key_source_id", type_="unique")
        batch.drop_column("source_id")
        batch.create_unique_constraint(
            "uq_speaker_aliases_speaker_id_alias_key", ["speaker_id", "alias_key"]
        )
