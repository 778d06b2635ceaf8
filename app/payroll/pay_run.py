"""A pay run: every PA's payslip for one pay date, worked out together, with what to look at before it is final.

Each payslip comes from `calculate_payslip` and is never recombined from its pieces. The run adds what
only a run knows: the tax period of the pay date, the year to date carried from earlier runs, the
Employment Allowance used up PA by PA, the one-off additions and deductions, and the warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from app.core.dates import TaxYear, tax_month, tax_week
from app.core.money import format_pounds
from app.core.problems import Problem
from app.payroll.after_leaving import after_leaving_words, code_after_leaving, ni_frequency_after_leaving
from app.payroll.holiday import irregular_accrual_hours, leave_year_start
from app.payroll.minimum_wage import MinimumWageInput, check_minimum_wage
from app.payroll.payslip import PayElement, PayslipInput, PayslipResult, PensionMembership, calculate_payslip
from app.payroll.pension import Refund
from app.payroll.periods import Frequency
from app.payroll.rates import UnsupportedTaxYear, rates_for
from app.payroll.ssp import SspInPeriod


class AdditionKind(StrEnum):
    """A one-off line on a payslip besides the hours worked."""

    BONUS = "bonus"  # pay: taxed, NI and pension
    BACK_PAY = "back_pay"  # pay owed from an earlier period (a correction in a later run)
    HOLIDAY_PAY = "holiday_pay"  # e.g. holiday earned but not taken, paid on leaving
    EXPENSES = "expenses"  # money the PA spent for the employer, paid back: not pay, so no tax or NI
    DEDUCTION = "deduction"  # taken from net pay after tax, e.g. repaying an advance

    @property
    def is_pay(self) -> bool:
        return self in (AdditionKind.BONUS, AdditionKind.BACK_PAY, AdditionKind.HOLIDAY_PAY)

    @property
    def words(self) -> str:
        return ADDITION_WORDS[self]


ADDITION_WORDS = {
    AdditionKind.BONUS: "bonus", AdditionKind.BACK_PAY: "back pay", AdditionKind.HOLIDAY_PAY: "holiday pay",
    AdditionKind.EXPENSES: "expenses paid back", AdditionKind.DEDUCTION: "deduction from net pay",
}


class TimesheetState(StrEnum):
    APPROVED = "approved"
    NOT_APPROVED = "not_approved"  # shifts recorded, timesheet not yet approved
    NONE = "none"  # nothing recorded for the period


@dataclass(frozen=True, slots=True)
class Addition:
    kind: AdditionKind
    description: str
    amount_pence: int


@dataclass(frozen=True, slots=True)
class TimeLine:
    """One line of approved time: minutes (or sleep-ins counted) of one kind at one rate."""

    kind: str
    words: str  # "day", "sleep-in"
    minutes: int
    units: int
    rate_pence: int
    amount_pence: int
    flat: bool


@dataclass(frozen=True, slots=True)
class YearToDate:
    """One PA's figures in this employment so far this tax year."""

    gross_pay_pence: int = 0
    taxable_pay_pence: int = 0
    tax_pence: int = 0
    employee_ni_pence: int = 0
    employer_ni_pence: int = 0
    employee_pension_pence: int = 0
    employer_pension_pence: int = 0
    student_loan_pence: int = 0
    postgraduate_loan_pence: int = 0

    def plus(self, slip: PayslipResult, refund: Refund | None = None) -> YearToDate:
        """With one more payslip, and any pension contributions it pays back (taken off the pension so far)."""
        back = refund or Refund(0, 0)
        return YearToDate(
            self.gross_pay_pence + slip.gross_pay_pence, self.taxable_pay_pence + slip.taxable_pay_pence,
            self.tax_pence + slip.tax_pence, self.employee_ni_pence + slip.employee_ni_pence,
            self.employer_ni_pence + slip.employer_ni_pence,
            self.employee_pension_pence + slip.employee_pension_pence - back.employee_pence,
            self.employer_pension_pence + slip.employer_pension_pence - back.employer_pence,
            self.student_loan_pence + slip.student_loan_pence, self.postgraduate_loan_pence + slip.postgraduate_loan_pence)


@dataclass(frozen=True, slots=True)
class PreviousEmployment:
    """Pay and tax from the PA's P45 for this tax year (used for the cumulative tax, not shown as ours)."""

    taxable_pay_pence: int = 0
    tax_pence: int = 0


