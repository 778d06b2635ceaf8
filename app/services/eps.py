"""An Employer Payment Summary for a tax year: claiming the Employment Allowance, saying nobody was paid in a
tax month, or marking the year's last submission; checked against HMRC's schema and sealed with its IRmark."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.problems import Problem
from app.payroll.paying_hmrc import month_ends, month_starts
from app.rti.eps import EpsFacts, build_eps, eps_problems
from app.rti.fps import UnsupportedRtiYear, fps_bytes, rti_year, sealed_body
from app.services.book import EmployerBook, employer_of


@dataclass(frozen=True, slots=True)
class EpsRequest:
    tax_year: str
    claim_employment_allowance: bool = False
    no_payment_tax_month: int | None = None  # 1 to 12
    final_for_year: bool = False


@dataclass(frozen=True, slots=True)
class EpsDocument:
    problems: tuple[str, ...]
    xml: bytes | None


def eps_document(book: EmployerBook, request: EpsRequest) -> EpsDocument:
    with book.reading() as session:
        employer = employer_of(session)
        paye, accounts_office = employer.hmrc_paye_reference, employer.hmrc_accounts_office_reference
        claims = employer.claims_employment_allowance
    found: list[Problem] = []
    try:
        rti_year(request.tax_year)
    except (UnsupportedRtiYear, ValueError) as exc:
        return EpsDocument((str(exc),), None)
    if "/" not in paye or not accounts_office:
        found.append(Problem("Add the employer PAYE reference and the Accounts Office reference on the employer's "
                             "details first.", "paye_reference"))
    if request.claim_employment_allowance and not claims:
        found.append(Problem("The employer's details say you do not claim the Employment Allowance: change that first "
                             "(care and support employers can claim it).", "claims_employment_allowance"))
    month = request.no_payment_tax_month
    if month is not None and not 1 <= month <= 12:
        found.append(Problem("A tax month is 1 (6 April to 5 May) to 12 (6 March to 5 April).", "tax_month"))
    if not (request.claim_employment_allowance or month is not None or request.final_for_year):
        found.append(Problem("Say what the EPS is for: the Employment Allowance, a month with no pay, or the year's "
                             "last submission.", "kind"))
    if found:
        return EpsDocument(tuple(p.message for p in found), None)
    facts = EpsFacts(request.tax_year, paye, accounts_office, request.claim_employment_allowance,
                     month_starts(request.tax_year, month) if month else None,
                     month_ends(request.tax_year, month) if month else None, request.final_for_year)
    envelope = build_eps(facts)
    problems = eps_problems(envelope, request.tax_year)
    if problems:
        return EpsDocument(tuple(p.message for p in problems), None)
    return EpsDocument((), fps_bytes(sealed_body(envelope)))
