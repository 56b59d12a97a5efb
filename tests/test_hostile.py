"""Hostile and careless input (issue 9): each at its line, nothing raw in any output,
files written whole with normal permissions."""

from __future__ import annotations

import csv
import io
import os
import stat
import time
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import icalendar
import pytest
import vobject

from acd_calendar.atomic import new_file_mode, write_all, write_atomic
from acd_calendar.checks import Context
from acd_calendar.errors import ExportError
from acd_calendar.ics import MAX_SEQUENCE, previous_state
from acd_calendar.lint import check_path, check_paths
from acd_calendar.load import load_bodies, load_dataset
from acd_calendar.meetings import MAX_OCCURRENCES, _series, clock_change, rule_problem
from acd_calendar.text import clean, control_at, csv_cell, file_name_problem
from conftest import REPO, Run, WriteYaml

HEAD = """\
version: 1
health_board: hywel-dda
bodies:
  - {id: ceredigion-pcpg, kind: pcpg, name: Ceredigion PCPG, parent: ceredigion}
"""
MEETING = """\
meetings:
  - id: m
    body: ceredigion-pcpg
    start: 2026-04-14
"""


@pytest.fixture(scope="module")
def context() -> Context:
    return Context(load_dataset(), load_bodies(), date(2026, 11, 24))


def found(path: Path, context: Context) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.column, p.level.value, p.code) for p in check_path(path, context).problems]


# --- 1. meeting rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MONTHLY;INTERVAL=0",
        "FREQ=MONTHLY;INTERVAL=-1",
        "FREQ=MONTHLY;COUNT=0",
        "FREQ=MONTHLY;COUNT=-3",
        "FREQ=MONTHLY;BYMONTH=13",
        "FREQ=MONTHLY;BYMONTH=0",
        "FREQ=MONTHLY;BYMONTHDAY=32",
        "FREQ=MONTHLY;BYMONTHDAY=0",
        "FREQ=MONTHLY;BYMONTHDAY=-32",
        "FREQ=YEARLY;BYYEARDAY=367",
        "FREQ=YEARLY;BYWEEKNO=54",
        "FREQ=MONTHLY;BYSETPOS=0;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=6MO",
        "FREQ=YEARLY;BYDAY=54MO",
        "FREQ=WEEKLY;BYDAY=2MO",
        "FREQ=MONTHLY;BYDAY=XX",
        "FREQ=MONTHLY;WKST=XX",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MONTHLY;BYMONTH=4,6;BYMONTHDAY=31",
        "FREQ=DAILY;BYSETPOS=2",
        "FREQ=WEEKLY;BYMONTHDAY=3",
        "FREQ=MONTHLY;BYWEEKNO=3",
        "FREQ=MONTHLY;BYHOUR=10",
        "FREQ=MONTHLY;INTERVAL=1;INTERVAL=2",
        "FREQ=MONTHLY;COUNT=3;UNTIL=20270101",
        "FREQ=MONTHLY;COUNT=10001",
        "FREQ=MONTHLY;;",
        "FREQ=HOURLY",
        "FREQ=SOMETIMES",
        "INTERVAL=2",
        "FREQ=MONTHLY;COLOUR=RED",
        "FREQ=MONTHLY;UNTIL=2027",  # dateutil would guess the month and day from today
        "FREQ=MONTHLY;UNTIL=20271231T000000Z",
    ],
)
def test_a_rule_outside_rfc_5545_is_an_error_at_its_line(
    rule: str, write_yaml: WriteYaml, context: Context
) -> None:
    assert rule_problem(rule) is not None
    path = write_yaml(HEAD + MEETING + f"    rrule: {rule}\n")
    assert (9, 12, "error", "bad-rrule") in found(path, context)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU",
        "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=MONTHLY;BYMONTHDAY=31",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=WEEKLY;BYDAY=MO,TH;WKST=MO",
        "FREQ=YEARLY;BYYEARDAY=366",
        "FREQ=MONTHLY;COUNT=10000",
        "freq=monthly;bymonthday=5",
        "FREQ=WEEKLY;UNTIL=20271231",
        "FREQ=WEEKLY;UNTIL=20271231T235959",
    ],
)
def test_rules_in_range_are_accepted(rule: str) -> None:
    assert rule_problem(rule) is None


