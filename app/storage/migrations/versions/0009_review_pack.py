"""The annual review pack: the support plan's outcomes (one to a line) and the holder's notes through the year on
what is working and what is not, in their own words, with who wrote them. Money pooled with other holders (a
shared PA, a group activity): the whole cost and who shared it, beside the holder's share.

Revision ID: 0009_review_pack
Revises: 0008_council_returns
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_review_pack"
down_revision = "0008_council_returns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("money_transaction") as batch:
        batch.add_column(sa.Column("pooled_total_pence", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("pooled_with", sa.String(300), nullable=False, server_default=""))
    with op.batch_alter_table("council_agreement") as batch:
        batch.add_column(sa.Column("plan_outcomes", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "review_note",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("written_on", sa.Date(), nullable=False, index=True),
        sa.Column("written_by", sa.String(200), nullable=False),
        sa.Column("about", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(200), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("withdrawn_at", sa.String(32), nullable=True),
        sa.Column("withdrawn_reason", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("money_transaction") as batch:
        batch.drop_column("pooled_with")
        batch.drop_column("pooled_total_pence")
    op.drop_table("review_note")
    with op.batch_alter_table("council_agreement") as batch:
        batch.drop_column("plan_outcomes")
