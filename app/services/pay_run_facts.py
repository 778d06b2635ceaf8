"""What a pay run is worked out from, read from the file: each PA's approved time (the timesheet's snapshot,
never worked out again), the run's additions, the year to date from finalised runs, and the P45 figures."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.dates import LONDON, TaxYear, age_on, each_day
from app.models import PayAddition, PayRun, Payslip, PayslipLine, PersonalAssistant
from app.payroll.holiday import PaidPeriod, holiday_day_rate, holiday_on_leaving_words
from app.payroll.holiday_entitlement import HolidayBalance, payslip_holiday_words
from app.payroll.pay_run import (
    Addition,
    AdditionKind,
    HolidayInPeriod,
    PaInRun,
    PreviousEmployment,
    RunFacts,
    TimeLine,
    TimesheetState,
    YearToDate,
)
from app.payroll.payslip import PensionMembership
from app.payroll.pension import Contribution, Refund, refund_owed
from app.payroll.periods import Frequency
from app.payroll.ssp import SicknessSpell, SspInPeriod, SspInput, average_weekly_earnings, ssp_for_period
from app.payroll.tax_code_notices import CodeInForce, code_in_force
from app.services.book import employer_of
from app.services.holiday_balances import balances_on
from app.services.pa_form import STARTER_STATEMENTS
from app.services.record_absence import SELF_CERTIFY_DAYS, absences_of
from app.services.shift_records import day_bounds, minimum_wage_facts, shifts_of
from app.services.tax_code_notice import notices_of
from app.services.timesheet_views import current_sheet
from app.services.words import TIME_KINDS, long_date
from app.timesheets.pay import KIND_WORDS, PeriodPay, from_snapshot
from app.timesheets.states import TimesheetStatus

FINALISED = "finalised"
DRAFT = "draft"
EMERGENCY_CODE = STARTER_STATEMENTS["A"][0]  # GOV.UK "Emergency tax codes" (W1/M1 unless statement A)


def year_to_date(session: Session, pa_id: int, tax_year: str, before_run_id: int | None = None) -> YearToDate:
    """A PA's figures from the finalised runs of a tax year (pension contributions less any paid back)."""
    query = select(func.coalesce(func.sum(Payslip.gross_pay_pence), 0), func.coalesce(func.sum(Payslip.taxable_pay_pence), 0),
                   func.coalesce(func.sum(Payslip.tax_pence), 0), func.coalesce(func.sum(Payslip.employee_ni_pence), 0),
                   func.coalesce(func.sum(Payslip.employer_ni_pence), 0),
                   func.coalesce(func.sum(Payslip.employee_pension_pence - Payslip.pension_refund_pence), 0),
                   func.coalesce(func.sum(Payslip.employer_pension_pence - Payslip.employer_pension_refund_pence), 0),
                   func.coalesce(func.sum(Payslip.student_loan_pence), 0),
                   func.coalesce(func.sum(Payslip.postgraduate_loan_pence), 0)).join(PayRun).where(
        Payslip.pa_id == pa_id, PayRun.tax_year == tax_year, PayRun.status == FINALISED)
    if before_run_id is not None:
        query = query.where(PayRun.id != before_run_id)
    return YearToDate(*(int(value) for value in session.execute(query).one()))


def paid_after_leaving(slip: Payslip) -> bool:
    """Whether a kept payslip paid a PA after their P45 was given (finalising keeps it in the payslip's details)."""
    return bool(json.loads(slip.details_json or "{}").get("paid_after_leaving"))


def employment_allowance_used(session: Session, tax_year: str) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(Payslip.employment_allowance_offset_pence), 0)).join(
        PayRun).where(PayRun.tax_year == tax_year, PayRun.status == FINALISED)) or 0)


