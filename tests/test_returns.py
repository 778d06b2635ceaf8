"""Council returns: templates as data, periods and due dates, a scripted year of quarterly returns checked
against sums worked out here, the checks that stop a return being submitted until fixed or explained, locking,
amendments as new versions, and the PDF, CSV and XLSX read back."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.core.dates import LONDON
from app.reports.council_return import return_csv, write_bundle, write_return_pdf, write_return_xlsx
from app.returns.periods import on_request, periods
from app.returns.templates import shipped_templates, template_from_data
from app.services.book import EmployerBook, NewEmployer
from app.services.import_statement import ImportStatement, StatementFile
from app.services.money_views import statements
from app.services.reconcile_statement import ReconcileStatement, Reconciling
from app.services.record_money import MoneyIn, RecordMoneyIn, RecordSpending, Spending
from app.services.return_facts import ReturnChoice, council_return
from app.services.return_views import returns_view
from app.services.set_up_account import AccountInput, SetUpAccount
from app.services.submit_return import Submission, SubmitReturn
from tests import ops

TEMPLATES = Path(__file__).resolve().parent.parent / "app" / "returns" / "templates"


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.json")), ids=lambda p: p.name)
def test_each_shipped_template_reads_and_names_every_category_it_needs(path: Path) -> None:
    template, problems = template_from_data(json.loads(path.read_text("utf-8")), path.name)
    assert problems == [] and template is not None
    assert template.category_words("other") and template.declaration_words()
    assert "{" not in template.declaration_words()


def test_at_least_three_real_world_shapes_and_the_generic_one() -> None:
    shapes = {t.id: t for t in shipped_templates().values()}
    assert {"generic", "quarterly-return-form", "four-weekly-expenditure-sheet", "audit-summary"} <= set(shapes)
    assert {t.cycle for t in shapes.values()} >= {"quarterly", "four_weekly", "on_request"}


def test_a_broken_template_says_what_is_wrong_with_it() -> None:
    data = json.loads((TEMPLATES / "generic.json").read_text("utf-8"))
    data["cycle"], data["evidence"] = "fortnightly", ["selfies"]
    del data["declaration"]
    template, problems = template_from_data(data, "mine.json")
    assert template is None and problems[0].message == 'mine.json: the template has no "declaration".'
    data["declaration"] = "x"
    _, problems = template_from_data(data, "mine.json")
    assert {p.field for p in problems} == {"cycle", "evidence"}


def test_periods_and_due_dates_follow_each_templates_rule() -> None:
    t = shipped_templates()
    form = periods(t["quarterly-return-form"], date(2026, 5, 18), date(2027, 1, 1))
    assert [(p.starts_on, p.ends_on) for p in form] == [
        (date(2026, 5, 18), date(2026, 6, 30)), (date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 10, 1), date(2026, 12, 31)), (date(2027, 1, 1), date(2027, 3, 31))]  # financial-year quarters
    assert form[1].due_on == date(2026, 10, 28)  # 28 days after the quarter (Haringey, Sefton)
    sheet = periods(t["four-weekly-expenditure-sheet"], date(2026, 4, 6), date(2026, 6, 1))
    assert [(p.starts_on, p.ends_on, p.due_on) for p in sheet][:2] == [
        (date(2026, 4, 6), date(2026, 5, 3), date(2026, 5, 17)), (date(2026, 5, 4), date(2026, 5, 31), date(2026, 6, 14))]
    assert periods(t["audit-summary"], date(2026, 4, 6), date(2027, 1, 1)) == []
    asked = on_request(t["audit-summary"], date(2024, 4, 1), date(2025, 3, 31), date(2026, 11, 2))
    assert asked.due_on == date(2026, 11, 30)


# --- a scripted year ------------------------------------------------------------------------------------

NOON = datetime(2027, 4, 20, 12, tzinfo=LONDON)
START = date(2026, 4, 6)


@dataclass
class Year:
    book: EmployerBook
    folder: Path
    moves: list[tuple[date, int, str]]  # every amount in (+) and out (-) of the account, as this test knows it


def _statement(folder: Path, lines: list[tuple[date, int, str]], opening: int) -> Path:
    balance = opening
    rows = []
    for day, pence, who in sorted(lines):
        balance += pence
        rows.append(f"{day:%d/%m/%Y},{who},REF,FASTER PAYMENT,{pence / 100:.2f},{balance / 100:.2f},")
    path = folder / "year.csv"
    path.write_text("Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category\n"
                    + "\n".join(rows) + "\n", "utf-8")
    return path


@pytest.fixture
def year(tmp_path: Path) -> Year:
    """A year: £1,940.00 every four weeks (the eighth 12 days late), a £120.00 contribution, £1,600.00 agency care
    each period, insurance once, one crisis draw of £264.00; one bank statement for the year, reconciled."""
    book = EmployerBook.create(tmp_path / "year.pabooks", NewEmployer("Alex Morgan", "Jordan Morgan",
                                                                      "suitable_person"), clock=FixedClock(NOON))
    ops.set_agreement(book, "Northshire Council", START, "1940.00", "four_weekly", "DP-1")
    book.run(SetUpAccount(), AccountInput("DP account", opened_on=START - timedelta(days=1),
                                          opening_balance="1500.00")).unwrap()
    from app.services.move_fund_money import FundMove, TopUpFund

    book.run(TopUpFund(), FundMove("fund:crisis", START, "500.00", "Crisis fund agreed", "Northshire")).unwrap()
    moves: list[tuple[date, int, str]] = []
    for n in range(13):
        due = START + timedelta(weeks=4 * n)
        arrives = due + timedelta(days=12 if n == 7 else 0)
        book.run(RecordMoneyIn(), MoneyIn(arrives, "1940.00", "council", "Northshire")).unwrap()
        book.run(RecordMoneyIn(), MoneyIn(due + timedelta(days=1), "120.00", "contribution", "Alex")).unwrap()
        book.run(RecordSpending(), Spending(due + timedelta(days=3), "1600.00", "agency", "Homecare Direct")).unwrap()
        moves += [(arrives, 194000, "NORTHSHIRE"), (due + timedelta(days=1), 12000, "ALEX"),
                  (due + timedelta(days=3), -160000, "HOMECARE")]
    book.run(RecordSpending(), Spending(date(2026, 5, 20), "312.50", "insurance", "Example Mutual")).unwrap()
    book.run(RecordSpending(), Spending(date(2026, 8, 26), "264.00", "agency", "Homecare Direct (emergency)",
                                        from_fund="fund:crisis", reason="Cover while Priya was ill",
                                        authorised_by="Jordan Morgan")).unwrap()
    book.run(RecordMoneyIn(), MoneyIn(date(2027, 4, 2), "0.05", "interest", "Bank")).unwrap()
    moves += [(date(2026, 5, 20), -31250, "EXAMPLE MUTUAL"), (date(2026, 8, 26), -26400, "HOMECARE EMERGENCY"),
              (date(2027, 4, 2), 5, "INTEREST")]
    imported = book.run(ImportStatement(), StatementFile(_statement(tmp_path, moves, 150000))).unwrap()
    assert imported.to_sort == 0, "every line matched what was recorded"
    assert book.run(ReconcileStatement(), Reconciling(imported.statement_id or 0)).ok
    with book.reading() as session:
        from app.models import Employer

        session.query(Employer).one()  # the employer's insurance is not recorded: one check stays "No"
    yield Year(book, tmp_path, moves)
    book.close()


def _independent(moves: list[tuple[date, int, str]], first: date, last: date) -> tuple[int, int, int, int]:
    opening = 150000 + sum(p for d, p, _ in moves if d < first)
    money_in = sum(p for d, p, _ in moves if first <= d <= last and p > 0)
    money_out = -sum(p for d, p, _ in moves if first <= d <= last and p < 0)
    return opening, money_in, money_out, opening + money_in - money_out


def test_a_year_of_quarterly_returns_agrees_with_sums_worked_out_here(year: Year, tmp_path: Path) -> None:
    view = returns_view(year.book)
    assert view is not None and view.template.id == "generic"
    quarters = sorted((r.period for r in view.rows if r.period.ends_on < date(2027, 4, 6)),
                      key=lambda p: p.starts_on)
    assert [q.starts_on for q in quarters] == [date(2026, 4, 6), date(2026, 7, 6), date(2026, 10, 6),
                                               date(2027, 1, 6)]
    for quarter in quarters:
        choice = ReturnChoice(quarter.starts_on, quarter.ends_on)
        header, ret = council_return(year.book, choice)
        opening, money_in, money_out, closing = _independent(year.moves, quarter.starts_on, quarter.ends_on)
        assert (ret.facts.opening_balance_pence, ret.total_in_pence, ret.total_out_pence) == (opening, money_in,
                                                                                               money_out)
        assert ret.closing_balance_pence == closing == opening + money_in - money_out
        assert ret.facts.statement_closing_pence == closing  # the reconciled statement agrees to the penny
        assert [c.code for c in ret.blocking] == []
        out = dict(ret.money_out_by_category)
        if quarter.starts_on == date(2026, 7, 6):
            assert out["Agency care"] == 160000 * 3 + 26400  # the crisis draw counts as money out, agency care
            assert any(m.reason == "Cover while Priya was ill" for m in ret.facts.funds)
            assert ret.fund_closing("crisis") == 50000 - 26400
        year.book.run(SubmitReturn(), Submission(choice, "Jordan Morgan", quarter.ends_on + timedelta(days=3))
                      ).unwrap()
    # The late payment (the eighth, due 9 November, arrived 21 November) falls in the third quarter.
    third = council_return(year.book, ReturnChoice(quarters[2].starts_on, quarters[2].ends_on))[1]
    assert dict(third.money_in_by_source)["Council direct payment"] == 194000 * 3
    continuity = next(c for c in third.checks if c.code == "continuity")
    assert continuity.ok  # each quarter opens on the last one's closing balance
    assert len(returns_view(year.book).rows) >= 4  # type: ignore[union-attr]


def test_the_outputs_read_back_the_same_figures(year: Year, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    choice = ReturnChoice(date(2026, 7, 6), date(2026, 10, 5))
    header, ret = council_return(year.book, choice)
    pdf = write_return_pdf(header, ret, tmp_path / "q2.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "Direct payment financial return" in text and "Alex Morgan" in text and "Northshire Council" in text
    from app.core.money import format_pounds

    assert format_pounds(ret.total_out_pence) in text and format_pounds(ret.closing_balance_pence) in text
    assert "Cover while Priya was ill" in text and "Agreed by Jordan Morgan" in text and "Page 1" in text
    # The balance chart, and its figures in words beside it: the last day's balance is the closing balance.
    assert ret.facts.balance_by_day[0] == (date(2026, 7, 6), ret.facts.opening_balance_pence)
    assert ret.facts.balance_by_day[-1][1] == ret.closing_balance_pence
    flat = " ".join(text.split())
    assert "The chart shows the balance each day of the period" in flat
    assert f"ended at {format_pounds(ret.closing_balance_pence)}" in flat
    large = write_return_pdf(header, ret, tmp_path / "q2-large.pdf", large_print=True)
    assert len(PdfReader(str(large)).pages) > len(PdfReader(str(pdf)).pages)
    rows = list(__import__("csv").reader(io.StringIO(return_csv(ret))))
    assert rows[0] == list(ret.template.columns)
    assert sum(round(float(r[5]) * 100) for r in rows[1:]) == ret.total_in_pence - ret.total_out_pence
    book = load_workbook(write_return_xlsx(header, ret, tmp_path / "q2.xlsx"))
    money = book["Money"]
    assert [c.value for c in money[1]] == list(ret.template.columns)
    amounts = [row[5] for row in money.iter_rows(min_row=2, values_only=True)]
    assert round(sum(amounts) * 100) == ret.total_in_pence - ret.total_out_pence  # type: ignore[arg-type]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert round(summary["Closing balance"] * 100) == ret.closing_balance_pence
    import zipfile

    bundle = write_bundle(header, ret, tmp_path / "q2.zip", [("receipt.pdf", b"%PDF-1.4")])
    assert sorted(zipfile.ZipFile(bundle).namelist()) == ["evidence/receipt.pdf", "return.csv", "return.pdf",
                                                          "return.xlsx"]


def test_a_submitted_return_is_locked_and_an_amendment_keeps_the_first(year: Year) -> None:
    from app.models import CouncilReturn

    choice = ReturnChoice(date(2026, 4, 6), date(2026, 7, 5))
    book = year.book
    book.run(SubmitReturn(), Submission(choice, "Jordan Morgan", date(2026, 7, 20))).unwrap()
    again = book.run(SubmitReturn(), Submission(choice, "Jordan Morgan", date(2026, 7, 21)))
    assert again.problems[0].field == "reason"
    book.run(SubmitReturn(), Submission(choice, "Jordan Morgan", date(2026, 7, 21), "The insurance was missed")
             ).unwrap()
    with book.reading() as session:
        versions = session.query(CouncilReturn).order_by(CouncilReturn.version).all()
        assert [v.version for v in versions] == [1, 2] and versions[1].amends_id == versions[0].id
        assert versions[0].document_pdf and versions[0].document_pdf.startswith(b"%PDF")
        assert json.loads(versions[1].snapshot_json)["amendment_reason"] == "The insurance was missed"
    overlapping = book.run(SubmitReturn(), Submission(ReturnChoice(date(2026, 6, 1), date(2026, 8, 31)),
                                                      "Jordan Morgan", date(2026, 9, 5)))
    assert overlapping.problems[0].field == "overlap" and "overlaps" in overlapping.problems[0].message
    from app.services.return_views import submitted_pdf

    assert submitted_pdf(book, versions[0].id) == versions[0].document_pdf


def test_a_return_with_problems_is_previewed_but_not_submitted_until_each_is_explained(tmp_path: Path) -> None:
    book = EmployerBook.create(tmp_path / "gaps.pabooks", NewEmployer("Alex Morgan"), clock=FixedClock(NOON))
    ops.set_agreement(book, "Northshire Council", START, "1940.00", "four_weekly")
    book.run(SetUpAccount(), AccountInput("DP", opened_on=START, opening_balance="100.00")).unwrap()
    book.run(RecordSpending(), Spending(date(2026, 5, 1), "60.00", "cash", "Cash machine")).unwrap()
    choice = ReturnChoice(START, date(2026, 7, 5))
    header, ret = council_return(book, choice)
    assert {c.code for c in ret.blocking} == {"statement", "disallowed"}
    assert ret.closing_balance_pence == 10000 - 6000
    refused = book.run(SubmitReturn(), Submission(choice, "Alex Morgan", date(2026, 7, 20)))
    assert {p.field for p in refused.problems} == {"statement", "disallowed"}
    explained = ReturnChoice(START, date(2026, 7, 5), explanations=(
        ("statement", "The bank sends paper statements; copies enclosed"),
        ("disallowed", "Cash for a taxi to hospital; receipt enclosed")))
    assert book.run(SubmitReturn(), Submission(explained, "Alex Morgan", date(2026, 7, 20))).ok
    book.close()


def test_statement_lines_not_sorted_stop_the_return(year: Year, tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text("Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category\n"
                    "01/04/2027,SHOP,REF,CARD,-5.00,0.00,\n", "utf-8")
    year.book.run(ImportStatement(), StatementFile(path)).unwrap()
    _, ret = council_return(year.book, ReturnChoice(date(2027, 1, 6), date(2027, 4, 5)))
    assert "sorted" in {c.code for c in ret.blocking}
    assert statements(year.book)[0]


def test_an_audit_on_request_lists_every_transaction_with_its_evidence(year: Year, tmp_path: Path) -> None:
    """An auditor asks for 1 May to 31 August 2026: every transaction is listed once with what evidences it (the
    receipt kept with it, the matched statement line), the fund draw with its reason, the voided entry with why;
    the zip holds the PDF (a contents page, bookmarks) and every evidence file the PDF names."""
    import zipfile

    from pypdf import PdfReader

    from app.reports.audit_pack import write_audit_pack
    from app.services.audit_request import audit_pack
    from app.services.void_transaction import Voiding, VoidTransaction

    receipt = tmp_path / "chair receipt.pdf"
    receipt.write_bytes(b"%PDF-1.4 the receipt")
    year.book.run(RecordSpending(), Spending(date(2026, 6, 2), "75.00", "equipment", "Mobility Shop",
                                                    evidence=(receipt,))).unwrap()
    mistake = year.book.run(RecordSpending(), Spending(date(2026, 6, 3), "9.99", "other", "Typed twice")).unwrap()
    year.book.run(VoidTransaction(), Voiding(mistake, "Recorded twice by mistake")).unwrap()
    first, last = date(2026, 5, 1), date(2026, 8, 31)
    pack = audit_pack(year.book, first, last)
    live = [e for e in pack.entries if not e.voided]
    _, money_in, money_out, _ = _independent(year.moves, first, last)
    assert sum(e.in_pence for e in live) == money_in == pack.ret.total_in_pence
    assert sum(e.out_pence for e in live) == money_out + 7500 == pack.ret.total_out_pence
    chair = next(e for e in live if e.who == "Mobility Shop")
    assert chair.evidence == ("evidence/receipts/2026-06-02 Mobility Shop chair receipt.pdf",)
    assert not pack.without_evidence  # the receipt counts; every other line matched the reconciled statement
    assert all(any(x.startswith("Bank statement line") for x in e.evidence) for e in live if e is not chair)
    draw = next(e for e in live if e.who == "Homecare Direct (emergency)")
    assert draw.reason == "Cover while Priya was ill; agreed by Jordan Morgan"
    voided = [e for e in pack.entries if e.voided]
    assert [e.who for e in voided] == ["Typed twice"] and voided[0].voided.startswith("Recorded twice by mistake")
    zipped = zipfile.ZipFile(write_audit_pack(pack, tmp_path / "audit.zip"))
    assert sorted(zipped.namelist()) == ["audit.pdf", "evidence/receipts/2026-06-02 Mobility Shop chair receipt.pdf",
                                         "return.csv", "return.xlsx"]
    assert zipped.read("evidence/receipts/2026-06-02 Mobility Shop chair receipt.pdf") == b"%PDF-1.4 the receipt"
    reader = PdfReader(io.BytesIO(zipped.read("audit.pdf")))
    contents = reader.pages[0].extract_text()
    assert "Audit of the direct payment for Alex Morgan" in contents and "1 May 2026 to 31 August 2026" in contents
    listed = contents.split("Contents", 1)[1].splitlines()
    assert {"1. The return for the period", "2. Every transaction and its evidence", "3. Payslips",
            "6. Contingency and crisis fund movements", "7. Voided entries", "8. The evidence folder"} <= set(listed)
    assert [o.title for o in reader.outline if not isinstance(o, list)][:2] == ["1. The return for the period",
                                                                               "2. Every transaction and its evidence"]
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Voided because: Recorded twice by mistake" in text and "Why: Cover while Priya was ill" in text
    assert "No pay run was paid in the period." in text
    assert not (tmp_path / "audit.zip.part").exists()


def test_an_audit_pack_holds_each_pay_runs_payslips_and_each_timesheet(tmp_path: Path) -> None:
    import zipfile

    from pypdf import PdfReader

    from app.reports.audit_pack import write_audit_pack
    from app.services.audit_request import audit_pack
    from app.services.demo import create_demo

    book = create_demo(tmp_path / "demo.pabooks", FixedClock(datetime(2026, 12, 2, 10, tzinfo=LONDON)))
    pack = audit_pack(book, date(2026, 11, 1), date(2026, 11, 30))
    assert [name for name, _ in pack.pay_runs] == [
        "evidence/payslips/2026-11-30 Monthly pay, 1 November 2026 to 30 November 2026.pdf"]
    assert sorted(name for name, _ in pack.timesheets) == ["evidence/timesheets/2026-11-01 Priya Shah.pdf",
                                                           "evidence/timesheets/2026-11-01 Tom Evans.pdf"]
    wages = [e for e in pack.entries if e.what == "PA wages" and e.occurred_on == date(2026, 11, 30)]
    assert wages and all(pack.pay_runs[0][0] in e.evidence for e in wages)  # the payment points at its payslips
    zipped = zipfile.ZipFile(write_audit_pack(pack, tmp_path / "audit.zip"))
    slips = PdfReader(io.BytesIO(zipped.read(pack.pay_runs[0][0])))
    assert len(slips.pages) == 2 and "Payslip" in slips.pages[0].extract_text()
    sheet = PdfReader(io.BytesIO(zipped.read("evidence/timesheets/2026-11-01 Tom Evans.pdf")))
    assert "Timesheet: Tom Evans" in sheet.pages[0].extract_text()
    book.close()


def test_the_annual_review_pack_from_a_scripted_year(year: Year, tmp_path: Path) -> None:
    """Hours planned month by month from the support plan, spending grouped by the plan's outcomes (the same
    outcome typed in other capitals counts once), the crisis fund's use, and the notes in the person's words,
    in plain English and in easy read."""
    from pypdf import PdfReader

    from app.reports.review_pack import easy_read_pdf_bytes, review_pdf_bytes
    from app.returns.review import NOT_LINKED
    from app.services.council_agreement import PlanInput, SetSupportPlan
    from app.services.review_notes import NoteInput, NoteWithdrawal, WithdrawReviewNote, WriteReviewNote
    from app.services.review_pack import annual_review

    book = year.book
    book.run(SetSupportPlan(), PlanInput(START, {"day": "7"}, outcomes=("Get out and about", "Keep well"))).unwrap()
    book.run(RecordSpending(), Spending(date(2026, 6, 10), "45.00", "pa_expenses", "Leisure centre",
                                        outcome="get out and ABOUT ")).unwrap()
    book.run(WriteReviewNote(), NoteInput(date(2026, 6, 11), "Alex", "Swimming on Thursdays is the best bit.",
                                          "working", "Get out and about")).unwrap()
    wrong = book.run(WriteReviewNote(), NoteInput(date(2026, 7, 1), "Jordan", "Meant for another file")).unwrap()
    book.run(WithdrawReviewNote(), NoteWithdrawal(wrong, "Written on the wrong file")).unwrap()
    book.run(WriteReviewNote(), NoteInput(date(2026, 9, 1), "Jordan, with Alex", "No cover when the agency is short.",
                                          "not_working")).unwrap()
    first, last = date(2026, 4, 6), date(2027, 4, 5)
    pack = annual_review(book, first, last)
    months = pack.facts.months
    assert [m.month for m in months][:2] == [date(2026, 4, 6), date(2026, 5, 1)] and len(months) == 13
    # 7 hours a week: May has 31 days, 31 x 7 / 7 = 31 hours; the first part month (6 to 30 April) 25 days.
    assert months[1].planned_minutes == 31 * 60 and months[0].planned_minutes == 25 * 60
    assert pack.delivered_minutes == 0
    by = {line.outcome: line for line in pack.by_outcome}
    assert by["Get out and about"].pence == 4500 and by["Keep well"].pence == 0
    _, _, money_out, _ = _independent(year.moves, first, last)
    assert by[NOT_LINKED].pence == money_out and pack.spent_pence == money_out + 4500
    assert [c.amount_pence for c in pack.crisis_used] == [-26400] and pack.crisis_closing_pence == 50000 - 26400
    assert [n.words for n in pack.facts.notes] == ["Swimming on Thursdays is the best bit.",
                                                   "No cover when the agency is short."]
    plain = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(review_pdf_bytes(pack))).pages).split())
    assert "Review of the support plan: Alex Morgan" in plain and "May 2026" in plain and "31 hours" in plain
    assert "Get out and about" in plain and "£45.00" in plain and "Cover while Priya was ill" in plain
    assert "Swimming on Thursdays is the best bit." in plain and "Meant for another file" not in plain
    easy = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(easy_read_pdf_bytes(pack))).pages).split())
    assert "You used the crisis money 1 time." in easy and "£264. Why: Cover while Priya was ill" in easy
    assert "What is not working" in easy and "No cover when the agency is short." in easy
    assert "£45 on: Get out and about." in easy


def test_easy_read_numbers_are_whole_and_plain() -> None:
    from app.returns.review import hours_words, percent, whole_hours, whole_pounds

    assert (whole_pounds(123450), whole_pounds(50), whole_pounds(49), whole_pounds(-150)) == (
        "£1,235", "£1", "£0", "-£2")  # half a pound rounds up (away from zero)
    assert (whole_hours(60), whole_hours(93_840), hours_words(90), hours_words(2400), hours_words(93_852)) == (
        "1 hour", "1,564 hours", "1.5 hours", "40 hours", "1,564.2 hours")
    assert (percent(1, 3), percent(2, 3), percent(5, 0)) == (33, 67, 0)


def test_the_review_year_runs_up_to_and_including_today() -> None:
    from app.services.review_pack import year_before

    assert year_before(date(2026, 12, 2)) == (date(2025, 12, 3), date(2026, 12, 2))
    assert year_before(date(2028, 2, 29)) == (date(2027, 3, 1), date(2028, 2, 29))
    assert year_before(date(2027, 3, 1)) == (date(2026, 3, 2), date(2027, 3, 1))


# --- a household year with two PAs ------------------------------------------------------------------------


def test_a_household_year_with_two_pas_agrees_with_sums_worked_out_here(tmp_path: Path) -> None:
    """Two PAs paid monthly from approved timesheets (Priya Monday and Wednesday mornings, Tom Tuesday and
    Thursday afternoons), each paid their net pay on payday, HMRC and the pension scheme paid by the 22nd of the
    next month; the council's four-weekly payment (the fifth 12 days late); one crisis draw. Every quarter's
    return is checked against sums this test keeps of every amount it moved, and each PA's net pay against what
    the bank paid them."""
    from dataclasses import replace

    from app.services.money_views import owed_now
    from app.services.move_fund_money import FundMove, TopUpFund
    from app.services.pay_views import pay_run
    from app.services.record_money import Payment, PayWhatIsOwed
    from app.services.rotas import RotaInput
    from app.timesheets.periods import pay_period
    from tests.test_operations import PRIYA, RATES

    book = EmployerBook.create(tmp_path / "household.pabooks", NewEmployer("Alex Morgan", "Jordan Morgan",
                                                                           "suitable_person"), clock=FixedClock(NOON))
    priya = ops.add_pa(book, PRIYA, rates=RATES)
    tom = ops.add_pa(book, replace(PRIYA, first_name="Tom", last_name="Evans", started_on=date(2025, 9, 1),
                                   contracted_hours_per_week="8"), rates=RATES)
    ops.set_agreement(book, "Northshire Council", START, "1940.00", "four_weekly", "DP-1")
    book.run(SetUpAccount(), AccountInput("DP account", opened_on=START - timedelta(days=1),
                                          opening_balance="3000.00")).unwrap()
    book.run(TopUpFund(), FundMove("fund:crisis", START, "500.00", "Crisis fund agreed", "Northshire")).unwrap()
    ops.add_rota(book, RotaInput(priya, (0, 2), "09:00", "13:00", date(2026, 4, 1)))
    ops.add_rota(book, RotaInput(tom, (1, 3), "14:00", "18:00", date(2026, 4, 1)))
    moves: list[tuple[date, int]] = []
    wages: list[tuple[date, int]] = []  # each PA's net pay, as paid
    for n in range(13):
        due = START + timedelta(weeks=4 * n)
        arrives = due + timedelta(days=12 if n == 4 else 0)
        book.run(RecordMoneyIn(), MoneyIn(arrives, "1940.00", "council", "Northshire")).unwrap()
        moves.append((arrives, 194000))
    month = date(2026, 4, 1)
    while month < date(2027, 4, 1):
        first, last = pay_period("monthly", month)
        ops.apply_rotas(book, first, last)
        for pa in (priya, tom):
            ops.approve_timesheet(book, pa, first, last, last, last, confirm_planned=True)
        run_id = ops.start_pay_run(book, "monthly", first, last, today=last)
        ops.finalise(book, run_id, today=last)
        view = pay_run(book, run_id)
        for slip in view.payslips:
            book.run(PayWhatIsOwed(), Payment(last, f"{slip.paid_to_pa_pence / 100:.2f}", f"owed:pa:{slip.pa_id}",
                                              pay_run_id=run_id, payee=slip.pa_name)).unwrap()
            moves.append((last, -slip.paid_to_pa_pence))
            wages.append((last, slip.paid_to_pa_pence))
        month = last + timedelta(days=1)
    with ops.on(book, date(2027, 4, 20)):
        for bill in owed_now(book):
            if bill.key.startswith(("owed:hmrc", "owed:pension")):
                on = min(bill.on, date(2027, 4, 19))
                account, _, due_text = bill.key.rpartition(":")
                book.run(PayWhatIsOwed(), Payment(on, f"{-bill.bank_amount_pence / 100:.2f}", account,
                                                  due_on=date.fromisoformat(due_text) if "-" in due_text else None,
                                                  payee="HMRC" if "hmrc" in account else "NEST")).unwrap()
                moves.append((on, bill.bank_amount_pence))
    book.run(RecordSpending(), Spending(date(2026, 8, 26), "264.00", "agency", "Homecare Direct (emergency)",
                                        from_fund="fund:crisis", reason="Cover while Priya was ill",
                                        authorised_by="Jordan Morgan")).unwrap()
    moves.append((date(2026, 8, 26), -26400))
    view = returns_view(book)
    assert view is not None
    quarters = sorted((r.period for r in view.rows if r.period.ends_on < date(2027, 4, 6)), key=lambda p: p.starts_on)
    assert len(quarters) == 4
    for quarter in quarters:
        _, ret = council_return(book, ReturnChoice(quarter.starts_on, quarter.ends_on))
        opening = 300000 + sum(p for d, p in moves if d < quarter.starts_on)
        money_in = sum(p for d, p in moves if quarter.starts_on <= d <= quarter.ends_on and p > 0)
        money_out = -sum(p for d, p in moves if quarter.starts_on <= d <= quarter.ends_on and p < 0)
        assert (ret.facts.opening_balance_pence, ret.total_in_pence, ret.total_out_pence) == (opening, money_in,
                                                                                               money_out)
        assert ret.closing_balance_pence == opening + money_in - money_out
        assert {p.name for p in ret.facts.pas} == {"Priya Shah", "Tom Evans"}
        net_pay = next(c for c in ret.checks if c.code == "net_pay")
        assert net_pay.ok, net_pay.words  # each PA's payslips and the bank agree
        out = dict(ret.money_out_by_category)
        wages_words = ret.template.category_words("pa_wages")
        assert out[wages_words] == sum(p for d, p in wages if quarter.starts_on <= d <= quarter.ends_on)
        assert out[wages_words] == sum(p.net_pence for p in ret.facts.pas)
        if quarter.starts_on == date(2026, 7, 6):
            assert out["Agency care"] == 26400 and ret.fund_closing("crisis") == 50000 - 26400
    book.close()
