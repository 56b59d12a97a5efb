"""Issue 8: statuses a board can be assured by.

Overdue only for owners (the involved are waiting), each named body's own status,
missed local deadlines that stay until done or dropped, meeting tasks as reminders
unless tracked, and assumed dates that say so.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from acd_calendar.kinds import Kind
from acd_calendar.load import load_dataset
from acd_calendar.schedule import Horizon, Status, expand, find_item, worst
from conftest import Run, WriteYaml

POWYS = """\
version: 1
health_board: powys-teaching
bodies:
  - {id: powys-pcpg, kind: pcpg, name: Powys PCPG, parent: powys}
  - {id: north-powys, kind: cluster, name: North Powys, parent: powys-pcpg}
  - {id: mid-powys, kind: cluster, name: Mid Powys, parent: powys-pcpg}
  - {id: south-powys, kind: cluster, name: South Powys, parent: powys-pcpg}
deadlines:
  - id: cluster-plans-internal
    title: Draft cluster plans to the PCPG
    owners: [cluster]
    involved: [pcpg]
    due: 2026-11-16
  - id: old-audit
    title: Audit of the 2025 cluster spend
    owners: [powys-pcpg]
    due: 2026-06-15
    dropped: {date: 2026-09-01, reason: Replaced by the regional audit}
completions:
  - {item: cluster-plans-internal, body: north-powys, date: 2026-11-10}
  - {item: cluster-plans-internal, body: mid-powys, date: 2026-12-02}
  - {item: cluster-plans-internal, body: south-powys, date: 2026-12-09}
meetings:
  - id: powys-pcpg-meetings
    body: powys-pcpg
    cadence: pcpg-meeting
    start: 2026-10-13
    count: 2
