"""Dated occurrences and their status on a given day.

The national data holds fixed milestones and cycles that repeat for ever; this module
expands them into ``Item`` values for a range of days, and says of each item whether it
is overdue, waiting, due, upcoming, done, later or past on the as-of date, for each body
that owns it and for the kind or body a report is for. Nothing here reads the clock:
"today" is always passed in.

- ``overdue`` is for owners only: a body or kind that is only involved in a late item is
  ``waiting`` on its owners.
- An item owned by several named bodies has each body's own status; the item's status
  is the worst of them (``worst``).
- Local deadlines and tracked meeting tasks stay overdue until done or dropped;
  ``--since`` limits national items only. Untracked meeting tasks are reminders.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from acd_calendar.dates import When, financial_year_bounds, financial_year_of
from acd_calendar.kinds import Kind
from acd_calendar.national import Basis, Cycle, Dataset, Dated, parse_occurrence_id

DEFAULT_WITHIN_DAYS = 60
DEFAULT_SINCE_DAYS = 90


class Status(StrEnum):
    # Declaration order is report order.
    OVERDUE = "overdue"
    WAITING = "waiting"
    DUE = "due"
    UPCOMING = "upcoming"
    DONE = "done"
    LATER = "later"
    PAST = "past"

    @property
    def order(self) -> int:
        return list(Status).index(self)

    @property
    def severity(self) -> int:
        """How bad a body's status is, worst first: the item shows the worst of its bodies."""
        return _SEVERITY.index(self)


# overdue > due > upcoming > later > past > done (waiting is never a body's own status)
_SEVERITY = (
    Status.OVERDUE,
    Status.WAITING,
    Status.DUE,
    Status.UPCOMING,
    Status.LATER,
    Status.PAST,
    Status.DONE,
)


class ItemKind(StrEnum):
    MILESTONE = "milestone"
    DEADLINE = "deadline"
    MEETING = "meeting"
    MEETING_TASK = "meeting-task"


class Role(StrEnum):
    OWNER = "owner"
    INVOLVED = "involved"


class SourceRef(NamedTuple):
    document: str
    section: str
    url: str | None = None
    document_cy: str | None = None  # the document's Welsh title, where the data gives one

    def details(self) -> dict[str, str | None]:
        """As ``acd show --format json`` gives it."""
        return {"document": self.document, "document_cy": self.document_cy, "section": self.section}


