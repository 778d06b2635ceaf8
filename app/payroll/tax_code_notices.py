"""Which tax code a payday uses: the PA's starting code (P45 or starter checklist) until HMRC sends another
(a P6 during the year, a P9 for the next), from the first payday on or after the date the notice gives.

HMRC's P9X (the yearly instructions for employers): at the start of a tax year, a code carried forward from
the year before is used on the cumulative basis: any week 1 / month 1 marking ends on 5 April. A P6 may give
the pay and tax of earlier jobs this year; those replace the P45's figures from the payday it applies to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.dates import TaxYear

NOTICE_KINDS = {"p6": "P6: a new code during the tax year", "p9": "P9: the code for the next tax year"}


@dataclass(frozen=True, slots=True)
class CodeNotice:
    kind: str  # p6, p9
    tax_code: str
    week1_month1: bool
    applies_from: date
    previous_pay_pence: int | None = None
    previous_tax_pence: int | None = None


@dataclass(frozen=True, slots=True)
class CodeInForce:
    tax_code: str
    week1_month1: bool
    note: str  # why the basis differs from what was recorded, in words; "" otherwise
    previous_pay_pence: int | None  # from the notice in force, when it gives them
    previous_tax_pence: int | None


def code_in_force(start_code: str, start_week1: bool, started_on: date, notices: tuple[CodeNotice, ...],
                  pay_date: date) -> CodeInForce:
    in_force = [n for n in notices if n.applies_from <= pay_date]
    chosen = max(in_force, key=lambda n: n.applies_from) if in_force else None
    code, week1, since = ((chosen.tax_code, chosen.week1_month1, chosen.applies_from) if chosen
                          else (start_code, start_week1, started_on))
    year_start = TaxYear.containing(pay_date).first_day
    note = ""
    if week1 and since < year_start:
        week1 = False
        note = (f"The tax code {code} was on the week 1 / month 1 basis last tax year; from 6 April it is used "
                "cumulatively (HMRC's P9X), until HMRC sends a new code.")
    this_year = chosen is not None and chosen.applies_from >= year_start
    return CodeInForce(code, week1, note, chosen.previous_pay_pence if chosen and this_year else None,
                       chosen.previous_tax_pence if chosen and this_year else None)
