"""Council returns (locked once submitted) and the append-only audit trail."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import AwareDateTime, Base


class CouncilReturn(Base):
    __tablename__ = "council_return"
    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("council_agreement.id", ondelete="RESTRICT"))
    budget_id: Mapped[int | None] = mapped_column(ForeignKey("budget.id", ondelete="RESTRICT"), index=True)
    return_type: Mapped[str] = mapped_column(String(32), default="routine")  # routine, first_review, annual, audit, closure
    period_start: Mapped[date]
    period_end: Mapped[date]
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft, submitted
    opening_balance_pence: Mapped[int] = mapped_column(default=0)
    money_in_pence: Mapped[int] = mapped_column(default=0)
    money_out_pence: Mapped[int] = mapped_column(default=0)
    closing_balance_pence: Mapped[int] = mapped_column(default=0)
    statement_closing_balance_pence: Mapped[int | None]
    submitted_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    signed_by: Mapped[str] = mapped_column(String(200), default="")
    snapshot_json: Mapped[str] = mapped_column(Text, default="")  # the return exactly as submitted
    template_id: Mapped[str] = mapped_column(String(64), default="generic")
    version: Mapped[int] = mapped_column(default=1)  # an amendment is a new version; the first is kept
    amends_id: Mapped[int | None]  # the version this one amends
    signed_role: Mapped[str] = mapped_column(String(32), default="")
    document_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)  # the return exactly as it was sent


class ReturnEvidence(Base):
    __tablename__ = "return_evidence"
    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("council_return.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))  # bank_statement, payslips, timesheets, receipts, hmrc, insurance
    description: Mapped[str] = mapped_column(Text)
    included: Mapped[bool] = mapped_column(default=False)


class AuditEvent(Base):
    """Who did what and when; each row carries a hash of the one before (tamper-evident)."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(AwareDateTime())
    role: Mapped[str] = mapped_column(String(32))  # holder, suitable_person, nominee, support_worker, system
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64), default="")
    entity_id: Mapped[int | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    details_json: Mapped[str] = mapped_column(Text, default="{}")
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