def _time(session: Session, pa: PersonalAssistant, run: PayRun) -> tuple[TimesheetState, PeriodPay | None]:
    if run.kind == "correction":
        return TimesheetState.NONE, None  # the time was paid by the run it corrects
    sheet = current_sheet(session, pa.id, run.period_start, run.period_end)
    if sheet is not None and sheet.status == TimesheetStatus.APPROVED and sheet.pay_snapshot_json:
        return TimesheetState.APPROVED, from_snapshot(json.loads(sheet.pay_snapshot_json))
    first, last = day_bounds(run.period_start, run.period_end)
    if any(s.starts_at >= first for s in shifts_of(session, pa.id, first, last)):
        return TimesheetState.NOT_APPROVED, None
    return TimesheetState.NONE, None


def _tax_code(session: Session, pa: PersonalAssistant, pay_date: date) -> tuple[str, bool, str, CodeInForce | None]:
    """The code for a payday (the starting code, or the latest HMRC notice in force), its basis, and why, in words,
    where PA Books chose it: the emergency code for a starter without one, or a week 1 basis ended by a new year."""
    code = pa.tax_code.strip().upper()
    if code:
        force = code_in_force(code, pa.week1_month1, pa.started_on, notices_of(session, pa.id), pay_date)
        return force.tax_code, force.week1_month1, force.note, force
    cumulative = pa.starter_statement == "A"
    why = (f"{pa.full_name} has no tax code from HMRC or a P45, so the emergency code {EMERGENCY_CODE} is used"
           + ("" if cumulative else " on the week 1 / month 1 basis") + " (starter checklist statement "
           + (pa.starter_statement or "not given") + "). Enter the code HMRC sends when it comes.")
    return EMERGENCY_CODE, not cumulative, why, None


def previous_employment(session: Session, pa: PersonalAssistant, on: date) -> PreviousEmployment:
    """Pay and tax from earlier jobs this tax year: the P45's, or a P6's once it applies (it replaces them)."""
    tax_year = TaxYear.containing(on).label
    previous = (PreviousEmployment(pa.previous_pay_pence, pa.previous_tax_pence)
                if pa.previous_tax_year == tax_year else PreviousEmployment())
    force = code_in_force(pa.tax_code, pa.week1_month1, pa.started_on, notices_of(session, pa.id), on)
    if force.previous_pay_pence is not None:
        previous = PreviousEmployment(force.previous_pay_pence, force.previous_tax_pence or 0)
    return previous


SSP_LOOK_BACK_DAYS = 56  # SSP (General) Regulations 1982 reg. 19: average earnings over the 8 weeks before


def _qualifying_weekdays(session: Session, pa: PersonalAssistant, before: date) -> frozenset[int]:
    """The days the PA normally works: the weekdays of their shifts in the 8 weeks before; Monday to Friday when
    there are none (SSP qualifying days are agreed with the employee; this is the usual pattern)."""
    first, last = day_bounds(before - timedelta(days=SSP_LOOK_BACK_DAYS), before - timedelta(days=1))
    days = frozenset(s.starts_at.astimezone(LONDON).weekday() for s in shifts_of(session, pa.id, first, last)
                     if s.kind not in ("sick", "holiday") and s.status == "worked")
    return days or frozenset(range(5))


def _average_weekly_earnings(session: Session, pa: PersonalAssistant, before: date) -> int:
    rows = session.scalars(select(Payslip.gross_pay_pence).join(PayRun).where(
        Payslip.pa_id == pa.id, PayRun.status == FINALISED, PayRun.pay_date < before,
        PayRun.pay_date >= before - timedelta(days=SSP_LOOK_BACK_DAYS))).all()
    if not rows:
        return 0
    if pa.pay_frequency == "monthly":
        return average_weekly_earnings(sum(rows), "monthly", len(rows))
    return average_weekly_earnings(sum(rows), pa.pay_frequency)


