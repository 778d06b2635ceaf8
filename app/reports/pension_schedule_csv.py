"""A month's pension contribution schedule as a CSV: one row a member and pay period, amounts in pounds and dates
as YYYY-MM-DD, for a scheme whose upload page maps the columns itself, or to keep with the month's records."""

from __future__ import annotations

from pathlib import Path

from app.core.money import pence_to_string
from app.reports.cells import write_csv
from app.services.pension_schedule import PensionSchedule

HEADER = ["Name", "NI number", "Pay frequency", "Pay period start", "Pay period end", "Pay date",
          "Pensionable earnings", "Employer contribution", "Member contribution", "Given back after opt-out",
          "Reason for no contribution"]


def write_pension_schedule_csv(schedule: PensionSchedule, target: Path) -> Path:
    return write_csv(target, HEADER, ((
        line.pa_name, line.ni_number, line.frequency, line.period_start.isoformat(), line.period_end.isoformat(),
        line.pay_date.isoformat(), *(pence_to_string(pence) for pence in (
            line.pensionable_earnings_pence, line.employer_pence, line.member_pence, line.refunded_pence)),
        line.reason) for line in schedule.lines))
