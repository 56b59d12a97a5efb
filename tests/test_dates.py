from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from acd_calendar.dates import (
    DateFormError,
    Precision,
    add_working_days,
    financial_year_bounds,
    financial_year_label,
    financial_year_of,
    friday_before,
    is_working_day,
    non_working_reason,
    parse_day,
    parse_when,
    quarter_bounds,
    working_day_on_or_before,
)


@pytest.mark.parametrize(
    ("text", "first", "last", "label"),
    [
        ("2022-11-30", date(2022, 11, 30), date(2022, 11, 30), "30 November 2022"),
        ("2022-12", date(2022, 12, 1), date(2022, 12, 31), "December 2022"),
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28), "February 2023"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "February 2024"),
        ("2024-02-29", date(2024, 2, 29), date(2024, 2, 29), "29 February 2024"),
        ("2022-09..2022-11", date(2022, 9, 1), date(2022, 11, 30), "September–November 2022"),
        ("2022-12..2023-03", date(2022, 12, 1), date(2023, 3, 31), "December 2022 – March 2023"),
        ("2022-07-01..2022-07-15", date(2022, 7, 1), date(2022, 7, 15), "1–15 July 2022"),
        (
            "2022-11-30..2022-12-02",
            date(2022, 11, 30),
            date(2022, 12, 2),
            "30 November–2 December 2022",
        ),
        ("2022/23 Q1", date(2022, 4, 1), date(2022, 6, 30), "2022/23 Q1"),
        ("2022/23 Q2", date(2022, 7, 1), date(2022, 9, 30), "2022/23 Q2"),
        ("2022/23 Q3", date(2022, 10, 1), date(2022, 12, 31), "2022/23 Q3"),
        ("2022/23 Q4", date(2023, 1, 1), date(2023, 3, 31), "2022/23 Q4"),
        ("Q4 2023/24", date(2024, 1, 1), date(2024, 3, 31), "2023/24 Q4"),
        ("2023/24", date(2023, 4, 1), date(2024, 3, 31), "2023/24"),
        ("1999/00", date(1999, 4, 1), date(2000, 3, 31), "1999/00"),
        (" 2022-11 ", date(2022, 11, 1), date(2022, 11, 30), "November 2022"),
    ],
)
def test_each_written_form_resolves_to_first_and_last_day(
    text: str, first: date, last: date, label: str
) -> None:
    when = parse_when(text)
    assert (when.first, when.last, when.label) == (first, last, label)
    assert parse_when(when.text) == when


def test_a_form_keeps_its_precision() -> None:
    assert parse_when("2022-12").end.precision is Precision.MONTH
    assert parse_when("2022/23 Q3").end.precision is Precision.QUARTER
    assert parse_when("2022-12").deadline_label == "by end of December 2022"
    assert parse_when("2022-11-30").deadline_label == "by 30 November 2022"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2022-02-30", "not a real date: February 2022 has 28 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2022-13", "months run 01 to 12"),
        ("2022-00-10", "months run 01 to 12"),
        ("2022/24", "the year after 2022 is 2023, so write 2022/23"),
        ("2022/23 Q5", "quarters run Q1 to Q4"),
        ("2022/23 Q0", "quarters run Q1 to Q4"),
        ("2022-11..2022-09", "ends before it starts"),
        ("2022-11..", "missing end"),
        ("next week", "is not a date"),
        ("30/11/2022", "is not a date"),
        ("", "empty"),
        ("9999-12-31", "out of range: planning dates run from 1900 to 2200"),
        ("0001-01-05", "out of range"),
        ("2201-01", "out of range"),
        ("1899/00", "out of range"),
        ("3000/01 Q1", "out of range"),
    ],
)
def test_malformed_or_impossible_dates_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(DateFormError, match=message):
        parse_when(text)


@pytest.mark.parametrize("value", [0, 20221130, None, 1.5, True])
def test_a_number_is_never_a_date(value: object) -> None:
    with pytest.raises(DateFormError, match="expected a date as text"):
        parse_when(value)


def test_parse_day_wants_a_single_day() -> None:
    assert parse_day("2024-02-29") == date(2024, 2, 29)
    with pytest.raises(DateFormError, match="not a single day"):
        parse_day("2024-02")


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2023, 3, 31), 2022),
        (date(2023, 4, 1), 2023),
        (date(2024, 1, 1), 2023),
        (date(2023, 12, 31), 2023),
    ],
)
def test_financial_year_runs_april_to_march(day: date, year: int) -> None:
    assert financial_year_of(day) == year
    first, last = financial_year_bounds(year)
    assert first <= day <= last


