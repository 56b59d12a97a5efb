"""A local file as plain values: the form ``meetings``, ``combined``, ``bodies`` and
``ics`` work with.

``schema.LocalPlan`` validates the YAML with pydantic and converts it to these frozen
dataclasses (``LocalPlan.plain``); nothing past the loading path sees pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from typing import Any, get_args, get_origin, get_type_hints

from acd_calendar.dates import When, parse_when
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


# --- the cache -----------------------------------------------------------------------------

_CLASSES: dict[str, type[Any]] = {
    c.__name__: c for c in (LocalBody, Dropped, Deadline, Completion, Meeting, LocalPlan)
}


def plan_to_json(value: Any) -> Any:
    """A plan (or any of its values) as JSON values: classes and dates tagged, tuples as
    lists; ``plan_from_json`` gives the same plan back."""
    if isinstance(value, When):
        return {"~when": value.text}
    if isinstance(value, Kind):
        return {"~kind": value.value}
    if is_dataclass(value) and not isinstance(value, type):
        return {
            "~": type(value).__name__,
            **{f.name: plan_to_json(getattr(value, f.name)) for f in fields(value)},
        }
    if isinstance(value, tuple):
        return [plan_to_json(v) for v in value]
    if value is None or isinstance(value, str | int):  # bool is an int
        return value
    raise TypeError(f"no JSON form for {type(value).__name__}")


_HINTS: dict[str, dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    """The resolved field types of a class of this module (worked out once)."""
    if cls.__name__ not in _HINTS:
        _HINTS[cls.__name__] = get_type_hints(cls)
    return _HINTS[cls.__name__]


def _holds(value: Any, hint: Any) -> bool:
    """Whether ``value`` is of the type a field declares (the forms local plans use:
    classes, ``X | None`` and ``tuple[X, ...]``)."""
    origin, args = get_origin(hint), get_args(hint)
    if origin is tuple:
        return isinstance(value, tuple) and all(_holds(v, args[0]) for v in value)
    if args:  # a union
        return any(_holds(value, a) for a in args)
    if hint is type(None):
        return value is None
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def plan_from_json(value: Any) -> Any:
    """The inverse of ``plan_to_json``; raises KeyError, TypeError or ValueError if off."""
    if isinstance(value, list):
        return tuple(plan_from_json(v) for v in value)
    if isinstance(value, dict):
        if "~when" in value:
            return parse_when(value["~when"])
        if "~kind" in value:
            return Kind(value["~kind"])
        cls = _CLASSES[value["~"]]
        made = cls(**{k: plan_from_json(v) for k, v in value.items() if k != "~"})
        hints = _hints(cls)
        for f in fields(made):
            if not _holds(getattr(made, f.name), hints[f.name]):
                raise TypeError(f"{cls.__name__}.{f.name}: not a {hints[f.name]}")
        return made
    if value is None or isinstance(value, str | int):
        return value
    raise TypeError(f"no value for {type(value).__name__}")
