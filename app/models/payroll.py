"""Pay runs and payslips. A finalised pay run never changes; a correction is a later run that points back."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import AwareDateTime, Base, ExactDecimal


class PayRun(Base):
    __tablename__ = "pay_run"
    id: Mapped[int] = mapped_column(primary_key=True)
    tax_year: Mapped[str] = mapped_column(String(7))
    frequency: Mapped[str] = mapped_column(String(16))
    period: Mapped[int]
    period_start: Mapped[date]
    period_end: Mapped[date]
    pay_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft, finalised
    finalised_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    corrects_pay_run_id: Mapped[int | None] = mapped_column(ForeignKey("pay_run.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(16), default="regular")  # regular, correction
    reason: Mapped[str] = mapped_column(Text, default="")  # why a correction run was needed


class PayAddition(Base):
    """A one-off line for one PA in a draft run: a bonus, back pay, holiday pay, expenses or a deduction."""

    __tablename__ = "pay_addition"
    id: Mapped[int] = mapped_column(primary_key=True)
    pay_run_id: Mapped[int] = mapped_column(ForeignKey("pay_run.id", ondelete="RESTRICT"), index=True)
    pa_id: Mapped[int] = mapped_column(ForeignKey("personal_assistant.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text, default="")
    amount_pence: Mapped[int]


class Payslip(Base):
    __tablename__ = "payslip"
    id: Mapped[int] = mapped_column(primary_key=True)
    pay_run_id: Mapped[int] = mapped_column(ForeignKey("pay_run.id", ondelete="RESTRICT"))
    pa_id: Mapped[int] = mapped_column(ForeignKey("personal_assistant.id", ondelete="RESTRICT"))
    tax_code: Mapped[str] = mapped_column(String(16))
    ni_category: Mapped[str] = mapped_column(String(1))
    gross_pay_pence: Mapped[int]
    taxable_pay_pence: Mapped[int]
    tax_pence: Mapped[int]
    employee_ni_pence: Mapped[int]
    employer_ni_pence: Mapped[int]
    employment_allowance_offset_pence: Mapped[int] = mapped_column(default=0)
    employee_pension_pence: Mapped[int] = mapped_column(default=0)
    employer_pension_pence: Mapped[int] = mapped_column(default=0)
    # An opt-out in time: the PA's own contributions paid back with this pay (not taxed: they came from taxed
    # pay), and the employer's that the scheme gives back.
    pension_refund_pence: Mapped[int] = mapped_column(default=0)
    employer_pension_refund_pence: Mapped[int] = mapped_column(default=0)
    student_loan_pence: Mapped[int] = mapped_column(default=0)
    postgraduate_loan_pence: Mapped[int] = mapped_column(default=0)
    net_pay_pence: Mapped[int]
    taxable_pay_to_date_pence: Mapped[int]
    tax_paid_to_date_pence: Mapped[int]
    earnings_at_lel_pence: Mapped[int] = mapped_column(default=0)
    earnings_lel_to_pt_pence: Mapped[int] = mapped_column(default=0)
    earnings_pt_to_uel_pence: Mapped[int] = mapped_column(default=0)
    period: Mapped[int] = mapped_column(default=0)  # the tax week or month it was worked out for
    week1_month1: Mapped[bool] = mapped_column(default=False)
    expenses_pence: Mapped[int] = mapped_column(default=0)
    deductions_pence: Mapped[int] = mapped_column(default=0)
    paid_to_pa_pence: Mapped[int] = mapped_column(default=0)
    details_json: Mapped[str] = mapped_column(Text, default="")  # year to date, warnings, pension category


class PayslipLine(Base):
    __tablename__ = "payslip_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    payslip_id: Mapped[int] = mapped_column(ForeignKey("payslip.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text)
    hours: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    rate_pence: Mapped[int | None]
    amount_pence: Mapped[int]


class RtiSubmission(Base):
    """A submission sent to HMRC (an FPS for a pay run, or an EPS) and what HMRC said: accepted (with its
    receipt), refused (with HMRC's errors) or pending (sent, no answer yet: polled again, never resent)."""

    __tablename__ = "rti_submission"
    id: Mapped[int] = mapped_column(primary_key=True)
    pay_run_id: Mapped[int | None] = mapped_column(ForeignKey("pay_run.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # fps, eps
    tax_year: Mapped[str] = mapped_column(String(7))
    status: Mapped[str] = mapped_column(String(16))  # accepted, refused, pending
    correlation_id: Mapped[str] = mapped_column(String(64), default="")
    live: Mapped[bool] = mapped_column(default=False)  # HMRC's live service, or its test service
    sent_at: Mapped[datetime] = mapped_column(AwareDateTime())
    errors_json: Mapped[str] = mapped_column(Text, default="[]")  # [[number, text], ...]
    response: Mapped[str] = mapped_column(Text, default="")  # HMRC's answer, kept as the receipt
    covers: Mapped[str] = mapped_column(String(64), default="")  # an EPS: "no_payment:8", "allowance", "final"
