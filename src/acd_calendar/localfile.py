"""The local file format: a health board's (or a PCPG's) own bodies and dates.

Planners keep one such YAML file per health board or PCPG in a git repository; ``acd
check`` validates it in CI and pre-commit and ``acd due --file`` merges it with the
national milestones. ``acd schema`` prints the JSON Schema of this model.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, WithJsonSchema, model_validator

from acd_calendar.dates import Precision, When
from acd_calendar.kinds import Kind
from acd_calendar.models import KindName, LeadDays, Slug, Strict, WhenText, WindowOrDue

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
LOCAL_KINDS = (Kind.PCPG, Kind.CLUSTER, Kind.PC)


def _day_only(when: When) -> When:
    if not (when.is_single and when.end.precision is Precision.DAY):
        raise ValueError(f"{when.text!r} is not a single day: write it as 2026-11-30")
    return when


def _clock_time(value: str) -> str:
    if not _TIME.fullmatch(value):
        raise ValueError(f'{value!r} is not a time of day: write it as "14:00" (quoted)')
    return value


def _local_kind(kind: Kind) -> Kind:
    if kind not in LOCAL_KINDS:
        raise ValueError(
            f"local files name PCPGs, clusters and PCs; {kind.value!r} bodies are national "
            "(data/bodies.yaml)"
        )
    return kind


Day = Annotated[
    WhenText,
    AfterValidator(_day_only),
    WithJsonSchema({"type": "string", "format": "date", "description": "a day, e.g. 2026-11-30"}),
]
ClockTime = Annotated[
    str,
    AfterValidator(_clock_time),
    WithJsonSchema({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"}),
]
LocalKind = Annotated[
    KindName,
    AfterValidator(_local_kind),
    WithJsonSchema({"type": "string", "enum": [k.value for k in LOCAL_KINDS]}),
]


class LocalBody(Strict):
    """A PCPG, cluster or PC: a cluster's parent is a PCPG, a PC's a cluster, a PCPG's a
    health board or local authority from data/bodies.yaml."""

    id: Slug
    kind: LocalKind
    name: str = Field(min_length=1)
    welsh_name: str | None = None
    parent: Slug


class Dropped(Strict):
    """A deadline the bodies will no longer meet, and why: from ``date`` on, it is no
    longer overdue (it shows as past, with the reason)."""

    date: Day
    reason: str = Field(min_length=1)


class Deadline(WindowOrDue):
    """An internal deadline, set ahead of the national milestone it ``feeds``.

    It stays overdue until every owning body has a completion, or ``dropped`` records
    that it was given up.
    """

    id: Slug
    title: str = Field(min_length=1)
    owners: list[str] = Field(min_length=1, description="kinds of body or ids of bodies")
    involved: list[str] = []
    lead_days: LeadDays | None = None
    feeds: Slug | None = Field(
        default=None,
        description="a national milestone, cycle or occurrence id; the internal date must "
        "fall on or before its deadline in the same financial year",
    )
    depends_on: list[Slug] = []
    note: str | None = None
    dropped: Dropped | None = None


class Completion(Strict):
    """A milestone, deadline or meeting task done by a body, on a day."""

    item: str = Field(min_length=1, description="a milestone occurrence, deadline or task id")
    body: Slug
    date: Day
    note: str | None = None


class Meeting(Strict):
    """A meeting series of one body, with deadlines derived from each meeting.

    Without ``rrule``, meetings fall every ``every_months`` months on the same weekday
    of the month as ``start`` (the second Tuesday, say), or as ``weekday`` and ``week``
    say (``week: -1`` for the last one).
    """

    id: Slug
    body: Slug
    title: str | None = None
    cadence: Slug | None = Field(default=None, description="e.g. pcpg-meeting")
    start: Day
    until: Day | None = None
    count: int | None = Field(default=None, ge=1, le=1000, strict=True)
    every_months: int | None = Field(default=None, ge=1, le=12, strict=True)
    weekday: Literal[WEEKDAYS] | None = None  # type: ignore[valid-type]
    week: Literal[1, 2, 3, 4, -1] | None = None
    rrule: str | None = Field(
        default=None, description="an RFC 5545 RRULE, e.g. FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"
    )
    time: ClockTime | None = None
    duration_minutes: int = Field(default=120, ge=5, le=1440, strict=True)
    place: str | None = None
    agenda_days: int | None = Field(default=None, ge=0, le=90, strict=True)
    papers: Literal["friday-before", "none"] | None = None
    minutes_working_days: int | None = Field(default=None, ge=0, le=60, strict=True)
    lead_days: LeadDays = 7
    track: bool = Field(
        default=False,
        strict=True,
        description="treat agenda, papers and minutes as deadlines that stay overdue until "
        "completed (by default they are reminders, past once their day has gone)",
    )

    @model_validator(mode="after")
    def _rule_or_fields(self) -> Meeting:
        if self.rrule and (self.every_months or self.weekday or self.week):
            raise ValueError("give either 'rrule' or every_months/weekday/week, not both")
        if (self.weekday is None) != (self.week is None):
            raise ValueError("'weekday' and 'week' go together")
        return self


class LocalPlan(Strict):
    """A local file: ``acd init`` writes a commented starter one."""

    version: Literal[1]
    health_board: Slug | None = None
    bodies: list[LocalBody] = []
    deadlines: list[Deadline] = []
    completions: list[Completion] = []
    meetings: list[Meeting] = []