@dataclass(frozen=True, slots=True)
class PaInRun:
    pa_id: int
    name: str
    age: int | None  # None: no date of birth recorded
    tax_code: str
    week1_month1: bool
    ni_category: str
    student_loan_plans: tuple[str, ...]
    postgraduate_loan: bool
    pension: PensionMembership | None  # None: not a member
    pension_status: str  # "enrolled", "to_assess", "opted_out", "postponed", "not_eligible"
    timesheet: TimesheetState
    time_lines: tuple[TimeLine, ...]
    additions: tuple[Addition, ...] = ()
    year_to_date: YearToDate = YearToDate()
    previous_employment: PreviousEmployment = PreviousEmployment()
    minimum_wage: MinimumWageInput | None = None
    tax_code_note: str = ""  # why this code is used, when it is not one HMRC sent (the emergency code)
    left_on: date | None = None
    ssp: SspInPeriod | None = None  # Statutory Sick Pay for days in this period
    holiday: HolidayInPeriod | None = None  # holiday recorded as an absence, paid at the 52-week average
    irregular_hours: bool = False  # holiday accrues at 12.07% of hours worked (Working Time Regs. reg. 15B)
    holiday_balance: str = ""  # the leave year's holiday at the period's end, as the payslip says it
    absence_notes: tuple[str, ...] = ()  # what the absence records say to look at (a fit note due...)
    pension_refund: Refund | None = None  # an opt-out in time: contributions still to pay back
    pension_postponed_until: date | None = None  # automatic enrolment postponed until this day
    paid_after_leaving: bool = False  # their P45 was given: 0T week 1 / month 1 (see app.payroll.after_leaving)

    @property
    def refund_pence(self) -> int:
        return self.pension_refund.employee_pence if self.pension_refund else 0

    @property
    def ssp_pence(self) -> int:
        return self.ssp.amount_pence if self.ssp else 0

    @property
    def holiday_pence(self) -> int:
        return self.holiday.amount_pence if self.holiday else 0


@dataclass(frozen=True, slots=True)
class HolidayInPeriod:
    days: int
    day_rate_pence: int

    @property
    def amount_pence(self) -> int:
        return self.days * self.day_rate_pence


@dataclass(frozen=True, slots=True)
class RunFacts:
    frequency: Frequency
    period_start: date
    period_end: date
    pay_date: date
    pas: tuple[PaInRun, ...]
    claims_employment_allowance: bool = True
    employment_allowance_used_before_pence: int = 0


@dataclass(frozen=True, slots=True)
class SlipLine:
    """A line of a payslip: what it is for, hours and rate where pay varies with time worked, the amount."""

    kind: str
    description: str
    hours: Decimal | None
    rate_pence: int | None
    amount_pence: int


@dataclass(frozen=True, slots=True)
class DraftPayslip:
    pa_id: int
    name: str
    lines: tuple[SlipLine, ...]
    after_tax: tuple[SlipLine, ...]  # expenses paid back, deductions from net pay
    result: PayslipResult
    tax_code: str
    ni_category: str
    week1_month1: bool
    expenses_pence: int
    deductions_pence: int
    year_to_date: YearToDate  # including this payslip
    warnings: tuple[str, ...]
    holiday_words: str = ""  # "Holiday earned this pay period: 5.23 hours (12.07% of 43.33 hours worked)"
    pension_refund_pence: int = 0  # the PA's own contributions paid back after an opt-out (from taxed pay)
    employer_pension_refund_pence: int = 0  # the employer's contributions the scheme gives back
    paid_after_leaving: bool = False  # paid after the PA's P45 was given (the FPS says so)
    ni_frequency: Frequency | None = None  # the earnings period National Insurance was worked on, when not the run's

    @property
    def paid_to_pa_pence(self) -> int:
        """What goes into the PA's bank account: net pay, plus expenses and pension contributions paid back,
        less deductions."""
        return self.result.net_pay_pence + self.expenses_pence + self.pension_refund_pence - self.deductions_pence

    @property
    def pension_pence(self) -> int:
        """What this payslip adds to the pension scheme's bill: contributions, less any paid back."""
        return (self.result.employee_pension_pence + self.result.employer_pension_pence - self.pension_refund_pence
                - self.employer_pension_refund_pence)