def _sickness(session: Session, pa: PersonalAssistant, run: PayRun) -> tuple[SspInPeriod | None, tuple[str, ...]]:
    """SSP for the run's period from the PA's sickness records (all of them: linked spells and waiting days need
    the history), and what to look at: a fit note after 7 days, parental leave worked out by hand."""
    if run.kind == "correction":
        return None, ()
    absences = absences_of(session, pa.id)
    notes = []
    for a in absences:
        if a.first_day <= run.period_end and a.last_day >= run.period_start:
            if a.kind == "parental":
                notes.append(f"{pa.full_name} is on parental leave from {long_date(a.first_day)}: statutory "
                             "maternity, paternity, adoption or shared parental pay is worked out by hand for now; add "
                             "it to this run as a payment.")
            elif (a.last_day - a.first_day).days + 1 > SELF_CERTIFY_DAYS and a.evidence != "fit_note":
                notes.append(f"{pa.full_name} has been off sick more than 7 days from {long_date(a.first_day)}: ask "
                             "for a fit note.")
    spells = tuple(SicknessSpell(a.first_day, a.last_day) for a in absences
                   if a.kind == "sickness" and a.first_day <= run.period_end)
    in_period = [s for s in spells if s.last_day >= run.period_start]
    if not in_period:
        return None, tuple(notes)
    start = in_period[0].first_day
    ssp = ssp_for_period(SspInput(spells, _qualifying_weekdays(session, pa, start),
                                  _average_weekly_earnings(session, pa, start)), run.period_start, run.period_end)
    shown = {f"{s.first_day:%d %B %Y}" for s in in_period}
    return SspInPeriod(ssp.days, ssp.amount_pence, ssp.waiting_days,
                       tuple(n for n in ssp.notes if any(day in n for day in shown))), tuple(notes)


# Pay for time (and holiday) counts; SSP, sick pay, expenses and one-offs do not.
HOLIDAY_COUNTS = tuple(kind for kind in TIME_KINDS if kind != "sick") + ("holiday_average",)


def _paid_periods(session: Session, pa: PersonalAssistant) -> tuple[PaidPeriod, ...]:
    rows = session.execute(select(Payslip.id, PayRun.period_start, PayRun.period_end).join(PayRun).where(
        Payslip.pa_id == pa.id, PayRun.status == FINALISED, PayRun.kind == "regular")).all()
    periods = []
    for slip_id, start, end in rows:
        pay = session.scalar(select(func.coalesce(func.sum(PayslipLine.amount_pence), 0)).where(
            PayslipLine.payslip_id == slip_id, PayslipLine.kind.in_(HOLIDAY_COUNTS))) or 0
        first, last = day_bounds(start, end)
        days = {s.starts_at.astimezone(LONDON).date() for s in shifts_of(session, pa.id, first, last)
                if s.status == "worked" and s.kind not in ("sick", "holiday") and s.starts_at >= first}
        periods.append(PaidPeriod(end, Decimal((end - start).days + 1) / 7, int(pay), len(days)))
    return tuple(periods)


def _holiday(session: Session, pa: PersonalAssistant, run: PayRun) -> tuple[HolidayInPeriod | None, tuple[str, ...]]:
    """Holiday recorded as an absence, paid for the days in this period the PA normally works, at the pay per
    day worked over the last 52 paid weeks."""
    if run.kind == "correction":
        return None, ()
    days: set[date] = set()
    for a in absences_of(session, pa.id):
        if a.kind == "holiday" and a.first_day <= run.period_end and a.last_day >= run.period_start:
            usual = _qualifying_weekdays(session, pa, a.first_day)
            days |= {d for d in each_day(max(a.first_day, run.period_start), min(a.last_day, run.period_end))
                     if d.weekday() in usual}
    if not days:
        return None, ()
    notes = []
    first, last = day_bounds(run.period_start, run.period_end)
    if any(s.kind == "holiday" for s in shifts_of(session, pa.id, first, last)):
        notes.append(f"{pa.full_name} has holiday shifts in this period as well as holiday recorded as an absence: "
                     "check the same days are not paid twice.")
    rate = holiday_day_rate(_paid_periods(session, pa), min(days))
    if rate is None:
        notes.append(f"{pa.full_name} has {len(days)} day(s) of holiday in this period but no paid weeks to average "
                     "yet: pay them as a one-off holiday pay line.")
        return None, tuple(notes)
    return HolidayInPeriod(len(days), rate.day_rate_pence), tuple(notes)


