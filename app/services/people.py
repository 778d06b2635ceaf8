"""Use cases for PAs: add and change a PA, their pay rates (with history), their checks, the support plan.

A rate is never changed or back-dated past an approved timesheet: a new rate is a new row from a date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.dates import age_on
from app.core.money import format_pounds
from app.models import CouncilAgreement, Employer, PaCheck, PayRate, PersonalAssistant, SupportPlanItem, Timesheet
from app.payroll.income_tax import TaxCodeError, parse_tax_code
from app.payroll.rates import rates_for, supported_tax_years
from app.services import audit
from app.services.book import RETENTION_YEARS, BookError, EmployerBook, erasable_from, positive_pence, sentence
from app.services.words import CHECK_WORDS, long_date
from app.timesheets.split import TIME_KINDS

CONTRACT_TYPES = ("hours", "irregular_hours")
PAY_FREQUENCIES = ("weekly", "fortnightly", "four_weekly", "monthly")
PENSION_STATUSES = ("to_assess", "enrolled", "opted_out", "postponed", "not_eligible")
CHECK_KINDS = tuple(CHECK_WORDS)
# HMRC starter checklist: statement A (first job since 6 April, no benefits) -> the emergency code on a
# cumulative basis; B (only job, but not the first since 6 April) -> emergency code on week 1/month 1;
# C (has another job or a pension) -> BR. GOV.UK "Starter checklist for PAYE".
STARTER_STATEMENTS = {"A": ("1257L", False), "B": ("1257L", True), "C": ("BR", False)}
_SORT_CODE_LEN, _ACCOUNT_LEN = 6, 8


@dataclass(frozen=True, slots=True)
class PaForm:
    """What the add/change PA form holds; text as typed, checked by `problems()`."""

    first_name: str
    last_name: str
    started_on: date
    date_of_birth: date | None = None
    left_on: date | None = None
    email: str = ""
    phone: str = ""
    address: str = ""
    ni_number: str = ""
    contract_type: str = "hours"
    contracted_hours_per_week: str = ""
    pay_frequency: str = "monthly"
    starter_statement: str = ""  # "A", "B", "C", "P45" or ""
    tax_code: str = ""  # from a P45 or an HMRC notice; blank to use the starter statement
    week1_month1: bool = False
    ni_category: str = "A"
    student_loan_plans: str = ""
    postgraduate_loan: bool = False
    pension_status: str = "to_assess"
    bank_account_name: str = ""
    bank_sort_code: str = ""
    bank_account_number: str = ""
    is_relative: bool = False
    opted_out_of_48_hours_on: date | None = None

    def resolved_tax_code(self) -> tuple[str, bool]:
        if self.tax_code.strip():
            return self.tax_code.strip().upper(), self.week1_month1
        return STARTER_STATEMENTS.get(self.starter_statement, ("", False))

    def problems(self, today: date) -> list[str]:
        found: list[str] = []
        if not self.first_name.strip() or not self.last_name.strip():
            found.append("Enter the PA's first name and last name.")
        if self.date_of_birth is not None:
            if self.date_of_birth >= today:
                found.append("The date of birth is in the future; check it.")
            elif age_on(self.date_of_birth, self.started_on) < 16:
                found.append("The PA would be under 16 when they start; PAs must be at least 16.")
        if self.left_on is not None and self.left_on < self.started_on:
            found.append("The leaving date is before the start date.")
        if self.contract_type not in CONTRACT_TYPES:
            found.append("The contract must be set hours or irregular hours.")
        if self.contracted_hours_per_week.strip():
            try:
                hours = Decimal(self.contracted_hours_per_week.strip())
                if not 0 < hours <= 168:
                    raise InvalidOperation
            except InvalidOperation:
                found.append("Contracted hours a week must be a number between 0 and 168, such as 25 or 37.5.")
        elif self.contract_type == "hours":
            found.append("Enter the contracted hours a week, or choose irregular hours.")
        if self.pay_frequency not in PAY_FREQUENCIES:
            found.append("Choose how often the PA is paid.")
        code, _ = self.resolved_tax_code()
        if not code:
            found.append("Enter the tax code from the PA's P45 or HMRC, or choose their starter checklist statement "
                         "(A, B or C).")
        else:
            try:
                parse_tax_code(code)
            except TaxCodeError as exc:
                found.append(sentence(exc))
        categories = rates_for(supported_tax_years()[-1]).national_insurance.categories
        if self.ni_category.strip().upper() not in categories:
            found.append(f"The National Insurance category must be one of {', '.join(sorted(categories))}.")
        plans = [p.strip() for p in self.student_loan_plans.split(",") if p.strip()]
        if any(p not in ("1", "2", "4", "5") for p in plans):
            found.append("Student loan plans are 1, 2, 4 or 5, separated by commas.")
        if self.pension_status not in PENSION_STATUSES:
            found.append("Choose the PA's pension status.")
        sort_digits = "".join(ch for ch in self.bank_sort_code if ch.isdigit())
        account_digits = "".join(ch for ch in self.bank_account_number if ch.isdigit())
        if self.bank_sort_code.strip() and len(sort_digits) != _SORT_CODE_LEN:
            found.append("A sort code has 6 digits, such as 12-34-56.")
        if self.bank_account_number.strip() and len(account_digits) != _ACCOUNT_LEN:
            found.append("A bank account number has 8 digits.")
        return found


@dataclass(frozen=True, slots=True)
class RateView:
    kind: str
    applies_from: date
    amount_words: str  # "£13.50 an hour" or "£90.00 each"


@dataclass(frozen=True, slots=True)
class CheckView:
    check_id: int
    kind: str
    description: str
    checked_on: date
    expires_on: date | None


@dataclass(frozen=True, slots=True)
class PaDetails:
    pa_id: int
    form: PaForm
    rates: tuple[RateView, ...] = field(default=())
    checks: tuple[CheckView, ...] = field(default=())

    @property
    def name(self) -> str:
        return f"{self.form.first_name} {self.form.last_name}"


def _apply(pa: PersonalAssistant, form: PaForm) -> None:
    code, week1 = form.resolved_tax_code()
    hours_text = form.contracted_hours_per_week.strip()
    pa.first_name, pa.last_name = form.first_name.strip(), form.last_name.strip()
    pa.date_of_birth, pa.started_on, pa.left_on = form.date_of_birth, form.started_on, form.left_on
    pa.email, pa.phone, pa.address = form.email.strip(), form.phone.strip(), form.address.strip()
    pa.ni_number = form.ni_number.replace(" ", "").upper()
    pa.contract_type = form.contract_type
    pa.contracted_hours_per_week = Decimal(hours_text) if hours_text else None
    pa.holiday_basis = "accrual_12_07" if form.contract_type == "irregular_hours" else "weeks"
    pa.pay_frequency, pa.starter_statement = form.pay_frequency, form.starter_statement
    pa.tax_code, pa.week1_month1 = code, week1
    pa.ni_category = form.ni_category.strip().upper()
    pa.student_loan_plans = ",".join(p.strip() for p in form.student_loan_plans.split(",") if p.strip())
    pa.postgraduate_loan, pa.pension_status = form.postgraduate_loan, form.pension_status
    pa.bank_account_name = form.bank_account_name.strip()
    pa.bank_sort_code = "".join(ch for ch in form.bank_sort_code if ch.isdigit())
    pa.bank_account_number = "".join(ch for ch in form.bank_account_number if ch.isdigit())
    pa.is_relative, pa.opted_out_of_48_hours_on = form.is_relative, form.opted_out_of_48_hours_on


def _form(pa: PersonalAssistant) -> PaForm:
    return PaForm(
        first_name=pa.first_name, last_name=pa.last_name, started_on=pa.started_on, date_of_birth=pa.date_of_birth,
        left_on=pa.left_on, email=pa.email, phone=pa.phone, address=pa.address, ni_number=pa.ni_number,
        contract_type=pa.contract_type,
        contracted_hours_per_week=str(pa.contracted_hours_per_week) if pa.contracted_hours_per_week else "",
        pay_frequency=pa.pay_frequency, starter_statement=pa.starter_statement, tax_code=pa.tax_code,
        week1_month1=pa.week1_month1, ni_category=pa.ni_category, student_loan_plans=pa.student_loan_plans,
        postgraduate_loan=pa.postgraduate_loan, pension_status=pa.pension_status,
        bank_account_name=pa.bank_account_name, bank_sort_code=pa.bank_sort_code,
        bank_account_number=pa.bank_account_number, is_relative=pa.is_relative,
        opted_out_of_48_hours_on=pa.opted_out_of_48_hours_on)


def _get_pa(session: Session, pa_id: int) -> PersonalAssistant:
    pa = session.get(PersonalAssistant, pa_id)
    if pa is None:
        raise BookError("That PA is not in this file any more.")
    return pa


def add_pa(book: EmployerBook, form: PaForm, today: date) -> int:
    problems = form.problems(today)
    if problems:
        raise BookError(" ".join(problems))
    with book.db.transaction() as session:
        clash = session.scalar(select(func.count()).select_from(PersonalAssistant).where(
            func.lower(PersonalAssistant.first_name) == form.first_name.strip().lower(),
            func.lower(PersonalAssistant.last_name) == form.last_name.strip().lower()))
        if clash:
            raise BookError(f"There is already a PA called {form.first_name.strip()} {form.last_name.strip()}. "
                            "Add something to tell them apart, such as a middle initial.")
        pa = PersonalAssistant(first_name="", last_name="", started_on=form.started_on, left_on=None,
                               date_of_birth=None, opted_out_of_48_hours_on=None)
        _apply(pa, form)
        session.add(pa)
        session.flush()
        audit.record(session, "pa_added", "pa", pa.id)
        return pa.id


def update_pa(book: EmployerBook, pa_id: int, form: PaForm, today: date) -> None:
    problems = form.problems(today)
    if problems:
        raise BookError(" ".join(problems))
    with book.db.transaction() as session:
        pa = _get_pa(session, pa_id)
        _apply(pa, form)
        audit.record(session, "pa_changed", "pa", pa_id)


def pa_details(book: EmployerBook, pa_id: int) -> PaDetails:
    with book.db.reading() as session:
        pa = _get_pa(session, pa_id)
        rates = tuple(RateView(r.kind, r.applies_from, f"{format_pounds(r.flat_pence)} each" if r.flat_pence is not None
                               else f"{format_pounds(r.hourly_pence or 0)} an hour") for r in pa.rates)
        checks = tuple(CheckView(c.id, c.kind, c.description, c.checked_on, c.expires_on)
                       for c in sorted(pa.checks, key=lambda c: c.checked_on))
        return PaDetails(pa.id, _form(pa), rates, checks)


def find_pa(book: EmployerBook, name: str) -> int | None:
    wanted = " ".join(name.lower().split())
    with book.db.reading() as session:
        for pa in session.scalars(select(PersonalAssistant)):
            if " ".join(pa.full_name.lower().split()) == wanted:
                return pa.id
    return None


def last_approved_day(session: Session, pa_id: int) -> date | None:
    return session.scalar(select(func.max(Timesheet.period_end)).where(
        Timesheet.pa_id == pa_id, Timesheet.status == "approved"))


def add_rate(book: EmployerBook, pa_id: int, kind: str, applies_from: date, amount: str) -> None:
    """A new rate from a date. Refused if it would change pay already approved (never retrospective)."""
    if kind not in TIME_KINDS:
        raise BookError(f"\"{kind}\" is not a kind of time; use one of {', '.join(TIME_KINDS)}.")
    pence = positive_pence(amount, "A rate")
    with book.db.transaction() as session:
        pa = _get_pa(session, pa_id)
        locked_to = last_approved_day(session, pa_id)
        if locked_to is not None and applies_from <= locked_to:
            raise BookError(f"{pa.full_name}'s timesheets are approved up to {long_date(locked_to)}, so a new rate "
                            f"can start on {long_date(locked_to.fromordinal(locked_to.toordinal() + 1))} at the "
                            "earliest. Pay already approved is never changed; put a correction in the next pay run.")
        if any(r.kind == kind and r.applies_from == applies_from for r in pa.rates):
            raise BookError(f"{pa.full_name} already has a {kind.replace('_', ' ')} rate from {long_date(applies_from)}. "
                            "Rates are kept as history: add the new one from a later date.")
        flat = kind == "sleep_in"
        session.add(PayRate(pa_id=pa.id, kind=kind, applies_from=applies_from,
                            hourly_pence=None if flat else pence, flat_pence=pence if flat else None))
        audit.record(session, "rate_added", "pa", pa.id, kind=kind,
                     applies_from=applies_from.isoformat(), amount=format_pounds(pence))


def add_check(book: EmployerBook, pa_id: int, kind: str, description: str, checked_on: date,
              expires_on: date | None, reference: str = "") -> None:
    if kind not in CHECK_KINDS:
        raise BookError(f"A check is one of: {', '.join(CHECK_KINDS)}.")
    if expires_on is not None and expires_on <= checked_on:
        raise BookError("The check runs out before it was done; check the dates.")
    with book.db.transaction() as session:
        _get_pa(session, pa_id)
        session.add(PaCheck(pa_id=pa_id, kind=kind, description=description.strip() or CHECK_WORDS[kind],
                            reference=reference.strip(), checked_on=checked_on, expires_on=expires_on))
        audit.record(session, "check_added", "pa", pa_id, kind=kind, expires_on=expires_on)


def set_support_plan(book: EmployerBook, applies_from: date, hours_by_kind: dict[str, str]) -> None:
    """Planned hours a week by kind (sleep-ins: how many a week), from a date, for the current agreement."""
    parsed: dict[str, Decimal] = {}
    for kind, text in hours_by_kind.items():
        if kind not in ("day", "night", "waking_night", "sleep_in", "weekend"):
            raise BookError(f"\"{kind}\" is not a kind of support in a plan.")
        try:
            parsed[kind] = Decimal(text.strip())
        except InvalidOperation:
            raise BookError(f"Planned {kind.replace('_', ' ')} hours must be a number, such as 35 or 7.5.") from None
        if not 0 <= parsed[kind] <= 168:
            raise BookError("Planned hours a week must be between 0 and 168.")
    with book.db.transaction() as session:
        agreement = session.scalars(select(CouncilAgreement).order_by(CouncilAgreement.starts_on.desc())).first()
        if agreement is None:
            raise BookError("Add the council agreement first: the support plan belongs to it.")
        for kind, hours in parsed.items():
            session.add(SupportPlanItem(agreement_id=agreement.id, applies_from=applies_from, kind=kind,
                                        hours_per_week=hours))
        audit.record(session, "plan_set", "council_agreement", agreement.id, applies_from=applies_from.isoformat(),
                     **{k: str(v) for k, v in parsed.items()})


def _plan_in_force(session: Session, day: date) -> tuple[dict[str, Decimal], date | None]:
    """The latest planned amount of each kind on a day, and the date the newest of them applies from."""
    items = session.scalars(select(SupportPlanItem).where(SupportPlanItem.applies_from <= day)
                            .order_by(SupportPlanItem.applies_from)).all()
    latest: dict[str, Decimal] = {item.kind: item.hours_per_week for item in items}
    return latest, items[-1].applies_from if items else None


def planned_minutes_per_week(session: Session, day: date) -> dict[str, int]:
    """The support plan in force on a day, as minutes a week (sleep-ins: a count, stored as minutes x 60)."""
    return {kind: int(hours * 60) for kind, hours in _plan_in_force(session, day)[0].items()}


@dataclass(frozen=True, slots=True)
class PlanView:
    council_name: str | None
    applies_from: date | None
    hours_by_kind: dict[str, Decimal]


def support_plan(book: EmployerBook, day: date) -> PlanView:
    with book.db.reading() as session:
        agreement = session.scalars(select(CouncilAgreement).order_by(CouncilAgreement.starts_on.desc())).first()
        latest, since = _plan_in_force(session, day)
        return PlanView(agreement.council_name if agreement else None, since, latest)


PAYMENT_FREQUENCIES = ("weekly", "four_weekly", "monthly", "quarterly")


def set_agreement(book: EmployerBook, council_name: str, starts_on: date, payment: str, frequency: str,
                  reference: str = "") -> None:
    """Record the council's direct payment agreement (a changed agreement is a new row from its date)."""
    if not council_name.strip():
        raise BookError("Enter the council's name, as on the direct payment agreement.")
    if frequency not in PAYMENT_FREQUENCIES:
        raise BookError(f"How often the council pays must be one of: {', '.join(PAYMENT_FREQUENCIES)}.")
    pence = positive_pence(payment, "The council's payment")
    with book.db.transaction() as session:
        employer = session.scalars(select(Employer)).first()
        if employer is None:
            raise BookError("This file has no employer details; it may be damaged.")
        session.add(CouncilAgreement(employer_id=employer.id, council_name=council_name.strip(),
                                     council_reference=reference.strip(), starts_on=starts_on, ends_on=None,
                                     payment_pence=pence, payment_frequency=frequency))
        audit.record(session, "agreement_set", council=council_name.strip(), payment=format_pounds(pence),
                     every=frequency, starts_on=starts_on.isoformat())