@pytest.mark.parametrize(
    ("extra", "where"),
    [("    until: 2027-01-01\n", (10, 12)), ("    count: 3\n", (10, 12))],
)
def test_until_and_count_beside_an_rrule_are_errors(
    extra: str, where: tuple[int, int], write_yaml: WriteYaml, context: Context
) -> None:
    path = write_yaml(HEAD + MEETING + "    rrule: FREQ=MONTHLY\n" + extra)
    assert found(path, context) == [(*where, "error", "bad-rrule")]


def test_until_and_count_together_are_an_error_at_count(
    write_yaml: WriteYaml, context: Context
) -> None:
    path = write_yaml(HEAD + MEETING + "    until: 2027-01-01\n    count: 3\n")
    assert found(path, context) == [(10, 12, "error", "bad-rrule")]


def test_a_rule_with_no_meeting_in_the_planning_range_is_a_warning(
    write_yaml: WriteYaml, context: Context
) -> None:
    path = write_yaml(HEAD + MEETING + "    rrule: FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6\n")
    assert found(path, context) == [(9, 12, "warning", "no-meetings")]


def test_a_rule_that_ends_before_the_range_has_meetings_so_no_warning(
    write_yaml: WriteYaml, context: Context
) -> None:
    path = write_yaml(HEAD + MEETING + "    rrule: FREQ=MONTHLY;COUNT=2\n")
    assert found(path, context) == []


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",  # refused by check, but never hangs
        "FREQ=DAILY;BYSETPOS=2",
        "FREQ=DAILY;INTERVAL=14;BYDAY=TU",  # from a Monday: never
        "FREQ=WEEKLY;BYSETPOS=9;BYDAY=MO,TU",
        "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29",  # from 2025: never a leap year
    ],
)
def test_every_expansion_is_bounded(rule: str) -> None:
    started = time.monotonic()
    assert _series(rule, date(2025, 4, 14), 2046) == ()
    assert time.monotonic() - started < 5  # about 1 s at worst on a slow machine


def test_expansion_is_capped_in_occurrences_and_years() -> None:
    days = _series("FREQ=DAILY", date(1900, 1, 1), 2200)
    assert len(days) == MAX_OCCURRENCES
    assert days[0] == date(1900, 1, 1)
    assert _series("FREQ=YEARLY", date(1900, 6, 1), 2200)[-1] == date(2100, 6, 1)


def test_expansion_matches_dateutil_where_dateutil_ends() -> None:
    from datetime import datetime

    from dateutil.rrule import rrulestr

    for rule in ("FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"):
        expected = [
            d.date()
            for d in rrulestr(rule, dtstart=datetime(2024, 1, 9)).between(
                datetime(2024, 1, 9), datetime(2040, 12, 31), inc=True
            )
        ]
        assert list(_series(rule, date(2024, 1, 9), 2040)) == expected


@pytest.mark.parametrize(
    ("day", "time_of_day", "expected"),
    [
        (
            date(2026, 3, 29),
            "01:30",
            "does not exist in Europe/London (the clocks go forward): "
            "calendars show the meeting at 02:30 BST",
        ),
        (date(2026, 3, 29), "01:00", "does not exist"),
        (date(2026, 3, 29), "00:59", None),
        (date(2026, 3, 29), "02:00", None),
        (
            date(2026, 10, 25),
            "01:30",
            "happens twice in Europe/London (the clocks go back): "
            "calendars show the first, 01:30 BST",
        ),
        (date(2026, 10, 25), "01:00", "happens twice"),
        (date(2026, 10, 25), "00:59", None),
        (date(2026, 10, 25), "02:00", None),
        (date(2026, 3, 28), "01:30", None),
        (date(2026, 10, 24), "01:30", None),
    ],
)
def test_clock_change_times(day: date, time_of_day: str, expected: str | None) -> None:
    said = clock_change(day, time_of_day)
    assert (said is None) == (expected is None)
    if expected:
        assert said is not None and expected in said


