"""The Full Payment Submission (FPS): what a pay run paid, as HMRC's XML for the run's tax year.

Built from the finalised payslips' figures only (never worked out again). The items and their order are
HMRC's schema's (app/rti/schemas/, one per tax year as data in years.json); what each means is in HMRC's
"RTI data items" specification. The document is checked against the schema before it is offered: a tax year
whose schema PA Books does not hold gets no FPS, never an unchecked one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from lxml import etree

from app.core.dates import TaxYear
from app.core.money import pence_to_string
from app.core.problems import Problem
from app.rti.irmark import ENVELOPE, irmark_of_body
from app.rti.late_reasons import LATE_REASONS

PAY_FREQUENCY_CODES = {"weekly": "W1", "fortnightly": "W2", "four_weekly": "W4", "monthly": "M1"}
LOAN_PLAN_CODES = {"1": "01", "2": "02", "4": "04"}  # the 2025-26 schema has no plan 5 yet


class UnsupportedRtiYear(ValueError):
    """A tax year whose FPS schema PA Books does not hold."""


@dataclass(frozen=True, slots=True)
class RtiYear:
    tax_year: str
    fps_namespace: str
    fps_schema: str
    fps_rules: str  # HMRC's business rules as XSLT
    eps_namespace: str
    eps_schema: str


@cache
def _years() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("app.rti").joinpath("years.json").read_text("utf-8"))
    return data


def rti_years() -> list[str]:
    """The tax years whose schemas PA Books holds, oldest first."""
    return sorted(k for k in _years() if not k.startswith("_"))


def rti_year(tax_year: str) -> RtiYear:
    entry = _years().get(tax_year)
    if entry is None:
        known = ", ".join(rti_years())
        raise UnsupportedRtiYear(f"PA Books holds HMRC's RTI schemas for {known}, not for {tax_year}, so it cannot "
                                 f"make a submission HMRC would accept for {tax_year} yet.")
    return RtiYear(tax_year, entry["fps_namespace"], entry["fps_schema"], entry["fps_rules"], entry["eps_namespace"],
                   entry["eps_schema"])


@cache
def _schema(name: str) -> etree.XMLSchema:
    with resources.as_file(resources.files("app.rti").joinpath("schemas", name)) as path:
        return etree.XMLSchema(etree.parse(str(path)))


@dataclass(frozen=True, slots=True)
class FpsNiLetter:
    letter: str
    gross_in_period_pence: int
    gross_to_date_pence: int
    at_lel_to_date_pence: int
    lel_to_pt_to_date_pence: int
    pt_to_uel_to_date_pence: int
    employer_in_period_pence: int
    employer_to_date_pence: int
    employee_in_period_pence: int
    employee_to_date_pence: int


@dataclass(frozen=True, slots=True)
class FpsStarter:
    start_date: date
    statement: str  # A, B or C ("" when the PA came with a P45)
    student_loan: bool
    postgraduate_loan: bool


@dataclass(frozen=True, slots=True)
class FpsEmployee:
    pay_id: str
    ni_number: str
    forename: str
    surname: str
    birth_date: date | None
    gender: str
    address_lines: tuple[str, ...]
    postcode: str
    starter: FpsStarter | None
    leaving_date: date | None
    taxable_pay_to_date_pence: int
    tax_to_date_pence: int
    student_loans_to_date_pence: int
    postgraduate_loans_to_date_pence: int
    frequency: str
    period: int
    hours_band: str  # A to E (HMRC: A under 16 hours a week, B 16 to 23.99, C 24 to 29.99, D 30 or more, E other)
    tax_code: str
    week1_month1: bool
    taxable_pay_pence: int
    non_taxable_payments_pence: int  # expenses paid back
    deductions_from_net_pay_pence: int
    pay_after_statutory_deductions_pence: int
    student_loan_pence: int
    student_loan_plan: str
    postgraduate_loan_pence: int
    tax_pence: int
    ni_letters: tuple[FpsNiLetter, ...]
    # RTI data item 40A, the irregular employment payment pattern indicator: said for a PA whose hours vary (a cover
    # or occasional PA), so that HMRC does not take months without pay as their having left.
    irregular_payments: bool = False
    # HMRC's PAYMENTAFTERLEAVINGDATEINDICATOR, "payment after leaving": paid after the P45 was given (GOV.UK: "report the
    # payment ... using the employee's original Date of leaving and payroll ID, and set the indicator").
    payment_after_leaving: bool = False


@dataclass(frozen=True, slots=True)
class FpsFacts:
    tax_year: str
    pay_date: date
    paye_reference: str  # "123/AB45678"
    accounts_office_reference: str
    employees: tuple[FpsEmployee, ...]
    final_submission_for_year: bool = False
    late_reason: str | None = None  # a LATE_REASONS code when sent after the pay date


def hours_band(hours_a_week: Decimal | None) -> str:
    """HMRC data item 'number of normal hours worked' (a week): A up to 15.99, B 16 to 23.99, C 24 to 29.99,
    D 30 or more, E other (such as hours that vary too much to say)."""
    if hours_a_week is None:
        return "E"
    if hours_a_week < 16:
        return "A"
    if hours_a_week < 24:
        return "B"
    if hours_a_week < 30:
        return "C"
    return "D"


def facts_problems(facts: FpsFacts) -> list[Problem]:
    """What the FPS needs that the records do not have yet, in words."""
    found = []
    if facts.late_reason is not None and facts.late_reason not in LATE_REASONS:
        found.append(Problem(f"\"{facts.late_reason}\" is not a late reporting reason PA Books sends; choose one of "
                             f"{', '.join(LATE_REASONS)}.", "late_reason"))
    if "/" not in facts.paye_reference:
        found.append(Problem("Add the employer PAYE reference (such as 123/AB45678) on the employer's details: "
                             "the FPS cannot be made without it.", "paye_reference"))
    if not facts.accounts_office_reference:
        found.append(Problem("Add the Accounts Office reference (such as 123PA00012345) on the employer's details.",
                             "accounts_office_reference"))
    for e in facts.employees:
        who = f"{e.forename} {e.surname}"
        if e.gender not in ("M", "F"):
            found.append(Problem(f"Add {who}'s gender as HMRC records it on the PA's page: HMRC's FPS asks for it.",
                                 "gender"))
        if not e.ni_number and (e.birth_date is None or not e.address_lines or not e.postcode):
            found.append(Problem(f"{who} has no National Insurance number: add it, or their date of birth and their "
                                 "address with its postcode, on the PA's page.", "ni_number"))
        if e.payment_after_leaving and e.leaving_date is None:
            found.append(Problem(f"{who} is paid after their P45 was given, but has no leaving date: add the day "
                                 "they left on the PA's page (HMRC needs it with a payment after leaving).",
                                 "left_on"))
        if e.student_loan_pence and e.student_loan_plan not in LOAN_PLAN_CODES.values():
            found.append(Problem(f"{who}'s student loan plan cannot be reported on the {facts.tax_year} FPS.",
                                 "student_loan_plans"))
    return found


def _money(pence: int) -> str:
    return pence_to_string(pence)


def sub_element(parent: etree._Element, ns: str, tag: str, text: str | None = None,
                **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{tag}", **attributes)
    if text is not None:
        element.text = text
    return element


def _employee(root: etree._Element, ns: str, e: FpsEmployee) -> None:
    employee = sub_element(root, ns, "Employee")
    details = sub_element(employee, ns, "EmployeeDetails")
    if e.ni_number:
        sub_element(details, ns, "NINO", e.ni_number)
    name = sub_element(details, ns, "Name")
    sub_element(name, ns, "Fore", e.forename)
    sub_element(name, ns, "Sur", e.surname)
    if e.address_lines and e.postcode:
        address = sub_element(details, ns, "Address")
        for line in e.address_lines[:4]:
            sub_element(address, ns, "Line", line)
        sub_element(address, ns, "UKPostcode", e.postcode)
    if e.birth_date is not None:
        sub_element(details, ns, "BirthDate", e.birth_date.isoformat())
    sub_element(details, ns, "Gender", e.gender)
    employment = sub_element(employee, ns, "Employment")
    if e.starter is not None:
        starter = sub_element(employment, ns, "Starter")
        sub_element(starter, ns, "StartDate", e.starter.start_date.isoformat())
        if e.starter.statement:
            sub_element(starter, ns, "StartDec", e.starter.statement)
        if e.starter.student_loan:
            sub_element(starter, ns, "StudentLoan", "yes")
        if e.starter.postgraduate_loan:
            sub_element(starter, ns, "PostgradLoan", "yes")
    sub_element(employment, ns, "PayId", e.pay_id)
    if e.irregular_payments:
        sub_element(employment, ns, "IrrEmp", "yes")
    if e.leaving_date is not None:
        sub_element(employment, ns, "LeavingDate", e.leaving_date.isoformat())
    to_date = sub_element(employment, ns, "FiguresToDate")
    sub_element(to_date, ns, "TaxablePay", _money(e.taxable_pay_to_date_pence))
    sub_element(to_date, ns, "TotalTax", _money(e.tax_to_date_pence))
    if e.student_loans_to_date_pence:
        sub_element(to_date, ns, "StudentLoansTD", _money(e.student_loans_to_date_pence))
    if e.postgraduate_loans_to_date_pence:
        sub_element(to_date, ns, "PostgradLoansTD", _money(e.postgraduate_loans_to_date_pence))
    payment = sub_element(employment, ns, "Payment")
    sub_element(payment, ns, "PayFreq", PAY_FREQUENCY_CODES[e.frequency])
    sub_element(payment, ns, "PmtDate", "")  # filled by build_fps: the run's pay date
    sub_element(payment, ns, "MonthNo" if e.frequency == "monthly" else "WeekNo", str(e.period))
    sub_element(payment, ns, "PeriodsCovered", "1")
    if e.payment_after_leaving:
        sub_element(payment, ns, "PmtAfterLeaving", "yes")
    sub_element(payment, ns, "HoursWorked", e.hours_band)
    code = e.tax_code
    regime = code[0] if code[:1] in ("S", "C") else ""
    attributes = {}
    if e.week1_month1:
        attributes["BasisNonCumulative"] = "yes"
    if regime:
        attributes["TaxRegime"] = regime
    sub_element(payment, ns, "TaxCode", code[1:] if regime else code, **attributes)
    sub_element(payment, ns, "TaxablePay", _money(e.taxable_pay_pence))
    if e.non_taxable_payments_pence:
        sub_element(payment, ns, "NonTaxOrNICPmt", _money(e.non_taxable_payments_pence))
    if e.deductions_from_net_pay_pence:
        sub_element(payment, ns, "DednsFromNetPay", _money(e.deductions_from_net_pay_pence))
    sub_element(payment, ns, "PayAfterStatDedns", _money(e.pay_after_statutory_deductions_pence))
    if e.student_loan_pence:
        sub_element(payment, ns, "StudentLoanRecovered", _money(e.student_loan_pence), PlanType=e.student_loan_plan)
    if e.postgraduate_loan_pence:
        sub_element(payment, ns, "PostgradLoanRecovered", _money(e.postgraduate_loan_pence))
    sub_element(payment, ns, "TaxDeductedOrRefunded", _money(e.tax_pence))
    for ni in e.ni_letters:
        letters = sub_element(employment, ns, "NIlettersAndValues")
        sub_element(letters, ns, "NIletter", ni.letter)
        for tag, value in (("GrossEarningsForNICsInPd", ni.gross_in_period_pence),
                           ("GrossEarningsForNICsYTD", ni.gross_to_date_pence), ("AtLELYTD", ni.at_lel_to_date_pence),
                           ("LELtoPTYTD", ni.lel_to_pt_to_date_pence), ("PTtoUELYTD", ni.pt_to_uel_to_date_pence),
                           ("TotalEmpNICInPd", ni.employer_in_period_pence),  # the employer's NICs (before the
                           ("TotalEmpNICYTD", ni.employer_to_date_pence),  # Employment Allowance, claimed on the EPS)
                           ("EmpeeContribnsInPd", ni.employee_in_period_pence),
                           ("EmpeeContribnsYTD", ni.employee_to_date_pence)):
            sub_element(letters, ns, tag, _money(value))


def related_tax_year(tax_year: str) -> str:
    """HMRC's form of a tax year in RTI: "25-26"."""
    start = TaxYear.parse(tax_year).start_year
    return f"{start % 100:02d}-{(start + 1) % 100:02d}"


