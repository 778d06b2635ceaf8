"""The pack for the council's annual review of the support plan, worked out from facts: hours planned and
delivered month by month, what the money was spent on by the plan's outcomes, the crisis fund's use, and the
person's own notes through the year. Said twice: in plain English, and in easy read (short sentences, one idea
each, whole pounds, a picture beside each), for the person to read themselves. Pure: facts in, sentences out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from app.core.money import format_pounds

PAYROLL = ("pa_wages", "hmrc", "pension")
PA_SUPPORT = "Support from your PAs (every outcome of the plan)"
NOT_LINKED = "Not linked to an outcome"


@dataclass(frozen=True, slots=True)
class MonthHours:
    month: date  # the first day of the month (or of the period, for a part month)
    planned_minutes: int  # hours of support, not counting sleep-ins
    delivered_minutes: int


@dataclass(frozen=True, slots=True)
class Spent:
    """One payment out of the account, with the outcome it served (as recorded) and its category."""

    amount_pence: int
    category: str
    outcome: str = ""


@dataclass(frozen=True, slots=True)
class Note:
    written_on: date
    written_by: str
    about: str  # working, not_working, change, other
    words: str
    outcome: str = ""


@dataclass(frozen=True, slots=True)
class CrisisUse:
    occurred_on: date
    amount_pence: int  # into the fund positive, used negative
    reason: str
    agreed_by: str = ""


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    person: str
    council: str
    starts_on: date
    ends_on: date
    months: tuple[MonthHours, ...]
    spent: tuple[Spent, ...]
    plan_outcomes: tuple[str, ...]
    crisis_opening_pence: int
    crisis: tuple[CrisisUse, ...]
    notes: tuple[Note, ...]
    money_in_pence: int = 0


@dataclass(frozen=True, slots=True)
class OutcomeLine:
    outcome: str
    pence: int
    payments: int


@dataclass(frozen=True, slots=True)
class ReviewPack:
    facts: ReviewFacts
    by_outcome: tuple[OutcomeLine, ...]
    planned_minutes: int
    delivered_minutes: int

    @property
    def spent_pence(self) -> int:
        return sum(line.pence for line in self.by_outcome)

    @property
    def crisis_closing_pence(self) -> int:
        return self.facts.crisis_opening_pence + sum(c.amount_pence for c in self.facts.crisis)

    @property
    def crisis_used(self) -> tuple[CrisisUse, ...]:
        return tuple(c for c in self.facts.crisis if c.amount_pence < 0)

    def notes_about(self, about: str) -> tuple[Note, ...]:
        return tuple(n for n in self.facts.notes if n.about == about)


def _outcome_of(spent: Spent, outcomes: tuple[str, ...]) -> str:
    if spent.outcome.strip():
        typed = spent.outcome.strip()
        # The same outcome typed with other capitals or spaces counts once, under the plan's own words.
        return next((o for o in outcomes if o.casefold() == typed.casefold()), typed)
    return PA_SUPPORT if spent.category in PAYROLL else NOT_LINKED


def review_pack(facts: ReviewFacts) -> ReviewPack:
    totals: dict[str, list[int]] = {o: [0, 0] for o in facts.plan_outcomes}
    for spent in facts.spent:
        line = totals.setdefault(_outcome_of(spent, facts.plan_outcomes), [0, 0])
        line[0] += spent.amount_pence
        line[1] += 1
    order = {o: at for at, o in enumerate((PA_SUPPORT, *facts.plan_outcomes))}
    lines = sorted((OutcomeLine(o, p, n) for o, (p, n) in totals.items()),
                   key=lambda x: (x.outcome == NOT_LINKED, order.get(x.outcome, len(order)), x.outcome))
    return ReviewPack(facts, tuple(lines), sum(m.planned_minutes for m in facts.months),
                      sum(m.delivered_minutes for m in facts.months))


def hours_words(minutes: int) -> str:
    """Hours to one decimal place, without a trailing .0 ("37.5 hours", "1,564.2 hours", "1 hour")."""
    value = (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
    text = f"{value:,f}"
    return f"{text} hour" + ("" if text == "1" else "s")


def whole_hours(minutes: int) -> str:
    """Easy read: whole hours with a thousands comma ("1,564 hours", "1 hour")."""
    value = int((Decimal(minutes) / 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{value:,} hour" + ("" if value == 1 else "s")


def percent(part: int, whole: int) -> int:
    return int((Decimal(part) * 100 / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP)) if whole else 0


def whole_pounds(pence: int) -> str:
    """Easy read: whole pounds ("£1,235"), rounded half up."""
    pounds = int((Decimal(pence) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"£{pounds:,}" if pounds >= 0 else f"-£{-pounds:,}"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def plain_summary(pack: ReviewPack) -> list[str]:
    """The pack's opening in plain English."""
    f = pack.facts
    said = [f"This pack is for the review of {f.person}'s support plan with {f.council}. It covers {_day(f.starts_on)} "
            f"to {_day(f.ends_on)}."]
    if pack.planned_minutes:
        said.append(f"The plan was for {hours_words(pack.planned_minutes)} of support (not counting sleep-ins); "
                    f"{hours_words(pack.delivered_minutes)} were delivered, "
                    f"{percent(pack.delivered_minutes, pack.planned_minutes)}% of the plan.")
    elif pack.delivered_minutes:
        said.append(f"{hours_words(pack.delivered_minutes)} of support were delivered.")
    said.append(f"{format_pounds(pack.spent_pence)} was spent from the account" +
                (f" and {format_pounds(f.money_in_pence)} came in." if f.money_in_pence else "."))
    used = pack.crisis_used
    if used:
        said.append(f"The crisis fund was used {len(used)} time{'s' if len(used) != 1 else ''}, "
                    f"{format_pounds(-sum(c.amount_pence for c in used))} in all; it holds "
                    f"{format_pounds(pack.crisis_closing_pence)} now.")
    elif f.crisis_opening_pence or f.crisis:
        said.append(f"The crisis fund was not needed; it holds {format_pounds(pack.crisis_closing_pence)}.")
    said.append(f"{len(f.notes)} note{'s' if len(f.notes) != 1 else ''} on what is working and what is not "
                "were written in the year.")
    return said