def contributions_of(session: Session, pa_id: int) -> tuple[Contribution, ...]:
    """Every payday's pension contributions and refunds for a PA, from the finalised payslips."""
    rows = session.execute(select(PayRun.pay_date, Payslip.employee_pension_pence, Payslip.employer_pension_pence,
                                  Payslip.pension_refund_pence, Payslip.employer_pension_refund_pence).join(PayRun).where(
        Payslip.pa_id == pa_id, PayRun.status == FINALISED).order_by(PayRun.pay_date, PayRun.id)).all()
    return tuple(Contribution(*row) for row in rows)


def enrolled_on(session: Session, pa: PersonalAssistant) -> date:
    """When the PA's membership began: as recorded, or (for a membership from before PA Books kept the date) the
    start of the first pay period with contributions, or their first day if later."""
    if pa.pension_enrolled_on is not None:
        return pa.pension_enrolled_on
    first = session.scalar(select(func.min(PayRun.period_start)).join(Payslip).where(
        Payslip.pa_id == pa.id, PayRun.status == FINALISED,
        (Payslip.employee_pension_pence + Payslip.employer_pension_pence) > 0))
    return max(first, pa.started_on) if first is not None else pa.started_on


def pension_refund(session: Session, pa: PersonalAssistant) -> Refund | None:
    """What an opt-out in time still owes the PA and the employer; None when nothing is owed."""
    if pa.pension_status != "opted_out" or pa.pension_left_on is None:
        return None
    start = enrolled_on(session, pa)
    if pa.pension_left_on < start:
        return None
    refund = refund_owed(contributions_of(session, pa.id), start, pa.pension_left_on, pa.pension_letter_on)
    return refund if refund.total_pence > 0 else None


def _member_in(pa: PersonalAssistant, run: PayRun) -> bool:
    """Contributions are taken from pay in the period that holds the enrolment date, and every one after."""
    return pa.pension_status == "enrolled" and (pa.pension_enrolled_on is None
                                                or pa.pension_enrolled_on <= run.period_end)


def _leaving_note(session: Session, pa: PersonalAssistant, run: PayRun, additions: list[PayAddition],
                  balance: HolidayBalance | None) -> tuple[str, ...]:
    """In a leaver's final pay: the holiday they earned and did not take, to be paid with it (or taken beyond it)."""
    if (balance is None or balance.left_hours is None or pa.left_on is None or pa.p45_given_on is not None
            or not run.period_start <= pa.left_on <= run.period_end):
        return ()
    rate = holiday_day_rate(_paid_periods(session, pa), run.period_start)
    added = sum(a.amount_pence for a in additions if a.kind == "holiday_pay")
    words = holiday_on_leaving_words(pa.full_name, pa.left_on, balance.left_hours, balance.day_hours,
                                     rate.day_rate_pence if rate else None, added)
    return (words,) if words else ()


