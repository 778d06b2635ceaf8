"""Pure timesheet rules: clock changes, splitting by kind, bank holidays by country, rotas, CSV parsing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.dates import LONDON
from app.timesheets.checks import TimedShift, overlaps, working_time_warnings
from app.timesheets.clock import (
    AmbiguousTime,
    NonexistentTime,
    TimeProblem,
    minutes_between,
    parse_wall_time,
    shift_instants,
)
from app.timesheets.csv_import import parse_shifts_csv, parse_uk_date
from app.timesheets.rota import Pattern, describe, occurrences, plan, weekly_rule
from app.timesheets.split import Boundaries, bank_holidays, split_minutes


def night(day: date, start: str = "22:00", end: str = "08:00") -> tuple[datetime, datetime]:
    return shift_instants(day, parse_wall_time(start), parse_wall_time(end))


def test_spring_forward_night_is_9_hours() -> None:
    """Clocks go forward at 01:00 on the last Sunday of March (29 March 2026): 22:00-08:00 is 9 hours."""
    start, end = night(date(2026, 3, 28))
    assert minutes_between(start, end) == 9 * 60


def test_autumn_back_night_is_11_hours() -> None:
    """Clocks go back at 02:00 on the last Sunday of October (25 October 2026): 22:00-08:00 is 11 hours."""
    start, end = night(date(2026, 10, 24))
    assert minutes_between(start, end) == 11 * 60


def test_an_ordinary_night_is_10_hours() -> None:
    start, end = night(date(2026, 10, 21))
    assert minutes_between(start, end) == 10 * 60


def test_a_time_in_the_spring_gap_is_refused() -> None:
    with pytest.raises(NonexistentTime, match="does not exist: the clocks go forward"):
        night(date(2026, 3, 29), "01:30", "08:00")


def test_a_time_in_the_autumn_overlap_must_say_which() -> None:
    with pytest.raises(AmbiguousTime, match="happens twice"):
        night(date(2026, 10, 25), "01:30", "08:00")
    first, _ = night(date(2026, 10, 25), "01:30 BST", "08:00")
    second, end = night(date(2026, 10, 25), "01:30 GMT", "08:00")
    assert minutes_between(first, second) == 60
    assert minutes_between(second, end) == 6 * 60 + 30
    with pytest.raises(TimeProblem, match="is GMT, not BST"):
        night(date(2026, 12, 1), "08:00 BST", "09:00")


@pytest.mark.parametrize("text", ["25:00", "24:00", "8", "eight", "12:60", ""])
def test_impossible_times(text: str) -> None:
    with pytest.raises(TimeProblem):
        parse_wall_time(text)


def test_24_hours_is_the_longest_shift_and_equal_times_mean_a_full_day() -> None:
    start, end = night(date(2026, 5, 4), "09:00", "09:00")
    assert minutes_between(start, end) == 24 * 60


def test_split_by_night_weekend_and_bank_holiday() -> None:
    """Christmas Eve 2026 (Thursday) 20:00 to Christmas Day 08:00: 2 h day, 2 h night, 8 h bank holiday."""
    start, end = night(date(2026, 12, 24), "20:00", "08:00")
    assert split_minutes(start, end, "work", Boundaries()) == {"day": 120, "night": 120, "bank_holiday": 480}


def test_friday_night_into_saturday() -> None:
    start, end = night(date(2026, 5, 8), "20:00", "04:00")
    assert split_minutes(start, end, "work", Boundaries()) == {"day": 120, "night": 120, "weekend": 240}


def test_sleep_in_is_not_split() -> None:
    start, end = night(date(2026, 5, 8), "22:00", "07:00")
    assert split_minutes(start, end, "sleep_in", Boundaries()) == {"sleep_in": 540}


@pytest.mark.parametrize("day, england, scotland, wales", [
    (date(2026, 1, 2), False, True, False),  # 2 January: Scotland only
    (date(2026, 4, 6), True, False, True),  # Easter Monday: not a bank holiday in Scotland
    (date(2026, 8, 3), False, True, False),  # Scotland's summer bank holiday
    (date(2026, 8, 31), True, False, True),  # England and Wales' summer bank holiday
    (date(2026, 11, 30), False, True, False),  # St Andrew's Day
    (date(2026, 12, 25), True, True, True),
])
def test_bank_holidays_differ_by_country(day: date, england: bool, scotland: bool, wales: bool) -> None:
    assert (day in bank_holidays("england", 2026), day in bank_holidays("scotland", 2026),
            day in bank_holidays("wales", 2026)) == (england, scotland, wales)
    start, end = night(day, "09:00", "17:00")
    kind = split_minutes(start, end, "work", Boundaries(country="scotland"))
    assert ("bank_holiday" in kind) == scotland


@settings(max_examples=300, deadline=None)
@given(start=st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31)),
       length=st.integers(min_value=1, max_value=24 * 60),
       night_start=st.integers(min_value=18, max_value=23), night_end=st.integers(min_value=4, max_value=8),
       country=st.sampled_from(["england", "scotland", "wales", "northern_ireland"]))
def test_the_split_always_adds_up_to_the_whole_shift(start: datetime, length: int, night_start: int, night_end: int,
                                                     country: str) -> None:
    """Property: the hours of a shift equal the sum of its hours split by kind, across clock changes."""
    begin = start.replace(second=0, microsecond=0, tzinfo=UTC).astimezone(LONDON)
    end = (begin.astimezone(UTC) + timedelta(minutes=length)).astimezone(LONDON)  # real minutes, not wall-clock
    parts = split_minutes(begin, end, "work", Boundaries(time(night_start), time(night_end), country=country))
    assert sum(parts.values()) == minutes_between(begin, end) == length
    assert all(v > 0 for v in parts.values())


def test_a_weekday_rota_across_a_year_keeps_its_wall_clock_times() -> None:
    pattern = Pattern(weekly_rule([0, 1, 2, 3, 4]), date(2026, 1, 1), None, time(8), time(10))
    shifts, notes = plan(pattern, date(2026, 1, 1), date(2026, 12, 31))
    weekdays = sum(1 for n in range(365) if (date(2026, 1, 1) + timedelta(days=n)).weekday() < 5)
    assert len(shifts) == weekdays == 261 and notes == []
    assert {s.starts_at.astimezone(LONDON).time() for s in shifts} == {time(8)}
    assert {minutes_between(s.starts_at, s.ends_at) for s in shifts} == {120}


def test_alternate_weekends_and_fortnightly_sleep_ins() -> None:
    weekends = Pattern(weekly_rule([5, 6], every_weeks=2), date(2026, 1, 3), date(2026, 3, 31), time(10), time(16))
    days = occurrences(weekends, date(2026, 1, 1), date(2026, 12, 31))
    assert days[:4] == [date(2026, 1, 3), date(2026, 1, 4), date(2026, 1, 17), date(2026, 1, 18)]
    assert max(days) <= date(2026, 3, 31)
    assert describe(weekends) == "Every other week on Saturday and Sunday, 10:00 to 16:00"


def test_a_rota_time_in_the_spring_gap_is_reported_not_moved() -> None:
    pattern = Pattern(weekly_rule([6]), date(2026, 3, 1), None, time(1, 30), time(3, 0))
    shifts, notes = plan(pattern, date(2026, 3, 22), date(2026, 4, 5))
    assert [s.day for s in shifts] == [date(2026, 3, 22), date(2026, 4, 5)]
    assert "29 March 2026" in notes[0]


def test_overlaps_and_working_time() -> None:
    a = TimedShift(1, *night(date(2026, 5, 4), "08:00", "16:00"))
    b = TimedShift(2, *night(date(2026, 5, 4), "15:00", "18:00"))
    c = TimedShift(3, *night(date(2026, 5, 4), "16:00", "18:00"))
    assert overlaps(b, [a]) == [a] and overlaps(c, [a]) == []
    unsaved = TimedShift(None, b.starts_at, b.ends_at)
    assert overlaps(unsaved, [TimedShift(None, a.starts_at, a.ends_at)])  # two new shifts (an import) clash too
    assert overlaps(TimedShift(1, a.starts_at, a.ends_at), [a]) == []  # a shift does not clash with itself
    late = TimedShift(4, *night(date(2026, 5, 4), "20:00", "23:00"))
    early = TimedShift(5, *night(date(2026, 5, 5), "06:00", "09:00"))
    messages = [w.message for w in working_time_warnings([a, late, early], opted_out=False)]
    assert any("20-minute break" in m for m in messages)
    assert any("7.00 hours' rest" in m for m in messages)
    long_week = [TimedShift(i, *night(date(2026, 5, 4) + timedelta(days=i), "08:00", "18:00")) for i in range(6)]
    assert any("more than 48 hours" in w.message for w in working_time_warnings(long_week, opted_out=False))
    assert not any("48 hours" in w.message for w in working_time_warnings(long_week, opted_out=True))


@pytest.mark.parametrize("text, expected", [("03/05/2026", date(2026, 5, 3)), ("3/5/26", date(2026, 5, 3)),
                                            ("2026-05-03", date(2026, 5, 3))])
def test_uk_dates(text: str, expected: date) -> None:
    assert parse_uk_date(text) == expected


def test_csv_reports_every_bad_line() -> None:
    text = ("PA,Date,Start,End,Kind\n"
            "Priya Shah,04/05/2026,08:00,13:00,\n"
            "Priya Shah,31/02/2026,08:00,13:00,work\n"
            "Priya Shah,05/05/2026,25:00,13:00,work\n"
            "Priya Shah,29/03/2026,01:30,08:00,work\n"
            "Priya Shah,25/10/2026,01:30,08:00,work\n"
            ",06/05/2026,08:00,13:00,party\n")
    lines, problems = parse_shifts_csv(text)
    assert [ln.line for ln in lines] == [2]
    assert sorted({p.line for p in problems}) == [3, 4, 5, 6, 7]
    said = " ".join(str(p) for p in problems)
    assert "line 3, date" in said and "line 4, start" in said and "does not exist" in said and "happens twice" in said
    assert "not a kind of shift" in said


def test_csv_needs_its_columns() -> None:
    _, problems = parse_shifts_csv("name,when\nx,y\n")
    assert problems[0].line == 1 and "missing column(s) pa, date, start, end" in problems[0].message


def test_an_unclosed_quote_hides_no_other_bad_line() -> None:
    """Found from outside: one unclosed quote listed 1 problem where 5 lines were wrong."""
    text = ("pa,date,start,end,notes\n"
            "Priya Shah,05/05/2026,8am,12:00,\n"
            "Priya Shah,06/05/2026,08:00,12:00,\"left open\n"
            "Priya Shah,31/02/2026,08:00,12:00,\n"
            "Priya Shah,08/05/2026,08:00,25:00,\n"
            "Priya Shah,09/05/2026,08:00,12:00,one,two\n"
            "Priya Shah,10/05/2026,08:00,12:00,\"closed, fine\"\n" + "x" * 20_000 + "\n")
    lines, problems = parse_shifts_csv(text)
    assert [p.line for p in problems] == [2, 3, 4, 5, 6, 8]
    assert "quote mark opens on this line" in problems[1].message and "20,000 characters" in problems[5].message
    assert [line.line for line in lines] == [7] and lines[0].notes == "closed, fine"


@pytest.mark.parametrize("typed, meant", [("05/01/2026", date(2026, 1, 5)), ("5/1/26", date(2026, 1, 5)),
                                          ("1/2/90", date(1990, 2, 1)), ("31/12/68", date(2068, 12, 31)),
                                          ("1/1/69", date(1969, 1, 1)), ("2026-01-05", date(2026, 1, 5))])
def test_dates_are_read_as_people_in_the_uk_write_them(typed: str, meant: date) -> None:
    """Day first; a two-digit year as POSIX strptime's %y reads it, so a date of birth "1/2/90" is 1990."""
    assert parse_uk_date(typed) == meant


def test_the_shipped_bank_holiday_table_matches_the_holidays_package() -> None:
    """The table read at start-up (so Home does not wait for every country's holiday tables to load) holds the
    same days as the `holidays` package, GOV.UK's lists; a year outside it is asked of the package."""
    from app.core.bank_holidays import COUNTRIES, TABLE_YEARS, _days, bank_holidays, from_library

    for country in COUNTRIES:
        for year in TABLE_YEARS:
            assert _days(country, year) == from_library(country, year), (country, year)
    # GOV.UK: Boxing Day 2026 is a Saturday, so Monday 28 December is the substitute day.
    assert date(2026, 12, 28) in bank_holidays("england", 2026)
    assert date(2026, 12, 26) in bank_holidays("england", 2026, "day_itself")
    assert date(2050, 12, 26) in bank_holidays("england", 2050)  # beyond the table: from the package
