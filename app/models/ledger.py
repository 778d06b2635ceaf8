"""The direct payment account as a double-entry ledger, its bank statements and the evidence for spending.

A transaction is postings on accounts named by code ("bank", "fund:crisis", "owed:pa:3", "income:council",
"spending:insurance"; see app/money/ledger.py), which always add up to nothing. Nothing is deleted: a mistake
is voided with a reason and stays in the history, or put right by a new transaction that points at it. A
transaction matched to a bank statement line is cleared; once that statement is reconciled it is protected.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import AwareDateTime, Base


class BankAccount(Base):
    """The account the direct payment is paid into (a bank account, a council's prepaid card, or an account a
    support organisation manages)."""

    __tablename__ = "bank_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    budget_id: Mapped[int | None] = mapped_column(ForeignKey("budget.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32), default="own_bank_account")  # prepaid_card, managed_account
    provider: Mapped[str] = mapped_column(String(200), default="")
    sort_code: Mapped[str] = mapped_column(String(8), default="")
    account_number_last4: Mapped[str] = mapped_column(String(4), default="")
    opened_on: Mapped[date]


class MoneyTransaction(Base):
    __tablename__ = "money_transaction"
    # Budget first, then date: a balance on a day (every posting before it, in one budget) reads the index in order.
    __table_args__ = (Index("ix_money_transaction_budget_id_occurred_on", "budget_id", "occurred_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    budget_id: Mapped[int | None] = mapped_column(ForeignKey("budget.id", ondelete="RESTRICT"))
    occurred_on: Mapped[date] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(24))  # opening, money_in, spending, pay_run, payment, fund_topup, ...
    description: Mapped[str] = mapped_column(Text, default="")
    payee: Mapped[str] = mapped_column(String(200), default="")  # who paid, or who was paid
    reference: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[str] = mapped_column(String(32), default="")  # bank_transfer, direct_debit, card, cheque, cash
    outcome: Mapped[str] = mapped_column(String(200), default="")  # the support plan outcome it serves
    notes: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")  # why money was drawn from or put into a fund
    authorised_by: Mapped[str] = mapped_column(String(200), default="")  # who agreed a fund draw
    pooled_total_pence: Mapped[int | None]  # money pooled with other holders: the whole cost (this is the share)
    pooled_with: Mapped[str] = mapped_column(String(300), default="")  # who shared it, and what for
    expected_on: Mapped[date | None]  # the expected council payment or contribution this receipt is for
    pay_run_id: Mapped[int | None] = mapped_column(ForeignKey("pay_run.id", ondelete="RESTRICT"), index=True)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("money_transaction.id", ondelete="RESTRICT"))
    bank_line_id: Mapped[int | None] = mapped_column(ForeignKey("bank_line.id", ondelete="RESTRICT"), unique=True)
    state: Mapped[str] = mapped_column(String(16), default="not_cleared")  # not_cleared, cleared, reconciled
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    created_by: Mapped[str] = mapped_column(String(200), default="")
    voided_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    void_reason: Mapped[str] = mapped_column(Text, default="")
    postings: Mapped[list[MoneyPosting]] = relationship(back_populates="transaction", order_by="MoneyPosting.id")


class MoneyPosting(Base):
    __tablename__ = "money_posting"
    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("money_transaction.id", ondelete="RESTRICT"), index=True)
    account: Mapped[str] = mapped_column(String(64), index=True)
    amount_pence: Mapped[int]
    transaction: Mapped[MoneyTransaction] = relationship(back_populates="postings")


class BankStatement(Base):
    __tablename__ = "bank_statement"
    id: Mapped[int] = mapped_column(primary_key=True)
    bank_account_id: Mapped[int] = mapped_column(ForeignKey("bank_account.id", ondelete="RESTRICT"))
    file_name: Mapped[str] = mapped_column(String(260), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    layout: Mapped[str] = mapped_column(String(100), default="")
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    opening_balance_pence: Mapped[int | None]
    closing_balance_pence: Mapped[int | None]  # as the statement states it (or as typed when the file has none)
    imported_at: Mapped[datetime] = mapped_column(AwareDateTime())
    reconciled_at: Mapped[datetime | None] = mapped_column(AwareDateTime())


class BankLine(Base):
    """One line of an imported statement, with the bank's id (or one made from the line) so a second import
    of the same statement adds nothing."""

    __tablename__ = "bank_line"
    __table_args__ = (UniqueConstraint("bank_account_id", "bank_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bank_account_id: Mapped[int] = mapped_column(ForeignKey("bank_account.id", ondelete="RESTRICT"))
    statement_id: Mapped[int] = mapped_column(ForeignKey("bank_statement.id", ondelete="RESTRICT"), index=True)
    bank_id: Mapped[str] = mapped_column(String(128))
    line_no: Mapped[int]
    occurred_on: Mapped[date] = mapped_column(index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    amount_pence: Mapped[int]
    balance_pence: Mapped[int | None]


class BankLayoutChoice(Base):
    """Columns the holder chose for a bank whose statement layout PA Books did not know, kept for next time."""

    __tablename__ = "bank_layout_choice"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    layout_json: Mapped[str] = mapped_column(Text)


class EvidenceFile(Base):
    """A receipt or invoice for a transaction, kept inside the (encrypted) employer file."""

    __tablename__ = "evidence_file"
    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("money_transaction.id", ondelete="RESTRICT"), index=True)
    file_name: Mapped[str] = mapped_column(String(260))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(AwareDateTime())
