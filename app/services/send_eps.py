"""Send an Employer Payment Summary to HMRC when the holder presses Send, and say on Home when one is due.

A household employer sends an EPS for three things (GOV.UK "PAYE Online for employers: Employer Payment
Summary"): a tax month in which nobody was paid (by the 19th of the next tax month, or HMRC estimates a bill),
the Employment Allowance claim for the year (at its start), and the year's last submission (after the last
payday, by 19 April). What each EPS sent was for is kept with HMRC's answer, so Home stops asking once HMRC has
it. Built and checked by services/eps.py; sent by the same client as the FPS (services/send_fps.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.dates import TaxYear, tax_month
from app.models import PayRun, PersonalAssistant, RtiSubmission
from app.payroll.paying_hmrc import month_ends, month_starts
from app.payroll.rates import rates_for, tax_year_or_newest
from app.services.book import BookError, EmployerBook, employer_of
from app.services.eps import EpsRequest, eps_document
from app.services.pay_run_facts import FINALISED
from app.services.send_fps import (
    Engine,
    Prepared,
    SubmissionRecord,
    SubmissionView,
    check_sending_settings,
    keep_answer,
    prepare,
    transmit,
)
from app.services.views import TodoItem
from app.services.words import long_date

ALLOWANCE_REMINDER_MONTHS = 2  # Home asks for the Employment Allowance claim in the year's first tax months
FINAL_REMINDER_DAYS = 30  # and for the year's last submission until 5 May
FINAL_DUE = (4, 19)  # 19 April: the final FPS or EPS for the year that ended on 5 April


def covers_of(request: EpsRequest) -> str:
    """What an EPS is for, as kept with HMRC's answer: "no_payment:8", "allowance", "final", joined by commas."""
    parts = [f"no_payment:{request.no_payment_tax_month}"] if request.no_payment_tax_month else []
    if request.claim_employment_allowance:
        parts.append("allowance")
    if request.final_for_year:
        parts.append("final")
    return ",".join(parts)


def covers_words(covers: str, tax_year: str) -> str:
    said = []
    for part in covers.split(","):
        if part.startswith("no_payment:"):
            month = int(part.partition(":")[2])
            said.append(f"nobody was paid in tax month {month} ({_month_span(tax_year, month)})")
        elif part == "allowance":
            said.append(f"the Employment Allowance is claimed for {tax_year}")
        elif part == "final":
            said.append(f"it is the last submission for {tax_year}")
    return "; ".join(said)


def eps_tax_years() -> list[str]:
    """The tax years whose EPS PA Books can make (it holds HMRC's schema for them)."""
    from app.rti.fps import rti_years

    return rti_years()


def eps_years_note(today: date) -> str:
    """What to say when PA Books cannot make this tax year's EPS (it holds no schema for it yet)."""
    year = TaxYear.containing(today).label
    if year in eps_tax_years():
        return ""
    return (f"PA Books can make the EPS for {' and '.join(eps_tax_years())} only: send the {year} EPS with HMRC's "
            "Basic PAYE Tools.")


def tax_month_words(tax_year: str) -> dict[str, str]:
    """Each tax month of a year, in words: {"1": "Tax month 1: 6 April to 5 May 2025", ...}."""
    return {str(month): f"Tax month {month}: {_month_span(tax_year, month)}" for month in range(1, 13)}


def _month_span(tax_year: str, month: int) -> str:
    first, last = month_starts(tax_year, month), month_ends(tax_year, month)
    return f"{first.day} {first:%B} to {last.day} {last:%B %Y}"


def _kept(session: Session, tax_year: str) -> list[RtiSubmission]:
    """The EPSs HMRC has (or has not answered yet) for a tax year."""
    return list(session.scalars(select(RtiSubmission).where(
        RtiSubmission.kind == "eps", RtiSubmission.tax_year == tax_year,
        RtiSubmission.status.in_(("accepted", "pending"))).order_by(RtiSubmission.id.desc())))


def _has(kept: list[RtiSubmission], part: str) -> bool:
    return any(part in row.covers.split(",") for row in kept)


def prepare_eps(book: EmployerBook, request: EpsRequest) -> Prepared:
    """An EPS, checked and ready to send (or to ask HMRC about again)."""
    check_sending_settings()
    covers = covers_of(request)
    with book.reading() as session:
        previous = next((row for row in _kept(session, request.tax_year) if row.covers == covers), None)
    if previous is not None and previous.status == "accepted":
        raise BookError(f"HMRC has already accepted this EPS for {request.tax_year} ("
                        f"{covers_words(covers, request.tax_year)}), so it is not sent again.")
    document = eps_document(book, request)
    if previous is None and document.xml is None:
        raise BookError(" ".join(document.problems))
    return prepare(book, "eps", document.xml, previous,
                   SubmissionRecord(None, request.tax_year, "", "", False, (), "", covers=covers))


