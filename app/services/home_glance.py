"""Home at once: what Home showed when PA Books last worked it out, kept in the file (app.storage.glance) and shown
the moment the window opens, while the file opens behind it. Opening the file takes most of a second (the database
code alone is a third of that); the glance takes a few milliseconds.

A glance is shown only when it is exactly what Home would show now: worked out from the file as it is (no change
since, by PA Books or its command line), today (reminders move on with the date), by this version of PA Books (its
words may differ) and, for the demo, from today's demo. Anything else and the window says "Opening…" as before.
Once the file is open, Home works itself out again and puts the glance right if it differs.

This module is on the way to the first window: it imports no database code (see `glance_at`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__, errorlog
from app.clock import today_london
from app.services.views import HomeSummary, TodoItem
from app.storage.glance import can_glance, is_plain, read_glance

if TYPE_CHECKING:
    from app.services.book import EmployerBook

GLANCE_FORMAT = 1


def glance_body(summary: HomeSummary, today: date) -> str:
    """The glance as kept: the summary, the day it was worked out and by which version."""
    fields = asdict(summary)
    fields["todo"] = [[item.title, item.detail, item.due_on.isoformat() if item.due_on else None, item.urgency,
                       item.place] for item in summary.todo]
    return json.dumps({"format": GLANCE_FORMAT, "version": __version__, "made_on": today.isoformat(),
                       "summary": fields}, ensure_ascii=False, separators=(",", ":"))


def _summary_from(body: str, today: date, file_name: str) -> HomeSummary | None:
    try:
        kept: dict[str, Any] = json.loads(body)
        if (kept.get("format") != GLANCE_FORMAT or kept.get("version") != __version__
                or kept.get("made_on") != today.isoformat()):
            return None
        fields = dict(kept["summary"])
        fields["todo"] = tuple(TodoItem(title, detail, date.fromisoformat(due) if due else None, urgency, place)
                               for title, detail, due, urgency, place in fields["todo"])
        fields["file_name"] = file_name  # the file may have been renamed since: say its name now
        return HomeSummary(**fields)
    except (ValueError, TypeError, KeyError):  # kept by a PA Books that wrote it differently: not shown
        return None


def needs_key(path: Path) -> bool:
    """Whether glancing at this file needs its key from the keyring (it is encrypted, or not SQLite at all)."""
    return path.is_file() and not is_plain(path)


@dataclass(frozen=True, slots=True)
class HomeGlance:
    summary: HomeSummary
    today: date  # the day it is for (its reminders say "Today", "Soon" by this day)


def glance_at(path: Path, today: date | None = None, use_keyring: bool = False) -> HomeGlance | None:
    """Home as it would show `today` (by the computer's clock if not given), from the glance kept in the file;
    None when none can be shown (no glance,
    out of date, the file open in another copy of PA Books or needing its passphrase). An encrypted file is
    glanced at only with `use_keyring`, and only when the keyring keeps its key (loading the keyring takes about
    a tenth of a second, so the window is shown first)."""
    if not can_glance(path):
        return None
    today = today or today_london()
    key = None
    if needs_key(path):
        if not use_keyring:
            return None
        from app.storage import cipher, keystore

        try:
            salt = cipher.salt_of(path)
        except OSError:
            return None
        stored = keystore.load(salt.hex())
        if stored is None:
            return None
        key = cipher.FileKey(stored, salt)
    found = read_glance(path, key)
    if found is None or not found.current:
        return None
    if found.meta.get("kind") == "demo" and (found.meta.get("demo_made_on") != today.isoformat()
                                             or found.meta.get("created_by_version") != __version__):
        return None  # yesterday's demo: today's is made when the window opens it
    summary = _summary_from(found.body, today, path.name)
    return HomeGlance(summary, today) if summary is not None else None


def keep_glance(book: EmployerBook, summary: HomeSummary) -> None:
    """After Home has worked itself out: keep it in the file for the next start (nothing is written when it is kept
    already, or the file is open read-only). Never in the way: a file that cannot take it is left as it is."""
    book.db.keep_glance(glance_body(summary, book.today()))


def keep_current_glance(book: EmployerBook) -> None:
    """When a file is closed: if it has changed since Home last worked itself out (on another screen, say), work
    Home out now and keep it, so the next start shows Home at once. Quick when the glance is current."""
    if book.read_only or book.db.glance_current():
        return
    from app.services.home import home_summary

    try:
        keep_glance(book, home_summary(book))
    except Exception as exc:  # noqa: BLE001 - a fault here must never stop the file closing: noted, not shown
        errorlog.write(type(exc), exc.__traceback__)
