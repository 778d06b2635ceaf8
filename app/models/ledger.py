"""The direct payment account as a ledger, with ring-fenced funds and bank statements.

Entries are never edited once reconciled; a mistake is voided with a reason and corrected by a new
entry that points at it. Imported bank lines keep the bank's id so a second import adds nothing.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import AwareDateTime, Base


class LedgerAccount(Base):
    __tablename__ = "ledger_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32), default="bank")  # bank, prepaid_card, managed_account
    provider: Mapped[str] = mapped_column(String(200), default="")
    sort_code: Mapped[str] = mapped_column(String(8), default="")
    account_number_last4: Mapped[str] = mapped_column(String(4), default="")
    opened_on: Mapped[date]
    opening_balance_pence: Mapped[int] = mapped_column(default=0)


class LedgerEntry(Base):
    __tablename__ = "ledger_entry"
    __table_args__ = (UniqueConstraint("account_id", "bank_transaction_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("ledger_account.id", ondelete="RESTRICT"))
    posted_on: Mapped[date] = mapped_column(index=True)
    amount_pence: Mapped[int]  # money in is positive, money out negative
    payee: Mapped[str] = mapped_column(String(200), default="")
    reference: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[str] = mapped_column(String(32), default="")  # bank_transfer, direct_debit, card, cheque
    category: Mapped[str] = mapped_column(String(48), default="")  # council_payment, pa_net_wages, hmrc, ...
    outcome: Mapped[str] = mapped_column(String(200), default="")  # support plan outcome it serves
    evidence: Mapped[str] = mapped_column(Text, default="")
    bank_transaction_id: Mapped[str | None] = mapped_column(String(128))
    reconcile_state: Mapped[str] = mapped_column(String(16), default="uncleared")  # uncleared, cleared, reconciled
    voided_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    void_reason: Mapped[str] = mapped_column(Text, default="")
    corrects_entry_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entry.id", ondelete="RESTRICT"))
    pay_run_id: Mapped[int | None] = mapped_column(ForeignKey("pay_run.id", ondelete="RESTRICT"))
    bank_statement_id: Mapped[int | None] = mapped_column(ForeignKey("bank_statement.id", ondelete="RESTRICT"))


class Fund(Base):
    """Ring-fenced money inside the account: the contingency fund and the crisis fund."""

    __tablename__ = "fund"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # contingency, crisis
    name: Mapped[str] = mapped_column(String(200))
    target_pence: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str] = mapped_column(Text, default="")


class FundMovement(Base):
    """Money set aside into a fund (positive) or drawn from it (negative), always with a reason."""

    __tablename__ = "fund_movement"
    id: Mapped[int] = mapped_column(primary_key=True)
    fund_id: Mapped[int] = mapped_column(ForeignKey("fund.id", ondelete="RESTRICT"))
    ledger_entry_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entry.id", ondelete="RESTRICT"))
    occurred_on: Mapped[date]
    amount_pence: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)


class BankStatement(Base):
    __tablename__ = "bank_statement"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("ledger_account.id", ondelete="RESTRICT"))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    opening_balance_pence: Mapped[int]
    closing_balance_pence: Mapped[int]
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    imported_at: Mapped[datetime] = mapped_column(AwareDateTime())
