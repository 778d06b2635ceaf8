"""What the Council returns screen and `pabooks return` show: the council's template, each return period with its
due date and whether it was submitted (and in how many versions), and the reminders Home gives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from app.models import CouncilReturn
from app.returns.build import CouncilReturn as CouncilReturnFigures
from app.returns.periods import Period as Period
from app.returns.periods import periods
from app.returns.templates import Template
from app.services.book import EmployerBook
from app.services.money_expected import agreement_of
from app.services.return_facts import SUBMITTED, template_for
from app.services.views import TodoItem
from app.services.words import format_pounds, long_date

REMIND_DAYS = 28  # Home names a return this many days before it is due


@dataclass(frozen=True, slots=True)
class PeriodRow:
    period: Period
    versions: int  # how many times it was submitted (0: not yet)
    latest_return_id: int | None
    closing_balance_pence: int | None

    def words(self, today: date) -> str:
        span = f"{long_date(self.period.starts_on)} to {long_date(self.period.ends_on)}"
        if self.versions:
            amended = f", amended {self.versions - 1} time{'s' if self.versions > 2 else ''}" if self.versions > 1 \
                else ""
            return f"{span}: submitted{amended} (closing balance {format_pounds(self.closing_balance_pence or 0)})"
        if self.period.ends_on >= today:
            return f"{span}: the period is not over yet (due {long_date(self.period.due_on)})"
        state = "OVERDUE" if self.period.due_on < today else "due"
        return f"{span}: {state} by {long_date(self.period.due_on)}"


@dataclass(frozen=True, slots=True)
class ReturnsView:
    template: Template
    council: str
    rows: tuple[PeriodRow, ...]  # the latest first


def returns_view(book: EmployerBook) -> ReturnsView | None:
    today = book.today()
    with book.reading() as session:
        agreement = agreement_of(session)
        if agreement is None:
            return None
        template = template_for(session, "")
        first = min(a.starts_on for a in [agreement])
        submitted = list(session.scalars(select(CouncilReturn).where(CouncilReturn.status == SUBMITTED)
                                         .order_by(CouncilReturn.version)))
        council = agreement.council_name
    rows = []
    for period in periods(template, first, today):
        mine = [r for r in submitted if (r.period_start, r.period_end) == (period.starts_on, period.ends_on)]
        rows.append(PeriodRow(period, len(mine), mine[-1].id if mine else None,
                              mine[-1].closing_balance_pence if mine else None))
    extra = [r for r in submitted if not any((r.period_start, r.period_end) == (p.period.starts_on, p.period.ends_on)
                                             for p in rows)]
    for r in extra:  # audits and one-off periods
        if r.version == max(x.version for x in extra if (x.period_start, x.period_end) == (r.period_start,
                                                                                          r.period_end)):
            rows.append(PeriodRow(Period(r.period_start, r.period_end, r.period_end + timedelta(
                days=template.due_days_after_end)), r.version, r.id, r.closing_balance_pence))
    rows.sort(key=lambda row: row.period.starts_on, reverse=True)
    return ReturnsView(template, council, tuple(rows))


def submitted_pdf(book: EmployerBook, return_id: int) -> bytes | None:
    """A submitted return exactly as it was sent."""
    with book.reading() as session:
        row = session.get(CouncilReturn, return_id)
        return row.document_pdf if row is not None else None


def return_todo(book: EmployerBook, today: date) -> list[TodoItem]:
    view = returns_view(book)
    if view is None:
        return []
    items = []
    for row in view.rows:
        if row.versions or row.period.ends_on >= today or (row.period.due_on - today).days > REMIND_DAYS:
            continue
        overdue = row.period.due_on < today
        items.append(TodoItem(
            f"Send {view.council} your return for {long_date(row.period.starts_on)} to {long_date(row.period.ends_on)}",
            "Make it on the Council returns screen: it comes from your records; check what it lists at its top.",
            row.period.due_on, "overdue" if overdue else "soon", "returns"))
    return items


def preview_lines(ret: CouncilReturnFigures) -> list[str]:
    """The return in words, the problems first: what a screen reader reads and the screen shows."""
    f = ret.facts
    lines = []
    if ret.blocking:
        lines.append("To put right (or explain) before it is submitted:")
        lines += [f"  • {c.words}" for c in ret.blocking]
        lines.append("")
    lines += [f"Opening balance: {format_pounds(f.opening_balance_pence)}",
              f"Money in: {format_pounds(ret.total_in_pence)}"]
    lines += [f"  {words}: {format_pounds(p)}" for words, p in ret.money_in_by_source]
    lines.append(f"Money out: {format_pounds(ret.total_out_pence)}")
    lines += [f"  {words}: {format_pounds(p)}" for words, p in ret.money_out_by_category]
    lines.append(f"Closing balance: {format_pounds(ret.closing_balance_pence)}"
                 + (f" (the bank statement shows {format_pounds(f.statement_closing_pence)})"
                    if f.statement_closing_pence is not None else " (no bank statement for the period end)"))
    lines.append("")
    lines.append("Checks:")
    lines += [f"  {'Yes' if c.ok else 'No'}: {c.words}" for c in ret.checks]
    return lines
