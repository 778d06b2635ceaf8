"""The council's direct payment agreement and the support plan that belongs to it.

A changed agreement is a new row from its date; a changed plan is new items from a date, so the plan in
force on any day can always be read back. Setting the plan on a file with no agreement yet records the
agreement in the same step: both are saved, or neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.money import MoneyError, format_pounds, parse_pence
from app.core.problems import Problem
from app.models import CouncilAgreement, Employer, SupportPlanItem
from app.money.council_payments import CONTRIBUTION_METHODS as CONTRIBUTION_METHODS
from app.returns.templates import shipped_templates
from app.services.book import EmployerBook
from app.services.inputs import hours_a_week, positive_pence
from app.services.operations import Change, Context, Operation


def RETURN_TEMPLATES() -> dict[str, str]:  # noqa: N802 - read like the constants beside it
    """The return formats PA Books knows, by id, in words."""
    return {t.id: t.name for t in shipped_templates().values()}


PAYMENT_FREQUENCIES = ("weekly", "four_weekly", "monthly", "quarterly")
PLAN_KINDS = ("day", "night", "waking_night", "sleep_in", "weekend")


@dataclass(frozen=True, slots=True)
class AgreementInput:
    council_name: str
    starts_on: date
    payment: str  # each payment, as typed: "1940.00"
    frequency: str
    reference: str = ""
    contribution: str = ""  # the client contribution each payment period, as typed ("" for none)
    contribution_method: str = "into_account"  # how it is paid (money.council_payments.CONTRIBUTION_METHODS)
    contingency_weeks: str = "4"  # weeks of payments the agreement lets the holder keep as contingency
    weeks_paid_in_advance: str = "0"
    agreed_extras: str = ""  # also allowed in the account: unused respite, agreed savings
    receipt_threshold: str = ""  # the council wants receipts for spending above this ("" for none)
    return_template: str = "generic"  # the council's return format (app/returns/templates)


@dataclass(frozen=True, slots=True)
class PlanInput:
    applies_from: date
    hours_by_kind: dict[str, str]  # planned hours a week by kind (sleep-ins: how many a week), as typed
    agreement: AgreementInput | None = field(default=None)  # needed when the file has no agreement yet
    outcomes: tuple[str, ...] | None = None  # the plan's outcomes, one each; None keeps those recorded


def latest_agreement(session: Session) -> CouncilAgreement | None:
    return session.scalars(select(CouncilAgreement).order_by(CouncilAgreement.starts_on.desc(),
                                                             CouncilAgreement.id.desc())).first()


def agreement_problems(given: AgreementInput) -> list[Problem]:
    found = []
    if not given.council_name.strip():
        found.append(Problem("Enter the council's name, as on the direct payment agreement.", "council"))
    if given.frequency not in PAYMENT_FREQUENCIES:
        found.append(Problem(f"How often the council pays must be one of: {', '.join(PAYMENT_FREQUENCIES)}.",
                             "frequency"))
    amount = positive_pence(given.payment, "The council's payment", "payment")
    if isinstance(amount, Problem):
        found.append(amount)
    if given.return_template not in RETURN_TEMPLATES():
        found.append(Problem("Choose the council's return format.", "return_template"))
    if given.contribution_method not in CONTRIBUTION_METHODS:
        found.append(Problem("Choose how your contribution is paid.", "contribution_method"))
    for text, what, name in ((given.contribution, "The contribution", "contribution"),
                             (given.agreed_extras, "The agreed extras", "agreed_extras"),
                             (given.receipt_threshold, "The receipt threshold", "receipt_threshold")):
        if text.strip():
            _pence_or_problem(text, what, name, found)
    for text, what, name in ((given.contingency_weeks, "The contingency", "contingency_weeks"),
                             (given.weeks_paid_in_advance, "The weeks paid in advance", "weeks_paid_in_advance")):
        _weeks_or_problem(text, what, name, found)
    return found


def _pence_or_problem(text: str, what: str, name: str, found: list[Problem]) -> int:
    try:
        pence = parse_pence(text)
    except MoneyError as exc:
        found.append(Problem(f"{what}: {exc}.", name))
        return 0
    if pence < 0:
        found.append(Problem(f"{what} cannot be less than £0.00.", name))
    return pence


def _weeks_or_problem(text: str, what: str, name: str, found: list[Problem]) -> Decimal:
    try:
        weeks = Decimal(text.strip() or "0")
    except InvalidOperation:
        found.append(Problem(f"{what} must be a number of weeks, such as 4 or 6.5.", name))
        return Decimal(0)
    if not weeks.is_finite() or weeks < 0 or weeks > 52:
        found.append(Problem(f"{what} must be between 0 and 52 weeks.", name))
        return Decimal(0)
    return weeks


def add_agreement(ctx: Context, given: AgreementInput) -> CouncilAgreement:
    employer = ctx.session.scalars(select(Employer)).one()
    pence = positive_pence(given.payment, "", "")
    assert isinstance(pence, int)
    unused: list[Problem] = []
    agreement = CouncilAgreement(
        employer_id=employer.id, council_name=given.council_name.strip(), council_reference=given.reference.strip(),
        starts_on=given.starts_on, ends_on=None, payment_pence=pence, payment_frequency=given.frequency,
        client_contribution_pence=_pence_or_problem(given.contribution or "0", "", "", unused),
        contribution_method=given.contribution_method,
        contingency_weeks=_weeks_or_problem(given.contingency_weeks, "", "", unused),
        weeks_paid_in_advance=_weeks_or_problem(given.weeks_paid_in_advance, "", "", unused),
        agreed_extras_pence=_pence_or_problem(given.agreed_extras or "0", "", "", unused),
        receipt_threshold_pence=_pence_or_problem(given.receipt_threshold or "0", "", "", unused),
        return_template=given.return_template)
    ctx.session.add(agreement)
    ctx.session.flush()
    ctx.note(council=agreement.council_name, payment=format_pounds(pence), every=given.frequency,
             starts_on=given.starts_on.isoformat())
    return agreement


class SetAgreement(Operation[AgreementInput, None]):
    action = "agreement_set"
    changes = frozenset({Change.AGREEMENT})

    def check(self, ctx: Context, given: AgreementInput) -> list[Problem]:
        return agreement_problems(given)

    def apply(self, ctx: Context, given: AgreementInput) -> None:
        agreement = add_agreement(ctx, given)
        ctx.note("council_agreement", agreement.id)


def _plan_hours(given: PlanInput) -> tuple[dict[str, Decimal], list[Problem]]:
    parsed: dict[str, Decimal] = {}
    found: list[Problem] = []
    for kind, text in given.hours_by_kind.items():
        if kind not in PLAN_KINDS:
            found.append(Problem(f"\"{kind}\" is not a kind of support in a plan.", kind))
            continue
        value = hours_a_week(text, f"Planned {kind.replace('_', ' ')} hours" if kind != "sleep_in"
                             else "Planned sleep-ins", kind)
        if isinstance(value, Problem):
            found.append(value)
        else:
            parsed[kind] = value
    return parsed, found


class SetSupportPlan(Operation[PlanInput, None]):
    action = "plan_set"
    changes = frozenset({Change.PLAN, Change.AGREEMENT})

    def check(self, ctx: Context, given: PlanInput) -> list[Problem]:
        _, found = _plan_hours(given)
        if not given.hours_by_kind and given.outcomes is None:
            found.append(Problem("Enter the planned hours a week of at least one kind.", "day"))
        if given.outcomes and any(len(o) > 200 for o in given.outcomes):
            found.append(Problem("Keep each outcome to one line of under 200 characters.", "outcomes"))
        if given.agreement is not None:
            found += agreement_problems(given.agreement)
        elif latest_agreement(ctx.session) is None:
            found.append(Problem("Add the council agreement first: the support plan belongs to it.", "council"))
        return found

    def apply(self, ctx: Context, given: PlanInput) -> None:
        agreement = (add_agreement(ctx, given.agreement) if given.agreement is not None
                     else latest_agreement(ctx.session))
        assert agreement is not None
        parsed, _ = _plan_hours(given)
        for kind, hours in parsed.items():
            ctx.session.add(SupportPlanItem(agreement_id=agreement.id, applies_from=given.applies_from, kind=kind,
                                            hours_per_week=hours))
        if given.outcomes is not None:
            agreement.plan_outcomes = "\n".join(o.strip() for o in given.outcomes if o.strip())
        ctx.note("council_agreement", agreement.id, applies_from=given.applies_from.isoformat(),
                 **{k: str(v) for k, v in parsed.items()},
                 **({"outcomes": agreement.plan_outcomes} if given.outcomes is not None else {}))


def plan_in_force(session: Session, day: date) -> tuple[dict[str, Decimal], date | None]:
    """The latest planned amount of each kind on a day, and the date the newest of them applies from."""
    items = session.scalars(select(SupportPlanItem).where(SupportPlanItem.applies_from <= day)
                            .order_by(SupportPlanItem.applies_from, SupportPlanItem.id)).all()
    latest: dict[str, Decimal] = {item.kind: item.hours_per_week for item in items}
    return latest, items[-1].applies_from if items else None


def planned_minutes_per_week(session: Session, day: date) -> dict[str, int]:
    """The support plan in force on a day, as minutes a week (sleep-ins: a count, stored as minutes x 60)."""
    return {kind: int(hours * 60) for kind, hours in plan_in_force(session, day)[0].items()}


@dataclass(frozen=True, slots=True)
class PlanView:
    council_name: str | None
    applies_from: date | None
    hours_by_kind: dict[str, Decimal]
    outcomes: tuple[str, ...] = ()


def support_plan(book: EmployerBook, day: date) -> PlanView:
    with book.reading() as session:
        agreement = latest_agreement(session)
        latest, since = plan_in_force(session, day)
        return PlanView(agreement.council_name if agreement else None, since, latest, plan_outcomes(agreement))


def plan_outcomes(agreement: CouncilAgreement | None) -> tuple[str, ...]:
    return tuple(line for line in (agreement.plan_outcomes if agreement else "").splitlines() if line.strip())


def agreement_terms(book: EmployerBook) -> AgreementInput | None:
    """The latest agreement as the form that records it, to change one term and keep the rest."""
    with book.reading() as session:
        row = latest_agreement(session)
        if row is None:
            return None
        return AgreementInput(
            row.council_name, row.starts_on, f"{row.payment_pence / 100:.2f}", row.payment_frequency,
            row.council_reference, f"{row.client_contribution_pence / 100:.2f}" if row.client_contribution_pence
            else "", row.contribution_method, f"{row.contingency_weeks.normalize():f}",
            f"{row.weeks_paid_in_advance.normalize():f}",
            f"{row.agreed_extras_pence / 100:.2f}" if row.agreed_extras_pence else "",
            f"{row.receipt_threshold_pence / 100:.2f}" if row.receipt_threshold_pence else "", row.return_template)
