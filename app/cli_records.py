"""Command-line use cases for PAs, shifts, rotas and timesheets, over the same services as the GUI."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from app.services.roles import ROLES as EMPLOYER_ROLES  # light: the role words only

WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def _day(text: str) -> date:
    from app.services.words import parse_uk_date

    try:
        return parse_uk_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _weekdays(text: str) -> tuple[int, ...]:
    try:
        return tuple(WEEKDAYS[part.strip().lower()[:3]] for part in text.split(",") if part.strip())
    except KeyError:
        raise argparse.ArgumentTypeError(f"\"{text}\": write days like mon,wed,fri") from None


def _rate(text: str) -> tuple[str, str, date | None]:
    """KIND=AMOUNT or KIND=AMOUNT@DATE, such as day=13.50 or sleep_in=90@06/04/2026."""
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"\"{text}\": write a rate as KIND=AMOUNT, such as day=13.50")
    kind, _, rest = text.partition("=")
    amount, _, when = rest.partition("@")
    return kind.strip(), amount.strip(), _day(when) if when else None


# The budget a money or return command works on (--budget): None for the council's direct payment.
CHOSEN_BUDGET: ContextVar[int | None] = ContextVar("chosen_budget", default=None)


@contextmanager
def opened_book(path: Path, read_only: bool = False) -> Iterator[Any]:
    from app.cli_files import open_book

    book = open_book(path, read_only)
    try:
        yield book.budget(CHOSEN_BUDGET.get())
    finally:
        book.close()


def add_budget_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--budget", type=int, help="a second budget's number (from `pabooks budget list`); "
                                                     "without it, the council's direct payment")


def file_command(group: Any, name: str, words: str, handler: Any, run: str = "") -> Any:
    """A command on an employer file: its path, and (run="one" or "optional") the pay run it is about."""
    command = group.add_parser(name, help=words)
    command.add_argument("path", type=Path)
    if run:
        command.add_argument("run", type=int, nargs="?" if run == "optional" else None)
    command.set_defaults(handler=handler)
    return command


def guard(action: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Every refusal becomes plain lines on stderr and exit 1 (every problem, one a line); never a traceback."""
    def run(args: argparse.Namespace) -> int:
        from app.services.book import BookError
        from app.services.opening import FileOpenError
        from app.services.operations import Refused

        token = CHOSEN_BUDGET.set(getattr(args, "budget", None))
        try:
            return action(args)
        except Refused as exc:
            if exc.heading:
                print(f"pabooks: {exc.heading}", file=sys.stderr)
            for problem in exc.problems:
                print(f"{'  ' if exc.heading else 'pabooks: '}{problem}", file=sys.stderr)
            return 1
        except (BookError, FileOpenError, OSError) as exc:
            print(f"pabooks: {exc}", file=sys.stderr)
            return 1
        finally:
            CHOSEN_BUDGET.reset(token)
    return run


def _pa_id(book: Any, name: str) -> int:
    from app.services.book import BookError
    from app.services.pa_queries import find_pa

    pa_id = find_pa(book, name)
    if pa_id is None:
        raise BookError(f"There is no PA called \"{name}\" in this file.")
    return pa_id


@guard
def _pa_add(args: argparse.Namespace) -> int:
    from app.services.add_pa import AddPa, NewPa
    from app.services.add_rates import RateInput
    from app.services.pa_form import PaForm

    form = PaForm(
        first_name=args.first, last_name=args.last, started_on=args.started, date_of_birth=args.dob,
        contract_type="irregular_hours" if args.irregular else "hours", contracted_hours_per_week=args.hours or "",
        pay_frequency=args.frequency, starter_statement=args.starter or "", tax_code=args.tax_code or "",
        ni_category=args.category, student_loan_plans=args.loans or "", email=args.email or "")
    rates = tuple(RateInput(kind, amount, when) for kind, amount, when in args.rate or [])
    with opened_book(args.path) as book:
        book.run(AddPa(), NewPa(form, rates)).unwrap()
    print(f"Added {args.first} {args.last}" + (f" with {len(rates)} pay rate{'s' if len(rates) != 1 else ''}"
                                                  if rates else ""))
    return 0


