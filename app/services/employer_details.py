"""The employer's details: who the direct payment is for, who acts as employer, the references HMRC gave
when they registered as an employer, and the employer's liability insurance the law requires."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy.orm import Session

from app.core.dates import TaxYear
from app.core.money import format_pounds
from app.core.problems import Problem
from app.core.roles import Role, role_from
from app.models import Employer
from app.payroll.paying_hmrc import ACCOUNTS_OFFICE_REFERENCE, may_pay_quarterly
from app.services.book import EmployerBook, employer_of
from app.services.operations import EMPLOYER_ONLY, Change, Context, Operation
from app.services.roles import ROLES

# HMRC's employer PAYE reference: the tax office number, a slash, the employer's reference ("123/AB45678").
PAYE_REFERENCE = re.compile(r"^\d{3}/[A-Z0-9]{1,10}$")


@dataclass(frozen=True, slots=True)
class EmployerDetails:
    person_name: str
    acting_employer_name: str
    acting_role: str
    address: str = ""
    phone: str = ""
    email: str = ""
    paye_reference: str = ""
    accounts_office_reference: str = ""
    claims_employment_allowance: bool = True
    insurer: str = ""
    insurance_policy: str = ""
    insurance_renews_on: date | None = None
    pays_hmrc_quarterly: bool = False  # allowed when the average monthly bill is under £1,500 (GOV.UK)
    reports_on_paper: bool = False  # HMRC has agreed an exemption from filing online: RT2s each quarter

    def cleaned(self) -> EmployerDetails:
        """Spaces trimmed, references in capitals without spaces (as HMRC prints them)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for name, value in values.items():
            if isinstance(value, str):
                values[name] = value.strip()
        for name in ("paye_reference", "accounts_office_reference"):
            values[name] = values[name].replace(" ", "").upper()
        return EmployerDetails(**values)

    def problems(self) -> list[Problem]:
        given = self.cleaned()
        found = []
        if not given.person_name:
            found.append(Problem("Enter the name of the person the direct payment is for.", "person_name"))
        if given.acting_role not in ROLES:
            found.append(Problem("Choose who acts as employer.", "acting_role"))
        elif given.acting_role != Role.HOLDER and not given.acting_employer_name:
            found.append(Problem("Enter the name of the person who acts as employer (the suitable person or nominee).",
                                 "acting_employer_name"))
        if given.paye_reference and not PAYE_REFERENCE.match(given.paye_reference):
            found.append(Problem("The employer PAYE reference is 3 digits, a slash and up to 10 letters and digits, "
                                 "such as 123/AB45678 (it is on HMRC's letter when you registered).", "paye_reference"))
        if given.accounts_office_reference and not ACCOUNTS_OFFICE_REFERENCE.match(given.accounts_office_reference):
            found.append(Problem("The Accounts Office reference has 13 characters, such as 123PA00012345: 3 digits, "
                                 "P, a letter, then 8 digits (the last may be X).", "accounts_office_reference"))
        if given.insurance_renews_on is not None and not given.insurer:
            found.append(Problem("Enter the insurer's name as well as the renewal date.", "insurer"))
        return found


class SetEmployerDetails(Operation[EmployerDetails, None]):
    action = "employer_details_set"
    changes = frozenset({Change.EMPLOYER})
    allowed = EMPLOYER_ONLY

    def check(self, ctx: Context, given: EmployerDetails) -> list[Problem]:
        found = given.problems()
        if given.pays_hmrc_quarterly:
            average = average_monthly_bill_pence(ctx.session)
            tax_year = TaxYear.containing(ctx.today).label
            if average is not None and not may_pay_quarterly(tax_year, average):
                found.append(Problem(
                    f"You have owed HMRC {format_pounds(average)} a month on average, and quarterly payment is only "
                    "allowed under £1,500 a month. Keep paying every month.", "pays_hmrc_quarterly"))
        return found

    def apply(self, ctx: Context, given: EmployerDetails) -> None:
        details = given.cleaned()
        employer = employer_of(ctx.session)
        changed = [name for name, now in _pairs(employer, details) if now]
        employer.person_name = details.person_name
        employer.acting_employer_name = details.acting_employer_name or details.person_name
        employer.acting_role = details.acting_role
        employer.address, employer.phone, employer.email = details.address, details.phone, details.email
        employer.hmrc_paye_reference = details.paye_reference
        employer.hmrc_accounts_office_reference = details.accounts_office_reference
        employer.claims_employment_allowance = details.claims_employment_allowance
        employer.insurer, employer.insurance_policy = details.insurer, details.insurance_policy
        employer.insurance_renews_on = details.insurance_renews_on
        employer.pays_hmrc_quarterly = details.pays_hmrc_quarterly
        employer.reports_on_paper = details.reports_on_paper
        ctx.note("employer", employer.id, changed=", ".join(changed) or "nothing")


def _pairs(employer: Employer, details: EmployerDetails) -> list[tuple[str, bool]]:
    """Which facts change, by name only (the history holds no addresses or references)."""
    current = employer_details_of(employer)
    return [(f.name.replace("_", " "), getattr(current, f.name) != getattr(details, f.name)) for f in fields(details)]


def employer_details_of(employer: Employer) -> EmployerDetails:
    role = role_from(employer.acting_role)
    return EmployerDetails(employer.person_name, employer.acting_employer_name, role.value if role else "holder",
                           employer.address, employer.phone, employer.email, employer.hmrc_paye_reference,
                           employer.hmrc_accounts_office_reference, employer.claims_employment_allowance,
                           employer.insurer, employer.insurance_policy, employer.insurance_renews_on,
                           employer.pays_hmrc_quarterly, employer.reports_on_paper)


def average_monthly_bill_pence(session: Session) -> int | None:
    """What the employer has owed HMRC a month on average over the last 12 tax months with pay (None: nothing yet)."""
    from app.payroll.paying_hmrc import hmrc_bills
    from app.services.hmrc_due import hmrc_parts

    recent = [bill.amount_pence for bill in hmrc_bills(hmrc_parts(session))[-12:]]
    return sum(recent) // len(recent) if recent else None


def employer_details(book: EmployerBook) -> EmployerDetails:
    with book.reading() as session:
        return employer_details_of(employer_of(session))
