"""The national data described for people: the list of rules and one item in full."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from acd_calendar.dates import financial_year_label
from acd_calendar.errors import UsageError
from acd_calendar.kinds import Kind
from acd_calendar.national import Cadence, Cycle, Dataset, Dated
from acd_calendar.schedule import Horizon, Item, dependents, expand, find_item, status_of

if TYPE_CHECKING:
    from acd_calendar.dates import When
    from acd_calendar.i18n import Tongue


def cycle_when(cycle: Cycle, tongue: Tongue | None = None) -> str:
    if tongue is not None:
        return tongue.ngettext(
            "every year from {first}",
            "every {n} years from {first}",
            cycle.every,
            first=financial_year_label(cycle.first),
        )
    every = "every year" if cycle.every == 1 else f"every {cycle.every} years"
    return f"{every} from {financial_year_label(cycle.first)}"


def cadence_when(cadence: Cadence, tongue: Tongue | None = None) -> str:
    if tongue is not None:
        return tongue.ngettext("every month", "every {n} months", cadence.every_months)
    return f"every {cadence.every_months} months"


def _when_label(rule: Dated | Item, tongue: Tongue | None = None, when: When | None = None) -> str:
    when = when or rule.when
    if tongue is not None:
        return tongue.when_label(when, rule.is_deadline)
    return when.deadline_label if rule.is_deadline else when.label


def _involves(kind: Kind | None, owners: Sequence[Kind], involved: Sequence[Kind]) -> bool:
    return kind is None or kind in owners or kind in involved


def catalogue_rows(
    dataset: Dataset, kind: Kind | None = None, tongue: Tongue | None = None
) -> list[dict[str, Any]]:
    """One row per milestone, cycle and cadence, in date order within each section.

    ``when`` is in English unless ``tongue`` is given; titles in both languages.
    """
    rows: list[dict[str, Any]] = []
    for m in sorted(dataset.milestones, key=lambda m: (m.when.last, m.id)):
        if _involves(kind, m.owners, m.involved):
            rows.append(_row(m, "milestone", _when_label(m, tongue)))
    for c in sorted(dataset.cycles, key=lambda c: (c.every, c.when.last, c.id)):
        if _involves(kind, c.owners, c.involved):
            title_cy = c.title_for(c.first, c.title_cy) if c.title_cy else None
            rows.append(_row(c, "cycle", cycle_when(c, tongue), c.title_for(c.first), title_cy))
    for cadence in dataset.cadences:
        if _involves(kind, cadence.owners, cadence.involved):
            rows.append(_row(cadence, "cadence", cadence_when(cadence, tongue)))
    return rows


def _row(
    rule: Dated | Cadence,
    type_: str,
    when: str,
    title: str | None = None,
    title_cy: str | None = None,
) -> dict[str, Any]:
    return {
        "id": rule.id,
        "type": type_,
        "when": when,
        "title": title or rule.title,
        "title_cy": title_cy or rule.title_cy,
        "owners": [k.value for k in rule.owners],
        "involved": [k.value for k in rule.involved],
        "basis": rule.basis.value,
    }


def _brief(item: Item, tongue: Tongue | None = None) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "title_cy": item.title_cy,
        "when": _when_label(item, tongue),
        "end": item.end.isoformat(),
    }


def describe(
    dataset: Dataset,
    item_id: str,
    as_of: date,
    extra_ids: Sequence[str] = (),
    *,
    local: bool = False,
    tongue: Tongue | None = None,
) -> dict[str, Any]:
    """Everything about one id: a milestone, a cycle occurrence, a cycle or a cadence.

    ``extra_ids`` (the local files' ids) join the suggestions for an unknown id. Its
    ``when`` texts in English unless ``tongue`` is given.
    """
    if cycle := dataset.cycle(item_id):
        return _describe_cycle(dataset, cycle, as_of, tongue)
    if cadence := dataset.cadence(item_id):
        details = _row(cadence, "cadence", cadence_when(cadence, tongue))
        details.update(
            agenda_days=cadence.agenda_days,
            papers=cadence.papers,
            minutes_working_days=cadence.minutes_working_days,
            source=_source(dataset, cadence.source.document, cadence.source.section),
            note=cadence.note,
            note_cy=cadence.note_cy,
        )
        return details
    item = find_item(dataset, item_id)
    if item is None:
        raise UsageError(_unknown(dataset, item_id, as_of, extra_ids, local=local))
    around = expand(dataset, item.when.first - timedelta(days=800), item.end + timedelta(days=800))
    by_id = {i.id: i for i in around}
    status = status_of(item, Horizon(as_of))
    return {
        "id": item.id,
        "type": "occurrence" if item.planning_year is not None else "milestone",
        "rule": item.rule,
        "title": item.title,
        "title_cy": item.title_cy,
        "when": _when_label(item, tongue),
        "start": item.start.isoformat() if item.start else None,
        "end": item.end.isoformat(),
        "as_of": as_of.isoformat(),
        "status": status.value,
        "days_left": (item.end - as_of).days,
        "lead_days": item.lead_days,
        "planning_year": financial_year_label(item.planning_year)
        if item.planning_year is not None
        else None,
        "owners": [k.value for k in item.owners],
        "involved": [k.value for k in item.involved],
        "basis": item.basis.value if item.basis else None,
        "source": item.source.details() if item.source else None,
        "note": item.note,
        "completed": {
            "date": item.completed_on.isoformat(),
            "assumed": item.completed_assumed,
            "source": item.completed_source.details() if item.completed_source else None,
        }
        if item.completed_on is not None and item.completed_on <= as_of
        else None,
        "note_cy": item.note_cy,
        "depends_on": [
            _brief(by_id[d], tongue) if d in by_id else {"id": d} for d in item.depends_on
        ],
        "needed_by": [_brief(i, tongue) for i in dependents(around, item.id)],
    }


def _describe_cycle(
    dataset: Dataset, cycle: Cycle, as_of: date, tongue: Tongue | None = None
) -> dict[str, Any]:
    years = [
        y
        for y in cycle.planning_years(cycle.first, as_of.year + 12)
        if cycle.when_for(y).last >= as_of
    ][:3]
    # The title of the next occurrence: the rule's own holds {year} placeholders.
    year = years[0] if years else cycle.first
    title = cycle.title_for(year)
    title_cy = cycle.title_for(year, cycle.title_cy) if cycle.title_cy else None
    details = _row(cycle, "cycle", cycle_when(cycle, tongue), title, title_cy)
    details.update(
        every_years=cycle.every,
        first=financial_year_label(cycle.first),
        until=financial_year_label(cycle.until) if cycle.until is not None else None,
        lead_days=dataset.default_lead_days if cycle.lead_days is None else cycle.lead_days,
        depends_on=[{"id": dep} for dep in cycle.depends_on],
        source=_source(dataset, cycle.source.document, cycle.source.section),
        note=cycle.note,
        note_cy=cycle.note_cy,
        next=[
            {
                "id": cycle.occurrence_id(y),
                "title": cycle.title_for(y),
                "title_cy": cycle.title_for(y, cycle.title_cy) if cycle.title_cy else None,
                "when": _when_label(cycle, tongue, cycle.when_for(y)),
            }
            for y in years
        ],
    )
    return details


def _source(dataset: Dataset, document: str, section: str) -> dict[str, str | None]:
    doc = dataset.documents.get(document)
    return {
        "document": doc.title if doc else document,
        "document_cy": doc.title_cy if doc else None,
        "section": section,
    }


def occurrence_ids(dataset: Dataset, as_of: date) -> list[str]:
    """Every cycle occurrence id from the first planning year to ten years after ``as_of``."""
    return [
        cycle.occurrence_id(year)
        for cycle in dataset.cycles
        for year in cycle.planning_years(cycle.first, as_of.year + 10)
    ]


def _unknown(
    dataset: Dataset, item_id: str, as_of: date, extra_ids: Sequence[str], *, local: bool
) -> str:
    ids = [m.id for m in dataset.milestones] + [c.id for c in dataset.cycles]
    ids += [c.id for c in dataset.cadences] + occurrence_ids(dataset, as_of) + list(extra_ids)
    close = difflib.get_close_matches(item_id, ids, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `acd list` shows every id"
    what = (
        "milestone, cycle, cadence, deadline or meeting"
        if local
        else ("milestone, cycle or cadence")
    )
    more = "" if local or close else " (a local deadline or meeting needs --file or acd.toml)"
    return f"no {what} with id {item_id!r}{hint}{more}"
