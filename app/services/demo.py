"""The demo employer file: a fictional household with two PAs and a few weeks of records.

Made fresh from resources/demo/demo-employer.json, with dates counted back from today so it always
looks current. Marked "demo" in the file so every screen can say it is not real data.
"""

from __future__ import annotations

import json
import threading
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app import __version__, paths
from app.clock import Clock, SystemClock
from app.core.dates import LONDON
from app.core.money import parse_pence
from app.models import (
    CouncilAgreement,
    Employer,
    FileMeta,
    PaCheck,
    PayRate,
    PersonalAssistant,
    SupportPlanItem,
)
from app.services.approve_timesheet import ConfirmPlanned, PaDays
from app.services.book import BookError, EmployerBook, NewEmployer
from app.services.operations import SYSTEM, Change, Context, Operation
from app.services.rotas import AddRota, ApplyRotas, Days, RotaInput
from app.storage.database import read_all_file_meta
from app.storage.errors import FileOpenError


def demo_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((paths.resources_dir() / "demo" / "demo-employer.json").read_text("utf-8"))
    return data


def create_demo(path: Path, clock: Clock | None = None) -> EmployerBook:
    """Make a new demo file at `path` (which must not exist) and return it open. It is built whole under a
    temporary name and then renamed, so a demo cut off part-way never appears at `path`."""
    data = demo_data()
    return EmployerBook.create(
        path, NewEmployer(data["person_name"], data["acting_employer_name"], data["acting_role"]), kind="demo",
        clock=clock, populate=lambda book: _populate(book, data))


def _populate(book: EmployerBook, data: dict[str, Any]) -> None:
    book.act_as(SYSTEM)
    patterns = book.run(FillDemo(), data).unwrap()
    today = book.today()
    first_shift_day = today - timedelta(weeks=data["weeks_of_shifts"])
    # Shifts come from rota patterns, as a real household's would: confirmed as worked up to yesterday,
    # still planned for the rest of this week.
    for pa_id, pattern in patterns:
        book.run(AddRota(), RotaInput(pa_id, tuple(pattern["weekdays"]), pattern["start"], pattern["end"],
                                      first_shift_day, kind=pattern["kind"])).unwrap()
    book.run(ApplyRotas(), Days(first_shift_day, today + timedelta(days=6 - today.weekday()))).unwrap()
    for pa_id, _pattern in patterns:
        book.run(ConfirmPlanned(), PaDays(pa_id, first_shift_day, today - timedelta(days=1))).unwrap()
    _last_months_pay(book, [pa_id for pa_id, _ in patterns], today)
    _money_history(book, data, today)


def _money_history(book: EmployerBook, data: dict[str, Any], today: date) -> None:
    """The account since it opened, as a household would have recorded it: the council's payments and the
    contribution as they came in, wages and HMRC paid through an earlier payroll service, the insurance, money set
    aside in the funds, one crisis draw, and last month's pay run paid."""
    from app.money.council_payments import payment_dates
    from app.services.money_expected import candidates
    from app.services.move_fund_money import FundMove, TopUpFund
    from app.services.record_money import MoneyIn, Payment, PayWhatIsOwed, RecordMoneyIn, RecordSpending, Spending
    from app.services.set_up_account import AccountInput, SetUpAccount

    acc, agreement, money = data["account"], data["agreement"], data["money"]
    opened = today - timedelta(weeks=acc["opened_weeks_ago"])
    book.run(SetUpAccount(), AccountInput(acc["name"], provider=acc["provider"], opened_on=opened,
                                          opening_balance=acc["opening_balance"])).unwrap()
    for f in data["funds"]:
        book.run(TopUpFund(), FundMove(f"fund:{f['kind']}", opened, f["target"], f["notes"], f["agreed_by"])).unwrap()
    for number, day in enumerate(payment_dates(opened, agreement["payment_frequency"], None, today)):
        late = timedelta(days=money["late_payment_days"] if number == money["late_payment_number"] else 0)
        book.run(RecordMoneyIn(), MoneyIn(day + late, agreement["payment"], "council", agreement["council_name"],
                                          agreement["council_reference"])).unwrap()
        if day + timedelta(days=1) <= today:
            book.run(RecordMoneyIn(), MoneyIn(day + timedelta(days=1), agreement["client_contribution"],
                                              "contribution", data["person_name"])).unwrap()
        if day < today - timedelta(weeks=6):  # paid through the earlier payroll service before PA Books
            for item in money["each_period"]:
                book.run(RecordSpending(), Spending(day + timedelta(days=item["days_after"]), item["amount"],
                                                    item["category"], item["payee"])).unwrap()
    for item in money["one_off"]:
        book.run(RecordSpending(), Spending(today - timedelta(weeks=item["weeks_ago"]), item["amount"],
                                            item["category"], item["payee"], from_fund=item.get("fund", ""),
                                            reason=item.get("reason", ""),
                                            authorised_by=item.get("agreed_by", ""))).unwrap()
    with book.reading() as session:
        owed = [c for c in candidates(session, today) if c.key.startswith("owed:pa:") and c.on < today]
    for c in owed:
        parts = c.key.split(":")
        book.run(PayWhatIsOwed(), Payment(c.on, f"{-c.bank_amount_pence / 100:.2f}", f"owed:pa:{parts[2]}",
                                          pay_run_id=int(parts[4]), payee=c.words.split("'s pay")[0])).unwrap()


