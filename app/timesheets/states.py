"""The states a shift and a timesheet can be in (stored as these words)."""

from __future__ import annotations

from enum import StrEnum


class ShiftStatus(StrEnum):
    PLANNED = "planned"  # from a rota, not yet confirmed as worked
    WORKED = "worked"
    ABSENT = "absent"


class TimesheetStatus(StrEnum):
    DRAFT = "draft"  # nothing approved yet, or an amendment being made
    APPROVED = "approved"  # locked: its pay is kept as a snapshot
    SUPERSEDED = "superseded"  # an approved version replaced by an amendment; kept exactly as it was


class ShiftSource(StrEnum):
    MANUAL = "manual"
    ROTA = "rota"
    IMPORT = "import"