def envelope_start(ns: str, document: str, period_end: date, paye_reference: str,
                   accounts_office_reference: str) -> tuple[etree._Element, etree._Element]:
    """An FPS's or EPS's IRenvelope with its IRheader (keys, period end, an IRmark to fill in) and the document
    element with the employer's references: (the envelope, the document element to go on filling)."""
    office, _, reference = paye_reference.partition("/")
    envelope = etree.Element(f"{{{ns}}}IRenvelope", nsmap={None: ns})
    header = sub_element(envelope, ns, "IRheader")
    keys = sub_element(header, ns, "Keys")
    sub_element(keys, ns, "Key", office, Type="TaxOfficeNumber")
    sub_element(keys, ns, "Key", reference, Type="TaxOfficeReference")
    sub_element(header, ns, "PeriodEnd", period_end.isoformat())
    sub_element(header, ns, "DefaultCurrency", "GBP")
    sub_element(header, ns, "IRmark", "", Type="generic")
    sub_element(header, ns, "Sender", "Employer")
    body = sub_element(envelope, ns, document)
    refs = sub_element(body, ns, "EmpRefs")
    sub_element(refs, ns, "OfficeNo", office)
    sub_element(refs, ns, "PayeRef", reference)
    sub_element(refs, ns, "AORef", accounts_office_reference)
    return envelope, body


