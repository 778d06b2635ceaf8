"""Personal assistants, their pay rates (with history) and their checks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, ExactDecimal


class PersonalAssistant(Base):
    __tablename__ = "personal_assistant"
    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date | None]
    gender: Mapped[str] = mapped_column(String(1), default="")  # M or F, as HMRC records it (the FPS needs it)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    ni_number: Mapped[str] = mapped_column(String(16), default="")
    started_on: Mapped[date]
    left_on: Mapped[date | None]
    contract_type: Mapped[str] = mapped_column(String(32), default="hours")  # hours, irregular_hours
    contracted_hours_per_week: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    holiday_basis: Mapped[str] = mapped_column(String(32), default="weeks")  # weeks, accrual_12_07, rolled_up
    pay_frequency: Mapped[str] = mapped_column(String(16), default="monthly")
    tax_code: Mapped[str] = mapped_column(String(16), default="1257L")
    week1_month1: Mapped[bool] = mapped_column(default=False)
    starter_statement: Mapped[str] = mapped_column(String(8), default="")  # A, B, C or P45
    # From the P45 of the PA's last job, for the tax year it names: counted in the cumulative tax.
    previous_pay_pence: Mapped[int] = mapped_column(default=0)
    previous_tax_pence: Mapped[int] = mapped_column(default=0)
    previous_tax_year: Mapped[str] = mapped_column(String(7), default="")
    p45_given_on: Mapped[date | None] = mapped_column(default=None)  # a leaver's P45: nothing is paid after it
    ni_category: Mapped[str] = mapped_column(String(1), default="A")
    student_loan_plans: Mapped[str] = mapped_column(String(16), default="")  # e.g. "2" or "1,2"
    postgraduate_loan: Mapped[bool] = mapped_column(default=False)
    pension_status: Mapped[str] = mapped_column(String(32), default="to_assess")
    # Workplace pension membership in dates: enrolled (or re-enrolled) on; gave notice to leave on (an opt-out
    # within the opt-out period, or ceasing membership after it); the enrolment letter given on.
    pension_enrolled_on: Mapped[date | None] = mapped_column(default=None)
    pension_left_on: Mapped[date | None] = mapped_column(default=None)
    pension_letter_on: Mapped[date | None] = mapped_column(default=None)
    pension_postponed_until: Mapped[date | None] = mapped_column(default=None)  # postponement (up to 3 months)
    bank_account_name: Mapped[str] = mapped_column(String(100), default="")
    bank_sort_code: Mapped[str] = mapped_column(String(8), default="")
    bank_account_number: Mapped[str] = mapped_column(String(8), default="")
    is_relative: Mapped[bool] = mapped_column(default=False)
    opted_out_of_48_hours_on: Mapped[date | None]
    personal_data_erased_on: Mapped[date | None] = mapped_column(default=None)
    rates: Mapped[list[PayRate]] = relationship(back_populates="pa", order_by="PayRate.applies_from")
    checks: Mapped[list[PaCheck]] = relationship(back_populates="pa")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class PayRate(Base):
    """One rate for one kind of time, from a date. A change is a new row; rows are never edited."""

    __tablename__ = "pay_rate"
    __table_args__ = (UniqueConstraint("pa_id", "kind", "applies_from"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pa_id: Mapped[int] = mapped_column(ForeignKey("personal_assistant.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(32))  # day, night, weekend, bank_holiday, sleep_in, waking_night...
    applies_from: Mapped[date]
    hourly_pence: Mapped[int | None]
    flat_pence: Mapped[int | None]  # sleep-ins are a flat amount
    pa: Mapped[PersonalAssistant] = relationship(back_populates="rates")


class PaCheck(Base):
    """A check with an expiry: DBS, right to work, training such as moving and handling."""

    __tablename__ = "pa_check"
    id: Mapped[int] = mapped_column(primary_key=True)
    pa_id: Mapped[int] = mapped_column(ForeignKey("personal_assistant.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(32))  # dbs, right_to_work, training
    description: Mapped[str] = mapped_column(String(200), default="")
    reference: Mapped[str] = mapped_column(String(64), default="")
    checked_on: Mapped[date]
    expires_on: Mapped[date | None]
    pa: Mapped[PersonalAssistant] = relationship(back_populates="checks")


class TaxCodeNotice(Base):
    """A code HMRC sent (a P6 during the year, a P9 for the next one), used from the first payday on or after
    `applies_from`. Notices are kept as history, never edited: a later notice takes over."""

    __tablename__ = "tax_code_notice"
    id: Mapped[int] = mapped_column(primary_key=True)
    pa_id: Mapped[int] = mapped_column(ForeignKey("personal_assistant.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # p6, p9
    tax_code: Mapped[str] = mapped_column(String(16))
    week1_month1: Mapped[bool] = mapped_column(default=False)
    applies_from: Mapped[date]
    previous_pay_pence: Mapped[int | None]  # a P6 may give pay and tax from earlier jobs this year
    previous_tax_pence: Mapped[int | None]
    received_on: Mapped[date]


class Absence(Base):
    """Days a PA was away: sickness (for Statutory Sick Pay) or parental leave. Sickness shows how it was evidenced:
    self-certified for the first 7 days, then a fit note."""

    __tablename__ = "absence"
    id: Mapped[int] = mapped_column(primary_key=True)
    pa_id: Mapped[int] = mapped_column(ForeignKey("personal_assistant.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # sickness, parental
    first_day: Mapped[date]
    last_day: Mapped[date]
    evidence: Mapped[str] = mapped_column(String(32), default="")  # self_certified, fit_note
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_on: Mapped[date]
