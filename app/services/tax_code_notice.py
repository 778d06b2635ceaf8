"""Record a tax code notice from HMRC for a PA (a P6 during the year, a P9 for the next): the code is used from
the first payday on or after the date it gives. Notices are history: a later one takes over, none is edited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.dates import TaxYear
from app.core.money import MoneyError, parse_pence
from app.core.problems import Problem
from app.models import PersonalAssistant, TaxCodeNotice
from app.payroll.income_tax import TaxCodeError, parse_tax_code
from app.payroll.tax_code_notices import NOTICE_KINDS as NOTICE_KINDS
from app.payroll.tax_code_notices import CodeNotice
from app.services.book import EmployerBook
from app.services.inputs import sentence
from app.services.operations import Change, Context, Operation
from app.services.words import long_date


@dataclass(frozen=True, slots=True)
class NoticeInput:
    pa_id: int
    kind: str  # p6, p9
    tax_code: str
    applies_from: date
    week1_month1: bool = False
    previous_pay: str = ""  # as typed, from a P6 that gives them
    previous_tax: str = ""


def _amount(text: str, what: str, field: str, found: list[Problem]) -> int | None:
    if not text.strip():
        return None
    try:
        pence = parse_pence(text)
    except MoneyError as exc:
        found.append(Problem(f"{what}: {sentence(exc)}", field))
        return None
    if pence < 0:
        found.append(Problem(f"{what} cannot be less than £0.00.", field))
    return pence


class RecordTaxCodeNotice(Operation[NoticeInput, int]):
    action = "tax_code_notice_recorded"
    changes = frozenset({Change.PAS, Change.PAY_RUNS})

    def check(self, ctx: Context, given: NoticeInput) -> list[Problem]:
        found: list[Problem] = []
        if ctx.session.get(PersonalAssistant, given.pa_id) is None:
            found.append(Problem("That PA is not in this file.", "pa"))
        if given.kind not in NOTICE_KINDS:
            found.append(Problem("Choose which notice it is: a P6 (a new code during the year) or a P9 (the code for "
                                 "the next tax year).", "kind"))
        try:
            parse_tax_code(given.tax_code)  # a W1 or M1 typed on the code itself counts as the basis
        except TaxCodeError as exc:
            found.append(Problem(sentence(exc), "tax_code"))
        if given.kind == "p9" and (given.applies_from.month, given.applies_from.day) != (4, 6):
            found.append(Problem("A P9 code is used from 6 April, the start of the tax year it is for.", "applies_from"))
        _amount(given.previous_pay, "Previous pay", "previous_pay", found)
        _amount(given.previous_tax, "Previous tax", "previous_tax", found)
        if bool(given.previous_pay.strip()) != bool(given.previous_tax.strip()):
            found.append(Problem("Enter both the previous pay and the previous tax from the P6, or neither.",
                                 "previous_pay"))
        return found

    def apply(self, ctx: Context, given: NoticeInput) -> int:
        code = parse_tax_code(given.tax_code)
        notice = TaxCodeNotice(
            pa_id=given.pa_id, kind=given.kind, tax_code=code.text, week1_month1=given.week1_month1 or code.week1_month1,
            applies_from=given.applies_from, received_on=ctx.today,
            previous_pay_pence=_amount(given.previous_pay, "", "", []),
            previous_tax_pence=_amount(given.previous_tax, "", "", []))
        ctx.session.add(notice)
        ctx.session.flush()
        ctx.note("pa", given.pa_id, kind=given.kind, applies_from=given.applies_from.isoformat())
        return notice.id


def notices_of(session: Session, pa_id: int) -> tuple[CodeNotice, ...]:
    rows = session.scalars(select(TaxCodeNotice).where(TaxCodeNotice.pa_id == pa_id).order_by(TaxCodeNotice.id))
    return tuple(CodeNotice(n.kind, n.tax_code, n.week1_month1, n.applies_from, n.previous_pay_pence,
                            n.previous_tax_pence) for n in rows)


def notice_words(notice: CodeNotice) -> str:
    basis = " (week 1 / month 1)" if notice.week1_month1 else ""
    year = TaxYear.containing(notice.applies_from).label
    return f"{notice.kind.upper()}: {notice.tax_code}{basis} from {long_date(notice.applies_from)} ({year})"


def notice_history(book: EmployerBook, pa_id: int) -> list[str]:
    with book.reading() as session:
        return [notice_words(n) for n in notices_of(session, pa_id)]