COUNTRY_WORDS = {"england": "England", "wales": "Wales", "scotland": "Scotland", "northern_ireland": "Northern Ireland"}


@dataclass(frozen=True, slots=True)
class PayTimeRules:
    night_starts: time
    night_ends: time
    country: str


def pay_time_rules(book: EmployerBook) -> PayTimeRules:
    with book.db.reading() as session:
        employer = session.scalars(select(Employer)).one()
        return PayTimeRules(employer.night_starts_at, employer.night_ends_at, employer.country)


def set_pay_time_rules(book: EmployerBook, night_starts: str, night_ends: str, country: str) -> None:
    """When night pay starts and ends, and whose bank holidays apply. Approved timesheets keep their pay:
    these rules change only the pay worked out from now on."""
    from app.timesheets.clock import TimeProblem, parse_wall_time

    if country not in COUNTRY_WORDS:
        raise BookError(f"The country must be one of: {', '.join(COUNTRY_WORDS.values())}.")
    try:
        starts, ends = parse_wall_time(night_starts).value, parse_wall_time(night_ends).value
    except TimeProblem as exc:
        raise BookError(sentence(exc)) from None
    if starts == ends:
        raise BookError("Night time must start and end at different times.")
    with book.db.transaction() as session:
        employer = session.scalars(select(Employer)).one()
        employer.night_starts_at, employer.night_ends_at, employer.country = starts, ends, country
        audit.record(session, "pay_rules_set", night=f"{starts:%H:%M} to {ends:%H:%M}", country=country)


