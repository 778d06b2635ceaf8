"""Reading PAs: the list for the PAs screen, one PA's details, finding a PA by name."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.money import format_pounds
from app.models import PaCheck, PersonalAssistant
from app.payroll.tax_code_notices import code_in_force
from app.services.book import EmployerBook
from app.services.pa_form import PaForm, pa_in, read_form
from app.services.tax_code_notice import notices_of
from app.services.views import PaRow
from app.services.words import CHECK_WORDS, long_date


@dataclass(frozen=True, slots=True)
class RateView:
    kind: str
    applies_from: date
    amount_words: str  # "£13.50 an hour" or "£90.00 each"


@dataclass(frozen=True, slots=True)
class CheckView:
    check_id: int
    kind: str
    description: str
    checked_on: date
    expires_on: date | None


@dataclass(frozen=True, slots=True)
class PaDetails:
    pa_id: int
    form: PaForm
    rates: tuple[RateView, ...] = field(default=())
    checks: tuple[CheckView, ...] = field(default=())

    @property
    def name(self) -> str:
        return f"{self.form.first_name} {self.form.last_name}"


def check_words(check: PaCheck | None, today: date) -> str:
    if check is None or check.expires_on is None:
        return "No checks with an end date"
    what = (check.description or CHECK_WORDS.get(check.kind, check.kind))
    what = what[0].upper() + what[1:]
    verb = "ran out on" if check.expires_on < today else "runs until"
    return f"{what} {verb} {long_date(check.expires_on)}"


def _code_today(session: Session, pa: PersonalAssistant, today: date) -> str:
    """The code a payday today would use: the starting code, or HMRC's latest notice in force."""
    if not pa.tax_code:
        return pa.tax_code
    force = code_in_force(pa.tax_code, pa.week1_month1, pa.started_on, notices_of(session, pa.id), today)
    return force.tax_code + (" W1/M1" if force.week1_month1 else "")


def list_pas(book: EmployerBook) -> list[PaRow]:
    today = book.today()
    rows = []
    with book.reading() as session:
        for pa in session.scalars(select(PersonalAssistant).order_by(PersonalAssistant.first_name)):
            current_rates = [r for r in pa.rates if r.applies_from <= today]
            day_rate = next((r for r in reversed(current_rates) if r.kind == "day" and r.hourly_pence), None)
            upcoming = sorted((c for c in pa.checks if c.expires_on), key=lambda c: c.expires_on or date.max)
            rows.append(PaRow(
                pa_id=pa.id,
                name=pa.full_name,
                started_on=pa.started_on,
                left_on=pa.left_on,
                contract_words=("Irregular hours" if pa.contract_type == "irregular_hours"
                                else f"{pa.contracted_hours_per_week} hours a week"
                                if pa.contracted_hours_per_week else "Set hours"),
                tax_code=_code_today(session, pa, today),
                ni_category=pa.ni_category,
                main_rate_words=f"{format_pounds(day_rate.hourly_pence)} an hour"
                if day_rate and day_rate.hourly_pence else "No day rate yet",
                next_check_words=check_words(upcoming[0] if upcoming else None, today),
                pay_frequency=pa.pay_frequency,
            ))
    return rows


def pa_details(book: EmployerBook, pa_id: int) -> PaDetails:
    with book.reading() as session:
        pa = pa_in(session, pa_id)
        rates = tuple(RateView(r.kind, r.applies_from, f"{format_pounds(r.flat_pence)} each" if r.flat_pence is not None
                               else f"{format_pounds(r.hourly_pence or 0)} an hour") for r in pa.rates)
        checks = tuple(CheckView(c.id, c.kind, c.description, c.checked_on, c.expires_on)
                       for c in sorted(pa.checks, key=lambda c: c.checked_on))
        return PaDetails(pa.id, read_form(pa), rates, checks)


def find_pa(book: EmployerBook, name: str) -> int | None:
    wanted = " ".join(name.lower().split())
    with book.reading() as session:
        for pa in session.scalars(select(PersonalAssistant)):
            if " ".join(pa.full_name.lower().split()) == wanted:
                return pa.id
    return None


def pa_names(book: EmployerBook) -> dict[int, str]:
    """Today's names of PAs by number (an erased former PA is "Former PA n")."""
    with book.reading() as session:
        return {pa.id: pa.full_name for pa in session.scalars(select(PersonalAssistant))}
