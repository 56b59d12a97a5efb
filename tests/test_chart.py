"""The SVG chart: valid XML, text alternatives, a shape for every status, nothing cut."""

from __future__ import annotations

import xml.dom.minidom
from datetime import date

import pytest

from acd_calendar.chart import LABEL_WIDTH, LOOKS, RIGHT, WIDTH, chart_svg, look, text_width
from acd_calendar.dates import parse_when
from acd_calendar.kinds import Kind
from acd_calendar.national import Basis
from acd_calendar.schedule import Entry, Item, Status

FIRST, LAST = date(2026, 4, 1), date(2027, 3, 31)
AS_OF = date(2026, 11, 24)


def entry(title: str, when: str, status: Status, deadline: bool = False) -> Entry:
    item = Item(
        id=title.lower().replace(" ", "-")[:20] or "x",
        rule="r",
        title=title,
        when=parse_when(when),
        is_deadline=deadline,
        owners=(Kind.CLUSTER,),
        involved=(),
        basis=Basis.GUIDANCE,
        source=None,
        depends_on=(),
        lead_days=14,
    )
    return Entry(item, status, 0)


def parse(svg: str) -> xml.dom.minidom.Element:
    root = xml.dom.minidom.parseString(svg).documentElement
    assert root is not None
    return root


def test_title_and_desc_come_first_for_screen_readers() -> None:
    root = parse(chart_svg([entry("A", "2026-11", Status.DUE, True)], FIRST, LAST, AS_OF, "T"))
    children = [n for n in root.childNodes if n.nodeType == n.ELEMENT_NODE]
    assert [c.tagName for c in children[:2]] == ["title", "desc"]
    assert root.getAttribute("role") == "img"
    assert root.getAttribute("aria-labelledby") == "chart-title chart-desc"
    desc = children[1].firstChild
    assert desc is not None and "1 due" in str(desc.nodeValue)


def test_plain_svg_that_office_draws() -> None:
    svg = chart_svg([entry("A", "2026-09..2026-11", Status.OVERDUE)], FIRST, LAST, AS_OF, "T")
    for unsupported in ("<style", "<pattern", "<clipPath", "<script", "<foreignObject", "var("):
        assert unsupported not in svg
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert f'width="{WIDTH}"' in svg and "font-family=" in svg


def test_every_status_has_its_own_shape_and_pattern() -> None:
    shapes = [(style.pattern, style.mark) for style in LOOKS.values()]
    assert len(set(shapes)) == len(shapes)
    assert len({style.mark for style in LOOKS.values()}) == len(LOOKS)


def test_an_unknown_status_is_drawn_with_its_name() -> None:
    assert look("frozen").label == "Frozen" and look("frozen").mark == "square"


def test_long_labels_wrap_and_are_never_cut() -> None:
    title = (
        "Primary care chapter of the integrated medium term plan 2027/30 signed off by the board"
    )
    svg = chart_svg([entry(title, "2027-02-26", Status.LATER, True)], FIRST, LAST, AS_OF, "T")
    texts = [
        str(t.firstChild.nodeValue)
        for t in parse(svg).getElementsByTagName("text")
        if t.firstChild is not None
    ]
    assert " ".join(t for t in texts if t in title) == title


@pytest.mark.parametrize(
    ("when", "deadline", "x_first", "x_last"),
    [
        ("2026-04", False, 0, 30),  # April: the first 30 of 365 days
        ("2027-03", False, 365 - 31, 365),
        ("2025-10..2026-05", False, 0, 61),  # clipped at the left edge
        ("2027-03..2027-06", False, 365 - 31, 365),  # clipped at the right edge
    ],
)
def test_bars_stand_on_their_days(when: str, deadline: bool, x_first: int, x_last: int) -> None:
    svg = chart_svg([entry("A", when, Status.UPCOMING, deadline)], FIRST, LAST, AS_OF, "T")
    rects = [
        r
        for r in parse(svg).getElementsByTagName("rect")
        if r.parentNode is not None and getattr(r.parentNode, "tagName", "") == "g"
    ]
    assert len(rects) == 1
    day = (WIDTH - LABEL_WIDTH - RIGHT) / 365
    x = float(rects[0].getAttribute("x"))
    width = float(rects[0].getAttribute("width"))
    assert x == pytest.approx(LABEL_WIDTH + x_first * day, abs=0.1)
    assert x + width == pytest.approx(LABEL_WIDTH + x_last * day, abs=0.1)


