"""What the add/change PA form holds, its checks, and how it maps onto the PA's record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from sqlalchemy.orm import Session

from app.core.dates import TaxYear, age_on
from app.core.money import MoneyError, parse_pence, pence_to_string
from app.core.problems import BookError, Problem
from app.models import PersonalAssistant
from app.payroll.income_tax import TaxCodeError, parse_tax_code
from app.payroll.periods import Frequency
from app.payroll.rates import rates_for, supported_tax_years
from app.services.inputs import sentence


class ContractType(StrEnum):
    HOURS = "hours"
    IRREGULAR_HOURS = "irregular_hours"


class PensionStatus(StrEnum):
    TO_ASSESS = "to_assess"
    ENROLLED = "enrolled"
    OPTED_OUT = "opted_out"
    POSTPONED = "postponed"
    NOT_ELIGIBLE = "not_eligible"


CONTRACT_TYPES = tuple(ContractType)
PAY_FREQUENCIES = tuple(Frequency)
PENSION_STATUSES = tuple(PensionStatus)
# HMRC starter checklist: statement A (first job since 6 April, no benefits) -> the emergency code on a
# cumulative basis; B (only job, but not the first since 6 April) -> emergency code on week 1/month 1;
# C (has another job or a pension) -> BR. GOV.UK "Starter checklist for PAYE".
STARTER_STATEMENTS = {"A": ("1257L", False), "B": ("1257L", True), "C": ("BR", False)}
_SORT_CODE_LEN, _ACCOUNT_LEN = 6, 8
# A National Insurance number as HMRC's RTI schema allows it (PAYENINOtype): two letters in the allowed
# combinations, six digits, and A, B, C or D. ("QQ123456C", often used as an example, is not a real one.)
NI_NUMBER = re.compile(r"^([ACEHJLMOPRSWXY][A-CEGHJ-NPR-TW-Z]|B[A-CEHJ-NPR-TW-Z]|G[ACEGHJ-NPR-TW-Z]|"
                       r"[KT][A-CEGHJ-MPR-TW-Z]|N[A-CEGHJL-NPR-SW-Z]|Z[A-CEGHJ-NPR-TW-Y])[0-9]{6}[A-D]$")
# HMRC's FPS asks for the employee's gender as HMRC holds it (data item 16: "M" or "F").
GENDERS = {"": "Not given yet", "F": "Female", "M": "Male"}


@dataclass(frozen=True, slots=True)
class PaForm:
    """What the add/change PA form holds; text as typed, checked by `problems()`."""

    first_name: str
    last_name: str
    started_on: date
    date_of_birth: date | None = None
    left_on: date | None = None
    gender: str = ""  # "M" or "F" as HMRC records it, for the Full Payment Submission; "" not given yet
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
    # From the P45 of the PA's last job: pay and tax in this tax year so far (counted in the cumulative tax
    # for the tax year the PA started in). As typed: "4200.00"; blank for none.
    previous_pay: str = ""
    previous_tax: str = ""
    ni_category: str = "A"
    student_loan_plans: str = ""
    postgraduate_loan: bool = False
    pension_status: str = "to_assess"
    bank_account_name: str = ""
    bank_sort_code: str = ""
    bank_account_number: str = ""
    is_relative: bool = False
    opted_out_of_48_hours_on: date | None = None

    @property
    def name(self) -> str:
        return f"{self.first_name.strip()} {self.last_name.strip()}"

    def resolved_tax_code(self) -> tuple[str, bool]:
        if self.tax_code.strip():
            return self.tax_code.strip().upper(), self.week1_month1
        return STARTER_STATEMENTS.get(self.starter_statement, ("", False))

    def problems(self, today: date) -> list[Problem]:
        found: list[Problem] = []

        def bad(message: str, field: str) -> None:
            found.append(Problem(message, field))

        if not self.first_name.strip() or not self.last_name.strip():
            bad("Enter the PA's first name and last name.", "first_name" if not self.first_name.strip() else "last_name")
        if self.date_of_birth is not None:
            if self.date_of_birth >= today:
                bad("The date of birth is in the future; check it.", "date_of_birth")
            elif age_on(self.date_of_birth, self.started_on) < 16:
                bad("The PA would be under 16 when they start; PAs must be at least 16.", "date_of_birth")
        if self.ni_number.strip() and not NI_NUMBER.match(self.ni_number.replace(" ", "").upper()):
            bad("A National Insurance number is 2 letters, 6 digits and a letter from A to D, such as AB 12 34 56 C "
                "(it is on the PA's payslips, P60 or HMRC letters).", "ni_number")
        if self.gender not in GENDERS:
            bad("Choose the gender HMRC records for the PA, or leave it not given.", "gender")
        if self.left_on is not None and self.left_on < self.started_on:
            bad("The leaving date is before the start date.", "left_on")
        if self.contract_type not in CONTRACT_TYPES:
            bad("The contract must be set hours or irregular hours.", "contract_type")
        if self.contracted_hours_per_week.strip():
            try:
                hours = Decimal(self.contracted_hours_per_week.strip())
                if not hours.is_finite() or not 0 < hours <= 168:
                    raise InvalidOperation
            except InvalidOperation:
                bad("Contracted hours a week must be a number between 0 and 168, such as 25 or 37.5.",
                    "contracted_hours_per_week")
        elif self.contract_type == ContractType.HOURS:
            bad("Enter the contracted hours a week, or choose irregular hours.", "contracted_hours_per_week")
        if self.pay_frequency not in PAY_FREQUENCIES:
            bad("Choose how often the PA is paid.", "pay_frequency")
        code, _ = self.resolved_tax_code()
        if not code:
            bad("Enter the tax code from the PA's P45 or HMRC, or choose their starter checklist statement "
                "(A, B or C).", "tax_code")
        else:
            try:
                parse_tax_code(code)
            except TaxCodeError as exc:
                bad(sentence(exc), "tax_code")
        for text, field, what in ((self.previous_pay, "previous_pay", "Pay from the P45"),
                                  (self.previous_tax, "previous_tax", "Tax from the P45")):
            if text.strip():
                try:
                    if parse_pence(text) < 0:
                        bad(f"{what} cannot be less than £0.00.", field)
                except MoneyError as exc:
                    bad(f"{what}: {sentence(exc)}", field)
        categories = rates_for(supported_tax_years()[-1]).national_insurance.categories
        if self.ni_category.strip().upper() not in categories:
            bad(f"The National Insurance category must be one of {', '.join(sorted(categories))}.", "ni_category")
        plans = [p.strip() for p in self.student_loan_plans.split(",") if p.strip()]
        if any(p not in ("1", "2", "4", "5") for p in plans):
            bad("Student loan plans are 1, 2, 4 or 5, separated by commas.", "student_loan_plans")
        if self.pension_status not in PENSION_STATUSES:
            bad("Choose the PA's pension status.", "pension_status")
        sort_digits = "".join(ch for ch in self.bank_sort_code if ch.isdigit())
        account_digits = "".join(ch for ch in self.bank_account_number if ch.isdigit())
        if self.bank_sort_code.strip() and len(sort_digits) != _SORT_CODE_LEN:
            bad("A sort code has 6 digits, such as 12-34-56.", "bank_sort_code")
        if self.bank_account_number.strip() and len(account_digits) != _ACCOUNT_LEN:
            bad("A bank account number has 8 digits.", "bank_account_number")
        return found


def write_form(pa: PersonalAssistant, form: PaForm) -> None:
    """Put a checked form's values onto the PA's record."""
    code, week1 = form.resolved_tax_code()
    hours_text = form.contracted_hours_per_week.strip()
    pa.first_name, pa.last_name = form.first_name.strip(), form.last_name.strip()
    pa.date_of_birth, pa.started_on, pa.left_on = form.date_of_birth, form.started_on, form.left_on
    pa.gender = form.gender
    pa.email, pa.phone, pa.address = form.email.strip(), form.phone.strip(), form.address.strip()
    pa.ni_number = form.ni_number.replace(" ", "").upper()
    pa.contract_type = form.contract_type
    pa.contracted_hours_per_week = Decimal(hours_text) if hours_text else None
    pa.holiday_basis = "accrual_12_07" if form.contract_type == ContractType.IRREGULAR_HOURS else "weeks"
    pa.pay_frequency, pa.starter_statement = form.pay_frequency, form.starter_statement
    pa.tax_code, pa.week1_month1 = code, week1
    pa.previous_pay_pence = parse_pence(form.previous_pay) if form.previous_pay.strip() else 0
    pa.previous_tax_pence = parse_pence(form.previous_tax) if form.previous_tax.strip() else 0
    pa.previous_tax_year = (TaxYear.containing(form.started_on).label
                            if pa.previous_pay_pence or pa.previous_tax_pence else "")
    pa.ni_category = form.ni_category.strip().upper()
    pa.student_loan_plans = ",".join(p.strip() for p in form.student_loan_plans.split(",") if p.strip())
    pa.postgraduate_loan, pa.pension_status = form.postgraduate_loan, form.pension_status
    pa.bank_account_name = form.bank_account_name.strip()
    pa.bank_sort_code = "".join(ch for ch in form.bank_sort_code if ch.isdigit())
    pa.bank_account_number = "".join(ch for ch in form.bank_account_number if ch.isdigit())
    pa.is_relative, pa.opted_out_of_48_hours_on = form.is_relative, form.opted_out_of_48_hours_on


def read_form(pa: PersonalAssistant) -> PaForm:
    return PaForm(
        first_name=pa.first_name, last_name=pa.last_name, started_on=pa.started_on, date_of_birth=pa.date_of_birth,
        gender=pa.gender,
        left_on=pa.left_on, email=pa.email, phone=pa.phone, address=pa.address, ni_number=pa.ni_number,
        contract_type=pa.contract_type,
        contracted_hours_per_week=str(pa.contracted_hours_per_week) if pa.contracted_hours_per_week else "",
        pay_frequency=pa.pay_frequency, starter_statement=pa.starter_statement, tax_code=pa.tax_code,
        week1_month1=pa.week1_month1,
        previous_pay=pence_to_string(pa.previous_pay_pence) if pa.previous_pay_pence else "",
        previous_tax=pence_to_string(pa.previous_tax_pence) if pa.previous_tax_pence else "",
        ni_category=pa.ni_category, student_loan_plans=pa.student_loan_plans,
        postgraduate_loan=pa.postgraduate_loan, pension_status=pa.pension_status,
        bank_account_name=pa.bank_account_name, bank_sort_code=pa.bank_sort_code,
        bank_account_number=pa.bank_account_number, is_relative=pa.is_relative,
        opted_out_of_48_hours_on=pa.opted_out_of_48_hours_on)


def pa_in(session: Session, pa_id: int) -> PersonalAssistant:
    """The PA, or a refusal when they are not in the file (for reads; checks use `find_in`)."""
    pa = session.get(PersonalAssistant, pa_id)
    if pa is None:
        raise BookError("That PA is not in this file any more.")
    return pa


NOT_IN_FILE = Problem("That PA is not in this file any more.", "pa")
