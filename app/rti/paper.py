"""The paper route to HMRC, for employers HMRC has agreed are exempt from filing online (a care and support
employer who employs someone at home for a disabled, elderly or infirm person and does the payroll themselves).

They report the same facts as an FPS, a quarter at a time (HMRC manuals DMBM519240 and NIM11565):
- an **RT11** deductions working sheet for each employee, kept by the employer, a line for each payday;
- an **RT2** Full Quarterly Payment Summary for each employee paid in the quarter, sent so it reaches HMRC by the
  19th of the month after the quarter ends (19 July, 19 October, 19 January, 19 April);
- an **RT5** Employer Payment Summary with it when nobody was paid in the quarter (instead of any RT2) or to
  claim a reduction (the Employment Allowance, statutory pay recovered).

HMRC posts the blank forms; PA Books works out what goes on them, section by section, from the same payment
records an FPS is made from (`FpsEmployee`, one per PA per payday), so the paper and online routes never
disagree. Pure: no clock, no storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.core.dates import TaxYear
from app.core.problems import Problem
from app.payroll.paying_hmrc import month_ends, month_starts
from app.rti.fps import FpsEmployee, FpsStarter

QUARTERS = (1, 2, 3, 4)
MONTHS_IN_QUARTER = 3


@dataclass(frozen=True, slots=True, order=True)
class TaxQuarter:
    """A quarter of a tax year: 1 is 6 April to 5 July, 2 to 5 October, 3 to 5 January, 4 to 5 April."""

    tax_year: str
    number: int

    def __post_init__(self) -> None:
        TaxYear.parse(self.tax_year)
        if self.number not in QUARTERS:
            raise ValueError(f"A tax quarter is 1 to 4, not {self.number}.")

    @property
    def first_day(self) -> date:
        return month_starts(self.tax_year, (self.number - 1) * MONTHS_IN_QUARTER + 1)

    @property
    def last_day(self) -> date:
        return month_ends(self.tax_year, self.number * MONTHS_IN_QUARTER)

    def due_on(self, due_day: int) -> date:
        """When the quarter's RT2s must reach HMRC: `due_day` of the month the quarter ends in (it ends on a 5th)."""
        return self.last_day.replace(day=due_day)

    @property
    def key(self) -> str:
        return f"{self.tax_year}:{self.number}"

    @classmethod
    def parse(cls, key: str) -> TaxQuarter:
        """From "2026-27:3" (as `key` writes it)."""
        year, _, number = key.partition(":")
        if not number.isdigit():
            raise ValueError(f"\"{key}\" is not a tax quarter: write the tax year and the quarter, such as 2026-27:3.")
        return cls(year, int(number))

    def previous(self) -> TaxQuarter:
        if self.number > 1:
            return TaxQuarter(self.tax_year, self.number - 1)
        return TaxQuarter(TaxYear(TaxYear.parse(self.tax_year).start_year - 1).label, 4)

    def following(self) -> TaxQuarter:
        if self.number < 4:
            return TaxQuarter(self.tax_year, self.number + 1)
        return TaxQuarter(TaxYear(TaxYear.parse(self.tax_year).start_year + 1).label, 1)


def quarter_containing(day: date) -> TaxQuarter:
    year = TaxYear.containing(day)
    quarter = next(n for n in reversed(QUARTERS) if TaxQuarter(year.label, n).first_day <= day)
    return TaxQuarter(year.label, quarter)


@dataclass(frozen=True, slots=True)
class Rt2NiLetter:
    """One NI category letter's figures on an RT2: in the quarter, and in the tax year to the quarter's last pay."""

    letter: str
    gross_in_quarter_pence: int
    employee_in_quarter_pence: int
    employer_in_quarter_pence: int
    gross_to_date_pence: int
    at_lel_to_date_pence: int
    lel_to_pt_to_date_pence: int
    pt_to_uel_to_date_pence: int
    employee_to_date_pence: int
    employer_to_date_pence: int


@dataclass(frozen=True, slots=True)
class Rt2:
    """What one PA's RT2 for a quarter says: who they are (from their last payment in the quarter), their starter
    and leaver facts, the quarter's pay and deductions summed over its paydays, and the year to date."""

    quarter: TaxQuarter
    latest: FpsEmployee  # the last payment in the quarter: personal and payment details, the year to date
    pay_dates: tuple[date, ...]
    starter: FpsStarter | None  # when the quarter holds their first payment in this employment
    leaving_date: date | None
    taxable_pay_pence: int
    tax_pence: int
    student_loan_pence: int
    postgraduate_loan_pence: int
    non_taxable_payments_pence: int
    deductions_from_net_pay_pence: int
    ni_letters: tuple[Rt2NiLetter, ...]


