"""iCalendar export, read back with independent parsers (vobject, recurring-ical-events)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import vobject

from acd_calendar.atomic import write_atomic
from conftest import EXAMPLES, REPO, Golden, Run, WriteYaml

ICS = EXAMPLES / "ics"
EXAMPLE = str(REPO / "examples" / "hywel-dda.yaml")
GOLDEN_ARGS = [
    "ics",
    "--data",
    str(ICS / "milestones.yaml"),
    "--file",
    str(ICS / "local.yaml"),
    "--on",
    "2022-11-01",
    "--from",
    "2022-09-01",
    "--to",
    "2023-01-31",
]


@pytest.fixture(autouse=True)
def fixed_stamp(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """DTSTAMP from SOURCE_DATE_EPOCH (set after ``run`` clears the environment)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def export(run: Run, *args: str) -> bytes:
    result = run("ics", *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def vevents(data: bytes) -> dict[str, vobject.base.Component]:
    calendar = vobject.readOne(data.decode("utf-8"))
    return {e.uid.value: e for e in calendar.vevent_list}


def test_golden_calendar(run: Run, golden: Golden) -> None:
    golden(ICS / "golden.ics", export(run, *GOLDEN_ARGS[1:]))


def test_url_where_the_source_has_one(run: Run) -> None:
    events = vevents(export(run, *GOLDEN_ARGS[1:]))
    assert events["draft-plan@acd-calendar"].url.value == "https://example.org/acd/faq"
    assert not hasattr(events["drafts-in@acd-calendar"], "url")


def test_draft_cluster_plan_2022_23_is_a_one_day_event(run: Run) -> None:
    data = export(
        run, "--as", "cluster", "--on", "2022-11-01", "--from", "2022-04-01", "--to", "2023-03-31"
    )
    event = vevents(data)["cluster-plan-draft-2023-24@acd-calendar"]
    assert event.dtstart.value == dt.date(2022, 11, 30)
    assert event.dtend.value == dt.date(2022, 12, 1)
    assert not isinstance(event.dtstart.value, dt.datetime)
    assert event.transp.value == "TRANSPARENT"
    assert event.x_microsoft_cdo_busystatus.value == "FREE"
    (alarm,) = event.valarm_list
    assert alarm.action.value == "DISPLAY"
    assert alarm.trigger.value == -dt.timedelta(days=14)


def test_a_window_spans_and_ends_with_a_deadline_event(run: Run) -> None:
    events = vevents(
        export(
            run,
            "--as",
            "cluster",
            "--on",
            "2022-11-01",
            "--from",
            "2022-04-01",
            "--to",
            "2023-03-31",
        )
    )
    window = events["cluster-response-2023-24@acd-calendar"]
    assert (window.dtstart.value, window.dtend.value) == (dt.date(2022, 9, 1), dt.date(2022, 12, 1))
    end = events["cluster-response-2023-24-end@acd-calendar"]
    assert (end.dtstart.value, end.dtend.value) == (dt.date(2022, 11, 30), dt.date(2022, 12, 1))


def test_calendar_properties(run: Run) -> None:
    data = export(run, "--as", "cluster", "--on", "2026-11-24")
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0"
    assert str(calendar["PRODID"]).startswith("-//acd-calendar//acd-calendar ")
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "ACD planning: Cluster"
    assert calendar["X-WR-TIMEZONE"] == "Europe/London"
    assert calendar["X-PUBLISHED-TTL"] == "P1D"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in data
    assert "X-WR-CALDESC" in calendar
    # the default range: the current and the next planning year
    starts = [e.decoded("DTSTART") for e in calendar.walk("VEVENT")]
    assert min(starts) == dt.date(2026, 4, 1)  # plans 2026/27 come into operation
    assert max(starts) <= dt.date(2028, 3, 31)
    assert not calendar.walk("VTODO")


def test_rfc5545_lines(run: Run) -> None:
    data = export(run, "--file", EXAMPLE, "--on", "2026-11-24")
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a character
    assert b"Z\r\n" not in b"".join(
        line for line in data.split(b"\r\n") if line.startswith((b"DTSTART;VALUE", b"DTEND;VALUE"))
    )


def test_every_uid_is_unique(run: Run) -> None:
    calendar = icalendar.Calendar.from_ical(export(run, "--file", EXAMPLE, "--on", "2026-11-24"))
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids)) > 50