def test_a_meeting_at_a_missing_or_doubled_time_is_a_warning_at_its_time(
    write_yaml: WriteYaml, context: Context
) -> None:
    path = write_yaml(
        HEAD + "meetings:\n  - id: m\n    body: ceredigion-pcpg\n    start: 2027-03-28\n"
        '    rrule: FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU\n    time: "01:30"\n'
    )
    problems = check_path(path, context).problems
    clock = [p for p in problems if p.code == "clock-change"]
    assert [(p.line, p.column) for p in clock] == [(10, 11)] * 3
    messages = " ".join(p.message for p in clock)
    assert "28 March 2027 01:30 does not exist" in messages
    assert "31 October 2027 01:30 happens twice" in messages


# --- 2. text that ends up in other formats ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ('"\\e]0;pwned\\a"', "control character U+001B at character 1"),
        ('"a\\0"', "control character U+0000 at character 2"),
        ('"a\\rb"', "a carriage return at character 2"),
        ('"a\\nb"', "a line break at character 2"),
        ('"a\\tb"', "a tab at character 2"),
        ('"a\\x7f"', "control character U+007F"),
        ('"a\\x85"', "control character U+0085"),
        ('"a\\u2028"', "control character U+2028"),
        ('"a\\u2029"', "control character U+2029"),
        ('"a\\x9b"', "control character U+009B"),
        ('"\\uFFFE"', "character U+FFFE"),
        # bidirectional overrides, isolates and marks reorder what a reader sees
        ('"a\\u202Eb"', "invisible format character U+202E at character 2"),
        ('"a\\u202A"', "invisible format character U+202A"),
        ('"a\\u2066"', "invisible format character U+2066"),
        ('"a\\u2069"', "invisible format character U+2069"),
        ('"a\\u200F"', "invisible format character U+200F"),
        ('"a\\u200B"', "invisible format character U+200B"),
        ('"a\\uFEFF"', "invisible format character U+FEFF"),
    ],
)
def test_control_characters_in_one_line_fields_are_errors_at_their_place(
    value: str, what: str, write_yaml: WriteYaml, context: Context
) -> None:
    path = write_yaml(
        HEAD
        + f"deadlines:\n  - id: d\n    title: {value}\n    owners: [pcpg]\n    due: 2026-12-01\n"
    )
    (problem,) = check_path(path, context).problems
    assert (problem.line, problem.column, problem.code) == (7, 12, "control-character")
    assert what in problem.message and "'title'" in problem.message


def test_notes_keep_line_breaks_and_tabs_only(write_yaml: WriteYaml, context: Context) -> None:
    note = "    note: |\n      one\n      \ttwo\n"
    path = write_yaml(
        HEAD
        + "deadlines:\n  - id: d\n    title: T\n    owners: [pcpg]\n    due: 2026-12-01\n"
        + note
    )
    assert found(path, context) == []
    path = write_yaml(
        HEAD + "deadlines:\n  - id: d\n    title: T\n    owners: [pcpg]\n    due: 2026-12-01\n"
        '    note: "one\\ntwo\\e"\n'
    )
    assert found(path, context) == [(10, 11, "error", "control-character")]


def test_raw_c1_bytes_are_refused_where_they_are(write_yaml: WriteYaml, context: Context) -> None:
    path = write_yaml(HEAD.encode() + "x: a\u009bb\n".encode())
    (problem,) = check_path(path, context).problems
    assert (problem.line, problem.column, problem.code) == (5, 5, "control-character")


def test_a_block_scalar_for_a_one_line_field_is_a_warning(
    write_yaml: WriteYaml, context: Context
) -> None:
    path = write_yaml(
        HEAD + "deadlines:\n  - id: d\n    title: >\n      Long title\n    owners: [pcpg]\n"
        "    due: 2026-12-01\n"
    )
    assert found(path, context) == [(7, 12, "warning", "block-scalar")]
    path = write_yaml(
        HEAD + "deadlines:\n  - id: d\n    title: |\n      two\n      lines\n    owners: [pcpg]\n"
        "    due: 2026-12-01\n"
    )
    assert found(path, context) == [(7, 12, "error", "control-character")]


def test_a_url_with_a_line_break_in_the_national_file_is_a_check_error(
    write_yaml: WriteYaml, context: Context
) -> None:
    text = (REPO / "data" / "milestones.yaml").read_text(encoding="utf-8")
    anchor = '    date: "2022"\n'
    broken = write_yaml(text.replace(anchor, anchor + '    url: "https://example.org/a\\nb"\n', 1))
    problems = check_path(broken, context).problems
    assert [(p.code, p.level.value) for p in problems] == [("control-character", "error")]
    assert "'url'" in problems[0].message


