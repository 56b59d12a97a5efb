"""Everything on a body's agenda: national occurrences merged with local files.

Local deadlines and meeting series become ``Item`` values beside the national ones;
completions recorded for a body turn its items ``done``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from acd_calendar.dates import financial_year_of
from acd_calendar.kinds import Kind, parse_kind
from acd_calendar.national import Basis, Dataset
from acd_calendar.schedule import Item, ItemKind, expand, find_item

if TYPE_CHECKING:
    from acd_calendar.bodies import Registry
    from acd_calendar.localfile import Deadline, LocalPlan


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


def resolve_feed(dataset: Dataset, feed: str, day: date) -> Item | None:
    """The national occurrence a local date feeds.

    ``feed`` names a fixed milestone, an occurrence (``cluster-plan-draft-2027-28``) or a
    cycle (``cluster-plan-draft``): for a cycle, the occurrence whose deadline falls in
    the same financial year as ``day``.
    """
    if (item := find_item(dataset, feed)) is not None:
        return item
    cycle = dataset.cycle(feed)
    if cycle is None:
        return None
    year = financial_year_of(day)
    for candidate in expand(dataset, date(year, 4, 1), date(year + 1, 3, 31)):
        if candidate.rule == cycle.id and financial_year_of(candidate.end) == year:
            return candidate
    return None


def deadline_item(deadline: Deadline, dataset: Dataset, registry: Registry) -> Item:
    owners, owner_bodies = split_owners(deadline.owners)
    involved, involved_bodies = split_owners(deadline.involved)
    # A deadline owned by a named body concerns that body's kind as well.
    owners += tuple(
        body.kind
        for name in owner_bodies
        if (body := registry.get(name)) and body.kind not in owners
    )
    feed = resolve_feed(dataset, deadline.feeds, deadline.when.last) if deadline.feeds else None
    return Item(
        id=deadline.id,
        rule=deadline.id,
        title=deadline.title,
        when=deadline.when,
        is_deadline=deadline.due is not None,
        owners=tuple(dict.fromkeys(owners)),
        involved=involved,
        basis=Basis.LOCAL,
        source=None,
        depends_on=tuple(deadline.depends_on) + ((feed.id,) if feed else ()),
        lead_days=dataset.default_lead_days if deadline.lead_days is None else deadline.lead_days,
        note=deadline.note,
        kind=ItemKind.DEADLINE,
        owner_bodies=owner_bodies,
        involved_bodies=involved_bodies,
        feeds=feed.id if feed else None,
    )


def local_items(
    plans: Sequence[LocalPlan], dataset: Dataset, registry: Registry, first: date, last: date
) -> list[Item]:
    """The deadlines and meetings (with their tasks) of local files within the range."""
    items: list[Item] = []
    for plan in plans:
        for deadline in plan.deadlines:
            item = deadline_item(deadline, dataset, registry)
            if item.end >= first and item.when.first <= last:
                items.append(item)
        for meeting in plan.meetings:
            from acd_calendar.meetings import meeting_items

            body = registry.get(meeting.body)
            kind = body.kind if body else Kind.PCPG
            items.extend(meeting_items(meeting, kind, dataset, first, last))
    return items


def agenda(
    dataset: Dataset,
    plans: Sequence[LocalPlan],
    registry: Registry,
    first: date,
    last: date,
) -> list[Item]:
    """National and local items whose windows touch ``first``..``last``, in date order."""
    items = expand(dataset, first, last) + local_items(plans, dataset, registry, first, last)
    return sorted(items, key=Item.sort_key)


def completed(plans: Sequence[LocalPlan], body: str | None, items: Iterable[Item]) -> set[str]:
    """Ids of the items done: by ``body``; or, with no body, local items done by an owner.

    A meeting that took place had its agenda items and papers, so completing a meeting
    completes those two tasks as well; its draft minutes need a completion of their own.
    """
    items = list(items)
    done_by: dict[str, set[str]] = {}
    for plan in plans:
        for completion in plan.completions:
            done_by.setdefault(completion.item, set()).add(completion.body)
    if body is not None:
        done = {item for item, bodies in done_by.items() if body in bodies}
    else:
        done = {
            item.id
            for item in items
            if item.id in done_by and done_by[item.id] & {*item.owner_bodies, item.body}
        }
    done |= {item.id for item in items if item.prepares is not None and item.prepares in done}
    return done
