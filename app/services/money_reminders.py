"""What Home says about the money: a payment that has not come or came short, a surplus the next council return
would show (in the weeks before it), statement lines still to sort."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from app.services.book import EmployerBook
from app.services.money_expected import agreement_of
from app.services.money_views import money_position
from app.services.views import TodoItem
from app.services.words import format_pounds, long_date

RETURN_MONTHS = {"monthly": 1, "quarterly": 3, "annual": 12}
SURPLUS_WARNING_WEEKS = 6  # a surplus is said this many weeks before the return that would show it


def next_return_end(starts_on: date, cycle: str, today: date) -> date | None:
    """The last day of the return period running today, periods counted from the agreement's start."""
    months = RETURN_MONTHS.get(cycle)
    if cycle == "four_weekly":
        end = starts_on + timedelta(weeks=4) - timedelta(days=1)
        while end < today:
            end += timedelta(weeks=4)
        return end
    if months is None:
        return None
    count = 1
    while (end := starts_on + relativedelta(months=months * count) - timedelta(days=1)) < today:
        count += 1
    return end


def _return_period_end(book: EmployerBook, today: date) -> date | None:
    """The last day of the council return period running today, under the council's template."""
    from app.services.return_views import returns_view

    view = returns_view(book)
    for row in view.rows if view else ():
        if row.period.starts_on <= today <= row.period.ends_on:
            return row.period.ends_on
    return None


def _projected_surplus(book: EmployerBook, allowed_pence: int, today: date, ends: date | None) -> int:
    """The surplus the forecast puts at the return period's end (the balance after what is owed, less what the
    agreement lets the account hold); 0 when there is no period end to look to."""
    if ends is None or ends <= today:
        return 0
    from app.services.money_forecast import forecast

    return forecast(book, until=ends).forecast.end_balance_pence - allowed_pence


def money_todo(book: EmployerBook, today: date) -> list[TodoItem]:
    """What Home says about the money: payments that have not come or came short, a surplus the next return
    would show, statement lines to sort, receipts the council asks for."""
    position = money_position(book, today)
    if not position.account_set_up:
        return []
    items = [TodoItem(s.words + ".", "Ask the council (or check your contribution was paid in); record it on the "
                      "Money screen when it arrives.", s.expected.due_on, "overdue", "money")
             for s in position.payments if s.state in ("late", "short")]
    with book.reading() as session:
        agreement = agreement_of(session)
        cycle, starts = (agreement.return_cycle, agreement.starts_on) if agreement else ("none", today)
        extras = agreement.agreed_extras_pence if agreement else 0
    surplus_now = position.surplus
    ends = _return_period_end(book, today) or next_return_end(starts, cycle, today)
    if surplus_now is not None and (ends is None or (ends - today).days <= SURPLUS_WARNING_WEEKS * 7):
        projected = _projected_surplus(book, surplus_now.allowed_pence, today, ends)
        if surplus_now.surplus_pence > 0 or projected > 0:
            when = f" before your return for the period ending {long_date(ends)}" if ends else ""
            ahead = (f" By {long_date(ends)} the forecast (the rotas planned and the payments still to come) puts it "
                     f"at {format_pounds(projected)} over." if ends and projected > 0 else
                     f" By {long_date(ends)} the forecast brings it within what the agreement allows." if ends else "")
            planned = (f" The {format_pounds(extras)} of agreed extras (unused respite, agreed savings) is already "
                       "allowed for." if extras else "")
            over = max(surplus_now.surplus_pence, projected)
            items.append(TodoItem(
                f"The account holds {format_pounds(over)} more than the agreement allows"
                if surplus_now.surplus_pence > 0 else
                f"The account is forecast to hold {format_pounds(projected)} more than the agreement allows",
                f"{surplus_now.words()}{ahead}{planned} Plan what it is for, or ask the council to agree it{when}.",
                ends, "soon", "money"))
    if position.lines_to_sort:
        items.append(TodoItem(f"Sort {position.lines_to_sort} bank statement lines",
                              "On the Money screen, say what each line is, then reconcile the statement.", None,
                              "soon", "money"))
    return items
