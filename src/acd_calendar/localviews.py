"""Local files' deadlines and meetings for ``acd list`` and ``acd show``.

Rows and details in the same shape as the national ones (see catalogue.py), so that
the renderers and the JSON contract treat them alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from acd_calendar.combined import NationalIndex, deadline_item
from acd_calendar.dates import financial_year_label
from acd_calendar.i18n import N_
from acd_calendar.kinds import Kind
from acd_calendar.national import Cadence, Dataset
from acd_calendar.schedule import Horizon, Item, dependents, status_of

if TYPE_CHECKING:
    from acd_calendar.bodies import Registry
    from acd_calendar.i18n import Tongue
    from acd_calendar.local import LocalPlan, Meeting


def _names_of(registry: Registry, body: str) -> tuple[str | None, str | None]:
    """A body's name and Welsh name (None where it has none)."""
    found = registry.get(body)
    return (found.name, found.welsh_name) if found else (None, None)


def _kind_of(registry: Registry, body: str) -> Kind:
    found = registry.get(body)
    return found.kind if found else Kind.PCPG


def _series_when(meeting: Meeting, cadence: Cadence | None, tongue: Tongue | None = None) -> str:
    every = meeting.every_months or (cadence.every_months if cadence else None)
    if tongue is not None:
        start = tongue._("from {date}", date=tongue.when_label(meeting.start, is_deadline=False))
        if meeting.rrule:
            return tongue._("{start}, by its own rule (RRULE)", start=start)
        if every:
            return f"{start}, {tongue.ngettext('every month', 'every {n} months', every)}"
        return start
    if meeting.rrule:
        return f"from {meeting.start.label}, by its own rule (RRULE)"
    return f"from {meeting.start.label}" + (f", every {every} months" if every else "")


def local_rows(
    plans: Sequence[LocalPlan],
    registry: Registry,
    dataset: Dataset,
    kind: Kind | None,
    tongue: Tongue | None = None,
) -> list[dict[str, Any]]:
    """One row per local deadline and meeting series, in file order; their ``when`` texts
    in English unless ``tongue`` is given."""
    rows: list[dict[str, Any]] = []
    index = NationalIndex(dataset)
    for plan in plans:
        for deadline in plan.deadlines:
            item = deadline_item(deadline, index, registry, plan)
            if kind is None or kind in item.owners or kind in item.involved:
                rows.append(
                    {
                        "id": item.id,
                        "type": "deadline",
                        "when": tongue.when_label(item.when, item.is_deadline)
                        if tongue
                        else item.when_label,
                        "title": item.title,
                        "title_cy": item.title_cy,
                        "owners": [k.value for k in item.owners if k.value not in item.owner_bodies]
                        + list(item.owner_bodies),
                        "involved": [k.value for k in item.involved] + list(item.involved_bodies),
                        "basis": item.basis.value if item.basis else "local",
                    }
                )
        for meeting in plan.meetings:
            body_kind = _kind_of(registry, meeting.body)
            if kind is not None and kind is not body_kind:
                continue
            cadence = dataset.cadence(meeting.cadence) if meeting.cadence else None
            rows.append(
                {
                    "id": meeting.id,
                    "type": "meetings",
                    "when": _series_when(meeting, cadence, tongue),
                    **_series_titles(meeting, cadence, tongue),
                    "owners": [meeting.body],
                    "involved": [],
                    "basis": cadence.basis.value if cadence else "local",
                }
            )
    return rows


def _series_titles(
    meeting: Meeting, cadence: Cadence | None, tongue: Tongue | None
) -> dict[str, str | None]:
    """A series' title and Welsh title: its own, its cadence's, or one this tool makes
    (in Welsh from the catalogue, when ``tongue`` is Welsh)."""
    if meeting.title:
        return {"title": meeting.title, "title_cy": meeting.title_cy}
    if cadence is not None:
        return {"title": cadence.title, "title_cy": cadence.title_cy}
    welsh = tongue._(MEETINGS) if tongue is not None and tongue.welsh else None
    return {"title": MEETINGS, "title_cy": welsh}


MEETINGS = N_("Meetings")


def _brief(item: Item, tongue: Tongue | None = None) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "title_cy": _title_cy(item, tongue),
        "when": tongue.when_label(item.when, item.is_deadline) if tongue else item.when_label,
        "end": item.end.isoformat(),
    }


def _title_cy(item: Item, tongue: Tongue | None) -> str | None:
    """The Welsh title: a local file's, or with a Welsh ``tongue`` the one it makes for
    a meeting or task (None where there is none: shown as the English marked "(en)")."""
    if tongue is not None and tongue.welsh and item.meeting_day is not None:
        return tongue.title(item)
    return item.title_cy


