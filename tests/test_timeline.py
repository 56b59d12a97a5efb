"""``acd timeline``: the chart's structure at a fixed width and date."""

from __future__ import annotations

import xml.dom.minidom
from datetime import date
from pathlib import Path

import pytest

from acd_calendar.dates import parse_when
from acd_calendar.kinds import Kind
from acd_calendar.national import Basis
from acd_calendar.schedule import Entry, Item, Status
from acd_calendar.timeline import GLYPHS, TODAY, Chart, layout, months_between
from conftest import REPO, Run

EXAMPLE = str(REPO / "examples" / "hywel-dda.yaml")
FIRST, LAST = date(2026, 4, 1), date(2027, 3, 31)


def entry(
    item_id: str,
    when: str,
    status: Status,
    deadline: bool = False,
    owners: tuple[Kind, ...] = (Kind.CLUSTER,),
) -> Entry:
    item = Item(
        id=item_id,
        rule=item_id,
        title=item_id.title(),
        when=parse_when(when),
        is_deadline=deadline,
        owners=owners,
        involved=(),
        basis=Basis.GUIDANCE,
        source=None,
        depends_on=(),
        lead_days=14,
    )
    return Entry(item, status, 0)


def chart_of(entries: list[Entry], as_of: date = date(2026, 11, 24)) -> Chart:
    """The 2026/27 planning year at 100 characters."""
    return layout(entries, FIRST, LAST, as_of, width=100, title="t")


def covered(cells: list[str], glyph: str) -> list[int]:
    """Indexes of the months whose cell shows ``glyph``."""
    return [i for i, cell in enumerate(cells) if glyph in cell]


def test_months_of_a_planning_year() -> None:
    months = months_between(FIRST, LAST)
    assert [(m.year, m.month) for m in months][:2] == [(2026, 4), (2026, 5)]
    assert (months[-1].year, months[-1].month) == (2027, 3) and len(months) == 12


def test_a_window_covers_its_months_and_a_deadline_marks_its_day() -> None:
    entries = [
        entry("response", "2026-09..2026-11", Status.DUE),
        entry("draft", "2026-11", Status.DUE, deadline=True),
    ]
    chart = chart_of(entries)
    assert chart.cell_width == (100 - 36 - 1) // 12
    rows = {r.label: r for r in chart.rows if r.entry}
    assert covered(rows["Response"].cells, GLYPHS[Status.DUE][0]) == [5, 6, 7]  # Sep-Nov
    assert all(c == GLYPHS[Status.DUE][0] * chart.cell_width for c in rows["Response"].cells[5:8])
    assert covered(rows["Draft"].cells, GLYPHS[Status.DUE][1]) == [7]
    assert rows["Draft"].cells[7].endswith(GLYPHS[Status.DUE][1])  # the month's last day


def test_as_of_marker_stands_in_its_month() -> None:
    chart = chart_of([entry("later", "2027-02", Status.LATER)])
    assert chart.marker is not None
    month, char = chart.marker
    assert month == 7  # November
    assert char == (24 - 1) * chart.cell_width // 30
    row = next(r for r in chart.rows if r.entry)
    assert row.cells[7][char] == TODAY
    assert covered(row.cells, TODAY) == [7]


def test_no_marker_outside_the_range() -> None:
    chart = chart_of([], date(2027, 5, 1))
    assert chart.marker is None


def test_done_items_are_drawn_as_done() -> None:
    chart = chart_of([entry("draft", "2026-11-16", Status.DONE, deadline=True)])
    row = next(r for r in chart.rows if r.entry)
    assert covered(row.cells, "✓") == [7]


def test_items_outside_the_range_are_clipped_at_the_edge() -> None:
    chart = chart_of([entry("long", "2025-10..2026-05", Status.PAST)])
    row = next(r for r in chart.rows if r.entry)
    assert covered(row.cells, ".") == [0, 1]