def test_clean_and_control_at() -> None:
    assert clean("a\x1b]0;t\x07b") == "a\ufffd]0;t\ufffdb"
    assert clean("one\r\ntwo\nthree") == "one two three"
    assert clean("one\r\ntwo\n\tthree\x85", multiline=True) == "one\ntwo\n\tthree\ufffd"
    assert control_at("plain Ynys Môn ✓") is None
    assert control_at("a\tb") == 1
    assert control_at("a\tb\nc", multiline=True) is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 1234", "'+44 1234"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_csv_cells_that_start_a_formula_are_inert(cell: str, expected: str) -> None:
    assert csv_cell(cell) == expected


def test_csv_output_is_inert_for_excel(run: Run, write_yaml: WriteYaml) -> None:
    path = write_yaml(
        HEAD + "deadlines:\n  - id: d\n    title: '=HYPERLINK(\"http://x\")'\n    owners: [pcpg]\n"
        "    due: 2026-12-01\n"
    )
    result = run("due", "--all", "-f", "csv", "--file", str(path), "--on", "2026-11-24")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    titles = {row["id"]: row["title"] for row in rows}
    assert titles["d"] == '\'=HYPERLINK("http://x")'
    assert all(not row["title"].startswith(("=", "+", "-", "@")) for row in rows)
    assert any(int(row["days_left"]) < 0 for row in rows)  # numbers stay numbers


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("body-north-ceredigion.ics", True),
        ("a" * 230, True),
        ("a" * 231, False),
        ("con", False),
        ("lpt1.x", False),
        ("a/b", False),
        ("a:b", False),
        ("a.", False),
    ],
)
def test_file_names(name: str, ok: bool) -> None:
    assert (file_name_problem(name) is None) == ok


def test_an_id_too_long_for_a_file_name_is_a_check_error(
    write_yaml: WriteYaml, context: Context
) -> None:
    path = write_yaml(
        HEAD + f"  - {{id: {'a' * 201}, kind: cluster, name: X, parent: ceredigion-pcpg}}\n"
    )
    assert found(path, context) == [(5, 10, "error", "bad-value")]


def test_a_title_cannot_retitle_the_terminal(run: Run, write_yaml: WriteYaml) -> None:
    path = write_yaml(
        HEAD + 'deadlines:\n  - id: d\n    title: "\\e]0;pwned\\a"\n    owners: [pcpg]\n'
        "    due: 2026-12-01\n"
    )
    for args in (["check", str(path)], ["due", "--file", str(path), "--on", "2026-11-24"]):
        result = run(*args)
        assert result.exit_code in (1, 2)
        assert "\x1b" not in result.output and "\x07" not in result.output


