"""The national data as plain values: the form every command works with.

``schema`` validates ``data/milestones.yaml`` with pydantic and converts it to these
named tuples; the loader keeps them as JSON in a cache, so that ``acd due`` can
start without importing PyYAML or pydantic (most of its start-up time otherwise).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any, NamedTuple

from acd_calendar.dates import When, financial_year_label, parse_when
from acd_calendar.kinds import Kind

CACHE_FORMAT = 4
_OCCURRENCE_YEARS = re.compile(r"[0-9]{4}-[0-9]{2}")

# Defaults the data files may override: the one place each is written.
DEFAULT_LEAD_DAYS = 14  # how long before a deadline it shows as due
DEFAULT_AGENDA_DAYS = 14  # agenda items are due this many days before a meeting
DEFAULT_MINUTES_WORKING_DAYS = 10  # draft minutes this many working days after
DEFAULT_EVERY_MONTHS = 2  # a meeting series with no cadence or rule


class Basis(StrEnum):
    """Where a date comes from, strongest first.

    ``assumed-annual`` dates are projections of the 2022/23 timetable into later years;
    ``assumed`` dates are defaults this tool chose where the sources give none. Both are
    assumptions, and every output says so.
    """

    STATUTORY = "statutory"
    MINISTERIAL_LETTER = "ministerial-letter"
    GUIDANCE = "guidance"
    ASSUMED_ANNUAL = "assumed-annual"
    ASSUMED = "assumed"
    LOCAL = "local"

    @property
    def is_assumed(self) -> bool:
        return self in (Basis.ASSUMED_ANNUAL, Basis.ASSUMED)


def occurrence_id(cycle_id: str, year: int) -> str:
    """The id of a cycle's occurrence in a planning year: ``cluster-plan-draft-2027-28``."""
    return f"{cycle_id}-{year}-{(year + 1) % 100:02d}"


def parse_occurrence_id(item_id: str, cycle_id: str) -> int | None:
    """The planning year of ``item_id`` if it is an occurrence id of ``cycle_id``."""
    rest = item_id.removeprefix(f"{cycle_id}-")
    if rest == item_id or not _OCCURRENCE_YEARS.fullmatch(rest):
        return None
    year = int(rest[:4])
    return year if occurrence_id(cycle_id, year) == item_id else None


class Document(NamedTuple):
    title: str
    date: str | None = None
    url: str | None = None
    title_cy: str | None = None  # awaiting review like the other national Welsh texts


class Source(NamedTuple):
    document: str
    section: str


# The rules are named tuples: cheap to define at start-up (``acd due`` never imports
# dataclasses), immutable and hashable. A named tuple cannot add fields to another, so
# each kind of rule lists the fields every rule has, then those of dated rules, then its
# own (tests/test_values.py keeps them in step); ``Rule`` and ``Dated`` are their
# unions, and mypy checks that what code reads through them is there in each. Required
# fields come first, as a named tuple needs; every rule is built with keywords.


class Milestone(NamedTuple):
    """A milestone with fixed dates, as the source documents give them.

    A window of work or a deadline (``is_deadline``). ``completed`` is when the sources
    state it was done (counted from its last day), with ``completed_source`` the
    document and section that say so; ``completed_assumed`` when they do not give the
    day (it is then the deadline).
    """

    # every rule
    id: str
    title: str
    owners: tuple[Kind, ...]
    basis: Basis
    source: Source
    # dated rules
    when: When
    is_deadline: bool
    # every rule
    involved: tuple[Kind, ...] = ()
    note: str | None = None
    title_cy: str | None = None  # Welsh texts; ``review``: not yet read by a Welsh-language officer
    note_cy: str | None = None
    review: bool = False
    # dated rules
    depends_on: tuple[str, ...] = ()
    lead_days: int | None = None
    event: bool = False
    # milestones
    completed: When | None = None
    completed_source: Source | None = None
    completed_assumed: bool = False


class Cycle(NamedTuple):
    """A milestone that repeats every ``every`` years, one occurrence a planning year.

    ``when`` holds the dates of the occurrence for planning year ``first``; a later
    planning year's are the same dates shifted by whole years. The title names the
    planning year through ``{year}`` ("2027/28") and may use ``{years}`` ("2027/30").
    """

    # every rule
    id: str
    title: str
    owners: tuple[Kind, ...]
    basis: Basis
    source: Source
    # dated rules
    when: When
    is_deadline: bool
    # cycles
    first: int
    # every rule
    involved: tuple[Kind, ...] = ()
    note: str | None = None
    title_cy: str | None = None
    note_cy: str | None = None
    review: bool = False
    # dated rules
    depends_on: tuple[str, ...] = ()
    lead_days: int | None = None
    event: bool = False
    # cycles
    every: int = 1
    until: int | None = None

    def planning_years(self, first: int, last: int) -> list[int]:
        """The planning years (by start year) of this cycle from ``first`` to ``last``."""
        stop = last if self.until is None else min(last, self.until)
        start = max(first, self.first)
        start += (self.first - start) % self.every
        return list(range(start, stop + 1, self.every))

    def occurrence_id(self, year: int) -> str:
        return occurrence_id(self.id, year)

    def title_for(self, year: int, title: str | None = None) -> str:
        """The title (or ``title``, its Welsh text) of the occurrence for ``year``."""
        return (
            (self.title if title is None else title)
            .replace("{year}", financial_year_label(year))
            .replace("{years}", f"{year}/{(year + 3) % 100:02d}")
        )

    def when_for(self, year: int) -> When:
        return self.when.shifted(year - self.first)


