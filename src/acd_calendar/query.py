"""What a report is asked for: one frozen value the CLI builds from its options.

The as-of date, the kind or named body, the range of days, the status horizon
(``within``/``since``) and the local files travel together from the CLI to the report
builders; the defaults and limits of each command's range live here, once.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from acd_calendar.dates import (
    DateFormError,
    financial_year_bounds,
    financial_year_of,
    parse_planning_year,
)
from acd_calendar.errors import UsageError
from acd_calendar.i18n import Lang
from acd_calendar.kinds import Kind
from acd_calendar.schedule import DEFAULT_WITHIN_DAYS, Horizon, listing_end

DUE_LOOKAHEAD_DAYS = 366  # `acd due` expands at least a year ahead
ICS_MAX_DAYS = 20 * 366
TIMELINE_MAX_DAYS = 3 * 366


class Query(NamedTuple):
    """One report's question.

    ``first`` is None for "from the first dated item of the national data" (``acd due
    --all``); ``show_all`` lists every status, not only overdue, due and upcoming;
    ``open_local`` keeps local deadlines from before ``first`` (a missed one stays
    overdue until done or dropped). ``lang`` is the language of texts for people
    (``--lang``); keys, ids and status values stay English in every language. Built
    with keywords.
    """

    as_of: date
    last: date
    kind: Kind | None = None
    body: str | None = None
    within: int = DEFAULT_WITHIN_DAYS
    since: date | None = None
    first: date | None = None
    show_all: bool = False
    open_local: bool = False
    files: tuple[Path, ...] = ()
    data: Path | None = None
    lang: Lang = Lang.EN

    @property
    def horizon(self) -> Horizon:
        return Horizon(self.as_of, self.within, self.since)


def due_range(
    as_of: date, within: int, since: date | None, *, show_all: bool
) -> tuple[date | None, date]:
    """``acd due``: from ``since`` (90 days back by default) to a year or ``within`` days
    ahead; with ``show_all``, from the first dated item to the end of next planning
    year."""
    if since is not None and since > as_of:
        raise UsageError(f"--since: {since} is after the as-of date {as_of}")
    if show_all:
        return None, listing_end(as_of)
    horizon = Horizon(as_of, within, since)
    return horizon.overdue_since, as_of + timedelta(days=max(within, DUE_LOOKAHEAD_DAYS))


def ics_range(as_of: date, first: date | None, last: date | None) -> tuple[date, date]:
    """``acd ics``: the current and the next planning year unless ``--from``/``--to``."""
    year = financial_year_of(as_of)
    first = first or financial_year_bounds(year)[0]
    last = last or financial_year_bounds(year + 1)[1]
    _check_range(first, last, ICS_MAX_DAYS, "a calendar covers twenty years at the most")
    return first, last


def timeline_range(
    as_of: date, year: str | None, first: date | None, last: date | None
) -> tuple[date, date]:
    """``acd timeline``: a planning year (the as-of date's by default) or a range."""
    if year is not None and (first or last):
        raise UsageError("--year and --from/--to: give one or the other")
    if year is not None:
        try:  # 2027/28 or 2027-28
            first, last = financial_year_bounds(parse_planning_year(year))
        except DateFormError as exc:
            raise UsageError(f"--year: {exc}") from None
    else:
        default_first, default_last = financial_year_bounds(financial_year_of(as_of))
        first = first or default_first
        last = last or default_last
    _check_range(first, last, TIMELINE_MAX_DAYS, "a timeline covers three years at the most")
    return first, last


def _check_range(first: date, last: date, most: int, too_long: str) -> None:
    if last < first:
        raise UsageError(f"--to: {last} is before --from {first}")
    if (last - first).days > most:
        raise UsageError(f"--to: {too_long}")
