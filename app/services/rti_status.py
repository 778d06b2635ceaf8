"""What HMRC has been told and what is waiting: each final pay run's FPS (or, for a paper filer, each quarter's
paper returns) and what Home asks for next. Read only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.models import PayRun
from app.rti.paper import quarter_containing
from app.services.book import EmployerBook
from app.services.pay_run_facts import FINALISED
from app.services.words import long_date

RECENT_RUNS = 12
RECENT_QUARTERS = 4


@dataclass(frozen=True, slots=True)
class RtiStatus:
    reports_on_paper: bool
    reported: tuple[str, ...]  # "Pay run paid on 31 December 2026: accepted by HMRC's test service (sent ...)."
    waiting: tuple[str, ...]  # what Home asks for, with its detail


def rti_status(book: EmployerBook) -> RtiStatus:
    from app.services.paper_returns import paper_todo, quarter_returns, reports_on_paper

    today = book.today()
    on_paper = reports_on_paper(book)
    reported: list[str] = []
    if on_paper:
        quarter = quarter_containing(today).previous()
        for _ in range(RECENT_QUARTERS):
            returns = quarter_returns(book, quarter)
            if returns.anything_to_post:
                state = (f"recorded as posted on {long_date(returns.posted_on)}" if returns.posted_on else
                         f"not recorded as posted (due by {long_date(returns.due_on)})")
                reported.append(f"Paper returns for {returns.span}: {len(returns.rt2s)} RT2"
                                f"{'s' if len(returns.rt2s) != 1 else ''}"
                                f"{', an RT5' if returns.rt5.needed else ''}; {state}.")
            quarter = quarter.previous()
        waiting = paper_todo(book, today)
    else:
        from app.services.send_eps import eps_todo
        from app.services.send_fps import rti_todo, submission_of

        with book.reading() as session:
            runs = session.execute(select(PayRun.id, PayRun.pay_date).where(PayRun.status == FINALISED).order_by(
                PayRun.pay_date.desc(), PayRun.id.desc()).limit(RECENT_RUNS)).all()
        reported = [f"Pay run paid on {long_date(pay_date)}: {submission_of(book, run_id).words}"
                    for run_id, pay_date in runs]
        waiting = rti_todo(book, today) + eps_todo(book, today)
    return RtiStatus(on_paper, tuple(reported), tuple(f"{item.title}. {item.detail}" for item in waiting))


def status_lines(status: RtiStatus) -> list[str]:
    how = ("on paper (an RT2 for each PA each quarter; HMRC has agreed you are exempt from filing online)"
           if status.reports_on_paper else "online (an FPS each payday, an EPS when the rules call for one)")
    lines = [f"You report to HMRC {how}."]
    lines += status.reported or ["Nothing reported yet: no final pay run."]
    lines += ["Waiting:"] + [f"  {words}" for words in status.waiting] if status.waiting else ["Nothing is waiting."]
    return lines
