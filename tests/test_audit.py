"""The audit trail: every change recorded with who and why, in a chain that shows tampering."""

from __future__ import annotations

import csv
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from app.reports.audit_csv import write_audit_csv
from app.services import audit
from app.services.book import EmployerBook, NewEmployer
from tests import ops
from tests.helpers import raw_connect


@pytest.fixture
def book(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = EmployerBook.create(tmp_path / "audit.pabooks", NewEmployer("Ada Example", "Ben Example",
                                                                         "suitable_person"))
    pa_id = ops.add_pa(opened, ops.PaForm(first_name="Cal", last_name="Day", started_on=date(2026, 1, 5),
                                                contracted_hours_per_week="20", starter_statement="A"),
                          date(2026, 11, 25))
    ops.add_rate(opened, pa_id, "day", date(2026, 1, 5), "13.00")
    ops.add_shift(opened, ops.ShiftInput(pa_id, date(2026, 5, 5), "09:00", "12:00"))
    sheet = ops.approve_timesheet(opened, pa_id, date(2026, 5, 1), date(2026, 5, 31), date(2026, 6, 1),
                                         date(2026, 6, 1))
    ops.amend_timesheet(opened, sheet, "The shift started at 08:30")
    yield opened
    opened.close()


def test_every_change_is_recorded_with_who_and_why(book: EmployerBook) -> None:
    events = audit.history(book)
    assert [e.action for e in reversed(events)] == ["file_created", "pa_added", "rates_added", "shift_added",
                                                    "timesheet_approved", "timesheet_amended"]
    assert {e.role for e in events} == {"suitable_person"}
    assert events[0].reason == "The shift started at 08:30"
    assert "the suitable person (Ben Example) reopened an approved timesheet" in events[0].words()
    assert audit.check_history(book) == []


def test_a_refused_change_records_nothing(book: EmployerBook) -> None:
    before = len(audit.history(book))
    with pytest.raises(Exception, match="not a time"):
        ops.add_shift(book, ops.ShiftInput(1, date(2026, 6, 2), "9am", "12:00"))
    assert len(audit.history(book)) == before


@pytest.mark.parametrize("tamper, words", [
    ("UPDATE audit_event SET reason = 'nothing to see' WHERE action = 'timesheet_amended'", "was changed"),
    ("UPDATE audit_event SET details_json = '{\"amount\": \"£99.00\"}' WHERE action = 'rates_added'", "was changed"),
    ("DELETE FROM audit_event WHERE action = 'shift_added'", "does not follow"),
])
def test_tampering_by_hand_is_detected(book: EmployerBook, tamper: str, words: str) -> None:
    with closing(raw_connect(book.path)) as conn:
        conn.execute(tamper)
        conn.commit()
    problems = audit.check_history(book)
    assert problems and words in problems[0]


def test_export_for_the_council(book: EmployerBook, tmp_path: Path) -> None:
    target = write_audit_csv(audit.history(book), tmp_path / "history.csv", audit.check_history(book))
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["number", "when", "who", "what", "about", "reason", "details"]
    assert rows[1][3] == "created this file" and rows[6][5] == "The shift started at 08:30"
    assert rows[-1] == ["check", "intact"]
    assert not (tmp_path / "history.csv.part").exists()


def test_erasing_a_former_pa_erases_them_from_the_history_too(tmp_path: Path) -> None:
    book = EmployerBook.create(tmp_path / "erase.pabooks", NewEmployer("Era Example"))
    form = ops.PaForm(first_name="Gwen", last_name="Hill", started_on=date(2018, 1, 8), left_on=date(2020, 1, 31),
                         date_of_birth=date(1990, 5, 1), contracted_hours_per_week="20", starter_statement="A",
                         bank_sort_code="12-34-56", bank_account_number="12345678", email="gwen@example.org")
    pa_id = ops.add_pa(book, form, date(2026, 11, 25))
    ops.add_rate(book, pa_id, "day", date(2018, 1, 8), "8.00")
    ops.add_shift(book, ops.ShiftInput(pa_id, date(2019, 5, 7), "09:00", "12:00"))
    with pytest.raises(Exception, match="must be kept until 31 January 2026"):
        ops.erase_personal_data(book, pa_id, "Asked in writing", date(2025, 6, 1))
    with pytest.raises(Exception, match="Say why"):
        ops.erase_personal_data(book, pa_id, "", date(2026, 11, 25))
    assert any("may now be erased" in t.title for t in ops.home_summary_on(book, date(2026, 11, 25)).todo)
    ops.erase_personal_data(book, pa_id, "Asked by the PA in writing on 20 November 2026", date(2026, 11, 25))
    details = ops.pa_details(book, pa_id).form
    assert (details.first_name, details.date_of_birth, details.bank_account_number, details.email) == (
        "Former PA", None, "", "")
    assert ops.info(book).shift_count == 1  # the hours and pay records stay
    names = ops.pa_names(book)
    text = " ".join(e.words(names) for e in audit.history(book))
    assert "Gwen" not in text and "Hill" not in text and "Former PA" in text
    with closing(raw_connect(book.path)) as conn:
        raw = " ".join(str(row) for row in conn.execute("SELECT details_json, reason FROM audit_event"))
    assert "Hill" not in raw and "12345678" not in raw
    assert audit.check_history(book) == []
    assert not any("may now be erased" in t.title for t in ops.home_summary_on(book, date(2026, 11, 25)).todo)
    with pytest.raises(Exception, match="still works for you"):
        other = ops.add_pa(book, ops.PaForm(first_name="Ivy", last_name="Jones", started_on=date(2026, 1, 5),
                                                  contracted_hours_per_week="20", starter_statement="A"),
                              date(2026, 11, 25))
        ops.erase_personal_data(book, other, "Asked in writing", date(2026, 11, 25))
    book.close()
