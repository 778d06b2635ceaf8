"""Council returns per template: which template the agreement's council uses, and each return's template,
version (an amendment is a new version that keeps the first) and the return it amends.

Revision ID: 0008_council_returns
Revises: 0007_double_entry_ledger
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_council_returns"
down_revision = "0007_double_entry_ledger"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("council_agreement") as batch:
        batch.add_column(sa.Column("return_template", sa.String(64), nullable=False, server_default="generic"))
    with op.batch_alter_table("council_return") as batch:
        batch.add_column(sa.Column("template_id", sa.String(64), nullable=False, server_default="generic"))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("amends_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("signed_role", sa.String(32), nullable=False, server_default=""))
        batch.add_column(sa.Column("document_pdf", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("council_return") as batch:
        for column in ("document_pdf", "signed_role", "amends_id", "version", "template_id"):
            batch.drop_column(column)
    with op.batch_alter_table("council_agreement") as batch:
        batch.drop_column("return_template")