def _item_details(
    item: Item, items: list[Item], as_of: date, type_: str, tongue: Tongue | None = None
) -> dict[str, Any]:
    by_id = {i.id: i for i in items}
    return {
        "id": item.id,
        "type": type_,
        "rule": item.rule,
        "title": item.title,
        "title_cy": _title_cy(item, tongue),
        "when": tongue.when_label(item.when, item.is_deadline) if tongue else item.when_label,
        "start": item.start.isoformat() if item.start else None,
        "end": item.end.isoformat(),
        "as_of": as_of.isoformat(),
        "status": status_of(item, Horizon(as_of)).value,
        "days_left": (item.end - as_of).days,
        "lead_days": item.lead_days,
        "planning_year": None,
        "owners": [k.value for k in item.owners if k.value not in item.owner_bodies]
        + list(item.owner_bodies),
        "involved": [k.value for k in item.involved] + list(item.involved_bodies),
        "basis": item.basis.value if item.basis else None,
        "source": item.source.details() if item.source else None,
        "note": item.note,
        "note_cy": item.note_cy,
        "depends_on": [
            _brief(by_id[d], tongue) if d in by_id else {"id": d} for d in item.depends_on
        ],
        "needed_by": [_brief(i, tongue) for i in dependents(items, item.id)],
    }


def describe_local(
    dataset: Dataset,
    plans: Sequence[LocalPlan],
    registry: Registry,
    item_id: str,
    as_of: date,
    tongue: Tongue | None = None,
) -> dict[str, Any] | None:
    """A local deadline, meeting series, meeting or meeting task by id; None if none.

    Its ``when`` texts in English unless ``tongue`` is given (then, in Welsh, the titles
    this tool makes for meetings too)."""
    from acd_calendar.combined import combined_items
    from acd_calendar.meetings import meeting_items

    for plan in plans:
        for deadline in plan.deadlines:
            if deadline.id == item_id:
                item = deadline_item(deadline, NationalIndex(dataset), registry, plan)
                around = combined_items(
                    dataset,
                    plans,
                    registry,
                    item.when.first - timedelta(days=800),
                    item.end + timedelta(days=800),
                )
                details = _item_details(item, around, as_of, "deadline", tongue)
                details["planning_year"] = financial_year_label(
                    item.end.year if item.end.month > 3 else item.end.year - 1
                )
                return details
        for meeting in plan.meetings:
            kind = _kind_of(registry, meeting.body)
            if meeting.id == item_id:
                upcoming = meeting_items(
                    meeting,
                    kind,
                    dataset,
                    as_of,
                    as_of + timedelta(days=366),
                    *_names_of(registry, meeting.body),
                )
                cadence = dataset.cadence(meeting.cadence) if meeting.cadence else None
                return {
                    "id": meeting.id,
                    "type": "meetings",
                    **_series_titles(meeting, cadence, tongue),
                    "when": _series_when(meeting, cadence, tongue),
                    "owners": [meeting.body],
                    "involved": [],
                    "basis": cadence.basis.value if cadence else "local",
                    "place": meeting.place,
                    "rrule": meeting.rrule,
                    "time": meeting.time,
                    "next": [_brief(i, tongue) for i in upcoming if i.event][:3],
                }
            if item_id.startswith(f"{meeting.id}-"):
                day_text = item_id[len(meeting.id) + 1 : len(meeting.id) + 11]
                try:
                    day = date.fromisoformat(day_text)
                except ValueError:
                    continue
                items = meeting_items(
                    meeting,
                    kind,
                    dataset,
                    day - timedelta(days=60),
                    day + timedelta(days=60),
                    *_names_of(registry, meeting.body),
                )
                found = next((i for i in items if i.id == item_id), None)
                if found is not None:
                    type_ = "meeting" if found.event else "meeting task"
                    return _item_details(found, items, as_of, type_, tongue)
    return None


def local_ids(
    dataset: Dataset, plans: Sequence[LocalPlan], registry: Registry, around: date
) -> list[str]:
    """Every local id near ``around``: for suggestions."""
    from acd_calendar.combined import local_items

    ids = [d.id for plan in plans for d in plan.deadlines]
    ids += [m.id for plan in plans for m in plan.meetings]
    ids += [
        i.id
        for i in local_items(
            plans, dataset, registry, around - timedelta(days=400), around + timedelta(days=400)
        )
    ]
    return list(dict.fromkeys(ids))
