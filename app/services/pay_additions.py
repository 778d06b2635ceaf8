"""Add a one-off line to a PA's payslip in a draft run (a bonus, back pay, holiday pay, expenses paid back or a
deduction from net pay), or take one out again."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.problems import Problem
from app.models import PayAddition, PersonalAssistant
from app.payroll.pay_run import AdditionKind
from app.services.inputs import positive_pence
from app.services.operations import Change, Context, Operation
from app.services.start_pay_run import draft_run
from app.services.words import FREQUENCY_WORDS

ADDITION_KINDS = tuple(kind.value for kind in AdditionKind)
MAX_DESCRIPTION = 200


@dataclass(frozen=True, slots=True)
class NewAddition:
    pay_run_id: int
    pa_id: int
    kind: str  # see AdditionKind
    amount: str  # as typed: "45.50"
    description: str = ""


class AddPayAddition(Operation[NewAddition, int]):
    action = "pay_addition_added"
    changes = frozenset({Change.PAY_RUNS})

    def check(self, ctx: Context, given: NewAddition) -> list[Problem]:
        run = draft_run(ctx, given.pay_run_id)
        if isinstance(run, Problem):
            return [run]
        found = []
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        if pa is None:
            found.append(Problem("That PA is not in this file.", "pa"))
        elif pa.pay_frequency != run.frequency:
            found.append(Problem(f"{pa.full_name} is paid {FREQUENCY_WORDS.get(pa.pay_frequency, pa.pay_frequency)}, "
                                 f"and this run pays {FREQUENCY_WORDS.get(run.frequency, run.frequency)}. Add it to "
                                 f"a run at {pa.first_name}'s frequency.", "pa"))
        if given.kind not in ADDITION_KINDS:
            found.append(Problem("Choose what the payment is: bonus, back pay, holiday pay, expenses or a deduction.",
                                 "kind"))
        amount = positive_pence(given.amount, "The amount", "amount")
        if isinstance(amount, Problem):
            found.append(amount)
        if len(given.description.strip()) > MAX_DESCRIPTION:
            found.append(Problem(f"Keep the description under {MAX_DESCRIPTION} characters.", "description"))
        if given.kind in ("expenses", "deduction", "back_pay") and not given.description.strip():
            found.append(Problem("Say what it is for, such as \"bus fares for hospital visits\": it is printed on the "
                                 "payslip.", "description"))
        return found

    def apply(self, ctx: Context, given: NewAddition) -> int:
        amount = positive_pence(given.amount, "The amount", "amount")
        assert isinstance(amount, int)
        addition = PayAddition(pay_run_id=given.pay_run_id, pa_id=given.pa_id, kind=given.kind,
                               description=given.description.strip(), amount_pence=amount)
        ctx.session.add(addition)
        ctx.session.flush()
        ctx.note("pay_run", given.pay_run_id, pa_id=given.pa_id, kind=given.kind, amount_pence=amount)
        return addition.id


class RemovePayAddition(Operation[int, None]):
    action = "pay_addition_removed"
    changes = frozenset({Change.PAY_RUNS})

    def check(self, ctx: Context, given: int) -> list[Problem]:
        addition = ctx.session.get(PayAddition, given)
        if addition is None:
            return [Problem("That payment is not in this file.", "addition")]
        run = draft_run(ctx, addition.pay_run_id)
        return [run] if isinstance(run, Problem) else []

    def apply(self, ctx: Context, given: int) -> None:
        addition = ctx.session.get(PayAddition, given)
        assert addition is not None
        ctx.note("pay_run", addition.pay_run_id, pa_id=addition.pa_id, kind=addition.kind,
                 amount_pence=addition.amount_pence)
        ctx.session.delete(addition)
