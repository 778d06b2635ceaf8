"""Whether HMRC has agreed the employer reports on paper (a care and support employer exempt from filing
online sends an RT2 for each employee each quarter instead of an FPS each payday). Files made before report
online, as they did.

Revision ID: 0014_paper_filing
Revises: 0013_pension_membership
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_paper_filing"
down_revision = "0013_pension_membership"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("employer") as batch:
        batch.add_column(sa.Column("reports_on_paper", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("employer") as batch:
        batch.drop_column("reports_on_paper")
