"""When night pay starts and ends, and the Monday weekly pay periods count from.

Revision ID: 0002_pay_time_boundaries
Revises: 0001_initial
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_pay_time_boundaries"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("employer") as batch:
        batch.add_column(sa.Column("night_starts_at", sa.Time(), nullable=False, server_default="22:00:00.000000"))
        batch.add_column(sa.Column("night_ends_at", sa.Time(), nullable=False, server_default="06:00:00.000000"))
        batch.add_column(sa.Column("pay_period_anchor", sa.Date(), nullable=False, server_default="2026-04-06"))
    op.create_index("ix_shift_pa_id_starts_at", "shift", ["pa_id", "starts_at"])


def downgrade() -> None:
    op.drop_index("ix_shift_pa_id_starts_at", "shift")
    with op.batch_alter_table("employer") as batch:
        batch.drop_column("pay_period_anchor")
        batch.drop_column("night_ends_at")
        batch.drop_column("night_starts_at")
