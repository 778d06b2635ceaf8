"""The contingency guide from the records: for each PA employed on the day, holiday earned and not taken in the
leave year, a few weeks of sick pay, and the redundancy pay if the job ended that day; beside what is already
owed and what the contingency fund holds. Worked out purely in app/money/liabilities.py.

The leave year is taken to start on 1 April (the year most direct payment employment contracts use, and the
council's financial year). A week's pay is the average over the pay periods paid in the last 12 weeks, or the
contracted hours at the PA's day rate when nothing has been paid yet.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.models import PayRun, Payslip, PersonalAssistant
from app.money.ledger import CONTINGENCY, AccountKind, kind_of
from app.money.liabilities import LiabilityGuide, PaFacts, liability_guide
from app.money.position import Holding
from app.payroll.holiday import leave_year_start
from app.payroll.rates import rates_for, tax_year_or_newest
from app.services.book import EmployerBook
from app.services.ledger_book import account_totals, day_rate_pence
from app.services.pay_run_facts import FINALISED
from app.services.shift_records import hours_worked_and_holiday

WEEK_PAY_WEEKS = 12


def known_liabilities(book: EmployerBook, on: date | None = None, holding: Holding | None = None) -> LiabilityGuide:
    """What to keep aside on a day. `holding` is the account's position that day when the caller has it already
    (the Money screen does: summing ten years of postings twice costs a tenth of a second)."""
    day = on or book.today()
    year_start = leave_year_start(day)
    with book.reading() as session:
        if holding is None:
            totals = account_totals(session, day)
            owed = -sum(v for a, v in totals.items() if kind_of(a) is AccountKind.OWED)
            contingency = totals.get(CONTINGENCY, 0)
        else:
            owed, contingency = holding.owed_pence, holding.contingency_pence
        employed = [pa for pa in session.scalars(select(PersonalAssistant).order_by(
            PersonalAssistant.last_name, PersonalAssistant.first_name))
            if pa.started_on <= day and (pa.left_on is None or pa.left_on >= day) and pa.personal_data_erased_on is None
            and book.budget_id is None]  # PAs are employed from the direct payment, not a second budget
        since = day - timedelta(weeks=WEEK_PAY_WEEKS)
        paid: dict[int, list[tuple[int, int]]] = {}
        for gross, pa_id, first, last in session.execute(
                select(Payslip.gross_pay_pence, Payslip.pa_id, PayRun.period_start, PayRun.period_end).join(PayRun)
                .where(PayRun.status == FINALISED, PayRun.period_end > since, PayRun.period_end <= day)):
            paid.setdefault(pa_id, []).append((gross, (last - first).days + 1))
        hours = hours_worked_and_holiday(session, year_start, day)
        facts = []
        for pa in employed:
            day_rate = day_rate_pence(session, pa.id, day)
            periods = paid.get(pa.id, [])
            if periods:
                week = int(Decimal(sum(g for g, _ in periods)) * 7 / sum(d for _, d in periods))
            else:
                week = int((pa.contracted_hours_per_week or Decimal(0)) * day_rate)
            facts.append(PaFacts(pa.full_name, pa.date_of_birth, pa.started_on, week, day_rate, pa.holiday_basis,
                                 pa.contracted_hours_per_week,
                                 *hours.get(pa.id, (Decimal(0), Decimal(0)))))
        return liability_guide(tuple(facts), day, year_start, owed, contingency,
                               rates_for(tax_year_or_newest(day)))  # a year not yet added: the newest held