class Item(NamedTuple):
    """One dated thing to do: a milestone occurrence, a local deadline, a meeting."""

    id: str
    rule: str
    title: str
    when: When
    is_deadline: bool
    owners: tuple[Kind, ...]
    involved: tuple[Kind, ...]
    basis: Basis | None
    source: SourceRef | None
    depends_on: tuple[str, ...]
    lead_days: int
    planning_year: int | None = None
    note: str | None = None
    kind: ItemKind = ItemKind.MILESTONE
    event: bool = False
    body: str | None = None
    owner_bodies: tuple[str, ...] = ()
    involved_bodies: tuple[str, ...] = ()
    feeds: str | None = None
    prepares: str | None = None  # the meeting an agenda or papers task is for
    start_time: str | None = None
    duration_minutes: int = 0
    place: str | None = None
    # The named bodies of the local files that own the item, sorted: each has a status.
    bodies: tuple[str, ...] = ()
    # An untracked meeting task: due in its lead time, past after its day, never overdue.
    reminder: bool = False
    dropped_on: date | None = None  # a local deadline the file records as dropped
    dropped_reason: str | None = None
    completed_on: date | None = None  # a national fact of completion the sources state
    completed_source: SourceRef | None = None
    completed_assumed: bool = False  # its day is not stated: done by its deadline
    # The kinds of the bodies named as owners (``--as cluster`` sees a deadline owned by
    # one cluster), and the bodies a local item's file concerns (empty: everywhere).
    named_kinds: tuple[Kind, ...] = ()
    scope: frozenset[str] = frozenset()

    @property
    def persists(self) -> bool:
        """Stays overdue until done or dropped, whatever ``--since`` says."""
        return self.kind is ItemKind.DEADLINE or (
            self.kind is ItemKind.MEETING_TASK and not self.reminder
        )

    @property
    def assumed(self) -> bool:
        """Whether its date is an assumption (a projection or a default of this tool)."""
        return self.basis is not None and self.basis.is_assumed

    title_cy: str | None = None  # None: no Welsh text (Welsh output marks the title "(en)")
    note_cy: str | None = None
    meeting_day: date | None = None  # of a meeting or meeting task: the meeting's day
    task: str | None = None  # of a meeting task: agenda, papers or minutes
    series_title: str | None = None  # of a meeting or task: the series' own title
    series_title_cy: str | None = None
    # of a meeting series without a title of its own: its body's names, for the title
    series_body: str | None = None
    series_body_cy: str | None = None

    @property
    def start(self) -> date | None:
        """The first day of a window; None for a bare deadline."""
        return None if self.is_deadline else self.when.first

    @property
    def end(self) -> date:
        return self.when.last

    @property
    def when_label(self) -> str:
        return self.when.deadline_label if self.is_deadline else self.when.label

    def role_of(self, kind: Kind, body: str | None = None) -> Role | None:
        """The part a kind of body (or one named body of that kind) plays in this item.

        A local deadline or meeting concerns the bodies of its file's ``scope`` only: a
        deadline owned by ``[cluster]`` is owned by the clusters of its health board, one
        owned by ``[north-ceredigion]`` by that cluster alone (``--as cluster`` sees it).
        """
        in_scope = body is None or not self.scope or body in self.scope
        if self.body is not None:  # a meeting or meeting task belongs to one body
            owns = self.body == body if body is not None else kind in self.owners
        elif body is not None:
            named = body in self.bodies or body in self.owner_bodies
            owns = named or (kind in self.owners and not self.scope)
        else:
            owns = kind in self.owners or kind in self.named_kinds
        if owns:
            return Role.OWNER
        if (kind in self.involved and in_scope) or (
            body is not None and body in self.involved_bodies
        ):
            return Role.INVOLVED
        return None

    def sort_key(self) -> tuple[date, date, str]:
        return (self.end, self.start or self.end, self.id)


class Horizon(NamedTuple):
    """What decides a status besides the item itself."""

    as_of: date
    within: int = DEFAULT_WITHIN_DAYS
    since: date | None = None

    @property
    def overdue_since(self) -> date:
        return self.since or self.as_of - timedelta(days=DEFAULT_SINCE_DAYS)


def status_of(item: Item, window: Horizon, *, done: bool = False) -> Status:
    """The status of ``item`` on ``window.as_of``.

    - done: a completion is recorded (or, for a national item, the sources state it was
      done by the as-of date);
    - past: it was dropped on or before the as-of date;
    - overdue: its last day is before the as-of date, unless it is an event or a
      reminder, which simply pass; for a national item, only from ``since`` on (before
      that it is past): local deadlines and tracked tasks stay overdue;
    - due: its window is open, or its last day is within its lead time;
    - upcoming: it starts or ends within ``within`` days;
    - past: it ended before ``since`` (history, not a task);
    - later: everything further ahead.
    """
    as_of = window.as_of
    if done or (item.completed_on is not None and item.completed_on <= as_of):
        return Status.DONE
    if item.dropped_on is not None and item.dropped_on <= as_of:
        return Status.PAST
    if item.end < as_of:
        if item.event or item.reminder:
            return Status.PAST
        if not item.persists and item.end < window.overdue_since:
            return Status.PAST
        return Status.OVERDUE
    start = item.start
    if (start is not None and start <= as_of) or item.end - timedelta(days=item.lead_days) <= as_of:
        return Status.DUE
    horizon = as_of + timedelta(days=window.within)
    if (start is not None and start <= horizon) or item.end <= horizon:
        return Status.UPCOMING
    return Status.LATER


# --- expansion ---------------------------------------------------------------------------


def first_day(dataset: Dataset) -> date:
    """The first day of the earliest dated item in the data."""
    days = [m.when.first for m in dataset.milestones]
    days += [c.when.first for c in dataset.cycles]
    return min(days) if days else date(2022, 4, 1)