@dataclass(frozen=True, slots=True)
class RunDraft:
    tax_year: str
    period: int  # tax week (or 54/56) or tax month of the pay date
    payslips: tuple[DraftPayslip, ...]
    problems: tuple[Problem, ...]  # what stops the run being finalised (each payslip has its own warnings)
    employment_allowance_used_pence: int

    @property
    def gross_pay_pence(self) -> int:
        return sum(s.result.gross_pay_pence for s in self.payslips)

    @property
    def paid_to_pas_pence(self) -> int:
        return sum(s.paid_to_pa_pence for s in self.payslips)

    @property
    def due_to_hmrc_pence(self) -> int:
        return sum(s.result.due_to_hmrc_pence for s in self.payslips)

    @property
    def pension_pence(self) -> int:
        """Owed to the pension scheme by this run; below nothing when opt-out refunds are more than it."""
        return sum(s.pension_pence for s in self.payslips)

    @property
    def employer_cost_pence(self) -> int:
        return sum(s.result.employer_cost_pence + s.expenses_pence - s.employer_pension_refund_pence
                   for s in self.payslips)


def tax_period(frequency: Frequency, pay_date: date) -> int:
    """The tax period of a pay date: the tax month for monthly pay, otherwise the tax week; a payday in tax
    week 53 is week 53, 54 or 56 for weekly, fortnightly or four-weekly pay (HMRC's "week 53" guidance: pay
    on the week 1 basis with the week 53, 54 or 56 tables)."""
    if frequency is Frequency.MONTHLY:
        return tax_month(pay_date)
    week = tax_week(pay_date)
    return frequency.highest_period if week == 53 else week


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


LINE_ORDER = ("day", "night", "weekend", "bank_holiday", "waking_night", "sleep_in", "training", "holiday", "sick")


def _line_order(line: TimeLine) -> tuple[int, int]:
    return (LINE_ORDER.index(line.kind) if line.kind in LINE_ORDER else len(LINE_ORDER), line.rate_pence)


def slip_lines(pa: PaInRun) -> tuple[SlipLine, ...]:
    """The pay lines: time worked by kind (hours and rate), then one-off pay."""
    lines = []
    for line in sorted(pa.time_lines, key=_line_order):
        if line.flat:
            lines.append(SlipLine(line.kind, f"{line.units} × {line.words} at {format_pounds(line.rate_pence)}",
                                  None, line.rate_pence, line.amount_pence))
        else:
            lines.append(SlipLine(line.kind, f"{line.words} hours".capitalize(), _hours(line.minutes),
                                  line.rate_pence, line.amount_pence))
    if pa.holiday is not None and pa.holiday.days:
        plural = "s" if pa.holiday.days != 1 else ""
        lines.append(SlipLine("holiday_average", f"Holiday pay ({pa.holiday.days} day{plural} at "
                              f"{format_pounds(pa.holiday.day_rate_pence)}, the 52-week average)", None, None,
                              pa.holiday.amount_pence))
    if pa.ssp is not None and pa.ssp.amount_pence:
        days = len(pa.ssp.days)
        lines.append(SlipLine("ssp", f"Statutory Sick Pay ({days} day{'s' if days != 1 else ''})", None, None,
                              pa.ssp.amount_pence))
    for extra in pa.additions:
        if extra.kind.is_pay:
            lines.append(SlipLine(extra.kind.value, _described(extra), None, None, extra.amount_pence))
    return tuple(lines)


PENSION_REFUND = "pension_refund"  # an after-tax line: the PA's pension contributions paid back


def after_tax_lines(pa: PaInRun) -> tuple[SlipLine, ...]:
    """Expenses paid back and deductions from net pay, each as the payslip names it, then any pension
    contributions paid back after an opt-out."""
    lines = [SlipLine(extra.kind.value, _described(extra), None, None, extra.amount_pence)
             for extra in pa.additions if not extra.kind.is_pay]
    if pa.refund_pence:
        lines.append(SlipLine(PENSION_REFUND, "Pension contributions paid back (you opted out)", None, None,
                              pa.refund_pence))
    return tuple(lines)


def _described(extra: Addition) -> str:
    words = extra.kind.words.capitalize()
    return f"{words} ({extra.description})" if extra.description else words


def _elements(pa: PaInRun) -> tuple[PayElement, ...]:
    elements = [PayElement(line.kind, line.words, line.amount_pence) for line in pa.time_lines]
    if pa.ssp_pence:
        elements.append(PayElement("ssp", "Statutory Sick Pay", pa.ssp_pence))  # taxed, NI and pensionable
    if pa.holiday_pence:
        elements.append(PayElement("holiday", "Holiday pay", pa.holiday_pence))
    elements += [PayElement(extra.kind.value, extra.description, extra.amount_pence)
                 for extra in pa.additions if extra.kind.is_pay]
    return tuple(elements)


