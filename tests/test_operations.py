"""The operation runner: every write use case goes through it, writes exactly one history record naming who
acted, and writes nothing at all when its check finds a problem."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import app.services
from app.clock import FixedClock
from app.core.dates import LONDON
from app.core.roles import Role
from app.services import audit, backups
from app.services.add_budget import AddBudget, BudgetInput
from app.services.add_check import AddCheck, CheckInput, NewCheck
from app.services.add_pa import AddPa, NewPa
from app.services.add_rates import AddRates, NewRates, RateInput
from app.services.add_shift import AddShift, ShiftInput
from app.services.amend_timesheet import Amendment, AmendTimesheet
from app.services.approve_timesheet import Approval, ApproveTimesheet, ConfirmPlanned, PaDays
from app.services.book import EmployerBook, NewEmployer
from app.services.change_pa import ChangePa, PaChange
from app.services.change_shift import ChangeShift, DeleteShift, MarkShift, ShiftChange, ShiftMark
from app.services.choose_statement_columns import ChooseStatementColumns, ColumnChoice
from app.services.correct_pay_run import Correction, StartCorrection
from app.services.council_agreement import AgreementInput, PlanInput, SetAgreement, SetSupportPlan
from app.services.employer_details import EmployerDetails, SetEmployerDetails
from app.services.enrol_in_pension import EnrolInPension, Enrolment
from app.services.erase_pa import ErasePersonalData, Erasure
from app.services.finalise_pay_run import FinalisePayRun, Finalising
from app.services.give_p45 import GiveP45
from app.services.import_shifts import ImportShifts
from app.services.import_statement import ImportStatement, StatementFile
from app.services.money_expected import candidates
from app.services.move_fund_money import FundMove, ReleaseFromFund, TopUpFund
from app.services.operations import Actor, Change, Operation
from app.services.pa_form import PaForm
from app.services.paper_returns import RecordPaperReturnsPosted, TaxQuarter
from app.services.pay_additions import AddPayAddition, NewAddition, RemovePayAddition
from app.services.pay_time_rules import PayTimeRulesInput, SetPayTimeRules
from app.services.postpone_pension import PostponeEnrolment, Postponement
from app.services.re_enrol_pension import RecordEarlierReEnrolment, RecordRedeclaration, ReEnrolPension
from app.services.reconcile_statement import LineMatch, MatchBankLine, ReconcileStatement, Reconciling
from app.services.record_absence import AbsenceInput, RecordAbsence
from app.services.record_money import MoneyIn, Payment, PayWhatIsOwed, RecordMoneyIn, RecordSpending, Spending
from app.services.record_pension_opt_out import OptOutNotice, RecordPensionOptOut
from app.services.return_facts import ReturnChoice
from app.services.review_notes import NoteInput, NoteWithdrawal, WithdrawReviewNote, WriteReviewNote
from app.services.rotas import AddRota, ApplyRotas, Days, RotaInput
from app.services.send_fps import RecordEpsSubmission, RecordSubmission, SubmissionRecord
from app.services.set_up_account import AccountInput, SetUpAccount
from app.services.start_pay_run import DeleteDraftRun, NewPayRun, StartPayRun
from app.services.submit_return import Submission, SubmitReturn
from app.services.tax_code_notice import NoticeInput, RecordTaxCodeNotice
from app.services.void_transaction import Voiding, VoidTransaction
from tests import ops

TODAY = date(2026, 11, 25)
NOON = datetime(2026, 11, 25, 12, tzinfo=LONDON)
PRIYA = PaForm(first_name="Priya", last_name="Shah", started_on=date(2026, 1, 5), date_of_birth=date(1994, 7, 2),
               contracted_hours_per_week="25", starter_statement="A", address="1 Example Road, Northtown, NT1 2AB")
RATES = tuple(RateInput(kind, amount) for kind, amount in (("day", "13.50"), ("night", "14.50"), ("weekend", "15.00"),
                                                           ("bank_holiday", "20.25"), ("sleep_in", "90.00")))


@dataclass
class Household:
    book: EmployerBook
    priya: int
    tom: int  # left in 2019: his details may be erased
    june_shift: int  # in a draft period: can be changed
    may_shift: int  # in the approved May timesheet: locked
    may_sheet: int
    may_run: int  # finalised
    august_run: int  # a draft that can be finalised: a bonus and nothing else
    august_bonus: int
    sue: int  # left on 31 May 2026, paid in May: her P45 can be given
    spend: int = 0  # a payment recorded by hand, not on any statement: it can be voided
    november: int = 0  # a statement whose one line is sorted: it can be reconciled (closing £975.00)
    june_line: int = 0  # a statement line (Priya's May pay, paid late) not yet sorted
    note: int = 0  # a note for the annual review: it can be withdrawn
    folder: Path = Path()


@pytest.fixture
def household(tmp_path: Path) -> Iterator[Household]:
    book = EmployerBook.create(tmp_path / "household.pabooks", NewEmployer("Alex Morgan", "Jordan Morgan",
                                                                           "suitable_person"), clock=FixedClock(NOON))
    # Reporting to HMRC on paper, so a quarter's paper returns can be recorded as posted.
    ops.run(book, SetEmployerDetails(), EmployerDetails("Alex Morgan", "Jordan Morgan", "suitable_person",
                                                        paye_reference="123/AB45678", reports_on_paper=True))
    priya = ops.add_pa(book, PRIYA, rates=RATES)
    tom = ops.add_pa(book, replace(PRIYA, first_name="Tom", last_name="Leaver", started_on=date(2018, 1, 1),
                                   left_on=date(2019, 6, 30)), rates=RATES)
    ops.set_agreement(book, "Northshire Council", date(2026, 4, 1), "1940.00", "four_weekly")
    may_shift = ops.add_shift(book, ShiftInput(priya, date(2026, 5, 4), "09:00", "13:00"))
    may_sheet = ops.approve_timesheet(book, priya, date(2026, 5, 1), date(2026, 5, 31), date(2026, 6, 1),
                                      date(2026, 6, 1))
    june_shift = ops.add_shift(book, ShiftInput(priya, date(2026, 6, 2), "09:00", "13:00"))
    ops.add_rota(book, RotaInput(priya, (0,), "09:00", "12:00", date(2026, 7, 1), date(2026, 7, 31)))
    ops.apply_rotas(book, date(2026, 7, 1), date(2026, 7, 31))
    sue = ops.add_pa(book, replace(PRIYA, first_name="Sue", last_name="Leaving", started_on=date(2026, 4, 1),
                                   left_on=date(2026, 5, 31), pension_status="enrolled"), rates=RATES)
    ops.add_shift(book, ShiftInput(sue, date(2026, 5, 5), "09:00", "13:00"))
    ops.approve_timesheet(book, sue, date(2026, 5, 1), date(2026, 5, 31), date(2026, 6, 1), date(2026, 6, 1))
    may_run = ops.start_pay_run(book, "monthly", date(2026, 5, 1), date(2026, 6, 5), today=TODAY)
    ops.finalise(book, may_run, TODAY)
    august_run = ops.start_pay_run(book, "monthly", date(2026, 8, 1), date(2026, 8, 31), today=TODAY)
    august_bonus = ops.add_payment(book, august_run, priya, "bonus", "100.00", "Thank you for covering")
    # The duties began with Tom in 2018; the file records the first re-enrolment, on 1 January 2021.
    ops.run(book, ReEnrolPension(), date(2021, 1, 1))
    ops.run(book, RecordRedeclaration(), date(2021, 2, 1))
    h = Household(book, priya, tom, june_shift, may_shift, may_sheet, may_run, august_run, august_bonus, sue,
                  folder=tmp_path)
    money(h)
    yield h
    book.close()


STARLING = "Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category\n"


def statement_file(folder: Path, name: str, *lines: str) -> Path:
    path = folder / name
    path.write_text(STARLING + "\n".join(lines) + "\n", "utf-8")
    return path


def own_layout(folder: Path) -> Path:
    path = folder / "village.csv"
    path.write_text("When,What,How much\n01/12/2026,Council,1940.00\n", "utf-8")
    return path


def money(h: Household) -> None:
    """The account from 1 November with £1,000, a statement of November with one payment sorted, a statement of
    June with Priya's May pay not yet sorted, and a payment recorded by hand."""
    book = h.book
    book.run(SetUpAccount(), AccountInput("Direct payment account", opened_on=date(2026, 11, 1),
                                          opening_balance="1000.00")).unwrap()
    nov = book.run(ImportStatement(), StatementFile(statement_file(
        h.folder, "nov.csv", "10/11/2026,Office Shop,PAPER,CARD,-25.00,975.00,SHOPPING"))).unwrap()
    with book.reading() as session:
        from app.models import BankLine

        nov_line = session.query(BankLine).filter_by(statement_id=nov.statement_id).one().id
    book.run(RecordSpending(), Spending(date(2026, 11, 10), "25.00", "equipment", "Office Shop",
                                        bank_line_id=nov_line)).unwrap()
    with book.reading() as session:
        pay = next(c for c in candidates(session, TODAY) if c.key.startswith(f"owed:pa:{h.priya}:"))
    june = book.run(ImportStatement(), StatementFile(statement_file(
        h.folder, "june.csv", f"25/06/2026,P SHAH,WAGES,FASTER PAYMENT,{pay.bank_amount_pence / 100:.2f},0.00,"))).unwrap()
    with book.reading() as session:
        h.june_line = session.query(BankLine).filter_by(statement_id=june.statement_id).one().id
    h.november = nov.statement_id
    book.run(TopUpFund(), FundMove("fund:contingency", date(2026, 11, 2), "100.00", "Four weeks' contingency",
                                   "Jordan Morgan")).unwrap()
    h.spend = book.run(RecordSpending(), Spending(date(2026, 11, 20), "12.00", "pa_expenses", "Bus company")).unwrap()
    h.note = book.run(WriteReviewNote(), NoteInput(date(2026, 6, 1), "Alex", "Mornings with Priya work well")).unwrap()


