"""The fixed lists of choices the command line and the screens offer, in a module that loads nothing heavy:
building `pabooks --help`, or showing the window, must not wait for the database code."""

from __future__ import annotations

from app.core.bank_holidays import WEEKEND_RULES as WEEKEND_RULES  # which day a weekend bank holiday is paid
from app.money.categories import FUNDING_STREAMS as FUNDING_STREAMS
from app.money.categories import SPENDING as SPENDING
from app.rti.late_reasons import LATE_REASONS as LATE_REASONS  # why an FPS is sent after the pay date
from app.rti.late_reasons import LATE_REASONS_SAID as LATE_REASONS_SAID

BUDGET_KINDS = {"nhs_phb": "An NHS personal health budget", "carers_budget": "A carer's budget",
                "ilf": "An Independent Living Fund award", "other": "Another budget"}
NOTE_ABOUT = {"working": "What is working well", "not_working": "What is not working",
              "change": "What I would like to change", "other": "Something else"}
