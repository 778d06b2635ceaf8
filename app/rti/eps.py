"""The Employer Payment Summary (EPS): what the employer tells HMRC besides the pay itself. For a household
employer of PAs that is: claiming the Employment Allowance (once a tax year, at its start), saying no one was
paid in a tax month (so HMRC does not estimate a bill), and marking the last submission of the year.

Built and checked against HMRC's EPS schema for the tax year (app/rti/schemas/), like the FPS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lxml import etree

from app.core.dates import TaxYear
from app.core.problems import Problem
from app.rti.fps import envelope_start, related_tax_year, rti_year, schema_errors, sub_element


@dataclass(frozen=True, slots=True)
class EpsFacts:
    tax_year: str
    paye_reference: str  # "123/AB45678"
    accounts_office_reference: str
    claims_employment_allowance: bool = False  # "yes, for care and support workers": the first EPS of the year
    no_payment_from: date | None = None  # a tax month (or months) in which nobody was paid
    no_payment_to: date | None = None
    final_submission_for_year: bool = False


def build_eps(facts: EpsFacts) -> etree._Element:
    ns = rti_year(facts.tax_year).eps_namespace

    def sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
        return sub_element(parent, ns, tag, text)

    envelope, summary = envelope_start(ns, "EmployerPaymentSummary", TaxYear.parse(facts.tax_year).last_day,
                                       facts.paye_reference, facts.accounts_office_reference)
    if facts.no_payment_from is not None and facts.no_payment_to is not None:
        sub(summary, "NoPaymentForPeriod", "yes")
        dates = sub(summary, "NoPaymentDates")
        sub(dates, "From", facts.no_payment_from.isoformat())
        sub(dates, "To", facts.no_payment_to.isoformat())
    if facts.claims_employment_allowance:
        sub(summary, "EmpAllceInd", "yes")
        aid = sub(summary, "DeMinimisStateAid")  # care and support employers are outside the de minimis sectors
        sub(aid, "NA", "yes")
    sub(summary, "RelatedTaxYear", related_tax_year(facts.tax_year))
    if facts.final_submission_for_year:
        final = sub(summary, "FinalSubmission")
        sub(final, "ForYear", "yes")
    return envelope


def eps_problems(envelope: etree._Element, tax_year: str) -> list[Problem]:
    return schema_errors(envelope, rti_year(tax_year).eps_schema)