def rt2_for(quarter: TaxQuarter, payments: Sequence[tuple[date, FpsEmployee]]) -> Rt2:
    """One PA's RT2 from their payments in the quarter (pay date and payment), in any order."""
    if not payments:
        raise ValueError("An RT2 is for a PA paid in the quarter: there are no payments.")
    ordered = sorted(payments, key=lambda pair: pair[0])
    outside = [day for day, _ in ordered if not quarter.first_day <= day <= quarter.last_day]
    if outside:
        raise ValueError(f"A payment on {outside[0]:%d/%m/%Y} is not in the quarter.")
    each = [payment for _, payment in ordered]
    latest = each[-1]
    letters: dict[str, list[Rt2NiLetter]] = {}
    for payment in each:
        for ni in payment.ni_letters:
            letters.setdefault(ni.letter, []).append(Rt2NiLetter(
                ni.letter, ni.gross_in_period_pence, ni.employee_in_period_pence, ni.employer_in_period_pence,
                ni.gross_to_date_pence, ni.at_lel_to_date_pence, ni.lel_to_pt_to_date_pence,
                ni.pt_to_uel_to_date_pence, ni.employee_to_date_pence, ni.employer_to_date_pence))
    ni_letters = tuple(Rt2NiLetter(
        letter, sum(x.gross_in_quarter_pence for x in group), sum(x.employee_in_quarter_pence for x in group),
        sum(x.employer_in_quarter_pence for x in group), group[-1].gross_to_date_pence,
        group[-1].at_lel_to_date_pence, group[-1].lel_to_pt_to_date_pence, group[-1].pt_to_uel_to_date_pence,
        group[-1].employee_to_date_pence, group[-1].employer_to_date_pence) for letter, group in letters.items())
    return Rt2(
        quarter, latest, tuple(day for day, _ in ordered),
        next((p.starter for p in each if p.starter is not None), None),
        next((p.leaving_date for p in reversed(each) if p.leaving_date is not None), None),
        sum(p.taxable_pay_pence for p in each), sum(p.tax_pence for p in each),
        sum(p.student_loan_pence for p in each), sum(p.postgraduate_loan_pence for p in each),
        sum(p.non_taxable_payments_pence for p in each), sum(p.deductions_from_net_pay_pence for p in each),
        ni_letters)


def rt2_problems(rt2: Rt2) -> list[Problem]:
    """What the RT2 needs that the PA's record does not have, in words. Without an NI number HMRC finds the
    person by date of birth, gender and address (as on the FPS)."""
    e = rt2.latest
    name = f"{e.forename} {e.surname}".strip()
    if e.ni_number:
        return []
    missing = [words for words, there in (("date of birth", e.birth_date is not None),
                                           ("address", bool(e.address_lines))) if not there]
    if not missing:
        return []
    return [Problem(f"{name} has no National Insurance number, so HMRC needs their {' and '.join(missing)} on the "
                    "RT2: add them on the PAs screen.", f"pa:{e.pay_id}")]


@dataclass(frozen=True, slots=True)
class Rt5:
    """The RT5 for a quarter, when one is needed: nobody was paid (sent instead of RT2s), or the Employment
    Allowance is claimed (sent with the RT2s)."""

    quarter: TaxQuarter
    nobody_paid: bool
    claim_employment_allowance: bool

    @property
    def needed(self) -> bool:
        return self.nobody_paid or self.claim_employment_allowance


def rt5_for(quarter: TaxQuarter, paid_in_quarter: bool, employed_in_quarter: bool, paid_before: bool,
            claims_allowance: bool, allowance_claimed_this_year: bool) -> Rt5:
    """Nobody paid: someone was employed in the quarter, the employer has run payroll before it, and no payday fell
    in it (as for the EPS a month with no pay needs). The Employment Allowance: claimed once a tax year, on the RT5
    sent with the year's first RT2s."""
    nobody_paid = not paid_in_quarter and employed_in_quarter and paid_before
    claim = claims_allowance and paid_in_quarter and not allowance_claimed_this_year
    return Rt5(quarter, nobody_paid, claim)
