"""A PA's workplace pension membership in dates (when they were enrolled, when they gave notice to leave, when
the enrolment letter was given, until when enrolment is postponed), the employer's last re-enrolment with when
its re-declaration of compliance is due and was made, and the opt-out refunds a payslip pays back.

Revision ID: 0013_pension_membership
Revises: 0012_eps_covers
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_pension_membership"
down_revision = "0012_eps_covers"
branch_labels = None
depends_on = None

PA_DATES = ("pension_enrolled_on", "pension_left_on", "pension_letter_on", "pension_postponed_until")
EMPLOYER_DATES = ("pension_re_enrolled_on", "pension_redeclare_by", "pension_redeclared_on")
PAYSLIP_REFUNDS = ("pension_refund_pence", "employer_pension_refund_pence")


def upgrade() -> None:
    with op.batch_alter_table("personal_assistant") as batch:
        for name in PA_DATES:
            batch.add_column(sa.Column(name, sa.Date(), nullable=True))
    with op.batch_alter_table("employer") as batch:
        for name in EMPLOYER_DATES:
            batch.add_column(sa.Column(name, sa.Date(), nullable=True))
    with op.batch_alter_table("payslip") as batch:
        for name in PAYSLIP_REFUNDS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    for table, names in (("payslip", PAYSLIP_REFUNDS), ("employer", EMPLOYER_DATES),
                         ("personal_assistant", PA_DATES)):
        with op.batch_alter_table(table) as batch:
            for name in names:
                batch.drop_column(name)
