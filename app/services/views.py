"""Plain, read-only results that services hand to screens, reports and the command line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.dates import long_date

URGENCY_WORDS = {"overdue": "Overdue", "soon": "Soon", "later": "When you can", "today": "Today"}


@dataclass(frozen=True, slots=True)
class TodoItem:
    title: str  # "Priya Shah's DBS check runs out on 3 January 2027"
    detail: str  # what to do about it
    due_on: date | None
    urgency: str  # "overdue", "soon" or "later": shown in words, never by colour alone
    place: str = ""  # where it is put right: "employer" (details), "pas", "timesheets", "plan"

    def words(self, today: date) -> str:
        """The reminder as Home says it: urgency first, in words (never shown by colour alone); a deadline that is
        today says "Today", not "Soon"; the deadline is added in brackets unless the reminder already says it."""
        urgency = "today" if self.due_on == today and self.urgency != "overdue" else self.urgency
        said = long_date(self.due_on) if self.due_on else ""
        when = f" (by {said})" if said and urgency not in ("overdue", "today") and said not in self.title else ""
        return f"{URGENCY_WORDS.get(urgency, urgency)}: {self.title}{when}. {self.detail}"


@dataclass(frozen=True, slots=True)
class HomeSummary:
    file_name: str
    is_demo: bool
    person_name: str
    acting_employer_name: str
    acting_role_words: str  # "the direct payment holder", "a suitable person"...
    council_name: str | None
    council_payment_words: str | None  # "£4,180.00 every four weeks"
    pa_count: int
    todo: tuple[TodoItem, ...]


@dataclass(frozen=True, slots=True)
class PaRow:
    pa_id: int
    name: str
    started_on: date
    left_on: date | None
    contract_words: str
    tax_code: str
    ni_category: str
    main_rate_words: str
    next_check_words: str
    pay_frequency: str = "monthly"


@dataclass(frozen=True, slots=True)
class FileInfo:
    path: str
    kind: str  # "real" or "demo"
    app_version: str
    schema_revision: str
    person_name: str
    acting_employer_name: str
    acting_role: str
    council_name: str | None
    pa_count: int
    shift_count: int
    ledger_entry_count: int
    encrypted: bool = False
    read_only: bool = False