def _after_leaving(pa: PaInRun, frequency: Frequency) -> tuple[str, bool, Frequency | None]:
    """The tax code, its basis and the National Insurance earnings period for a PA's pay in this run."""
    if not pa.paid_after_leaving:
        return pa.tax_code, pa.week1_month1, None
    regular = bool(pa.time_lines) or any(a.kind is AdditionKind.BACK_PAY for a in pa.additions)
    return code_after_leaving(pa.tax_code), True, ni_frequency_after_leaving(frequency, regular)


def _warnings(pa: PaInRun, slip: PayslipResult, facts: RunFacts, tax_year: str) -> list[str]:
    found: list[str] = list(pa.absence_notes)
    if pa.paid_after_leaving:
        code, _week1, ni_frequency = _after_leaving(pa, facts.frequency)
        found.append(after_leaving_words(pa.name, code, ni_frequency or facts.frequency, facts.frequency))
    if pa.ssp is not None:
        if pa.ssp.waiting_days:
            found.append(f"{pa.name}: {len(pa.ssp.waiting_days)} waiting day(s) in this period, when no SSP is paid "
                         "(the rules before 6 April 2026).")
        found += [f"{pa.name}: {note[:1].upper()}{note[1:]}." for note in pa.ssp.notes]
    if pa.tax_code_note:
        found.append(pa.tax_code_note)
    if pa.minimum_wage is not None:
        check = check_minimum_wage(pa.minimum_wage)
        if check.underpaid:
            found.append(f"{pa.name} is paid {format_pounds(check.shortfall_pence)} less than the minimum wage for "
                         f"this period ({format_pounds(check.hourly_rate_pence)} an hour). Add back pay of at least "
                         f"{format_pounds(check.shortfall_pence)} to this run.")
    if pa.age is None:
        found.append(f"Add {pa.name}'s date of birth: without it the minimum wage and pension cannot be checked.")
    if pa.student_loan_plans and pa.year_to_date.student_loan_pence == 0 and slip.student_loan_pence > 0:
        found.append(f"Student loan deductions start for {pa.name} in this run (plan "
                     f"{', '.join(pa.student_loan_plans)}), as the start notice says.")
    if pa.pension_refund is not None and pa.pension_refund.total_pence:
        refund = pa.pension_refund
        found.append(f"{pa.name} opted out of the workplace pension in time, so this run pays back the "
                     f"{format_pounds(refund.employee_pence)} they paid in. The scheme gives back "
                     f"{format_pounds(refund.total_pence)} (theirs and your {format_pounds(refund.employer_pence)}): "
                     "it is taken off what you owe the scheme.")
    postponed = pa.pension_postponed_until if pa.pension_status == "postponed" else None
    # a leaver paid after their P45 is no longer a worker, so there is no enrolment duty
    must_enrol = slip.pension_must_enrol and pa.pension is None and not pa.paid_after_leaving
    if must_enrol and postponed is not None and postponed > facts.period_end:
        found.append(f"{pa.name} earns enough to be enrolled in the workplace pension; enrolment is postponed until "
                     f"{postponed:%d %B %Y}.")
    elif must_enrol and pa.pension_status != "opted_out":
        found.append(f"{pa.name} now earns enough to be enrolled in a workplace pension. Enrol them, or postpone "
                     "for up to 3 months and write to them, within 6 weeks (The Pensions Regulator).")
    if slip.tax_limited_by_regulation:
        found.append(f"{pa.name}'s tax is limited to half of this period's pay; the rest is collected later.")
    if (facts.claims_employment_allowance and slip.employment_allowance_offset_pence > 0
            and slip.employment_allowance_remaining_pence == 0):
        annual = rates_for(tax_year).employment_allowance_pence
        found.append(f"The Employment Allowance ({format_pounds(annual)} for {tax_year}) is used up in this run. "
                     "From the next run you pay all employer National Insurance.")
    return found


def holiday_earned_words(pa: PaInRun, tax_year: str, period_start: date) -> str:
    if not pa.irregular_hours:
        return ""
    minutes = sum(line.minutes for line in pa.time_lines if not line.flat and line.kind != "holiday")
    worked = _hours(minutes)
    earned = irregular_accrual_hours(worked, tax_year, leave_year_start(period_start))
    percent = rates_for(tax_year).holiday.irregular_accrual_percent
    return f"Holiday earned this pay period: {earned} hours ({percent}% of {worked} hours worked)"


