"""A second budget in the same file (an NHS personal health budget, a carer's budget): its own agreement, bank
account, transactions and returns, each row carrying the budget's id (none for the council's direct payment).

Revision ID: 0010_second_budget
Revises: 0009_review_pack
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_second_budget"
down_revision = "0009_review_pack"
branch_labels = None
depends_on = None

TABLES = ("council_agreement", "bank_account", "money_transaction", "council_return")


def upgrade() -> None:
    op.create_table(
        "budget",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("rules", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        if sqlite:
            # Added in place: SQLite adds a column with its REFERENCES clause without rebuilding the table (a
            # rebuild would be refused by the other tables' foreign keys to it), which Alembic cannot say.
            op.execute(f"ALTER TABLE {table} ADD COLUMN budget_id INTEGER "
                       "REFERENCES budget (id) ON DELETE RESTRICT")
        else:
            op.add_column(table, sa.Column("budget_id", sa.Integer(), nullable=True))
            op.create_foreign_key(f"fk_{table}_budget_id_budget", table, "budget", ["budget_id"], ["id"],
                                  ondelete="RESTRICT")
        if table == "money_transaction":  # budget then date: a day's balance in one budget reads it in order
            op.create_index("ix_money_transaction_budget_id_occurred_on", table, ["budget_id", "occurred_on"])
        else:
            op.create_index(f"ix_{table}_budget_id", table, ["budget_id"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_index("ix_money_transaction_budget_id_occurred_on" if table == "money_transaction" else
                      f"ix_{table}_budget_id", table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("budget_id")
    op.drop_table("budget")