@guard
def _pa_list(args: argparse.Namespace) -> int:
    from app.services.pa_queries import list_pas

    with opened_book(args.path) as book:
        rows = [asdict(row) for row in list_pas(book)]
    print(json.dumps(rows, indent=2, default=str, ensure_ascii=False))
    return 0


@guard
def _pa_holiday(args: argparse.Namespace) -> int:
    """Each PA's holiday this leave year, in hours, as JSON (with the same words the PAs screen shows)."""
    from app.services.holiday_balances import holiday_balances

    with opened_book(args.path) as book:
        rows = [asdict(balance) for balance in holiday_balances(book, args.on)]
    print(json.dumps(rows, indent=2, default=str, ensure_ascii=False))
    return 0


@guard
def _shift_add(args: argparse.Namespace) -> int:
    from app.services.add_shift import AddShift, ShiftInput

    with opened_book(args.path) as book:
        book.run(AddShift(), ShiftInput(_pa_id(book, args.pa), args.date, args.start, args.end, args.kind,
                                        notes=args.notes or "")).unwrap()
    print(f"Added a shift for {args.pa} on {args.date.isoformat()}")
    return 0


@guard
def _shift_import(args: argparse.Namespace) -> int:
    from app.services.import_shifts import ImportRefused, ImportShifts, read_shifts_file

    text = read_shifts_file(args.csv)
    with opened_book(args.path) as book:
        outcome = book.run(ImportShifts(), text)
    if not outcome.ok:
        raise ImportRefused(list(outcome.problems))
    result = outcome.unwrap()
    print(f"Imported {result.shifts_added} shifts for {', '.join(result.pas)}")
    return 0


@guard
def _rota_add(args: argparse.Namespace) -> int:
    from app.services.rotas import AddRota, RotaInput

    with opened_book(args.path) as book:
        pa_id = _pa_id(book, args.pa) if args.pa else None
        book.run(AddRota(), RotaInput(pa_id, args.days, args.start, args.end, args.starts, args.until,
                                      args.every_weeks, args.kind, args.agency or "")).unwrap()
    print("Added the pattern")
    return 0


@guard
def _rota_apply(args: argparse.Namespace) -> int:
    from app.services.rotas import ApplyRotas, Days

    with opened_book(args.path) as book:
        result = book.run(ApplyRotas(), Days(args.first, args.last)).unwrap()
    print(json.dumps({"planned_shifts_added": result.created, "already_planned": result.already_planned,
                      "not_applied": list(result.not_applied)}, indent=2, ensure_ascii=False))
    return 0


@guard
def _hours(args: argparse.Namespace) -> int:
    from app.services.hours_summary import hours_summary

    with opened_book(args.path) as book:
        summary = hours_summary(book, args.first, args.last)
    print(json.dumps(summary.as_json(), indent=2, ensure_ascii=False))
    return 0


@guard
def _timesheet(args: argparse.Namespace) -> int:
    from app.reports.timesheet_pdf import write_blank_timesheet_pdf, write_timesheet_pdf
    from app.services.approve_timesheet import Approval, ApproveTimesheet, ConfirmPlanned, PaDays
    from app.services.home import home_summary
    from app.services.timesheet_views import timesheet
    from app.services.words import hours, pence_to_string

    with opened_book(args.path) as book:
        pa_id = _pa_id(book, args.pa)
        employer = home_summary(book).acting_employer_name
        if args.blank:
            write_blank_timesheet_pdf(args.pa, args.first, args.last, args.pdf, employer)
            print(f"Saved a blank timesheet to {args.pdf}")
            return 0
        if args.approve:  # with --confirm-planned: one step, both or neither
            signed = args.signed or book.today()
            book.run(ApproveTimesheet(), Approval(pa_id, args.first, args.last, signed, signed,
                                                  confirm_planned=args.confirm_planned)).unwrap()
        elif args.confirm_planned:
            count = book.run(ConfirmPlanned(), PaDays(pa_id, args.first, args.last)).unwrap()
            print(f"Confirmed {count} planned shift(s) as worked", file=sys.stderr)
        view = timesheet(book, pa_id, args.first, args.last)
        if args.pdf:
            write_timesheet_pdf(view, args.pdf, employer)
            print(f"Saved the timesheet to {args.pdf}")
            return 0
    print(json.dumps({
        "pa": view.pa_name, "period_start": view.period_start.isoformat(), "period_end": view.period_end.isoformat(),
        "status": view.status, "version": view.version, "total_hours": str(hours(view.total_minutes)),
        "gross_pay": pence_to_string(view.pay.gross_pence),
        "shifts": [s.words() for s in view.shifts], "problems": [p.message for p in view.pay.problems],
    }, indent=2, ensure_ascii=False))
    return 0


