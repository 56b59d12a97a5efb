"""``acd init``: a commented starter local file for one health board."""

from __future__ import annotations

from datetime import date, timedelta

from acd_calendar.dates import MONTHS, financial_year_of, working_day_on_or_before
from acd_calendar.national import NationalBodies


def _second_tuesday_after(day: date) -> date:
    year, month = (day.year, day.month + 1) if day.month < 12 else (day.year + 1, 1)
    first = date(year, month, 1)
    return date(year, month, 1 + (1 - first.weekday()) % 7 + 7)


def starter_file(
    national: NationalBodies, health_board: str, today: date, path: str | None = None
) -> str:
    """A local file that passes ``acd check`` as written, dated from ``today``.

    ``path`` is where it will be (its comments name it); ids start with the board's
    county so that the starter files of two boards can be checked together, and the
    example deadline is the next one at least a fortnight after ``today``.
    """
    path = path or f"{health_board}.yaml"
    board = next(b for b in national.health_boards if b.id == health_board)
    authorities = [a for a in national.local_authorities if a.health_board == health_board]
    rpb = next(r for r in national.regional_partnership_boards if r.health_board == health_board)
    county = authorities[0]
    year = today.year if date(today.year, 11, 16) >= today + timedelta(days=14) else today.year + 1
    internal = working_day_on_or_before(date(year, 11, 16))
    year = financial_year_of(internal)
    first_meeting = _second_tuesday_after(today)
    la_lines = "\n".join(
        f"#   {a.id:<20} {a.name}"
        + (f" ({a.welsh_name})" if a.welsh_name not in (None, a.name) else "")
        for a in authorities
    )
    return f"""\
# yaml-language-server: $schema=acd-local.schema.json
#
# Local ACD planning file for {board.name}.
# Check it with `acd check {path}`; see what is due with
# `acd due --file {path} --body {county.id}-pcpg`;
# record what is done with `acd done ID --file {path} --body {county.id}-pcpg`.
# (`acd schema > acd-local.schema.json` lets your editor complete and validate it.)
#
# Local authorities of this health board (parents for PCPGs), and the RPB:
{la_lines}
#   {rpb.id:<20} {rpb.name}
#
# Dates: a day 2026-11-30, a month 2026-11, a span 2026-09..2026-11,
# a quarter 2026/27 Q3 or a financial year 2026/27. Quote times: "14:00".
version: 1
health_board: {health_board}

bodies:
  - id: {county.id}-pcpg
    kind: pcpg
    name: {county.name} Pan Cluster Planning Group
    parent: {county.id}
  - id: {county.id}-example-cluster
    kind: cluster
    name: Example Cluster (rename me)
    parent: {county.id}-pcpg

deadlines:
  # An internal date ahead of the national one: the check fails if it is later than
  # the draft cluster plan it feeds in the same financial year.
  - id: {county.id}-draft-cluster-plans-{year}
    title: Draft cluster plans to the PCPG lead
    owners: [cluster]
    due: {internal.isoformat()}
    feeds: cluster-plan-draft
    lead_days: 21

completions:
  # `acd done` adds entries here; or remove the # of the three lines below.
  # - item: {county.id}-draft-cluster-plans-{year}
  #   body: {county.id}-example-cluster
  #   date: {internal.isoformat()}

meetings:
  # Every two months on the same weekday of the month as the first meeting
  # ({first_meeting.day} {MONTHS[first_meeting.month]} {first_meeting.year} is a second Tuesday).
  # Agenda items are due 14 days before, papers by the Friday before, draft minutes
  # 10 working days after, each moved off weekends and bank holidays.
  - id: {county.id}-pcpg-meetings
    body: {county.id}-pcpg
    cadence: pcpg-meeting
    start: {first_meeting.isoformat()}
    time: "14:00"
    duration_minutes: 120
    place: Online
"""