def test_a_file_name_with_an_escape_is_shown_inert(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "\x1b]0;x\x07.yaml"
    path.write_text("version: 2\n", encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert "\x1b" not in result.output


def test_body_names_with_commas_survive_in_calendar_names(
    run: Run, write_yaml: WriteYaml, tmp_path: Path
) -> None:
    path = write_yaml(
        "version: 1\nbodies:\n  - {id: p, kind: pcpg, name: 'Grŵp Môn, Gogledd; Cymru', "
        "parent: ynys-mon}\n"
    )
    result = run("ics", "--file", str(path), "--on", "2026-11-24", "--out-dir", str(tmp_path / "f"))
    assert result.exit_code == 0, result.output
    data = (tmp_path / "f" / "body-p.ics").read_bytes()
    calendar = vobject.readOne(data.decode("utf-8"))
    assert calendar.x_wr_calname.value == "ACD planning: Grŵp Môn, Gogledd; Cymru"
    assert "Grŵp Môn, Gogledd; Cymru" in calendar.x_wr_caldesc.value
    icalendar.Calendar.from_ical(data)


def test_a_sequence_at_the_limit_does_not_crash_the_next_export(
    run: Run, write_yaml: WriteYaml, tmp_path: Path
) -> None:
    path = write_yaml(HEAD + "deadlines:\n  - {id: a, title: A, owners: [pcpg], due: 2026-12-01}\n")
    target = tmp_path / "p.ics"
    args = ["ics", "--file", str(path), "--body", "ceredigion-pcpg", "--on", "2026-11-24"]
    assert run(*args, "-o", str(target)).exit_code == 0
    data = target.read_bytes().replace(b"SEQUENCE:0", f"SEQUENCE:{MAX_SEQUENCE}".encode())
    data = data.replace(b"X-ACD-FINGERPRINT:", b"X-ACD-FINGERPRINT:changed")
    target.write_bytes(data)
    result = run(*args, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert f"SEQUENCE:{MAX_SEQUENCE}".encode() in target.read_bytes()
    assert previous_state(data.replace(b"SEQUENCE:2147483647", b"SEQUENCE:99999999999")) == {}


def test_timeline_svg_is_xml_whatever_the_titles(
    run: Run, write_yaml: WriteYaml, tmp_path: Path
) -> None:
    path = write_yaml(
        HEAD + "deadlines:\n  - id: d\n    title: '<b>&amp; ]]> \"quoted\"'\n    owners: [pcpg]\n"
        "    due: 2026-12-01\n"
    )
    svg = tmp_path / "t.svg"
    result = run("timeline", "--file", str(path), "--on", "2026-11-24", "--svg", str(svg))
    assert result.exit_code == 0, result.output
    ET.fromstring(svg.read_bytes())


# --- 3. what acd check catches ------------------------------------------------------------------


def test_an_unknown_key_is_reported_beside_the_mappings_other_error(
    write_yaml: WriteYaml, context: Context
) -> None:
    path = write_yaml(
        HEAD + "deadlines:\n  - id: d\n    title: T\n    owners: [pcpg]\n    due_date: 2026-12-01\n"
    )
    assert found(path, context) == [(6, 5, "error", "bad-value"), (9, 5, "error", "unknown-key")]


@pytest.mark.parametrize(
    ("entry", "what"),
    [
        (
            "  - {id: cluster-plan-draft-2027-28, title: T, owners: [pcpg], due: 2026-12-01}\n",
            "occurrence of national cycle 'cluster-plan-draft'",
        ),
        ("  - {id: m-2026-05-12, title: T, owners: [pcpg], due: 2026-12-01}\n", "series 'm'"),
        (
            "  - {id: m-2026-05-12-minutes, title: T, owners: [pcpg], due: 2026-12-01}\n",
            "series 'm'",
        ),
    ],
)
def test_an_id_the_tool_generates_is_an_error(
    entry: str, what: str, write_yaml: WriteYaml, context: Context
) -> None:
    path = write_yaml(HEAD + MEETING + "deadlines:\n" + entry)
    problems = [p for p in check_path(path, context).problems if p.code == "generated-id"]
    assert [(p.line, p.column) for p in problems] == [(10, 10)]
    assert what in problems[0].message


def test_an_id_like_a_generated_one_but_not_is_fine(
    write_yaml: WriteYaml, context: Context
) -> None:
    path = write_yaml(
        HEAD
        + MEETING
        + "deadlines:\n  - {id: cluster-plan-draft-2027-29, title: T, owners: [pcpg], "
        "due: 2026-12-01}\n"
    )
    assert [p for p in check_path(path, context).problems if p.code == "generated-id"] == []


def test_a_dependency_loop_across_files(write_yaml: WriteYaml, context: Context) -> None:
    one = write_yaml(
        HEAD
        + "deadlines:\n  - {id: a, title: A, owners: [pcpg], due: 2026-12-01, depends_on: [b]}\n",
        "one.yaml",
    )
    two = write_yaml(
        "version: 1\ndeadlines:\n"
        "  - {id: b, title: B, owners: [pcpg], due: 2026-12-01, depends_on: [a]}\n",
        "two.yaml",
    )
    checked = check_paths([one, two], context)
    loops = [(c.path, p.line) for c in checked for p in c.problems if p.code == "dependency-cycle"]
    assert loops == [(str(one), 6), (str(two), 3)]


@pytest.mark.parametrize(
    ("window", "warned"), [("2026-04..2028-03", False), ("2026-04..2028-04", True)]
)
def test_a_window_longer_than_two_years_is_a_warning(
    window: str, warned: bool, write_yaml: WriteYaml, context: Context
) -> None:
    path = write_yaml(
        HEAD + f"deadlines:\n  - {{id: d, title: T, owners: [pcpg], window: {window}}}\n"
    )
    assert ("long-window" in {p.code for p in check_path(path, context).problems}) is warned


@pytest.mark.parametrize(
    ("day", "code"),
    [
        ("2026-08-31", "early-completion"),
        ("2026-09-01", None),
        ("2027-11-30", None),
        ("2027-12-01", "late-completion"),
    ],
)
def test_completion_dates_far_from_the_item(
    day: str, code: str | None, write_yaml: WriteYaml
) -> None:
    context = Context(load_dataset(), load_bodies(), date(2028, 1, 1))
    path = write_yaml(
        HEAD + "deadlines:\n  - {id: d, title: T, owners: [pcpg], window: 2026-09..2026-11}\n"
        f"completions:\n  - {{item: d, body: ceredigion-pcpg, date: {day}}}\n"
    )
    codes = [p.code for p in check_path(path, context).problems]
    assert codes == ([code] if code else [])


# --- 4. files --------------------------------------------------------------------------------


def test_new_files_get_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        assert new_file_mode() == 0o644
        write_atomic(tmp_path / "a.ics", b"x")
        assert stat.S_IMODE((tmp_path / "a.ics").stat().st_mode) == 0o644
        os.umask(0o027)
        write_atomic(tmp_path / "b.ics", b"x")
        assert stat.S_IMODE((tmp_path / "b.ics").stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.ics"
    target.write_bytes(b"old")
    target.chmod(0o664)
    write_atomic(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    assert target.read_bytes() == b"new"


def test_write_all_writes_every_file_or_none(tmp_path: Path) -> None:
    (tmp_path / "a.ics").write_bytes(b"old a")
    blocked = tmp_path / "b.ics"
    blocked.mkdir()  # a folder where a file should go: its rename fails
    with pytest.raises(ExportError):
        write_all({tmp_path / "a.ics": b"new a", blocked: b"new b", tmp_path / "c.ics": b"c"})
    assert (tmp_path / "a.ics").read_bytes() == b"old a"
    assert not (tmp_path / "c.ics").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ics", "b.ics"]


def test_out_dir_leaves_the_folder_as_it_was_when_a_feed_fails(
    run: Run, write_yaml: WriteYaml, tmp_path: Path
) -> None:
    folder = tmp_path / "feeds"
    path = write_yaml(HEAD)
    assert (
        run("ics", "--file", str(path), "--on", "2026-11-24", "--out-dir", str(folder)).exit_code
        == 0
    )
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    (folder / "kind-pc.ics").unlink()
    (folder / "kind-pc.ics").mkdir()  # this feed cannot be written
    result = run("ics", "--file", str(path), "--on", "2027-06-01", "--out-dir", str(folder))
    assert result.exit_code == 2
    assert "kind-pc.ics" in result.output
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert after == {k: v for k, v in before.items() if k != "kind-pc.ics"}
    assert all(
        stat.S_IMODE(p.stat().st_mode) == new_file_mode()
        for p in folder.glob("*.ics")
        if p.is_file()
    )


def test_the_longest_id_still_makes_a_feed(run: Run, write_yaml: WriteYaml, tmp_path: Path) -> None:
    body = "a" * 200
    path = write_yaml(
        HEAD + f"  - {{id: {body}, kind: cluster, name: X, parent: ceredigion-pcpg}}\n"
    )
    assert run("check", str(path), "--on", "2026-11-24").exit_code == 0
    result = run("ics", "--file", str(path), "--on", "2026-11-24", "--out-dir", str(tmp_path / "f"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "f" / f"body-{body}.ics").is_file()


def test_format_characters_are_cleaned_but_joiners_stay() -> None:
    assert clean("a\u202eb\u2066c\u200fd\ufeffe") == "a\ufffdb\ufffdc\ufffdd\ufffde"
    assert clean("note\u202a\nline", multiline=True) == "note\ufffd\nline"
    assert control_at("a\u200db\u200c\u00ad") is None  # joiners and soft hyphen are text
    assert csv_cell(clean("\u202e=1+1")) == "\ufffd=1+1"
