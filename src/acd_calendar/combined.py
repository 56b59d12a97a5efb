"""National occurrences combined with the items of local files, and what is done.

Local deadlines and meeting series become ``Item`` values beside the national ones;
each item names the bodies of the local files that own it (``Item.bodies``), and
completions recorded for a body turn its items ``done`` for that body.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from acd_calendar.dates import financial_year_of
from acd_calendar.kinds import Kind, parse_kind
from acd_calendar.national import Basis, Dataset
from acd_calendar.schedule import Item, ItemKind, expand, find_item

if TYPE_CHECKING:
    from acd_calendar.bodies import Registry
    from acd_calendar.local import Deadline, LocalPlan, Meeting
    from acd_calendar.national import Cadence


def split_owners(names: Iterable[str]) -> tuple[tuple[Kind, ...], tuple[str, ...]]:
    """Owners written as kinds (``cluster``) or as body ids (``north-ceredigion``)."""
    kinds: list[Kind] = []
    bodies: list[str] = []
    for name in names:
        try:
            kinds.append(parse_kind(name))
        except ValueError:
            bodies.append(name)
    return tuple(kinds), tuple(bodies)


class NationalIndex:
    """National items by id, and the occurrence a local date feeds, each found once.

    Expanding the national data for a lookup costs about a millisecond; a run that
    resolves many deadlines asks the same questions again and again.
    """

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._items: dict[str, Item | None] = {}
        self._years: dict[int, list[Item]] = {}

    def find(self, item_id: str) -> Item | None:
        """A fixed milestone or a cycle occurrence by id (see ``schedule.find_item``)."""
        if item_id not in self._items:
            self._items[item_id] = find_item(self.dataset, item_id)
        return self._items[item_id]

    def feed(self, feed: str, day: date) -> Item | None:
        """The national occurrence a local date feeds.

        ``feed`` names a fixed milestone, an occurrence (``cluster-plan-draft-2027-28``)
        or a cycle (``cluster-plan-draft``): for a cycle, the occurrence whose deadline
        falls in the same financial year as ``day``.
        """
        if (item := self.find(feed)) is not None:
            return item
        cycle = self.dataset.cycle(feed)
        if cycle is None:
            return None
        year = financial_year_of(day)
        if year not in self._years:
            self._years[year] = expand(self.dataset, date(year, 4, 1), date(year + 1, 3, 31))
        for candidate in self._years[year]:
            if candidate.rule == cycle.id and financial_year_of(candidate.end) == year:
                return candidate
        return None


def resolve_feed(dataset: Dataset, feed: str, day: date) -> Item | None:
    """The national occurrence a local date feeds (see ``NationalIndex.feed``)."""
    return NationalIndex(dataset).feed(feed, day)


def deadline_item(
    deadline: Deadline,
    index: NationalIndex,
    registry: Registry,
    plan: LocalPlan | None = None,
    *,
    with_bodies: bool = True,
) -> Item:
    """A local deadline as an item. Its owning bodies (``Item.bodies``) are the bodies it
    names and, for owners written as kinds, the bodies of those kinds in the scope of
    its file (``plan``): its health board's, never every file's of the run.
    ``with_bodies=False`` leaves the kinds' bodies out (a lookup by id needs none)."""
    owners, owner_names = split_owners(deadline.owners)
    involved, involved_names = split_owners(deadline.involved)
    owner_bodies = tuple(dict.fromkeys(registry.canonical(n) for n in owner_names))
    named_kinds = tuple(
        dict.fromkeys(body.kind for n in owner_bodies if (body := registry.get(n)) is not None)
    )
    scope: frozenset[str] = frozenset()
    bodies = tuple(sorted(owner_bodies))
    if with_bodies:
        scope = registry.scope_set(plan)
        of_kinds = registry.scope_of_kinds(plan, owners)
        bodies = tuple(sorted({*bodies, *of_kinds})) if bodies else of_kinds
    dataset = index.dataset
    feed = index.feed(deadline.feeds, deadline.when.last) if deadline.feeds else None
    dropped = deadline.dropped
    return Item(
        id=deadline.id,
        rule=deadline.id,
        title=deadline.title,
        title_cy=deadline.title_cy,
        when=deadline.when,
        is_deadline=deadline.is_deadline,
        owners=owners,
        involved=involved,
        basis=Basis.LOCAL,
        source=None,
        depends_on=tuple(deadline.depends_on) + ((feed.id,) if feed else ()),
        lead_days=dataset.default_lead_days if deadline.lead_days is None else deadline.lead_days,
        note=deadline.note,
        kind=ItemKind.DEADLINE,
        owner_bodies=owner_bodies,
        involved_bodies=tuple(dict.fromkeys(registry.canonical(n) for n in involved_names)),
        feeds=feed.id if feed else None,
        bodies=bodies,
        dropped_on=dropped.date.first if dropped else None,
        dropped_reason=dropped.reason if dropped else None,
        named_kinds=named_kinds,
        scope=scope,
    )


def canonical(registry: Registry, name: str) -> str:
    """A body's id for an id or an alias (``sir-benfro`` is ``pembrokeshire``)."""
    return registry.canonical(name)


def owning_bodies(item: Item, registry: Registry) -> tuple[str, ...]:
    """The named bodies that own an item, sorted by id: a meeting's body; a deadline's
    (``Item.bodies`` already); for a national item, the bodies of its owning kinds that
    the local files name (their own, and the health boards, local authorities and RPBs
    above them)."""
    if item.bodies or item.kind is not ItemKind.MILESTONE:
        return item.bodies or ((item.body,) if item.body is not None else ())
    return tuple(
        sorted(
            b for b in registry.named if (found := registry.get(b)) and found.kind in item.owners
        )
    )