def test_rows_are_grouped_by_owner_kind_in_the_flow() -> None:
    entries = [
        entry("plan", "2026-12", Status.UPCOMING, owners=(Kind.PCPG,)),
        entry("response", "2026-07..2026-09", Status.OVERDUE, owners=(Kind.PC,)),
        entry("draft", "2026-11", Status.DUE, True, owners=(Kind.CLUSTER, Kind.PCPG)),
    ]
    chart = chart_of(entries)
    assert [r.label for r in chart.rows] == [
        "Professional collaborative",
        "Response",
        "Cluster",
        "Draft",
        "Pan cluster planning group",
        "Plan",
    ]


@pytest.mark.parametrize("width", [40, 60, 200])
def test_it_fits_the_width(width: int) -> None:
    chart = layout(
        [entry("response", "2026-09..2026-11", Status.DUE)],
        FIRST,
        LAST,
        date(2026, 11, 24),
        width=width,
        title="t",
    )
    assert chart.label_width + 1 + 12 * chart.cell_width <= max(width, 16 + 1 + 12)
    assert len(chart.header()) <= max(width, 16 + 1 + 12)
    if chart.cell_width < 3:  # month columns shrink to initials
        assert chart.header().replace(" ", "") == "AMJJASONDJFM"


def test_cli_plain_text_when_piped(run: Run) -> None:
    result = run("timeline", "--as", "cluster", "--on", "2026-11-24")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "ACD planning: Cluster, 2026/27, as of 2026-11-24"
    assert lines[1].split() == [
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
        "Jan",
        "Feb",
        "Mar",
    ]
    assert "\x1b[" not in result.stdout
    assert all(len(line) <= 100 for line in lines)
    draft = next(line for line in lines if "Draft cluster plan for 2027/28" in line)
    assert "◆" in draft
    legend = lines[-1]
    assert "overdue" in legend and "done" in legend


def test_cli_shows_a_bodys_completions(run: Run) -> None:
    out = run(
        "timeline", "--file", EXAMPLE, "--body", "ceredigion-pcpg", "--on", "2026-11-24"
    ).stdout
    held = next(line for line in out.splitlines() if "PCPG meeting, 13 October 2026" in line)
    assert "✓" in held


def test_svg_and_html_are_written(run: Run, tmp_path: Path) -> None:
    svg, html = tmp_path / "t.svg", tmp_path / "t.html"
    result = run(
        "timeline",
        "--as",
        "pcpg",
        "--year",
        "2026/27",
        "--on",
        "2026-11-24",
        "--svg",
        str(svg),
        "--html",
        str(html),
    )
    assert result.exit_code == 0, result.output
    root = xml.dom.minidom.parse(str(svg)).documentElement
    assert root is not None and root.tagName == "svg"
    picture = svg.read_text(encoding="utf-8")
    # a chart, not a terminal recording: its own title and description, no window
    # decoration, no fonts from another host
    assert '<title id="chart-title">ACD planning: Pan cluster planning group, 2026/27' in picture
    assert "<desc" in picture and "PCPG three-year plan 2027/30 refreshed" in picture
    assert "@font-face" not in picture and "https://" not in picture
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<table" in page and "<svg" in page and "<link" not in page


def test_readme_picture_is_current(run: Run, tmp_path: Path) -> None:
    """docs/timeline-cluster.svg is what the command in the README makes today."""
    target = tmp_path / "timeline.svg"
    run("timeline", "--as", "cluster", "--on", "2026-11-24", "--svg", str(target))
    assert target.read_bytes() == (REPO / "docs" / "timeline-cluster.svg").read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2026/28"], "--year: '2026/28' is not a financial year"),
        (["--year", "2026-11"], "is not a planning year"),
        (["--year", "2026/27", "--from", "2026-05-01"], "give one or the other"),
        (["--from", "2027-01-01", "--to", "2026-01-01"], "is before --from"),
        (["--from", "2020-01-01", "--to", "2026-01-01"], "three years at the most"),
    ],
)
def test_timeline_usage_errors(run: Run, args: list[str], message: str) -> None:
    result = run("timeline", *args)
    assert result.exit_code == 2 and message in result.stderr
