"""The `calc` command: JSON Lines requests in, one JSON result per line out (shared/spec/calc.md).

Pure: takes text lines, returns result objects. Money goes in and out as strings of pounds with two
decimals; a line that cannot be computed gives {"error": ..., "line": n} and the others still run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.core.dates import age_on
from app.core.money import MoneyError, parse_pence, pence_to_string
from app.core.numbers import plain
from app.core.problems import InputError
from app.payroll.employment_allowance import apply_allowance
from app.payroll.holiday import COUNTS_FOR_CORE_HOLIDAY_PAY as COUNTS
from app.payroll.holiday import (
    PaidWeek,
    average_week_pay,
    entitlement_days,
    irregular_accrual_hours,
    rolled_up_holiday_pay_pence,
    week_pay_that_counts,
)
from app.payroll.holiday_entitlement import BASES as ENTITLEMENT_BASES
from app.payroll.holiday_entitlement import EntitlementInput, WorkPattern, holiday_entitlement
from app.payroll.income_tax import IncomeTaxInput, TaxCodeError, calculate_income_tax
from app.payroll.minimum_wage import SCHOOL_COUNTRIES, MinimumWageInput, check_minimum_wage
from app.payroll.national_insurance import NiCategoryError, NiInput, calculate_ni
from app.payroll.payslip import PayElement, PayslipInput, PensionMembership, calculate_payslip
from app.payroll.pension import Basis, PensionInput, TaxRelief, calculate_pension
from app.payroll.periods import Frequency, check_period
from app.payroll.rates import UnsupportedTaxYear, supported_tax_years
from app.payroll.ssp import SicknessSpell, SspInput, average_weekly_earnings_over, calculate_ssp
from app.payroll.student_loans import StudentLoanInput, calculate_student_loans

Result = dict[str, Any]
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


class _Fields:
    """Reads the fields of one request, raising InputError that names the field at fault."""

    def __init__(self, request: dict[str, Any], allowed: set[str]) -> None:
        unknown = sorted(set(request) - allowed - {"kind"})
        if unknown:
            raise InputError(unknown[0], f"is not a field of kind \"{request['kind']}\"; "
                                         f"fields are: {', '.join(sorted(allowed))}")
        self.request = request

    def _get(self, name: str, default: Any) -> Any:
        if name not in self.request:
            if default is _REQUIRED:
                raise InputError(name, "is missing")
            return default
        return self.request[name]

    def money(self, name: str, default: Any = None, negative_ok: bool = False) -> int:
        value = self._get(name, _REQUIRED if default is None else default)
        if not isinstance(value, str):
            raise InputError(name, f"must be an amount written as a string, such as \"12.50\" (got {json.dumps(value)})")
        try:
            pence = parse_pence(value)
        except MoneyError:
            raise InputError(name, f"\"{value}\" is not an amount; write pounds and pence such as \"12.50\"") from None
        if pence < 0 and not negative_ok:
            raise InputError(name, f"cannot be negative (got \"{value}\")")
        return pence

    def decimal(self, name: str, default: Any = None, allow_negative: bool = False) -> Decimal:
        value = self._get(name, _REQUIRED if default is None else default)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise InputError(name, f"must be a number written as a string, such as \"37.5\" (got {json.dumps(value)})")
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise InputError(name, f"\"{value}\" is not a number") from None
        if not number.is_finite() or (number < 0 and not allow_negative):
            raise InputError(name, f"must be zero or more (got \"{value}\")")
        return number

    def integer(self, name: str, default: Any = None, low: int | None = None, high: int | None = None) -> int:
        value = self._get(name, _REQUIRED if default is None else default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(name, f"must be a whole number (got {json.dumps(value)})")
        if (low is not None and value < low) or (high is not None and value > high):
            raise InputError(name, f"must be from {low} to {high} (got {value})")
        return value

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self._get(name, default)
        if not isinstance(value, bool):
            raise InputError(name, f"must be true or false (got {json.dumps(value)})")
        return value

    def text(self, name: str, default: Any = None) -> str:
        value = self._get(name, _REQUIRED if default is None else default)
        if not isinstance(value, str):
            raise InputError(name, f"must be text (got {json.dumps(value)})")
        return value

    def day(self, name: str, default: Any = None) -> date:
        value = self.text(name, default)
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise InputError(name, f"\"{value}\" is not a date; write it as YYYY-MM-DD, such as 2026-04-06") from None

    def tax_year(self) -> str:
        value = self.text("tax_year")
        if value not in supported_tax_years():
            raise InputError("tax_year", f"\"{value}\" is not supported; use one of {', '.join(supported_tax_years())}")
        return value

    def frequency(self) -> Frequency:
        value = self.text("frequency")
        try:
            return Frequency.parse(value)
        except ValueError as exc:
            raise InputError("frequency", str(exc)) from None

    def period(self, frequency: Frequency, required: bool = True) -> int:
        if not required and "period" not in self.request:
            return 1
        value = self.integer("period")
        try:
            check_period(frequency, value)
        except ValueError as exc:
            raise InputError("period", str(exc)) from None
        return value

    def choice(self, name: str, options: dict[str, Any], default: str | None = None) -> Any:
        value = self.text(name, default)
        if value not in options:
            raise InputError(name, f"\"{value}\" is not allowed; use one of {', '.join(options)}")
        return options[value]


_REQUIRED = object()


def _pounds(pence: int) -> str:
    return pence_to_string(pence)


def _age(fields: _Fields, on: date | None = None) -> int:
    if "age" in fields.request:
        return fields.integer("age", low=0, high=130)
    birth = fields.day("date_of_birth")
    when = on or fields.day("pay_date")
    if birth > when:
        raise InputError("date_of_birth", f"{birth.isoformat()} is after {when.isoformat()}; check the date of birth")
    return age_on(birth, when)


def _income_tax(req: dict[str, Any]) -> Result:
    f = _Fields(req, {"tax_year", "frequency", "period", "tax_code", "week1_month1", "gross_pay",
                      "taxable_pay_to_date", "tax_paid_to_date"})
    frequency = f.frequency()
    request = IncomeTaxInput(
        tax_year=f.tax_year(), frequency=frequency, period=f.period(frequency), tax_code=f.text("tax_code"),
        week1_month1=f.boolean("week1_month1"), gross_pay_pence=f.money("gross_pay"),
        taxable_pay_to_date_pence=f.money("taxable_pay_to_date", default=req.get("gross_pay", "0")),
        tax_paid_to_date_pence=f.money("tax_paid_to_date", default="0", negative_ok=True),
    )
    try:
        result = calculate_income_tax(request)
    except TaxCodeError as exc:
        raise InputError("tax_code", str(exc)) from None
    return {"tax_due_in_period": _pounds(result.tax_due_in_period_pence),
            "tax_due_to_date": _pounds(result.tax_due_to_date_pence)}


def _national_insurance(req: dict[str, Any]) -> Result:
    f = _Fields(req, {"tax_year", "frequency", "period", "category", "gross_pay"})
    frequency = f.frequency()
    f.period(frequency, required=False)
    try:
        result = calculate_ni(NiInput(f.tax_year(), frequency, f.text("category"), f.money("gross_pay")))
    except NiCategoryError as exc:
        raise InputError("category", str(exc)) from None
    return {"employee_ni": _pounds(result.employee_ni_pence), "employer_ni": _pounds(result.employer_ni_pence),
            "earnings_at_lel": _pounds(result.earnings_at_lel_pence),
            "earnings_lel_to_pt": _pounds(result.earnings_lel_to_pt_pence),
            "earnings_pt_to_uel": _pounds(result.earnings_pt_to_uel_pence)}


_BASES = {b.value: b for b in Basis}
_RELIEFS = {r.value: r for r in TaxRelief}


def _pension(req: dict[str, Any]) -> Result:
    f = _Fields(req, {"tax_year", "frequency", "gross_pay", "age", "date_of_birth", "pay_date", "basis",
                      "employee_rate", "employer_rate", "tax_relief"})
    result = calculate_pension(PensionInput(
        tax_year=f.tax_year(), frequency=f.frequency(), gross_pay_pence=f.money("gross_pay"), age=_age(f),
        basis=f.choice("basis", _BASES, "qualifying_earnings"),
        employee_rate_percent=_percent(f, "employee_rate", "5"), employer_rate_percent=_percent(f, "employer_rate", "3"),
        tax_relief=f.choice("tax_relief", _RELIEFS, "relief_at_source"),
    ))
    return {"worker_category": result.worker_category.value,
            "pensionable_earnings": _pounds(result.pensionable_earnings_pence),
            "employee_contribution": _pounds(result.employee_deduction_pence),
            "employer_contribution": _pounds(result.employer_contribution_pence),
            "employee_gross_contribution": _pounds(result.employee_gross_contribution_pence),
            "must_enrol": result.must_enrol, "meets_minimum": result.meets_minimum}


def _percent(f: _Fields, name: str, default: str) -> Decimal:
    value = f.decimal(name, default)
    if value > 100:
        raise InputError(name, f"is a percentage and must be from 0 to 100 (got \"{value}\")")
    return value


def _student_loan(req: dict[str, Any]) -> Result:
    f = _Fields(req, {"tax_year", "frequency", "gross_pay", "plans", "postgraduate"})
    plans = req.get("plans", [])
    if not isinstance(plans, list) or not all(isinstance(p, (str, int)) and not isinstance(p, bool) for p in plans):
        raise InputError("plans", "must be a list of plan names such as [\"1\", \"2\"]")
    request = StudentLoanInput(f.tax_year(), f.frequency(), f.money("gross_pay"), tuple(str(p) for p in plans),
                               f.boolean("postgraduate"))
    try:
        result = calculate_student_loans(request)
    except ValueError as exc:
        raise InputError("plans", str(exc)) from None
    return {"student_loan": _pounds(result.student_loan_pence),
            "postgraduate_loan": _pounds(result.postgraduate_loan_pence),
            "plan_used": result.plan_used}


def _statutory_sick_pay(req: dict[str, Any]) -> Result:
    f = _Fields(req, {"sickness", "qualifying_days", "average_weekly_earnings", "relevant_period_pay",
                      "relevant_period_days"})
    if ("average_weekly_earnings" in req) == ("relevant_period_pay" in req or "relevant_period_days" in req):
        raise InputError("average_weekly_earnings", "give either average_weekly_earnings, or relevant_period_pay "
                                                    "with relevant_period_days")
    if "average_weekly_earnings" in req:
        awe = f.decimal("average_weekly_earnings")  # unrounded allowed: "123.456"
    else:
        awe = average_weekly_earnings_over(f.money("relevant_period_pay"),
                                           f.integer("relevant_period_days", None, 1, 3660))
    spells_raw = req.get("sickness")
    if not isinstance(spells_raw, list) or not spells_raw:
        raise InputError("sickness", "must be a list of {\"first_day\": \"YYYY-MM-DD\", \"last_day\": \"YYYY-MM-DD\"}")
    spells = []
    for index, spell in enumerate(spells_raw, start=1):
        if not isinstance(spell, dict):
            raise InputError(f"sickness[{index}]", "must be {\"first_day\": ..., \"last_day\": ...}")
        inner = _Fields({"kind": "sickness", **spell}, {"first_day", "last_day"})
        first, last = inner.day("first_day"), inner.day("last_day")
        if last < first:
            raise InputError(f"sickness[{index}]", f"ends on {last.isoformat()}, before it starts on {first.isoformat()}")
        spells.append(SicknessSpell(first, last))
    days_raw = req.get("qualifying_days", ["mon", "tue", "wed", "thu", "fri"])
    if not isinstance(days_raw, list) or not all(isinstance(d, str) and d.lower()[:3] in _WEEKDAYS for d in days_raw):
        raise InputError("qualifying_days", "must be a list of weekdays such as [\"mon\", \"wed\", \"fri\"]")
    try:
        result = calculate_ssp(SspInput(tuple(spells), frozenset(_WEEKDAYS[d.lower()[:3]] for d in days_raw),
                                        0, exact_average_weekly_earnings=awe))
    except UnsupportedTaxYear as exc:
        raise InputError("sickness", str(exc)) from None
    return {"total": _pounds(result.total_pence), "days_paid": len(result.entitled_days),
            "waiting_days": [d.isoformat() for d in result.waiting_days],
            "weeks": [{"week_start": w.week_start.isoformat(), "days_paid": w.days_paid,
                       "daily_rate": str(w.daily_rate), "amount": _pounds(w.amount_pence)} for w in result.weeks],
            "notes": list(result.notes)}


def _holiday_accrual(req: dict[str, Any]) -> Result:
    f = _Fields(req, {"tax_year", "basis", "leave_year_start", "hours_worked", "pay", "days_per_week",
                      "days_employed", "leave_year_days"})
    tax_year = f.tax_year()
    basis = f.choice("basis", {"irregular_hours": "irregular_hours", "regular": "regular"}, "irregular_hours")
    if basis == "regular":
        days = entitlement_days(f.decimal("days_per_week"), tax_year, f.integer("leave_year_days", 365, 365, 366),
                                f.integer("days_employed", 366, 0, 366) if "days_employed" in req else None)
        return {"entitlement_days": str(days)}
    start = f.day("leave_year_start")
    hours_worked = f.decimal("hours_worked")
    try:
        hours = irregular_accrual_hours(hours_worked, tax_year, start)
    except ValueError as exc:
        raise InputError("leave_year_start", str(exc)) from None
    result: Result = {"holiday_hours_accrued": str(hours)}
    if "pay" in req:
        result["rolled_up_holiday_pay"] = _pounds(rolled_up_holiday_pay_pence(f.money("pay"), tax_year))
    return result


def _optional_decimal(f: _Fields, req: dict[str, Any], name: str) -> Decimal | None:
    return f.decimal(name) if name in req else None


def _holiday_entitlement(req: dict[str, Any]) -> Result:
    f = _Fields(req, {"tax_year", "basis", "days_per_week", "hours_per_week", "shifts_per_pattern",
                      "days_per_pattern", "shift_hours", "leave_year_start", "starts_on", "leaves_on"})
    basis = f.text("basis")
    if basis not in ENTITLEMENT_BASES:
        raise InputError("basis", f"\"{basis}\" is not a way of working; use one of {', '.join(ENTITLEMENT_BASES)}")
    pattern = WorkPattern(basis, *(_optional_decimal(f, req, name) for name in (
        "days_per_week", "hours_per_week", "shifts_per_pattern", "days_per_pattern", "shift_hours")))
    dates = {name: f.day(name) if name in req else None for name in ("leave_year_start", "starts_on", "leaves_on")}
    result = holiday_entitlement(EntitlementInput(pattern, f.tax_year(), **dates))
    return {"unit": result.unit, "full_year": plain(result.full_year.quantize(Decimal("0.0001"))),
            "capped_at_28_days": result.capped, "entitlement_wtr": plain(result.wtr),
            "entitlement_gov_uk": plain(result.gov_uk), "hours": None if result.hours is None else plain(result.hours),
            "answers_differ": result.answers_differ, "fraction_wtr": str(round(result.fraction_wtr, 10)),
            "fraction_gov_uk": str(round(result.fraction_gov_uk, 10)), "rule": result.rule}


def _holiday_pay(req: dict[str, Any]) -> Result:
    f = _Fields(req, {"before", "weeks"})
    before = f.day("before")
    raw = req.get("weeks")
    if not isinstance(raw, list):
        raise InputError("weeks", "must be a list of {\"week_ending\": \"YYYY-MM-DD\", \"pay\": {\"basic\": \"300.00\"}}")
    core, additional = [], []
    for index, week in enumerate(raw, start=1):
        if not isinstance(week, dict) or not isinstance(week.get("pay"), dict):
            raise InputError(f"weeks[{index}]", "must be {\"week_ending\": ..., \"pay\": {kind: amount}}")
        inner = _Fields({"kind": "week", **week}, {"week_ending", "pay"})
        ending = inner.day("week_ending")
        pay = {kind: _Fields({"kind": "pay", kind: amount}, {kind}).money(kind) for kind, amount in week["pay"].items()}
        try:
            core.append(PaidWeek(ending, week_pay_that_counts(pay, core_four_weeks=True)))
            additional.append(PaidWeek(ending, week_pay_that_counts(pay, core_four_weeks=False)))
        except ValueError as exc:
            raise InputError(f"weeks[{index}]", str(exc)) from None
    four, extra = average_week_pay(tuple(core), before), average_week_pay(tuple(additional), before)
    return {"core_week_pay": _pounds(four.average_pence), "additional_week_pay": _pounds(extra.average_pence),
            "weeks_used": four.weeks_used, "counts_for_core_weeks": sorted(k for k, v in COUNTS.items() if v),
            "rule": "the mean of the last 52 weeks with pay before the day, looking back at most 104 weeks: the 4 "
                    "weeks' core leave at the pay that counts, the other 1.6 weeks at basic pay"}


def _minimum_wage(req: dict[str, Any]) -> Result:
    f = _Fields(req, {"period_start", "date_of_birth", "hours_worked", "waking_night_hours", "sleep_in_hours",
                      "sleep_in_awake_hours", "basic_pay", "premium_pay", "sleep_in_allowance", "apprentice",
                      "first_year_of_apprenticeship", "accommodation_days", "accommodation_charge", "country",
                      "school_leaving_date"})
    start = f.day("period_start")
    birth = f.day("date_of_birth")
    if birth >= start:
        raise InputError("date_of_birth", f"{birth.isoformat()} is not before the pay period starting {start.isoformat()}")
    country = str(req.get("country", "england"))
    if country not in SCHOOL_COUNTRIES:
        raise InputError("country", f"\"{country}\" is not a UK country; use one of {', '.join(SCHOOL_COUNTRIES)}")
    try:
        result = check_minimum_wage(MinimumWageInput(
            period_start=start, birth_date=birth, hours_worked=f.decimal("hours_worked"),
            waking_night_hours=f.decimal("waking_night_hours", "0"), sleep_in_hours=f.decimal("sleep_in_hours", "0"),
            sleep_in_awake_hours=f.decimal("sleep_in_awake_hours", "0"), basic_pay_pence=f.money("basic_pay"),
            premium_pay_pence=f.money("premium_pay", "0"), sleep_in_allowance_pence=f.money("sleep_in_allowance", "0"),
            apprentice=f.boolean("apprentice"), first_year_of_apprenticeship=f.boolean("first_year_of_apprenticeship"),
            accommodation_days=f.integer("accommodation_days", 0, 0, 31),
            accommodation_charge_pence=f.money("accommodation_charge", "0"),
            country=country, school_leaving_date=f.day("school_leaving_date") if "school_leaving_date" in req else None,
        ))
    except UnsupportedTaxYear as exc:
        raise InputError("period_start", str(exc)) from None
    return {"applies": result.applies, "band": result.band, "hourly_rate": _pounds(result.hourly_rate_pence),
            "hours_counted": str(result.hours_counted), "pay_counted": _pounds(result.pay_counted_pence),
            "required": _pounds(result.required_pence), "shortfall": _pounds(result.shortfall_pence),
            "underpaid": result.underpaid, "reasons": list(result.reasons)}


def _employment_allowance(req: dict[str, Any]) -> Result:
    f = _Fields(req, {"tax_year", "employer_ni", "used_before"})
    use = apply_allowance(f.tax_year(), f.money("employer_ni"), f.money("used_before", "0"))
    return {"offset": _pounds(use.offset_pence), "employer_ni_payable": _pounds(use.employer_ni_payable_pence),
            "remaining": _pounds(use.remaining_pence)}


def _payslip(req: dict[str, Any]) -> Result:
    f = _Fields(req, {"tax_year", "frequency", "period", "tax_code", "week1_month1", "category", "age",
                      "date_of_birth", "pay_date", "pay", "taxable_pay_before", "tax_paid_before", "student_loan_plans",
                      "postgraduate_loan", "pension", "employment_allowance_used_before", "claims_employment_allowance"})
    frequency = f.frequency()
    pay = req.get("pay")
    if not isinstance(pay, list) or not pay:
        raise InputError("pay", "must be a list of {\"kind\": \"basic\", \"amount\": \"123.45\"}")
    elements = []
    for index, item in enumerate(pay, start=1):
        if not isinstance(item, dict):
            raise InputError(f"pay[{index}]", "must be {\"kind\": ..., \"amount\": ...}")
        inner = _Fields({"kind": "pay", **{k: v for k, v in item.items() if k != "kind"}},
                        {"amount", "description", "pensionable"})
        kind = item.get("kind", "basic")
        elements.append(PayElement(str(kind), inner.text("description", str(kind)), inner.money("amount"),
                                   inner.boolean("pensionable", True)))
    membership = None
    if isinstance(req.get("pension"), dict):
        p = _Fields({"kind": "pension", **req["pension"]}, {"basis", "employee_rate", "employer_rate", "tax_relief"})
        membership = PensionMembership(p.choice("basis", _BASES, "qualifying_earnings"),
                                       _percent(p, "employee_rate", "5"), _percent(p, "employer_rate", "3"),
                                       p.choice("tax_relief", _RELIEFS, "relief_at_source"))
    plans = req.get("student_loan_plans", [])
    if not isinstance(plans, list):
        raise InputError("student_loan_plans", "must be a list such as [\"2\"]")
    try:
        result = calculate_payslip(PayslipInput(
            tax_year=f.tax_year(), frequency=frequency, period=f.period(frequency), tax_code=f.text("tax_code"),
            ni_category=f.text("category"), age=_age(f), elements=tuple(elements),
            week1_month1=f.boolean("week1_month1"), taxable_pay_before_pence=f.money("taxable_pay_before", "0"),
            tax_paid_before_pence=f.money("tax_paid_before", "0", negative_ok=True),
            student_loan_plans=tuple(str(p) for p in plans), postgraduate_loan=f.boolean("postgraduate_loan"),
            pension=membership, employment_allowance_used_before_pence=f.money("employment_allowance_used_before", "0"),
            claims_employment_allowance=f.boolean("claims_employment_allowance", True),
        ))
    except TaxCodeError as exc:
        raise InputError("tax_code", str(exc)) from None
    except NiCategoryError as exc:
        raise InputError("category", str(exc)) from None
    return {name: _pounds(getattr(result, f"{name}_pence")) for name in (
        "gross_pay", "taxable_pay", "tax", "employee_ni", "employer_ni", "employee_pension", "employer_pension",
        "student_loan", "postgraduate_loan", "net_pay", "employment_allowance_offset",
        "employment_allowance_remaining", "employer_cost", "due_to_hmrc")} | {"notes": list(result.notes)}


KINDS: dict[str, Callable[[dict[str, Any]], Result]] = {
    "income_tax": _income_tax,
    "national_insurance": _national_insurance,
    "pension": _pension,
    "student_loan": _student_loan,
    "statutory_sick_pay": _statutory_sick_pay,
    "holiday_accrual": _holiday_accrual,
    "minimum_wage": _minimum_wage,
    "holiday_entitlement": _holiday_entitlement,
    "holiday_pay": _holiday_pay,
    "employment_allowance": _employment_allowance,
    "payslip": _payslip,
}


def calculate_line(text: str, line_number: int) -> Result:
    """One request line to one result object (an error object if it cannot be computed)."""
    try:
        request = json.loads(text)
    except json.JSONDecodeError as exc:
        return {"error": f"this line is not valid JSON ({exc.msg} at column {exc.colno})", "line": line_number}
    except RecursionError:
        return {"error": "this line is nested too deeply to be a calculation request", "line": line_number}
    if not isinstance(request, dict):
        return {"error": "each line must be a JSON object such as {\"kind\": \"income_tax\", ...}", "line": line_number}
    kind = request.get("kind")
    handler = KINDS.get(kind) if isinstance(kind, str) else None
    if handler is None:
        return {"error": f"kind: {json.dumps(kind)} is not a calculation; use one of {', '.join(KINDS)}",
                "line": line_number}
    try:
        return handler(request)
    except InputError as exc:
        return {"error": f"{exc.field}: {exc.message}", "line": line_number, "field": exc.field}
    except UnsupportedTaxYear as exc:
        return {"error": f"tax_year: {exc}", "line": line_number, "field": "tax_year"}
    except ValueError as exc:
        return {"error": str(exc), "line": line_number}


def run(lines: Iterable[str | bytes]) -> tuple[list[Result], bool]:
    """Every non-blank line to a result, in order; the flag is True when every line computed. Lines may come
    as bytes (standard input read raw): one that is not UTF-8 gets an error of its own."""
    results: list[Result] = []
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                results.append({"error": "this line is not UTF-8 text", "line": number})
                continue
        else:
            text = raw
        if not text.strip():
            continue
        results.append(calculate_line(text, number))
    return results, all("error" not in r for r in results)


