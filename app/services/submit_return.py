"""Mark a council return as submitted: it is kept exactly as it was sent (its figures and a snapshot of the whole
return) and locked; nothing ever changes it. Sending it again for the same period is an amendment: a new version
that keeps the first. A return with a problem listed at its top (an overlap, a balance that does not match the
statement, lines not sorted, timesheets not approved, flagged spending) is refused until each is fixed or
explained."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select

from app.core.problems import Problem
from app.models import CouncilReturn
from app.reports.council_return import return_pdf_bytes
from app.returns.build import build_return
from app.returns.templates import shipped_templates
from app.services.council_agreement import latest_agreement
from app.services.operations import EMPLOYER_ONLY, Change, Context, Operation
from app.services.return_facts import SUBMITTED, ReturnChoice, gather, header_of


@dataclass(frozen=True, slots=True)
class Submission:
    choice: ReturnChoice
    signed_by: str
    submitted_on: date
    reason: str = ""  # why, for an amendment of a return already submitted


def _versions(ctx: Context, given: Submission) -> list[CouncilReturn]:
    return list(ctx.session.scalars(select(CouncilReturn).where(
        CouncilReturn.period_start == given.choice.starts_on, CouncilReturn.period_end == given.choice.ends_on,
        CouncilReturn.status == SUBMITTED).order_by(CouncilReturn.version)))


class SubmitReturn(Operation[Submission, int]):
    action = "council_return_submitted"
    changes = frozenset({Change.RETURNS})
    allowed = EMPLOYER_ONLY  # the holder (or suitable person, nominee) signs the declaration

    def check(self, ctx: Context, given: Submission) -> list[Problem]:
        found: list[Problem] = []
        choice = given.choice
        if choice.template_id and choice.template_id not in shipped_templates():
            return [Problem("There is no return template with that name.", "template")]
        if choice.ends_on < choice.starts_on:
            return [Problem("The period must end on or after the day it starts.", "ends_on")]
        if latest_agreement(ctx.session) is None:
            found.append(Problem("Add the council agreement first: the return is made for it.", "agreement"))
        if not given.signed_by.strip():
            found.append(Problem("Say who signs the declaration.", "signed_by"))
        if given.submitted_on < choice.ends_on:
            found.append(Problem("A return is submitted after its period ends.", "submitted_on"))
        if _versions(ctx, given) and len(given.reason.strip()) < 5:
            found.append(Problem("This period's return is already submitted: say why it is being amended (the "
                                 "first version is kept).", "reason"))
        template, facts = gather(ctx.session, choice)
        explained = {code for code, why in choice.explanations if why.strip()}
        for check in build_return(template, facts).blocking:
            if check.code not in explained:
                found.append(Problem(f"{check.words} Put it right, or explain it, before submitting.", check.code))
        return found

    def apply(self, ctx: Context, given: Submission) -> int:
        template, facts = gather(ctx.session, given.choice)
        ret = build_return(template, facts)
        earlier = _versions(ctx, given)
        header = header_of(ctx.session, given.choice, len(earlier) + 1, given.submitted_on, given.signed_by.strip())
        agreement = latest_agreement(ctx.session)
        assert agreement is not None
        snapshot = {"header": asdict(header), "template": template.id, "facts": asdict(facts),
                    "money_in_by_source": ret.money_in_by_source, "money_out_by_category": ret.money_out_by_category,
                    "checks": [asdict(c) for c in ret.checks], "amendment_reason": given.reason.strip()}
        row = CouncilReturn(
            agreement_id=agreement.id, return_type=given.choice.return_type, period_start=given.choice.starts_on,
            period_end=given.choice.ends_on, due_on=None, status=SUBMITTED,
            opening_balance_pence=facts.opening_balance_pence, money_in_pence=ret.total_in_pence,
            money_out_pence=ret.total_out_pence, closing_balance_pence=ret.closing_balance_pence,
            statement_closing_balance_pence=facts.statement_closing_pence, submitted_at=ctx.now,
            signed_by=given.signed_by.strip(), snapshot_json=json.dumps(snapshot, default=str, sort_keys=True),
            template_id=template.id, version=len(earlier) + 1, amends_id=earlier[-1].id if earlier else None,
            signed_role=header.manager_role, document_pdf=return_pdf_bytes(header, ret))
        ctx.session.add(row)
        ctx.session.flush()
        ctx.note("council_return", row.id, period=f"{given.choice.starts_on} to {given.choice.ends_on}",
                 version=row.version, reason=given.reason.strip() or None)
        return row.id
