"""Employment Allowance: a yearly allowance set against employer Class 1 NI, run by run.

GOV.UK "Employment Allowance": £5,000 in 2024-25, £10,500 from 2025-26. An individual employing
someone for personal, household or domestic work cannot claim, unless the employee is a care or
support worker - so a direct payment holder employing PAs can. From 6 April 2025 the £100,000
employer NI eligibility limit is removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.payroll.rates import rates_for


@dataclass(frozen=True, slots=True)
class AllowanceUse:
    offset_pence: int  # employer NI this run that the allowance covers
    employer_ni_payable_pence: int  # employer NI still to pay HMRC for this run
    remaining_pence: int  # allowance left for later runs this tax year


def household_employer_may_claim(every_employee_is_care_or_support_worker: bool) -> bool:
    """A household employer may claim only where the employee is a care or support worker."""
    return every_employee_is_care_or_support_worker


def apply_allowance(tax_year: str, employer_ni_pence: int, used_before_pence: int, claiming: bool = True) -> AllowanceUse:
    if employer_ni_pence < 0 or used_before_pence < 0:
        raise ValueError("employer NI and allowance used cannot be negative")
    annual = rates_for(tax_year).employment_allowance_pence
    if not claiming:
        return AllowanceUse(0, employer_ni_pence, 0)
    remaining = max(annual - used_before_pence, 0)
    offset = min(employer_ni_pence, remaining)
    return AllowanceUse(offset, employer_ni_pence - offset, remaining - offset)