"""


def due_json(run: Run, *args: str) -> dict[str, dict[str, Any]]:
    result = run("due", *args, "-f", "json")
    assert result.exit_code == 0, result.output
    return {i["id"]: i for i in json.loads(result.stdout)["items"]}


@pytest.fixture
def powys(write_yaml: WriteYaml) -> str:
    return str(write_yaml(POWYS, "powys.yaml"))


# --- 1. overdue for owners, waiting for the involved ----------------------------------------


@pytest.mark.parametrize(
    ("on", "owner", "involved"),
    [
        ("2026-11-30", "due", "due"),  # its last day
        ("2026-12-01", "overdue", "waiting"),  # the day after
    ],
)
def test_the_day_a_late_item_turns_overdue_for_its_owner_and_waiting_for_the_involved(
    run: Run, on: str, owner: str, involved: str
) -> None:
    item = "cluster-plan-draft-2027-28"
    as_cluster = due_json(run, "--as", "cluster", "--on", on)[item]
    as_pcpg = due_json(run, "--as", "pcpg", "--on", on)[item]
    everyone = due_json(run, "--on", on)[item]
    assert (as_cluster["status"], as_pcpg["status"]) == (owner, involved)
    assert as_cluster["waiting_on"] == []
    assert as_pcpg["waiting_on"] == (["cluster"] if involved == "waiting" else [])
    assert everyone["status"] == owner  # without --as roles do not apply


def test_fail_on_overdue_counts_only_what_the_body_owns(run: Run) -> None:
    # Health boards are only involved in the late draft cluster plans on 1 December 2026.
    args = ("due", "--as", "hb", "--on", "2026-12-01")
    assert run(*args, "--fail-on", "overdue").exit_code == 0
    assert run(*args, "--fail-on", "waiting").exit_code == 1
    assert (
        run("due", "--as", "cluster", "--on", "2026-12-01", "--fail-on", "overdue").exit_code == 1
    )


def test_waiting_has_its_own_section_in_the_table(run: Run) -> None:
    out = run("due", "--as", "pcpg", "--on", "2026-12-01").stdout
    section = out.split("Waiting on others (", 1)[1].split("\n\n", 1)[0]
    assert "Draft cluster plan for 2027/28" in section
    assert "waiting on cluster" in section
    assert "waiting" in out.splitlines()[-1]


def test_waiting_in_csv(run: Run) -> None:
    out = run("due", "--as", "pcpg", "--on", "2026-12-01", "-f", "csv").stdout
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.lstrip("\ufeff")))}
    assert rows["cluster-plan-draft-2027-28"]["status"] == "waiting"
    assert rows["cluster-plan-draft-2027-28"]["waiting_on"] == "cluster"


# --- 2. one deadline, many bodies -----------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "status", "statuses"),
    [
        ("2026-11-16", "due", {"mid-powys": "due", "north-powys": "done", "south-powys": "due"}),
        (
            "2026-11-17",
            "overdue",
            {"mid-powys": "overdue", "north-powys": "done", "south-powys": "overdue"},
        ),
        (
            "2026-12-08",
            "overdue",
            {"mid-powys": "done", "north-powys": "done", "south-powys": "overdue"},
        ),
        # the last completion turns the deadline done for everyone
        ("2026-12-09", "done", {"mid-powys": "done", "north-powys": "done", "south-powys": "done"}),
    ],
)
def test_each_body_has_its_own_status_and_the_item_the_worst(
    run: Run, powys: str, on: str, status: str, statuses: dict[str, str]
) -> None:
    item = due_json(run, "--file", powys, "--on", on, "--all")["cluster-plans-internal"]
    assert item["status"] == status
    assert [b["id"] for b in item["bodies"]] == ["mid-powys", "north-powys", "south-powys"]
    assert {b["id"]: b["status"] for b in item["bodies"]} == statuses
    done_on = {b["id"]: b["completed_on"] for b in item["bodies"]}
    assert done_on["north-powys"] == "2026-11-10"
    # a completion counts from its day: on 8 December, South Powys has none yet
    assert done_on["south-powys"] == ("2026-12-09" if on == "2026-12-09" else None)


def test_with_body_the_status_is_that_bodys_own(run: Run, powys: str) -> None:
    args = ("--file", powys, "--on", "2026-11-17", "--all")
    own = {
        b: due_json(run, *args, "--body", b)["cluster-plans-internal"]
        for b in ("north-powys", "mid-powys")
    }
    assert own["north-powys"]["status"] == "done"
    assert own["mid-powys"]["status"] == "overdue"
    pcpg = due_json(run, *args, "--body", "powys-pcpg")["cluster-plans-internal"]
    assert (pcpg["status"], pcpg["waiting_on"]) == ("waiting", ["mid-powys", "south-powys"])


def test_the_table_and_csv_show_each_bodys_status(run: Run, powys: str) -> None:
    table = run("due", "--file", powys, "--on", "2026-11-17", "--as", "cluster").stdout
    assert "done by 1 of 3; overdue: mid-powys, south-powys" in table
    out = run("due", "--file", powys, "--on", "2026-11-17", "-f", "csv").stdout
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.lstrip("\ufeff")))}
    assert rows["cluster-plans-internal"]["bodies"] == (
        "mid-powys=overdue; north-powys=done; south-powys=overdue"
    )


def test_national_milestones_have_the_local_bodies_of_their_owning_kind(
    run: Run, powys: str
) -> None:
    item = due_json(run, "--file", powys, "--on", "2026-11-24")["cluster-plan-draft-2027-28"]
    assert [b["id"] for b in item["bodies"]] == ["mid-powys", "north-powys", "south-powys"]
    assert due_json(run, "--on", "2026-11-24")["cluster-plan-draft-2027-28"]["bodies"] == []


def test_warn_overdue_names_the_bodies_that_have_not_completed(run: Run, powys: str) -> None:
    result = run("check", powys, "--warn-overdue", "--on", "2026-12-03")
    assert (
        "warning overdue 'cluster-plans-internal' was due by 16 November 2026; "
        "not completed by south-powys (1 of 3)" in result.stdout
    )
    assert "old-audit" not in result.stdout  # dropped
    assert "overdue" not in run("check", powys, "--warn-overdue", "--on", "2026-12-09").stdout


def test_worst_order() -> None:
    order = [Status.DONE, Status.PAST, Status.LATER, Status.UPCOMING, Status.DUE, Status.OVERDUE]
    for index in range(len(order)):
        assert worst(order[: index + 1]) is order[index]
    assert worst([]) is None


# --- 3. missed local deadlines never disappear; dropping; meeting tasks ---------------------


def test_a_missed_local_deadline_stays_overdue_past_since(run: Run, powys: str) -> None:
    # 16 November 2026 is 200 days before 4 June 2027, far beyond the default --since
    items = due_json(run, "--file", powys, "--on", "2027-06-04", "--all")
    assert items["cluster-plans-internal"]["status"] == "done"
    write = POWYS.replace(
        "  - {item: cluster-plans-internal, body: south-powys, date: 2026-12-09}\n", ""
    )
    path = Path(powys).with_name("late.yaml")
    path.write_text(write, encoding="utf-8")
    late = due_json(run, "--file", str(path), "--on", "2027-06-04", "--since", "2027-06-01")
    assert late["cluster-plans-internal"]["status"] == "overdue"
    assert late["cluster-plans-internal"]["days_left"] == -200
    # ... while --since still limits national items
    assert "cluster-plan-draft-2027-28" not in late


@pytest.mark.parametrize(
    ("on", "status"),
    [("2026-08-31", "overdue"), ("2026-09-01", "past"), ("2027-09-01", "past")],
)
def test_a_dropped_deadline(run: Run, powys: str, on: str, status: str) -> None:
    item = due_json(run, "--file", powys, "--on", on, "--all")["old-audit"]
    assert item["status"] == status
    # a drop dated after the as-of date is not yet in effect: not shown (review, 12)
    dropped = {"date": "2026-09-01", "reason": "Replaced by the regional audit"}
    assert item["dropped"] == (None if status == "overdue" else dropped)


def test_a_dropped_deadline_in_the_table_and_ics(run: Run, powys: str) -> None:
    table = run("due", "--file", powys, "--on", "2026-09-02", "--all").stdout
    assert "dropped on 2026-09-01: Replaced by the regional audit" in " ".join(table.split())
    ics = run("ics", "--file", powys, "--body", "powys-pcpg", "--on", "2026-09-02").stdout
    assert "Dropped on 2026-09-01: Replaced by the regional audit" in ics.replace(
        "\r\n", "\n"
    ).replace("\n ", "")


def test_check_validates_a_drop(run: Run, write_yaml: WriteYaml) -> None:
    future = write_yaml(POWYS, "future.yaml")
    result = run("check", str(future), "--on", "2026-08-01")
    assert "warning future-drop 'old-audit' is recorded as dropped on 2026-09-01" in result.stdout
    bad = write_yaml(
        POWYS.replace("reason: Replaced by the regional audit", "reason: ''"), "bad.yaml"
    )
    result = run("check", str(bad), "--on", "2026-12-01")
    assert result.exit_code == 1
    assert "error bad-value reason: String should have at least 1 character" in result.stdout
    missing = write_yaml(POWYS.replace(", reason: Replaced by the regional audit", ""), "m.yaml")
    result = run("check", str(missing), "--on", "2026-12-01")
    assert result.exit_code == 1 and "missing required key 'reason'" in result.stdout
    nodate = write_yaml(POWYS.replace("date: 2026-09-01,", "date: 2026-09,"), "month.yaml")
    result = run("check", str(nodate), "--on", "2026-12-01")
    assert result.exit_code == 1 and "is not a single day" in result.stdout


@pytest.mark.parametrize(
    ("track", "on", "status"),
    [
        (False, "2026-09-29", "due"),  # agenda items due 14 days before 13 October
        (False, "2026-09-30", "past"),  # a reminder: past the day after
        (True, "2026-09-29", "due"),
        (True, "2026-09-30", "overdue"),  # tracked: overdue the day after
        (True, "2027-06-30", "overdue"),  # ... and for ever, until completed
    ],
)
def test_meeting_tasks_are_reminders_unless_tracked(
    run: Run, write_yaml: WriteYaml, track: bool, on: str, status: str
) -> None:
    text = POWYS + ("    track: true\n" if track else "")
    path = write_yaml(text, "meetings.yaml")
    items = due_json(run, "--file", str(path), "--on", on, "--all")
    assert items["powys-pcpg-meetings-2026-10-13-agenda"]["status"] == status


def test_a_meeting_carries_the_conflict_of_interest_note(run: Run, powys: str) -> None:
    ics = run("ics", "--file", powys, "--body", "powys-pcpg", "--on", "2026-10-01").stdout
    unfolded = ics.replace("\r\n", "\n").replace("\n ", "")
    assert "conflicts of interest" in unfolded


# --- 4. assumed dates say so ---------------------------------------------------------------


def test_assumed_dates_are_marked_everywhere(run: Run) -> None:
    table = run("due", "--as", "cluster", "--on", "2026-11-24").stdout
    assert "assumed date" in table
    assert table.splitlines()[-1].endswith("; 4 on assumed dates")
    items = due_json(run, "--as", "cluster", "--on", "2026-11-24")
    assert all(i["assumed"] for i in items.values())
    assert {i["basis"] for i in items.values()} == {"assumed-annual"}
    chart = run("timeline", "--as", "cluster", "--on", "2026-11-24").stdout
    assert "* Draft cluster plan for 2027/28" in chart and "* assumed date" in chart
    ics = (
        run("ics", "--as", "cluster", "--on", "2026-11-24")
        .stdout.replace("\r\n", "\n")
        .replace("\n ", "")
    )
    assert "When: by end of November 2026 (assumed date)" in ics


def test_the_summary_counts_only_shown_items_on_assumed_dates(run: Run) -> None:
    # 2022/23 dates come from the sources, not assumptions
    table = run("due", "--as", "cluster", "--on", "2022-11-24").stdout
    assert "assumed" not in table.splitlines()[-1]


def test_draft_minutes_rest_on_an_assumed_default(run: Run, powys: str) -> None:
    items = due_json(run, "--file", powys, "--on", "2026-10-20")
    minutes = items["powys-pcpg-meetings-2026-10-13-minutes"]
    assert (minutes["basis"], minutes["assumed"]) == ("assumed", True)
    assert items["powys-pcpg-meetings-2026-12-08-agenda"]["basis"] == "guidance"


# --- 5. the data, corrected against the sources --------------------------------------------


def test_imtp_2023_26_is_due_on_31_march_2023(run: Run) -> None:
    items = due_json(run, "--as", "hb", "--on", "2023-03-31")
    assert items["hb-imtp-2023-24"]["status"] == "due"
    assert items["hb-imtp-2023-24"]["end"] == "2023-03-31"
    assert due_json(run, "--as", "hb", "--on", "2023-04-01")["hb-imtp-2023-24"]["status"] == (
        "overdue"
    )
    dataset = load_dataset()
    cycle = find_item(dataset, "hb-imtp-2024-25")
    assert cycle is not None and (cycle.end.month, cycle.end.day) == (3, 31)


@pytest.mark.parametrize(
    "on", ["2022-04-01", "2022-04-02", "2022-04-15", "2022-05-30", "2022-06-15"]
)
def test_rpb_needs_assessment_2022_was_published_in_spring(run: Run, on: str) -> None:
    # "required by 1 April 2022", "published in spring 2022": done by its deadline, the
    # day assumed; never overdue, since no source says it was late (review, 8)
    assert "rpb-needs-assessment-2022" not in due_json(run, "--as", "rpb", "--on", on)
    done = due_json(run, "--as", "rpb", "--on", on, "--all")["rpb-needs-assessment-2022"]
    assert done["status"] == "done"
    assert done["completed"]["date"] == "2022-04-01"
    assert done["completed"]["assumed"] is True
    assert done["completed"]["source"]["section"].startswith("Whether clusters or PCPGs")


def test_rpb_needs_assessment_2022_is_due_before_its_deadline(run: Run) -> None:
    item = due_json(run, "--as", "rpb", "--on", "2022-03-31")["rpb-needs-assessment-2022"]
    assert item["status"] == "due"
    assert item["completed"] is None


@pytest.mark.parametrize(
    ("item_id", "owners", "event"),
    [
        ("acd-configuration-2023", (Kind.HEALTH_BOARD,), False),
        ("plans-start-2023-24", (Kind.CLUSTER, Kind.PCPG, Kind.HEALTH_BOARD), True),
        ("cluster-budget-delegation-2023-24", (Kind.HEALTH_BOARD,), True),
    ],
)
def test_the_missing_transition_year_items(
    item_id: str, owners: tuple[Kind, ...], event: bool
) -> None:
    item = find_item(load_dataset(), item_id)
    assert item is not None and item.owners == owners and item.event is event


def test_plans_start_2023_24_passes_on_its_day() -> None:
    item = find_item(load_dataset(), "plans-start-2023-24")
    assert item is not None
    from acd_calendar.schedule import status_of

    assert status_of(item, Horizon(date(2023, 4, 1))) is Status.DUE
    assert status_of(item, Horizon(date(2023, 4, 2))) is Status.PAST


def test_involvement_from_the_sources() -> None:
    dataset = load_dataset()
    for item_id in ("rpb-needs-assessment-2022", "rpb-needs-assessment-2027-28"):
        item = find_item(dataset, item_id)
        assert item is not None
        assert {Kind.PC, Kind.CLUSTER, Kind.PCPG} <= set(item.involved)
    cadence = dataset.cadence("pcpg-meeting")
    assert cadence is not None and Kind.RPB in cadence.involved
    assert cadence.minutes_basis.value == "assumed"


def test_assumed_bases_and_outside_sources() -> None:
    dataset = load_dataset()
    for cycle_id in ("rpb-needs-assessment", "rpb-area-plan"):
        cycle = dataset.cycle(cycle_id)
        assert cycle is not None and cycle.basis.value == "assumed"
        assert cycle.source.document == "sswb-act-2014"
        assert "s.14" in (cycle.note or "")
    for cycle_id in ("pcpg-chair-rotation", "pcpg-annual-review", "rpb-area-plan-input"):
        cycle = dataset.cycle(cycle_id)
        assert cycle is not None and cycle.basis.value == "assumed"
    # the RPB input follows the five-yearly refresh, no longer every year
    assert find_item(dataset, "rpb-area-plan-input-2027-28") is None
    assert find_item(dataset, "rpb-area-plan-input-2033-34") is not None
    # everything from 2024/25 on is a projection or a default: never stronger
    later = expand(dataset, date(2024, 4, 1), date(2034, 3, 31))
    projected = [i for i in later if i.planning_year is not None]
    assert projected and all(i.assumed for i in projected)


@pytest.mark.parametrize(
    ("alias", "body"),
    [
        ("sir-benfro", "pembrokeshire"),
        ("caerdydd", "cardiff"),
        ("abertawe", "swansea"),
        ("wrecsam", "wrexham"),
        ("ynys-mon", "anglesey"),
        ("bro-morgannwg", "vale-of-glamorgan"),
        ("bwrdd-iechyd-prifysgol-hywel-dda", "hywel-dda"),
        ("bae-abertawe", "swansea-bay"),
        ("caerdydd-ar-fro", "cardiff-and-vale"),
        ("bwrdd-partneriaeth-rhanbarthol-gorllewin-cymru", "west-wales-rpb"),
    ],
)
def test_welsh_names_are_aliases(run: Run, alias: str, body: str) -> None:
    from acd_calendar.bodies import Registry
    from acd_calendar.load import load_bodies

    registry = Registry(load_bodies())
    found = registry.get(alias)
    assert found is not None and found.id == body
    assert run("due", "--body", alias, "--on", "2026-11-24").exit_code == 0


def test_every_national_body_has_a_welsh_name() -> None:
    from acd_calendar.load import load_bodies

    national = load_bodies()
    for body in [
        *national.health_boards,
        *national.local_authorities,
        *national.regional_partnership_boards,
    ]:
        assert body.welsh_name, body.id
