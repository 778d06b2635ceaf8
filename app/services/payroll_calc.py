"""The payroll calculator over JSON lines (`pabooks calc`, docs/calc.md): the pure engine's front end,
for checking PA Books against HMRC's test data and other payroll software. Nothing is read or written."""

from __future__ import annotations

from app.payroll.calc import run as run

__all__ = ["run"]