def erase_personal_data(book: EmployerBook, pa_id: int, reason: str, today: date) -> None:
    """Erase a former PA's personal details once the retention period is over, at their request. The hours
    and pay records stay (they are the employer's records), under an anonymous name; the audit trail
    records that it was done and why, without the details erased."""
    if len(reason.strip()) < 5:
        raise BookError("Say why the details are being erased (for example, \"Asked by the PA in writing on "
                        "1 March 2033\").")
    with book.db.transaction() as session:
        pa = _get_pa(session, pa_id)
        if pa.left_on is None:
            raise BookError(f"{pa.full_name} still works for you. Personal details can be erased only after "
                            f"someone has left and the {RETENTION_YEARS} years that records must be kept are over.")
        allowed = erasable_from(pa.left_on)
        if today < allowed:
            raise BookError(f"{pa.full_name}'s records must be kept until {long_date(allowed)} "
                            f"({RETENTION_YEARS} years after they left). They can be erased from then.")
        if pa.personal_data_erased_on is not None:
            raise BookError("This former PA's personal details were already erased.")
        pa.first_name, pa.last_name = "Former PA", f"{pa.id}"
        pa.personal_data_erased_on = today
        pa.date_of_birth = None
        pa.email = pa.phone = pa.address = pa.ni_number = ""
        pa.bank_account_name = pa.bank_sort_code = pa.bank_account_number = ""
        for check in pa.checks:
            check.reference = ""
        audit.record(session, "personal_data_erased", "pa", pa.id, reason=reason.strip())
