"""Dates as planners write them, NHS Wales financial years, and working days.

A planner writes a day (``2022-11-30``), a month (``2022-12``), a span
(``2022-09..2022-11``), a financial-year quarter (``2022/23 Q3``) or a financial
year (``2023/24``). Each form keeps its precision so that a report can say
"December 2022" rather than a made-up day; every form resolves to a first and a
last day, both inclusive. The NHS Wales financial year runs 1 April to 31 March.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

FORMS_HELP = (
    "write a day 2022-11-30, a month 2022-11, a span 2022-09..2022-11, "
    "a quarter 2022/23 Q3 or a financial year 2023/24"
)

# English names, written out rather than taken from ``calendar`` (which imports
# ``locale`` at start-up and names months in the C locale anyway).
MONTHS: tuple[str, ...] = ("", "January", "February", "March", "April", "May", "June")
MONTHS += ("July", "August", "September", "October", "November", "December")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS = tuple(name.lower() for name in DAY_NAMES)
# Planning dates: far enough either way for any plan, near enough that arithmetic on
# them (a ten-year listing, a 90-day look-back) never leaves Python's date range.
FIRST_YEAR, LAST_YEAR = 1900, 2200


def day_label(day: date) -> str:
    """A day as people read it: "30 November 2026"."""
    return f"{day.day} {MONTHS[day.month]} {day.year}"


def long_day_label(day: date) -> str:
    """A day with its weekday: "Monday 30 November 2026"."""
    return f"{DAY_NAMES[day.weekday()]} {day_label(day)}"


class DateFormError(ValueError):
    """A date that is malformed or impossible; the message says which and why."""


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    FINANCIAL_YEAR = "financial-year"


# --- financial years ---------------------------------------------------------------


def financial_year_of(day: date) -> int:
    """The calendar year in which the financial year holding ``day`` starts."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def financial_year_bounds(start_year: int) -> tuple[date, date]:
    return date(start_year, 4, 1), date(start_year + 1, 3, 31)


def quarter_bounds(start_year: int, quarter: int) -> tuple[date, date]:
    """Q1 is April-June of ``start_year``; Q4 is January-March of the year after."""
    first_month = 4 + 3 * (quarter - 1)
    year = start_year + (first_month - 1) // 12
    month = (first_month - 1) % 12 + 1
    return date(year, month, 1), month_end(year, month + 2)


def month_end(year: int, month: int) -> date:
    return date(year, month, days_in_month(year, month))


def days_in_month(year: int, month: int) -> int:
    """28 to 31: the day before the first of the next month."""
    return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day


# --- written forms ------------------------------------------------------------------

_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_FY = re.compile(r"(\d{4})/(\d{2})")
_QUARTER = re.compile(r"(\d{4})/(\d{2})\s*[Qq](\d+)|[Qq](\d+)\s*(\d{4})/(\d{2})")


class Period(NamedTuple):
    """One written date: a day, a month, a financial-year quarter or a financial year."""

    first: date
    last: date
    precision: Precision

    @property
    def text(self) -> str:
        """The canonical written form, which parses back to this period."""
        match self.precision:
            case Precision.DAY:
                return self.first.isoformat()
            case Precision.MONTH:
                return f"{self.first.year}-{self.first.month:02d}"
            case Precision.QUARTER:
                fy = financial_year_of(self.first)
                quarter = (self.first.month - 4) % 12 // 3 + 1
                return f"{financial_year_label(fy)} Q{quarter}"
        return financial_year_label(self.first.year)

    @property
    def label(self) -> str:
        """How a person reads it: "30 November 2022", "November 2022", "2022/23 Q3"."""
        match self.precision:
            case Precision.DAY:
                return day_label(self.first)
            case Precision.MONTH:
                return f"{MONTHS[self.first.month]} {self.first.year}"
        return self.text

    def shifted(self, years: int) -> Period:
        """The same period ``years`` later; 29 February becomes 28 February."""
        match self.precision:
            case Precision.DAY:
                return day_period(_shift_day(self.first, years))
            case Precision.MONTH:
                return month_period(self.first.year + years, self.first.month)
            case Precision.QUARTER:
                fy = financial_year_of(self.first)
                quarter = (self.first.month - 4) % 12 // 3 + 1
                return Period(*quarter_bounds(fy + years, quarter), Precision.QUARTER)
        return Period(*financial_year_bounds(self.first.year + years), self.precision)


