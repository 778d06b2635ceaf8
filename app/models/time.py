"""Rotas, shifts and timesheets. Shift times are instants (UTC in storage, Europe/London on screen)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import AwareDateTime, Base


class RotaPattern(Base):
    """A repeating shift pattern (an RFC 5545 rule, read with python-dateutil)."""

    __tablename__ = "rota_pattern"
    id: Mapped[int] = mapped_column(primary_key=True)
    pa_id: Mapped[int | None] = mapped_column(ForeignKey("personal_assistant.id", ondelete="RESTRICT"))
    cover_name: Mapped[str] = mapped_column(String(200), default="")  # an agency, when no PA
    rule: Mapped[str] = mapped_column(Text)  # e.g. "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    start_time: Mapped[time]  # Europe/London wall-clock time
    end_time: Mapped[time]
    kind: Mapped[str] = mapped_column(String(32), default="work")


class Timesheet(Base):
    """One PA's shifts for one pay period. Approved timesheets are locked; a change is a new version."""

    __tablename__ = "timesheet"
    id: Mapped[int] = mapped_column(primary_key=True)
    pa_id: Mapped[int] = mapped_column(ForeignKey("personal_assistant.id", ondelete="RESTRICT"))
    period_start: Mapped[date]
    period_end: Mapped[date]
    version: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft, approved, superseded
    signed_by_pa_on: Mapped[date | None]
    signed_by_employer_on: Mapped[date | None]
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("timesheet.id", ondelete="RESTRICT"))
    change_reason: Mapped[str] = mapped_column(Text, default="")
    pay_snapshot_json: Mapped[str] = mapped_column(Text, default="")  # the pay as approved; never recomputed


class Shift(Base):
    __tablename__ = "shift"
    __table_args__ = (Index("ix_shift_pa_id_starts_at", "pa_id", "starts_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pa_id: Mapped[int | None] = mapped_column(ForeignKey("personal_assistant.id", ondelete="RESTRICT"), index=True)
    cover_name: Mapped[str] = mapped_column(String(200), default="")
    starts_at: Mapped[datetime] = mapped_column(AwareDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(AwareDateTime())
    kind: Mapped[str] = mapped_column(String(32), default="work")  # work, sleep_in, waking_night, holiday, sick, training
    status: Mapped[str] = mapped_column(String(16), default="worked")  # planned, worked, absent
    source: Mapped[str] = mapped_column(String(16), default="manual")  # rota, manual, import
    rota_pattern_id: Mapped[int | None] = mapped_column(ForeignKey("rota_pattern.id", ondelete="SET NULL"))
    timesheet_id: Mapped[int | None] = mapped_column(ForeignKey("timesheet.id", ondelete="RESTRICT"))
    notes: Mapped[str] = mapped_column(Text, default="")