@dataclass(frozen=True, slots=True)
class EasyLine:
    picture: str  # which picture goes beside it: clock, money, shield, happy, sad, idea, note, calendar
    words: str


def easy_read(pack: ReviewPack) -> list[tuple[str, list[EasyLine]]]:
    """Easy read: sections of short sentences, one idea each, each with the picture that goes beside it."""
    f = pack.facts
    sections: list[tuple[str, list[EasyLine]]] = []
    about = [EasyLine("note", f"This is about {f.person}'s support."),
             EasyLine("note", f"It is for the meeting with {f.council} about the support plan."),
             EasyLine("calendar", f"It covers {_day(f.starts_on)} to {_day(f.ends_on)}.")]
    sections.append(("About this", about))
    hours: list[EasyLine] = []
    if pack.planned_minutes:
        hours.append(EasyLine("clock", f"The plan said {whole_hours(pack.planned_minutes)} of support."))
        hours.append(EasyLine("clock", f"You got {whole_hours(pack.delivered_minutes)} of support."))
        short = pack.planned_minutes - pack.delivered_minutes
        if short > 0:
            hours.append(EasyLine("sad", f"That is {whole_hours(short)} less than the plan."))
        else:
            hours.append(EasyLine("happy", "That is all the support in the plan."))
    else:
        hours.append(EasyLine("clock", f"You got {whole_hours(pack.delivered_minutes)} of support."))
    sections.append(("Your support", hours))
    money = [EasyLine("money", f"You spent {whole_pounds(pack.spent_pence)}.")]
    for line in pack.by_outcome[:6]:
        if line.pence:
            money.append(EasyLine("money", f"{whole_pounds(line.pence)} on: {line.outcome}."))
    sections.append(("Your money", money))
    crisis: list[EasyLine] = []
    used = pack.crisis_used
    if used:
        crisis.append(EasyLine("shield", f"You used the crisis money {len(used)} time{'s' if len(used) != 1 else ''}."))
        for c in used[:4]:
            crisis.append(EasyLine("shield", f"{_day(c.occurred_on)}: {whole_pounds(-c.amount_pence)}. "
                                             f"Why: {c.reason}"))
    else:
        crisis.append(EasyLine("shield", "You did not need the crisis money."))
    crisis.append(EasyLine("shield", f"There is {whole_pounds(pack.crisis_closing_pence)} crisis money now."))
    sections.append(("Crisis money", crisis))
    for about_code, title, picture in (("working", "What is working", "happy"),
                                       ("not_working", "What is not working", "sad"),
                                       ("change", "What I want to change", "idea")):
        notes = pack.notes_about(about_code)
        if notes:
            sections.append((title, [EasyLine(picture, f"{n.words} ({n.written_by}, {n.written_on:%B %Y})")
                                     for n in notes]))
    return sections