class Cadence(NamedTuple):
    """A governance rhythm with no dates of its own (local files date the meetings)."""

    # every rule
    id: str
    title: str
    owners: tuple[Kind, ...]
    basis: Basis
    source: Source
    # cadences
    every_months: int
    # every rule
    involved: tuple[Kind, ...] = ()
    note: str | None = None
    title_cy: str | None = None
    note_cy: str | None = None
    review: bool = False
    # cadences
    agenda_days: int = DEFAULT_AGENDA_DAYS
    papers: str = "friday-before"
    minutes_working_days: int = DEFAULT_MINUTES_WORKING_DAYS
    minutes_basis: Basis = Basis.ASSUMED  # the sources give no number of days
    meeting_note: str | None = None  # a note for every meeting of the series
    meeting_note_cy: str | None = None


Dated = Milestone | Cycle  # a rule with dates: a window of work or a deadline
Rule = Milestone | Cycle | Cadence  # what every milestone, cycle and cadence has


class Dataset(NamedTuple):
    """The national milestones, cycles and cadences, with the documents they cite."""

    default_lead_days: int
    documents: dict[str, Document]
    milestones: tuple[Milestone, ...] = ()
    cycles: tuple[Cycle, ...] = ()
    cadences: tuple[Cadence, ...] = ()

    def rules(self) -> list[Milestone | Cycle | Cadence]:
        """Every milestone, cycle and cadence, in file order."""
        return [*self.milestones, *self.cycles, *self.cadences]

    def milestone(self, item_id: str) -> Milestone | None:
        return next((m for m in self.milestones if m.id == item_id), None)

    def cycle(self, item_id: str) -> Cycle | None:
        return next((c for c in self.cycles if c.id == item_id), None)

    def cadence(self, item_id: str) -> Cadence | None:
        return next((c for c in self.cadences if c.id == item_id), None)

    # --- the cache ---------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values; dates as the text they were written in."""

        def rule(r: Rule) -> dict[str, Any]:
            values: dict[str, Any] = {}
            for name in r._fields:
                value = getattr(r, name)
                if isinstance(value, When):  # named tuples: before the tuple test
                    value = value.text
                elif isinstance(value, Source):
                    value = [value.document, value.section]
                elif isinstance(value, tuple):
                    value = list(value)
                values[name] = value
            return values

        return {
            "format": CACHE_FORMAT,
            "default_lead_days": self.default_lead_days,
            "documents": {
                k: [d.title, d.date, d.url, d.title_cy] for k, d in self.documents.items()
            },
            "milestones": [rule(m) for m in self.milestones],
            "cycles": [rule(c) for c in self.cycles],
            "cadences": [rule(c) for c in self.cadences],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Dataset:
        """The inverse of ``to_json``; raises KeyError, TypeError or ValueError if off."""
        if data["format"] != CACHE_FORMAT:
            raise ValueError("another cache format")

        def rule(kind: type[Any], values: dict[str, Any]) -> Any:
            values = dict(values)
            values["owners"] = tuple(Kind(k) for k in values["owners"])
            values["involved"] = tuple(Kind(k) for k in values["involved"])
            values["basis"] = Basis(values["basis"])
            values["source"] = Source(*values["source"])
            if "minutes_basis" in values:
                values["minutes_basis"] = Basis(values["minutes_basis"])
            if values.get("completed") is not None:
                values["completed"] = parse_when(values["completed"])
                values["completed_source"] = Source(*values["completed_source"])
            if "when" in values:
                values["when"] = parse_when(values["when"])
                values["depends_on"] = tuple(values["depends_on"])
            return kind(**values)

        return cls(
            default_lead_days=data["default_lead_days"],
            documents={k: Document(*v) for k, v in data["documents"].items()},
            milestones=tuple(rule(Milestone, v) for v in data["milestones"]),
            cycles=tuple(rule(Cycle, v) for v in data["cycles"]),
            cadences=tuple(rule(Cadence, v) for v in data["cadences"]),
        )


class NationalBody(NamedTuple):
    """A health board, local authority or RPB of ``data/bodies.yaml``."""

    id: str
    name: str
    welsh_name: str | None = None
    aliases: tuple[str, ...] = ()
    health_board: str | None = None  # of a local authority or RPB
    local_authorities: tuple[str, ...] = ()  # of an RPB


class NationalBodies(NamedTuple):
    """The Welsh bodies of ``data/bodies.yaml``, in file order."""

    health_boards: tuple[NationalBody, ...] = ()
    local_authorities: tuple[NationalBody, ...] = ()
    regional_partnership_boards: tuple[NationalBody, ...] = ()

    def to_json(self) -> dict[str, Any]:
        def body(b: NationalBody) -> list[Any]:
            return [
                b.id,
                b.name,
                b.welsh_name,
                list(b.aliases),
                b.health_board,
                list(b.local_authorities),
            ]

        return {
            "format": CACHE_FORMAT,
            "health_boards": [body(b) for b in self.health_boards],
            "local_authorities": [body(b) for b in self.local_authorities],
            "regional_partnership_boards": [body(b) for b in self.regional_partnership_boards],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NationalBodies:
        """The inverse of ``to_json``; raises KeyError, TypeError or ValueError if off."""
        if data["format"] != CACHE_FORMAT:
            raise ValueError("another cache format")

        def bodies(key: str) -> tuple[NationalBody, ...]:
            return tuple(
                NationalBody(
                    id=i,
                    name=n,
                    welsh_name=w,
                    aliases=tuple(a),
                    health_board=h,
                    local_authorities=tuple(la),
                )
                for i, n, w, a, h, la in data[key]
            )

        return cls(
            bodies("health_boards"),
            bodies("local_authorities"),
            bodies("regional_partnership_boards"),
        )
