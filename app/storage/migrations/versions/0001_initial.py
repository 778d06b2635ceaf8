"""The whole product's schema: employer, council agreement, PAs, time, pay, ledger, returns, audit.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa


revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('entity', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('details_json', sa.Text(), nullable=False),
    sa.Column('previous_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    op.create_table('employer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_name', sa.String(length=200), nullable=False),
    sa.Column('person_date_of_birth', sa.Date(), nullable=True),
    sa.Column('acting_employer_name', sa.String(length=200), nullable=False),
    sa.Column('acting_role', sa.String(length=32), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('phone', sa.String(length=64), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('country', sa.String(length=16), nullable=False),
    sa.Column('hmrc_paye_reference', sa.String(length=32), nullable=False),
    sa.Column('hmrc_accounts_office_reference', sa.String(length=32), nullable=False),
    sa.Column('claims_employment_allowance', sa.Boolean(), nullable=False),
    sa.Column('insurer', sa.String(length=200), nullable=False),
    sa.Column('insurance_policy', sa.String(length=100), nullable=False),
    sa.Column('insurance_renews_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employer'))
    )
    op.create_table('file_meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_file_meta'))
    )
    op.create_table('fund',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('target_pence', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund'))
    )
    op.create_table('ledger_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('provider', sa.String(length=200), nullable=False),
    sa.Column('sort_code', sa.String(length=8), nullable=False),
    sa.Column('account_number_last4', sa.String(length=4), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('opening_balance_pence', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_account'))
    )
    op.create_table('pay_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tax_year', sa.String(length=7), nullable=False),
    sa.Column('frequency', sa.String(length=16), nullable=False),
    sa.Column('period', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('pay_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('finalised_at', sa.String(length=32), nullable=True),
    sa.Column('corrects_pay_run_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['corrects_pay_run_id'], ['pay_run.id'], name=op.f('fk_pay_run_corrects_pay_run_id_pay_run'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pay_run'))
    )
    op.create_table('personal_assistant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=64), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('ni_number', sa.String(length=16), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('contract_type', sa.String(length=32), nullable=False),
    sa.Column('contracted_hours_per_week', sa.String(length=32), nullable=True),
    sa.Column('holiday_basis', sa.String(length=32), nullable=False),
    sa.Column('pay_frequency', sa.String(length=16), nullable=False),
    sa.Column('tax_code', sa.String(length=16), nullable=False),
    sa.Column('week1_month1', sa.Boolean(), nullable=False),
    sa.Column('starter_statement', sa.String(length=8), nullable=False),
    sa.Column('ni_category', sa.String(length=1), nullable=False),
    sa.Column('student_loan_plans', sa.String(length=16), nullable=False),
    sa.Column('postgraduate_loan', sa.Boolean(), nullable=False),
    sa.Column('pension_status', sa.String(length=32), nullable=False),
    sa.Column('bank_account_name', sa.String(length=100), nullable=False),
    sa.Column('bank_sort_code', sa.String(length=8), nullable=False),
    sa.Column('bank_account_number', sa.String(length=8), nullable=False),
    sa.Column('is_relative', sa.Boolean(), nullable=False),
    sa.Column('opted_out_of_48_hours_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_personal_assistant'))
    )
    op.create_table('bank_statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('opening_balance_pence', sa.Integer(), nullable=False),
    sa.Column('closing_balance_pence', sa.Integer(), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('imported_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['ledger_account.id'], name=op.f('fk_bank_statement_account_id_ledger_account'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_statement'))
    )
    op.create_table('council_agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=False),
    sa.Column('council_name', sa.String(length=200), nullable=False),
    sa.Column('council_reference', sa.String(length=64), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('payment_pence', sa.Integer(), nullable=False),
    sa.Column('payment_frequency', sa.String(length=16), nullable=False),
    sa.Column('client_contribution_pence', sa.Integer(), nullable=False),
    sa.Column('account_type', sa.String(length=32), nullable=False),
    sa.Column('return_cycle', sa.String(length=16), nullable=False),
    sa.Column('contingency_weeks', sa.String(length=32), nullable=False),
    sa.Column('surplus_threshold_weeks', sa.String(length=32), nullable=False),
    sa.Column('crisis_fund_target_pence', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['employer_id'], ['employer.id'], name=op.f('fk_council_agreement_employer_id_employer'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_agreement'))
    )
    op.create_table('pa_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['pa_id'], ['personal_assistant.id'], name=op.f('fk_pa_check_pa_id_personal_assistant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pa_check'))
    )
    op.create_table('pay_rate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('applies_from', sa.Date(), nullable=False),
    sa.Column('hourly_pence', sa.Integer(), nullable=True),
    sa.Column('flat_pence', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['pa_id'], ['personal_assistant.id'], name=op.f('fk_pay_rate_pa_id_personal_assistant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pay_rate')),
    sa.UniqueConstraint('pa_id', 'kind', 'applies_from', name=op.f('uq_pay_rate_pa_id'))
    )
    op.create_table('payslip',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pay_run_id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=False),
    sa.Column('tax_code', sa.String(length=16), nullable=False),
    sa.Column('ni_category', sa.String(length=1), nullable=False),
    sa.Column('gross_pay_pence', sa.Integer(), nullable=False),
    sa.Column('taxable_pay_pence', sa.Integer(), nullable=False),
    sa.Column('tax_pence', sa.Integer(), nullable=False),
    sa.Column('employee_ni_pence', sa.Integer(), nullable=False),
    sa.Column('employer_ni_pence', sa.Integer(), nullable=False),
    sa.Column('employment_allowance_offset_pence', sa.Integer(), nullable=False),
    sa.Column('employee_pension_pence', sa.Integer(), nullable=False),
    sa.Column('employer_pension_pence', sa.Integer(), nullable=False),
    sa.Column('student_loan_pence', sa.Integer(), nullable=False),
    sa.Column('postgraduate_loan_pence', sa.Integer(), nullable=False),
    sa.Column('net_pay_pence', sa.Integer(), nullable=False),
    sa.Column('taxable_pay_to_date_pence', sa.Integer(), nullable=False),
    sa.Column('tax_paid_to_date_pence', sa.Integer(), nullable=False),
    sa.Column('earnings_at_lel_pence', sa.Integer(), nullable=False),
    sa.Column('earnings_lel_to_pt_pence', sa.Integer(), nullable=False),
    sa.Column('earnings_pt_to_uel_pence', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['pa_id'], ['personal_assistant.id'], name=op.f('fk_payslip_pa_id_personal_assistant'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['pay_run_id'], ['pay_run.id'], name=op.f('fk_payslip_pay_run_id_pay_run'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payslip'))
    )
    op.create_table('rota_pattern',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=True),
    sa.Column('cover_name', sa.String(length=200), nullable=False),
    sa.Column('rule', sa.Text(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['pa_id'], ['personal_assistant.id'], name=op.f('fk_rota_pattern_pa_id_personal_assistant'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rota_pattern'))
    )
    op.create_table('timesheet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('signed_by_pa_on', sa.Date(), nullable=True),
    sa.Column('signed_by_employer_on', sa.Date(), nullable=True),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.Column('change_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['pa_id'], ['personal_assistant.id'], name=op.f('fk_timesheet_pa_id_personal_assistant'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['supersedes_id'], ['timesheet.id'], name=op.f('fk_timesheet_supersedes_id_timesheet'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timesheet'))
    )
    op.create_table('council_return',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('return_type', sa.String(length=32), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('opening_balance_pence', sa.Integer(), nullable=False),
    sa.Column('money_in_pence', sa.Integer(), nullable=False),
    sa.Column('money_out_pence', sa.Integer(), nullable=False),
    sa.Column('closing_balance_pence', sa.Integer(), nullable=False),
    sa.Column('statement_closing_balance_pence', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.String(length=32), nullable=True),
    sa.Column('signed_by', sa.String(length=200), nullable=False),
    sa.Column('snapshot_json', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['council_agreement.id'], name=op.f('fk_council_return_agreement_id_council_agreement'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_return'))
    )
    op.create_table('ledger_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('posted_on', sa.Date(), nullable=False),
    sa.Column('amount_pence', sa.Integer(), nullable=False),
    sa.Column('payee', sa.String(length=200), nullable=False),
    sa.Column('reference', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=32), nullable=False),
    sa.Column('category', sa.String(length=48), nullable=False),
    sa.Column('outcome', sa.String(length=200), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('bank_transaction_id', sa.String(length=128), nullable=True),
    sa.Column('reconcile_state', sa.String(length=16), nullable=False),
    sa.Column('voided_at', sa.String(length=32), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=False),
    sa.Column('corrects_entry_id', sa.Integer(), nullable=True),
    sa.Column('pay_run_id', sa.Integer(), nullable=True),
    sa.Column('bank_statement_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['ledger_account.id'], name=op.f('fk_ledger_entry_account_id_ledger_account'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['bank_statement_id'], ['bank_statement.id'], name=op.f('fk_ledger_entry_bank_statement_id_bank_statement'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['corrects_entry_id'], ['ledger_entry.id'], name=op.f('fk_ledger_entry_corrects_entry_id_ledger_entry'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['pay_run_id'], ['pay_run.id'], name=op.f('fk_ledger_entry_pay_run_id_pay_run'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entry')),
    sa.UniqueConstraint('account_id', 'bank_transaction_id', name=op.f('uq_ledger_entry_account_id'))
    )
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_entry_posted_on'), ['posted_on'], unique=False)

    op.create_table('payslip_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('payslip_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('hours', sa.String(length=32), nullable=True),
    sa.Column('rate_pence', sa.Integer(), nullable=True),
    sa.Column('amount_pence', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['payslip_id'], ['payslip.id'], name=op.f('fk_payslip_line_payslip_id_payslip'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payslip_line'))
    )
    op.create_table('shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=True),
    sa.Column('cover_name', sa.String(length=200), nullable=False),
    sa.Column('starts_at', sa.String(length=32), nullable=False),
    sa.Column('ends_at', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('rota_pattern_id', sa.Integer(), nullable=True),
    sa.Column('timesheet_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['pa_id'], ['personal_assistant.id'], name=op.f('fk_shift_pa_id_personal_assistant'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['rota_pattern_id'], ['rota_pattern.id'], name=op.f('fk_shift_rota_pattern_id_rota_pattern'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['timesheet_id'], ['timesheet.id'], name=op.f('fk_shift_timesheet_id_timesheet'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shift'))
    )
    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shift_pa_id'), ['pa_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shift_starts_at'), ['starts_at'], unique=False)

    op.create_table('support_plan_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('applies_from', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('hours_per_week', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['council_agreement.id'], name=op.f('fk_support_plan_item_agreement_id_council_agreement'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_plan_item'))
    )
    op.create_table('fund_movement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fund_id', sa.Integer(), nullable=False),
    sa.Column('ledger_entry_id', sa.Integer(), nullable=True),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('amount_pence', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['fund_id'], ['fund.id'], name=op.f('fk_fund_movement_fund_id_fund'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['ledger_entry_id'], ['ledger_entry.id'], name=op.f('fk_fund_movement_ledger_entry_id_ledger_entry'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund_movement'))
    )
    op.create_table('return_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('return_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('included', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['return_id'], ['council_return.id'], name=op.f('fk_return_evidence_return_id_council_return'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_evidence'))
    )



def downgrade() -> None:

    op.drop_table('return_evidence')
    op.drop_table('fund_movement')
    op.drop_table('support_plan_item')
    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shift_starts_at'))
        batch_op.drop_index(batch_op.f('ix_shift_pa_id'))

    op.drop_table('shift')
    op.drop_table('payslip_line')
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_entry_posted_on'))

    op.drop_table('ledger_entry')
    op.drop_table('council_return')
    op.drop_table('timesheet')
    op.drop_table('rota_pattern')
    op.drop_table('payslip')
    op.drop_table('pay_rate')
    op.drop_table('pa_check')
    op.drop_table('council_agreement')
    op.drop_table('bank_statement')
    op.drop_table('personal_assistant')
    op.drop_table('pay_run')
    op.drop_table('ledger_account')
    op.drop_table('fund')
    op.drop_table('file_meta')
    op.drop_table('employer')
    op.drop_table('audit_event')

