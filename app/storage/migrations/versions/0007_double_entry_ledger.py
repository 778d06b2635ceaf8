"""The direct payment account as a double-entry ledger: transactions of postings that sum to zero (replacing the
single-entry ledger_entry, fund and fund_movement tables), bank statements with their lines, the holder's own
statement layouts, evidence files, and what the agreement says about money kept in the account.

Anything the old tables held is carried over: the account's opening balance, each entry (money in from the
council as council income, other money in as other income, money out as spending under its category) and each
fund movement (money set aside in, or taken out of, the contingency or crisis fund).

Revision ID: 0007_double_entry_ledger
Revises: 0006_pay_runs
Create Date: 2026-12-02
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0007_double_entry_ledger"
down_revision = "0006_pay_runs"
branch_labels = None
depends_on = None

_OLD_SPENDING = {"pa_net_wages": "pa_wages", "hmrc": "hmrc", "pension": "pension", "insurance": "insurance",
                 "agency": "agency", "equipment": "equipment", "bank_fees": "bank_fees"}


def upgrade() -> None:
    bind = op.get_bind()
    old = _read_old(bind)
    op.drop_table("fund_movement")
    op.drop_table("ledger_entry")
    op.drop_table("bank_statement")
    op.drop_table("ledger_account")
    op.drop_table("fund")
    with op.batch_alter_table("council_agreement") as batch:
        batch.add_column(sa.Column("weeks_paid_in_advance", sa.String(32), nullable=False, server_default="0"))
        batch.add_column(sa.Column("contribution_method", sa.String(16), nullable=False,
                                   server_default="into_account"))
        batch.add_column(sa.Column("agreed_extras_pence", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("receipt_threshold_pence", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "bank_account",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("provider", sa.String(200), nullable=False),
        sa.Column("sort_code", sa.String(8), nullable=False),
        sa.Column("account_number_last4", sa.String(4), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
    )
    op.create_table(
        "bank_layout_choice",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("layout_json", sa.Text(), nullable=False),
    )
    op.create_table(
        "bank_statement",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("bank_account_id", sa.Integer(), sa.ForeignKey("bank_account.id", ondelete="RESTRICT"),
                  nullable=False),
        sa.Column("file_name", sa.String(260), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False, index=True),
        sa.Column("layout", sa.String(100), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("opening_balance_pence", sa.Integer(), nullable=True),
        sa.Column("closing_balance_pence", sa.Integer(), nullable=True),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.Column("reconciled_at", sa.String(32), nullable=True),
    )
    op.create_table(
        "bank_line",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("bank_account_id", sa.Integer(), sa.ForeignKey("bank_account.id", ondelete="RESTRICT"),
                  nullable=False),
        sa.Column("statement_id", sa.Integer(), sa.ForeignKey("bank_statement.id", ondelete="RESTRICT"),
                  nullable=False, index=True),
        sa.Column("bank_id", sa.String(128), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False, index=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column("balance_pence", sa.Integer(), nullable=True),
        sa.UniqueConstraint("bank_account_id", "bank_id"),
    )
    op.create_table(
        "money_transaction",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("occurred_on", sa.Date(), nullable=False, index=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("payee", sa.String(200), nullable=False),
        sa.Column("reference", sa.String(200), nullable=False),
        sa.Column("method", sa.String(32), nullable=False),
        sa.Column("outcome", sa.String(200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("authorised_by", sa.String(200), nullable=False),
        sa.Column("expected_on", sa.Date(), nullable=True),
        sa.Column("pay_run_id", sa.Integer(), sa.ForeignKey("pay_run.id", ondelete="RESTRICT"), nullable=True,
                  index=True),
        sa.Column("corrects_id", sa.Integer(), sa.ForeignKey("money_transaction.id", ondelete="RESTRICT"),
                  nullable=True),
        sa.Column("bank_line_id", sa.Integer(), sa.ForeignKey("bank_line.id", ondelete="RESTRICT"), nullable=True,
                  unique=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("voided_at", sa.String(32), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=False),
    )
    op.create_table(
        "money_posting",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("transaction_id", sa.Integer(), sa.ForeignKey("money_transaction.id", ondelete="RESTRICT"),
                  nullable=False, index=True),
        sa.Column("account", sa.String(64), nullable=False, index=True),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
    )
    op.create_table(
        "evidence_file",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("transaction_id", sa.Integer(), sa.ForeignKey("money_transaction.id", ondelete="RESTRICT"),
                  nullable=False, index=True),
        sa.Column("file_name", sa.String(260), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),
    )
    _carry_over(bind, old)


def _read_old(bind: sa.engine.Connection) -> dict[str, list[sa.Row[tuple[object, ...]]]]:
    return {
        "accounts": list(bind.execute(sa.text(
            "SELECT id, name, kind, provider, sort_code, account_number_last4, opened_on, opening_balance_pence "
            "FROM ledger_account"))),
        "entries": list(bind.execute(sa.text(
            "SELECT posted_on, amount_pence, payee, reference, method, category, outcome, voided_at, void_reason "
            "FROM ledger_entry ORDER BY id"))),
        "movements": list(bind.execute(sa.text(
            "SELECT f.kind, m.occurred_on, m.amount_pence, m.reason FROM fund_movement m JOIN fund f "
            "ON f.id = m.fund_id ORDER BY m.id"))),
    }


def _carry_over(bind: sa.engine.Connection, old: dict[str, list[sa.Row[tuple[object, ...]]]]) -> None:
    now = datetime.now(tz=UTC).isoformat()

    def transaction(on: object, kind: str, description: str, postings: list[tuple[str, int]], **extra: object) -> None:
        row = {"occurred_on": on, "kind": kind, "description": description, "payee": "", "reference": "",
               "method": "", "outcome": "", "notes": "", "reason": "", "authorised_by": "", "state": "not_cleared",
               "created_at": now, "created_by": "PA Books (carried over)", "void_reason": "", "voided_at": None}
        row.update(extra)
        columns = ", ".join(row)
        new_id = bind.execute(sa.text(f"INSERT INTO money_transaction ({columns}) VALUES "
                                      f"({', '.join(':' + c for c in row)})"), row).lastrowid
        for account, pence in postings:
            bind.execute(sa.text("INSERT INTO money_posting (transaction_id, account, amount_pence) "
                                 "VALUES (:t, :a, :p)"), {"t": new_id, "a": account, "p": pence})

    for a in old["accounts"]:
        bind.execute(sa.text("INSERT INTO bank_account (id, name, kind, provider, sort_code, account_number_last4, "
                             "opened_on) VALUES (:id, :name, :kind, :provider, :sort_code, :last4, :opened_on)"),
                     {"id": a.id, "name": a.name, "kind": {"bank": "own_bank_account"}.get(a.kind, a.kind),
                      "provider": a.provider, "sort_code": a.sort_code, "last4": a.account_number_last4,
                      "opened_on": a.opened_on})
        if a.opening_balance_pence:
            transaction(a.opened_on, "opening", "Balance when the books started",
                        [("bank", a.opening_balance_pence), ("equity:opening", -a.opening_balance_pence)])
    for e in old["entries"]:
        if e.amount_pence >= 0:
            other = "income:council" if e.category == "council_payment" else "income:other"
        else:
            other = "spending:" + _OLD_SPENDING.get(e.category, "other")
        transaction(e.posted_on, "money_in" if e.amount_pence >= 0 else "spending", e.payee,
                    [("bank", e.amount_pence), (other, -e.amount_pence)], payee=e.payee, reference=e.reference,
                    method=e.method, outcome=e.outcome, voided_at=e.voided_at, void_reason=e.void_reason or "")
    for m in old["movements"]:
        fund = "fund:crisis" if m.kind == "crisis" else "fund:contingency"
        transaction(m.occurred_on, "fund_topup" if m.amount_pence >= 0 else "fund_release", m.reason or "",
                    [(fund, m.amount_pence), ("bank", -m.amount_pence)], reason=m.reason or "")


def downgrade() -> None:
    """Back to the single-entry tables, empty: PA Books never downgrades a holder's file (a backup is taken
    before every upgrade); this exists so tests can take a file back to an older revision."""
    for table in ("evidence_file", "money_posting", "money_transaction", "bank_line", "bank_statement",
                  "bank_layout_choice", "bank_account"):
        op.drop_table(table)
    with op.batch_alter_table("council_agreement") as batch:
        for column in ("weeks_paid_in_advance", "contribution_method", "agreed_extras_pence",
                       "receipt_threshold_pence"):
            batch.drop_column(column)
    op.create_table(
        "fund", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False), sa.Column("target_pence", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False))
    op.create_table(
        "ledger_account", sa.Column("id", sa.Integer(), primary_key=True),
        *(sa.Column(name, kind, nullable=False) for name, kind in (
            ("name", sa.String(200)), ("kind", sa.String(32)), ("provider", sa.String(200)),
            ("sort_code", sa.String(8)), ("account_number_last4", sa.String(4)), ("opened_on", sa.Date()),
            ("opening_balance_pence", sa.Integer()))))
    op.create_table(
        "bank_statement", sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("ledger_account.id", ondelete="RESTRICT"), nullable=False),
        *(sa.Column(name, kind, nullable=False) for name, kind in (
            ("starts_on", sa.Date()), ("ends_on", sa.Date()), ("opening_balance_pence", sa.Integer()),
            ("closing_balance_pence", sa.Integer()), ("file_sha256", sa.String(64)), ("imported_at", sa.String(32)))))
    op.create_table(
        "ledger_entry", sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("ledger_account.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("posted_on", sa.Date(), nullable=False, index=True),
        *(sa.Column(name, kind, nullable=False) for name, kind in (
            ("amount_pence", sa.Integer()), ("payee", sa.String(200)), ("reference", sa.String(200)),
            ("method", sa.String(32)), ("category", sa.String(48)), ("outcome", sa.String(200)),
            ("evidence", sa.Text()), ("reconcile_state", sa.String(16)), ("void_reason", sa.Text()))),
        sa.Column("bank_transaction_id", sa.String(128), nullable=True),
        sa.Column("voided_at", sa.String(32), nullable=True),
        sa.Column("corrects_entry_id", sa.Integer(), sa.ForeignKey("ledger_entry.id", ondelete="RESTRICT")),
        sa.Column("pay_run_id", sa.Integer(), sa.ForeignKey("pay_run.id", ondelete="RESTRICT")),
        sa.Column("bank_statement_id", sa.Integer(), sa.ForeignKey("bank_statement.id", ondelete="RESTRICT")),
        sa.UniqueConstraint("account_id", "bank_transaction_id"))
    op.create_table(
        "fund_movement", sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("fund_id", sa.Integer(), sa.ForeignKey("fund.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("ledger_entry_id", sa.Integer(), sa.ForeignKey("ledger_entry.id", ondelete="RESTRICT")),
        sa.Column("occurred_on", sa.Date(), nullable=False), sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False))