def _last_months_pay(book: EmployerBook, pa_ids: list[int], today: date) -> None:
    """Last pay period approved and paid, and this one started as a draft, so the Pay screen has something to
    show. (Where last period was in a tax year that has ended, it is left unpaid.)"""
    from app.services.approve_timesheet import Approval, ApproveTimesheet
    from app.services.finalise_pay_run import FinalisePayRun, Finalising
    from app.services.start_pay_run import NewPayRun, StartPayRun
    from app.timesheets.periods import pay_period

    start, end = pay_period("monthly", today.replace(day=1) - timedelta(days=1))
    for pa_id in pa_ids:
        book.run(ApproveTimesheet(), Approval(pa_id, start, end, end, end))
    started = book.run(StartPayRun(), NewPayRun("monthly", start, end))
    if started.ok and started.value is not None:
        book.run(FinalisePayRun(), Finalising(started.value))
    this_start, this_end = pay_period("monthly", today)
    book.run(StartPayRun(), NewPayRun("monthly", this_start, this_end))


class FillDemo(Operation[dict[str, Any], list[tuple[int, dict[str, Any]]]]):
    """The fictional household's employer details, agreement, PAs, account and funds."""

    action = "demo_created"
    changes = frozenset({Change.EMPLOYER, Change.AGREEMENT, Change.PLAN, Change.PAS, Change.RATES, Change.CHECKS})

    def apply(self, ctx: Context, given: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
        data, session, today = given, ctx.session, ctx.today
        employer = session.scalars(select(Employer)).one()
        employer.person_date_of_birth = date.fromisoformat(data["person_date_of_birth"])
        employer.address = data["address"]
        employer.country = data["country"]
        employer.hmrc_paye_reference = data["hmrc_paye_reference"]
        employer.hmrc_accounts_office_reference = data["hmrc_accounts_office_reference"]
        employer.insurer = data["insurer"]
        employer.insurance_policy = data["insurance_policy"]
        employer.insurance_renews_on = today + timedelta(days=data["insurance_renews_in_days"])

        a = data["agreement"]
        agreement = CouncilAgreement(
            employer=employer, council_name=a["council_name"], council_reference=a["council_reference"],
            starts_on=today - timedelta(weeks=a["started_weeks_ago"]), ends_on=None,
            payment_pence=parse_pence(a["payment"]), payment_frequency=a["payment_frequency"],
            client_contribution_pence=parse_pence(a["client_contribution"]), return_cycle=a["return_cycle"],
            contingency_weeks=Decimal(a["contingency_weeks"]),
            surplus_threshold_weeks=Decimal(a["surplus_threshold_weeks"]),
            crisis_fund_target_pence=parse_pence(a["crisis_fund_target"]),
            weeks_paid_in_advance=Decimal(a["weeks_paid_in_advance"]),
            receipt_threshold_pence=parse_pence(a["receipt_threshold"]),
        )
        session.add(agreement)
        for item in a["support_plan"]:
            session.add(SupportPlanItem(agreement=agreement, applies_from=agreement.starts_on, kind=item["kind"],
                                        hours_per_week=Decimal(item["hours_per_week"])))

        patterns: list[tuple[int, dict[str, Any]]] = []
        for p in data["pas"]:
            hours = p["contracted_hours_per_week"]
            pa = PersonalAssistant(
                first_name=p["first_name"], last_name=p["last_name"],
                date_of_birth=date.fromisoformat(p["date_of_birth"]), gender=p.get("gender", ""),
                ni_number=p.get("ni_number", ""), address=p.get("address", ""),
                started_on=today - timedelta(weeks=p["started_weeks_ago"]), left_on=None,
                contract_type=p["contract_type"], contracted_hours_per_week=Decimal(hours) if hours else None,
                holiday_basis="accrual_12_07" if p["contract_type"] == "irregular_hours" else "weeks",
                pay_frequency=p["pay_frequency"], tax_code=p["tax_code"], ni_category=p["ni_category"],
                starter_statement=p["starter_statement"], student_loan_plans=p["student_loan_plans"],
                pension_status=p["pension_status"], opted_out_of_48_hours_on=None,
            )
            session.add(pa)
            for r in p["rates"]:
                session.add(PayRate(
                    pa=pa, kind=r["kind"], applies_from=today - timedelta(weeks=r["weeks_ago"]),
                    hourly_pence=parse_pence(r["hourly"]) if "hourly" in r else None,
                    flat_pence=parse_pence(r["flat"]) if "flat" in r else None))
            for c in p["checks"]:
                expires = c["expires_in_days"]
                session.add(PaCheck(
                    pa=pa, kind=c["kind"], description=c["description"],
                    checked_on=today - timedelta(weeks=c["checked_weeks_ago"]),
                    expires_on=None if expires is None else today + timedelta(days=expires)))
            session.flush()
            patterns.extend((pa.id, pattern) for pattern in p["shifts"])

        session.add(FileMeta(key=DEMO_MADE_ON, value=today.isoformat()))  # its dates count back from this day
        ctx.note(pas=len(data["pas"]))
        return patterns


DEMO_MADE_ON = "demo_made_on"


_MAKING_DEMO = threading.Lock()  # the loader's thread may be making today's demo while the window asks for it


def prepare_demo(clock: Clock | None = None) -> None:
    """Make today's demo if it is not made yet, and close it. At start this runs on the window's loader thread,
    so the window is not held up while the demo is built; `fresh_demo` then opens it at once."""
    with _MAKING_DEMO:
        if not _made_today_by_this_version(paths.demo_file(), (clock or SystemClock()).now().date()):
            _fresh_demo(clock).close()


def fresh_demo(clock: Clock | None = None) -> EmployerBook:
    """The demo in the user data folder, open: the one made earlier today by this version of PA Books if it is
    there (starting the app need not build it again), else a fresh one, whose dates count back from today."""
    with _MAKING_DEMO:
        return _fresh_demo(clock)


def _fresh_demo(clock: Clock | None) -> EmployerBook:
    target = paths.demo_file()
    today = (clock or SystemClock()).now().date()
    if _made_today_by_this_version(target, today):
        try:
            return EmployerBook.open(target, clock=clock)
        except (FileOpenError, BookError):
            pass  # in use by another copy, or damaged: make a new one below
    for stale in (target, target.with_name(target.name + ".lock")):
        if stale.exists():
            try:
                stale.unlink()
            except OSError:
                pass
    if target.exists():
        # Another copy has the old demo open; make a separate one rather than disturb it.
        target = target.with_name(f"Demo employer {datetime.now(tz=LONDON):%Y%m%d-%H%M%S}{paths.FILE_SUFFIX}")
    return create_demo(target, clock)


def _made_today_by_this_version(path: Path, today: date) -> bool:
    if not path.is_file():
        return False
    meta = read_all_file_meta(path, None)  # one read: this is on the way to the first window
    return (meta.get("kind") == "demo" and meta.get(DEMO_MADE_ON) == today.isoformat()
            and meta.get("created_by_version") == __version__)
