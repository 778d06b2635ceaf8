"""Shifts, rotas, timesheets and imports through the services: one transaction each, nothing half-saved."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.services.book import BookError, EmployerBook, NewEmployer
from app.services.operations import Refused
from tests import ops
from tests.ops import ImportRefused, RotaInput, ShiftInput

TODAY = date(2026, 11, 25)


@pytest.fixture
def book(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = EmployerBook.create(tmp_path / "test.pabooks", NewEmployer("Sam Example"))
    yield opened
    opened.close()


def add_priya(book: EmployerBook, **changes: object) -> int:
    form = ops.PaForm(first_name="Priya", last_name="Shah", started_on=date(2026, 1, 5),
                         date_of_birth=date(1994, 7, 2), contracted_hours_per_week="25", starter_statement="A")
    form = ops.PaForm(**{**{f: getattr(form, f) for f in form.__dataclass_fields__}, **changes})
    pa_id = ops.add_pa(book, form, TODAY)
    for kind, amount in (("day", "13.50"), ("night", "14.50"), ("weekend", "15.00"), ("bank_holiday", "20.25"),
                         ("sleep_in", "90.00"), ("holiday", "13.50")):
        ops.add_rate(book, pa_id, kind, date(2026, 1, 5), amount)
    return pa_id


def count_shifts(book: EmployerBook) -> int:
    return ops.info(book).shift_count


def test_add_pa_from_starter_checklist_and_refuse_bad_details(book: EmployerBook) -> None:
    pa_id = add_priya(book, starter_statement="B")
    details = ops.pa_details(book, pa_id)
    assert (details.form.tax_code, details.form.week1_month1) == ("1257L", True)  # statement B: emergency code W1/M1
    with pytest.raises(BookError, match="already a PA called Priya Shah"):
        add_priya(book)
    bad = ops.PaForm(first_name="", last_name="X", started_on=date(2026, 1, 5), date_of_birth=date(2030, 1, 1),
                        contracted_hours_per_week="lots", tax_code="12Q", bank_sort_code="12-34")
    with pytest.raises(BookError) as refused:
        ops.add_pa(book, bad, TODAY)
    said = str(refused.value)
    for words in ("first name and last name", "date of birth is in the future", "between 0 and 168",
                  "not a tax code", "sort code has 6 digits"):
        assert words in said
    assert ops.info(book).pa_count == 1


def test_dst_nights_in_both_directions(book: EmployerBook) -> None:
    pa_id = add_priya(book)
    ops.add_shift(book, ShiftInput(pa_id, date(2026, 3, 28), "22:00", "08:00"))
    ops.add_shift(book, ShiftInput(pa_id, date(2026, 10, 24), "22:00", "08:00"))
    march = ops.hours_summary(book, date(2026, 3, 28), date(2026, 3, 28)).pas[0]
    october = ops.hours_summary(book, date(2026, 10, 24), date(2026, 10, 24)).pas[0]
    assert sum(march.minutes_by_kind.values()) == 9 * 60
    assert sum(october.minutes_by_kind.values()) == 11 * 60
    assert october.gross_pay_pence == 11 * 1500  # Saturday night into Sunday: all weekend time


@pytest.mark.parametrize("entry, words", [
    (ShiftInput(0, date(2026, 3, 29), "01:30", "08:00"), "does not exist"),
    (ShiftInput(0, date(2026, 10, 25), "01:30", "08:00"), "happens twice"),
    (ShiftInput(0, date(2026, 5, 4), "25:00", "08:00"), "not a time of day"),
    (ShiftInput(0, date(2025, 12, 1), "08:00", "12:00"), "starts on 5 January 2026"),
    (ShiftInput(0, date(2026, 5, 4), "08:00", "12:00", kind="training"), "no training rate"),
    (ShiftInput(0, date(2026, 5, 4), "08:00", "12:00", kind="dancing"), "not a kind of shift"),
])
def test_bad_shifts_are_refused_and_nothing_is_saved(book: EmployerBook, entry: ShiftInput, words: str) -> None:
    pa_id = add_priya(book)
    with pytest.raises(BookError, match=words):
        ops.add_shift(book, ShiftInput(pa_id, entry.day, entry.start, entry.end, entry.kind))
    assert count_shifts(book) == 0


def test_an_ambiguous_time_says_which_field_so_the_screen_can_ask(book: EmployerBook) -> None:
    pa_id = add_priya(book)
    with pytest.raises(Refused) as asked:
        ops.add_shift(book, ShiftInput(pa_id, date(2026, 10, 24), "22:00", "01:30"))
    assert [(p.code, p.field) for p in asked.value.problems] == [("ambiguous", "end")]
    assert "01:30" in str(asked.value)
    ops.add_shift(book, ShiftInput(pa_id, date(2026, 10, 24), "22:00", "01:30 GMT"))
    assert ops.shifts_between(book, date(2026, 10, 24), date(2026, 10, 24))[0].hours == Decimal("4.50")


def test_a_shift_after_leaving_and_an_overlap_are_refused(book: EmployerBook) -> None:
    pa_id = add_priya(book, left_on=date(2026, 6, 30))
    with pytest.raises(BookError, match="left on 30 June 2026"):
        ops.add_shift(book, ShiftInput(pa_id, date(2026, 7, 1), "08:00", "12:00"))
    ops.add_shift(book, ShiftInput(pa_id, date(2026, 5, 4), "22:00", "08:00"))
    with pytest.raises(BookError, match="overlaps"):
        ops.add_shift(book, ShiftInput(pa_id, date(2026, 5, 5), "07:00", "12:00"))
    ops.add_shift(book, ShiftInput(pa_id, date(2026, 5, 5), "08:00", "12:00"))  # touching is fine
    assert count_shifts(book) == 2


def test_approval_locks_and_amendment_keeps_history(book: EmployerBook) -> None:
    pa_id = add_priya(book)
    shift_id = ops.add_shift(book, ShiftInput(pa_id, date(2026, 5, 5), "08:00", "13:00"))
    sheet_id = ops.approve_timesheet(book, pa_id, date(2026, 5, 1), date(2026, 5, 31),
                                            date(2026, 6, 1), date(2026, 6, 1))
    view = ops.timesheet(book, pa_id, date(2026, 5, 1), date(2026, 5, 31))
    assert view.status == "approved" and view.pay.gross_pence == 5 * 1350
    with pytest.raises(BookError, match="approved timesheet, which is locked"):
        ops.update_shift(book, shift_id, ShiftInput(pa_id, date(2026, 5, 5), "08:00", "14:00"))
    with pytest.raises(BookError, match="approved and locked"):
        ops.add_shift(book, ShiftInput(pa_id, date(2026, 5, 6), "08:00", "13:00"))
    with pytest.raises(BookError, match="new rate can start on 1 June 2026"):
        ops.add_rate(book, pa_id, "day", date(2026, 5, 1), "14.00")
    with pytest.raises(BookError, match="Say why"):
        ops.amend_timesheet(book, sheet_id, "")
    ops.amend_timesheet(book, sheet_id, "Monday's shift ended at 14:00, not 13:00")
    draft = ops.timesheet(book, pa_id, date(2026, 5, 1), date(2026, 5, 31))
    assert draft.status == "draft" and draft.version == 2 and len(draft.shifts) == 1
    ops.update_shift(book, draft.shifts[0].shift_id, ShiftInput(pa_id, date(2026, 5, 5), "08:00", "14:00"))
    ops.approve_timesheet(book, pa_id, date(2026, 5, 1), date(2026, 5, 31), date(2026, 6, 2), date(2026, 6, 2))
    again = ops.timesheet(book, pa_id, date(2026, 5, 1), date(2026, 5, 31))
    assert again.status == "approved" and again.version == 2 and again.pay.gross_pence == 6 * 1350
    assert count_shifts(book) == 2  # the approved version 1 shift is kept as it was
    assert ops.shifts_between(book, date(2026, 5, 1), date(2026, 5, 31))[0].hours == 6


def test_approval_takes_a_backup_first(book: EmployerBook, own_data_folder: Path) -> None:
    pa_id = add_priya(book)
    ops.add_shift(book, ShiftInput(pa_id, date(2026, 5, 4), "08:00", "13:00"))
    ops.approve_timesheet(book, pa_id, date(2026, 5, 1), date(2026, 5, 31), date(2026, 6, 1), date(2026, 6, 1))
    assert list((own_data_folder / "backups").rglob("test *before-approving-timesheet.pabooks"))


def test_planned_shifts_must_be_confirmed_before_approval(book: EmployerBook) -> None:
    pa_id = add_priya(book)
    ops.add_rota(book, RotaInput(pa_id, (0, 2, 4), "08:00", "13:00", date(2026, 5, 1)))
    result = ops.apply_rotas(book, date(2026, 5, 1), date(2026, 5, 31))
    assert result.created == 13  # Mondays, Wednesdays and Fridays in May 2026
    assert ops.apply_rotas(book, date(2026, 5, 1), date(2026, 5, 31)).created == 0  # not twice
    with pytest.raises(BookError, match="13 shift\\(s\\) are still planned"):
        ops.approve_timesheet(book, pa_id, date(2026, 5, 1), date(2026, 5, 31), date(2026, 6, 1),
                                     date(2026, 6, 1))
    first = ops.shifts_between(book, date(2026, 5, 1), date(2026, 5, 1))[0]
    ops.mark_shift(book, first.shift_id, kind="holiday")
    second = ops.shifts_between(book, date(2026, 5, 4), date(2026, 5, 4))[0]
    ops.mark_shift(book, second.shift_id, status="absent")
    assert ops.confirm_planned(book, pa_id, date(2026, 5, 1), date(2026, 5, 31)) == 12  # not the absent one
    view = ops.timesheet(book, pa_id, date(2026, 5, 1), date(2026, 5, 31))
    # 4 May (absent) and 25 May are bank holidays in England; 1 May is holiday.
    assert view.pay.minutes_by_kind == {"holiday": 300, "day": 10 * 300, "bank_holiday": 300}


def test_rota_for_an_agency_and_a_rota_across_the_clock_change(book: EmployerBook) -> None:
    ops.add_rota(book, RotaInput(None, (6,), "22:00", "08:00", date(2026, 3, 1), cover_name="Careforce Agency"))
    ops.apply_rotas(book, date(2026, 3, 1), date(2026, 3, 31))
    nights = ops.shifts_between(book, date(2026, 3, 1), date(2026, 3, 31))
    assert {s.who for s in nights} == {"Careforce Agency"}
    assert [s.hours for s in nights if s.day == date(2026, 3, 28)] == []  # Saturday: pattern is Sundays
    assert len(nights) == 5


def test_import_of_1000_lines_with_one_bad_line_saves_nothing(book: EmployerBook) -> None:
    add_priya(book)
    lines = ["pa,date,start,end,kind"]
    day = date(2026, 1, 5)
    for n in range(1000):
        when = date.fromordinal(day.toordinal() + n // 3)
        start = ("07:00", "12:00", "17:00")[n % 3]
        end = ("11:00", "16:00", "21:00")[n % 3]
        lines.append(f"Priya Shah,{when:%d/%m/%Y},{start},{end},work")
    lines[637] = "Priya Shah,31/13/2026,07:00,11:00,work"
    with pytest.raises(ImportRefused) as refused:
        ops.import_shifts_csv(book, "\n".join(lines))
    assert [p.line for p in refused.value.problems] == [638]
    assert "line 638" in str(refused.value)
    assert count_shifts(book) == 0
    lines[637] = "Priya Shah,01/01/2027,07:00,11:00,work"
    result = ops.import_shifts_csv(book, "\n".join(lines))
    assert result.shifts_added == 1000 and count_shifts(book) == 1000


def test_import_names_unknown_pas_overlaps_and_missing_rates(book: EmployerBook) -> None:
    add_priya(book)
    text = ("pa,date,start,end,kind\n"
            "Priya Shah,04/05/2026,08:00,13:00,work\n"
            "Priya Shah,04/05/2026,12:00,14:00,work\n"
            "Bob Nobody,04/05/2026,08:00,13:00,work\n"
            "Priya Shah,05/05/2026,08:00,13:00,training\n")
    with pytest.raises(ImportRefused) as refused:
        ops.import_shifts_csv(book, text)
    said = {p.line: p.message for p in refused.value.problems}
    assert "overlaps line 2" in said[3] and "no PA called \"Bob Nobody\"" in said[4] and "no training rate" in said[5]
    assert count_shifts(book) == 0


def test_hours_summary_against_the_plan_and_the_minimum_wage(book: EmployerBook, tmp_path: Path) -> None:
    ops.set_agreement(book, "Northshire", date(2026, 1, 1), "1000.00", "four_weekly")
    ops.set_support_plan(book, date(2026, 1, 1), {"day": "10", "sleep_in": "1"})
    pa_id = add_priya(book)
    ops.add_rate(book, pa_id, "day", date(2026, 6, 1), "12.00")  # below the £12.71 National Living Wage
    for day in (date(2026, 6, 1), date(2026, 6, 2), date(2026, 6, 3)):
        ops.add_shift(book, ShiftInput(pa_id, day, "09:00", "13:00"))
    ops.add_shift(book, ShiftInput(pa_id, date(2026, 6, 3), "22:00", "07:00", kind="sleep_in"))
    summary = ops.hours_summary(book, date(2026, 6, 1), date(2026, 6, 7))
    priya = summary.pas[0]
    assert priya.minutes_by_kind == {"day": 720, "sleep_in": 540}
    assert priya.gross_pay_pence == 12 * 1200 + 9000
    assert priya.minimum_wage == ("1 June 2026 to 30 June 2026: checked when the whole pay period is shown",)
    whole_month = ops.hours_summary(book, date(2026, 6, 1), date(2026, 6, 30)).pas[0]
    assert any("UNDERPAID by £8.52" in line for line in whole_month.minimum_wage)  # 12 h x £0.71
    assert "day: 12.00 hours delivered against 10.00 planned (2.00 hours over)" in summary.plan_words
    assert "sleep-ins: 1 delivered against 1 planned" in summary.plan_words
    data = summary.as_json()
    assert data["pas"][0]["total_hours"] == "21.00" and data["total_pay"] == "234.00"  # type: ignore[index]


def test_bank_holiday_pay_follows_the_employers_country(book: EmployerBook) -> None:
    pa_id = add_priya(book)
    ops.add_shift(book, ShiftInput(pa_id, date(2026, 8, 3), "09:00", "13:00"))
    ops.add_shift(book, ShiftInput(pa_id, date(2026, 8, 31), "09:00", "13:00"))
    england = ops.hours_summary(book, date(2026, 8, 1), date(2026, 8, 31)).pas[0].minutes_by_kind
    ops.set_pay_time_rules(book, "22:00", "06:00", "scotland")
    scotland = ops.hours_summary(book, date(2026, 8, 1), date(2026, 8, 31)).pas[0].minutes_by_kind
    assert england == {"day": 240, "bank_holiday": 240}
    assert scotland == {"bank_holiday": 240, "day": 240}
    assert ops.shifts_between(book, date(2026, 8, 3), date(2026, 8, 3))[0].kind == "work"


def test_pay_periods() -> None:
    assert ops.pay_period("monthly", date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert ops.pay_period("weekly", date(2026, 4, 8)) == (date(2026, 4, 6), date(2026, 4, 12))
    assert ops.pay_period("fortnightly", date(2026, 4, 20)) == (date(2026, 4, 20), date(2026, 5, 3))
    assert ops.pay_period("four_weekly", date(2026, 4, 5)) == (date(2026, 3, 9), date(2026, 4, 5))


def test_approved_pay_is_kept_when_the_night_rules_change(book: EmployerBook) -> None:
    pa_id = add_priya(book)
    ops.add_shift(book, ShiftInput(pa_id, date(2026, 5, 5), "20:00", "23:00"))
    ops.add_shift(book, ShiftInput(pa_id, date(2026, 6, 2), "20:00", "23:00"))
    ops.approve_timesheet(book, pa_id, date(2026, 5, 1), date(2026, 5, 31), date(2026, 6, 1), date(2026, 6, 1))
    ops.set_pay_time_rules(book, "20:00", "07:00", "scotland")
    may = ops.timesheet(book, pa_id, date(2026, 5, 1), date(2026, 5, 31))
    june = ops.timesheet(book, pa_id, date(2026, 6, 1), date(2026, 6, 30))
    assert may.pay.minutes_by_kind == {"day": 120, "night": 60}  # as approved, night from 22:00
    assert june.pay.minutes_by_kind == {"night": 180}  # worked out with the new rules
    # The hours summary agrees with the timesheets: May as approved, June with today's rules; and a summary
    # that covers only part of May cannot use May's approved whole-period pay, so works it out.
    summary = ops.hours_summary(book, date(2026, 5, 1), date(2026, 6, 30)).pas[0]
    assert summary.minutes_by_kind == {"day": 120, "night": 240}
    assert summary.gross_pay_pence == may.pay.gross_pence + june.pay.gross_pence
    assert ops.hours_summary(book, date(2026, 5, 5), date(2026, 5, 5)).pas[0].minutes_by_kind == {"night": 180}
    with pytest.raises(BookError, match="start and end at different times"):
        ops.set_pay_time_rules(book, "22:00", "22:00", "england")
    with pytest.raises(BookError, match="country must be one of"):
        ops.set_pay_time_rules(book, "22:00", "06:00", "france")


def test_agreement_and_support_plan(book: EmployerBook) -> None:
    with pytest.raises(BookError, match="Add the council agreement first"):
        ops.set_support_plan(book, date(2026, 1, 1), {"day": "30"})
    with pytest.raises(BookError, match="is not an amount"):
        ops.set_agreement(book, "Northshire", date(2026, 1, 1), "lots", "four_weekly")
    ops.set_agreement(book, "Northshire County Council", date(2026, 1, 1), "1,940.00", "four_weekly")
    ops.set_support_plan(book, date(2026, 1, 1), {"day": "30", "sleep_in": "2"})
    ops.set_support_plan(book, date(2026, 7, 1), {"day": "35"})
    assert ops.support_plan(book, date(2026, 3, 1)).hours_by_kind == {"day": 30, "sleep_in": 2}
    later = ops.support_plan(book, date(2026, 8, 1))
    assert later.hours_by_kind == {"day": 35, "sleep_in": 2} and later.council_name == "Northshire County Council"
    with pytest.raises(BookError, match="must be a number"):
        ops.set_support_plan(book, date(2026, 1, 1), {"day": "lots"})


def test_the_weekend_bank_holiday_rule_is_kept_and_used_for_pay(tmp_path: Path) -> None:
    """Settings (or `pabooks rules --weekend-bank-holidays`): the choice is one operation, kept with the employer,
    and shifts not yet approved are worked out with it. A new file pays the substitute day GOV.UK lists."""
    from app.services.pay_time_rules import PayTimeRulesInput, SetPayTimeRules, pay_time_rules
    from app.services.shift_records import boundaries

    book = EmployerBook.create(tmp_path / "rules.pabooks", NewEmployer("Alex Morgan"))
    assert pay_time_rules(book).weekend_bank_holidays == "substitute"
    refused = book.run(SetPayTimeRules(), PayTimeRulesInput("22:00", "06:00", "england", "saturdays"))
    assert refused.problems and refused.problems[0].field == "weekend_bank_holidays"
    book.run(SetPayTimeRules(), PayTimeRulesInput("22:00", "06:00", "england", "day_itself")).unwrap()
    assert pay_time_rules(book).weekend_bank_holidays == "day_itself"
    with book.reading() as session:
        assert boundaries(session).is_bank_holiday(date(2026, 12, 26))
        assert not boundaries(session).is_bank_holiday(date(2026, 12, 28))
    book.close()


def test_a_file_made_before_the_weekend_rule_keeps_paying_both_days(tmp_path: Path) -> None:
    """Migration 0011: files made before the choice existed paid both the weekend day and its substitute; they
    keep doing so (no PA's pay changes unasked) until the employer chooses."""
    from app.services.pay_time_rules import pay_time_rules
    from tests.helpers import take_back_to

    path = tmp_path / "old.pabooks"
    EmployerBook.create(path, NewEmployer("Alex Morgan")).close()
    take_back_to(path, "0010_second_budget")
    book = EmployerBook.open(path)
    assert pay_time_rules(book).weekend_bank_holidays == "both"
    book.close()
