"""Pay runs: one-off additions, correction runs with their reason, what each payslip paid the PA, the P45
figures of a PA's last job, when a leaver's P45 was given, tax code notices (P6, P9), absences (sickness, holiday, parental leave), submissions to HMRC, and whether the employer pays HMRC quarterly.

Revision ID: 0006_pay_runs
Revises: 0005_file_id
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_pay_runs"
down_revision = "0005_file_id"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pay_run") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=False, server_default="regular"))
        batch.add_column(sa.Column("reason", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("payslip") as batch:
        for name in ("period", "expenses_pence", "deductions_pence", "paid_to_pa_pence"):
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("week1_month1", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("details_json", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("personal_assistant") as batch:
        batch.add_column(sa.Column("previous_pay_pence", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("previous_tax_pence", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("previous_tax_year", sa.String(7), nullable=False, server_default=""))
        batch.add_column(sa.Column("p45_given_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("gender", sa.String(1), nullable=False, server_default=""))
    with op.batch_alter_table("employer") as batch:
        batch.add_column(sa.Column("pays_hmrc_quarterly", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "pay_addition",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pay_run_id", sa.Integer(), sa.ForeignKey("pay_run.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("pa_id", sa.Integer(), sa.ForeignKey("personal_assistant.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
    )
    op.create_index("ix_pay_addition_pay_run_id", "pay_addition", ["pay_run_id"])
    op.create_table(
        "tax_code_notice",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pa_id", sa.Integer(), sa.ForeignKey("personal_assistant.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("tax_code", sa.String(16), nullable=False),
        sa.Column("week1_month1", sa.Boolean(), nullable=False),
        sa.Column("applies_from", sa.Date(), nullable=False),
        sa.Column("previous_pay_pence", sa.Integer(), nullable=True),
        sa.Column("previous_tax_pence", sa.Integer(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
    )
    op.create_index("ix_tax_code_notice_pa_id", "tax_code_notice", ["pa_id"])
    op.create_table(
        "absence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pa_id", sa.Integer(), sa.ForeignKey("personal_assistant.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("evidence", sa.String(32), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
    )
    op.create_index("ix_absence_pa_id", "absence", ["pa_id"])
    op.create_table(
        "rti_submission",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pay_run_id", sa.Integer(), sa.ForeignKey("pay_run.id", ondelete="RESTRICT"), nullable=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("tax_year", sa.String(7), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("correlation_id", sa.String(64), nullable=False),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.Column("sent_at", sa.String(32), nullable=False),
        sa.Column("errors_json", sa.Text(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
    )
    op.create_index("ix_rti_submission_pay_run_id", "rti_submission", ["pay_run_id"])


def downgrade() -> None:
    op.drop_index("ix_rti_submission_pay_run_id", "rti_submission")
    op.drop_table("rti_submission")
    op.drop_index("ix_absence_pa_id", "absence")
    op.drop_table("absence")
    op.drop_index("ix_tax_code_notice_pa_id", "tax_code_notice")
    op.drop_table("tax_code_notice")
    op.drop_index("ix_pay_addition_pay_run_id", "pay_addition")
    op.drop_table("pay_addition")
    with op.batch_alter_table("employer") as batch:
        batch.drop_column("pays_hmrc_quarterly")
    with op.batch_alter_table("personal_assistant") as batch:
        for name in ("previous_pay_pence", "previous_tax_pence", "previous_tax_year", "p45_given_on", "gender"):
            batch.drop_column(name)
    with op.batch_alter_table("payslip") as batch:
        for name in ("period", "expenses_pence", "deductions_pence", "paid_to_pa_pence", "week1_month1",
                     "details_json"):
            batch.drop_column(name)
    with op.batch_alter_table("pay_run") as batch:
        batch.drop_column("kind")
        batch.drop_column("reason")
