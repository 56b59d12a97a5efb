"""A local file as plain values: the form ``meetings``, ``combined``, ``bodies`` and
``ics`` work with.

``schema.LocalPlan`` validates the YAML with pydantic and converts it to these frozen
dataclasses (``LocalPlan.plain``); nothing past the loading path sees pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass

from acd_calendar.dates import When
from acd_calendar.kinds import Kind


@dataclass(frozen=True, slots=True)
class LocalBody:
    """A PCPG, cluster or PC with its parent body."""

    id: str
    kind: Kind
    name: str
    parent: str
    welsh_name: str | None = None


@dataclass(frozen=True, slots=True)
class Dropped:
    """A deadline given up from ``date`` on, and why."""

    date: When
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Deadline:
    """An internal deadline (``is_deadline``) or window of work of a local file."""

    id: str
    title: str
    when: When
    title_cy: str | None = None
    is_deadline: bool
    owners: tuple[str, ...]
    involved: tuple[str, ...] = ()
    lead_days: int | None = None
    feeds: str | None = None
    depends_on: tuple[str, ...] = ()
    note: str | None = None
    dropped: Dropped | None = None

    @property
    def date_key(self) -> str:
        """The key the date was written under: ``due`` or ``window``."""
        return "due" if self.is_deadline else "window"


@dataclass(frozen=True, slots=True)
class Completion:
    """A milestone, deadline or meeting task done by a body, on a day."""

    item: str
    body: str
    date: When
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Meeting:
    """A meeting series of one body (see ``schema.Meeting`` for the fields' meaning)."""

    id: str
    body: str
    start: When
    title: str | None = None
    title_cy: str | None = None
    cadence: str | None = None
    until: When | None = None
    count: int | None = None
    every_months: int | None = None
    weekday: str | None = None
    week: int | None = None
    rrule: str | None = None
    time: str | None = None
    duration_minutes: int = 120
    place: str | None = None
    agenda_days: int | None = None
    papers: str | None = None
    minutes_working_days: int | None = None
    lead_days: int = 7
    track: bool = False  # agenda, papers and minutes stay overdue until completed


@dataclass(frozen=True, slots=True)
class LocalPlan:
    """One local file's bodies, deadlines, completions and meetings."""

    health_board: str | None = None
    bodies: tuple[LocalBody, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    completions: tuple[Completion, ...] = ()
    meetings: tuple[Meeting, ...] = ()
