"""The year end: a P60 for every PA employed on 5 April, and a P11-style record of every period's figures for
each PA, from the finalised payslips (nothing is worked out again)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.core.dates import TaxYear
from app.models import PayRun, Payslip, PersonalAssistant
from app.services.book import BookError, EmployerBook, employer_of
from app.services.pay_run_facts import FINALISED, previous_employment
from app.services.pay_views import mask_ni_number

P60_BY_MONTH_DAY = (5, 31)  # GOV.UK "P60": give it to employees on your payroll on 5 April by 31 May


@dataclass(frozen=True, slots=True)
class P11Line:
    pay_date: date
    period: int
    gross_pay_pence: int
    taxable_pay_pence: int
    taxable_pay_to_date_pence: int
    tax_pence: int
    tax_to_date_pence: int
    ni_category: str
    earnings_at_lel_pence: int
    earnings_lel_to_pt_pence: int
    earnings_pt_to_uel_pence: int
    employee_ni_pence: int
    employer_ni_pence: int
    student_loan_pence: int
    postgraduate_loan_pence: int
    employee_pension_pence: int
    net_pay_pence: int


@dataclass(frozen=True, slots=True)
class NiLetterTotals:
    category: str
    earnings_at_lel_pence: int
    earnings_lel_to_pt_pence: int
    earnings_pt_to_uel_pence: int
    employee_ni_pence: int


@dataclass(frozen=True, slots=True)
class YearRecord:
    """One PA's tax year in this employment: the P11 lines and the P60's figures."""

    tax_year: str
    pa_id: int
    surname: str
    forenames: str
    ni_number: str  # in full on the P60 (it is the employee's own certificate)
    ni_number_masked: str
    employed_on_5_april: bool
    left_on: date | None
    lines: tuple[P11Line, ...]
    previous_pay_pence: int  # from the P45 of the PA's last job this year
    previous_tax_pence: int
    final_tax_code: str
    ni_by_letter: tuple[NiLetterTotals, ...]
    employer_name: str
    employer_address: str
    paye_reference: str

    @property
    def pay_pence(self) -> int:
        return sum(line.taxable_pay_pence for line in self.lines)

    @property
    def tax_pence(self) -> int:
        return sum(line.tax_pence for line in self.lines)

    @property
    def student_loan_pence(self) -> int:
        return sum(line.student_loan_pence for line in self.lines)

    @property
    def postgraduate_loan_pence(self) -> int:
        return sum(line.postgraduate_loan_pence for line in self.lines)


def _line(slip: Payslip, run: PayRun) -> P11Line:
    return P11Line(run.pay_date, slip.period, slip.gross_pay_pence, slip.taxable_pay_pence,
                   slip.taxable_pay_to_date_pence, slip.tax_pence, slip.tax_paid_to_date_pence, slip.ni_category,
                   slip.earnings_at_lel_pence, slip.earnings_lel_to_pt_pence, slip.earnings_pt_to_uel_pence,
                   slip.employee_ni_pence, slip.employer_ni_pence, slip.student_loan_pence,
                   slip.postgraduate_loan_pence, slip.employee_pension_pence, slip.net_pay_pence)


def _letters(lines: list[P11Line]) -> tuple[NiLetterTotals, ...]:
    letters: dict[str, list[P11Line]] = {}
    for line in lines:
        letters.setdefault(line.ni_category, []).append(line)
    return tuple(NiLetterTotals(letter, sum(x.earnings_at_lel_pence for x in group),
                                sum(x.earnings_lel_to_pt_pence for x in group),
                                sum(x.earnings_pt_to_uel_pence for x in group),
                                sum(x.employee_ni_pence for x in group)) for letter, group in sorted(letters.items()))


def year_records(book: EmployerBook, tax_year: str) -> list[YearRecord]:
    """Every PA paid in the tax year, with every finalised payslip in pay date order."""
    try:
        last_day = TaxYear.parse(tax_year).last_day
    except ValueError as exc:
        raise BookError(str(exc)) from None
    with book.reading() as session:
        employer = employer_of(session)
        rows = session.execute(select(Payslip, PayRun, PersonalAssistant).join(
            PayRun, Payslip.pay_run_id == PayRun.id).join(PersonalAssistant).where(
            PayRun.tax_year == tax_year, PayRun.status == FINALISED).order_by(
            PersonalAssistant.last_name, PersonalAssistant.first_name, PayRun.pay_date, PayRun.id)).all()
        by_pa: dict[int, tuple[PersonalAssistant, list[P11Line], list[str]]] = {}
        for slip, run, pa in rows:
            entry = by_pa.setdefault(pa.id, (pa, [], []))
            entry[1].append(_line(slip, run))
            entry[2].append(slip.tax_code)
        records = []
        for pa, lines, codes in by_pa.values():
            before = previous_employment(session, pa, min(last_day, lines[-1].pay_date))
            records.append(YearRecord(
                tax_year, pa.id, pa.last_name, pa.first_name, pa.ni_number, mask_ni_number(pa.ni_number),
                pa.left_on is None or pa.left_on >= last_day, pa.left_on, tuple(lines),
                before.taxable_pay_pence, before.tax_pence, codes[-1],
                _letters(lines), employer.acting_employer_name or employer.person_name, employer.address,
                employer.hmrc_paye_reference))
        return records


def p60s_due(book: EmployerBook, tax_year: str) -> list[YearRecord]:
    """The PAs who get a P60 for a tax year: everyone on the payroll on 5 April (leavers had a P45)."""
    return [record for record in year_records(book, tax_year) if record.employed_on_5_april]


def p60_deadline(tax_year: str) -> date:
    month, day = P60_BY_MONTH_DAY
    return date(TaxYear.parse(tax_year).start_year + 1, month, day)


def tax_years_paid(book: EmployerBook) -> list[str]:
    """The tax years with a finalised run, the latest first."""
    with book.reading() as session:
        years = session.scalars(select(PayRun.tax_year).where(PayRun.status == FINALISED).distinct()).all()
    return sorted(years, reverse=True)


@dataclass(frozen=True, slots=True)
class YearEndPapers:
    tax_year: str
    records: tuple[YearRecord, ...]  # every PA paid in the year: the pay record
    p60s: tuple[YearRecord, ...]  # those employed on 5 April; empty until the year has ended
    ended: bool
    last_day: date


def year_end_papers(book: EmployerBook, tax_year: str) -> YearEndPapers:
    """What can be saved for a tax year today: the pay record always, the P60s once the year has ended."""
    records = year_records(book, tax_year)
    last_day = TaxYear.parse(tax_year).last_day
    ended = book.today() > last_day
    p60s = tuple(r for r in records if r.employed_on_5_april) if ended else ()
    return YearEndPapers(tax_year, tuple(records), p60s, ended, last_day)
