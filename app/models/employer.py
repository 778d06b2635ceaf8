"""The employer file: who the direct payment is for, who runs it, and the council's agreement."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import AwareDateTime, Base, ExactDecimal


class FileMeta(Base):
    """Facts about the file itself (kind: "real" or "demo", app version that created it)."""

    __tablename__ = "file_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Employer(Base):
    __tablename__ = "employer"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_name: Mapped[str] = mapped_column(String(200))  # the person the direct payment is for
    person_date_of_birth: Mapped[date | None]
    acting_employer_name: Mapped[str] = mapped_column(String(200))  # who signs as employer
    acting_role: Mapped[str] = mapped_column(String(32))  # holder, suitable_person, nominee, managed_account
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(16), default="england")  # for bank holidays and tax
    # A bank holiday on a weekend is paid on: "substitute" (the weekday GOV.UK lists), "day_itself" or "both".
    weekend_bank_holidays: Mapped[str] = mapped_column(String(16), default="substitute")
    hmrc_paye_reference: Mapped[str] = mapped_column(String(32), default="")
    hmrc_accounts_office_reference: Mapped[str] = mapped_column(String(32), default="")
    claims_employment_allowance: Mapped[bool] = mapped_column(default=True)
    pays_hmrc_quarterly: Mapped[bool] = mapped_column(default=False)  # allowed under £1,500 a month on average
    # HMRC has agreed the employer is exempt from filing online (a care and support employer): an RT2 for each
    # PA each quarter on paper instead of an FPS each payday.
    reports_on_paper: Mapped[bool] = mapped_column(default=False)
    # Automatic enrolment's three-yearly cycle: the last re-enrolment date, and when the re-declaration of
    # compliance for it is due and was made to The Pensions Regulator.
    pension_re_enrolled_on: Mapped[date | None] = mapped_column(default=None)
    pension_redeclare_by: Mapped[date | None] = mapped_column(default=None)
    pension_redeclared_on: Mapped[date | None] = mapped_column(default=None)
    insurer: Mapped[str] = mapped_column(String(200), default="")
    insurance_policy: Mapped[str] = mapped_column(String(100), default="")
    insurance_renews_on: Mapped[date | None]
    night_starts_at: Mapped[time] = mapped_column(default=time(22, 0))  # Europe/London wall clock
    night_ends_at: Mapped[time] = mapped_column(default=time(6, 0))
    pay_period_anchor: Mapped[date] = mapped_column(default=date(2026, 4, 6))  # a Monday: weekly periods count from it
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    agreements: Mapped[list[CouncilAgreement]] = relationship(back_populates="employer")


class Budget(Base):
    """A second budget kept in the same file beside the council's direct payment: an NHS personal health budget,
    a carer's budget, an Independent Living Fund award. Its terms are an agreement row (the funder in
    `council_name`), its money its own transactions and bank account, its returns its own; every row of those
    carries the budget's id (none for the council's direct payment). See app/storage/budget_scope.py."""

    __tablename__ = "budget"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))  # as the holder calls it: "Health budget"
    kind: Mapped[str] = mapped_column(String(32), default="nhs_phb")  # nhs_phb, carers_budget, ilf, other
    rules: Mapped[str] = mapped_column(Text, default="")  # what it may be spent on, in the funder's words
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())


class CouncilAgreement(Base):
    """The direct payment agreement with one council (a new row when the agreement changes)."""

    __tablename__ = "council_agreement"
    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id", ondelete="RESTRICT"))
    budget_id: Mapped[int | None] = mapped_column(ForeignKey("budget.id", ondelete="RESTRICT"), index=True)
    council_name: Mapped[str] = mapped_column(String(200))  # for a second budget, its funder (an NHS body)
    council_reference: Mapped[str] = mapped_column(String(64), default="")
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    payment_pence: Mapped[int]  # each payment from the council
    payment_frequency: Mapped[str] = mapped_column(String(16))  # weekly, four_weekly, monthly, quarterly
    client_contribution_pence: Mapped[int] = mapped_column(default=0)  # per payment period
    account_type: Mapped[str] = mapped_column(String(32), default="own_bank_account")
    return_cycle: Mapped[str] = mapped_column(String(16), default="quarterly")  # none, four_weekly, monthly...
    contingency_weeks: Mapped[Decimal] = mapped_column(ExactDecimal(), default=Decimal(4))
    surplus_threshold_weeks: Mapped[Decimal] = mapped_column(ExactDecimal(), default=Decimal(8))
    crisis_fund_target_pence: Mapped[int] = mapped_column(default=0)
    weeks_paid_in_advance: Mapped[Decimal] = mapped_column(ExactDecimal(), default=Decimal(0))
    contribution_method: Mapped[str] = mapped_column(String(16), default="into_account")  # see money.council_payments
    agreed_extras_pence: Mapped[int] = mapped_column(default=0)  # may be kept on top: unused respite, agreed savings
    receipt_threshold_pence: Mapped[int] = mapped_column(default=0)  # receipts needed for spending above this
    return_template: Mapped[str] = mapped_column(String(64), default="generic")  # app/returns/templates/*.json
    notes: Mapped[str] = mapped_column(Text, default="")
    plan_outcomes: Mapped[str] = mapped_column(Text, default="")  # the support plan's outcomes, one to a line
    employer: Mapped[Employer] = relationship(back_populates="agreements")
    plan_items: Mapped[list[SupportPlanItem]] = relationship(back_populates="agreement")


class SupportPlanItem(Base):
    """Planned hours a week of one kind, from a date (e.g. 35 day hours, 2 sleep-ins)."""

    __tablename__ = "support_plan_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("council_agreement.id", ondelete="RESTRICT"))
    applies_from: Mapped[date]
    kind: Mapped[str] = mapped_column(String(32))  # day, night, waking_night, sleep_in
    hours_per_week: Mapped[Decimal] = mapped_column(ExactDecimal())  # for sleep-ins: how many a week
    agreement: Mapped[CouncilAgreement] = relationship(back_populates="plan_items")


class ReviewNote(Base):
    """What is working and what is not, written through the year in the person's own words (with who wrote
    them), for the council's annual review of the support plan. Never deleted: withdrawn with a reason."""

    __tablename__ = "review_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    written_on: Mapped[date] = mapped_column(index=True)
    written_by: Mapped[str] = mapped_column(String(200))  # "Sam", "Jo Smith (support worker), with Sam"
    about: Mapped[str] = mapped_column(String(16), default="working")  # working, not_working, change, other
    outcome: Mapped[str] = mapped_column(String(200), default="")  # the support plan outcome it is about
    words: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    created_by: Mapped[str] = mapped_column(String(200), default="")
    withdrawn_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")