def build_fps(facts: FpsFacts) -> etree._Element:
    """The IRenvelope of the FPS (raises UnsupportedRtiYear for a year whose schema PA Books does not hold)."""
    ns = rti_year(facts.tax_year).fps_namespace
    envelope, submission = envelope_start(ns, "FullPaymentSubmission", facts.pay_date, facts.paye_reference,
                                          facts.accounts_office_reference)
    sub_element(submission, ns, "RelatedTaxYear", related_tax_year(facts.tax_year))
    for employee in facts.employees:
        _employee(submission, ns, employee)
    for pay_date in submission.iter(f"{{{ns}}}PmtDate"):
        pay_date.text = facts.pay_date.isoformat()
        if facts.late_reason:
            late = etree.Element(f"{{{ns}}}LateReason")
            late.text = facts.late_reason
            pay_date.addnext(late)
    if facts.final_submission_for_year:
        final = sub_element(submission, ns, "FinalSubmission")
        sub_element(final, ns, "ForYear", "yes")
    return envelope


def schema_problems(envelope: etree._Element, tax_year: str) -> list[Problem]:
    """Every way the FPS breaks HMRC's schema for its year, each naming the item."""
    return schema_errors(envelope, rti_year(tax_year).fps_schema)


def schema_errors(envelope: etree._Element, schema_name: str) -> list[Problem]:
    """Every way a document breaks one of HMRC's schemas, each naming the item."""
    schema = _schema(schema_name)
    if schema.validate(envelope):
        return []
    found = []
    for error in schema.error_log:
        named = re.search(r"Element '(?:\{[^}]*\})?([A-Za-z]+)'", error.message)
        item = named.group(1) if named else "the document"
        message = re.sub(r"\{[^}]*\}", "", error.message)
        found.append(Problem(f"HMRC's schema refuses the item {item}: {message}", item, error.line))
    return found


def sealed_body(envelope: etree._Element) -> etree._Element:
    """The GovTalk Body holding the FPS, with its IRmark filled in (the mark covers the Body only, so the sender's
    details are added to the header when it is sent)."""
    body = etree.Element(f"{{{ENVELOPE}}}Body", nsmap={None: ENVELOPE})
    body.append(envelope)
    mark = envelope.find(".//{*}IRmark")
    assert mark is not None
    mark.text = irmark_of_body(body)
    return body


def fps_bytes(body: etree._Element) -> bytes:
    """The FPS as it is sent: no whitespace is added, so the IRmark computed on the tree is the IRmark of these
    bytes."""
    result: bytes = etree.tostring(body[0], xml_declaration=True, encoding="UTF-8")
    return result
