"""The audit trail: who did what, when, and why, in the employer file itself.

Append-only and tamper-evident: each record carries the SHA-256 of its own contents and of the record
before it, so a record changed, removed or slipped in by hand breaks the chain, and `verify` says where.
The operation runner (app.services.operations) is the only caller of `record`: it writes one record per
operation inside the operation's transaction, so the change and its record commit together or not at
all. PAs are named in records by number only, and their names are looked up when the history is shown:
so erasing a former PA's details (after the retention period) erases them from the history too, without
breaking the chain.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.dates import LONDON
from app.core.roles import role_from
from app.models import AuditEvent

GENESIS = "0" * 64


def _digest(previous: str, at: datetime, role: str, action: str, entity: str, entity_id: int | None,
            reason: str, details_json: str) -> str:
    canonical = json.dumps([previous, at.astimezone(UTC).isoformat(), role, action, entity, entity_id, reason, details_json],
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record(session: Session, action: str, entity: str, entity_id: int | None, reason: str, *, at: datetime,
           role: str, actor: str = "", **details: Any) -> None:
    """Add one record to the chain (inside the runner's transaction). `actor` is the acting person's name,
    kept among the details so the chain covers it."""
    session.flush()
    last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).first()
    previous = last.hash if last else GENESIS
    who = str(role)
    if actor:
        details = {"by": actor, **details}
    details_json = json.dumps(details, ensure_ascii=False, sort_keys=True, default=str)
    session.add(AuditEvent(at=at, role=who, action=action, entity=entity, entity_id=entity_id, reason=reason,
                           details_json=details_json, previous_hash=previous,
                           hash=_digest(previous, at, who, action, entity, entity_id, reason, details_json)))


@dataclass(frozen=True, slots=True)
class EventView:
    event_id: int
    at: datetime
    role: str
    action: str
    entity: str
    entity_id: int | None
    reason: str
    details: dict[str, Any]

    @property
    def who_words(self) -> str:
        """"the suitable person (Jordan Morgan)": the role, and the person's name when it was recorded."""
        role = role_from(self.role)
        by = self.details.get("by", "")
        return (role.words if role else self.role) + (f" ({by})" if by else "")

    def words(self, names: dict[int, str] | None = None) -> str:
        """The record in words; `names` turns PA numbers into today's names."""
        names = names or {}
        when = self.at.astimezone(LONDON)
        reason = f" Reason: {self.reason}" if self.reason else ""
        what = ACTION_WORDS.get(self.action, self.action.replace("_", " "))
        shown = dict(self.details)
        shown.pop("by", None)
        if self.entity == "pa" and self.entity_id is not None:
            shown = {"PA": names.get(self.entity_id, f"number {self.entity_id}"), **shown}
        if "pa_id" in shown:
            shown["PA"] = names.get(int(shown.pop("pa_id")), "a PA")
        if "pa_ids" in shown:
            shown["PAs"] = ", ".join(names.get(int(i), f"number {i}") for i in shown.pop("pa_ids"))
        about = ", ".join(f"{k.replace('_', ' ')} {_readable(v)}" for k, v in shown.items() if v not in ("", None))
        return (f"{when.day} {when:%B %Y %H:%M}: {self.who_words} {what}"
                + (f" ({about})" if about else "") + "." + reason)


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _readable(value: Any) -> str:
    """Dates inside a detail as people write them: 2026-10-28 -> 28 October 2026."""
    return _ISO_DATE.sub(lambda m: f"{int(m[3])} {date(int(m[1]), int(m[2]), 1):%B} {m[1]}", str(value))


ACTION_WORDS = {
    "file_created": "created this file", "pa_added": "added a PA", "pa_changed": "changed a PA's details",
    "rate_added": "added a pay rate", "rates_added": "added pay rates", "demo_created": "made this demo file",
    "employer_details_set": "changed the employer's details",
    "file_location_noted": "noted where this file is kept", "check_added": "recorded a check",
    "agreement_set": "recorded the council agreement",
    "plan_set": "set the support plan", "pay_rules_set": "changed the night and bank holiday rules",
    "shift_added": "added a shift", "shift_changed": "changed a shift", "shift_marked": "marked a shift",
    "shift_deleted": "deleted a shift", "rota_added": "added a rota pattern", "rotas_applied": "made planned shifts",
    "planned_confirmed": "confirmed planned shifts as worked", "timesheet_approved": "approved a timesheet",
    "timesheet_amended": "reopened an approved timesheet", "shifts_imported": "imported shifts",
    "backup_restored": "restored this file from a backup",
    "personal_data_erased": "erased a former PA's personal details",
    "file_encrypted": "encrypted this file", "passphrase_changed": "gave this file a new passphrase",
    "pay_run_started": "started a pay run", "pay_run_deleted": "deleted a draft pay run",
    "pay_addition_added": "added a payment or deduction to a pay run",
    "pay_addition_removed": "took a payment or deduction out of a pay run",
    "pay_run_finalised": "finalised a pay run", "correction_run_started": "started a correction run",
    "p45_given": "gave a leaver their P45", "tax_code_notice_recorded": "recorded a tax code notice from HMRC",
    "absence_recorded": "recorded an absence", "fps_sent": "sent an FPS to HMRC",
    "account_set_up": "set up the account", "money_in_recorded": "recorded money in",
    "spending_recorded": "recorded spending", "owed_paid": "recorded paying what was owed",
    "transaction_voided": "voided a transaction", "fund_topped_up": "set money aside in a fund",
    "fund_released": "released money from a fund", "statement_imported": "imported a bank statement",
    "statement_columns_chosen": "chose a bank statement's columns", "bank_line_matched": "sorted a statement line",
    "statement_reconciled": "reconciled a bank statement", "council_return_submitted": "submitted a council return",
    "review_note_written": "wrote a note for the review", "review_note_withdrawn": "withdrew a note for the review",
    "budget_added": "added a second budget",
}


def events(session: Session, newest_first: bool = True) -> list[EventView]:
    order = AuditEvent.id.desc() if newest_first else AuditEvent.id
    return [EventView(e.id, e.at, e.role, e.action, e.entity, e.entity_id, e.reason, json.loads(e.details_json))
            for e in session.scalars(select(AuditEvent).order_by(order))]


def verify(session: Session) -> list[str]:
    """Every place the chain is broken, in words; empty when the history is intact."""
    problems = []
    previous = GENESIS
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
        if event.previous_hash != previous:
            problems.append(f"record {event.id} does not follow the record before it (one was removed or added)")
        expected = _digest(event.previous_hash, event.at, event.role, event.action, event.entity, event.entity_id,
                           event.reason, event.details_json)
        if event.hash != expected:
            problems.append(f"record {event.id} ({event.action}) was changed after it was written")
        previous = event.hash
    return problems


def history(book: Any) -> list[EventView]:
    """Every record, newest first, for the History screen."""
    with book.reading() as session:
        return events(session)


def check_history(book: Any) -> list[str]:
    with book.reading() as session:
        return verify(session)
