"""Which day is paid as the bank holiday when one falls on a weekend: the substitute weekday GOV.UK lists, the
day itself, or both. Files made before keep what they did (both days), so no PA's pay changes unasked.

Revision ID: 0011_weekend_bank_holidays
Revises: 0010_second_budget
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_weekend_bank_holidays"
down_revision = "0010_second_budget"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("employer") as batch:
        batch.add_column(sa.Column("weekend_bank_holidays", sa.String(16), nullable=False, server_default="both"))


def downgrade() -> None:
    with op.batch_alter_table("employer") as batch:
        batch.drop_column("weekend_bank_holidays")
