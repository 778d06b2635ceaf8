"""The pack for the council's annual review of the support plan, from the records: hours planned and delivered
by month, spending by the plan's outcomes, the crisis fund's use, and the notes written through the year. The
pack itself is worked out purely (app/returns/review.py); the PDFs are app/reports/review_pack.py."""

from __future__ import annotations

from datetime import date, timedelta

from app.money.categories import return_category
from app.money.ledger import CRISIS, kind_of
from app.returns.review import CrisisUse, MonthHours, Note, ReviewFacts, ReviewPack, Spent, review_pack
from app.returns.review import plain_summary as plain_summary  # for the shells
from app.services.book import EmployerBook, employer_of
from app.services.council_agreement import latest_agreement, plan_outcomes
from app.services.hours_summary import hours_summary
from app.services.ledger_book import account_totals, all_rows, in_account_change
from app.services.review_notes import review_notes

NOT_HOURS = "sleep_in"  # sleep-ins are planned as a count a week, not hours: left out of the hours compared


def year_before(today: date) -> tuple[date, date]:
    """The twelve months up to a review held today, today included (a note written this morning counts)."""
    try:
        first = today.replace(year=today.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February: a year before is 1 March
        first = date(today.year - 1, 3, 1)
    return first, today


def _months(first: date, last: date) -> list[tuple[date, date]]:
    spans, start = [], first
    while start <= last:
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        end = min(following - timedelta(days=1), last)
        spans.append((start, end))
        start = following
    return spans


def review_facts(book: EmployerBook, first: date, last: date) -> ReviewFacts:
    months = []
    for start, end in _months(first, last):
        summary = hours_summary(book, start, end)
        months.append(MonthHours(start, sum(v for k, v in summary.planned_minutes_by_kind.items() if k != NOT_HOURS),
                                 sum(v for k, v in summary.delivered_minutes_by_kind.items() if k != NOT_HOURS)))
    notes = tuple(Note(n.written_on, n.written_by, n.about, n.words, n.outcome)
                  for n in review_notes(book, first, last))
    with book.reading() as session:
        employer = employer_of(session)
        agreement = latest_agreement(session)
        spent: list[Spent] = []
        crisis: list[CrisisUse] = []
        money_in = 0
        for row in all_rows(session, since=first):
            if row.occurred_on > last or row.voided_at is not None:
                continue
            change = in_account_change(row)
            others = [p.account for p in row.postings if not kind_of(p.account).in_the_account]
            if change < 0:
                spent.append(Spent(-change, return_category(others[0]) if others else "other", row.outcome))
            elif change > 0:
                money_in += change
            for p in row.postings:
                if p.account == CRISIS:
                    crisis.append(CrisisUse(row.occurred_on, p.amount_pence, row.reason, row.authorised_by))
        opening = account_totals(session, first - timedelta(days=1)).get(CRISIS, 0)
        return ReviewFacts(employer.person_name, agreement.council_name if agreement else "the council", first, last,
                           tuple(months), tuple(spent), plan_outcomes(agreement), opening, tuple(crisis), notes,
                           money_in)


def annual_review(book: EmployerBook, first: date, last: date) -> ReviewPack:
    return review_pack(review_facts(book, first, last))


def review_setting(book: EmployerBook) -> tuple[str, tuple[str, ...]]:
    """Whose review it is, and the support plan's outcomes (for a note's outcome to be chosen from)."""
    with book.reading() as session:
        return employer_of(session).person_name, plan_outcomes(latest_agreement(session))
