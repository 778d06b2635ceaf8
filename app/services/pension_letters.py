"""The letters the law requires an employer to give a PA about the workplace pension, in plain words, to print
or send: enrolled (with the right to opt out), enrolment postponed, and not enrolled but able to join.

The Occupational and Personal Pension Schemes (Automatic Enrolment) Regulations 2010, reg. 2 and Schedule 2
(what each letter must say), and The Pensions Regulator's letter templates for employers: an enrolment letter
within 6 weeks of the enrolment date; the opt-out period is one month from the later of enrolment and the
letter; a postponement can last up to 3 months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.payroll.payslip import PensionMembership
from app.payroll.pension import duty_dates
from app.payroll.rates import rates_for, tax_year_or_newest
from app.services.book import BookError, EmployerBook, employer_of
from app.services.pa_form import pa_in
from app.services.words import format_pounds, long_date

LETTER_KINDS = {"enrolment": "You have been enrolled", "re_enrolment": "You have been re-enrolled",
                "postponement": "Enrolment postponed", "non_eligible": "You can join the pension scheme"}


@dataclass(frozen=True, slots=True)
class LetterFacts:
    pa_first_name: str
    pa_full_name: str
    employer_name: str
    employer_address: str
    started_on: date
    pay_frequency: str
    enrolled_on: date | None  # the (re-)enrolment date, when recorded


def _facts(book: EmployerBook, pa_id: int) -> LetterFacts:
    with book.reading() as session:
        pa = pa_in(session, pa_id)
        employer = employer_of(session)
        return LetterFacts(pa.first_name, pa.full_name, employer.acting_employer_name or employer.person_name,
                           employer.address, pa.started_on, pa.pay_frequency, pa.pension_enrolled_on)


def pension_letter(book: EmployerBook, pa_id: int, kind: str, on: date | None = None) -> str:
    """The letter's text, dated `on` (today by the book's clock)."""
    if kind not in LETTER_KINDS:
        raise BookError("Choose the letter: enrolled, re-enrolled, postponed, or able to join.")
    facts = _facts(book, pa_id)
    today = on or book.today()
    rates = rates_for(tax_year_or_newest(today)).pension  # or the newest held, for a year not yet added
    thresholds = rates.annual
    scheme = PensionMembership()
    if kind == "postponement":
        dates = duty_dates(max(facts.started_on, today))
    else:  # the opt-out month runs from the later of the enrolment date and this letter
        dates = duty_dates(facts.enrolled_on or today, letter_sent=today)
    opening = [facts.employer_name, facts.employer_address, "", long_date(today), "", f"Dear {facts.pa_first_name},", ""]
    closing = ["", "If you have any questions, please ask me.", "", "Yours sincerely,", facts.employer_name]
    if kind == "re_enrolment":
        body = [
            f"From {long_date(dates.enrolment_date)} I have put you back into the workplace pension scheme. Every "
            "three years the law says I must re-enrol everyone who has left the scheme, if they are 22 or over, under "
            f"State Pension age, and earn more than {format_pounds(int(thresholds.trigger * 100))} a year.",
            "",
            f"Each payday you pay {scheme.employee_rate_percent}% of your qualifying earnings and I pay "
            f"{scheme.employer_rate_percent}%, as before. Your payslip shows what is paid each time.",
            "",
            "You can leave again (opt out). If you do this within one month, by "
            f"{long_date(dates.opt_out_window_ends)}, you get back what you have paid in since "
            f"{long_date(dates.enrolment_date)}. To opt out, ask the pension scheme for its opt-out notice and send it "
            "to them; I cannot do it for you.",
        ]
    elif kind == "enrolment":
        body = [
            f"From {long_date(dates.enrolment_date)} I have put you into a workplace pension scheme, as the law "
            "says I must for everyone I employ who is 22 or over, under State Pension age, and earns more than "
            f"{format_pounds(int(thresholds.trigger * 100))} a year.",
            "",
            f"Each payday you pay {scheme.employee_rate_percent}% of your qualifying earnings (your pay between "
            f"{format_pounds(int(thresholds.qualifying_lower * 100))} and "
            f"{format_pounds(int(thresholds.qualifying_upper * 100))} a year, worked out for each pay period), "
            f"and I pay {scheme.employer_rate_percent}%. Part of what you pay is tax relief from the government. "
            "Your payslip shows what is paid each time.",
            "",
            "You can leave (opt out). If you do this within one month, by "
            f"{long_date(dates.opt_out_window_ends)}, you get back what you have paid in. To opt out, ask the "
            "pension scheme for its opt-out notice and send it to them; I cannot do it for you. If you leave "
            "later, what has been paid in stays in your pension. You can ask to join again once a year.",
            "",
            "Every three years I must put back into the scheme anyone who has left, if they still qualify. You "
            "will get a letter if that happens.",
        ]
    elif kind == "postponement":
        body = [
            f"I am using postponement: I will not put you into the workplace pension scheme until "
            f"{long_date(dates.latest_postponement_end)}. On that day I will check whether the law says I must "
            "enrol you then, and write to you.",
            "",
            "You do not have to wait. You can ask me in writing to join the scheme at any time before then, and if "
            f"you earn more than {format_pounds(int(thresholds.qualifying_lower * 100))} a year I will pay in too.",
        ]
    else:
        body = [
            "You have not been put into the workplace pension scheme, because the law only says I must for people "
            f"who are 22 or over, under State Pension age, and earn more than "
            f"{format_pounds(int(thresholds.trigger * 100))} a year.",
            "",
            "But you can ask to join at any time, by telling me in writing. If you earn more than "
            f"{format_pounds(int(thresholds.qualifying_lower * 100))} a year I will pay in as well "
            f"({rates.minimum_employer_percent}% of your qualifying earnings). If you earn less, you can still "
            "join, but I do not have to pay in.",
            "",
            "If your age or pay changes so that you qualify, I will put you into the scheme and write to you.",
        ]
    return "\n".join(opening + body + closing) + "\n"