def _shift_day(day: date, years: int) -> date:
    year = day.year + years
    return date(year, day.month, min(day.day, days_in_month(year, day.month)))


def day_period(day: date) -> Period:
    return Period(day, day, Precision.DAY)


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), month_end(year, month), Precision.MONTH)


class When(NamedTuple):
    """A window from the start of one period to the end of another (often the same)."""

    start: Period
    end: Period

    @property
    def first(self) -> date:
        return self.start.first

    @property
    def last(self) -> date:
        return self.end.last

    @property
    def is_single(self) -> bool:
        return self.start == self.end

    @property
    def text(self) -> str:
        return self.start.text if self.is_single else f"{self.start.text}..{self.end.text}"

    @property
    def label(self) -> str:
        """The window in words, in the precision it was written in."""
        start, end = self.start, self.end
        if self.is_single:
            return start.label
        same_year = start.first.year == end.last.year
        if start.precision is end.precision is Precision.MONTH and same_year:
            return f"{MONTHS[start.first.month]}–{MONTHS[end.first.month]} {end.first.year}"
        if start.precision is end.precision is Precision.DAY and same_year:
            if start.first.month == end.first.month:
                return f"{start.first.day}–{end.label}"
            return f"{start.first.day} {MONTHS[start.first.month]}–{end.label}"
        return f"{start.label} – {end.label}"

    @property
    def deadline_label(self) -> str:
        """The window read as a deadline on its last day: "by end of November 2022"."""
        if self.end.precision is Precision.DAY:
            return f"by {self.end.label}"
        return f"by end of {self.end.label}"

    def shifted(self, years: int) -> When:
        return When(self.start.shifted(years), self.end.shifted(years))

    def __str__(self) -> str:
        return self.text


