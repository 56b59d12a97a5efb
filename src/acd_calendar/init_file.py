"""``acd init``: a commented starter local file for one health board."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from acd_calendar.dates import financial_year_of, working_day_on_or_before
from acd_calendar.i18n import ENGLISH, N_, Tongue, Voice
from acd_calendar.national import NationalBodies


def _second_tuesday_after(day: date) -> date:
    year, month = (day.year, day.month + 1) if day.month < 12 else (day.year + 1, 1)
    first = date(year, month, 1)
    return date(year, month, 1 + (1 - first.weekday()) % 7 + 7)


def _comment(
    voice: Voice, indent: str, message: str, **values: str | Callable[[Tongue], str]
) -> str:
    """A comment in each language of ``voice`` (Welsh first), each line marked ``#``;
    a value may depend on the language."""

    def lines(tongue: Tongue) -> str:
        filled = {k: v if isinstance(v, str) else v(tongue) for k, v in values.items()}
        text = tongue._(message, **filled)
        return "\n".join(f"{indent}# {line}".rstrip() for line in text.split("\n"))

    return voice.text(lines, f"\n{indent}#\n")


def starter_file(
    national: NationalBodies,
    health_board: str,
    today: date,
    path: str | None = None,
    voice: Voice = ENGLISH,
) -> str:
    """A local file that passes ``acd check`` as written, dated from ``today``.

    ``path`` is where it will be (its comments name it); ids start with the board's
    county so that the starter files of two boards can be checked together, and the
    example deadline is the next one at least a fortnight after ``today``. Its comments
    are in the language of ``voice``; with Welsh, the example PCPG and cluster carry
    ``welsh_name`` and the example deadline ``title_cy``.
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

    def named(name: str, welsh_name: str | None) -> str:
        """The name with the Welsh one, Welsh first in a Welsh file."""
        if welsh_name in (None, name):
            return name
        return f"{welsh_name} ({name})" if not voice.english else f"{name} ({welsh_name})"

    la_lines = "\n".join(f"#   {a.id:<20} {named(a.name, a.welsh_name)}" for a in authorities)
    rpb_name = rpb.name if voice.english else named(rpb.name, rpb.welsh_name)
    file = path
    header = _comment(
        voice,
        "",
        N_(
            "Local ACD planning file for {board}.\n"
            "Check it with `acd check {file}`; see what is due with\n"
            "`acd due --file {file} --body {pcpg}`;\n"
            "record what is done with `acd done ID --file {file} --body {pcpg}`.\n"
            "(`acd schema > acd-local.schema.json` lets your editor complete and validate it.)"
        ),
        board=lambda t: t.body_name(board.name, board.welsh_name),
        file=file,
        pcpg=f"{county.id}-pcpg",
    )
    bodies_heading = _comment(
        voice, "", N_("Local authorities of this health board (parents for PCPGs), and the RPB:")
    )
    dates_help = _comment(
        voice,
        "",
        N_(
            "Dates: a day 2026-11-30, a month 2026-11, a span 2026-09..2026-11,\n"
            'a quarter 2026/27 Q3 or a financial year 2026/27. Quote times: "14:00".'
        ),
    )
    feeds_help = _comment(
        voice,
        "  ",
        N_(
            "An internal date ahead of the national one: the check fails if it is later than\n"
            "the draft cluster plan it feeds in the same financial year."
        ),
    )
    meetings_help = _comment(
        voice,
        "  ",
        N_(
            "Every two months on the same weekday of the month as the first meeting\n"
            "({day} is a second Tuesday).\n"
            "Agenda items are due 14 days before, papers by the Friday before, draft minutes\n"
            "10 working days after, each moved off weekends and bank holidays."
        ),
        day=lambda t: t.day_label(first_meeting),
    )
    welsh = not voice.english
    county_cy = county.welsh_name or county.name
    pcpg_cy = f"\n    welsh_name: Grŵp Cynllunio Pan-Glwstwr {county_cy}" if welsh else ""
    cluster_cy = "\n    welsh_name: Clwstwr Enghreifftiol (newidiwch yr enw)" if welsh else ""
    title_cy = "\n    title_cy: Cynlluniau clwstwr drafft i arweinydd y PCPG" if welsh else ""
    return f"""\
# yaml-language-server: $schema=acd-local.schema.json
#
{header}
#
{bodies_heading}
{la_lines}
#   {rpb.id:<20} {rpb_name}
#
{dates_help}
version: 1
health_board: {health_board}

bodies:
  - id: {county.id}-pcpg
    kind: pcpg
    name: {county.name} Pan Cluster Planning Group{pcpg_cy}
    parent: {county.id}
  - id: {county.id}-example-cluster
    kind: cluster
    name: Example Cluster (rename me){cluster_cy}
    parent: {county.id}-pcpg

deadlines:
{feeds_help}
  - id: {county.id}-draft-cluster-plans-{year}
    title: Draft cluster plans to the PCPG lead{title_cy}
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
{meetings_help}
  - id: {county.id}-pcpg-meetings
    body: {county.id}-pcpg
    cadence: pcpg-meeting
    start: {first_meeting.isoformat()}
    time: "14:00"
    duration_minutes: 120
    place: Online
"""
