"""``acd timeline``: a planning year as a Gantt chart, in the terminal or as a picture.

The layout is computed as plain values first (rows of characters, one column of
characters per fraction of a month), so it can be tested without a terminal; rich only
adds colour and exports the same chart as SVG or HTML. Every status has its own glyphs,
so the chart reads the same without colour.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from acd_calendar.dates import month_end
from acd_calendar.i18n import ENGLISH, Tongue, Voice
from acd_calendar.kinds import Kind
from acd_calendar.render import STATUS_STYLE
from acd_calendar.schedule import Entry, Status
from acd_calendar.text import clean

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

# (fill for a window, mark for a one-day deadline) for each status
GLYPHS: dict[Status, tuple[str, str]] = {
    Status.OVERDUE: ("!", "X"),
    Status.WAITING: ("~", "w"),
    Status.DUE: ("#", "◆"),
    Status.UPCOMING: ("=", "◇"),
    Status.DONE: ("+", "✓"),
    Status.LATER: ("-", "○"),
    Status.PAST: (".", "·"),
}
# The colours of the table (render.STATUS_STYLE), but later bars in blue: a dim bar
# would vanish beside the month grid.
STYLES: dict[Status, str] = {**STATUS_STYLE, Status.LATER: "blue"}
TODAY = "│"
ASSUMED = "*"  # before the label of an item whose date is assumed
MIN_LABEL, MAX_LABEL = 16, 44


@dataclass(frozen=True, slots=True)
class Month:
    year: int
    month: int

    @property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return month_end(self.year, self.month)


def months_between(first: date, last: date) -> list[Month]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(Month(year, month))
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return months


@dataclass
class Row:
    """One line of the chart: a group heading (no entry) or an item."""

    label: str
    entry: Entry | None = None
    cells: list[str] = field(default_factory=list)  # one string per month


@dataclass
class Chart:
    title: str
    months: list[Month]
    cell_width: int
    label_width: int
    rows: list[Row]
    as_of: date
    marker: tuple[int, int] | None  # (month index, character) of the as-of date
    voice: Voice = ENGLISH

    def header(self) -> str:
        names = []
        for month in self.months:
            tongue = self.voice.first
            name = tongue.month(month.first)
            if tongue.welsh and self.cell_width >= 4:  # CLDR's abbreviations: Gorff, Tach
                name = tongue.short_month(month.first)[: self.cell_width - 1]
            text = (
                name[:3] if self.cell_width >= 4 and not tongue.welsh else name[: self.cell_width]
            )
            names.append(text.ljust(self.cell_width))
        return " " * (self.label_width + 1) + "".join(names)


def _spans(month: Month, width: int) -> list[tuple[date, date]]:
    """The days each character of a month's cell stands for."""
    days = month.days
    spans = []
    for index in range(width):
        first = index * days // width + 1
        last = max(first, (index + 1) * days // width)
        spans.append((date(month.year, month.month, first), date(month.year, month.month, last)))
    return spans


def primary_kind(entry: Entry) -> Kind:
    """The kind an item is drawn under: the earliest of its owners in the flow."""
    kinds = (*entry.item.owners, *entry.item.named_kinds)
    return min(kinds, key=lambda k: k.order, default=Kind.WELSH_GOVERNMENT)


def layout(
    entries: Iterable[Entry],
    first: date,
    last: date,
    as_of: date,
    width: int,
    title: str,
    voice: Voice = ENGLISH,
) -> Chart:
    """The chart for ``entries`` between ``first`` and ``last`` at ``width`` characters."""
    months = months_between(first, last)
    label_width = max(MIN_LABEL, min(MAX_LABEL, width * 36 // 100))
    cell_width = max(1, (width - label_width - 1) // len(months))
    marker = None
    for index, month in enumerate(months):
        for char, (lo, hi) in enumerate(_spans(month, cell_width)):
            if lo <= as_of <= hi:
                marker = (index, char)
    rows: list[Row] = []
    entries = sorted(
        entries, key=lambda e: (primary_kind(e).order, e.item.when.first, e.item.end, e.item.id)
    )
    current: Kind | None = None
    for entry in entries:
        kind = primary_kind(entry)
        if kind is not current:
            rows.append(Row(voice.text(lambda t: t.kind_label(kind))))  # noqa: B023
            current = kind
        rows.append(_item_row(entry, months, cell_width, marker, voice))
    return Chart(clean(title), months, cell_width, label_width, rows, as_of, marker, voice)


def _item_row(
    entry: Entry,
    months: list[Month],
    width: int,
    marker: tuple[int, int] | None,
    voice: Voice = ENGLISH,
) -> Row:
    item = entry.item
    fill, mark = GLYPHS[entry.status]
    one_day = item.is_deadline or item.when.first == item.end
    cells = []
    for index, month in enumerate(months):
        chars = []
        for char, (lo, hi) in enumerate(_spans(month, width)):
            if one_day and lo <= item.end <= hi:
                chars.append(mark)
            elif not one_day and item.when.first <= hi and item.end >= lo:
                chars.append(fill)
            elif marker == (index, char):
                chars.append(TODAY)
            else:
                chars.append(" ")
        cells.append("".join(chars))
    return Row(clean(voice.title(item)), entry, cells)


def _truncate(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def legend(width: int = 0, voice: Voice = ENGLISH) -> str:
    """Window fill and deadline mark of each status (the same with or without colour),
    in lines of at most ``width`` characters when given; for ``both``, Welsh first."""

    def lines_in(tongue: Tongue) -> str:
        parts = [
            f"{fill}{mark} {tongue.term(status.value)}" for status, (fill, mark) in GLYPHS.items()
        ]
        as_of, assumed = tongue._("as of"), tongue._("assumed date")
        parts += [f"{TODAY} {as_of}", f"{ASSUMED} {assumed}"]
        lines = [parts[0]]
        for part in parts[1:]:
            if width and len(lines[-1]) + 2 + len(part) > width:
                lines.append(part)
            else:
                lines[-1] += "  " + part
        return "\n".join(lines)

    return voice.text(lines_in, "\n")


def chart_text(chart: Chart) -> Text:
    """The chart as rich Text: colour by status where the console allows it."""
    from rich.text import Text

    text = Text()
    width = chart.label_width + 1 + chart.cell_width * len(chart.months)
    text.append(chart.title + "\n", style="bold")
    text.append(chart.header() + "\n", style="bold")
    if chart.marker is not None:
        index, char = chart.marker
        offset = chart.label_width + 1 + index * chart.cell_width + char
        text.append(
            " " * offset
            + "▼ "
            + f"{chart.as_of.day} {chart.voice.first.short_month(chart.as_of)}\n",
            style="bold magenta",
        )
    for row in chart.rows:
        if row.entry is None:
            text.append(_truncate(row.label, chart.label_width) + "\n", style="bold underline")
            continue
        style = STYLES[row.entry.status]
        indent = f"{ASSUMED} " if row.entry.item.assumed else "  "
        text.append(_truncate(indent + row.label, chart.label_width).ljust(chart.label_width) + " ")
        # one segment per run of glyphs of one style: a long chart stays quick to export
        line = "".join(row.cells)
        for run in re.finditer(f"{re.escape(TODAY)}+|[^{re.escape(TODAY)}]+", line):
            text.append(run[0], style="magenta" if run[0][0] == TODAY else style)
        text.append("\n")
        if row.entry.waiting_on:
            # what a waiting item waits on, on a line of its own under it
            names = row.entry.waiting_on
            note = "    " + chart.voice.text(
                lambda t: t._("waiting on {ids}", ids=", ".join(t.term(n) for n in names))  # noqa: B023
            )
            text.append(_truncate(note, max(width, 40)) + "\n", style=style)
    text.append(legend(max(width, 40), chart.voice), style="dim")
    return text


def print_chart(chart: Chart, console: Console) -> None:
    console.print(chart_text(chart), soft_wrap=True, overflow="ignore", crop=False)