def _holiday_words(pa: PaInRun, tax_year: str, period_start: date) -> str:
    """What the payslip says about holiday: hours earned in the period (irregular hours), then the balance."""
    return ". ".join(words for words in (holiday_earned_words(pa, tax_year, period_start), pa.holiday_balance) if words)


def _pa_problems(pa: PaInRun, facts: RunFacts) -> list[Problem]:
    found = []
    if pa.timesheet is TimesheetState.NOT_APPROVED:
        found.append(Problem(f"{pa.name}'s timesheet for this period is not approved. Approve it on the "
                             "Timesheets screen, then come back to this pay run.", "timesheet"))
    if pa.left_on is not None and pa.left_on < facts.period_start and not pa.additions:
        found.append(Problem(f"{pa.name} left on {pa.left_on:%d %B %Y}, before this period.", "pa"))
    for extra in pa.additions:
        if extra.amount_pence <= 0:
            found.append(Problem(f"{pa.name}: the {extra.kind.words} \"{extra.description}\" must be more than £0.",
                                 "amount"))
    return found


def draft_pay_run(facts: RunFacts) -> RunDraft:
    """Every payslip of the run, the problems that stop it being finalised, and what to look at."""
    tax_year = TaxYear.containing(facts.pay_date).label
    problems: list[Problem] = []
    try:
        rates_for(tax_year)
    except UnsupportedTaxYear as exc:
        return RunDraft(tax_year, 0, (), (Problem(str(exc), "pay_date"),), 0)
    if facts.pay_date < facts.period_start:
        problems.append(Problem("The pay date is before the pay period starts. Pay on or after the period's first "
                                "day.", "pay_date"))
    period = tax_period(facts.frequency, facts.pay_date)
    ea_used = facts.employment_allowance_used_before_pence
    slips = []
    for pa in facts.pas:
        pa_problems = _pa_problems(pa, facts)
        problems += pa_problems
        if (pa.timesheet is not TimesheetState.APPROVED and not pa.additions and not pa.ssp_pence
                and not pa.holiday_pence and not pa.refund_pence):
            continue
        if any(p.field == "amount" for p in pa_problems):
            continue
        age = pa.age if pa.age is not None else 30  # only pension and the minimum wage use it; both warned above
        code, week1, ni_frequency = _after_leaving(pa, facts.frequency)
        try:
            result = calculate_payslip(PayslipInput(
                tax_year=tax_year, frequency=facts.frequency, period=period, tax_code=code,
                ni_category=pa.ni_category, age=age, elements=_elements(pa), week1_month1=week1,
                taxable_pay_before_pence=pa.previous_employment.taxable_pay_pence + pa.year_to_date.taxable_pay_pence,
                tax_paid_before_pence=pa.previous_employment.tax_pence + pa.year_to_date.tax_pence,
                student_loan_plans=pa.student_loan_plans, postgraduate_loan=pa.postgraduate_loan,
                pension=None if pa.paid_after_leaving else pa.pension, employment_allowance_used_before_pence=ea_used,
                claims_employment_allowance=facts.claims_employment_allowance, ni_frequency=ni_frequency))
        except ValueError as exc:
            problems.append(Problem(f"{pa.name}: {exc}", "pa"))
            continue
        expenses = sum(a.amount_pence for a in pa.additions if a.kind is AdditionKind.EXPENSES)
        deductions = sum(a.amount_pence for a in pa.additions if a.kind is AdditionKind.DEDUCTION)
        slip = DraftPayslip(pa.pa_id, pa.name, slip_lines(pa), after_tax_lines(pa), result, code, pa.ni_category,
                            week1, expenses, deductions, pa.year_to_date.plus(result, pa.pension_refund),
                            tuple(_warnings(pa, result, facts, tax_year)), _holiday_words(pa, tax_year, facts.period_start),
                            pa.refund_pence, pa.pension_refund.employer_pence if pa.pension_refund else 0,
                            pa.paid_after_leaving, ni_frequency)
        if slip.paid_to_pa_pence < 0:
            problems.append(Problem(f"{pa.name} would be paid less than nothing ({format_pounds(slip.paid_to_pa_pence)})"
                                    ". Make the deduction smaller, or take it over more than one run.", "amount"))
        ea_used += result.employment_allowance_offset_pence
        slips.append(slip)
    if not slips and not problems:
        problems.append(Problem("No PA has approved hours or a payment in this period, so there is nothing to pay. "
                                "Approve timesheets first.", "pas"))
    return RunDraft(tax_year, period, tuple(slips), tuple(problems), ea_used - facts.employment_allowance_used_before_pence)
