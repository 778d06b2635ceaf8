"""What an Employer Payment Summary sent to HMRC was for (a tax month with no pay, the Employment Allowance
claim, the year's last submission), so Home stops asking for one once HMRC has it. FPS rows leave it empty.

Revision ID: 0012_eps_covers
Revises: 0011_weekend_bank_holidays
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_eps_covers"
down_revision = "0011_weekend_bank_holidays"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rti_submission") as batch:
        batch.add_column(sa.Column("covers", sa.String(64), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("rti_submission") as batch:
        batch.drop_column("covers")
