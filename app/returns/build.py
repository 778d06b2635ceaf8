"""A council return for a period, worked out from the records: money in by source, money out by the council's
categories, the closing balance against the bank statement, the funds, hours planned and delivered, the evidence
list, and the checks a council makes before it accepts one. Pure: facts in, the return and its problems out.

closing balance = opening balance + money in - money out, to the penny, always; the statement's closing balance
is compared with it, and any difference is listed with the items that explain it (payments not yet cleared).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.core.money import format_pounds
from app.returns.templates import EVIDENCE, Template


@dataclass(frozen=True, slots=True)
class Line:
    occurred_on: date
    payee: str
    amount_pence: int  # always positive: the section says whether it came in or went out
    category: str  # a spending category or a funding stream code
    method: str = ""
    reference: str = ""
    receipts: int = 0
    outcome: str = ""
    note: str = ""  # why a fund was drawn on, who agreed


@dataclass(frozen=True, slots=True)
class FundMove:
    fund: str  # "contingency" or "crisis"
    occurred_on: date
    amount_pence: int  # into the fund positive, out negative
    reason: str
    agreed_by: str


@dataclass(frozen=True, slots=True)
class HoursLine:
    kind: str  # day, night, sleep_in ...
    planned: Decimal
    delivered: Decimal


@dataclass(frozen=True, slots=True)
class PaLine:
    name: str
    gross_pence: int
    tax_pence: int
    employee_ni_pence: int
    employer_ni_pence: int
    pension_pence: int
    net_pence: int
    paid_from_account_pence: int  # what the bank shows was paid to them for the period's payslips


@dataclass(frozen=True, slots=True)
class ReturnFacts:
    starts_on: date
    ends_on: date
    opening_balance_pence: int
    money_in: tuple[Line, ...]
    money_out: tuple[Line, ...]
    statement_closing_pence: int | None  # the last reconciled or imported statement's balance at the period end
    statement_covers_to: date | None  # the last day any imported statement covers
    not_cleared: tuple[Line, ...] = ()  # recorded in PA Books, not yet on a statement
    lines_to_sort: int = 0
    statement_gaps: tuple[tuple[date, date], ...] = ()
    funds: tuple[FundMove, ...] = ()
    fund_opening: dict[str, int] = field(default_factory=dict)
    hours: tuple[HoursLine, ...] = ()
    pas: tuple[PaLine, ...] = ()
    contribution_expected_pence: int = 0
    contribution_paid_pence: int = 0
    owed_pence: int = 0
    allowed_pence: int = 0
    weekly_payment_pence: int = 0
    insurance_renews_on: date | None = None
    hmrc_late: tuple[str, ...] = ()
    timesheets_missing: tuple[str, ...] = ()
    evidence_present: frozenset[str] = frozenset()
    previous_closing_pence: int | None = None  # the last submitted return's closing balance
    overlaps_submitted: str = ""  # the submitted return this period overlaps, in words
    balance_by_day: tuple[tuple[date, int], ...] = ()  # the account's balance at the end of each day that changed it


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    ok: bool
    words: str
    blocks: bool = False  # must be fixed or explained before the return is marked submitted


@dataclass(frozen=True, slots=True)
class CouncilReturn:
    template: Template
    facts: ReturnFacts
    money_in_by_source: tuple[tuple[str, int], ...]
    money_out_by_category: tuple[tuple[str, int], ...]
    total_in_pence: int
    total_out_pence: int
    closing_balance_pence: int
    checks: tuple[Check, ...]

    @property
    def statement_difference_pence(self) -> int | None:
        s = self.facts.statement_closing_pence
        return None if s is None else s - self.closing_balance_pence

    @property
    def surplus_pence(self) -> int:
        return self.closing_balance_pence - self.facts.owed_pence - self.facts.allowed_pence

    @property
    def surplus_weeks(self) -> Decimal:
        weekly = self.facts.weekly_payment_pence
        return (Decimal(self.surplus_pence) / weekly).quantize(Decimal("0.1")) if weekly else Decimal(0)

    @property
    def blocking(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.blocks and not c.ok)

    def fund_closing(self, fund: str) -> int:
        return self.facts.fund_opening.get(fund, 0) + sum(m.amount_pence for m in self.facts.funds if m.fund == fund)




def build_return(template: Template, facts: ReturnFacts) -> CouncilReturn:
    by_source: dict[str, int] = defaultdict(int)
    for line in facts.money_in:
        by_source[template.stream_words(line.category)] += line.amount_pence
    by_category: dict[str, int] = defaultdict(int)
    for line in facts.money_out:
        by_category[template.category_words(line.category)] += line.amount_pence
    total_in = sum(by_source.values())
    total_out = sum(by_category.values())
    closing = facts.opening_balance_pence + total_in - total_out
    figures = CouncilReturn(template, facts, tuple(by_source.items()), tuple(by_category.items()), total_in,
                            total_out, closing, ())
    return CouncilReturn(template, facts, figures.money_in_by_source, figures.money_out_by_category, total_in,
                         total_out, closing, tuple(_checks(template, facts, figures)))


def _checks(template: Template, facts: ReturnFacts, figures: CouncilReturn) -> list[Check]:
    """The checks councils make before a return is accepted (council-returns.md, "Checks the app can make")."""
    checks: list[Check] = []
    add = checks.append
    if facts.overlaps_submitted:
        add(Check("overlap", False, f"This period overlaps the return already submitted for "
                                    f"{facts.overlaps_submitted}. Amend that one instead.", True))
    if facts.previous_closing_pence is not None:
        same = facts.previous_closing_pence == facts.opening_balance_pence
        add(Check("continuity", same, "The opening balance is the last return's closing balance." if same else
                  f"The opening balance {format_pounds(facts.opening_balance_pence)} is not the last return's closing "
                  f"balance {format_pounds(facts.previous_closing_pence)}: something dated before this period was "
                  f"recorded or voided after that return was submitted.", True))
    difference = figures.statement_difference_pence
    if difference is None:
        add(Check("statement", False, "No bank statement covers the end of the period: import it and reconcile it.",
                  True))
    else:
        uncleared = sum(line.amount_pence for line in facts.not_cleared)
        agrees = difference == 0
        add(Check("statement", agrees, "The closing balance matches the bank statement." if agrees else
                  f"The bank statement shows {format_pounds(facts.statement_closing_pence or 0)}, the records "
                  f"{format_pounds(figures.closing_balance_pence)}: {format_pounds(abs(difference))} apart"
                  + (f" ({len(facts.not_cleared)} payments not yet cleared, {format_pounds(uncleared)})"
                     if facts.not_cleared else "") + ".", True))
    if facts.lines_to_sort:
        add(Check("sorted", False, f"{facts.lines_to_sort} bank statement lines in the period are not sorted.", True))
    if facts.statement_gaps:
        gaps = "; ".join(f"{a:%d %B %Y} to {b:%d %B %Y}".replace(" 0", " ") for a, b in facts.statement_gaps)
        add(Check("gaps", False, f"No statement covers {gaps}.", True))
    if facts.timesheets_missing:
        add(Check("timesheets", False, "Timesheets not approved: " + "; ".join(facts.timesheets_missing) + ".", True))
    if facts.contribution_expected_pence:
        paid = facts.contribution_paid_pence >= facts.contribution_expected_pence
        add(Check("contribution", paid, "Your contribution was paid in." if paid else
                  f"Your contribution is {format_pounds(facts.contribution_expected_pence - facts.contribution_paid_pence)}"
                  " short for the period."))
    if facts.weekly_payment_pence:
        over = figures.surplus_pence > 0
        add(Check("surplus", not over, "The balance is within what the agreement allows." if not over else
                  f"The balance is {format_pounds(figures.surplus_pence)} ({figures.surplus_weeks} weeks) over what "
                  "the agreement allows: say what it is planned for."))
    disallowed = [line for line in facts.money_out if line.category in template.disallowed]
    if disallowed:
        add(Check("disallowed", False, f"{len(disallowed)} payments the council looks twice at (cash, transfers to a "
                                       "personal account): explain each in the notes.", True))
    threshold = template.receipt_threshold_pence
    payroll = ("pa_wages", "hmrc", "pension")
    missing = [line for line in facts.money_out if threshold and line.amount_pence > threshold and not line.receipts
               and line.category not in payroll]
    if threshold:
        add(Check("receipts", not missing, f"Every payment over {format_pounds(threshold)} has its receipt." if not
                  missing else f"{len(missing)} payments over {format_pounds(threshold)} have no receipt: " + "; ".join(
                      f"{m.occurred_on:%d %b} {m.payee} {format_pounds(m.amount_pence)}" for m in missing[:5]) + "."))
    mismatched = [p for p in facts.pas if p.paid_from_account_pence != p.net_pence]
    if facts.pas:
        add(Check("net_pay", not mismatched, "Each PA's net pay matches what the bank paid them." if not mismatched
                  else "Net pay and the bank differ for " + ", ".join(
                      f"{p.name} ({format_pounds(p.net_pence)} on the payslips, {format_pounds(p.paid_from_account_pence)} "
                      "paid)" for p in mismatched) + "."))
    add(Check("hmrc", not facts.hmrc_late, "HMRC was paid on time." if not facts.hmrc_late else
              "HMRC paid late or not yet: " + "; ".join(facts.hmrc_late) + "."))
    insured = facts.insurance_renews_on is not None and facts.insurance_renews_on >= facts.ends_on
    add(Check("insurance", insured, f"Employer's liability insurance is in date (renews "
                                    f"{facts.insurance_renews_on:%d %B %Y})." if insured and facts.insurance_renews_on
              else "Employer's liability insurance is not recorded as in date for the period."))
    return checks


def evidence_list(template: Template, facts: ReturnFacts) -> list[tuple[str, bool]]:
    """Each kind of evidence the council asks for, and whether the records hold it for the period."""
    return [(EVIDENCE[kind], kind in facts.evidence_present) for kind in template.evidence]


@dataclass(frozen=True, slots=True)
class ReturnHeader:
    """Section A: who the return is for and from."""

    holder: str
    council: str
    council_reference: str
    manager: str  # who manages the money
    manager_role: str  # holder, suitable_person, nominee, managed_account
    account_type: str
    return_type: str = "routine"  # routine, first_review, annual, audit, closure, one_off
    version: int = 1
    submitted_on: date | None = None
    signed_by: str = ""
    notes: str = ""  # the holder's notes: unspent money and what it is for, what differed from the plan
    explanations: tuple[tuple[str, str], ...] = ()  # (check code, why), for checks explained rather than fixed