def eps_answer_words(prepared: Prepared, result: Any) -> SubmissionView:
    service = "live service" if prepared.live else "test service"
    what = covers_words(prepared.record.covers, prepared.record.tax_year)
    errors = tuple(f"HMRC error {e.number}: {e.text}" for e in result.errors)
    words = {"accepted": f"Accepted by HMRC's {service}: {what}.",
             "refused": f"Refused by HMRC's {service}: put right what HMRC says, then send again.",
             "pending": f"Sent to HMRC's {service}; HMRC has not answered yet. Send the same EPS again to ask."}
    return SubmissionView(result.status, words[result.status], errors)


def send_eps(book: EmployerBook, request: EpsRequest, credentials: Any, engine: Engine) -> SubmissionView:
    """Send (or, when HMRC has not answered yet, ask again about) an EPS; keep HMRC's answer with what it was for."""
    prepared = prepare_eps(book, request)
    result = transmit(prepared, credentials, engine)
    keep_answer(book, prepared, result)
    return eps_answer_words(prepared, result)


@dataclass(frozen=True, slots=True)
class EpsDue:
    """An EPS Home asks for, with what to tick in the Send an EPS dialog."""

    request: EpsRequest
    title: str
    detail: str
    due_on: date
    overdue: bool


def eps_due(book: EmployerBook, today: date) -> list[EpsDue]:
    """The EPSs the rules call for today and HMRC does not have: a tax month just ended with nobody paid (once the
    file has a final run before it), the Employment Allowance claim in the year's first tax months (when the
    employer claims it), the year's last submission from 6 April to 5 May."""
    found: list[EpsDue] = []
    with book.reading() as session:
        employer = employer_of(session)
        if "/" not in employer.hmrc_paye_reference:
            return []  # not registered as an employer yet: nothing to tell HMRC
        paid = [day for day in session.scalars(select(PayRun.pay_date).where(PayRun.status == FINALISED))]
        pas = list(session.scalars(select(PersonalAssistant)))
        year = TaxYear.containing(today)
        month = tax_month(today)
        ended_year = year if month > 1 else TaxYear(year.start_year - 1)
        ended = month - 1 if month > 1 else 12
        first, last = month_starts(ended_year.label, ended), month_ends(ended_year.label, ended)
        employed = any(pa.started_on <= last and (pa.left_on is None or pa.left_on >= first) for pa in pas)
        if employed and any(day < first for day in paid) and not any(first <= day <= last for day in paid) \
                and not _has(_kept(session, ended_year.label), f"no_payment:{ended}"):
            due = last.replace(day=rates_for(tax_year_or_newest(last)).paying_hmrc.no_payment_eps_due_day)
            found.append(EpsDue(EpsRequest(ended_year.label, no_payment_tax_month=ended),
                                f"Tell HMRC nobody was paid in tax month {ended} ({_month_span(ended_year.label, ended)}) "
                                f"by {long_date(due)}", "Send an EPS saying so, or HMRC will estimate what you owe "
                                "and may charge a penalty.", due, today > due))
        if employer.claims_employment_allowance and month <= ALLOWANCE_REMINDER_MONTHS \
                and not _has(_kept(session, year.label), "allowance"):
            due = month_ends(year.label, ALLOWANCE_REMINDER_MONTHS)
            found.append(EpsDue(EpsRequest(year.label, claim_employment_allowance=True),
                                f"Claim the Employment Allowance for {year.label} on an EPS",
                                "It is claimed again each tax year; until HMRC has the claim, your bill from HMRC "
                                "includes the employer's National Insurance it covers.", due, False))
        last_year = TaxYear(year.start_year - 1)
        final_due = date(year.start_year, *FINAL_DUE)
        if (today - year.first_day).days < FINAL_REMINDER_DAYS and any(
                last_year.first_day <= day <= last_year.last_day for day in paid) \
                and not _has(_kept(session, last_year.label), "final"):
            found.append(EpsDue(EpsRequest(last_year.label, final_for_year=True),
                                f"Tell HMRC your {last_year.label} payroll is finished by {long_date(final_due)}",
                                f"Send an EPS marked as the last submission for {last_year.label}.", final_due,
                                today > final_due))
    years = eps_tax_years()
    ready = []
    for item in found:
        how = (" Send it from the Pay screen (Send an EPS to HMRC)." if item.request.tax_year in years else
               f" PA Books cannot make the {item.request.tax_year} EPS yet: send it with HMRC's Basic PAYE Tools "
               "(this reminder then ends by itself).")
        ready.append(EpsDue(item.request, item.title, item.detail + how, item.due_on, item.overdue))
    return ready


def eps_suggested(book: EmployerBook, today: date) -> EpsRequest | None:
    """One EPS that answers everything Home asks for in the earliest year PA Books can make an EPS for."""
    years = eps_tax_years()
    asked = [item.request for item in eps_due(book, today) if item.request.tax_year in years]
    if not asked:
        return None
    year = min(request.tax_year for request in asked)
    same = [request for request in asked if request.tax_year == year]
    return EpsRequest(year, any(r.claim_employment_allowance for r in same),
                      next((r.no_payment_tax_month for r in same if r.no_payment_tax_month), None),
                      any(r.final_for_year for r in same))


def eps_todo(book: EmployerBook, today: date) -> list[TodoItem]:
    return [TodoItem(item.title, item.detail, item.due_on, "overdue" if item.overdue else "soon", "pay")
            for item in eps_due(book, today)]
