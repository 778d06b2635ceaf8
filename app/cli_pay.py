"""Command-line pay runs, over the same operations as the Pay screen:

    pabooks payrun new PATH --frequency monthly --period 2026-12-01 --pay-date 2026-12-31
    pabooks payrun add PATH RUN --pa "Priya Shah" --kind expenses --amount 12.40 --description "Bus fares"
    pabooks payrun show PATH [RUN]          the runs, or one run with its payslips, as JSON
    pabooks payrun finalise PATH RUN
    pabooks payrun correct PATH RUN --pay-date 2027-01-08 --reason "..."
    pabooks payrun delete PATH RUN          a draft only
    pabooks payslips PATH RUN --out FOLDER  [--large-print]  a PDF per PA, and who to pay as CSV
    pabooks hmrc-due PATH [--tax-year 2026-27]  what is owed HMRC, by when, with the reference, as JSON
    pabooks p60 PATH --tax-year 2026-27 --out FOLDER   the P60s and the year's pay record
    pabooks p45 PATH --pa NAME --out FILE.pdf          a leaver's P45, recorded as given
    pabooks pension-letter PATH --pa NAME --kind enrolment|re_enrolment|postponement|non_eligible
    pabooks pension enrol PATH --pa NAME --on DATE      contributions from the pay period holding that date
    pabooks pension postpone PATH --pa NAME --from DATE --until DATE   up to 3 months from when the duty arose
    pabooks pension opt-out PATH --pa NAME --notice-on DATE [--letter-on DATE]   what is paid back, in words
    pabooks pension re-enrolment PATH [--on DATE]       when it is due and what it would do, as JSON
    pabooks pension re-enrol PATH --on DATE             re-enrol who left, on a date in the window
    pabooks pension redeclared PATH --on DATE           the re-declaration of compliance was made
    pabooks pension re-enrolled-before PATH --on DATE   a re-enrolment made before using PA Books
    pabooks pension-schedule PATH --month 2026-11 [--csv F.csv]   each member's contributions that month, as JSON
    pabooks fps show|xml PATH RUN [--out F.xml]         the run's FPS for HMRC (checked; nothing is sent)
    pabooks fps send PATH RUN --user ID                 send it to HMRC, and keep HMRC's answer with the run
    pabooks eps PATH --tax-year Y [--claim-allowance] [--no-payment-month N] [--final] --out F.xml | --send
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.cli_records import _day, _pa_id, file_command, guard, opened_book
from app.services.choices import LATE_REASONS, LATE_REASONS_SAID


def _json(data: object) -> None:
    json.dump(data, sys.stdout, indent=2, default=str, ensure_ascii=False)
    sys.stdout.write("\n")


def _run(path: Path, operation: Any, given: Any) -> Any:
    """One operation on a file: its result, or its refusal raised (and printed by `guard`)."""
    with opened_book(path) as book:
        return book.run(operation, given).unwrap()


@guard
def _new(args: argparse.Namespace) -> int:
    from app.services.start_pay_run import NewPayRun, StartPayRun

    run_id = _run(args.path, StartPayRun(), NewPayRun(args.frequency, args.period, args.pay_date))
    print(f"Started pay run {run_id} (a draft). See it with: pabooks payrun show {args.path} {run_id}")
    return 0


@guard
def _add(args: argparse.Namespace) -> int:
    from app.services.pay_additions import AddPayAddition, NewAddition

    with opened_book(args.path) as book:
        book.run(AddPayAddition(), NewAddition(args.run, _pa_id(book, args.pa), args.kind, args.amount,
                                               args.description or "")).unwrap()
    print(f"Added {args.kind.replace('_', ' ')} of £{args.amount} for {args.pa} to pay run {args.run}")
    return 0


def _run_json(view: Any) -> dict[str, Any]:
    from app.services.pay_views import run_summary_lines

    data = asdict(view)
    data["summary"] = run_summary_lines(view)
    return data


@guard
def _show(args: argparse.Namespace) -> int:
    from app.services.pay_views import pay_run, pay_runs

    with opened_book(args.path, read_only=args.read_only) as book:
        if args.run is None:
            _json([{"pay_run_id": v.pay_run_id, "title": v.title, "pay_date": v.pay_date, "finalised": v.finalised,
                    "kind": v.kind, "paid_to_pas_pence": v.paid_to_pas_pence, "due_to_hmrc_pence": v.due_to_hmrc_pence}
                   for v in pay_runs(book)])
        else:
            _json(_run_json(pay_run(book, args.run)))
    return 0


@guard
def _finalise(args: argparse.Namespace) -> int:
    from app.services.finalise_pay_run import FinalisePayRun, Finalising
    from app.services.pay_views import pay_run, run_summary_lines

    with opened_book(args.path) as book:
        book.run(FinalisePayRun(), Finalising(args.run)).unwrap()
        print("\n".join(run_summary_lines(pay_run(book, args.run))))
    return 0


@guard
def _correct(args: argparse.Namespace) -> int:
    from app.services.correct_pay_run import Correction, StartCorrection

    run_id = _run(args.path, StartCorrection(), Correction(args.run, args.pay_date, args.reason))
    print(f"Started correction run {run_id}. Add what was missed with: pabooks payrun add {args.path} {run_id} ...")
    return 0


@guard
def _delete(args: argparse.Namespace) -> int:
    from app.services.start_pay_run import DeleteDraftRun

    _run(args.path, DeleteDraftRun(), args.run)
    print(f"Deleted the draft pay run {args.run}")
    return 0


@guard
def _payslips(args: argparse.Namespace) -> int:
    from app.reports.payslip_pdf import write_payslips_pdf
    from app.reports.who_to_pay import payees, write_who_to_pay_csv
    from app.services.pay_views import pay_run

    with opened_book(args.path, read_only=args.read_only) as book:
        view = pay_run(book, args.run)
    if not view.payslips:
        print("pabooks: there are no payslips in that run: no PA is paid in it.", file=sys.stderr)
        return 1
    out: Path = args.out
    size = " large print" if args.large_print else ""
    for slip in view.payslips:
        target = out / f"Payslip{size} {slip.pa_name} {view.pay_date:%Y-%m-%d}.pdf"
        write_payslips_pdf(view, target, large_print=args.large_print, pa_id=slip.pa_id)
        print(target)
    csv_target = write_who_to_pay_csv(view, out / f"Who to pay {view.pay_date:%Y-%m-%d}.csv")
    print(csv_target)
    for payee in payees(view):
        if payee.missing:
            print(f"pabooks: {payee.pa_name}: {payee.missing}", file=sys.stderr)
    return 0


@guard
def _hmrc_due(args: argparse.Namespace) -> int:
    from app.services.hmrc_due import bill_words, hmrc_due

    with opened_book(args.path, read_only=args.read_only) as book:
        due = hmrc_due(book, args.tax_year)
    _json({"quarterly": due.quarterly, "accounts_office_reference": due.accounts_office_reference,
           "bills": [{**asdict(bill), "amount_pence": bill.amount_pence, "words": bill_words(bill)}
                     for bill in due.bills]})
    if not due.accounts_office_reference:
        print("pabooks: add the Accounts Office reference (pabooks employer) to see the payment references.",
              file=sys.stderr)
    return 0


@guard
def _pension_schedule(args: argparse.Namespace) -> int:
    from app.services.pension_schedule import month_from, pension_schedule, schedule_lines

    month = month_from(args.month)
    with opened_book(args.path, read_only=args.read_only) as book:
        schedule = pension_schedule(book, month)
    if args.csv is not None:
        from app.reports.pension_schedule_csv import write_pension_schedule_csv

        print(f"Saved the pension schedule as {write_pension_schedule_csv(schedule, args.csv)}", file=sys.stderr)
    _json({"month": f"{schedule.month:%Y-%m}", "due_on": schedule.due_on, "total_pence": schedule.total_pence,
           "lines": [asdict(line) for line in schedule.lines], "words": schedule_lines(schedule)})
    return 0


@guard
def _p60(args: argparse.Namespace) -> int:
    from app.reports.year_end import write_p11_csv, write_p60s_pdf
    from app.services.year_end import year_end_papers

    with opened_book(args.path, read_only=args.read_only) as book:
        papers = year_end_papers(book, args.tax_year)
    if not papers.records:
        print(f"pabooks: nobody was paid in a finalised run in {args.tax_year}.", file=sys.stderr)
        return 1
    print(write_p11_csv(list(papers.records), args.out / f"Pay record {args.tax_year}.csv"))
    if not papers.ended:
        print(f"pabooks: P60s are made once the tax year {args.tax_year} has ended.", file=sys.stderr)
    elif papers.p60s:
        print(write_p60s_pdf(list(papers.p60s), args.out / f"P60s {args.tax_year}.pdf"))
    return 0


@guard
def _p45(args: argparse.Namespace) -> int:
    from app.reports.p45_pdf import write_p45_pdf
    from app.services.give_p45 import GiveP45, p45

    with opened_book(args.path) as book:
        pa_id = _pa_id(book, args.pa)
        view = p45(book, pa_id)
        if view.given_on is None:
            book.run(GiveP45(), pa_id).unwrap()
            view = p45(book, pa_id)
    print(write_p45_pdf(view, args.out))
    return 0


@guard
def _pension_letter(args: argparse.Namespace) -> int:
    from app.services.pension_letters import pension_letter

    with opened_book(args.path, read_only=True) as book:
        sys.stdout.write(pension_letter(book, _pa_id(book, args.pa), args.kind))
    return 0


@guard
def _pension(args: argparse.Namespace) -> int:
    from app.services.enrol_in_pension import EnrolInPension, Enrolment
    from app.services.postpone_pension import PostponeEnrolment, Postponement
    from app.services.re_enrol_pension import (
        RecordEarlierReEnrolment,
        RecordRedeclaration,
        ReEnrolPension,
        re_enrolment_plan,
    )
    from app.services.record_pension_opt_out import OptOutNotice, RecordPensionOptOut

    if args.pension_command == "re-enrolment":
        with opened_book(args.path, read_only=True) as book:
            plan = re_enrolment_plan(book, args.on)
        window = plan.window
        _json({"opens": window.opens if window else None, "closes": window.closes if window else None,
               "anniversary": window.anniversary if window else None, "redeclare_by": plan.redeclare_by,
               "redeclared_on": plan.redeclared_on, "assessed_on": plan.on,
               "pas": [{"name": c.name, "left_scheme_on": c.left_scheme_on, "verdict": str(c.verdict)}
                       for c in plan.candidates], "said": plan.lines()})
        return 0
    with opened_book(args.path) as book:
        if args.pension_command == "enrol":
            said = book.run(EnrolInPension(), Enrolment(_pa_id(book, args.pa), args.on)).unwrap()
        elif args.pension_command == "postpone":
            said = book.run(PostponeEnrolment(), Postponement(_pa_id(book, args.pa), args.from_, args.until)).unwrap()
        elif args.pension_command == "opt-out":
            said = book.run(RecordPensionOptOut(), OptOutNotice(_pa_id(book, args.pa), args.notice_on,
                                                                args.letter_on)).unwrap().words()
        elif args.pension_command == "re-enrol":
            said = book.run(ReEnrolPension(), args.on).unwrap().words()
        elif args.pension_command == "re-enrolled-before":
            said = book.run(RecordEarlierReEnrolment(), args.on).unwrap()
        else:
            said = book.run(RecordRedeclaration(), args.on).unwrap()
    print(said)
    return 0


GATEWAY_PASSWORD_FILE = "PABOOKS_GATEWAY_PASSWORD_FILE"  # noqa: S105 - the name of a variable, not a password


def _gateway_sign_in(book: Any, given_user: str | None) -> tuple[str, str]:
    """The Government Gateway user ID and password: as given, remembered, from the file the environment names, or
    asked for at a terminal."""
    import getpass
    import os

    from app.services import send_fps as sending

    remembered = sending.remembered_user(book)
    user = given_user or (remembered[0] if remembered else "")
    password = remembered[1] if remembered and remembered[0] == user else ""
    named = os.environ.get(GATEWAY_PASSWORD_FILE)
    if named:
        password = Path(named).read_text(encoding="utf-8").splitlines()[0]
    elif not password and sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(f"Government Gateway password for {user}: ")
    return user, password


def _said(result: Any) -> int:
    print(result.words)
    for error in result.errors:
        print(f"pabooks: {error}", file=sys.stderr)
    return 0 if result.status in ("accepted", "pending") else 1


def _send(args: argparse.Namespace) -> int:
    from app.services import send_fps as sending

    with opened_book(args.path) as book:
        late = sending.late_payday(book, args.run)
        if late is not None and not args.late_reason:
            print(f"pabooks: {sending.late_words(late)} Say why with --late-reason: {LATE_REASONS_SAID}. Nothing was "
                  "sent.", file=sys.stderr)
            return 2
        user, password = _gateway_sign_in(book, args.user)
        result = sending.send_fps(book, args.run, sending.sign_in(user, password), sending.hmrc_engine(),
                                  late_reason=args.late_reason)
        if args.remember and result.status == "accepted":
            sending.remember_user(book, user, password)
    return _said(result)


@guard
def _fps(args: argparse.Namespace) -> int:
    from app.services.fps import fps_for_run

    if args.fps_command == "send":
        return _send(args)
    if args.fps_command == "bpt":
        from app.services.bpt_sheet import bpt_sheet

        with opened_book(args.path, read_only=True) as book:
            print("\n".join(bpt_sheet(book, args.run).lines))
        return 0

    with opened_book(args.path, read_only=True) as book:
        document = fps_for_run(book, args.run)
    if args.fps_command == "show":
        _json({"pay_run_id": document.pay_run_id, "tax_year": document.tax_year, "ready": document.xml is not None,
               "problems": list(document.problems),
               "employees": [{"name": f"{e.forename} {e.surname}", "pay_id": e.pay_id, "taxable_pay_pence":
                              e.taxable_pay_pence, "tax_pence": e.tax_pence, "tax_code": e.tax_code,
                              "period": e.period} for e in document.employees]})
        return 0
    return _write_checked(document.xml, document.problems, args.out, f"the FPS for pay run {args.run}")


def _write_checked(xml: bytes | None, problems: tuple[str, ...], out: Path, what: str) -> int:
    """Write a checked RTI document, or say every problem that stops it (and write nothing)."""
    if xml is None:
        for problem in problems:
            print(f"pabooks: {problem}", file=sys.stderr)
        return 1
    out.write_bytes(xml)
    print(f"Wrote {what} to {out} (checked against HMRC's schema; not sent)")
    return 0


@guard
def _eps(args: argparse.Namespace) -> int:
    from app.services.eps import EpsRequest, eps_document

    request = EpsRequest(args.tax_year, args.claim_allowance, args.no_payment_month, args.final)
    if args.send:
        from app.services import send_fps as sending
        from app.services.send_eps import send_eps

        with opened_book(args.path) as book:
            user, password = _gateway_sign_in(book, args.user)
            result = send_eps(book, request, sending.sign_in(user, password), sending.hmrc_engine())
            if args.remember and result.status == "accepted":
                sending.remember_user(book, user, password)
        return _said(result)
    if args.out is None:
        print("pabooks: say where to save the EPS with --out F.xml, or send it with --send.", file=sys.stderr)
        return 2
    with opened_book(args.path, read_only=True) as book:
        document = eps_document(book, request)
    return _write_checked(document.xml, document.problems, args.out, f"the EPS for {args.tax_year}")


def add_pay_commands(commands: Any) -> None:
    payrun = commands.add_parser("payrun", help="pay runs: start, add to, show, finalise, correct, delete")
    actions = payrun.add_subparsers(dest="payrun_command", metavar="ACTION", required=True)
    new = file_command(actions, "new", "start a pay run (a draft)", _new)
    new.add_argument("--frequency", default="monthly", choices=["weekly", "fortnightly", "four_weekly", "monthly"])
    new.add_argument("--period", type=_day, required=True, help="any day in the pay period")
    new.add_argument("--pay-date", type=_day, required=True)
    add = file_command(actions, "add", "add a payment or deduction to a draft run", _add, run="one")
    add.add_argument("--pa", required=True, help="the PA's name, as on the PAs screen")
    add.add_argument("--kind", required=True, choices=["bonus", "back_pay", "holiday_pay", "expenses", "deduction"])
    add.add_argument("--amount", required=True, help="in pounds, such as 12.40")
    add.add_argument("--description", help="printed on the payslip")
    show = file_command(actions, "show", "the runs, or one run with its payslips, as JSON", _show, run="optional")
    show.add_argument("--read-only", action="store_true")
    file_command(actions, "finalise", "finalise a draft run (a backup is taken first)", _finalise, run="one")
    file_command(actions, "delete", "delete a draft run", _delete, run="one")
    correct = file_command(actions, "correct", "start a correction run for a final run", _correct, run="one")
    correct.add_argument("--pay-date", type=_day, required=True)
    correct.add_argument("--reason", required=True)

    slips = file_command(commands, "payslips", "a run's payslips as PDFs, and who to pay as CSV, into a folder", _payslips,
                     run="one")
    slips.add_argument("--out", type=Path, required=True)
    slips.add_argument("--large-print", action="store_true")
    slips.add_argument("--read-only", action="store_true")

    p60 = file_command(commands, "p60", "the P60s for a tax year and its pay record (CSV), into a folder", _p60)
    p60.add_argument("--tax-year", required=True, help="such as 2026-27")
    p60.add_argument("--out", type=Path, required=True)
    p60.add_argument("--read-only", action="store_true")
    p45 = file_command(commands, "p45", "give a leaver their P45 (recorded once) and save it as a PDF", _p45)
    p45.add_argument("--pa", required=True)
    p45.add_argument("--out", type=Path, required=True, help="the PDF to write")

    fps = commands.add_parser("fps", help="a final pay run's Full Payment Submission for HMRC")
    fps_actions = fps.add_subparsers(dest="fps_command", metavar="ACTION", required=True)
    file_command(fps_actions, "show", "its figures and what stops it, as JSON", _fps, run="one")
    file_command(fps_actions, "xml", "write its XML, checked against HMRC's schema", _fps, run="one").add_argument(
        "--out", type=Path, required=True)
    file_command(fps_actions, "bpt", "its figures in the order Basic PAYE Tools asks for them", _fps, run="one")
    send = file_command(fps_actions, "send", "send it to HMRC (the test service unless Settings say live)", _fps, run="one")
    send.add_argument("--user", help="the employer's Government Gateway user ID (the password is asked for, or "
                                     f"read from the file {GATEWAY_PASSWORD_FILE} names)")
    send.add_argument("--remember", action="store_true", help="keep the sign-in in this computer's keyring")
    send.add_argument("--late-reason", choices=sorted(LATE_REASONS),
                      help=f"why an FPS sent after the pay date is late: {LATE_REASONS_SAID}")

    eps = file_command(commands, "eps", "an Employer Payment Summary for HMRC, checked; saved, or sent with --send", _eps)
    eps.add_argument("--tax-year", required=True)
    eps.add_argument("--claim-allowance", action="store_true", help="claim the Employment Allowance for the year")
    eps.add_argument("--no-payment-month", type=int, help="a tax month (1-12) in which nobody was paid")
    eps.add_argument("--final", action="store_true", help="the last submission of the tax year")
    eps.add_argument("--out", type=Path, help="save its XML here (nothing is sent)")
    eps.add_argument("--send", action="store_true", help="send it to HMRC (the test service unless Settings say live)")
    eps.add_argument("--user", help="with --send: the employer's Government Gateway user ID")
    eps.add_argument("--remember", action="store_true", help="with --send: keep the sign-in in this computer's keyring")

    letter = file_command(commands, "pension-letter", "a pension letter the law requires, as text", _pension_letter)
    letter.add_argument("--pa", required=True)
    letter.add_argument("--kind", required=True, choices=["enrolment", "re_enrolment", "postponement", "non_eligible"])

    pension = commands.add_parser("pension", help="workplace pension opt-outs and re-enrolment")
    pension_actions = pension.add_subparsers(dest="pension_command", metavar="ACTION", required=True)
    enrol = file_command(pension_actions, "enrol", "enrol a PA in the scheme from a date", _pension)
    enrol.add_argument("--pa", required=True)
    enrol.add_argument("--on", type=_day, required=True, help="the enrolment date")
    postpone = file_command(pension_actions, "postpone", "postpone a PA's enrolment, for up to 3 months", _pension)
    postpone.add_argument("--pa", required=True)
    postpone.add_argument("--from", dest="from_", type=_day, required=True,
                          help="the day the duty to enrol arose (their first day, or when they first qualified)")
    postpone.add_argument("--until", type=_day, required=True)
    out = file_command(pension_actions, "opt-out", "record a PA's notice to leave the scheme, and say what is paid back",
                   _pension)
    out.add_argument("--pa", required=True)
    out.add_argument("--notice-on", type=_day, required=True, help="the day the scheme got the notice")
    out.add_argument("--letter-on", type=_day, help="the day the enrolment letter was given, if after the enrolment")
    plan = file_command(pension_actions, "re-enrolment", "when re-enrolment is due and what it would do, as JSON", _pension)
    plan.add_argument("--on", type=_day, help="the date to assess for (default: today)")
    file_command(pension_actions, "re-enrol", "re-enrol who left the scheme, on a date in the window", _pension).add_argument(
        "--on", type=_day, required=True)
    file_command(pension_actions, "redeclared", "record the re-declaration of compliance", _pension).add_argument(
        "--on", type=_day, required=True)
    file_command(pension_actions, "re-enrolled-before", "record a re-enrolment made before using PA Books",
             _pension).add_argument("--on", type=_day, required=True)

    schedule = file_command(commands, "pension-schedule", "each member's pension contributions in a month, as JSON",
                            _pension_schedule)
    schedule.add_argument("--month", required=True, help="the month the contributions were taken in, such as 2026-11")
    schedule.add_argument("--csv", type=Path, help="also save it as a CSV file here")
    schedule.add_argument("--read-only", action="store_true")

    due = file_command(commands, "hmrc-due", "what is owed HMRC, by when, and the reference, as JSON", _hmrc_due)
    due.add_argument("--tax-year", help="such as 2026-27 (default: every year)")
    due.add_argument("--read-only", action="store_true")
