"""The kinds of record an operation changes. Kept apart from the runner (`operations`), which needs SQLAlchemy,
so that the window can be shown before the database code is loaded."""

from __future__ import annotations

from enum import StrEnum


class Change(StrEnum):
    """Kinds of record an operation changes; screens listen for the kinds they show."""

    EMPLOYER = "employer"
    AGREEMENT = "agreement"
    PLAN = "plan"
    PAS = "pas"
    RATES = "rates"
    CHECKS = "checks"
    SHIFTS = "shifts"
    ROTAS = "rotas"
    TIMESHEETS = "timesheets"
    PAY_RULES = "pay_rules"
    PAY_RUNS = "pay_runs"  # pay runs, their additions and payslips
    MONEY = "money"  # the ledger, funds, bank statements and their lines
    RETURNS = "returns"  # council returns submitted
    PROTECTION = "protection"  # encryption, passphrase
    HISTORY = "history"  # every operation adds a record
