from __future__ import annotations

from datetime import date

import pytest

from acd_calendar.kinds import Kind
from acd_calendar.load import load_dataset
from acd_calendar.local import Meeting
from acd_calendar.meetings import check_rrule, meeting_dates, meeting_items, rrule_text
from acd_calendar.schema import Meeting as MeetingSchema


def meeting(**fields: object) -> Meeting:
    return MeetingSchema.model_validate(
        {"id": "m", "body": "p", "cadence": "pcpg-meeting", **fields}
    ).plain()


def test_every_two_months_on_the_second_tuesday() -> None:
    series = meeting(start="2026-04-14")
    assert rrule_text(series, load_dataset().cadence("pcpg-meeting")) == (
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"
    )
    days = list(
        meeting_dates(
            series, load_dataset().cadence("pcpg-meeting"), date(2026, 4, 1), date(2027, 3, 31)
        )
    )
    assert days == [
        date(2026, 4, 14),
        date(2026, 6, 9),
        date(2026, 8, 11),
        date(2026, 10, 13),
        date(2026, 12, 8),
        date(2027, 2, 9),
    ]


def test_last_weekday_of_the_month() -> None:
    series = meeting(start="2026-06-25", weekday="thursday", week=-1)
    days = list(meeting_dates(series, None, date(2026, 6, 1), date(2026, 12, 31)))
    assert days == [date(2026, 6, 25), date(2026, 8, 27), date(2026, 10, 29), date(2026, 12, 31)]


def test_a_plain_rrule_and_count() -> None:
    series = meeting(start="2026-05-06", rrule="FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE;COUNT=3")
    days = list(meeting_dates(series, None, date(2026, 1, 1), date(2027, 12, 31)))
    assert days == [date(2026, 5, 6), date(2026, 7, 1), date(2026, 9, 2)]


def test_until_is_inclusive() -> None:
    series = meeting(start="2026-04-14", until="2026-08-11")
    assert list(meeting_dates(series, None, date(2026, 1, 1), date(2027, 1, 1)))[-1] == date(
        2026, 8, 11
    )


@pytest.mark.parametrize("rule", ["FREQ=SOMETIMES", "INTERVAL=2", "FREQ=HOURLY"])
def test_bad_rrules_say_why(rule: str) -> None:
    assert check_rrule(rule, date(2026, 1, 1)) is not None


def tasks(start: str, first: str, last: str) -> dict[str, date]:
    items = meeting_items(
        meeting(start=start),
        Kind.PCPG,
        load_dataset(),
        date.fromisoformat(first),
        date.fromisoformat(last),
    )
    return {i.id.removeprefix("m-"): i.end for i in items}


def test_derived_deadlines_of_an_ordinary_meeting() -> None:
    # Tuesday 8 December 2026: agenda items 14 days before (Tuesday 24 November),
    # papers by Friday 4 December, draft minutes 10 working days after.
    got = tasks("2026-12-08", "2026-11-01", "2026-12-31")
    assert got["2026-12-08"] == date(2026, 12, 8)
    assert got["2026-12-08-agenda"] == date(2026, 11, 24)
    assert got["2026-12-08-papers"] == date(2026, 12, 4)
    # 9-11, 14-18, 21-24 December are working days (10); 25, 28 are bank holidays.
    assert got["2026-12-08-minutes"] == date(2026, 12, 22)


def test_derived_deadlines_move_off_bank_holidays() -> None:
    # Tuesday 14 April 2026: agenda items by Tuesday 31 March, papers by Friday 10 April.
    got = tasks("2026-04-14", "2026-03-01", "2026-05-31")
    assert got["2026-04-14-agenda"] == date(2026, 3, 31)
    assert got["2026-04-14-papers"] == date(2026, 4, 10)
    # A meeting on Tuesday 7 April 2026, the day after Easter Monday:
    got = tasks("2026-04-07", "2026-03-01", "2026-05-31")
    assert got["2026-04-07-papers"] == date(2026, 4, 2)  # Friday 3 April is Good Friday
    assert got["2026-04-07-agenda"] == date(2026, 3, 24)


def test_agenda_deadline_on_a_weekend_moves_to_the_friday() -> None:
    # Monday 11 January 2027: 14 days before is Monday 28 December 2026, the Boxing Day
    # substitute, and the working day before is Thursday 24 December.
    got = tasks("2027-01-11", "2026-12-01", "2027-01-31")
    assert got["2027-01-11-agenda"] == date(2026, 12, 24)
    # the Friday before is 8 January 2027, a working day
    assert got["2027-01-11-papers"] == date(2027, 1, 8)


def test_tasks_outside_the_range_are_left_out() -> None:
    got = tasks("2026-12-08", "2026-12-01", "2026-12-10")
    assert set(got) == {"2026-12-08", "2026-12-08-papers"}


@pytest.mark.parametrize(
    ("start", "rule", "third"),
    [
        ("2026-10-22", "BYDAY=4TH", date(2027, 2, 25)),  # the 4th Thursday stays the 4th
        ("2026-10-29", "BYDAY=-1TH", date(2027, 2, 25)),  # a 5th Thursday means the last
        ("2026-10-01", "BYDAY=1TH", date(2027, 2, 4)),
    ],
)
def test_the_weekday_of_the_month_comes_from_the_start(start: str, rule: str, third: date) -> None:
    series = meeting(start=start)
    assert rrule_text(series, None).endswith(rule)
    days = list(meeting_dates(series, None, date(2026, 10, 1), date(2027, 3, 31)))
    assert days[2] == third
