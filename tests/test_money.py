"""The direct payment account as a double-entry ledger: bank statements read or refused, imported once, matched
and reconciled; funds set aside with a reason for every movement; what is owed from pay runs; and the surplus a
council may claw back, worked through a year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.clock import FixedClock
from app.core.dates import LONDON, calendar_month_ends, month_end
from app.core.money import format_pounds
from app.money.bank_layouts import KNOWN_LAYOUTS, layout_from_json, layout_to_json
from app.money.bank_statements import read_statement
from app.money.council_payments import Agreement, Received, expected_payments, payment_states, weekly_pence
from app.money.ledger import BANK, CRISIS, Posting, RunningBalance, Transaction, balances, posting_problems
from app.money.matching import Candidate, best_match
from app.money.position import Allowance, Holding, surplus
from app.services import money_views
from app.services.add_rates import RateInput
from app.services.add_shift import ShiftInput
from app.services.book import EmployerBook, NewEmployer
from app.services.council_agreement import AgreementInput, SetAgreement
from app.services.import_statement import ImportStatement, StatementFile
from app.services.money_chart import balance_chart
from app.services.money_expected import candidates
from app.services.move_fund_money import FundMove, ReleaseFromFund, TopUpFund
from app.services.pa_form import PaForm
from app.services.reconcile_statement import ReconcileStatement, Reconciling
from app.services.record_money import MoneyIn, Payment, PayWhatIsOwed, RecordMoneyIn, RecordSpending, Spending
from app.services.set_up_account import AccountInput, SetUpAccount
from app.services.void_transaction import Voiding, VoidTransaction
from tests import ops
from tests.conftest import REFERENCE, SHARED

SAMPLES = REFERENCE / "bank-statements"


def sample(name: str) -> Path:
    """A sample statement: the project's copy, or the shared reference's (the GPL-licensed ones live only there)."""
    for folder in (SAMPLES, SHARED / "reference" / "bank-statements"):
        if (folder / name).is_file():
            return folder / name
    pytest.skip(f"{name} is only in ../shared/reference/bank-statements (not beside this checkout)")


# Each sample in MANIFEST.md: the layout it is read as, its lines, and the balances before and after (the
# manifest's "derived" opening balances, or what the file states); None where the file gives no balance.
READ = {
    "lloyds-1.csv": ("Lloyds", 12, 592258, 204059),
    "nationwide-1.csv": ("Nationwide", 6, 23000, 10000),
    "nationwide-2.csv": ("Nationwide", 8, 22900, 10000),
    "nationwide-3.csv": ("Nationwide (midata)", 8, 12615, -200),
    "nationwide-4.csv": ("Nationwide (older export)", 9, 1418, 1000),
    "monzo-1.csv": ("Monzo (2018 export)", 1, None, None),
    "monzo-2.csv": ("Monzo", 9, None, None),
    "starling-1.csv": ("Starling", 2, 400000, 450000),
    "starling-2.csv": ("Starling", 3, 100000, 292766),
    "natwest-1.csv": ("NatWest", 2, 101234, 300000),
    "barclays-1.csv": ("Barclays", 3, None, None),
    "hsbc-1.csv": ("HSBC", 2, None, None),
    "santander-1.txt": ("Santander", 3, 101234, 294000),
    "firstdirect-1.csv": ("first direct", 1, 100000, 99500),
    "countinghouse-1.ofx": ("OFX", 2, 95234, 294000),
}
REFUSED = {
    "asgrim-ofxparser-1.ofx": "missing (DTSTART)",
    "libofx-1.sgml": "in USD, not pounds",
    "ofxgo-1.qfx": "in USD, not pounds",
    "ofxgo-2.ofx": "is not pounds and pence",
    "ofxparse-1.ofx": "in CAD, not pounds",
    "ofxparse-2.ofx": "in AUD, not pounds",
    "ofxparse-3.ofx": "not written the way OFX requires (20180804093914:014)",
    "ofxparse-4.ofx": "cannot be read",
    "ofxparse-5.ofx": "cannot be read",
    "ofxtools-1.ofx": "in USD, not pounds",
}


def test_every_sample_in_the_manifest_is_listed_here() -> None:
    manifest = (SAMPLES / "MANIFEST.md").read_text("utf-8")
    listed = {line.split("|")[1].strip() for line in manifest.splitlines()
              if line.startswith("| ") and "." in line.split("|")[1] and not line.startswith("| File")}
    assert listed == set(READ) | set(REFUSED)


@pytest.mark.parametrize("name", sorted(READ))
def test_each_uk_bank_layout_is_read(name: str) -> None:
    layout, count, opening, closing = READ[name]
    statement, problems = read_statement(sample(name).read_bytes(), name)
    assert problems == [] and statement is not None
    assert layout in statement.layout
    assert len(statement.lines) == count
    assert (statement.opening_balance_pence, statement.closing_balance_pence) == (opening, closing)
    assert [line.occurred_on for line in statement.lines] == sorted(line.occurred_on for line in statement.lines)
    assert len({line.bank_id for line in statement.lines}) == count  # every line its own id


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_each_faulty_or_foreign_statement_is_refused_with_a_reason(name: str) -> None:
    statement, problems = read_statement(sample(name).read_bytes(), name)
    assert statement is None
    assert any(REFUSED[name] in p.message for p in problems), problems


def test_the_lloyds_running_balance_that_does_not_add_up_is_said_not_hidden() -> None:
    """MANIFEST.md: the INS2 row shows 6029.49 where 6039.58 - 5.97 = 6033.61 (a reconciliation trap)."""
    statement, _ = read_statement(sample("lloyds-1.csv").read_bytes())
    assert statement is not None
    assert any("£6,029.49" in note and "£6,033.61" in note for note in statement.notes)


def test_amounts_are_read_exactly_whatever_the_bank_writes() -> None:
    lloyds, _ = read_statement(sample("lloyds-1.csv").read_bytes())
    midata, _ = read_statement(sample("nationwide-3.csv").read_bytes())
    hsbc, _ = read_statement(sample("hsbc-1.csv").read_bytes())
    assert lloyds and midata and hsbc
    assert 200000 in [line.amount_pence for line in lloyds.lines]  # "2000": no decimals
    assert [line.amount_pence for line in midata.lines][-1] == -5200  # "-£52.00" (newest first in the file)
    assert [line.amount_pence for line in hsbc.lines] == [-1234, 200000]  # "2,000.00"


def test_a_three_decimal_amount_is_refused_not_cut() -> None:
    statement, problems = read_statement(b"Date,Description,Amount,Balance\n10/02/2026,SHOP,-5.009,995.00\n")
    assert statement is None and problems[0].line == 2 and "5.009" in problems[0].message


def test_every_bad_line_is_listed_at_once() -> None:
    text = b"Date,Description,Amount,Balance\n10/02/2026,A,-5.00,995.00\n31/02/2026,B,-1.00,994.00\n12/02/2026,C,x,1\n"
    statement, problems = read_statement(text)
    assert statement is None
    assert [p.line for p in problems] == [3, 4]
    assert "day/month/year" in problems[0].message


def test_a_known_layout_missing_its_balance_column_says_which_column() -> None:
    statement, problems = read_statement(
        b"Transaction Date,Transaction Type,Sort Code,Account Number,Transaction Description,Debit Amount,"
        b"Credit Amount\n01/12/2023,DEB,99-88-74,12345678,SHOP,5.97,\n")
    assert statement is None
    assert 'Lloyds' in problems[0].message and '"balance" column' in problems[0].message


def test_an_unknown_layout_names_its_columns_and_a_chosen_layout_reads_it() -> None:
    text = b"When,What,How much,Left\n01/09/2026,Shop,-1.00,99.00\n02/09/2026,Council,1940.00,2039.00\n"
    statement, problems = read_statement(text)
    assert statement is None and '"When", "What", "How much", "Left"' in problems[0].message
    chosen = layout_from_json(layout_to_json(
        KNOWN_LAYOUTS[0].__class__("mine", "My bank", ("when", "what", "how much", "left"), date="when",
                                   description=("what",), amount="how much", balance="left", custom=True)))
    statement, problems = read_statement(text, layouts=[chosen])
    assert problems == [] and statement is not None
    assert statement.closing_balance_pence == 203900 and statement.opening_balance_pence == 10000


# --- the ledger, pure ---------------------------------------------------------------------------------------

def test_postings_that_do_not_sum_to_nothing_are_refused() -> None:
    assert posting_problems([Posting(BANK, 100), Posting("income:council", -100)]) == []
    assert "add up to 1 pence" in posting_problems([Posting(BANK, 100), Posting("income:council", -99)])[0].message
    assert posting_problems([Posting(BANK, 0)])
    assert posting_problems([Posting("nowhere:x", 5), Posting(BANK, -5)])


ACCOUNTS = st.sampled_from([BANK, CRISIS, "fund:contingency", "owed:hmrc", "owed:pa:1", "income:council",
                            "spending:pa_wages", "spending:insurance"])


@st.composite
def ledgers(draw: st.DrawFn) -> list[Transaction]:
    made = []
    for _ in range(draw(st.integers(0, 30))):
        legs = draw(st.lists(st.tuples(ACCOUNTS, st.integers(-500_000, 500_000)), min_size=1, max_size=4))
        postings = [Posting(a, p) for a, p in legs]
        postings.append(Posting(draw(ACCOUNTS), -sum(p for _, p in legs)))
        made.append(Transaction(date(2026, 4, 6) + timedelta(days=draw(st.integers(0, 400))), tuple(postings),
                                voided=draw(st.booleans())))
    return made


@given(ledgers(), st.dates(date(2026, 1, 1), date(2027, 12, 31)))
def test_any_ledger_balances_to_nothing_and_the_running_balance_agrees(ledger: list[Transaction], on: date) -> None:
    totals = balances(ledger, on)
    assert sum(totals.values()) == 0
    running = RunningBalance((t.occurred_on, t.bank_amount_pence) for t in ledger if not t.voided)
    in_account = sum(v for a, v in totals.items() if a == BANK or a.startswith("fund:"))
    assert running.on(on) == in_account


# --- council payments and the surplus ---------------------------------------------------------------------

def test_a_four_weekly_payment_is_a_quarter_of_it_a_week_and_a_monthly_one_12_52ths() -> None:
    assert weekly_pence(194000, "four_weekly") == 48500
    assert weekly_pence(210000, "monthly") == 48462  # 2,100 x 12 / 52 = 484.615...
    assert weekly_pence(630000, "quarterly") == 48462  # 6,300 / 13


def test_payments_late_short_and_received_are_told_apart() -> None:
    agreement = Agreement(date(2026, 4, 6), None, 194000, "four_weekly", 12000, "into_account")
    expected = expected_payments(agreement, date(2026, 6, 30))
    assert [e.due_on for e in expected if e.stream == "council"] == [date(2026, 4, 6), date(2026, 5, 4),
                                                                     date(2026, 6, 1), date(2026, 6, 29)]
    received = [Received("council", date(2026, 4, 6), 194000, date(2026, 4, 6)),
                Received("council", date(2026, 5, 4), 194000, date(2026, 5, 18)),  # 14 days late
                Received("council", date(2026, 6, 1), 150000, date(2026, 6, 1)),  # short
                Received("contribution", date(2026, 4, 6), 12000, date(2026, 4, 7))]
    states = {(s.expected.stream, s.expected.due_on): s for s in payment_states(expected, received, date(2026, 6, 30))}
    assert states[("council", date(2026, 5, 4))].words.endswith("14 days late")
    assert states[("council", date(2026, 6, 1))].state == "short"
    assert "£440.00 short" in states[("council", date(2026, 6, 1))].words
    assert states[("council", date(2026, 6, 29))].state == "due"  # within the 5 days' grace
    assert states[("contribution", date(2026, 5, 4))].state == "late"
    invoiced = Agreement(date(2026, 4, 6), None, 194000, "four_weekly", 12000, "invoiced")
    assert {e.stream for e in expected_payments(invoiced, date(2026, 6, 30))} == {"council"}


def test_the_allowed_balance_and_surplus_follow_the_councils_rule() -> None:
    """council-returns.md, section H: allowed = weekly DP x (contingency + advance weeks) + agreed extras;
    surplus = balance - liabilities - allowed, also in weeks (Trafford: 6-8 weeks' gross DP plus unused respite)."""
    allowance = Allowance(48500, Decimal(6), Decimal(4), extras_pence=30000)
    assert allowance.allowed_pence == 515000
    found = surplus(700000, 40000, allowance)
    assert found.surplus_pence == 145000 and found.weeks == Decimal("3.0")
    assert "£1,450.00 (3.0 weeks of payments)" in found.words()
    assert surplus(500000, 40000, allowance).surplus_pence < 0
    assert "No surplus" in surplus(500000, 40000, allowance).words()


def test_the_four_numbers_read_as_a_sentence() -> None:
    holding = Holding(234012, 112040, 90000, 0)
    assert holding.free_pence == 31972
    assert holding.words() == ("£2,340.12 in the account; £1,120.40 already owed; £900.00 contingency; £319.72 free "
                               "to spend.")


def test_a_line_matches_only_one_clear_candidate() -> None:
    a = Candidate("expected:council:2026-09-01", 194000, date(2026, 9, 1), "council")
    b = Candidate("expected:council:2026-09-29", 194000, date(2026, 9, 29), "council")
    assert best_match(194000, date(2026, 9, 2), [a, b], set()) == a
    assert best_match(194000, date(2026, 9, 2), [a, b], {a.key}) is None  # too far from the 29th
    assert best_match(194000, date(2026, 8, 29), [a], set()) == a  # 3 days early
    assert best_match(194000, date(2026, 8, 28), [a], set()) is None  # 4 days early
    assert best_match(194000, date(2026, 9, 11), [a], set()) == a  # 10 days late
    assert best_match(194000, date(2026, 9, 12), [a], set()) is None
    twin = Candidate("transaction:5", 194000, date(2026, 9, 3), "recorded")
    assert best_match(194000, date(2026, 9, 2), [a, twin], set()) is None  # a day either side: ask the holder


# --- in an employer file -----------------------------------------------------------------------------------

NOON = datetime(2027, 4, 10, 12, tzinfo=LONDON)


@dataclass
class Year:
    book: EmployerBook
    folder: Path


@pytest.fixture
def year(tmp_path: Path) -> Year:
    book = EmployerBook.create(tmp_path / "money.pabooks", NewEmployer("Alex Morgan"), clock=FixedClock(NOON))
    ops.set_agreement(book, "Northshire Council", date(2026, 4, 6), "1940.00", "four_weekly")
    book.run(SetUpAccount(), AccountInput("Direct payment account", opened_on=date(2026, 4, 1),
                                          opening_balance="1500.00")).unwrap()
    yield Year(book, tmp_path)
    book.close()


def statement(folder: Path, name: str, lines: list[tuple[date, str, int, int]]) -> Path:
    path = folder / name
    rows = [f"{d:%d/%m/%Y},{who},REF,FASTER PAYMENT,{pence / 100:.2f},{balance / 100:.2f},"
            for d, who, pence, balance in lines]
    path.write_text("Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category\n"
                    + "\n".join(rows) + "\n", "utf-8")
    return path


def test_the_same_statement_imported_twice_adds_nothing(year: Year) -> None:
    path = statement(year.folder, "sept.csv", [(date(2026, 4, 6), "NORTHSHIRE", 194000, 344000),
                                               (date(2026, 4, 8), "SHOP", -1250, 342750)])
    first = year.book.run(ImportStatement(), StatementFile(path)).unwrap()
    assert (first.added, first.matched) == (2, 1)  # the council's payment was expected on the 6th
    again = year.book.run(ImportStatement(), StatementFile(path)).unwrap()
    assert (again.added, again.already_there) == (0, 2)
    assert "Nothing added" in again.words()
    overlapping = statement(year.folder, "more.csv", [(date(2026, 4, 8), "SHOP", -1250, 342750),
                                                      (date(2026, 4, 9), "CAFE", -300, 342450)])
    assert year.book.run(ImportStatement(), StatementFile(overlapping)).unwrap().added == 1
    _, lines = money_views.statements(year.book)
    assert len(lines) == 3


def test_a_statement_reconciles_only_when_every_line_is_sorted_and_the_balance_agrees(year: Year) -> None:
    book = year.book
    path = statement(year.folder, "april.csv", [(date(2026, 4, 6), "NORTHSHIRE", 194000, 344000),
                                                (date(2026, 4, 8), "SHOP", -1250, 342750)])
    imported = book.run(ImportStatement(), StatementFile(path)).unwrap()
    refused = book.run(ReconcileStatement(), Reconciling(imported.statement_id))
    assert [p.line for p in refused.problems] == [3]  # the shop line is not sorted
    _, lines = money_views.statements(book)
    shop = next(line for line in lines if line.amount_pence == -1250)
    book.run(RecordSpending(), Spending(date(2026, 4, 8), "12.50", "equipment", "Shop", bank_line_id=shop.line_id)
             ).unwrap()
    assert book.run(ReconcileStatement(), Reconciling(imported.statement_id)).unwrap() == 2
    register = money_views.register(book)
    assert [r.state for r in register[-2:]] == ["Reconciled", "Reconciled"]
    reconciled = register[-1].transaction_id
    voided = book.run(VoidTransaction(), Voiding(reconciled, "Typed twice by mistake"))
    assert "reconciled with a bank statement" in voided.problems[0].message


def test_a_gap_between_statements_shows_the_difference_and_reconciles_nothing(year: Year) -> None:
    book = year.book
    # May's statement is imported, April's is not: the balance before it is not what PA Books has seen.
    path = statement(year.folder, "may.csv", [(date(2026, 5, 4), "NORTHSHIRE", 194000, 500000)])
    imported = book.run(ImportStatement(), StatementFile(path)).unwrap()
    refused = book.run(ReconcileStatement(), Reconciling(imported.statement_id))
    message = refused.problems[0].message
    assert "£5,000.00" in message and "£3,440.00" in message and "£1,560.00 apart" in message
    assert "statement before this one" in message
    assert money_views.statements(book)[0][0].reconciled is False


def test_crisis_fund_draws_need_a_reason_and_who_agreed_and_keep_their_history(year: Year) -> None:
    book = year.book
    book.run(TopUpFund(), FundMove(CRISIS, date(2026, 4, 10), "800.00", "The council agreed a crisis fund",
                                   "Northshire Council")).unwrap()
    no_reason = book.run(RecordSpending(), Spending(date(2026, 6, 1), "264.00", "agency", "Homecare Direct",
                                                    from_fund=CRISIS))
    assert {p.field for p in no_reason.problems} == {"reason", "authorised_by"}
    too_much = book.run(RecordSpending(), Spending(date(2026, 6, 1), "900.00", "agency", "Homecare Direct",
                                                   from_fund=CRISIS, reason="Emergency cover", authorised_by="Alex"))
    assert "holds only £800.00" in too_much.problems[0].message
    book.run(RecordSpending(), Spending(date(2026, 6, 1), "264.00", "agency", "Homecare Direct", from_fund=CRISIS,
                                        reason="Emergency cover: Priya in hospital", authorised_by="Alex Morgan")
             ).unwrap()
    book.run(TopUpFund(), FundMove(CRISIS, date(2026, 7, 1), "264.00", "Topped back up after June",
                                   "Alex Morgan")).unwrap()
    book.run(ReleaseFromFund(), FundMove(CRISIS, date(2026, 8, 1), "100.00", "Council lowered the target",
                                         "Northshire Council")).unwrap()
    history = money_views.fund_history(book, CRISIS)
    assert [(r.in_pence, r.out_pence, r.balance_pence) for r in history] == [
        (80000, 0, 80000), (0, 26400, 53600), (26400, 0, 80000), (0, 10000, 70000)]
    assert "Why: Emergency cover: Priya in hospital" in history[1].note and "Agreed by Alex Morgan" in history[1].note
    position = money_views.money_position(book, date(2026, 8, 1))
    assert position.holding.crisis_pence == 70000
    assert position.holding.in_account_pence == 150000 - 26400  # set aside money never left the account


def test_a_voided_transaction_stays_in_the_history_and_counts_for_nothing(year: Year) -> None:
    book = year.book
    made = book.run(RecordSpending(), Spending(date(2026, 4, 20), "40.00", "equipment", "Shop")).unwrap()
    book.run(VoidTransaction(), Voiding(made, "Typed twice by mistake")).unwrap()
    rows = money_views.register(book)
    assert rows[-1].state == "Voided" and "Typed twice by mistake" in rows[-1].note
    assert rows[-1].balance_pence == 150000
    assert money_views.register(book, include_voided=False)[-1].transaction_id != made


def test_money_in_is_matched_to_the_payment_it_was_expected_as(year: Year) -> None:
    book = year.book
    book.run(RecordMoneyIn(), MoneyIn(date(2026, 5, 18), "1940.00", "council")).unwrap()  # May's, 14 days late
    position = money_views.money_position(book, date(2026, 5, 31))
    states = {s.expected.due_on: s for s in position.payments if s.expected.stream == "council"}
    assert states[date(2026, 4, 6)].state == "received"  # the first payment it could be
    assert states[date(2026, 5, 4)].state == "late"
    assert any("has not arrived" in w for w in position.warnings)


def test_a_final_pay_run_is_owed_until_each_part_is_paid(year: Year) -> None:
    book = year.book
    pa = ops.add_pa(book, PaForm(first_name="Priya", last_name="Shah", started_on=date(2026, 4, 6),
                                           contracted_hours_per_week="20", starter_statement="A"),
                    rates=(RateInput("day", "13.50"),))
    ops.add_shift(book, ShiftInput(pa, date(2026, 4, 7), "09:00", "17:00"))
    ops.approve_timesheet(book, pa, date(2026, 4, 1), date(2026, 4, 30), date(2026, 4, 30), date(2026, 4, 30))
    run = ops.start_pay_run(book, "monthly", date(2026, 4, 20), date(2026, 4, 30), today=date(2026, 4, 30))
    ops.finalise(book, run, date(2026, 4, 30))
    owed = money_views.money_position(book, date(2026, 4, 30)).holding.owed_pence
    assert owed == 10800  # 8 hours at £13.50: no tax or NI at this pay, so all of it is owed to Priya
    with book.reading() as session:
        pay = next(c for c in candidates(session, date(2026, 4, 30)) if c.key.startswith("owed:pa:"))
    assert pay.bank_amount_pence == -10800
    path = statement(year.folder, "pay.csv", [(date(2026, 5, 1), "P SHAH", -10800, 139200)])
    assert book.run(ImportStatement(), StatementFile(path)).unwrap().matched == 1
    assert money_views.money_position(book, date(2026, 5, 1)).holding.owed_pence == 0
    wrong = book.run(PayWhatIsOwed(), Payment(date(2026, 5, 1), "1.00", "income:council"))
    assert wrong.problems[0].field == "owed_account"


def test_contingency_and_surplus_worked_through_a_year_with_a_late_council_payment(year: Year) -> None:
    """Thirteen four-weekly payments of £1,940.00 (£485.00 a week), the eighth 12 days late; £1,600.00 spent
    each period; 6 weeks' contingency and 4 paid in advance, so the account may hold £4,850.00. Each four weeks
    the balance, what may be kept and the surplus are worked out here independently and compared with what PA Books says."""
    book = year.book
    book.run(SetAgreement(), AgreementInput("Northshire Council", date(2026, 4, 6), "1940.00", "four_weekly",
                                            contingency_weeks="6", weeks_paid_in_advance="4")).unwrap()
    book.run(TopUpFund(), FundMove("fund:contingency", date(2026, 4, 6), "1000.00", "Holiday and sick pay cover",
                                   "Alex Morgan")).unwrap()
    balance = 150000
    allowed = 48500 * 10
    surpluses: list[int] = []
    for n in range(13):
        due = date(2026, 4, 6) + timedelta(weeks=4 * n)
        arrives = due + timedelta(days=12 if n == 7 else 0)
        book.run(RecordMoneyIn(), MoneyIn(arrives, "1940.00", "council")).unwrap()
        book.run(RecordSpending(), Spending(due + timedelta(days=2), "1600.00", "agency", "Homecare Direct")).unwrap()
        checked = due + timedelta(days=3)
        balance += 194000 * (arrives <= checked) - 160000
        if n == 7:  # past the 5 days' grace, not yet in
            position = money_views.money_position(book, due + timedelta(days=6))
            assert any("has not arrived" in w for w in position.warnings)
            balance += 194000  # it comes 9 days later
            continue
        position = money_views.money_position(book, checked)
        assert position.holding.in_account_pence == balance
        assert position.holding.contingency_pence == 100000
        assert position.holding.free_pence == balance - 100000
        assert position.surplus is not None and position.surplus.allowed_pence == allowed
        assert position.surplus.surplus_pence == balance - allowed
        surpluses.append(position.surplus.surplus_pence)
    assert surpluses[0] < 0 < surpluses[-1]  # the surplus grows through the year
    final = money_views.money_position(book, date(2027, 4, 10))
    assert final.holding.in_account_pence == 150000 + 13 * (194000 - 160000) == 592000
    assert final.surplus is not None and final.surplus.surplus_pence == 592000 - allowed == 107000
    assert final.surplus.weeks == Decimal("2.2")
    assert "Surplus of £1,070.00 (2.2 weeks of payments)" in final.surplus.words()
    assert not any("has not arrived" in w for w in final.warnings)  # the late one came


def test_month_ends_across_a_leap_february_and_the_turn_of_the_year() -> None:
    assert month_end(date(2028, 2, 10)) == date(2028, 2, 29)
    assert month_end(date(2027, 2, 1)) == date(2027, 2, 28)
    assert month_end(date(2026, 12, 31)) == date(2026, 12, 31)
    assert calendar_month_ends(date(2026, 11, 20), date(2027, 1, 3)) == [
        date(2026, 11, 30), date(2026, 12, 31), date(2027, 1, 31)]
    assert calendar_month_ends(date(2026, 5, 2), date(2026, 4, 30)) == []


def test_the_balance_chart_says_in_words_each_month_ends_balance_and_the_lines_it_draws(year: Year) -> None:
    """The chart's words are what a screen reader says for it: every month's closing balance (the month still
    running is given as today's), what the agreement lets the holder keep, the contingency and the forecast."""
    book = year.book
    book.run(TopUpFund(), FundMove("fund:contingency", date(2026, 4, 6), "1000.00", "Holiday and sick pay cover",
                                   "Alex Morgan")).unwrap()
    book.run(RecordMoneyIn(), MoneyIn(date(2026, 4, 6), "1940.00", "council")).unwrap()
    book.run(RecordSpending(), Spending(date(2027, 3, 2), "250.00", "agency", "Homecare Direct")).unwrap()
    position = money_views.money_position(book)
    series = money_views.balance_series(book)
    chart = balance_chart(book, position, series)
    assert chart.points[-1] == (date(2027, 4, 10), series.on(date(2027, 4, 10)))
    assert chart.words.startswith("Balance at the end of each month — April 2026: £3,440.00; May 2026: £3,440.00")
    assert "February 2027: £3,440.00; March 2027: £3,190.00; April 2027: £3,190.00." in chart.words
    assert position.surplus is not None and chart.allowed_pence == position.surplus.allowed_pence
    assert f"The agreement lets you keep {format_pounds(position.surplus.allowed_pence)} (the dashed line)." in chart.words
    assert "Contingency held: £1,000.00 (the dotted line)." in chart.words
    assert chart.ahead and "The forecast ahead (the dash-dot line)" in chart.words


# --- the migration from the single-entry ledger ------------------------------------------------------------

def test_a_file_with_the_old_single_entry_ledger_keeps_every_amount_as_double_entry(tmp_path: Path) -> None:
    """0007 carries the old tables over: the opening balance, each entry as two postings, each fund movement."""
    from contextlib import closing

    from app.services.book import EmployerBook as Book
    from tests.helpers import raw_connect, take_back_to

    path = tmp_path / "old.pabooks"
    Book.create(path, NewEmployer("Old Ledger")).close()
    take_back_to(path, "0006_pay_runs")
    with closing(raw_connect(path)) as conn:
        conn.execute("INSERT INTO ledger_account (id, name, kind, provider, sort_code, account_number_last4, "
                     "opened_on, opening_balance_pence) VALUES (1, 'DP', 'bank', 'Bank', '', '', '2026-04-01', 150000)")
        for on, pence, category in (("2026-04-06", 194000, "council_payment"), ("2026-04-08", -31250, "insurance"),
                                    ("2026-04-09", -1000, "mystery")):
            conn.execute("INSERT INTO ledger_entry (account_id, posted_on, amount_pence, payee, reference, method, "
                         "category, outcome, evidence, reconcile_state, void_reason) VALUES (1, ?, ?, 'x', '', '', "
                         "?, '', '', 'uncleared', '')", (on, pence, category))
        conn.execute("INSERT INTO fund (id, kind, name, target_pence, notes) VALUES (1, 'crisis', 'Crisis', 80000, '')")
        conn.execute("INSERT INTO fund_movement (fund_id, occurred_on, amount_pence, reason) VALUES "
                     "(1, '2026-04-10', 80000, 'Set aside')")
        conn.commit()
    book = Book.open(path)
    try:
        position = money_views.money_position(book, date(2026, 5, 1))
        assert position.holding.in_account_pence == 150000 + 194000 - 31250 - 1000
        assert position.holding.crisis_pence == 80000
        rows = money_views.register(book)
        assert [r.what for r in rows][:4] == ["Balance when the books started", "Council direct payment",
                                               "Employer's insurance", "Other spending"]
        from app.services.ledger_book import transactions

        with book.reading() as session:
            assert all(sum(p.amount_pence for p in t.postings) == 0 for t in transactions(session))
    finally:
        book.close()


def test_the_models_and_the_migrations_make_the_same_tables() -> None:
    """A file made by the migrations has every table and column the models name (and no others)."""
    import tempfile

    from sqlalchemy import create_engine, inspect

    from app.models import Base
    from app.storage import database

    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/m.db")
        from alembic import command

        config = database._alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        seen = inspect(engine)
        migrated = {t: {c["name"] for c in seen.get_columns(t)} for t in seen.get_table_names()
                    if t != "alembic_version"}
        engine.dispose()
    modelled = {t.name: {c.name for c in t.columns} for t in Base.metadata.sorted_tables}
    assert migrated == modelled


def test_money_in_on_29_february_is_recorded_like_any_other_day(year: Year) -> None:
    """A leap day: looking a year ahead for the payment it is must not ask for 29 February of the next year."""
    made = year.book.run(RecordMoneyIn(), MoneyIn(date(2028, 2, 29), "1940.00", "council"))
    assert made.ok, made.problems


# --- what to keep aside: holiday, sick pay, redundancy ---------------------------------------------------------


def test_statutory_redundancy_by_the_employment_rights_act_1996_s162() -> None:
    """ERA 1996 s.162: counting back from the day the job ends, half a week's pay for each year under 22, a week
    for each year throughout which the employee was 22 or over, a week and a half for 41 or over; at most 20 years;
    nothing under 2 years (s.155); a week's pay capped (£751 from 6 April 2026, £719 the year before)."""
    from app.payroll.rates import rates_for
    from app.payroll.redundancy import statutory_redundancy

    cap_2026 = rates_for("2026-27").redundancy
    # Born 1 January 1985, employed from 1 January 2016, the job ends 1 January 2027 at £400 a week: 11 years.
    # The last year (1 January 2026 to 2027) began on the 41st birthday: 1.5 weeks; the ten before at 22 to 40:
    # 1 week each. 11.5 weeks x £400 = £4,600.
    pay = statutory_redundancy(date(1985, 1, 1), date(2016, 1, 1), date(2027, 1, 1), 40000, cap_2026)
    assert (pay.years, pay.weeks, pay.amount_pence) == (11, Decimal("11.5"), 460000)
    # A day earlier the last year began at 40: 10 complete years, each a week.
    assert statutory_redundancy(date(1985, 1, 1), date(2016, 1, 1), date(2026, 12, 31), 40000,
                                cap_2026).weeks == Decimal(10)
    # From 18: three years at 18, 19, 20 and 21 ... under 22 each earn half a week.
    young = statutory_redundancy(date(2004, 6, 1), date(2022, 6, 1), date(2026, 6, 1), 30000, cap_2026)
    assert (young.years, young.weeks, young.amount_pence) == (4, Decimal(2), 60000)
    # Under two full years: nothing.
    assert statutory_redundancy(date(1980, 1, 1), date(2025, 1, 2), date(2027, 1, 1), 50000, cap_2026).amount_pence == 0
    # The most there can be: 20 years all at 41 or over, at the cap: 30 weeks x £751 = £22,530.
    most = statutory_redundancy(date(1950, 1, 1), date(1990, 1, 1), date(2026, 6, 1), 100000, cap_2026)
    assert (most.years, most.week_pay_pence, most.amount_pence) == (20, 75100, 2253000)
    assert rates_for("2025-26").redundancy.week_pay_cap == 719 and rates_for("2024-25").redundancy.week_pay_cap == 700


def test_a_week_of_statutory_sick_pay_for_the_guide() -> None:
    """From 6 April 2026 SSP is £123.25 a week or 80% of average weekly earnings if lower (GOV.UK test case:
    £112.50 a week earns £90.00); before, nothing below the lower earnings limit (£125 in 2025-26)."""
    from app.money.liabilities import sick_pay_week_pence
    from app.payroll.rates import rates_for

    now = rates_for("2026-27")
    assert sick_pay_week_pence(11250, now) == 9000 and sick_pay_week_pence(40000, now) == 12325
    before = rates_for("2025-26")
    assert sick_pay_week_pence(12400, before) == 0 and sick_pay_week_pence(40000, before) == 11875


def test_holiday_earned_in_the_leave_year() -> None:
    """5.6 weeks of the contracted week, in proportion to the leave year gone (Working Time Regulations regs. 13,
    13A); 12.07% of hours worked for irregular hours (reg. 15B); nothing builds up when it is rolled up."""
    from app.money.liabilities import PaFacts, holiday_earned_hours
    from app.payroll.rates import rates_for

    rates = rates_for("2026-27")
    regular = PaFacts("Priya", None, date(2020, 1, 1), 30000, 1350, "weeks", Decimal(20), Decimal(0), Decimal(0))
    # 20 hours a week x 5.6 = 112 hours a year; on 30 September 2026, 183 of the 365 days from 1 April are gone.
    assert holiday_earned_hours(regular, date(2026, 4, 1), date(2026, 9, 30), rates) == Decimal(112) * 183 / 365
    irregular = PaFacts("Tom", None, date(2020, 1, 1), 0, 1350, "accrual_12_07", None, Decimal(100), Decimal(0))
    assert holiday_earned_hours(irregular, date(2026, 4, 1), date(2026, 9, 30), rates) == Decimal("12.07")
    rolled = PaFacts("Sue", None, date(2020, 1, 1), 0, 1350, "rolled_up", None, Decimal(100), Decimal(0))
    assert holiday_earned_hours(rolled, date(2026, 4, 1), date(2026, 9, 30), rates) == 0
    started_late = PaFacts("Ann", None, date(2026, 9, 1), 0, 1350, "weeks", Decimal(20), Decimal(0), Decimal(0))
    assert holiday_earned_hours(started_late, date(2026, 4, 1), date(2026, 9, 30), rates) == Decimal(112) * 30 / 365


def test_the_guide_says_what_to_keep_aside_beside_the_contingency(tmp_path: Path) -> None:
    """From a file: Priya on 20 hours a week at £13.50 since 2019, born 1980; 8 hours of holiday taken since
    1 April; nothing paid yet, so a week's pay is 20 x £13.50 = £270.00."""
    from app.payroll.holiday import leave_year_start
    from app.services.money_liabilities import known_liabilities

    book = EmployerBook.create(tmp_path / "keep.pabooks", NewEmployer("Alex Morgan", "Jordan Morgan", "holder"),
                               clock=FixedClock(datetime(2026, 9, 30, 12, tzinfo=LONDON)))
    priya = ops.add_pa(book, PaForm(first_name="Priya", last_name="Shah", started_on=date(2019, 3, 1),
                                    date_of_birth=date(1980, 5, 5), contracted_hours_per_week="20",
                                    starter_statement="A"), rates=(RateInput("day", "13.50"),
                                                                   RateInput("holiday", "13.50")))
    ops.add_pa(book, PaForm(first_name="Sue", last_name="Gone", started_on=date(2019, 3, 1), left_on=date(2026, 5, 31),
                            contracted_hours_per_week="10",
                            date_of_birth=date(1980, 5, 5), starter_statement="A"), rates=(RateInput("day", "13.50"),))
    shift = ops.add_shift(book, ShiftInput(priya, date(2026, 7, 6), "09:00", "17:00", kind="holiday"))
    ops.mark_shift(book, shift, "worked")
    ops.set_agreement(book, "Northshire Council", date(2026, 4, 1), "1000.00", "four_weekly")
    book.run(SetUpAccount(), AccountInput("DP", opened_on=date(2026, 4, 1), opening_balance="3000.00")).unwrap()
    book.run(TopUpFund(), FundMove("fund:contingency", date(2026, 4, 1), "2000.00", "Four weeks agreed")).unwrap()
    assert leave_year_start(date(2026, 3, 31)) == date(2025, 4, 1) and leave_year_start(date(2026, 4, 1)) == date(
        2026, 4, 1)
    guide = known_liabilities(book)
    assert [p.name for p in guide.pas] == ["Priya Shah"]  # Sue has left
    priya_owed = guide.pas[0]
    earned = Decimal(112) * 183 / 365
    assert priya_owed.holiday_hours == (earned - 8).quantize(Decimal("0.01"))
    assert priya_owed.holiday_pence == int((priya_owed.holiday_hours * 1350).to_integral_value("ROUND_HALF_UP"))
    assert priya_owed.sick_pay_pence == 4 * 12325  # 80% of £270.00 is £216.00: the weekly rate is lower
    # 7 full years from 1 March 2019 to 30 September 2026, counted back from 30 September (born 5 May 1980): the
    # years beginning 30 September 2025, 2024, 2023, 2022 and 2021 began at 45, 44, 43, 42 and 41: 1.5 weeks each;
    # 2020 and 2019 at 40 and 39: a week each. 9.5 weeks x £270.00 = £2,565.00.
    assert priya_owed.redundancy_pence == 256500 and "7 full years, 9.5 weeks at £270.00" in priya_owed.redundancy_words
    words = guide.words()
    assert words[0].startswith(f"For what may fall due, PA Books suggests keeping £{guide.keep_pence / 100:,.2f}")
    assert "The contingency fund holds £2,000.00" in words[1]
    book.close()
    # In a tax year whose rates are not yet added, the guide still answers, with the newest rates held.
    book.clock = FixedClock(datetime(2027, 4, 10, 12, tzinfo=LONDON))
    assert [p.name for p in known_liabilities(book).pas] == ["Priya Shah"]


def test_an_import_reports_how_far_it_has_gone_and_a_stop_undoes_it(tmp_path: Path) -> None:
    from app.services.operations import CANCELLED

    book = EmployerBook.create(tmp_path / "stop.pabooks", NewEmployer("Alex Morgan", "Jordan Morgan", "holder"),
                               clock=FixedClock(datetime(2026, 12, 2, 12, tzinfo=LONDON)))
    book.run(SetUpAccount(), AccountInput("DP", opened_on=date(2026, 1, 1), opening_balance="5000.00")).unwrap()
    statement = tmp_path / "long.csv"
    statement.write_text("Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category\n" + "".join(
        f"{date(2026, 1, 2) + timedelta(days=n // 2):%d/%m/%Y},SHOP {n},,CARD,-1.{n % 100:02d},,\n"
        for n in range(300)), "utf-8")
    told: list[tuple[int, int]] = []

    def stop_half_way(done: int, total: int) -> bool:
        told.append((done, total))
        return done < total // 2

    refused = book.run(ImportStatement(), StatementFile(statement, progress=stop_half_way))
    assert [p.code for p in refused.problems] == [CANCELLED], refused.problems
    assert money_views.statements(book) == ([], [])  # the lines stored before the stop are undone
    assert told[0] == (0, 600) and told[-1][0] >= 300  # stored every line, stopped while matching
    went: list[tuple[int, int]] = []
    done = book.run(ImportStatement(), StatementFile(statement, progress=lambda d, t: went.append((d, t)) is None))
    assert done.ok and done.unwrap().added == 300
    assert [d for d, _ in went] == sorted(d for d, _ in went) and went[-1][0] < 600
    book.close()


def test_money_pooled_with_other_holders_is_recorded_as_the_holders_share(tmp_path: Path) -> None:
    """Three holders share a PA for a Thursday group: the whole cost £90.00, this holder's share £30.00 leaves the
    account; the register and the council return say what it was a share of and with whom. A holder who paid
    the whole records the others' shares coming back as their own funding stream."""
    from app.services.return_facts import ReturnChoice, council_return

    book = EmployerBook.create(tmp_path / "pooled.pabooks", NewEmployer("Alex Morgan", "Jordan Morgan", "holder"),
                               clock=FixedClock(datetime(2026, 12, 2, 12, tzinfo=LONDON)))
    ops.set_agreement(book, "Northshire Council", date(2026, 4, 6), "1940.00", "four_weekly")
    book.run(SetUpAccount(), AccountInput("DP", opened_on=date(2026, 4, 6), opening_balance="1000.00")).unwrap()
    refused = book.run(RecordSpending(), Spending(date(2026, 5, 7), "30.00", "agency", "Group Support CIC",
                                                  pooled_total="20.00"))
    assert {p.field for p in refused.problems} == {"pooled_total", "pooled_with"}
    assert "less than your share" in " ".join(p.message for p in refused.problems)
    book.run(RecordSpending(), Spending(date(2026, 5, 7), "30.00", "agency", "Group Support CIC",
                                        pooled_total="90.00", pooled_with="Sam and Kit: a shared PA for the Thursday "
                                                                          "group")).unwrap()
    book.run(RecordSpending(), Spending(date(2026, 5, 14), "90.00", "agency", "Group Support CIC",
                                        pooled_total="90.00", pooled_with="Sam and Kit")).unwrap()
    book.run(RecordMoneyIn(), MoneyIn(date(2026, 5, 20), "60.00", "pooled", "Sam and Kit's shares")).unwrap()
    rows = money_views.register(book, first=date(2026, 5, 1))
    assert [r.note for r in rows if r.out_pence == 3000] == [
        "Your share of £90.00 pooled with Sam and Kit: a shared PA for the Thursday group"]
    _, ret = council_return(book, ReturnChoice(date(2026, 5, 1), date(2026, 5, 31)))
    assert ret.total_out_pence == 12000 and dict(ret.money_in_by_source)["Others' shares of a pooled cost"] == 6000
    assert any("pooled with Sam and Kit" in line.note for line in ret.facts.money_out)
    book.close()


# --- a second budget in the same file -------------------------------------------------------------------------


def _with_health_budget(tmp_path: Path) -> tuple[EmployerBook, int]:
    from app.services.add_budget import AddBudget, BudgetInput

    book = EmployerBook.create(tmp_path / "two.pabooks", NewEmployer("Alex Morgan", "Jordan Morgan", "holder"),
                               clock=FixedClock(datetime(2026, 12, 2, 12, tzinfo=LONDON)))
    ops.set_agreement(book, "Northshire Council", date(2026, 4, 6), "1940.00", "four_weekly")
    book.run(SetUpAccount(), AccountInput("DP account", opened_on=date(2026, 4, 5), opening_balance="1000.00")).unwrap()
    book.run(RecordSpending(), Spending(date(2026, 5, 1), "60.00", "equipment", "Mobility Shop")).unwrap()
    health = book.run(AddBudget(), BudgetInput(
        "Health budget", "nhs_phb",
        AgreementInput("Northshire Integrated Care Board", date(2026, 6, 1), "500.00", "four_weekly", "PHB-7",
                       contingency_weeks="2", receipt_threshold="25.00", return_template="personal-health-budget"),
        AccountInput("Health budget account", opened_on=date(2026, 5, 31), opening_balance="200.00"),
        "Physiotherapy, equipment for the chest condition, and respite")).unwrap()
    return book, health


def test_a_second_budget_keeps_its_own_money_terms_and_return(tmp_path: Path) -> None:
    """An NHS personal health budget beside the council's direct payment: each sees only its own account,
    transactions, expected payments and return; the direct payment's figures are as they were."""
    from app.services.add_budget import budgets
    from app.services.return_facts import ReturnChoice, council_return
    from app.services.return_views import returns_view

    book, health = _with_health_budget(tmp_path)
    phb = book.budget(health)
    assert [(b.budget_id, b.words) for b in budgets(book)] == [
        (None, "Direct payment (Northshire Council)"), (health, "Health budget (Northshire Integrated Care Board)")]
    phb.run(RecordMoneyIn(), MoneyIn(date(2026, 6, 1), "500.00", "council", "Northshire ICB")).unwrap()
    phb.run(RecordSpending(), Spending(date(2026, 6, 10), "45.00", "equipment", "Chest physio kit")).unwrap()
    phb.run(TopUpFund(), FundMove("fund:contingency", date(2026, 6, 11), "100.00", "Two weeks agreed")).unwrap()
    main_position = money_views.money_position(book, date(2026, 6, 30))
    health_position = money_views.money_position(phb, date(2026, 6, 30))
    assert main_position.holding.in_account_pence == 100000 - 6000  # untouched by the health budget
    assert main_position.holding.contingency_pence == 0
    assert (health_position.holding.in_account_pence, health_position.holding.contingency_pence) == (65500, 10000)
    assert health_position.account_name == "Health budget account"
    assert "£125.00 a week" in health_position.allowance_words  # its own terms: £500 every four weeks
    assert "£250.00" in health_position.allowance_words  # two weeks' contingency
    assert [r.description for r in money_views.register(phb)] == [
        "Balance when the books started", "Northshire ICB", "Chest physio kit", "Set aside in the fund"]
    assert "Chest physio kit" not in [r.description for r in money_views.register(book)]
    # Its own expected payments: the ICB's every four weeks from 1 June; the council's are not its.
    due = [p.expected.due_on for p in health_position.payments]
    assert due[:2] == [date(2026, 6, 1), date(2026, 6, 29)]
    assert all(p.expected.due_on >= date(2026, 6, 1) for p in health_position.payments)
    # Its own return, in its own form, with no PAs (they are paid from the direct payment).
    view = returns_view(phb)
    assert view is not None and view.template.id == "personal-health-budget"
    assert view.council == "Northshire Integrated Care Board"
    _, ret = council_return(phb, ReturnChoice(date(2026, 6, 1), date(2026, 8, 31)))
    assert ret.facts.opening_balance_pence == 20000 and ret.total_in_pence == 50000 and ret.total_out_pence == 4500
    assert dict(ret.money_in_by_source) == {"Personal health budget payments": 50000}
    assert ret.facts.pas == () and "hmrc" not in {c.code for c in ret.checks if not c.ok}
    _, council = council_return(book, ReturnChoice(date(2026, 4, 6), date(2026, 7, 5)))
    assert council.total_out_pence == 6000 and council.total_in_pence == 0
    # Home names the second budget's payments and returns beside the direct payment's.
    from app.services.home import home_summary

    with ops.on(book, date(2026, 9, 10)):
        titles = [item.title for item in home_summary(book).todo]
    assert any(t.startswith("Health budget: Northshire Integrated Care Board's payment of £500.00") for t in titles)
    assert "Send Northshire Integrated Care Board your return for 1 June 2026 to 31 August 2026" in titles
    # A transaction of one budget cannot be voided from the other.
    other = money_views.register(book)[-1].transaction_id
    refused = phb.run(VoidTransaction(), Voiding(other, "Not this budget's"))
    assert not refused.ok and "not in" in refused.problems[0].message
    book.close()


def test_a_statement_for_the_second_budget_goes_to_its_own_account(tmp_path: Path) -> None:
    book, health = _with_health_budget(tmp_path)
    phb = book.budget(health)
    statement = tmp_path / "health.csv"
    statement.write_text("Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category\n"
                         "01/06/2026,NORTHSHIRE ICB,PHB-7,BACS,500.00,700.00,\n", "utf-8")
    done = phb.run(ImportStatement(), StatementFile(statement)).unwrap()
    assert done.matched == 1  # matched to the ICB's payment its terms expected
    assert money_views.statements(book) == ([], [])  # not the direct payment's
    found, lines = money_views.statements(phb)
    assert len(found) == 1 and [line.description for line in lines] == ["NORTHSHIRE ICB — PHB-7"]
    assert money_views.money_position(phb, date(2026, 6, 2)).holding.in_account_pence == 70000
    book.close()


def test_the_forecast_costs_the_pas_from_the_rotas_planned(tmp_path: Path) -> None:
    """How far the budget will go: the PAs' wages from the rotas planned for the next 4 weeks at their day rates;
    without rotas, what a week has cost over the last 12 weeks; a what-if adds hours at the day rate."""
    from app.services.money_forecast import forecast
    from app.services.rotas import RotaInput

    book = EmployerBook.create(tmp_path / "ahead.pabooks", NewEmployer("Alex Morgan", "Jordan Morgan", "holder"),
                               clock=FixedClock(datetime(2026, 12, 2, 12, tzinfo=LONDON)))
    ops.set_agreement(book, "Northshire Council", date(2026, 4, 6), "1940.00", "four_weekly")
    book.run(SetUpAccount(), AccountInput("DP", opened_on=date(2026, 9, 1), opening_balance="3000.00")).unwrap()
    for week in range(12):  # £240.00 a week over the last 12 weeks
        book.run(RecordSpending(), Spending(date(2026, 9, 16) + timedelta(weeks=week), "240.00", "agency",
                                            "Homecare")).unwrap()
    without = forecast(book)
    assert without.forecast.weeks[0].money_out_pence == 24000
    assert "the average of the last 12 weeks" in without.basis[2]
    priya = ops.add_pa(book, PaForm(first_name="Priya", last_name="Shah", started_on=date(2026, 1, 5),
                                    contracted_hours_per_week="8", starter_statement="A"),
                       rates=(RateInput("day", "13.50"),))
    ops.add_rota(book, RotaInput(priya, (0, 2), "09:00", "13:00", date(2026, 11, 1)))  # Mondays and Wednesdays
    planned = forecast(book)
    # 8 hours a week x £13.50 = £108.00 (no pay yet, so no tax, NI or pension share), plus the £240.00 a week of
    # other spending the last 12 weeks had (none of it wages).
    assert planned.forecast.weeks[0].money_out_pence == 10800 + 24000
    assert "8 hours a week at each PA's day rate, £108.00" in planned.basis[2]
    more = forecast(book, Decimal(5))
    assert more.forecast.weeks[0].money_out_pence == 10800 + 24000 + 5 * 1350  # five more hours at the day rate
    assert more.forecast.end_balance_pence < planned.forecast.end_balance_pence
    book.close()


def test_home_warns_of_a_surplus_the_forecast_puts_at_the_returns_end(tmp_path: Path) -> None:
    """Weeks before the return (the period 6 October 2026 to 5 January 2027, quarterly from the agreement's start),
    Home looks ahead: £1,000.00 now is within the £1,940.00 the agreement allows, but the council's payment due
    on 14 December with nothing spent puts it at £2,940.00 by 5 January: £1,000.00 over. With £250.00 a week
    spent (as the last 12 weeks were), it stays within, and Home says nothing of a surplus."""
    from app.services.money_reminders import money_todo

    def book_with(name: str, opening: str, weekly_spending: int) -> EmployerBook:
        book = EmployerBook.create(tmp_path / f"{name}.pabooks", NewEmployer("Alex Morgan", "Jordan Morgan", "holder"),
                                   clock=FixedClock(datetime(2026, 12, 1, 12, tzinfo=LONDON)))
        ops.set_agreement(book, "Northshire Council", date(2026, 4, 6), "1940.00", "four_weekly")
        book.run(SetUpAccount(), AccountInput("DP", opened_on=date(2026, 9, 1), opening_balance=opening)).unwrap()
        for week in range(12 if weekly_spending else 0):
            book.run(RecordSpending(), Spending(date(2026, 9, 9) + timedelta(weeks=week), f"{weekly_spending}.00",
                                                "agency", "Homecare")).unwrap()
        return book

    quiet = book_with("quiet", "1000.00", 0)
    said = [i for i in money_todo(quiet, date(2026, 12, 1)) if "agreement allows" in i.title]
    assert [i.title for i in said] == ["The account is forecast to hold £1,000.00 more than the agreement allows"]
    assert "By 5 January 2027 the forecast" in said[0].detail and said[0].due_on == date(2027, 1, 5)
    spending = book_with("spending", "4000.00", 250)
    assert money_views.money_position(spending).holding.in_account_pence == 100000
    assert not [i for i in money_todo(spending, date(2026, 12, 1)) if "agreement allows" in i.title]
    assert not [i for i in money_todo(quiet, date(2026, 11, 1)) if "agreement allows" in i.title]  # not yet
    quiet.close()
    spending.close()


# --- the Money screen's overview, read in one go -------------------------------------------------------------

def test_the_overview_is_what_the_position_register_and_balance_series_say_one_by_one(tmp_path: Path) -> None:
    """money_overview reads the year once and works the balance before a day back from today's: it must say
    exactly what money_position, register and balance_series say, over two years and a bit, with a fund set
    aside (no change to the bank), a voided payment, one dated after today and a statement line sorted more
    than a year ago (which must not count as a line to sort)."""
    book = EmployerBook.create(tmp_path / "overview.pabooks", NewEmployer("Alex Morgan"), clock=FixedClock(NOON))
    ops.set_agreement(book, "Northshire Council", date(2025, 4, 6), "1940.00", "four_weekly")
    book.run(SetUpAccount(), AccountInput("DP", opened_on=date(2025, 1, 1), opening_balance="1500.00")).unwrap()
    old = statement(tmp_path, "old.csv", [(date(2025, 2, 3), "SHOP", -1250, 148750)])
    book.run(ImportStatement(), StatementFile(old)).unwrap()
    _, lines = money_views.statements(book)
    book.run(RecordSpending(), Spending(date(2025, 2, 3), "12.50", "equipment", "Shop",
                                        bank_line_id=lines[0].line_id)).unwrap()
    for n in range(30):
        day = date(2025, 1, 6) + timedelta(weeks=4 * n)
        book.run(RecordMoneyIn(), MoneyIn(day, "1940.00", "council")).unwrap()
        book.run(RecordSpending(), Spending(day + timedelta(days=2), "1700.00", "agency", "Homecare Direct")).unwrap()
    book.run(TopUpFund(), FundMove("fund:contingency", date(2026, 9, 1), "500.00", "Cover", "Alex Morgan")).unwrap()
    typo = book.run(RecordSpending(), Spending(date(2027, 1, 20), "40.00", "equipment", "Shop")).unwrap()
    book.run(VoidTransaction(), Voiding(typo, "Typed twice")).unwrap()
    book.run(RecordSpending(), Spending(date(2027, 5, 1), "25.00", "equipment", "Shop")).unwrap()  # after today
    today = book.today()
    chart_from = today - timedelta(weeks=52)
    for register_from, text, account, voided in [(today - timedelta(days=366), "", "", True),
                                                 (today - timedelta(days=92), "homecare", "", True),
                                                 (None, "", "", False),
                                                 (today - timedelta(days=366), "", "fund:contingency", True)]:
        overview = money_views.money_overview(book, register_from, chart_from, text, account, voided)
        assert overview.position == money_views.money_position(book)
        assert overview.register == money_views.register(book, text, register_from, account=account,
                                                         include_voided=voided)
        series = money_views.balance_series(book, chart_from)
        assert overview.series.days == series.days
        assert [overview.series.on(d) for d in series.days] == [series.on(d) for d in series.days]
    assert overview.register and overview.position.lines_to_sort == 0  # the old line was sorted
    assert overview.series.on(today) == money_views.balance_on(book, today)
    book.close()
