"""Record a PA's notice to leave the workplace pension: an opt-out within the opt-out period (every contribution
from that enrolment is paid back, the PA's with their next pay, within a month of the notice), or, after it,
leaving the scheme (contributions stop; what was paid in stays in their pension).

The Occupational and Personal Pension Schemes (Automatic Enrolment) Regulations 2010, regs. 9-11, and The
Pensions Regulator's detailed guidance no. 7 ("Opting out"). The PA gives the notice to the scheme, not to the
employer; the scheme tells the employer, who records it here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.problems import Problem
from app.models import PersonalAssistant
from app.payroll.pension import OptOut, Refund, opt_out
from app.services.operations import EMPLOYER_ONLY, Change, Context, Operation
from app.services.pa_form import NOT_IN_FILE, PensionStatus
from app.services.pay_run_facts import enrolled_on, pension_refund
from app.services.words import format_pounds, long_date


@dataclass(frozen=True, slots=True)
class OptOutNotice:
    pa_id: int
    notice_on: date  # the day the scheme received the PA's opt-out notice (or the PA asked to leave)
    letter_given_on: date | None = None  # when the enrolment letter was given, if later than the enrolment


@dataclass(frozen=True, slots=True)
class OptOutRecorded:
    name: str
    enrolled_on: date
    opt_out: OptOut
    refund: Refund

    def words(self) -> str:
        first = self.name.split()[0]
        if not self.opt_out.in_time:
            return (f"{self.name} has left the pension scheme. The notice came after the opt-out period ended on "
                    f"{long_date(self.opt_out.window_ends)}, so nothing is paid back: no more contributions are taken, "
                    f"and what was paid in stays in {first}'s pension.")
        assert self.opt_out.refund_by is not None
        if not self.refund.total_pence:
            return (f"{self.name} has opted out in time (by {long_date(self.opt_out.window_ends)}). No contributions "
                    "had been paid yet, so there is nothing to pay back; none are taken from now on.")
        return (f"{self.name} has opted out in time (by {long_date(self.opt_out.window_ends)}), so they are treated "
                f"as never having joined. The next pay run pays back the {format_pounds(self.refund.employee_pence)} "
                f"{first} paid in; pay it by {long_date(self.opt_out.refund_by)}. The scheme gives back "
                f"{format_pounds(self.refund.total_pence)} (with your {format_pounds(self.refund.employer_pence)}), "
                "taken off what you owe it.")


class RecordPensionOptOut(Operation[OptOutNotice, OptOutRecorded]):
    action = "pension_opt_out"
    changes = frozenset({Change.PAS, Change.PAY_RUNS})
    allowed = EMPLOYER_ONLY

    def check(self, ctx: Context, given: OptOutNotice) -> list[Problem]:
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        if pa is None:
            return [NOT_IN_FILE]
        if pa.pension_status != PensionStatus.ENROLLED:
            return [Problem(f"{pa.full_name} is not in the pension scheme, so there is nothing to opt out of. If "
                            "they were enrolled, set their pension to Enrolled on Change details first.", "pa")]
        found = []
        start = enrolled_on(ctx.session, pa)
        if given.notice_on > ctx.today:
            found.append(Problem(f"The notice date {long_date(given.notice_on)} is in the future. Enter the day the "
                                 "scheme received the notice.", "notice_on"))
        elif given.notice_on < start:
            found.append(Problem(f"The notice date is before {pa.full_name} was enrolled on {long_date(start)}. "
                                 "Check the date on the scheme's letter.", "notice_on"))
        if given.letter_given_on is not None and given.letter_given_on > ctx.today:
            found.append(Problem("The enrolment letter date is in the future. Enter the day you gave or sent it, or "
                                 "leave it empty.", "letter_given_on"))
        return found

    def apply(self, ctx: Context, given: OptOutNotice) -> OptOutRecorded:
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        assert pa is not None
        start = enrolled_on(ctx.session, pa)
        pa.pension_enrolled_on = start
        pa.pension_status = PensionStatus.OPTED_OUT
        pa.pension_left_on = given.notice_on
        if given.letter_given_on is not None:
            pa.pension_letter_on = given.letter_given_on
        ctx.session.flush()
        left = opt_out(start, given.notice_on, pa.pension_letter_on)
        refund = pension_refund(ctx.session, pa) or Refund(0, 0)
        ctx.note("pa", pa.id, notice_on=given.notice_on.isoformat(), in_time=left.in_time,
                 refund_to_pa=format_pounds(refund.employee_pence), refund_from_scheme=format_pounds(refund.total_pence))
        return OptOutRecorded(pa.full_name, start, left, refund)
