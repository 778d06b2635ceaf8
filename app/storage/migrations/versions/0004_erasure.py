"""When a former PA's personal details were erased (after the retention period, at their request).

Revision ID: 0004_erasure
Revises: 0003_timesheet_pay_snapshot
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_erasure"
down_revision = "0003_timesheet_pay_snapshot"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("personal_assistant") as batch:
        batch.add_column(sa.Column("personal_data_erased_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("personal_assistant") as batch:
        batch.drop_column("personal_data_erased_on")