def test_financial_year_labels_and_quarters() -> None:
    assert financial_year_label(2026) == "2026/27"
    assert financial_year_label(2099) == "2099/00"
    assert quarter_bounds(2023, 4) == (date(2024, 1, 1), date(2024, 3, 31))
    assert quarter_bounds(2023, 3) == (date(2023, 10, 1), date(2023, 12, 31))


@pytest.mark.parametrize(
    ("text", "years", "expected"),
    [
        ("2024-02-29", 1, "2025-02-28"),
        ("2024-02-29", 4, "2028-02-29"),
        ("2023-02", 1, "2024-02"),
        ("2022/23 Q4", 5, "2027/28 Q4"),
        ("2023-09..2023-11", 3, "2026-09..2026-11"),
    ],
)
def test_shifting_by_whole_years(text: str, years: int, expected: str) -> None:
    assert parse_when(text).shifted(years).text == expected


def test_month_lengths_match_the_standard_library_over_every_planning_year() -> None:
    import calendar

    from acd_calendar.dates import days_in_month, month_end

    for year in range(1900, 2201):  # the years planning dates may use
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1]
    # the leap-day boundaries: 1900 and 2100 are not leap years, 2000 is
    assert [month_end(y, 2).day for y in (1900, 2000, 2023, 2024, 2100)] == [28, 29, 28, 29, 28]
    assert month_end(2026, 12) == date(2026, 12, 31)  # the month that wraps the year


def test_a_shifted_month_ends_on_its_own_last_day() -> None:
    assert parse_when("2023-02").shifted(1).last == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 25), False),  # Christmas Day
        (date(2026, 12, 28), False),  # Boxing Day substitute (26th is a Saturday)
        (date(2026, 12, 29), True),
        (date(2026, 4, 6), False),  # Easter Monday: only with the Wales subdivision
        (date(2026, 8, 31), False),  # Summer bank holiday (England and Wales)
        (date(2026, 8, 3), True),  # Scotland's August holiday is a working day here
        (date(2026, 3, 17), True),  # St Patrick's Day is not ours
        (date(2026, 11, 28), False),  # a Saturday
        (date(2026, 11, 27), True),
    ],
)
def test_working_days_follow_england_and_wales(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_a_derived_deadline_moves_to_the_working_day_before() -> None:
    assert working_day_on_or_before(date(2026, 4, 6)) == date(2026, 4, 2)  # Easter Monday
    assert working_day_on_or_before(date(2026, 12, 27)) == date(2026, 12, 24)
    assert working_day_on_or_before(date(2026, 12, 29)) == date(2026, 12, 29)


def test_add_working_days_skips_weekends_and_bank_holidays() -> None:
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)
    assert add_working_days(date(2026, 11, 27), 0) == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("meeting", "friday"),
    [
        (date(2026, 12, 8), date(2026, 12, 4)),  # Tuesday
        (date(2026, 12, 4), date(2026, 11, 27)),  # a Friday meeting: the Friday before
        (date(2026, 12, 5), date(2026, 12, 4)),  # Saturday
        (date(2026, 12, 7), date(2026, 12, 4)),  # Monday
    ],
)
def test_friday_before(meeting: date, friday: date) -> None:
    assert friday_before(meeting) == friday


def test_non_working_reason_names_the_holiday() -> None:
    assert non_working_reason(date(2026, 12, 25)) == "a bank holiday (Christmas Day)"
    assert non_working_reason(date(2026, 11, 29)) == "a Sunday"
    assert non_working_reason(date(2026, 11, 30)) is None


def test_bank_holidays_come_from_the_cache_once_computed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from acd_calendar import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = cache.bank_holidays(2031)
    assert first["2031-12-25"] == "Christmas Day" and "2031-04-14" in first  # Easter Monday
    (written,) = (tmp_path / "acd-calendar").glob("bank-holidays-*.json")
    monkeypatch.setitem(sys.modules, "holidays", None)  # importing it would now fail
    assert cache.bank_holidays(2031) == first
    written.write_text("{not json")  # a corrupt cache is computed again
    monkeypatch.delitem(sys.modules, "holidays")
    assert cache.bank_holidays(2031) == first
