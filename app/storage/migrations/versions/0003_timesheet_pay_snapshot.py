"""An approved timesheet keeps the pay worked out when it was approved (hours by kind, lines, rules).

Revision ID: 0003_timesheet_pay_snapshot
Revises: 0002_pay_time_boundaries
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_timesheet_pay_snapshot"
down_revision = "0002_pay_time_boundaries"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("timesheet") as batch:
        batch.add_column(sa.Column("pay_snapshot_json", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("timesheet") as batch:
        batch.drop_column("pay_snapshot_json")