def test_meetings_at_a_time_use_europe_london_through_dst(run: Run) -> None:
    data = export(run, "--body", "ceredigion-pcpg", "--file", EXAMPLE, "--on", "2026-11-24")
    events = vevents(data)
    summer = events["ceredigion-pcpg-meetings-2026-06-09@acd-calendar"]
    winter = events["ceredigion-pcpg-meetings-2026-12-08@acd-calendar"]
    assert summer.dtstart.value.utcoffset() == dt.timedelta(hours=1)
    assert winter.dtstart.value.utcoffset() == dt.timedelta(0)
    assert winter.dtstart.value.astimezone(dt.UTC).hour == 14
    assert winter.dtend.value - winter.dtstart.value == dt.timedelta(hours=2)
    assert winter.transp.value == "OPAQUE"
    assert winter.location.value == "Penmorfa, Aberaeron, and online"
    assert b"DTSTART;TZID=Europe/London:20261208T140000\r\n" in data
    calendar = icalendar.Calendar.from_ical(data)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_recurring_ical_events_sees_the_series_and_its_tasks(run: Run) -> None:
    data = export(run, "--body", "ceredigion-pcpg", "--file", EXAMPLE, "--on", "2026-11-24")
    calendar = icalendar.Calendar.from_ical(data)
    december = recurring_ical_events.of(calendar).between(dt.date(2026, 12, 1), dt.date(2027, 1, 1))
    summaries = sorted(str(e["SUMMARY"]) for e in december)
    assert "PCPG meeting, 8 December 2026 (Ceredigion PCPG)" in summaries
    # papers by the Friday before (4 December); minutes 10 working days after, skipping
    # Christmas Day and the Boxing Day substitute (28 December): 22 December
    by_uid = {str(e["UID"]).split("@")[0].split(".")[0]: e for e in december}
    assert by_uid["ceredigion-pcpg-meetings-2026-12-08-papers"].start == dt.date(2026, 12, 4)
    assert by_uid["ceredigion-pcpg-meetings-2026-12-08-minutes"].start == dt.date(2026, 12, 22)


def test_agenda_deadline_moved_off_a_bank_holiday(run: Run, write_yaml: WriteYaml) -> None:
    path = write_yaml("""
        version: 1
        bodies:
          - {id: p, kind: pcpg, name: P, parent: ceredigion}
        meetings:
          - {id: m, body: p, cadence: pcpg-meeting, start: 2027-01-11, count: 1}
    """)
    data = export(run, "--file", str(path), "--body", "p", "--on", "2026-12-01")
    agenda = vevents(data)["m-2027-01-11-agenda@acd-calendar"]
    assert agenda.dtstart.value == dt.date(2026, 12, 24)  # 28 December is a bank holiday


def test_welsh_names_and_hostile_titles_round_trip(run: Run, write_yaml: WriteYaml) -> None:
    path = write_yaml("""
        version: 1
        bodies:
          - {id: p, kind: pcpg, name: "Grŵp Rhondda Cynon Taf, Ynys Môn", parent: rhondda-cynon-taf}
        deadlines:
          - id: d
            title: "Line one DTSTART:19990101 END:VEVENT; a, b \\\\ Môn"
            owners: [p]
            due: 2026-12-01
    """)
    data = export(run, "--file", str(path), "--body", "p", "--on", "2026-11-24")
    events = vevents(data)
    assert events["d.p@acd-calendar"].summary.value == (
        "Line one DTSTART:19990101 END:VEVENT; a, b \\ Môn"
    )
    lines = data.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT")
    assert b"\r\nDTSTART:19990101" not in data
    icalendar.Calendar.from_ical(data)
    # X-WR-CALNAME is escaped like any text: unescaped, a comma cut the name in vobject
    calendar = vobject.readOne(data.decode("utf-8"))
    assert calendar.x_wr_calname.value == "ACD planning: Grŵp Rhondda Cynon Taf, Ynys Môn"
    assert b"X-WR-CALNAME:ACD planning: Gr\xc5\xb5p Rhondda Cynon Taf\\, Ynys" in data


