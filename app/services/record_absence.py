"""Record a PA's absence: sickness (paid as Statutory Sick Pay in the pay runs, under the rules in force on its
first day), holiday (paid at the average of the last 52 weeks' pay) or parental leave (kept as dates; statutory
parental pay is worked out by hand for now)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.problems import Problem
from app.models import Absence, PersonalAssistant
from app.services.book import EmployerBook
from app.services.operations import Change, Context, Operation
from app.services.words import long_date

ABSENCE_KINDS = {"sickness": "Sickness", "holiday": "Holiday (paid at the average of the last 52 weeks' pay)",
                 "parental": "Parental leave (maternity, paternity, adoption, shared)"}
EVIDENCE = {"self_certified": "Self-certified (the first 7 days)", "fit_note": "Fit note from a doctor", "": "Not yet"}
SELF_CERTIFY_DAYS = 7  # GOV.UK "Statutory Sick Pay": a fit note is needed after 7 days off in a row


@dataclass(frozen=True, slots=True)
class AbsenceInput:
    pa_id: int
    kind: str
    first_day: date
    last_day: date
    evidence: str = ""
    notes: str = ""


class RecordAbsence(Operation[AbsenceInput, int]):
    action = "absence_recorded"
    changes = frozenset({Change.PAS, Change.PAY_RUNS})

    def check(self, ctx: Context, given: AbsenceInput) -> list[Problem]:
        found = []
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        if pa is None:
            return [Problem("That PA is not in this file.", "pa")]
        if given.kind not in ABSENCE_KINDS:
            found.append(Problem("Choose the kind of absence: sickness, holiday or parental leave.", "kind"))
        if given.evidence not in EVIDENCE:
            found.append(Problem("Choose how the sickness was evidenced.", "evidence"))
        if given.last_day < given.first_day:
            found.append(Problem("The last day is before the first day.", "last_day"))
        if given.first_day < pa.started_on:
            found.append(Problem(f"{pa.full_name} started on {long_date(pa.started_on)}, after the first day.",
                                 "first_day"))
        overlap = ctx.session.scalars(select(Absence).where(
            Absence.pa_id == given.pa_id, Absence.first_day <= given.last_day,
            Absence.last_day >= given.first_day)).first()
        if overlap is not None:
            found.append(Problem(f"{pa.full_name} is already recorded as away from {long_date(overlap.first_day)} to "
                                 f"{long_date(overlap.last_day)}; these days overlap it.", "first_day"))
        if len(given.notes) > 1000:
            found.append(Problem("Keep the notes under 1,000 characters.", "notes"))
        return found

    def apply(self, ctx: Context, given: AbsenceInput) -> int:
        absence = Absence(pa_id=given.pa_id, kind=given.kind, first_day=given.first_day, last_day=given.last_day,
                          evidence=given.evidence, notes=given.notes.strip(), recorded_on=ctx.today)
        ctx.session.add(absence)
        ctx.session.flush()
        ctx.note("pa", given.pa_id, kind=given.kind, first_day=given.first_day.isoformat(),
                 last_day=given.last_day.isoformat())
        return absence.id


def absences_of(session: Session, pa_id: int) -> list[Absence]:
    return list(session.scalars(select(Absence).where(Absence.pa_id == pa_id).order_by(Absence.first_day)))


def absence_words(book: EmployerBook, pa_id: int) -> list[str]:
    with book.reading() as session:
        return [f"{ABSENCE_KINDS[a.kind].split(' (')[0]}: {long_date(a.first_day)} to {long_date(a.last_day)}"
                + (f" ({EVIDENCE[a.evidence].split(' (')[0].lower()})" if a.kind == "sickness" and a.evidence else "")
                for a in absences_of(session, pa_id)]
