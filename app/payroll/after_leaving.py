"""Paying a PA after their P45 was given: holiday pay worked out late, a bonus, pay missed from the final payslip.

GOV.UK, "What to do when an employee leaves: paying an employee after giving them a P45":
- use tax code 0T on a week 1 or month 1 basis (S0T for the Scottish rates, C0T for the Welsh);
- deduct National Insurance and any student loan as normal, but treat an irregular payment (such as accrued
  holiday pay or an unexpected bonus) as a weekly payment;
- report it on the next FPS with the original leaving date and the "payment after leaving" indicator;
- give a written statement of the payment and deductions; never a second P45.
When a payment mixes regular pay with an irregular one, the whole is treated as one regular payment (the weekly
rule is for a payment that is only irregular).
"""

from __future__ import annotations

from app.payroll.periods import Frequency

AFTER_LEAVING_CODE = "0T"
SOURCE = 'GOV.UK "What to do when an employee leaves: paying an employee after giving them a P45"'


def code_after_leaving(tax_code: str) -> str:
    """0T, kept in the PA's tax regime: S0T for a Scottish taxpayer, C0T for a Welsh one."""
    regime = tax_code.strip().upper()[:1]
    return (regime if regime in ("S", "C") else "") + AFTER_LEAVING_CODE


def ni_frequency_after_leaving(frequency: Frequency, regular: bool) -> Frequency:
    """The earnings period for National Insurance and student loans: the usual one for regular pay (hours worked,
    pay missed from the final payslip), a week for a payment that is only irregular."""
    return frequency if regular else Frequency.WEEKLY


def after_leaving_words(name: str, code: str, ni_frequency: Frequency, frequency: Frequency) -> str:
    """What the draft tells the employer about a payment after leaving."""
    basis = "month 1" if frequency is Frequency.MONTHLY else "week 1"
    ni = ("as a one-off weekly payment" if ni_frequency is not frequency
          else f"on {frequency.value.replace('_', '-')} pay, as usual")
    return (f"{name}'s P45 was given, so this is a payment after leaving ({SOURCE}): tax on {code} {basis}, "
            f"National Insurance and any student loan worked {ni}, and no pension contributions. The FPS reports it "
            "with their leaving date and says \"payment after leaving\". Give them the payslip as the written "
            "statement of the payment; never a second P45.")