def test_reruns_are_byte_identical_and_keep_sequence(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "cluster.ics"
    args = ["--as", "cluster", "--on", "2026-11-24", "-o", str(target)]
    export(run, *args)
    first = target.read_bytes()
    export(run, *args)
    assert target.read_bytes() == first


def test_a_change_raises_sequence_and_moves_last_modified(
    run: Run, tmp_path: Path, write_yaml: WriteYaml, monkeypatch: pytest.MonkeyPatch
) -> None:
    local = """
        version: 1
        bodies:
          - {id: p, kind: pcpg, name: P, parent: ceredigion}
        deadlines:
          - {id: a, title: A, owners: [p], due: 2026-12-01}
          - {id: b, title: B, owners: [p], due: 2026-12-02}
    """
    path = write_yaml(local, "local.yaml")
    target = tmp_path / "p.ics"
    args = ["--file", str(path), "--body", "p", "--on", "2026-11-24", "-o", str(target)]
    export(run, *args)
    write_yaml(local.replace("due: 2026-12-02", "due: 2026-12-03"), "local.yaml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    export(run, *args)
    events = vevents(target.read_bytes())
    changed, same = events["b.p@acd-calendar"], events["a.p@acd-calendar"]
    assert changed.sequence.value == "1" and same.sequence.value == "0"
    assert changed.last_modified.value.year == 2027
    assert same.last_modified.value.year == 2023
    assert changed.dtstart.value == dt.date(2026, 12, 3)


def test_uids_do_not_depend_on_order(run: Run, write_yaml: WriteYaml) -> None:
    one = write_yaml(
        """
        version: 1
        bodies:
          - {id: p, kind: pcpg, name: P, parent: ceredigion}
        deadlines:
          - {id: a, title: A, owners: [p], due: 2026-12-01}
          - {id: b, title: B, owners: [p], due: 2026-12-02}
    """,
        "one.yaml",
    )
    two = write_yaml(
        """
        version: 1
        deadlines:
          - {id: b, title: B, owners: [p], due: 2026-12-02}
          - {id: a, title: A, owners: [p], due: 2026-12-01}
        bodies:
          - {id: p, kind: pcpg, name: P, parent: ceredigion}
    """,
        "two.yaml",
    )
    first = export(run, "--file", str(one), "--body", "p", "--on", "2026-11-24")
    second = export(run, "--file", str(two), "--body", "p", "--on", "2026-11-24")
    assert set(vevents(first)) == set(vevents(second))
    assert first == second


def test_out_dir_writes_every_kind_and_body_with_an_index(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    result = run("ics", "--out-dir", str(folder), "--file", EXAMPLE, "--on", "2026-11-24")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in folder.iterdir())
    assert "index.html" in names and "kind-cluster.ics" in names
    assert "body-north-ceredigion.ics" in names and "body-carmarthenshire-pcpg.ics" in names
    assert len([n for n in names if n.endswith(".ics")]) == 7 + 10
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="body-north-ceredigion.ics"' in index and "Subscribe from web" in index
    for ics in folder.glob("*.ics"):
        vobject.readOne(ics.read_text(encoding="utf-8"))
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "cluster.ics"
    target.write_bytes(b"old")

    def fail(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(Exception, match="No space left"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["cluster.ics"]


def test_an_unwritable_output_is_one_line(run: Run, tmp_path: Path) -> None:
    result = run("ics", "--as", "cluster", "-o", str(tmp_path / "missing" / "x.ics"))
    assert result.exit_code == 2
    assert result.stderr.startswith("acd: error: ") and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2027-01-01", "--to", "2026-01-01"], "--to: 2026-01-01 is before"),
        (["--out-dir", "x", "-o", "y"], "give one or the other"),
        (["--out-dir", "x", "--as", "pc"], "leave out --as"),
        (["--from", "2026-02-30"], "--from: '2026-02-30' is not a real date"),
        (["--from", "2000-01-01", "--to", "2030-01-01"], "twenty years at the most"),
    ],
)
def test_ics_usage_errors(run: Run, args: list[str], message: str) -> None:
    result = run("ics", *args)
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.parametrize(
    ("day", "offset"),
    [
        ("2027-03-26", 0),  # Friday before summer time starts (Sunday 28 March 2027)
        ("2027-03-29", 1),  # Monday after
        ("2026-10-23", 1),  # Friday before summer time ends (Sunday 25 October 2026)
        ("2026-10-26", 0),  # Monday after
    ],
)
def test_meeting_times_either_side_of_the_clock_change(
    run: Run, write_yaml: WriteYaml, day: str, offset: int
) -> None:
    path = write_yaml(f"""
        version: 1
        bodies:
          - {{id: p, kind: pcpg, name: P, parent: ceredigion}}
        meetings:
          - {{id: m, body: p, start: {day}, count: 1, time: "14:00"}}
    """)
    data = export(
        run, "--file", str(path), "--body", "p", "--from", "2026-04-01", "--to", "2027-06-30"
    )
    event = vevents(data)[f"m-{day}@acd-calendar"]
    assert event.dtstart.value.utcoffset() == dt.timedelta(hours=offset)
    assert event.dtstart.value.hour == 14