# How far back the overdue tasks of a tracked meeting series are kept: its last
# TRACKED_MEETINGS meetings within TRACKED_YEARS years. Every expansion is bounded, so
# that an old daily series cannot make a report slow.
TRACKED_MEETINGS = 100
TRACKED_YEARS = 5


def local_first_day(plans: Sequence[LocalPlan]) -> date | None:
    """The first day of the earliest local deadline or tracked meeting series: missed
    local deadlines and tracked tasks stay in a report until done or dropped. Untracked
    series are reminders: only the range of the report is expanded for them."""
    days = [d.when.first for plan in plans for d in plan.deadlines]
    days += [m.start.first for plan in plans for m in plan.meetings if m.track]
    return min(days, default=None)


def _series_first(meeting: Meeting, cadence: Cadence | None, first: date, open_first: date) -> date:
    """Where a series is expanded from: ``first``, or for a tracked series in a report
    that keeps missed tasks, its last ``TRACKED_MEETINGS`` meetings before ``first``
    within ``TRACKED_YEARS`` years."""
    if not meeting.track or open_first >= first:
        return first
    from acd_calendar.meetings import meeting_dates

    earliest = max(open_first, meeting.start.first, _years_before(first, TRACKED_YEARS))
    if earliest >= first:
        return first
    recent: deque[date] = deque(maxlen=TRACKED_MEETINGS)
    recent.extend(meeting_dates(meeting, cadence, earliest, first - timedelta(days=1)))
    return recent[0] if recent else first


def _years_before(day: date, years: int) -> date:
    return date(max(day.year - years, 1), day.month, min(day.day, 28))


def local_items(
    plans: Sequence[LocalPlan],
    dataset: Dataset,
    registry: Registry,
    first: date,
    last: date,
    open_first: date | None = None,
) -> list[Item]:
    """The deadlines and meetings (with their tasks) of local files within the range;
    with ``open_first``, local deadlines and tracked meeting tasks from that day on."""
    items: list[Item] = []
    index = NationalIndex(dataset)
    start = min(first, open_first or first)
    for plan in plans:
        scope = registry.scope_set(plan)
        for deadline in plan.deadlines:
            item = deadline_item(deadline, index, registry, plan)
            if item.end >= start and item.when.first <= last:
                items.append(item)
        for meeting in plan.meetings:
            from acd_calendar.meetings import meeting_items  # only when there are meetings

            body = registry.get(meeting.body)
            kind = body.kind if body else Kind.PCPG
            cadence = dataset.cadence(meeting.cadence) if meeting.cadence else None
            series_first = _series_first(meeting, cadence, first, start)
            items.extend(
                item._replace(scope=scope)
                for item in meeting_items(
                    meeting,
                    kind,
                    dataset,
                    series_first,
                    last,
                    body.name if body else None,
                    body.welsh_name if body else None,
                )
            )
    return items


def combined_items(
    dataset: Dataset,
    plans: Sequence[LocalPlan],
    registry: Registry,
    first: date,
    last: date,
    local_first: date | None = None,
) -> list[Item]:
    """National and local items whose windows touch ``first``..``last`` (local ones from
    ``local_first`` when given), in date order, each with its owning bodies."""
    items = expand(dataset, first, last) + local_items(
        plans, dataset, registry, first, last, local_first
    )
    if registry.named:
        items = [i._replace(bodies=owning_bodies(i, registry)) for i in items]
    return sorted(items, key=Item.sort_key)


def completions_by_item(
    plans: Sequence[LocalPlan], items: Iterable[Item], registry: Registry | None = None
) -> dict[str, dict[str, date]]:
    """For each item id, the bodies that completed it and the day (the earliest, when
    a body recorded it twice).

    A meeting that took place had its agenda items and papers, so completing a meeting
    completes those two tasks as well; its draft minutes need a completion of their own.
    """
    found: dict[str, dict[str, date]] = {}
    for plan in plans:
        for completion in plan.completions:
            body = canonical(registry, completion.body) if registry else completion.body
            day = completion.date.first
            bodies = found.setdefault(completion.item, {})
            bodies[body] = min(day, bodies.get(body, day))
    for item in items:
        if item.prepares is not None and item.prepares in found:
            found.setdefault(item.id, {}).update(found[item.prepares])
    return found


def completed(
    plans: Sequence[LocalPlan],
    body: str | None,
    items: Iterable[Item],
    as_of: date | None = None,
    registry: Registry | None = None,
) -> set[str]:
    """Ids of the items done (on or before ``as_of``, when given): by ``body``; or, with
    no body, items whose owning bodies have all completed them (for an item without
    named owning bodies, a completion by one of its owners)."""
    items = list(items)
    by_item = completions_by_item(plans, items, registry)
    done: set[str] = set()
    for item in items:
        days = {b: d for b, d in by_item.get(item.id, {}).items() if as_of is None or d <= as_of}
        if item.completed_on is not None and (as_of is None or item.completed_on <= as_of):
            finished = True  # a national fact of completion: done for every body
        elif body is not None:
            finished = body in days
        elif item.bodies:
            finished = all(b in days for b in item.bodies)
        else:
            # no named owning bodies: a completion by a named owner, or by any body of
            # an owning kind
            finished = bool(set(days) & {*item.owner_bodies, item.body}) or (
                registry is not None
                and any((found := registry.get(b)) and found.kind in item.owners for b in days)
            )
        if finished:
            done.add(item.id)
    return done