def listing_end(as_of: date) -> date:
    """The end of the planning year after the as-of date's: where ``--all`` stops."""
    return financial_year_bounds(financial_year_of(as_of) + 1)[1]


def expand(dataset: Dataset, first: date, last: date) -> list[Item]:
    """Every item of the national data whose window touches ``first``..``last``."""
    items = [
        _item(dataset, m, m.id, m.title, m.when, m.depends_on, None, m.title_cy)
        for m in dataset.milestones
    ]
    for cycle in dataset.cycles:
        # An occurrence's dates lie up to a year or so either side of its planning
        # year; expand a margin each side and let the range filter trim it.
        years = cycle.planning_years(financial_year_of(first) - 1, financial_year_of(last) + 2)
        for year in years:
            items.append(
                _item(
                    dataset,
                    cycle,
                    cycle.occurrence_id(year),
                    cycle.title_for(year),
                    cycle.when_for(year),
                    _cycle_deps(dataset, cycle, year),
                    year,
                    cycle.title_for(year, cycle.title_cy) if cycle.title_cy else None,
                )
            )
    return sorted((i for i in items if i.end >= first and i.when.first <= last), key=Item.sort_key)


def _item(
    dataset: Dataset,
    rule: Dated,
    item_id: str,
    title: str,
    when: When,
    depends_on: Iterable[str],
    year: int | None,
    title_cy: str | None = None,
) -> Item:
    document = dataset.documents.get(rule.source.document)
    completed = getattr(rule, "completed", None)
    done_source = getattr(rule, "completed_source", None)
    done_document = dataset.documents.get(done_source.document) if done_source else None
    return Item(
        id=item_id,
        rule=rule.id,
        title=title,
        when=when,
        is_deadline=rule.is_deadline,
        owners=tuple(rule.owners),
        involved=tuple(rule.involved),
        basis=rule.basis,
        source=SourceRef(
            document.title if document else rule.source.document,
            rule.source.section,
            document.url if document else None,
            document.title_cy if document else None,
        ),
        depends_on=tuple(depends_on),
        lead_days=dataset.default_lead_days if rule.lead_days is None else rule.lead_days,
        planning_year=year,
        note=rule.note,
        event=rule.event,
        completed_on=completed.last if completed else None,
        completed_source=SourceRef(
            done_document.title if done_document else done_source.document,
            done_source.section,
            done_document.url if done_document else None,
            done_document.title_cy if done_document else None,
        )
        if done_source
        else None,
        completed_assumed=bool(getattr(rule, "completed_assumed", False)),
        title_cy=title_cy,
        note_cy=rule.note_cy,
    )


def _cycle_deps(dataset: Dataset, cycle: Cycle, year: int) -> list[str]:
    """A cycle's dependencies for one planning year.

    A dependency on another cycle means its latest occurrence in or before that
    planning year (the same year for yearly cycles; the last assessment for the
    five-yearly area plan).
    """
    resolved = []
    for dep in cycle.depends_on:
        other = dataset.cycle(dep)
        if other is None:
            resolved.append(dep)
            continue
        years = other.planning_years(other.first, year)
        if years:
            resolved.append(other.occurrence_id(years[-1]))
    return resolved


def find_item(dataset: Dataset, item_id: str) -> Item | None:
    """A fixed milestone or a cycle occurrence (``cluster-plan-draft-2027-28``) by id."""
    if milestone := dataset.milestone(item_id):
        return expand_one(dataset, milestone.when.first, item_id)
    for cycle in dataset.cycles:
        year = parse_occurrence_id(item_id, cycle.id)
        if year is not None and year in cycle.planning_years(year, year):
            return expand_one(dataset, cycle.when_for(year).first, item_id)
    return None


def expand_one(dataset: Dataset, around: date, item_id: str) -> Item | None:
    return next((i for i in expand(dataset, around, around) if i.id == item_id), None)


def dependents(items: Iterable[Item], item_id: str) -> list[Item]:
    return [i for i in items if item_id in i.depends_on]


# --- reports -----------------------------------------------------------------------------


