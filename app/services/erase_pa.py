"""Erase a former PA's personal details once the retention period is over, at their request.

The hours and pay records stay (they are the employer's records), under an anonymous name; the history
records that it was done and why, without the details erased. Councils commonly ask for records to be kept
6 years (shared/reference/council-returns.md); HMRC asks for payroll records for 3 years after the tax
year. The longer of the two applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.problems import Problem
from app.models import PersonalAssistant
from app.services.inputs import reason_problem
from app.services.operations import EMPLOYER_ONLY, Change, Context, Operation
from app.services.pa_form import NOT_IN_FILE
from app.services.words import long_date

RETENTION_YEARS = 6


def erasable_from(left_on: date) -> date:
    """The first day a former PA's personal details may be erased."""
    try:
        return left_on.replace(year=left_on.year + RETENTION_YEARS)
    except ValueError:  # 29 February
        return left_on.replace(year=left_on.year + RETENTION_YEARS, day=28)


@dataclass(frozen=True, slots=True)
class Erasure:
    pa_id: int
    reason: str


class ErasePersonalData(Operation[Erasure, None]):
    action = "personal_data_erased"
    changes = frozenset({Change.PAS, Change.CHECKS})
    allowed = EMPLOYER_ONLY

    def check(self, ctx: Context, given: Erasure) -> list[Problem]:
        unsaid = reason_problem(given.reason, "Say why the details are being erased (for example, \"Asked by the PA "
                                              "in writing on 1 March 2033\").")
        found = [unsaid] if unsaid else []
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        if pa is None:
            return [*found, NOT_IN_FILE]
        if pa.personal_data_erased_on is not None:
            found.append(Problem("This former PA's personal details were already erased.", "pa"))
        elif pa.left_on is None:
            found.append(Problem(f"{pa.full_name} still works for you. Personal details can be erased only after "
                                 f"someone has left and the {RETENTION_YEARS} years that records must be kept are "
                                 "over.", "pa"))
        elif ctx.today < erasable_from(pa.left_on):
            found.append(Problem(f"{pa.full_name}'s records must be kept until {long_date(erasable_from(pa.left_on))} "
                                 f"({RETENTION_YEARS} years after they left). They can be erased from then.", "pa"))
        return found

    def apply(self, ctx: Context, given: Erasure) -> None:
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        assert pa is not None
        pa.first_name, pa.last_name = "Former PA", f"{pa.id}"
        pa.personal_data_erased_on = ctx.today
        pa.date_of_birth = None
        pa.email = pa.phone = pa.address = pa.ni_number = ""
        pa.bank_account_name = pa.bank_sort_code = pa.bank_account_number = ""
        for check in pa.checks:
            check.reference = ""
        ctx.note("pa", pa.id, reason=given.reason.strip())
