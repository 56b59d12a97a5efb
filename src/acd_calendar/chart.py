"""The planning chart as a plain SVG picture, for the site, board papers and slides.

Why a small writer of our own rather than a library: the picture is rectangles,
diamonds, lines and text on a month grid, which a few hundred lines draw exactly as
wanted; matplotlib would add ~0.3 s of import and fonts of its own, plotting libraries
for the web need JavaScript, and svgwrite is no longer maintained. Everything here is
standard library, imported only by the commands that draw.

Choices, and why:

- Plain SVG 1.1 with presentation attributes only: no ``<style>``, no CSS variables,
  no ``<pattern>``, no ``<clipPath>``, no fonts of its own, so that Word, PowerPoint and
  every browser draw it alike. Hatching is drawn as line segments.
- Each status has a shape and a fill pattern as well as a colour (a hatched bar and a
  triangle for overdue, a solid bar and a filled diamond for due, a bar of upright
  stripes and a tick for done, a bar struck through and a dot for past, ...), and a
  legend names them: no two statuses differ by colour alone, so the chart reads the
  same in greyscale. A status this module does
  not know (a newer version's) is drawn in grey with a square and its name.
- ``<title>`` and ``<desc>`` first, ``role="img"`` and ``aria-labelledby`` so that
  screen readers announce it; each bar and mark has a ``<title>`` of its own. The site
  prints the same items as a table beside it.
- Labels are wrapped on word boundaries to the label column, never cut; the width of
  a line is estimated from the widths of its letters (a line of capital Ws is twice as
  wide as one of i's), and a word too long for a line is broken.
- Text from files is cleaned by ``text.clean`` (control and bidirectional format
  characters become U+FFFD, which also leaves nothing XML 1.0 forbids) and escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr

from acd_calendar.dates import MONTHS, month_end
from acd_calendar.i18n import ENGLISH, N_, Tongue, Voice
from acd_calendar.kinds import Kind
from acd_calendar.schedule import Entry

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
WIDTH = 1100
LABEL_WIDTH = 340
RIGHT = 24  # room for the whole mark of a deadline on the last day
TEXT = "#0b0c0c"
GRID = "#b1b4b6"
LINE_HEIGHT = 16


@dataclass(frozen=True, slots=True)
class Look:
    """How one status is drawn: colour, bar pattern and deadline mark."""

    label: str
    colour: str  # stroke and text: 4.5:1 or better on white
    fill: str  # bar fill
    pattern: str  # solid, hatch, outline, dashed, dotted, stripes, strike
    mark: str  # triangle, diamond, diamond-open, tick, circle-open, square


LOOKS: dict[str, Look] = {
    "overdue": Look(N_("Overdue"), "#b10e1e", "#f6d7d2", "hatch", "triangle"),
    "due": Look(N_("Due"), "#594d00", "#ffdd00", "solid", "diamond"),
    "upcoming": Look(N_("Upcoming"), "#1d70b8", "#ffffff", "outline", "diamond-open"),
    "waiting": Look(N_("Waiting"), "#4c2c92", "#e2daf1", "dotted", "square"),
    "done": Look(N_("Done"), "#00703c", "#cce2d8", "stripes", "tick"),
    "later": Look(N_("Later"), "#505a5f", "#ffffff", "dashed", "circle-open"),
    "past": Look(N_("Past"), "#505a5f", "#e8eaeb", "strike", "dot"),
}


def look(status: str) -> Look:
    """The look of a status by its value; a status unknown here still gets one."""
    return LOOKS.get(status) or Look(status.capitalize(), "#505a5f", "#f3f2f1", "dotted", "square")


def clean(text: str) -> str:
    """Text safe inside an XML element: cleaned as everywhere (``text.clean``), escaped."""
    from acd_calendar.text import clean as clean_text

    return escape(clean_text(text))


def attr(text: str) -> str:
    from acd_calendar.text import clean as clean_text

    return quoteattr(clean_text(text))


def short_date(day: date, tongue: Tongue = ENGLISH.first) -> str:
    if not tongue.welsh:
        return f"{day.day} {MONTHS[day.month][:3]} {day.year}"
    return f"{day.day} {tongue.short_month(day)} {day.year}"


@dataclass(frozen=True, slots=True)
class Row:
    heading: str | None
    lines: list[str]
    entry: Entry | None
    y: float
    height: float


# Widths of letters at 13 px in the common sans-serif system fonts, rounded up, so that
# an estimated line is never narrower than the drawn one.
_NARROW = frozenset("fijlrtI!|.,;:'`()[] ")
_WIDE = frozenset("mwMW@%&")


def text_width(text: str, size: float = 13) -> float:
    """A generous estimate of the width of ``text`` in pixels at ``size``."""
    width = 0.0
    for character in text:
        if character in _NARROW:
            width += 4.5
        elif character in _WIDE:
            width += 12.5
        elif character.isupper() or character.isdigit():
            width += 9.0
        else:
            width += 7.5
    return width * size / 13


def wrap(text: str, width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` pixels: on spaces, and a word too long
    for a line broken where it reaches the end (a label never runs over the chart)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        while text_width(word) > width:
            cut = 1
            while cut < len(word) and text_width(word[: cut + 1]) <= width:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def primary_kind(entry: Entry) -> Kind:
    """The kind an item is drawn under: the earliest of its owners in the flow."""
    kinds = (*entry.item.owners, *entry.item.named_kinds)
    return min(kinds, key=lambda k: k.order, default=Kind.WELSH_GOVERNMENT)


def _rows(
    entries: Iterable[Entry],
    top: float,
    name_of: Callable[[str], str],
    voice: Voice = ENGLISH,
) -> list[Row]:
    rows: list[Row] = []
    ordered = sorted(
        entries, key=lambda e: (primary_kind(e).order, e.item.when.first, e.item.end, e.item.id)
    )
    current: Kind | None = None
    y = top
    for entry in ordered:
        kind = primary_kind(entry)
        if kind is not current:
            heading = voice.text(lambda t: t.kind_label(kind))  # noqa: B023
            rows.append(Row(heading, [heading], None, y, 26))
            y += 26
            current = kind
        # an assumed date says so: "*" before the label, as on the terminal
        title = voice.title(entry.item)
        title = f"* {title}" if entry.item.assumed else title
        lines = wrap(title, LABEL_WIDTH - 20 - 12) or [""]
        if entry.waiting_on:  # what a waiting item waits on, under its title
            waits = ", ".join(name_of(w) for w in entry.waiting_on)
            lines += wrap(voice._("waiting on {ids}", ids=waits), LABEL_WIDTH - 20 - 12)
        height = max(26, len(lines) * LINE_HEIGHT + 10)
        rows.append(Row(None, lines, entry, y, height))
        y += height
    return rows


def _months(first: date, last: date) -> list[tuple[date, date]]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((date(year, month, 1), month_end(year, month)))
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return months


class _Scale:
    def __init__(self, first: date, last: date) -> None:
        self.first = first
        self.days = (last - first).days + 1
        self.left = LABEL_WIDTH
        self.width = WIDTH - LABEL_WIDTH - RIGHT

    def x(self, day: date) -> float:
        """The left edge of ``day``."""
        return self.left + self.width * (day - self.first).days / self.days

    def clip(self, day: date) -> date:
        return min(max(day, self.first), self.first + timedelta(days=self.days - 1))


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _hatch(x: float, y: float, w: float, h: float, colour: str) -> list[str]:
    """45° lines inside a rectangle, clipped by arithmetic (no clipPath)."""
    lines = []
    step = 6.0
    offset = step
    while offset < w + h:
        # the line x + t, y + h - t for t in [0, h], shifted by offset - h along x
        x0, y0 = x + offset - h, y + h
        x1, y1 = x + offset, y
        if x0 < x:
            y0 -= x - x0
            x0 = x
        if x1 > x + w:
            y1 += x1 - (x + w)
            x1 = x + w
        if x1 > x0:
            lines.append(
                f'<line x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(x1)}" y2="{_n(y1)}" '
                f'stroke="{colour}" stroke-width="1.5"/>'
            )
        offset += step
    return lines


def bar(x: float, y: float, w: float, h: float, style: Look) -> list[str]:
    """A window's bar in the status's pattern."""
    w = max(w, 3.0)
    box = f'x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"'
    if style.pattern == "hatch":
        return [
            f'<rect {box} fill="{style.fill}" stroke="{style.colour}" stroke-width="1.5"/>',
            *_hatch(x, y, w, h, style.colour),
        ]
    if style.pattern == "outline":
        return [f'<rect {box} fill="#ffffff" stroke="{style.colour}" stroke-width="2"/>']
    if style.pattern == "dashed":
        return [
            f'<rect {box} fill="#ffffff" stroke="{style.colour}" stroke-width="1.5" '
            'stroke-dasharray="4 3"/>'
        ]
    if style.pattern == "stripes":
        stripes = [
            f'<line x1="{_n(sx)}" y1="{_n(y)}" x2="{_n(sx)}" y2="{_n(y + h)}" '
            f'stroke="{style.colour}" stroke-width="1.5"/>'
            for sx in _steps(x + 3, x + w - 2, 5)
        ]
        return [
            f'<rect {box} fill="{style.fill}" stroke="{style.colour}" stroke-width="1.5"/>',
            *stripes,
        ]
    if style.pattern == "strike":
        return [
            f'<rect {box} fill="#ffffff" stroke="{style.colour}" stroke-width="1"/>',
            f'<line x1="{_n(x)}" y1="{_n(y + h / 2)}" x2="{_n(x + w)}" y2="{_n(y + h / 2)}" '
            f'stroke="{style.colour}" stroke-width="2.5"/>',
        ]
    if style.pattern == "dotted":
        dots = [
            f'<circle cx="{_n(cx)}" cy="{_n(y + h / 2)}" r="1.6" fill="{style.colour}"/>'
            for cx in _steps(x + 3, x + w - 2, 6)
        ]
        return [
            f'<rect {box} fill="{style.fill}" stroke="{style.colour}" stroke-width="1.5"/>',
            *dots,
        ]
    return [f'<rect {box} fill="{style.fill}" stroke="{style.colour}" stroke-width="1.5"/>']


def _steps(start: float, stop: float, step: float) -> list[float]:
    values = []
    value = start
    while value <= stop:
        values.append(value)
        value += step
    return values


def mark(cx: float, cy: float, style: Look, size: float = 7) -> list[str]:
    """A deadline's mark in the status's shape."""
    c, s = style.colour, size
    if style.mark == "triangle":
        points = (
            f"{_n(cx)},{_n(cy - s)} {_n(cx + s)},{_n(cy + s * 0.8)} {_n(cx - s)},{_n(cy + s * 0.8)}"
        )
        return [f'<polygon points="{points}" fill="{c}" stroke="{c}" stroke-width="1"/>']
    diamond = (
        f"{_n(cx)},{_n(cy - s)} {_n(cx + s)},{_n(cy)} {_n(cx)},{_n(cy + s)} {_n(cx - s)},{_n(cy)}"
    )
    if style.mark == "diamond":
        return [f'<polygon points="{diamond}" fill="{style.fill}" stroke="{c}" stroke-width="2"/>']
    if style.mark == "diamond-open":
        return [f'<polygon points="{diamond}" fill="#ffffff" stroke="{c}" stroke-width="2"/>']
    if style.mark == "tick":
        return [
            f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(s)}" fill="{c}"/>',
            f'<polyline points="{_n(cx - s * 0.5)},{_n(cy)} {_n(cx - s * 0.1)},{_n(cy + s * 0.4)} '
            f'{_n(cx + s * 0.5)},{_n(cy - s * 0.4)}" fill="none" stroke="#ffffff" '
            'stroke-width="2"/>',
        ]
    if style.mark == "circle-open":
        return [
            f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(s * 0.7)}" fill="#ffffff" '
            f'stroke="{c}" stroke-width="2"/>'
        ]
    if style.mark == "dot":
        return [f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(s * 0.5)}" fill="{c}"/>']
    half = s * 0.75
    return [
        f'<rect x="{_n(cx - half)}" y="{_n(cy - half)}" width="{_n(2 * half)}" '
        f'height="{_n(2 * half)}" fill="{style.fill}" stroke="{c}" stroke-width="2"/>'
    ]


def _text(
    x: float, y: float, text: str, size: int = 13, weight: str = "normal", **extra: str
) -> str:
    more = "".join(f" {k.replace('_', '-')}={attr(v)}" for k, v in extra.items())
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-family={attr(FONT)} font-size="{size}"'
        f'{bold} fill="{TEXT}"{more}>{clean(text)}</text>'
    )


def describe(
    entries: Sequence[Entry], first: date, last: date, as_of: date, voice: Voice = ENGLISH
) -> str:
    """The text alternative: what the chart shows, in one sentence or two."""
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.status.value] = counts.get(entry.status.value, 0) + 1
    ordered = sorted(counts.items(), key=_count_order)

    def sentence(t: Tongue) -> str:
        parts = [f"{n} {t._(look(s).label).lower()}" for s, n in ordered]
        return t.ngettext(
            "Gantt chart of {n} item from {first} to {last}, as of {as_of}: {summary}. Bars "
            "are periods of work, marks are deadlines; the items are listed in the table "
            "beside the chart.",
            "Gantt chart of {n} items from {first} to {last}, as of {as_of}: {summary}. Bars "
            "are periods of work, marks are deadlines; the items are listed in the table "
            "beside the chart.",
            len(entries),
            first=short_date(first, t),
            last=short_date(last, t),
            as_of=short_date(as_of, t),
            summary=", ".join(parts) if parts else t._("no items"),
        )

    return voice.text(sentence, " ")


def _count_order(pair: tuple[str, int]) -> tuple[int, str]:
    order = list(LOOKS)
    return (order.index(pair[0]) if pair[0] in order else len(order), pair[0])


def chart_svg(
    entries: Sequence[Entry],
    first: date,
    last: date,
    as_of: date,
    title: str,
    chart_id: str = "chart",
    description: str | None = None,
    name_of: Callable[[str], str] | None = None,
    voice: Voice = ENGLISH,
) -> str:
    """The chart of ``entries`` from ``first`` to ``last`` as an SVG document (no XML
    declaration, so that it can also be placed inside an HTML page)."""
    scale = _Scale(first, last)
    top = 84.0
    rows = _rows(entries, top, name_of or str, voice)
    body_bottom = rows[-1].y + rows[-1].height if rows else top + 30
    legend_top = body_bottom + 24
    legend, legend_bottom = _legend(legend_top, entries, voice)
    height = legend_bottom + 16
    desc = description or describe(entries, first, last, as_of, voice)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" '
        f'height="{_n(height)}" viewBox="0 0 {WIDTH} {_n(height)}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{clean(title)}</title>',
        f'<desc id="{chart_id}-desc">{clean(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{_n(height)}" fill="#ffffff"/>',
        _text(8, 24, title, 16, "bold"),
    ]
    # month columns: shaded every other month, grid lines, names
    for index, (start, end) in enumerate(_months(first, last)):
        x0 = scale.x(scale.clip(start))
        x1 = scale.x(scale.clip(end) + timedelta(days=1))
        if index % 2:
            out.append(
                f'<rect x="{_n(x0)}" y="{_n(top - 28)}" width="{_n(x1 - x0)}" '
                f'height="{_n(body_bottom - top + 28)}" fill="#f3f2f1"/>'
            )
        name = MONTHS[start.month][:3] if voice.english else voice.first.short_month(start)
        if start.month == 1 or index == 0:
            name += f" {start.year}"
        if x1 - x0 >= 24:
            out.append(_text((x0 + x1) / 2, top - 12, name, 12, text_anchor="middle"))
    for start, _end in _months(first, last):
        x = scale.x(scale.clip(start))
        out.append(
            f'<line x1="{_n(x)}" y1="{_n(top - 28)}" x2="{_n(x)}" y2="{_n(body_bottom)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
    right = scale.left + scale.width
    out.append(
        f'<line x1="{_n(right)}" y1="{_n(top - 28)}" x2="{_n(right)}" y2="{_n(body_bottom)}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    )
    out.append(
        f'<line x1="8" y1="{_n(top)}" x2="{_n(right)}" y2="{_n(top)}" stroke="{TEXT}" '
        'stroke-width="1"/>'
    )
    for row in rows:
        if row.entry is None:
            out.append(_text(8, row.y + 18, row.lines[0], 13, "bold"))
            continue
        out.append(
            f'<line x1="8" y1="{_n(row.y + row.height)}" x2="{_n(right)}" '
            f'y2="{_n(row.y + row.height)}" stroke="#e8eaeb" stroke-width="1"/>'
        )
        for number, line in enumerate(row.lines):
            out.append(_text(20, row.y + 17 + number * LINE_HEIGHT, line))
        out.extend(_item(row, scale, first, last, voice))
    # the as-of line, labelled
    if first <= as_of <= last:
        x = scale.x(as_of) + scale.width / scale.days / 2
        out.append(
            f'<line x1="{_n(x)}" y1="{_n(top - 28)}" x2="{_n(x)}" y2="{_n(body_bottom)}" '
            f'stroke="{TEXT}" stroke-width="2" stroke-dasharray="6 3"/>'
        )
        anchor = "end" if x > right - 120 else "start"
        label_x = x - 4 if anchor == "end" else x + 4
        out.append(
            _text(
                label_x,
                top - 34,
                voice._("As of {date}", date=short_date(as_of, voice.first)),
                12,
                "bold",
                text_anchor=anchor,
            )
        )
    out.extend(legend)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _item(row: Row, scale: _Scale, first: date, last: date, voice: Voice = ENGLISH) -> list[str]:
    assert row.entry is not None
    item = row.entry.item
    style = look(row.entry.status.value)
    cy = row.y + min(row.height / 2, 14)

    def tip_in(t: Tongue) -> str:
        values = {
            "title": t.title(item),
            "when": t.when_label(item.when, item.is_deadline),
            "status": t._(style.label).lower(),
        }
        if item.assumed:
            return t._("{title}: {when} (assumed date), {status}", **values)
        return t._("{title}: {when}, {status}", **values)

    tip = voice.text(tip_in)
    parts = [f"<g><title>{clean(tip)}</title>"]
    one_day = item.is_deadline or item.when.first == item.end
    if one_day:
        if first <= item.end <= last:
            cx = scale.x(item.end) + scale.width / scale.days / 2
            parts.extend(mark(cx, cy, style))
    else:
        start, end = scale.clip(item.when.first), scale.clip(item.end)
        if item.end >= first and item.when.first <= last:
            x0 = scale.x(start)
            x1 = scale.x(end + timedelta(days=1))
            parts.extend(bar(x0, cy - 6, x1 - x0, 12, style))
    parts.append("</g>")
    return parts


def _legend(
    top: float, entries: Sequence[Entry], voice: Voice = ENGLISH
) -> tuple[list[str], float]:
    """The key, and the y of its last line."""
    present = {e.status.value for e in entries}
    statuses = [s for s in LOOKS if s in present or s in ("overdue", "due", "upcoming", "done")]
    statuses += sorted(present - set(LOOKS))
    out = [_text(8, top + 4, voice._("Key"), 13, "bold")]
    x, y = 8.0, top + 24
    for status in statuses:
        style = look(status)
        label = voice._(style.label)
        width = 70 + 8 * len(label) + 20
        if x + width > WIDTH:
            x, y = 8.0, y + 26
        out.extend(bar(x, y - 6, 28, 12, style))
        out.extend(mark(x + 44, y, style))
        out.append(_text(x + 58, y + 4, label))
        x += width
    y += 28
    out.append(
        _text(
            8,
            y + 4,
            voice._(
                "Bars are periods of work, marks are deadlines; the dashed line is the as-of "
                "date; * an assumed date (the sources do not fix it)."
            ),
        )
    )
    return out, y + 8