def _pa_in_run(session: Session, pa: PersonalAssistant, run: PayRun, additions: list[PayAddition],
               holiday_balance: str, leaving_note: tuple[str, ...] = ()) -> PaInRun:
    state, pay = _time(session, pa, run)
    lines = () if pay is None else tuple(
        TimeLine(line.kind, KIND_WORDS.get(line.kind, line.kind), line.minutes, line.units, line.rate_pence,
                 line.amount_pence, line.flat) for line in pay.lines)
    code, week1, why, _force = _tax_code(session, pa, run.pay_date)
    after_leaving = pa.p45_given_on is not None  # GOV.UK: paying an employee after giving them a P45
    ssp: SspInPeriod | None = None
    holiday: HolidayInPeriod | None = None
    absence_notes: tuple[str, ...] = ()
    holiday_notes: tuple[str, ...] = ()
    if after_leaving:  # only the one-off payments added to the run: no absences, pension or P45 figures now
        why, previous = "", PreviousEmployment()
    else:
        ssp, absence_notes = _sickness(session, pa, run)
        holiday, holiday_notes = _holiday(session, pa, run)
        previous = previous_employment(session, pa, run.pay_date)
    return PaInRun(
        pa_id=pa.id, name=pa.full_name, age=age_on(pa.date_of_birth, run.pay_date) if pa.date_of_birth else None,
        tax_code=code, week1_month1=week1, ni_category=pa.ni_category,
        student_loan_plans=tuple(p for p in pa.student_loan_plans.split(",") if p.strip()),
        postgraduate_loan=pa.postgraduate_loan,
        pension=PensionMembership() if _member_in(pa, run) and not after_leaving else None,
        pension_status=pa.pension_status,
        timesheet=state, time_lines=lines,
        additions=tuple(Addition(AdditionKind(a.kind), a.description, a.amount_pence) for a in additions),
        year_to_date=year_to_date(session, pa.id, run.tax_year, run.id), previous_employment=previous,
        minimum_wage=(minimum_wage_facts(pay, run.period_start, pa.date_of_birth)
                      if pay is not None and pa.date_of_birth else None),
        tax_code_note=why, left_on=pa.left_on, ssp=ssp, holiday=holiday,
        irregular_hours=pa.contract_type == "irregular_hours",
        absence_notes=absence_notes + holiday_notes + leaving_note,
        holiday_balance=holiday_balance, pension_postponed_until=pa.pension_postponed_until,
        pension_refund=None if run.kind == "correction" or after_leaving else pension_refund(session, pa),
        paid_after_leaving=after_leaving)


@dataclass(frozen=True, slots=True)
class GatheredRun:
    run: PayRun
    facts: RunFacts
    names: dict[int, str]


def gather(session: Session, run: PayRun) -> GatheredRun:
    """The facts for a run: every PA paid at its frequency who worked for the employer in its period, and any
    PA with an addition in it."""
    employer = employer_of(session)
    by_pa: dict[int, list[PayAddition]] = {}
    for addition in session.scalars(select(PayAddition).where(PayAddition.pay_run_id == run.id).order_by(PayAddition.id)):
        by_pa.setdefault(addition.pa_id, []).append(addition)
    query = select(PersonalAssistant).where(PersonalAssistant.pay_frequency == run.frequency).order_by(
        PersonalAssistant.last_name, PersonalAssistant.first_name)
    pas = [pa for pa in session.scalars(query) if pa.id in by_pa or (
        run.kind != "correction" and pa.p45_given_on is None and pa.started_on <= run.period_end
        and (pa.left_on is None or pa.left_on >= run.period_start))]
    employed = [pa for pa in pas if pa.p45_given_on is None]  # a leaver paid after their P45 has no balance now
    balances = {} if run.kind == "correction" else balances_on(session, employed, run.period_end)
    facts = RunFacts(
        frequency=Frequency(run.frequency), period_start=run.period_start, period_end=run.period_end,
        pay_date=run.pay_date, pas=tuple(_pa_in_run(
            session, pa, run, by_pa.get(pa.id, []), payslip_holiday_words(balances[pa.id]) if pa.id in balances else "",
            _leaving_note(session, pa, run, by_pa.get(pa.id, []), balances.get(pa.id))) for pa in pas),
        claims_employment_allowance=employer.claims_employment_allowance,
        employment_allowance_used_before_pence=employment_allowance_used(session, run.tax_year))
    return GatheredRun(run, facts, {pa.id: pa.full_name for pa in pas})


def tax_year_of(day: date) -> str:
    return TaxYear.containing(day).label
