"""Tests' short way to run each use case: the operation through the book's runner, its problems raised as
`Refused` (a BookError), so a test reads `ops.add_pa(book, form)`. Queries are re-exported as they are."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from app.clock import FixedClock
from app.services.about_file import file_info as info
from app.services.add_check import AddCheck, CheckInput, NewCheck
from app.services.add_pa import AddPa, NewPa
from app.services.add_rates import AddRates, NewRates, RateInput
from app.services.add_shift import AddShift, ShiftInput
from app.services.amend_timesheet import Amendment, AmendTimesheet
from app.services.approve_timesheet import Approval, ApproveTimesheet, ConfirmPlanned, PaDays
from app.services.change_pa import ChangePa, PaChange
from app.services.change_shift import ChangeShift, DeleteShift, MarkShift, ShiftChange, ShiftMark
from app.services.council_agreement import AgreementInput, PlanInput, SetAgreement, SetSupportPlan, support_plan
from app.services.erase_pa import ErasePersonalData, Erasure
from app.services.home import home_summary
from app.services.hours_summary import hours_summary
from app.services.import_shifts import ImportRefused, ImportResult, ImportShifts, read_shifts_file
from app.services.operations import Operation
from app.services.pa_form import PaForm
from app.services.pa_queries import find_pa, list_pas, pa_details, pa_names
from app.services.pay_time_rules import PayTimeRulesInput, SetPayTimeRules, pay_time_rules
from app.services.rotas import AddRota, ApplyRotas, Days, RotaInput, RotaResult
from app.services.timesheet_views import period_for_pa, shifts_between, timesheet
from app.timesheets.periods import pay_period

__all__ = ["PaForm", "ShiftInput", "RotaInput", "ImportRefused", "info", "home_summary", "hours_summary",
           "support_plan", "find_pa", "list_pas", "pa_details", "pa_names", "pay_time_rules", "period_for_pa", "shifts_between",
           "timesheet", "pay_period"]


def run(book: Any, operation: Operation[Any, Any], given: Any) -> Any:
    return book.run(operation, given).unwrap()


@contextmanager
def on(book: Any, day: date | None) -> Any:
    """Run as if it were `day` (the book's clock set, then put back)."""
    if day is None:
        yield book
        return
    before = book.clock
    book.clock = FixedClock.on(day)
    try:
        yield book
    finally:
        book.clock = before


def add_pa(book: Any, form: PaForm, today: date | None = None, rates: tuple[RateInput, ...] = (),
           checks: tuple[CheckInput, ...] = ()) -> int:
    with on(book, today):
        return int(run(book, AddPa(), NewPa(form, rates, checks)))


def update_pa(book: Any, pa_id: int, form: PaForm, today: date | None = None) -> None:
    with on(book, today):
        run(book, ChangePa(), PaChange(pa_id, form))


def change_pa(book: Any, pa_id: int, today: date | None = None, **changes: Any) -> None:
    """Change some of a PA's details, keeping the rest as they are recorded."""
    update_pa(book, pa_id, replace(pa_details(book, pa_id).form, **changes), today)


def add_rate(book: Any, pa_id: int, kind: str, applies_from: date | None, amount: str) -> None:
    run(book, AddRates(), NewRates(pa_id, (RateInput(kind, amount, applies_from),)))


def add_check(book: Any, pa_id: int, kind: str, description: str, checked_on: date, expires_on: date | None,
              reference: str = "") -> None:
    run(book, AddCheck(), NewCheck(pa_id, CheckInput(kind, checked_on, expires_on, description, reference)))


def set_support_plan(book: Any, applies_from: date, hours: dict[str, str]) -> None:
    run(book, SetSupportPlan(), PlanInput(applies_from, hours))


def set_agreement(book: Any, council: str, starts_on: date, payment: str, frequency: str, reference: str = "") -> None:
    run(book, SetAgreement(), AgreementInput(council, starts_on, payment, frequency, reference))


def set_pay_time_rules(book: Any, night_starts: str, night_ends: str, country: str) -> None:
    run(book, SetPayTimeRules(), PayTimeRulesInput(night_starts, night_ends, country))


def erase_personal_data(book: Any, pa_id: int, reason: str, today: date | None = None) -> None:
    with on(book, today):
        run(book, ErasePersonalData(), Erasure(pa_id, reason))


def add_shift(book: Any, entry: ShiftInput) -> int:
    return int(run(book, AddShift(), entry))


def update_shift(book: Any, shift_id: int, entry: ShiftInput) -> None:
    run(book, ChangeShift(), ShiftChange(shift_id, entry))


def mark_shift(book: Any, shift_id: int, status: str | None = None, kind: str | None = None) -> None:
    run(book, MarkShift(), ShiftMark(shift_id, status, kind))


def delete_shift(book: Any, shift_id: int) -> None:
    run(book, DeleteShift(), shift_id)


def add_rota(book: Any, entry: RotaInput) -> int:
    return int(run(book, AddRota(), entry))


def apply_rotas(book: Any, first_day: date, last_day: date) -> RotaResult:
    result: RotaResult = run(book, ApplyRotas(), Days(first_day, last_day))
    return result


def confirm_planned(book: Any, pa_id: int, first_day: date, last_day: date) -> int:
    return int(run(book, ConfirmPlanned(), PaDays(pa_id, first_day, last_day)))


def approve_timesheet(book: Any, pa_id: int, period_start: date, period_end: date, signed_by_pa_on: date,
                      signed_by_employer_on: date, confirm_planned: bool = False) -> int:
    return int(run(book, ApproveTimesheet(), Approval(pa_id, period_start, period_end, signed_by_pa_on,
                                                      signed_by_employer_on, confirm_planned)))


def amend_timesheet(book: Any, timesheet_id: int, reason: str) -> int:
    return int(run(book, AmendTimesheet(), Amendment(timesheet_id, reason)))


def import_shifts_csv(book: Any, text: str) -> ImportResult:
    outcome = book.run(ImportShifts(), text)
    if not outcome.ok:
        raise ImportRefused(list(outcome.problems))
    result: ImportResult = outcome.value
    return result


def import_shifts_file(book: Any, path: Path) -> ImportResult:
    return import_shifts_csv(book, read_shifts_file(path))


def home_summary_on(book: Any, day: date) -> Any:
    with on(book, day):
        return home_summary(book)


# Pay runs
from app.services.correct_pay_run import Correction, StartCorrection  # noqa: E402
from app.services.finalise_pay_run import FinalisePayRun, Finalising  # noqa: E402
from app.services.hmrc_due import hmrc_due, pay_next  # noqa: E402
from app.services.pay_additions import AddPayAddition, NewAddition, RemovePayAddition  # noqa: E402
from app.services.pay_views import pay_run, pay_runs  # noqa: E402
from app.services.start_pay_run import DeleteDraftRun, NewPayRun, StartPayRun  # noqa: E402

__all__ += ["hmrc_due", "pay_next", "pay_run", "pay_runs"]


def start_pay_run(book: Any, frequency: str, period_day: date, pay_date: date, today: date | None = None) -> int:
    with on(book, today or pay_date):
        return int(run(book, StartPayRun(), NewPayRun(frequency, period_day, pay_date)))


def add_payment(book: Any, pay_run_id: int, pa_id: int, kind: str, amount: str, description: str = "") -> int:
    return int(run(book, AddPayAddition(), NewAddition(pay_run_id, pa_id, kind, amount, description)))


def remove_payment(book: Any, addition_id: int) -> None:
    run(book, RemovePayAddition(), addition_id)


def finalise(book: Any, pay_run_id: int, today: date | None = None, shown: int | None = None) -> int:
    with on(book, today):
        return int(run(book, FinalisePayRun(), Finalising(pay_run_id, shown)))


def delete_draft_run(book: Any, pay_run_id: int) -> None:
    run(book, DeleteDraftRun(), pay_run_id)


def start_correction(book: Any, pay_run_id: int, pay_date: date, reason: str, today: date | None = None) -> int:
    with on(book, today or pay_date):
        return int(run(book, StartCorrection(), Correction(pay_run_id, pay_date, reason)))
