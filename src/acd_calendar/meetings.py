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

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

from acd_calendar.dates import (
    MONTHS,
    add_working_days,
    day_period,
    friday_before,
    working_day_on_or_before,
)
from acd_calendar.dates import When as DateWindow
from acd_calendar.kinds import Kind
from acd_calendar.localfile import WEEKDAYS, Meeting
from acd_calendar.national import Basis, Cadence, Dataset
from acd_calendar.schedule import Item, ItemKind, SourceRef

DEFAULT_EVERY_MONTHS = 2
DEFAULT_AGENDA_DAYS = 14
DEFAULT_MINUTES_WORKING_DAYS = 10


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


def check_rrule(text: str, start: date) -> str | None:
    """Why an RRULE cannot be used, or None when it can."""
    from dateutil.rrule import rrulestr

    try:
        rrulestr(
            text.strip().removeprefix("RRULE:"),
            dtstart=_midnight(start),
        )
    except (ValueError, TypeError) as exc:
        return f"not a valid RRULE: {exc}"
    if "FREQ=" not in text.upper():
        return "not a valid RRULE: FREQ is missing"
    if any(f"FREQ={f}" in text.upper() for f in ("SECONDLY", "MINUTELY", "HOURLY")):
        return "meetings repeat daily at the most often"
    return None


def meeting_dates(
    meeting: Meeting, cadence: Cadence | None, first: date, last: date
) -> Iterator[date]:
    """The days of the series from ``first`` to ``last`` (inclusive), in order."""
    from dateutil.rrule import rrulestr

    start = meeting.start.first
    rule = rrulestr(rrule_text(meeting, cadence), dtstart=_midnight(start))
    after = _midnight(first)
    before = _midnight(last)
    for moment in rule.between(after, before, inc=True):
        yield moment.date()


def _label(day: date) -> str:
    return f"{day.day} {MONTHS[day.month]} {day.year}"


def meeting_items(
    meeting: Meeting, body_kind: Kind, dataset: Dataset, first: date, last: date
) -> list[Item]:
    """Each meeting in range with its agenda, papers and minutes deadlines."""
    cadence = dataset.cadence(meeting.cadence) if meeting.cadence else None
    title = meeting.title or (cadence.title if cadence else "Meeting")
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
        )
    # Every item of the series shares these; each meeting and task replaces the rest.
    template = Item(
        id=meeting.id,
        rule=meeting.id,
        title=title,
        when=meeting.start,
        is_deadline=False,
        owners=(body_kind,),
        involved=(),
        basis=cadence.basis if cadence else Basis.LOCAL,
        source=source,
        depends_on=(),
        lead_days=meeting.lead_days,
        body=meeting.body,
        owner_bodies=(meeting.body,),
    )
    items = []
    # A meeting's tasks fall up to a month before it and a fortnight or so after it.
    for day in meeting_dates(
        meeting, cadence, first - timedelta(days=31), last + timedelta(days=45)
    ):
        meeting_id = f"{meeting.id}-{day.isoformat()}"
        items.append(
            replace(
                template,
                id=meeting_id,
                title=f"{title}, {_label(day)}",
                when=_day(day),
                event=True,
                kind=ItemKind.MEETING,
                start_time=meeting.time,
                duration_minutes=meeting.duration_minutes,
                place=meeting.place,
                note=cadence.meeting_note if cadence else None,
            )
        )
        tasks = [
            (
                "agenda",
                f"Agenda items for the {title} of {_label(day)}",
                working_day_on_or_before(day - timedelta(days=agenda_days)),
            )
        ]
        if papers == "friday-before":
            tasks.append(
                (
                    "papers",
                    f"Agenda and papers out for the {title} of {_label(day)}",
                    working_day_on_or_before(friday_before(day)),
                )
            )
        tasks.append(
            (
                "minutes",
                f"Draft minutes of the {title} of {_label(day)} circulated",
                add_working_days(day, minutes_days),
            )
        )
        for suffix, task_title, due in tasks:
            items.append(
                replace(
                    template,
                    id=f"{meeting_id}-{suffix}",
                    title=task_title,
                    when=_day(due),
                    is_deadline=True,
                    depends_on=(meeting_id,) if suffix == "minutes" else (),
                    prepares=meeting_id if suffix != "minutes" else None,
                    kind=ItemKind.MEETING_TASK,
                    reminder=not meeting.track,
                    basis=minutes_basis if suffix == "minutes" else template.basis,
                )
            )
    return [i for i in items if i.end >= first and i.when.first <= last]


def _pick(*values: int | None) -> int:
    return next(v for v in values if v is not None)


def _day(day: date) -> DateWindow:
    period = day_period(day)
    return DateWindow(period, period)