@pytest.mark.parametrize(
    ("as_of", "shown"),
    [
        (date(2026, 3, 31), False),
        (date(2026, 4, 1), True),
        (date(2027, 3, 31), True),
        (date(2027, 4, 1), False),
    ],
)
def test_the_as_of_line_is_labelled_inside_the_range(as_of: date, shown: bool) -> None:
    svg = chart_svg([], FIRST, LAST, as_of, "T")
    assert (f"As of {as_of.day} " in svg) is shown


def test_hostile_text_is_escaped_and_control_characters_dropped() -> None:
    svg = chart_svg(
        [entry("<script>x</script> & \x07bell", "2026-11", Status.DUE, True)],
        FIRST,
        LAST,
        AS_OF,
        'Title "quoted" <b>',
    )
    parse(svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "\x07" not in svg


def test_same_input_same_bytes() -> None:
    entries = [entry("A", "2026-09..2026-11", Status.DONE), entry("B", "2026-12", Status.PAST)]
    assert chart_svg(entries, FIRST, LAST, AS_OF, "T") == chart_svg(
        entries, FIRST, LAST, AS_OF, "T"
    )


def test_no_two_statuses_differ_by_colour_alone() -> None:
    """Due, done and past were all solid bars of about the same grey in greyscale."""
    patterns = [style.pattern for style in LOOKS.values()]
    assert len(set(patterns)) == len(patterns)


def test_a_long_unbroken_word_stays_in_the_label_column() -> None:
    title = "W" * 70 + " Supercalifragilisticexpialidociousplanninggroupmeeting end"
    svg = chart_svg([entry(title, "2026-10", Status.OVERDUE, True)], FIRST, LAST, AS_OF, "T")
    lines = [
        str(t.firstChild.nodeValue)
        for t in parse(svg).getElementsByTagName("text")
        if t.firstChild is not None and t.getAttribute("x") == "20"
    ]
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")  # nothing lost
    assert len(lines) >= 4
    for line in lines:
        assert 20 + text_width(line) <= LABEL_WIDTH - 8, line


@pytest.mark.parametrize("status", list(Status))
def test_a_mark_on_the_last_day_is_drawn_whole(status: Status) -> None:
    svg = chart_svg([entry("End", "2027-03-31", status, True)], FIRST, LAST, AS_OF, "T")
    group = parse(svg).getElementsByTagName("g")[0]
    xs: list[float] = []
    for node in group.childNodes:
        if not isinstance(node, xml.dom.minidom.Element):
            continue
        if node.tagName == "polygon":
            xs += [float(p.split(",")[0]) for p in node.getAttribute("points").split()]
        elif node.tagName == "circle":
            xs.append(float(node.getAttribute("cx")) + float(node.getAttribute("r")))
        elif node.tagName == "rect":
            xs.append(float(node.getAttribute("x")) + float(node.getAttribute("width")))
    assert xs and max(xs) <= WIDTH - 8


def test_bidirectional_overrides_never_reach_the_picture() -> None:
    """chart.py had a cleaner of its own that let U+202E through; it uses text.clean now."""
    svg = chart_svg(
        [entry("Plan \u202edeef\u202c \u2066x\u2069", "2026-11", Status.DUE, True)],
        FIRST,
        LAST,
        AS_OF,
        "T\u202e",
    )
    parse(svg)
    for character in "\u202e\u202c\u2066\u2069":
        assert character not in svg