def _check_year(year: int, text: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateFormError(
            f"{text!r} is out of range: planning dates run from {FIRST_YEAR} to {LAST_YEAR}"
        )


def _real_date(year: int, month: int, day: int, text: str) -> date:
    _check_year(year, text)
    if not 1 <= month <= 12:
        raise DateFormError(f"{text!r} has month {month}; months run 01 to 12")
    days = days_in_month(year, month)
    if not 1 <= day <= days:
        raise DateFormError(f"{text!r} is not a real date: {MONTHS[month]} {year} has {days} days")
    return date(year, month, day)


def _check_fy(start: int, short: str, text: str) -> None:
    _check_year(start, text)
    if (start + 1) % 100 != int(short):
        raise DateFormError(
            f"{text!r} is not a financial year: the year after {start} is {start + 1},"
            f" so write {financial_year_label(start)}"
        )


def parse_period(text: str) -> Period:
    """One written date (no span)."""
    raw = text.strip()
    if m := _DAY.fullmatch(raw):
        y, mo, d = (int(g) for g in m.groups())
        return day_period(_real_date(y, mo, d, raw))
    if m := _MONTH.fullmatch(raw):
        y, mo = int(m[1]), int(m[2])
        _real_date(y, mo, 1, raw)
        return month_period(y, mo)
    if m := _QUARTER.fullmatch(raw):
        start, short, q = (m[1], m[2], m[3]) if m[1] else (m[5], m[6], m[4])
        _check_fy(int(start), short, raw)
        if not 1 <= int(q) <= 4:
            raise DateFormError(f"{raw!r} names Q{q}; quarters run Q1 to Q4")
        return Period(*quarter_bounds(int(start), int(q)), Precision.QUARTER)
    if m := _FY.fullmatch(raw):
        _check_fy(int(m[1]), m[2], raw)
        return Period(*financial_year_bounds(int(m[1])), Precision.FINANCIAL_YEAR)
    raise DateFormError(f"{raw!r} is not a date: {FORMS_HELP}")


def parse_when(value: object) -> When:
    """A window from what a planner wrote; raises DateFormError saying what is wrong."""
    if isinstance(value, When):
        return value
    if isinstance(value, date):
        period = day_period(value)
        return When(period, period)
    if not isinstance(value, str):
        shown = "nothing" if value is None else f"{type(value).__name__} {value!r}"
        raise DateFormError(f"expected a date as text, got {shown}: {FORMS_HELP}")
    if not value.strip():
        raise DateFormError(f"the date is empty: {FORMS_HELP}")
    if ".." in value:
        left, _, right = value.partition("..")
        if not left.strip() or not right.strip():
            raise DateFormError(f"{value.strip()!r} is a span with a missing end: {FORMS_HELP}")
        start, end = parse_period(left), parse_period(right)
        if end.last < start.first:
            raise DateFormError(f"{value.strip()!r} ends before it starts")
        return When(start, end)
    period = parse_period(value)
    return When(period, period)


DAY_HELP = "write it as 2026-11-24 or 24/11/2026"
_UK_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_PLANNING_YEAR = r"(\d{4})\s*[-/–]\s*(\d{2})"  # compiled on first use (re's cache): 0.15 ms


def parse_day(text: str) -> date:
    """A single day, for options such as ``--on``: ISO, or day/month/year (UK order)."""
    raw = text.strip()
    if m := _UK_DAY.fullmatch(raw):
        d, mo, y = (int(g) for g in m.groups())
        return _real_date(y, mo, d, raw)
    try:
        period = parse_period(raw)
    except DateFormError as exc:
        if "not a date" in str(exc):
            raise DateFormError(f"{raw!r} is not a day: {DAY_HELP}") from None
        raise
    if period.precision is not Precision.DAY:
        raise DateFormError(f"{raw!r} is not a single day: {DAY_HELP}")
    return period.first


def parse_planning_year(text: str) -> int:
    """A planning (financial) year written 2027/28 or 2027-28: its first calendar year."""
    raw = text.strip()
    if not (m := re.fullmatch(_PLANNING_YEAR, raw)):
        raise DateFormError(f"{raw!r} is not a planning year: write it as 2027/28 or 2027-28")
    start = int(m[1])
    if "/" in raw:
        _check_fy(start, m[2], raw)
    if (start + 1) % 100 != int(m[2]):
        raise DateFormError(
            f"{raw!r} is not a planning year: the year after {start} is {start + 1}, "
            f"so write {financial_year_label(start)} or {start}-{(start + 1) % 100:02d}"
        )
    _check_year(start, raw)
    return start


# --- working days -------------------------------------------------------------------


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays of one calendar year.

    The ``holidays`` package lists a holiday that falls at a weekend as well as its
    substitute day; the weekend one does no harm because weekends are never working
    days anyway.
    """
    return frozenset(bank_holiday_names(year))


@lru_cache(maxsize=64)
def bank_holiday_names(year: int) -> dict[date, str]:
    """The bank holidays of one calendar year with their names (via the cache)."""
    from acd_calendar.cache import bank_holidays as cached

    return {date.fromisoformat(day): name for day, name in cached(year).items()}


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def working_day_on_or_before(day: date) -> date:
    """``day`` itself if people work that day, else the working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def add_working_days(day: date, count: int) -> date:
    """The working day ``count`` working days after ``day``."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def friday_before(day: date) -> date:
    """The Friday strictly before ``day`` (a week before when ``day`` is a Friday)."""
    return day - timedelta(days=(day.weekday() - 4) % 7 or 7)


def non_working_reason(day: date) -> str | None:
    """Why nobody works on ``day`` ("a Sunday", "a bank holiday (Christmas Day)")."""
    if day.weekday() >= 5:
        return f"a {DAY_NAMES[day.weekday()]}"
    if (name := bank_holiday_names(day.year).get(day)) is not None:
        return f"a bank holiday ({name})"
    return None