@guard
def _agreement(args: argparse.Namespace) -> int:
    from app.services.council_agreement import AgreementInput, SetAgreement

    with opened_book(args.path) as book:
        book.run(SetAgreement(), AgreementInput(
            args.council, args.starts, args.payment, args.every, args.reference or "", args.contribution or "",
            args.contribution_method, args.contingency_weeks, args.weeks_in_advance, args.agreed_extras or "",
            args.receipt_threshold or "", args.return_template)).unwrap()
    print(f"Recorded the agreement with {args.council}")
    return 0


@guard
def _plan(args: argparse.Namespace) -> int:
    from app.services.council_agreement import PlanInput, SetSupportPlan, support_plan

    hours = {kind: value for kind, value in (("day", args.day), ("night", args.night),
                                             ("waking_night", args.waking_night), ("sleep_in", args.sleep_ins))
             if value is not None}
    outcomes = tuple(args.outcome) if args.outcome is not None else None
    with opened_book(args.path) as book:
        if hours or outcomes is not None:
            book.run(SetSupportPlan(), PlanInput(args.starts, hours, outcomes=outcomes)).unwrap()
        plan = support_plan(book, args.starts)
    print(json.dumps({"council": plan.council_name, "from": plan.applies_from.isoformat() if plan.applies_from else None,
                      "per_week": {k: str(v) for k, v in plan.hours_by_kind.items()}, "outcomes": list(plan.outcomes)},
                     indent=2, ensure_ascii=False))
    return 0


@guard
def _rules(args: argparse.Namespace) -> int:
    from app.services.pay_time_rules import (
        COUNTRY_WORDS,
        WEEKEND_RULES,
        PayTimeRulesInput,
        SetPayTimeRules,
        pay_time_rules,
    )

    with opened_book(args.path) as book:
        current = pay_time_rules(book)
        book.run(SetPayTimeRules(), PayTimeRulesInput(args.night_starts or f"{current.night_starts:%H:%M}",
                                                      args.night_ends or f"{current.night_ends:%H:%M}",
                                                      args.country or current.country,
                                                      args.weekend_bank_holidays or current.weekend_bank_holidays,
                                                      )).unwrap()
        now = pay_time_rules(book)
    print(f"Night time is {now.night_starts:%H:%M} to {now.night_ends:%H:%M}; bank holidays are "
          f"{COUNTRY_WORDS[now.country]}'s; one on a weekend is paid on {WEEKEND_RULES[now.weekend_bank_holidays]}")
    return 0


@guard
def _employer(args: argparse.Namespace) -> int:
    """Show the employer's details as JSON; with options, change those facts first (one operation)."""
    from dataclasses import replace

    from app.services.employer_details import SetEmployerDetails, employer_details

    given = {name: value for name, value in (
        ("person_name", args.name), ("acting_employer_name", args.employer), ("acting_role", args.role),
        ("address", args.address), ("paye_reference", args.paye_ref),
        ("accounts_office_reference", args.accounts_office_ref), ("insurer", args.insurer),
        ("insurance_policy", args.policy), ("insurance_renews_on", args.insurance_renews),
        ("pays_hmrc_quarterly", None if args.pay_hmrc is None else args.pay_hmrc == "quarterly"),
        ("reports_on_paper", None if args.report_hmrc is None else args.report_hmrc == "paper")) if value is not None}
    with opened_book(args.path) as book:
        if given:
            book.run(SetEmployerDetails(), replace(employer_details(book), **given)).unwrap()
        details = employer_details(book)
    print(json.dumps(asdict(details), indent=2, default=str, ensure_ascii=False))
    return 0


