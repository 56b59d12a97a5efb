"""Meeting series and the deadlines derived from each meeting.

The PCPG model terms of reference ask for agenda items two weeks before a meeting and
the agenda and papers by the Friday before; draft minutes follow some working days
after. Derived deadlines that land on a weekend or an England and Wales bank holiday
move to the working day before; dates written explicitly (the meetings themselves) are
never moved.

The tasks are reminders (due in their lead time, past once their day has gone) unless
the series says ``track: true``: then they stay overdue until completed. The number of
working days for the draft minutes is this tool's default unless the series sets it, so
the minutes task's date is ``assumed``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import islice
from typing import Any

from acd_calendar.dates import (
    WEEKDAYS,
    When,
    add_working_days,
    day_label,
    day_period,
    friday_before,
    working_day_on_or_before,
)
from acd_calendar.kinds import Kind
from acd_calendar.local import Meeting
from acd_calendar.national import (
    DEFAULT_AGENDA_DAYS,
    DEFAULT_EVERY_MONTHS,
    DEFAULT_MINUTES_WORKING_DAYS,
    Basis,
    Cadence,
    Dataset,
)
from acd_calendar.schedule import Item, ItemKind, SourceRef
from acd_calendar.text import N_


def _midnight(day: date) -> datetime:
    """A naive midnight: rrule needs datetimes, and only their dates are used."""
    return datetime(day.year, day.month, day.day)  # noqa: DTZ001


def week_of_month(day: date) -> int:
    """1 for the first such weekday of its month ... 4; -1 when it is the 5th (last)."""
    week = (day.day - 1) // 7 + 1
    return -1 if week == 5 else week


def rrule_text(meeting: Meeting, cadence: Cadence | None) -> str:
    """The recurrence of a series as an RFC 5545 RRULE value (without DTSTART)."""
    if meeting.rrule:
        return meeting.rrule.strip().removeprefix("RRULE:")
    every = meeting.every_months or (cadence.every_months if cadence else DEFAULT_EVERY_MONTHS)
    weekday = meeting.weekday or WEEKDAYS[meeting.start.first.weekday()]
    week = meeting.week or week_of_month(meeting.start.first)
    rule = f"FREQ=MONTHLY;INTERVAL={every};BYDAY={week}{weekday[:2].upper()}"
    if meeting.until is not None:
        rule += f";UNTIL={meeting.until.first:%Y%m%d}"
    if meeting.count is not None:
        rule += f";COUNT={meeting.count}"
    return rule


# Every expansion is bounded: a series is followed for at most MAX_SCAN_YEARS from its
# start and gives at most MAX_OCCURRENCES meetings, whatever its rule says.
MAX_SCAN_YEARS = 200
MAX_OCCURRENCES = 10_000
_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# RFC 5545, section 3.3.10: the range of each numeric part (0 is never allowed).
_RANGES = {
    "BYMONTH": (1, 12, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYSETPOS": (1, 366, True),
}
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def rule_problem(text: str) -> str | None:  # noqa: C901 (issue 9's checks, one per part)
    """Why an RRULE value cannot be used for meetings, or None when it can.

    Every part must be one RFC 5545 allows, with a value in its range; the rule must be
    able to produce a day at all (not the 30th of February).
    """
    parts: dict[str, str] = {}
    for part in text.strip().removeprefix("RRULE:").split(";"):
        name, equals, value = part.partition("=")
        name = name.strip().upper()
        if not equals or not name:
            return f"{part!r} is not NAME=VALUE"
        if name in parts:
            return f"{name} is given twice"
        parts[name] = value.strip().upper()
    freq = parts.get("FREQ")
    if freq is None:
        return "FREQ is missing"
    if freq in ("SECONDLY", "MINUTELY", "HOURLY"):
        return "meetings repeat daily at the most often"
    if freq not in _FREQUENCIES:
        return f"FREQ={freq} is not one of {', '.join(_FREQUENCIES)}"
    if "COUNT" in parts and "UNTIL" in parts:
        return "give COUNT or UNTIL, not both"
    until = parts.get("UNTIL")
    if until is not None and not re.fullmatch(r"\d{8}(T\d{6})?", until):
        return f"UNTIL={until}: write the last day as UNTIL=20271231"
    numbers: dict[str, list[int]] = {}
    for name, value in parts.items():
        if name in ("FREQ", "UNTIL"):
            continue
        if name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            return f"{name}: the time of a meeting is its 'time', not part of the rule"
        if name == "BYEASTER":
            return "BYEASTER is not part of RFC 5545"
        if name == "WKST":
            if value not in _DAYS:
                return f"WKST={value} is not a day (MO to SU)"
            continue
        if name == "BYDAY":
            if why := _byday_problem(
                value, freq, within_month_or_week="BYMONTH" in parts or "BYWEEKNO" in parts
            ):
                return why
            continue
        if name in ("INTERVAL", "COUNT"):
            if not re.fullmatch(r"\+?\d{1,6}", value) or int(value) < 1:
                return f"{name}={value}: {name} is a whole number from 1"
            if name == "COUNT" and int(value) > MAX_OCCURRENCES:
                return f"COUNT={value}: a series has {MAX_OCCURRENCES:,} meetings at the most"
            continue
        if name not in _RANGES:
            return f"{name} is not a part of an RRULE"
        low, high, signed = _RANGES[name]
        values = []
        for item in value.split(","):
            if not re.fullmatch(r"[+-]?\d{1,3}", item.strip()):
                return f"{name}={value}: {item!r} is not a whole number"
            number = int(item)
            if not (low <= abs(number) <= high) or (number < 0 and not signed):
                sign = "-" if signed else ""
                return f"{name}={value}: {number} is outside {sign}{low}..{high} (RFC 5545)"
            values.append(number)
        numbers[name] = values
    if "BYWEEKNO" in parts and freq != "YEARLY":
        return "BYWEEKNO goes with FREQ=YEARLY only"
    if "BYYEARDAY" in parts and freq in ("DAILY", "WEEKLY", "MONTHLY"):
        return "BYYEARDAY goes with FREQ=YEARLY only"
    if "BYMONTHDAY" in parts and freq == "WEEKLY":
        return "BYMONTHDAY does not go with FREQ=WEEKLY"
    if "BYSETPOS" in parts and freq == "DAILY":
        return "BYSETPOS picks among the days of a week, month or year, not of a day"
    months = numbers.get("BYMONTH", list(range(1, 13)))
    days = numbers.get("BYMONTHDAY")
    if days and not any(abs(d) <= _DAYS_IN_MONTH[m - 1] for m in months for d in days):
        return "no month of the rule has the days it names (BYMONTH with BYMONTHDAY)"
    return None


def _byday_problem(value: str, freq: str, *, within_month_or_week: bool) -> str | None:
    for item in value.split(","):
        match = re.fullmatch(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)", item.strip())
        if not match:
            return f"BYDAY={value}: {item!r} is not a day such as MO, 2TU or -1FR"
        if match[1] is None:
            continue
        number = int(match[1])
        if freq not in ("MONTHLY", "YEARLY"):
            return f"BYDAY={value}: a numbered day ({item}) goes with MONTHLY or YEARLY only"
        high = 5 if freq == "MONTHLY" or within_month_or_week else 53
        if not 1 <= abs(number) <= high:
            return f"BYDAY={value}: {number} is outside -{high}..{high}"
    return None


def check_rrule(text: str, start: date) -> str | None:
    """Why an RRULE cannot be used, or None when it can."""
    from dateutil.rrule import rrulestr

    if why := rule_problem(text):
        return f"not a usable RRULE: {why}"
    try:
        rrulestr(text.strip().removeprefix("RRULE:"), dtstart=_midnight(start))
    except (ValueError, TypeError, OverflowError) as exc:
        return f"not a valid RRULE: {exc}"
    return None


def meeting_dates(
    meeting: Meeting, cadence: Cadence | None, first: date, last: date
) -> Iterator[date]:
    """The days of the series from ``first`` to ``last`` (inclusive), in order."""
    for day in _series(rrule_text(meeting, cadence), meeting.start.first, last.year):
        if day > last:
            break
        if day >= first:
            yield day


@lru_cache(maxsize=256)
def _series(text: str, start: date, to_year: int) -> tuple[date, ...]:
    """Every day of a rule from ``start`` to the end of ``to_year``, bounded.

    dateutil looks for a matching day until the year 9999 when none comes: a rule that
    matches rarely or never could take seconds. The Gregorian calendar repeats exactly
    every 400 years (weekdays included), so the rule is expanded from a start moved
    whole 400-year cycles later, near the year 9999, and the days moved back.
    """
    from dateutil.rrule import rrulestr

    last_year = min(to_year, start.year + MAX_SCAN_YEARS)
    shift = 400 * ((9999 - 400 - (last_year - start.year) - start.year) // 400)
    shift = max(shift, 0)
    parsed: Any = rrulestr(text, dtstart=_midnight(start))
    until = datetime(last_year, 12, 31)  # noqa: DTZ001
    if parsed._until is not None:  # dateutil keeps no public copy of UNTIL
        until = min(until, parsed._until.replace(tzinfo=None))
    count = min(parsed._count or MAX_OCCURRENCES, MAX_OCCURRENCES)
    if until < _midnight(start):
        return ()
    rule = parsed.replace(
        dtstart=_shifted(_midnight(start), shift), until=_shifted(until, shift), count=None
    )
    return tuple(_shifted(moment, -shift).date() for moment in islice(rule, count))


def _shifted(moment: datetime, years: int) -> datetime:
    return moment.replace(year=moment.year + years)


@dataclass(frozen=True, slots=True)
class ClockShift:
    """A meeting time on a clock-change day: skipped (``forward``) or twice; ``shown`` is
    what calendars show, as "HH:MM ZONE"."""

    forward: bool
    shown: str


def clock_shift(day: date, time: str) -> ClockShift | None:
    """What a calendar shows for a meeting at ``time`` on a clock-change day in
    Europe/London, or None on any other day.

    RFC 5545 (section 3.3.5) reads a time the clocks skip with the offset before the
    change, and a time that happens twice as its first occurrence.
    """
    from datetime import UTC
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    hour, minute = (int(p) for p in time.split(":"))
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=london)
    shown = local.astimezone(UTC).astimezone(london)
    if shown.replace(tzinfo=None) != local.replace(tzinfo=None):
        return ClockShift(forward=True, shown=f"{shown:%H:%M} {shown.tzname()}")
    if local.utcoffset() != local.replace(fold=1).utcoffset():
        return ClockShift(forward=False, shown=f"{local:%H:%M} {local.tzname()}")
    return None


CLOCK_FORWARD = N_(
    "{day} {time} does not exist in Europe/London (the clocks go forward): "
    "calendars show the meeting at {shown}"
)
CLOCK_BACK = N_(
    "{day} {time} happens twice in Europe/London (the clocks go back): "
    "calendars show the first, {shown}"
)


def clock_change(day: date, time: str) -> str | None:
    """``clock_shift`` in words (English)."""
    shift = clock_shift(day, time)
    if shift is None:
        return None
    form = CLOCK_FORWARD if shift.forward else CLOCK_BACK
    return form.format(day=day_label(day), time=time, shown=shift.shown)


def meeting_items(
    meeting: Meeting,
    body_kind: Kind,
    dataset: Dataset,
    first: date,
    last: date,
    body_name: str | None = None,
    body_name_cy: str | None = None,
) -> list[Item]:
    """Each meeting in range with its agenda, papers and minutes deadlines.

    Without a title of its own a meeting is named for its body (``body_name``, in Welsh
    ``body_name_cy`` when the body has a Welsh name), so that feeds of every PCPG tell
    the meetings apart.
    """
    cadence = dataset.cadence(meeting.cadence) if meeting.cadence else None
    series = meeting.title or (cadence.title if cadence else None)
    series_cy = meeting.title_cy if meeting.title else (cadence.title_cy if cadence else None)
    title = series or "meeting"
    agenda_days = _pick(
        meeting.agenda_days, cadence.agenda_days if cadence else None, DEFAULT_AGENDA_DAYS
    )
    minutes_days = _pick(
        meeting.minutes_working_days,
        cadence.minutes_working_days if cadence else None,
        DEFAULT_MINUTES_WORKING_DAYS,
    )
    papers = meeting.papers or (cadence.papers if cadence else "friday-before")
    if meeting.minutes_working_days is not None:
        minutes_basis = Basis.LOCAL
    else:
        minutes_basis = cadence.minutes_basis if cadence else Basis.ASSUMED
    source = None
    if cadence is not None:
        document = dataset.documents.get(cadence.source.document)
        source = SourceRef(
            document.title if document else cadence.source.document,
            cadence.source.section,
            document.url if document else None,
            document.title_cy if document else None,
        )
    # Every item of the series shares these; each meeting and task replaces the rest.
    template = Item(
        id=meeting.id,
        rule=meeting.id,
        title=title,
        when=meeting.start,
        is_deadline=False,
        owners=(body_kind,),
        involved=tuple(cadence.involved) if cadence else (),
        basis=cadence.basis if cadence else Basis.LOCAL,
        source=source,
        depends_on=(),
        lead_days=meeting.lead_days,
        body=meeting.body,
        owner_bodies=(meeting.body,),
        series_title=series,
        series_title_cy=meeting.title_cy or series_cy,
        series_body=None if meeting.title else body_name,
        series_body_cy=None if meeting.title else body_name_cy,
    )
    items = []
    # A meeting's tasks fall up to a month before it and a fortnight or so after it.
    for day in meeting_dates(
        meeting, cadence, first - timedelta(days=31), last + timedelta(days=45)
    ):
        meeting_id = f"{meeting.id}-{day.isoformat()}"
        items.append(
            template._replace(
                id=meeting_id,
                title=_meeting_title(title, day, None if meeting.title else body_name, cadence),
                when=_day(day),
                event=True,
                kind=ItemKind.MEETING,
                meeting_day=day,
                start_time=meeting.time,
                duration_minutes=meeting.duration_minutes,
                place=meeting.place,
                note=cadence.meeting_note if cadence else None,
                note_cy=cadence.meeting_note_cy if cadence else None,
            )
        )
        tasks = [
            (
                "agenda",
                f"Agenda items for the {title} of {day_label(day)}",
                working_day_on_or_before(day - timedelta(days=agenda_days)),
            )
        ]
        if papers == "friday-before":
            tasks.append(
                (
                    "papers",
                    f"Agenda and papers out for the {title} of {day_label(day)}",
                    working_day_on_or_before(friday_before(day)),
                )
            )
        tasks.append(
            (
                "minutes",
                f"Draft minutes of the {title} of {day_label(day)} circulated",
                add_working_days(day, minutes_days),
            )
        )
        for suffix, task_title, due in tasks:
            items.append(
                template._replace(
                    id=f"{meeting_id}-{suffix}",
                    title=task_title,
                    when=_day(due),
                    is_deadline=True,
                    depends_on=(meeting_id,) if suffix == "minutes" else (),
                    prepares=meeting_id if suffix != "minutes" else None,
                    kind=ItemKind.MEETING_TASK,
                    reminder=not meeting.track,
                    basis=minutes_basis if suffix == "minutes" else template.basis,
                    meeting_day=day,
                    task=suffix,
                )
            )
    return [i for i in items if i.end >= first and i.when.first <= last]


def _meeting_title(title: str, day: date, body_name: str | None, cadence: object) -> str:
    """``PCPG meeting, 8 December 2026 (Ceredigion PCPG)``: the body named."""
    if body_name is None:
        return f"{title[:1].upper() + title[1:]}, {day_label(day)}"
    if cadence is None:
        return f"Meeting of {body_name}, {day_label(day)}"
    return f"{title}, {day_label(day)} ({body_name})"


def _pick(*values: int | None) -> int:
    return next(v for v in values if v is not None)


def _day(day: date) -> When:
    period = day_period(day)
    return When(period, period)
