"""Property-based tests (hypothesis): the date parsers, meeting-rule expansion and the
local-file loader hold for any input, not only the examples we thought of."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acd_calendar.dates import (
    DateFormError,
    financial_year_bounds,
    financial_year_of,
    parse_day,
    parse_when,
)
from acd_calendar.meetings import MAX_OCCURRENCES, _series, check_rrule, rule_problem
from acd_calendar.yamlread import YamlFile, parse_text

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@SETTINGS
@given(st.text(max_size=40))
def test_date_parsers_accept_or_explain_any_text(text: str) -> None:
    for parse in (parse_when, parse_day):
        try:
            parse(text)
        except DateFormError as exc:
            assert str(exc)


@SETTINGS
@given(days)
def test_a_written_day_is_that_day(day: date) -> None:
    assert parse_day(day.isoformat()) == day
    when = parse_when(day.isoformat())
    assert when.first == when.last == day


@SETTINGS
@given(days, days)
def test_a_span_covers_its_ends(a: date, b: date) -> None:
    first, last = sorted((a, b))
    when = parse_when(f"{first.isoformat()}..{last.isoformat()}")
    assert (when.first, when.last) == (first, last)
    if first != last:
        with pytest.raises(DateFormError, match="ends before it starts"):
            parse_when(f"{last.isoformat()}..{first.isoformat()}")


@SETTINGS
@given(days)
def test_every_day_is_in_its_financial_year(day: date) -> None:
    start, end = financial_year_bounds(financial_year_of(day))
    assert start <= day <= end
    assert (start.month, start.day, end.month, end.day) == (4, 1, 3, 31)
    assert end.year == start.year + 1


FREQS = st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "SOMETIMES"])
NUMBERS = st.integers(min_value=-400, max_value=400).map(str) | st.sampled_from(["x", "", "+1"])
WEEKDAYS = st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU", "XX"])
BYDAY = st.lists(
    st.tuples(st.sampled_from(["", "1", "2", "-1", "5", "6", "-6", "53"]), WEEKDAYS).map("".join),
    min_size=1,
    max_size=3,
).map(",".join)
PART = st.one_of(
    st.tuples(st.just("INTERVAL"), NUMBERS),
    st.tuples(st.just("COUNT"), NUMBERS),
    st.tuples(st.just("BYMONTH"), NUMBERS),
    st.tuples(st.just("BYMONTHDAY"), NUMBERS),
    st.tuples(st.just("BYYEARDAY"), NUMBERS),
    st.tuples(st.just("BYWEEKNO"), NUMBERS),
    st.tuples(st.just("BYSETPOS"), NUMBERS),
    st.tuples(st.just("BYDAY"), BYDAY),
    st.tuples(st.just("WKST"), WEEKDAYS),
    st.tuples(st.just("UNTIL"), st.sampled_from(["20270101", "19000101", "99991231", "x"])),
    st.tuples(st.just("BYHOUR"), NUMBERS),
)
RULES = st.tuples(FREQS, st.lists(PART, max_size=4)).map(
    lambda t: ";".join([f"FREQ={t[0]}", *(f"{name}={value}" for name, value in t[1])])
)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(RULES, st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)))
def test_a_rule_is_refused_or_expands_quickly_and_in_order(rule: str, start: date) -> None:
    assert isinstance(rule_problem(rule), str | None)
    if check_rrule(rule, start) is not None:
        return
    found = _series(rule, start, start.year + 20)
    assert len(found) <= MAX_OCCURRENCES
    assert list(found) == sorted(set(found))
    assert all(start <= day <= date(start.year + 20, 12, 31) for day in found)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=1, max_value=30),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
)
def test_bounded_expansion_equals_dateutil(
    freq: str, interval: int, count: int, start: date
) -> None:
    """Where dateutil ends by itself (COUNT), the bounded expansion gives the same days."""
    from dateutil.rrule import rrulestr

    rule = f"FREQ={freq};INTERVAL={interval};COUNT={count}"
    expected = [
        d.date() for d in rrulestr(rule, dtstart=datetime(start.year, start.month, start.day))
    ]
    assert list(_series(rule, start, 2200)) == expected


LOCAL_KEYS = st.sampled_from(
    ["version", "bodies", "deadlines", "meetings", "completions", "id", "title", "due", "note"]
)
SCALARS = st.one_of(
    st.text(max_size=12),
    st.integers(),
    st.sampled_from(["2026-11-30", "yes", "~", "12:30", '"\\e"', "|", "&a", "*a", "!!str"]),
)
YAML_LINES = st.lists(
    st.tuples(st.sampled_from(["", "  ", "  - ", "    "]), LOCAL_KEYS, SCALARS).map(
        lambda t: f"{t[0]}{t[1]}: {t[2]}"
    ),
    max_size=12,
).map("\n".join)


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.one_of(YAML_LINES, st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))
def test_the_loader_reads_any_text_into_values_or_located_problems(text: str) -> None:
    result = YamlFile("x.yaml")
    parse_text(text.encode("utf-8", errors="surrogatepass"), result)
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message and "\n" not in problem.message
    if result.usable:
        assert isinstance(result.data, dict)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.binary(max_size=300))
def test_the_loader_never_raises_on_bytes(raw: bytes) -> None:
    result = YamlFile("x.yaml")
    parse_text(raw, result)
    assert result.usable or result.problems