def add_record_commands(commands: Any) -> None:
    employer = commands.add_parser("employer", help="the employer's details, HMRC's references and the insurance "
                                                    "(shows them; options change them)")
    employer.add_argument("path", type=Path)
    employer.add_argument("--name", help="the person the direct payment is for")
    employer.add_argument("--employer", help="who acts as employer")
    employer.add_argument("--role", choices=[str(role) for role in EMPLOYER_ROLES])
    employer.add_argument("--address")
    employer.add_argument("--paye-ref", help="employer PAYE reference, such as 123/AB45678")
    employer.add_argument("--accounts-office-ref", help="Accounts Office reference, such as 123PA00012345")
    employer.add_argument("--insurer")
    employer.add_argument("--policy", help="the employer's liability insurance policy number")
    employer.add_argument("--insurance-renews", type=_day)
    employer.add_argument("--pay-hmrc", choices=["monthly", "quarterly"],
                          help="how often you pay HMRC (quarterly only under £1,500 a month on average)")
    employer.add_argument("--report-hmrc", choices=["online", "paper"],
                          help="how you report pay to HMRC: paper only when HMRC has agreed you are exempt from "
                               "filing online (an RT2 for each PA each quarter)")
    employer.set_defaults(handler=_employer)

    agreement = commands.add_parser("agreement", help="record the council's direct payment agreement")
    agreement.add_argument("path", type=Path)
    agreement.add_argument("--council", required=True)
    agreement.add_argument("--from", dest="starts", required=True, type=_day)
    agreement.add_argument("--payment", required=True, help="each payment, such as 1940.00")
    agreement.add_argument("--every", required=True, choices=["weekly", "four_weekly", "monthly", "quarterly"])
    agreement.add_argument("--reference")
    agreement.add_argument("--contribution", help="your contribution each payment period, such as 120.00")
    agreement.add_argument("--contribution-method", default="into_account",
                           choices=["into_account", "card_load", "invoiced", "to_providers", "net_payment"])
    agreement.add_argument("--contingency-weeks", default="4", help="weeks of payments you may keep as contingency")
    agreement.add_argument("--weeks-in-advance", default="0", help="weeks the council pays in advance")
    agreement.add_argument("--agreed-extras", help="also allowed in the account, such as unused respite")
    agreement.add_argument("--receipt-threshold", help="the council asks for receipts above this, such as 50.00")
    agreement.add_argument("--return-template", default="generic",
                           help="the council's return form (see `pabooks return templates`)")
    agreement.set_defaults(handler=_agreement)

    plan = commands.add_parser("plan", help="the support plan: planned hours a week by kind (shows it without options)")
    plan.add_argument("path", type=Path)
    plan.add_argument("--from", dest="starts", required=True, type=_day)
    plan.add_argument("--day", help="day hours a week")
    plan.add_argument("--night", help="night hours a week")
    plan.add_argument("--waking-night", help="waking night hours a week")
    plan.add_argument("--sleep-ins", help="sleep-ins a week")
    plan.add_argument("--outcome", action="append", help="one of the plan's outcomes (repeat for each; replaces "
                                                          "those recorded)")
    plan.set_defaults(handler=_plan)

    from app.services.choices import WEEKEND_RULES

    rules = commands.add_parser("rules", help="when night pay starts and ends, and whose bank holidays apply")
    rules.add_argument("path", type=Path)
    rules.add_argument("--night-starts")
    rules.add_argument("--night-ends")
    rules.add_argument("--country", choices=["england", "wales", "scotland", "northern_ireland"])
    rules.add_argument("--weekend-bank-holidays", choices=list(WEEKEND_RULES),
                       help="a bank holiday on a weekend is paid on the substitute weekday GOV.UK lists, the day "
                            "itself, or both")
    rules.set_defaults(handler=_rules)

    pa = commands.add_parser("pa", help="add or list PAs").add_subparsers(dest="pa_command", metavar="ACTION",
                                                                          required=True)
    add = pa.add_parser("add", help="add a PA")
    add.add_argument("path", type=Path)
    add.add_argument("--first", required=True)
    add.add_argument("--last", required=True)
    add.add_argument("--started", required=True, type=_day, help="first day of work")
    add.add_argument("--dob", type=_day, help="date of birth (for the minimum wage and pension)")
    add.add_argument("--hours", help="contracted hours a week")
    add.add_argument("--irregular", action="store_true", help="irregular hours (no set hours)")
    add.add_argument("--frequency", default="monthly", choices=["weekly", "fortnightly", "four_weekly", "monthly"])
    add.add_argument("--starter", choices=["A", "B", "C"], help="starter checklist statement")
    add.add_argument("--tax-code", help="from a P45 or HMRC notice (instead of --starter)")
    add.add_argument("--category", default="A", help="National Insurance category letter")
    add.add_argument("--loans", help="student loan plans, such as 2 or 1,2")
    add.add_argument("--email")
    add.add_argument("--rate", action="append", type=_rate, help="KIND=AMOUNT[@DATE], such as day=13.50; repeat")
    add.set_defaults(handler=_pa_add)
    listing = pa.add_parser("list", help="list PAs as JSON")
    listing.add_argument("path", type=Path)
    listing.set_defaults(handler=_pa_list)
    holiday = pa.add_parser("holiday", help="each PA's holiday this leave year (hours due, taken, left), as JSON")
    holiday.add_argument("path", type=Path)
    holiday.add_argument("--on", type=_day, help="as on another day (DD/MM/YYYY)")
    holiday.set_defaults(handler=_pa_holiday)

    shifts = commands.add_parser("shifts", help="add or import shifts").add_subparsers(
        dest="shifts_command", metavar="ACTION", required=True)
    one = shifts.add_parser("add", help="add one shift")
    one.add_argument("path", type=Path)
    one.add_argument("--pa", required=True)
    one.add_argument("--date", required=True, type=_day)
    one.add_argument("--start", required=True, help="24-hour time; add BST or GMT in the autumn overlap")
    one.add_argument("--end", required=True)
    one.add_argument("--kind", default="work")
    one.add_argument("--notes")
    one.set_defaults(handler=_shift_add)
    imp = shifts.add_parser("import", help="import shifts from CSV, all or nothing")
    imp.add_argument("path", type=Path)
    imp.add_argument("csv", type=Path)
    imp.set_defaults(handler=_shift_import)

    rota = commands.add_parser("rota", help="repeating shift patterns").add_subparsers(
        dest="rota_command", metavar="ACTION", required=True)
    pattern = rota.add_parser("add", help="add a weekly pattern")
    pattern.add_argument("path", type=Path)
    who = pattern.add_mutually_exclusive_group(required=True)
    who.add_argument("--pa")
    who.add_argument("--agency", help="an agency that covers these shifts")
    pattern.add_argument("--days", required=True, type=_weekdays, help="such as mon,wed,fri")
    pattern.add_argument("--start", required=True)
    pattern.add_argument("--end", required=True)
    pattern.add_argument("--from", dest="starts", required=True, type=_day)
    pattern.add_argument("--until", type=_day)
    pattern.add_argument("--every-weeks", type=int, default=1)
    pattern.add_argument("--kind", default="work")
    pattern.set_defaults(handler=_rota_add)
    apply = rota.add_parser("apply", help="add planned shifts from every pattern for some days")
    apply.add_argument("path", type=Path)
    apply.add_argument("--from", dest="first", required=True, type=_day)
    apply.add_argument("--to", dest="last", required=True, type=_day)
    apply.set_defaults(handler=_rota_apply)

    hours = commands.add_parser("hours", help="hours, pay and checks for a period, as JSON")
    hours.add_argument("path", type=Path)
    hours.add_argument("--from", dest="first", required=True, type=_day)
    hours.add_argument("--to", dest="last", required=True, type=_day)
    hours.set_defaults(handler=_hours)

    sheet = commands.add_parser("timesheet", help="one PA's timesheet: JSON, a PDF, or approve it")
    sheet.add_argument("path", type=Path)
    sheet.add_argument("--pa", required=True)
    sheet.add_argument("--from", dest="first", required=True, type=_day)
    sheet.add_argument("--to", dest="last", required=True, type=_day)
    sheet.add_argument("--pdf", type=Path, help="save as a PDF for signing")
    sheet.add_argument("--blank", action="store_true", help="with --pdf: a blank timesheet to fill in by hand")
    sheet.add_argument("--confirm-planned", action="store_true",
                       help="mark every planned shift as worked (with --approve: in the same step)")
    sheet.add_argument("--approve", action="store_true", help="approve and lock it (both sign today or --signed)")
    sheet.add_argument("--signed", type=_day)
    sheet.set_defaults(handler=_timesheet)