class BodyStatus(NamedTuple):
    """One owning body's own status for an item."""

    id: str
    status: Status
    completed_on: date | None = None


class Entry(NamedTuple):
    item: Item
    status: Status
    days_left: int
    role: Role | None = None
    bodies: tuple[BodyStatus, ...] = ()  # each owning body's status, sorted by id
    waiting_on: tuple[str, ...] = ()  # owner kinds or body ids, when ``waiting``


def body_statuses(
    item: Item, window: Horizon, completions: Mapping[str, date] | None = None
) -> tuple[BodyStatus, ...]:
    """The status of each body that owns ``item``; ``completions`` maps a body to the day
    it completed the item (a completion counts from its day on)."""
    completions = completions or {}
    statuses = []
    for body in item.bodies:
        day = completions.get(body)
        done = day is not None and day <= window.as_of
        statuses.append(BodyStatus(body, status_of(item, window, done=done), day if done else None))
    return tuple(statuses)


def worst(statuses: Iterable[Status]) -> Status | None:
    """The worst of some statuses: overdue > due > upcoming > later > past > done."""
    return min(statuses, key=lambda s: s.severity, default=None)


def entry_for(
    item: Item,
    window: Horizon,
    role: Role | None = None,
    completions: Mapping[str, date] | None = None,
    body: str | None = None,
    *,
    done: bool = False,
) -> Entry:
    """An item's status for a report: for ``body`` its own (when it owns the item), else
    the worst of its owning bodies'; ``waiting`` instead of ``overdue`` when the report's
    kind or body is only involved, with what it waits on."""
    bodies = body_statuses(item, window, completions)
    own = next((b for b in bodies if b.id == body), None) if body is not None else None
    if done:
        status = Status.DONE
    elif own is not None:
        status = own.status
    else:
        status = worst(b.status for b in bodies) or status_of(item, window)
    waiting_on: tuple[str, ...] = ()
    if status is Status.OVERDUE and role is Role.INVOLVED:
        status = Status.WAITING
        late = tuple(b.id for b in bodies if b.status is Status.OVERDUE)
        waiting_on = late or tuple(k.value for k in item.owners) + item.owner_bodies
    return Entry(item, status, (item.end - window.as_of).days, role, bodies, waiting_on)


class Report(NamedTuple):
    as_of: date
    kind: Kind | None
    entries: list[Entry]
    body: str | None = None

    def has_status(self, statuses: Collection[Status]) -> bool:
        return any(e.status in statuses for e in self.entries)


def due_report(
    items: Iterable[Item],
    window: Horizon,
    kind: Kind | None = None,
    *,
    show_all: bool = False,
    done: Collection[str] = (),
    body: str | None = None,
    completions: Mapping[str, Mapping[str, date]] | None = None,
    related: Collection[str] | None = None,
) -> Report:
    """What is overdue, waiting, due and upcoming on ``window.as_of`` (everything with
    ``show_all``).

    With ``kind`` (and ``body``, one named body of that kind), only the items that
    concern it, each with its role. ``completions`` maps an item id to the bodies that
    completed it and when; ``done`` holds ids of items done for the report's body (or
    for everyone when they have no owning bodies). ``related`` limits the owning bodies
    that count for a body's report to those related to it (``Registry.related``): a
    PCPG waits on its own clusters, not on every county's.
    """
    shown = {Status.OVERDUE, Status.WAITING, Status.DUE, Status.UPCOMING}
    completions = completions or {}
    entries = []
    for item in items:
        role = item.role_of(kind, body) if kind else None
        if kind and role is None:
            continue
        if related is not None and item.body is not None and item.body not in related:
            continue  # another PCPG's meeting
        if related is not None and item.bodies:
            item = item._replace(bodies=tuple(b for b in item.bodies if b in related))
        is_done = item.id in done and (body is not None or not item.bodies)
        entry = entry_for(item, window, role, completions.get(item.id), body, done=is_done)
        if show_all or entry.status in shown:
            entries.append(entry)
    entries.sort(key=lambda e: (e.status.order, *e.item.sort_key()))
    return Report(window.as_of, kind, entries, body)
