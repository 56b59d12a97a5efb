"""Tables at any width from 60 columns: every word of every title, id and role is there,
whole; below 60, one item a block. Checked word by word against the JSON."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from conftest import REPO, Run

EXAMPLE = str(REPO / "examples" / "hywel-dda.yaml")
ON = ("--on", "2026-11-24")
WIDTHS = [60, 72, 80, 100]

DUE = [
    ["due", "--as", "cluster", *ON],
    ["due", *ON],
    ["due", "--as", "health-board", "--all", *ON],
    ["due", "--file", EXAMPLE, "--body", "ceredigion-pcpg", "--within", "120", *ON],
    ["due", "--file", EXAMPLE, "--all", *ON],
    [
        "due",
        "--file",
        str(REPO / "tests" / "examples" / "valid" / "statuses.yaml"),
        "--as",
        "pcpg",
        *ON,
    ],
]


def words(text: str) -> Counter[str]:
    return Counter(text.split())


def at(run: Run, monkeypatch: pytest.MonkeyPatch, width: int, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(*args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def assert_whole(out: str, texts: list[str], width: int) -> None:
    """Every word of every text is in the output, as often as the texts hold it."""
    needed: Counter[str] = Counter()
    for text in texts:
        needed += words(text)
    missing = needed - words(out)
    assert not missing, f"at {width} columns, missing or cut: {sorted(missing)}"
    assert "…" not in out
    longest = max(len(line) for line in out.splitlines())
    assert longest <= width, f"a line of {longest} characters at {width} columns"


def due_texts(items: list[dict[str, Any]], role: bool) -> list[str]:
    texts = []
    for item in items:
        texts += [item["title"], item["id"]]
        texts.append(item["role"] if role else ", ".join(item["owners"]))
    return texts


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "args", DUE, ids=lambda a: " ".join(a).replace(EXAMPLE, "EX").replace(str(REPO), "")
)
def test_due_keeps_every_word_at_every_width(
    run: Run, monkeypatch: pytest.MonkeyPatch, width: int, args: list[str]
) -> None:
    items = json.loads(run(*args, "-f", "json").stdout)["items"]
    assert items
    out = at(run, monkeypatch, width, *args)
    role = "--as" in args or "--body" in args
    assert_whole(out, due_texts(items, role), width)
    headers = [line.split() for line in out.splitlines() if line.startswith(("When", "Item"))]
    assert headers and all(h[-1] == ("Role" if role else "Owners") for h in headers)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", [["list"], ["list", "--as", "pcpg", "--file", EXAMPLE]])
def test_list_keeps_every_word_at_every_width(
    run: Run, monkeypatch: pytest.MonkeyPatch, width: int, args: list[str]
) -> None:
    rows = json.loads(run(*args, "-f", "json").stdout)["milestones"]
    out = at(run, monkeypatch, width, *args)
    texts = [t for row in rows for t in (row["title"], row["id"], ", ".join(row["owners"]))]
    assert_whole(out, texts, width)
    assert out.splitlines()[0].split() == ["When", "Milestone"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "args",
    [
        ["show", "cluster-plan-draft-2027-28", *ON],
        ["show", "cluster-plan-draft", *ON],
        ["show", "ceredigion-pcpg-meetings-2026-12-08-minutes", "--file", EXAMPLE, *ON],
    ],
)
def test_show_keeps_every_word_at_every_width(
    run: Run, monkeypatch: pytest.MonkeyPatch, width: int, args: list[str]
) -> None:
    details = json.loads(run(*args, "-f", "json").stdout)
    out = at(run, monkeypatch, width, *args)
    texts = [details["title"], details["id"]]
    for key in ("depends_on", "needed_by", "next"):
        for link in details.get(key) or []:
            texts += [link["id"], link.get("title", "")]
    assert_whole(out, texts, width)


@pytest.mark.parametrize("width", [30, 45, 59])
def test_below_60_columns_one_item_a_block(
    run: Run, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    args = ["due", "--file", EXAMPLE, "--body", "ceredigion-pcpg", "--within", "120", *ON]
    items = json.loads(run(*args, "-f", "json").stdout)["items"]
    out = at(run, monkeypatch, width, *args)
    lines = out.splitlines()
    for item in items:
        assert f"  id: {item['id']}" in lines  # whole, on a line of its own
        assert f"  role: {item['role']}" in lines
    assert "─" not in out  # no table rules
    needed: Counter[str] = Counter()
    for item in items:
        needed += words(item["title"])
    assert not needed - words(out)
    # only an id longer than the width may run past it
    assert all(len(line) <= width or line.startswith("  id: ") for line in lines)


def test_below_60_columns_list_and_show_are_blocks(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = at(run, monkeypatch, 50, "list", "--as", "rpb")
    assert "  id: rpb-needs-assessment-2022" in out.splitlines()
    shown = at(run, monkeypatch, 50, "show", "cluster-plan-draft-2027-28", *ON)
    assert "Id: cluster-plan-draft-2027-28" in shown.splitlines()
    assert "  cluster-response-2027-28" in shown.splitlines()


@pytest.mark.parametrize("width", [40, 60, 100])
def test_the_timeline_legend_wraps_to_the_width(
    run: Run, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    out = at(run, monkeypatch, width, "timeline", "--as", "cluster", *ON)
    tail = out.split("PCPG three-year plan")[-1].splitlines()[1:]
    legend = " ".join(tail)
    for status in ("overdue", "due", "upcoming", "done", "later", "past", "as of"):
        assert status in legend
    assert all(len(line) <= width for line in tail)


# --- a pipe: the same bytes as rich, without rich -------------------------------------------


@pytest.mark.parametrize(
    "args", DUE[:3] + DUE[4:], ids=["cluster", "all-kinds", "hb-all", "file", "statuses"]
)
def test_piped_due_is_what_rich_prints_at_every_width(args: list[str]) -> None:
    """``acd due`` on a pipe is laid out by ``plain``, not rich: the text must be the
    bytes rich gives at the same width (wrapping, justification, the simple-head rule,
    titles, blocks below 60), from 30 columns up."""
    import io
    from datetime import date
    from pathlib import Path

    from rich.console import Console

    from acd_calendar import plain
    from acd_calendar.kinds import parse_kind
    from acd_calendar.query import Query, due_range
    from acd_calendar.render import print_report
    from acd_calendar.reports import report_for

    show_all = "--all" in args
    options = {k: v for k, v in zip(args, [*args[1:], ""], strict=True) if k.startswith("--")}
    as_of = date(2026, 11, 24)
    first, last = due_range(as_of, int(options.get("--within") or 60), None, show_all=show_all)
    query = Query(
        as_of=as_of,
        kind=parse_kind(options["--as"]) if options.get("--as") else None,
        body=options.get("--body") or None,
        within=int(options.get("--within") or 60),
        first=first,
        last=last,
        show_all=show_all,
        open_local=True,
        files=(Path(options["--file"]),) if options.get("--file") else (),
    )
    report, heading = report_for(query)
    for width in [*range(30, 62), 72, 80, 99, 100, 101, 120, 130]:
        buffer = io.StringIO()
        console = Console(
            file=buffer,
            width=width,
            highlight=False,
            markup=False,
            emoji=False,
            color_system=None,
            no_color=True,
        )
        print_report(report, console, heading)
        by_rich = "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
        piped = plain.Console(width)
        print_report(report, piped, heading)
        assert piped.text() == by_rich, width


def test_plain_wrapping_matches_rich_on_hard_cases() -> None:
    """Words longer than the width are folded, runs of spaces kept, wide characters
    count two cells, right-justified cells lose their trailing spaces: as rich does.
    (Not width 1: a wide character wider than the whole line is the one case rich lays
    out otherwise, and no table or heading is ever that narrow.)"""
    from rich.text import Text

    from acd_calendar.plain import wrap

    samples = [
        "Cynllun clwstwr drafft i'r PCPG   gyda  bylchau a geiriau hirhirhirhirhirhirhirhir",
        "cluster-plan-draft-2027-28 · assumed-annual",
        "日本語のテキスト with wide 文字 mixed in",
        "  leading spaces and trailing   ",
        "",
        "one\ntwo lines\n",
    ]
    for text in samples:
        for width in (2, 3, 7, 12, 20, 33):
            for justify in ("default", "left", "right"):
                lines = Text(text).wrap(_console(), width, justify=justify, overflow="fold")
                assert wrap(text, width, justify) == [line.plain for line in lines], (
                    text,
                    width,
                    justify,
                )


def _console() -> Any:
    from rich.console import Console

    return Console(width=200, color_system=None)