def csv(*lines: str) -> str:
    return "\n".join(("pa,date,start,end", *lines))


H = Household
# Each write use case: its operation, an input it accepts, and an input it refuses (and then writes nothing).
CASES: dict[str, tuple[Callable[[], Operation[Any, Any]], Callable[[H], Any], Callable[[H], Any]]] = {
    "pa_added": (AddPa, lambda h: NewPa(replace(PRIYA, first_name="Ria", last_name="Patel"), (RateInput("day", "13"),)),
                 # The fault found from outside: a bad second rate left the PA and the first rate saved.
                 lambda h: NewPa(replace(PRIYA, first_name="Ria", last_name="Patel"),
                                 (RateInput("day", "13"), RateInput("weekend", "abc")))),
    "pa_changed": (ChangePa, lambda h: PaChange(h.priya, replace(PRIYA, phone="07700 900123")),
                   lambda h: PaChange(h.priya, replace(PRIYA, contracted_hours_per_week="lots"))),
    "rates_added": (AddRates, lambda h: NewRates(h.priya, (RateInput("day", "14.00", date(2026, 12, 1)),)),
                    lambda h: NewRates(h.priya, (RateInput("day", "14.00", date(2026, 12, 1)),
                                                 RateInput("weekend", "-1", date(2026, 12, 1))))),
    "check_added": (AddCheck, lambda h: NewCheck(h.priya, CheckInput("dbs", date(2026, 1, 2), date(2029, 1, 2))),
                    lambda h: NewCheck(h.priya, CheckInput("dbs", date(2026, 1, 2), date(2025, 1, 2)))),
    "personal_data_erased": (ErasePersonalData, lambda h: Erasure(h.tom, "Asked by email on 20 November 2026"),
                             lambda h: Erasure(h.priya, "Asked by email on 20 November 2026")),
    "agreement_set": (SetAgreement, lambda h: AgreementInput("Northshire Council", date(2027, 4, 1), "2000", "monthly"),
                      lambda h: AgreementInput("Northshire Council", date(2027, 4, 1), "0", "monthly")),
    "plan_set": (SetSupportPlan, lambda h: PlanInput(date(2026, 4, 1), {"day": "30", "sleep_in": "2"}),
                 lambda h: PlanInput(date(2026, 4, 1), {"day": "30", "sleep_in": "lots"})),
    "pay_rules_set": (SetPayTimeRules, lambda h: PayTimeRulesInput("23:00", "07:00", "wales"),
                      lambda h: PayTimeRulesInput("25:00", "07:00", "wales")),
    "shift_added": (AddShift, lambda h: ShiftInput(h.priya, date(2026, 6, 3), "09:00", "12:00"),
                    lambda h: ShiftInput(h.priya, date(2026, 6, 2), "12:00", "15:00")),  # overlaps 09:00-13:00
    "shift_changed": (ChangeShift, lambda h: ShiftChange(h.june_shift, ShiftInput(h.priya, date(2026, 6, 2), "10:00",
                                                                                   "13:00")),
                      lambda h: ShiftChange(h.may_shift, ShiftInput(h.priya, date(2026, 5, 4), "10:00", "13:00"))),
    "shift_marked": (MarkShift, lambda h: ShiftMark(h.june_shift, status="absent"),
                     lambda h: ShiftMark(h.may_shift, status="absent")),
    "shift_deleted": (DeleteShift, lambda h: h.june_shift, lambda h: h.may_shift),
    "rota_added": (AddRota, lambda h: RotaInput(h.priya, (1,), "09:00", "12:00", date(2026, 8, 1)),
                   lambda h: RotaInput(h.priya, (1,), "09:00", "12:00", date(2026, 8, 1), date(2026, 7, 1))),
    "rotas_applied": (ApplyRotas, lambda h: Days(date(2026, 7, 1), date(2026, 8, 31)),
                      lambda h: Days(date(2026, 8, 31), date(2026, 7, 1))),
    "planned_confirmed": (ConfirmPlanned, lambda h: PaDays(h.priya, date(2026, 7, 1), date(2026, 7, 31)),
                          lambda h: PaDays(999, date(2026, 7, 1), date(2026, 7, 31))),
    "timesheet_approved": (ApproveTimesheet, lambda h: Approval(h.priya, date(2026, 7, 1), date(2026, 7, 31),
                                                               date(2026, 8, 1), date(2026, 8, 1), True),
                           # Refused after confirming: the confirmation must not be saved either.
                           lambda h: Approval(h.priya, date(2026, 7, 1), date(2026, 7, 31), date(2026, 6, 30),
                                              date(2026, 8, 1), True)),
    "timesheet_amended": (AmendTimesheet, lambda h: Amendment(h.may_sheet, "The shift ended at 14:00, not 13:00"),
                          lambda h: Amendment(h.may_sheet, "x")),
    "employer_details_set": (SetEmployerDetails,
                             lambda h: EmployerDetails("Alex Morgan", "Jordan Morgan", "suitable_person",
                                                       paye_reference="123/ab45678", insurer="Example Mutual",
                                                       insurance_renews_on=date(2027, 3, 1)),
                             lambda h: EmployerDetails("Alex Morgan", "Jordan Morgan", "suitable_person",
                                                       paye_reference="AB45678", accounts_office_reference="123")),
    "shifts_imported": (ImportShifts, lambda h: csv("Priya Shah,01/09/2026,09:00,12:00"),
                        lambda h: csv("Priya Shah,01/09/2026,09:00,12:00", "Priya Shah,02/09/2026,9am,12:00")),
    "pay_run_started": (StartPayRun, lambda h: NewPayRun("monthly", date(2026, 11, 1), date(2026, 11, 30)),
                        lambda h: NewPayRun("monthly", date(2026, 5, 20), date(2026, 5, 29))),  # May is paid
    "pay_addition_added": (AddPayAddition, lambda h: NewAddition(h.august_run, h.priya, "expenses", "12.40", "Bus fares"),
                           lambda h: NewAddition(h.may_run, h.priya, "bonus", "50")),  # May is final
    "pay_addition_removed": (RemovePayAddition, lambda h: h.august_bonus, lambda h: 999),
    "pay_run_deleted": (DeleteDraftRun, lambda h: h.august_run, lambda h: h.may_run),
    "pay_run_finalised": (FinalisePayRun, lambda h: Finalising(h.august_run),
                          # What was shown is not what would be locked: refused.
                          lambda h: Finalising(h.august_run, shown_paid_to_pas_pence=1)),
    "correction_run_started": (StartCorrection,
                               lambda h: Correction(h.may_run, date(2026, 11, 30), "4 hours on 4 May were left off"),
                               lambda h: Correction(h.may_run, date(2026, 11, 30), "x")),
    "p45_given": (GiveP45, lambda h: h.sue, lambda h: h.priya),  # Priya has not left
    "absence_recorded": (RecordAbsence, lambda h: AbsenceInput(h.priya, "sickness", date(2026, 9, 7), date(2026, 9, 11),
                                                               "self_certified"),
                         lambda h: AbsenceInput(h.priya, "sickness", date(2026, 9, 11), date(2026, 9, 7))),
    "fps_sent": (RecordSubmission, lambda h: SubmissionRecord(h.may_run, "2026-27", "accepted", "C0FFEE", False, (),
                                                              "<Response/>"),
                 lambda h: SubmissionRecord(h.august_run, "2026-27", "accepted", "C0FFEE", False, (), "")),  # a draft
    "eps_sent": (RecordEpsSubmission, lambda h: SubmissionRecord(None, "2026-27", "accepted", "C0FFEE", False, (),
                                                                 "<Response/>", covers="allowance"),
                 lambda h: SubmissionRecord(None, "2026-27", "accepted", "C0FFEE", False, (), "")),  # for nothing
    "paper_returns_posted": (RecordPaperReturnsPosted, lambda h: TaxQuarter("2026-27", 1),  # May's pay
                             lambda h: TaxQuarter("2026-27", 3)),  # ends on 5 January: not yet
    "account_set_up": (SetUpAccount, lambda h: AccountInput("DP account", provider="Example Bank"),
                       lambda h: AccountInput("DP account", opening_balance="2000.00")),  # set once only
    "money_in_recorded": (RecordMoneyIn, lambda h: MoneyIn(date(2026, 11, 25), "1940.00", "council"),
                          lambda h: MoneyIn(date(2026, 11, 25), "1940.009", "council")),  # never cut to £1,940.00
    "spending_recorded": (RecordSpending,
                          lambda h: Spending(date(2026, 11, 21), "60.00", "agency", "Homecare Direct"),
                          lambda h: Spending(date(2026, 11, 21), "60.00", "agency", "Homecare Direct",
                                             from_fund="fund:crisis", reason="", authorised_by="")),
    "owed_paid": (PayWhatIsOwed, lambda h: Payment(date(2026, 11, 22), "10.00", "owed:hmrc", payee="HMRC"),
                  lambda h: Payment(date(2026, 11, 22), "10.00", "spending:hmrc", payee="HMRC")),
    "transaction_voided": (VoidTransaction, lambda h: Voiding(h.spend, "Typed twice by mistake"),
                           lambda h: Voiding(h.spend, "")),
    "fund_topped_up": (TopUpFund, lambda h: FundMove("fund:crisis", date(2026, 11, 21), "200.00",
                                                     "The council agreed a crisis fund", "Jordan Morgan"),
                       lambda h: FundMove("fund:crisis", date(2026, 11, 21), "5000.00", "More than there is")),
    "fund_released": (ReleaseFromFund, lambda h: FundMove("fund:contingency", date(2026, 11, 21), "1.00",
                                                          "Testing a release", "Jordan Morgan"),
                      lambda h: FundMove("fund:contingency", date(2026, 11, 21), "100.01", "More than it holds",
                                         "Jordan Morgan")),
    "statement_imported": (ImportStatement, lambda h: StatementFile(statement_file(
                               h.folder, "dec.csv", "01/12/2026,Council,DP,BACS,1940.00,2915.00,")),
                           lambda h: StatementFile(statement_file(
                               h.folder, "bad.csv", "01/12/2026,Council,DP,BACS,1940.00,2915.00,",
                               "31/02/2026,Shop,X,CARD,-1.00,2914.00,"))),
    "statement_columns_chosen": (
        ChooseStatementColumns,
        lambda h: ColumnChoice(own_layout(h.folder), "Village Bank", "When", "%d/%m/%Y", ("What",), "How much"),
        lambda h: ColumnChoice(own_layout(h.folder), "Village Bank", "When", "%Y-%m-%d", ("What",), "How much")),
    "council_return_submitted": (
        SubmitReturn,
        lambda h: Submission(ReturnChoice(date(2026, 11, 1), date(2026, 11, 10)), "Jordan Morgan", date(2026, 11, 25)),
        # No statement covers 20 November: the balance cannot be checked, so it is refused until explained.
        lambda h: Submission(ReturnChoice(date(2026, 11, 1), date(2026, 11, 20)), "Jordan Morgan", date(2026, 11, 25))),
    "bank_line_matched": (MatchBankLine, lambda h: LineMatch(h.june_line, f"owed:pa:{h.priya}:run:{h.may_run}"),
                          lambda h: LineMatch(h.june_line, "owed:hmrc:2099-01-22")),
    "statement_reconciled": (ReconcileStatement, lambda h: Reconciling(h.november),
                             lambda h: Reconciling(h.november, closing_balance="900.00")),
    "review_note_written": (WriteReviewNote, lambda h: NoteInput(date(2026, 11, 2), "Jordan, with Alex",
                                                                 "Weekend cover is hard to find", "not_working"),
                            lambda h: NoteInput(date(2026, 11, 2), "", "   ", "grumbles")),
    "review_note_withdrawn": (WithdrawReviewNote, lambda h: NoteWithdrawal(h.note, "Written on the wrong file"),
                              lambda h: NoteWithdrawal(h.note, "")),
    "budget_added": (AddBudget, lambda h: BudgetInput(
        "Health budget", "nhs_phb", AgreementInput("Northshire ICB", date(2026, 6, 1), "500.00", "four_weekly"),
        AccountInput("Health account", opened_on=date(2026, 6, 1), opening_balance="100.00")),
        lambda h: BudgetInput("Health budget", "nhs_phb", AgreementInput("Northshire ICB", date(2026, 6, 1), "0",
                                                                         "four_weekly"),
                              AccountInput("Health account", opened_on=date(2026, 6, 1), opening_balance="lots"))),
    "pension_enrolled": (EnrolInPension, lambda h: Enrolment(h.priya, date(2026, 11, 1)),
                         lambda h: Enrolment(h.priya, date(2025, 12, 31))),  # before she started
    "pension_postponed": (PostponeEnrolment, lambda h: Postponement(h.priya, date(2026, 11, 1), date(2027, 1, 31)),
                          lambda h: Postponement(h.priya, date(2026, 11, 1), date(2027, 3, 1))),  # over 3 months
    "pension_opt_out": (RecordPensionOptOut, lambda h: OptOutNotice(h.sue, date(2026, 5, 20)),
                        lambda h: OptOutNotice(h.sue, date(2026, 11, 26))),  # tomorrow
    # The next window counts from 1 January 2021: 1 October 2023 to 1 April 2024.
    "pension_re_enrolled": (ReEnrolPension, lambda h: date(2024, 1, 1), lambda h: date(2026, 11, 1)),
    "pension_re_enrolment_recorded": (RecordEarlierReEnrolment, lambda h: date(2024, 1, 1),
                                      lambda h: date(2026, 11, 26)),  # tomorrow
    "pension_redeclared": (RecordRedeclaration, lambda h: date(2021, 3, 1), lambda h: date(2020, 12, 1)),
    "tax_code_notice_recorded": (RecordTaxCodeNotice, lambda h: NoticeInput(h.priya, "p6", "1100L", date(2026, 12, 1)),
                                 lambda h: NoticeInput(h.priya, "p6", "12Q", date(2026, 12, 1))),
}
# Use cases run by the file's life cycle rather than from a screen's input; each has its own tests here.
LIFE_CYCLE = {"file_created", "demo_created", "backup_restored", "file_encrypted", "passphrase_changed",
              "file_location_noted"}


