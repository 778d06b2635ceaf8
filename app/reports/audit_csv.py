"""The audit trail as a CSV file for a council or an auditor: one row a record, with its hash, so the
chain can be checked outside PA Books."""

from __future__ import annotations

import csv
from pathlib import Path

from app.core.dates import LONDON
from app.reports.cells import safe_row
from app.services.audit import ACTION_WORDS, EventView

COLUMNS = ("number", "when", "who", "what", "about", "reason", "details")


def write_audit_csv(events: list[EventView], target: Path, problems: list[str],
                    names: dict[int, str] | None = None) -> Path:
    """Oldest first, with PAs named as they are today. The last line says whether the chain was intact."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(target.suffix + ".part")
    with temporary.open("w", newline="", encoding="utf-8-sig") as handle:  # with a BOM, for spreadsheet software
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for event in sorted(events, key=lambda e: e.event_id):
            writer.writerow(safe_row([event.event_id, event.at.astimezone(LONDON).strftime("%d/%m/%Y %H:%M:%S"),
                                      event.who_words, ACTION_WORDS.get(event.action, event.action),
                                      f"{event.entity} {event.entity_id or ''}".strip(), event.reason,
                                      event.words(names or {})]))
        writer.writerow([])
        writer.writerow(["check", "intact" if not problems else "BROKEN: " + "; ".join(problems)])
    temporary.replace(target)  # a half-written export never takes the real name
    return target