def every_operation() -> dict[str, type[Operation[Any, Any]]]:
    for module in pkgutil.iter_modules(app.services.__path__):
        importlib.import_module(f"app.services.{module.name}")
    found: dict[str, type[Operation[Any, Any]]] = {}
    stack: list[type[Operation[Any, Any]]] = [Operation]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if getattr(sub, "action", None) and sub.__module__.startswith("app.services"):
                found[sub.action] = sub
    return found


def rows(book: EmployerBook) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: to prove a refused operation changed nothing at all."""
    with book.reading() as session:
        sql = session.connection().exec_driver_sql
        tables = [name for (name,) in sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: [tuple(row) for row in sql(f'SELECT * FROM "{table}" ORDER BY rowid')] for table in tables}


def test_every_write_use_case_is_listed_here() -> None:
    assert set(every_operation()) == set(CASES) | LIFE_CYCLE


@pytest.mark.parametrize("action", sorted(CASES))
def test_each_operation_writes_one_record_naming_the_actor(household: Household, action: str) -> None:
    operation, good, _ = CASES[action]
    before = audit.history(household.book)
    outcome = household.book.run(operation(), good(household))
    assert outcome.ok, outcome.problems
    added = audit.history(household.book)[: len(audit.history(household.book)) - len(before)]
    assert [e.action for e in added] == [action]
    assert (added[0].role, added[0].details["by"]) == ("suitable_person", "Jordan Morgan")
    assert added[0].at == NOON  # the book's clock, not the computer's
    assert "the suitable person (Jordan Morgan)" in added[0].words()
    assert audit.check_history(household.book) == []


@pytest.mark.parametrize("action", sorted(CASES))
def test_a_refused_operation_writes_nothing_at_all(household: Household, action: str) -> None:
    operation, _, bad = CASES[action]
    before = rows(household.book)
    heard: list[frozenset[Change]] = []
    household.book.notices.subscribe(heard.append)
    outcome = household.book.run(operation(), bad(household))
    assert not outcome.ok and all(p.message for p in outcome.problems)
    assert rows(household.book) == before
    assert heard == []  # nothing changed, so nothing is announced


def test_every_problem_comes_back_at_once(household: Household) -> None:
    bad = replace(PRIYA, first_name="Ria", last_name="Patel", contracted_hours_per_week="lots", tax_code="12Q",
                  bank_sort_code="12-34")
    outcome = household.book.run(AddPa(), NewPa(bad, (RateInput("weekend", "abc"), RateInput("fortnight", "12"))))
    fields = [p.field for p in outcome.problems]
    assert fields == ["contracted_hours_per_week", "tax_code", "bank_sort_code", "rate 1", "rate 2"]


def test_a_support_worker_prepares_but_only_the_employer_signs(household: Household) -> None:
    book = household.book
    book.act_as(Actor(Role.SUPPORT_WORKER, "Sam from Independent Lives"))
    assert book.run(AddShift(), ShiftInput(household.priya, date(2026, 6, 9), "09:00", "12:00")).ok
    assert audit.history(book)[0].words().startswith("25 November 2026 12:00: a support worker (Sam from "
                                                     "Independent Lives) added a shift")
    refused = book.run(ApproveTimesheet(), Approval(household.priya, date(2026, 6, 1), date(2026, 6, 30),
                                                    date(2026, 7, 1), date(2026, 7, 1)))
    assert [p.field for p in refused.problems] == ["actor"] and "only the employer" in refused.problems[0].message
    assert ops.timesheet(book, household.priya, date(2026, 6, 1), date(2026, 6, 30)).status == "draft"


def test_screens_hear_what_changed(household: Household) -> None:
    heard: list[frozenset[Change]] = []
    household.book.notices.subscribe(heard.append)
    household.book.run(AddShift(), ShiftInput(household.priya, date(2026, 6, 9), "09:00", "12:00"))
    assert heard == [frozenset({Change.SHIFTS, Change.HISTORY})]


def test_an_irreversible_step_is_backed_up_first_and_only_when_it_goes_ahead(household: Household) -> None:
    book = household.book

    def before_approving() -> int:
        return sum(1 for b in backups.list_backups(book) if "before a timesheet was approved" in b.reason_words)

    taken = before_approving()
    assert not book.run(ApproveTimesheet(), Approval(household.priya, date(2026, 6, 1), date(2026, 6, 30),
                                                     date(2026, 5, 1), date(2026, 7, 1))).ok
    assert before_approving() == taken
    assert book.run(ApproveTimesheet(), Approval(household.priya, date(2026, 6, 1), date(2026, 6, 30),
                                                 date(2026, 7, 1), date(2026, 7, 1))).ok
    assert before_approving() == taken + 1


def test_a_rota_says_which_days_it_could_not_plan(household: Household) -> None:
    book = household.book
    ops.add_rota(book, RotaInput(household.tom, (2,), "09:00", "12:00", date(2019, 6, 1)))
    result = ops.apply_rotas(book, date(2019, 6, 24), date(2019, 7, 10))
    assert result.created == 1  # Wednesday 26 June, before he left
    assert result.not_applied == ("3 July 2019, Tom Leaver: Tom Leaver left on 30 June 2019; this shift on 3 July "
                                  "2019 is after that.", "10 July 2019, Tom Leaver: Tom Leaver left on 30 June 2019; "
                                  "this shift on 10 July 2019 is after that.")
    again = ops.apply_rotas(book, date(2019, 6, 24), date(2019, 7, 10))
    assert (again.created, again.already_planned) == (0, 1)


def test_the_same_shift_rules_refuse_adding_importing_and_rotas_alike(household: Household) -> None:
    """One set of rules: a shift before the PA started is refused the same way by each way in."""
    book, priya = household.book, household.priya
    added = book.run(AddShift(), ShiftInput(priya, date(2026, 1, 1), "09:00", "12:00"))
    imported = book.run(ImportShifts(), csv("Priya Shah,01/01/2026,09:00,12:00"))
    ops.add_rota(book, RotaInput(priya, (3,), "09:00", "12:00", date(2025, 12, 1)))
    planned = ops.apply_rotas(book, date(2026, 1, 1), date(2026, 1, 1))
    words = "Priya Shah starts on 5 January 2026; this shift on 1 January 2026 is before that"
    assert words in added.problems[0].message
    assert words in imported.problems[0].message and imported.problems[0].line == 2
    assert planned.created == 0 and words in planned.not_applied[0]


def test_an_import_is_checked_in_time_order_so_every_overlap_is_found(household: Household) -> None:
    outcome = household.book.run(ImportShifts(), csv("Priya Shah,10/09/2026,09:00,12:00",
                                                     "Priya Shah,01/09/2026,09:00,12:00",
                                                     "Priya Shah,10/09/2026,11:00,14:00",
                                                     "Priya Shah,10/09/2026,12:00,13:00",  # touches line 2's end
                                                     "Priya Shah,02/06/2026,12:00,14:00"))  # overlaps the file
    assert [(p.line, p.message) for p in outcome.problems] == [
        (4, "overlaps line 2 for Priya Shah"),
        (5, "overlaps line 4 for Priya Shah"),
        (6, "Priya Shah already has a shift from 09:00 on 2 June 2026 to 13:00, which overlaps this one; change or "
            "remove that shift first")]


def test_creating_a_file_is_one_operation_and_a_refused_one_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(ops.ImportRefused.__mro__[1]):  # Refused
        EmployerBook.create(tmp_path / "nobody.pabooks", NewEmployer("  "))
    assert list(tmp_path.iterdir()) == []
    book = EmployerBook.create(tmp_path / "sam.pabooks", NewEmployer("Sam Example"))
    assert [(e.action, e.role, e.details["by"]) for e in audit.history(book)] == [("file_created", "holder",
                                                                                   "Sam Example")]
    book.close()


def test_the_demo_is_made_by_pa_books_itself(tmp_path: Path) -> None:
    from app.services.demo import create_demo

    demo = create_demo(tmp_path / "demo.pabooks", FixedClock(NOON))
    events = list(reversed(audit.history(demo)))
    assert events[0].action == "file_created" and {e.role for e in events[1:]} == {"system"}
    assert [e.action for e in events[1:3]] == ["demo_created", "rota_added"]
    demo.close()
