"""Issue 8, after review: owning bodies that are the right ones, completions that count,
tracked tasks checked, meetings with their involved bodies, waiting shown everywhere,
no lateness the sources do not state, bounded meeting expansion.

Each test names the review finding it pins (1 to 12).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from acd_calendar.bodies import Registry
from acd_calendar.combined import local_first_day, local_items
from acd_calendar.load import load_bodies, load_dataset
from acd_calendar.local import LocalPlan
from acd_calendar.schedule import ItemKind, find_item
from conftest import REPO, Run, WriteYaml

HYWEL_DDA = str(REPO / "examples" / "hywel-dda.yaml")

CEREDIGION = """\
version: 1
health_board: hywel-dda
bodies:
  - {id: ceredigion-pcpg, kind: pcpg, name: Ceredigion PCPG, parent: ceredigion}
  - {id: north-ceredigion, kind: cluster, name: North Ceredigion, parent: ceredigion-pcpg}
  - {id: south-ceredigion, kind: cluster, name: South Ceredigion, parent: ceredigion-pcpg}
  - {id: pembrokeshire-pcpg, kind: pcpg, name: Pembrokeshire PCPG, parent: sir-benfro}
deadlines:
  - id: north-only
    title: North Ceredigion's own deadline
    owners: [north-ceredigion]
    due: 2026-11-16
  - id: council-paper
    title: Council paper
    owners: [sir-benfro]
    involved: [pcpg]
    due: 2026-11-16
"""

BOARD = """\
version: 1
health_board: hywel-dda
bodies:
  - {id: ceredigion-pcpg, kind: pcpg, name: Ceredigion PCPG, parent: ceredigion}
deadlines:
  - id: hb-sign-off
    title: Board signs off the primary care chapter
    owners: [health-board]
    involved: [pcpg]
    due: 2026-06-30
  - id: la-input
    title: Local authority input
    owners: [local-authority]
    due: 2026-06-30
  - id: rpb-input
    title: RPB input
    owners: [rpb]
    due: 2026-06-30
completions:
  - {item: hb-sign-off, body: hywel-dda, date: 2026-07-02}
  - {item: la-input, body: ceredigion, date: 2026-07-02}
  - {item: rpb-input, body: west-wales-rpb, date: 2026-07-02}
"""

POWYS = """\
version: 1
health_board: powys-teaching
bodies:
  - {id: powys-pcpg, kind: pcpg, name: Powys PCPG, parent: powys}
  - {id: north-powys, kind: cluster, name: North Powys, parent: powys-pcpg}
  - {id: mid-powys, kind: cluster, name: Mid Powys, parent: powys-pcpg}
deadlines:
  - id: powys-cluster-returns
    title: Cluster returns to the PCPG
    owners: [cluster]
    involved: [pcpg]
    due: 2026-11-16
  - id: early-drop
    title: Dropped before it was due
    owners: [cluster]
    due: 2026-12-15
    dropped: {date: 2026-11-01, reason: Not needed}
completions:
  - {item: powys-cluster-returns, body: north-powys, date: 2026-11-10}
meetings:
  - id: powys-pcpg-meetings
    body: powys-pcpg
    cadence: pcpg-meeting
    start: 2026-10-13
    count: 2
"""


def items_of(run: Run, *args: str) -> dict[str, dict[str, Any]]:
    result = run("due", *args, "-f", "json")
    assert result.exit_code in (0, 1), result.output
    return {i["id"]: i for i in json.loads(result.stdout)["items"]}


def unfolded(text: str) -> str:
    """The SUMMARY and DESCRIPTION values of a calendar, read by a real parser."""
    from icalendar import Calendar

    calendar = Calendar.from_ical(text)
    return "\n".join(
        f"SUMMARY:{event.get('summary')}\n{event.get('description')}"
        for event in calendar.walk("VEVENT")
    )


@pytest.fixture
def ceredigion(write_yaml: WriteYaml) -> str:
    return str(write_yaml(CEREDIGION, "ceredigion.yaml"))


@pytest.fixture
def powys(write_yaml: WriteYaml) -> str:
    return str(write_yaml(POWYS, "powys.yaml"))


# --- 1. a deadline of one named body is that body's alone ---------------------------------


@pytest.mark.parametrize(("on", "status"), [("2026-11-16", "due"), ("2026-11-17", "overdue")])
def test_a_deadline_of_one_named_body_is_owned_by_it_alone(
    run: Run, ceredigion: str, on: str, status: str
) -> None:
    item = items_of(run, "--file", ceredigion, "--on", on)["north-only"]
    assert item["status"] == status
    assert [b["id"] for b in item["bodies"]] == ["north-ceredigion"]
    assert item["owners"] == ["north-ceredigion"]
    assert "north-only" not in items_of(
        run, "--file", ceredigion, "--body", "south-ceredigion", "--on", on
    )
    mine = items_of(run, "--file", ceredigion, "--body", "north-ceredigion", "--on", on)
    assert mine["north-only"]["status"] == status
    # --as cluster still sees it as the owner's kind
    assert (
        items_of(run, "--file", ceredigion, "--as", "cluster", "--on", on)["north-only"]["role"]
        == "owner"
    )


def test_a_council_named_by_its_welsh_name_owns_alone(run: Run, ceredigion: str) -> None:
    item = items_of(run, "--file", ceredigion, "--on", "2026-11-17")["council-paper"]
    assert [b["id"] for b in item["bodies"]] == ["pembrokeshire"]
    assert item["owners"] == ["pembrokeshire"]
    assert "council-paper" not in items_of(
        run, "--file", ceredigion, "--body", "ceredigion", "--on", "2026-11-17"
    )
    own = items_of(run, "--file", ceredigion, "--body", "sir-benfro", "--on", "2026-11-17")
    assert own["council-paper"]["role"] == "owner"


# --- 2. the file's health board, local authorities and RPB count --------------------------


@pytest.mark.parametrize(("on", "status"), [("2026-07-01", "overdue"), ("2026-07-02", "done")])
def test_the_files_national_bodies_complete_their_deadlines(
    run: Run, write_yaml: WriteYaml, on: str, status: str
) -> None:
    path = str(write_yaml(BOARD, "board.yaml"))
    items = items_of(run, "--file", path, "--on", on, "--all")
    owners = {"hb-sign-off": "hywel-dda", "la-input": "ceredigion", "rpb-input": "west-wales-rpb"}
    for item_id, body in owners.items():
        assert items[item_id]["status"] == status, item_id
        assert [b["id"] for b in items[item_id]["bodies"]] == [body]
    pcpg = items_of(run, "--file", path, "--as", "pcpg", "--on", on, "--all")["hb-sign-off"]
    assert pcpg["status"] == ("waiting" if status == "overdue" else "done")
    checked = run("check", path, "--warn-overdue", "--on", on).stdout
    assert ("overdue" in checked) is (status == "overdue")


def test_a_national_item_counts_the_files_health_board(run: Run, write_yaml: WriteYaml) -> None:
    path = write_yaml(
        """\
        version: 1
        health_board: powys-teaching
        bodies:
          - {id: powys-pcpg, kind: pcpg, name: Powys PCPG, parent: powys}
        completions:
          - {item: hb-imtp-input-2027-28, body: powys-teaching, date: 2027-01-20}
        """,
        "national.yaml",
    )
    before = items_of(run, "--file", str(path), "--on", "2027-01-19", "--all")
    assert before["hb-imtp-input-2027-28"]["status"] == "due"
    after = items_of(run, "--file", str(path), "--on", "2027-02-01", "--all")
    item = after["hb-imtp-input-2027-28"]
    assert item["status"] == "done"
    assert item["bodies"] == [
        {"id": "powys-teaching", "status": "done", "completed_on": "2027-01-20"}
    ]


# --- 3. several files: a deadline's bodies are its own health board's ---------------------


def test_several_files_do_not_share_their_owners(run: Run, powys: str) -> None:
    both = ["--file", HYWEL_DDA, "--file", powys, "--on", "2026-11-17"]
    items = items_of(run, *both)
    hywel = {b["id"] for b in items["cluster-plan-draft-internal-2026"]["bodies"]}
    assert hywel == {
        "north-ceredigion",
        "south-ceredigion",
        "north-pembrokeshire",
        "south-pembrokeshire",
        "amman-gwendraeth",
        "llanelli",
    }
    assert {b["id"] for b in items["powys-cluster-returns"]["bodies"]} == {
        "mid-powys",
        "north-powys",
    }
    north_powys = items_of(run, *both, "--body", "north-powys", "--all")
    assert "cluster-plan-draft-internal-2026" not in north_powys
    assert north_powys["powys-cluster-returns"]["status"] == "done"
    powys_pcpg = items_of(run, *both, "--body", "powys-pcpg")
    assert "cluster-plan-draft-internal-2026" not in powys_pcpg
    assert powys_pcpg["powys-cluster-returns"]["waiting_on"] == ["mid-powys"]


# --- 4. an involved body waits on its own bodies only -------------------------------------


def test_a_pcpg_waits_on_its_own_clusters_only(run: Run) -> None:
    args = ["--file", HYWEL_DDA, "--on", "2026-11-17"]
    # south-ceredigion completed, north-ceredigion did not; Pembrokeshire's did neither
    ceredigion = items_of(run, *args, "--body", "ceredigion-pcpg")
    item = ceredigion["cluster-plan-draft-internal-2026"]
    assert item["status"] == "waiting"
    assert item["waiting_on"] == ["north-ceredigion"]
    assert {b["id"] for b in item["bodies"]} == {"north-ceredigion", "south-ceredigion"}
    pembrokeshire = items_of(run, *args, "--body", "pembrokeshire-pcpg")
    item = pembrokeshire["cluster-plan-draft-internal-2026"]
    assert item["waiting_on"] == ["north-pembrokeshire", "south-pembrokeshire"]
    table = run("due", *args, "--body", "pembrokeshire-pcpg").stdout
    assert "ceredigion" not in table
    # the health board above them all waits on each of its PCPGs
    later = ["--file", HYWEL_DDA, "--on", "2026-12-19", "--body", "hywel-dda"]
    board = items_of(run, *later)["pcpg-plan-to-board-2026"]
    assert board["status"] == "waiting"
    assert board["waiting_on"] == ["carmarthenshire-pcpg", "ceredigion-pcpg", "pembrokeshire-pcpg"]


@pytest.mark.parametrize(("on", "status"), [("2026-11-30", "due"), ("2026-12-01", "waiting")])
def test_a_pcs_national_item_reflects_its_own_cluster(run: Run, on: str, status: str) -> None:
    # south-ceredigion recorded its cluster response; the PC's cluster did not
    items = items_of(run, "--file", HYWEL_DDA, "--body", "north-ceredigion-gms-pc", "--on", on)
    item = items["cluster-response-2027-28"]
    assert item["status"] == status
    assert [b["id"] for b in item["bodies"]] == ["north-ceredigion"]
    assert item["waiting_on"] == (["north-ceredigion"] if status == "waiting" else [])


# --- 5. check --warn-overdue and tracked meeting tasks ------------------------------------


@pytest.mark.parametrize(
    ("track", "on", "warned"),
    [
        (True, "2026-09-29", False),  # the agenda items' day (14 days before 13 October)
        (True, "2026-09-30", True),  # the day after
        (False, "2026-09-30", False),  # untracked tasks are reminders
    ],
)
def test_warn_overdue_names_the_tasks_of_a_tracked_series(
    run: Run, write_yaml: WriteYaml, track: bool, on: str, warned: bool
) -> None:
    path = write_yaml(POWYS + ("    track: true\n" if track else ""), "tracked.yaml")
    out = run("check", str(path), "--warn-overdue", "--on", on).stdout
    assert ("powys-pcpg-meetings-2026-10-13-agenda" in out) is warned
    if warned:
        assert "'powys-pcpg-meetings' is tracked: 1 task past" in out


def test_a_completed_meeting_completes_its_tracked_agenda_and_papers(
    run: Run, write_yaml: WriteYaml
) -> None:
    meeting = "  - {item: powys-pcpg-meetings-2026-10-13, body: powys-pcpg, date: 2026-10-13}\n"
    text = POWYS.replace("meetings:\n", meeting + "meetings:\n")
    path = write_yaml(text + "    track: true\n", "done.yaml")
    out = run("check", str(path), "--warn-overdue", "--on", "2026-10-28").stdout
    assert "-agenda" not in out and "-papers" not in out
    assert "powys-pcpg-meetings-2026-10-13-minutes" in out


# --- 6. the bodies involved in PCPG meetings see them --------------------------------------


def test_rpbs_see_pcpg_meetings_as_involved(run: Run, powys: str) -> None:
    on = ["--file", powys, "--on", "2026-10-13"]
    for report in (["--as", "rpb"], ["--body", "powys-rpb"]):
        meeting = items_of(run, *on, *report)["powys-pcpg-meetings-2026-10-13"]
        assert meeting["role"] == "involved"
    # another region's RPB is not involved in Powys's meetings
    assert "powys-pcpg-meetings-2026-10-13" not in items_of(run, *on, "--body", "west-wales-rpb")
    ics = unfolded(run("ics", "--file", powys, "--body", "powys-rpb", "--on", "2026-10-01").stdout)
    assert "Involved: cluster, health-board, local-authority, rpb" in ics
    assert "Role for Powys Regional Partnership Board: involved" in ics


# --- 7. waiting and whom it waits on, in every format --------------------------------------


def test_the_timeline_says_what_a_waiting_item_waits_on(
    run: Run, powys: str, tmp_path: Path
) -> None:
    args = ["timeline", "--file", powys, "--body", "powys-pcpg", "--on", "2026-11-17"]
    assert "waiting on mid-powys" in run(*args).stdout
    html, svg = tmp_path / "t.html", tmp_path / "t.svg"
    assert run(*args, "--html", str(html), "--svg", str(svg)).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert "waiting on mid-powys" in page  # the chart's label
    assert "Waiting</strong> on mid-powys" in page  # the table
    from xml.etree import ElementTree

    tree = ElementTree.parse(svg)
    texts = [" ".join(t.itertext()) for t in tree.iter("{http://www.w3.org/2000/svg}text")]
    assert "waiting on mid-powys" in texts


def test_ics_names_the_owning_bodies_and_what_an_involved_body_waits_on(
    run: Run, powys: str
) -> None:
    args = ["ics", "--file", powys, "--body", "powys-pcpg", "--on", "2026-11-17"]
    first = run(*args).stdout
    text = unfolded(first)
    assert "Owning bodies: mid-powys, north-powys" in text
    assert "Completed by: north-powys (2026-11-10)" in text
    assert "Role for Powys PCPG: involved; once late, it waits on mid-powys" in text
    # no status of the day: the same calendar whatever day it is read
    assert "Waiting on" not in text and "Overdue" not in text
    assert run(*args).stdout == first


# --- 8. no lateness the sources do not state -----------------------------------------------


def test_show_does_not_call_the_2022_needs_assessment_late(run: Run) -> None:
    table = run("show", "rpb-needs-assessment-2022", "--on", "2022-06-15").stdout
    assert "late" not in table
    assert "done (by 2022-04-01, day assumed" in " ".join(table.split())
    details = json.loads(
        run("show", "rpb-needs-assessment-2022", "--on", "2022-06-15", "-f", "json").stdout
    )
    assert details["completed"]["assumed"] is True
    assert details["completed"]["source"]["document"].startswith("ACD planning FAQ")


@pytest.mark.parametrize(("on", "done"), [("2022-03-31", False), ("2022-04-15", True)])
def test_ics_and_due_agree_on_the_national_completion(run: Run, on: str, done: bool) -> None:
    status = items_of(run, "--as", "rpb", "--on", on, "--all")["rpb-needs-assessment-2022"]
    assert (status["status"] == "done") is done
    span = ["--from", "2022-03-01", "--to", "2022-04-30"]
    ics = unfolded(run("ics", "--as", "rpb", "--on", on, *span).stdout)
    assert ("SUMMARY:Done: RPB regional population needs assessment published" in ics) is done


def test_done_items_are_never_called_late_in_the_table(run: Run) -> None:
    table = run("due", "--as", "rpb", "--on", "2022-06-15", "--all").stdout
    line = next(x for x in table.splitlines() if "RPB regional population needs" in x)
    assert "late" not in line and " done " in f" {line} "


def test_an_assumed_completion_is_never_after_the_deadline(write_yaml: WriteYaml) -> None:
    from acd_calendar.errors import InputError

    text = (REPO / "data" / "milestones.yaml").read_text(encoding="utf-8")
    path = write_yaml(
        text.replace(
            "      when: 2022-04-01\n      assumed: true",
            "      when: 2022-05\n      assumed: true",
        ),
        "m.yaml",
    )
    with pytest.raises(InputError, match="assumed completion"):
        load_dataset(path)


# --- 9. cluster budgets from April 2023 ----------------------------------------------------


@pytest.mark.parametrize(
    ("on", "status"),
    [
        ("2023-03-31", "upcoming"),
        ("2023-04-02", "due"),
        ("2023-04-30", "due"),
        ("2023-05-01", "past"),
    ],
)
def test_cluster_budget_delegation_is_an_event_of_april_2023(
    run: Run, on: str, status: str
) -> None:
    item = items_of(run, "--as", "hb", "--on", on, "--all")["cluster-budget-delegation-2023-24"]
    assert item["status"] == status
    assert item["basis"] == "guidance"


# --- 10. the IMTP cycle cites the law and the statement ------------------------------------


def test_the_imtp_cycle_cites_the_nhs_finance_act() -> None:
    dataset = load_dataset()
    item = find_item(dataset, "hb-imtp-2027-28")
    assert item is not None and item.source is not None
    assert item.source.document == "National Health Service Finance (Wales) Act 2014"
    assert item.basis is not None and item.basis.value == "assumed-annual"
    assert item.note is not None and "Medium term planning update" in item.note
    assert dataset.documents["mtp-update-2014"].date == "2014-05-07"
    assert (item.end.month, item.end.day) == (3, 31)


# --- 11. bounded expansion of meeting series -----------------------------------------------


def _plan(text: str) -> LocalPlan:
    import yaml

    from acd_calendar.schema import LocalPlan as LocalFile

    return LocalFile.model_validate(yaml.safe_load(text)).plain()


DAILY = """\
version: 1
health_board: powys-teaching
bodies:
  - {id: powys-pcpg, kind: pcpg, name: Powys PCPG, parent: powys}
meetings:
  - id: powys-daily
    body: powys-pcpg
    cadence: pcpg-meeting
    start: 2000-01-03
    rrule: FREQ=DAILY
"""


@pytest.mark.parametrize("track", [False, True])
def test_an_old_daily_series_is_expanded_within_bounds(track: bool) -> None:
    from acd_calendar.combined import TRACKED_MEETINGS

    plan = _plan(DAILY + ("    track: true\n" if track else ""))
    dataset = load_dataset()
    registry = Registry(load_bodies(), [plan])
    first, last = date(2026, 11, 1), date(2026, 11, 30)
    local_first = local_first_day([plan])
    assert local_first == (date(2000, 1, 3) if track else None)
    items = local_items([plan], dataset, registry, first, last, local_first)
    meetings = [i for i in items if i.kind is ItemKind.MEETING]
    old = [m for m in meetings if m.end < first]
    assert len(old) == (TRACKED_MEETINGS if track else 0)
    assert len(meetings) - len(old) == 30


# --- 12. smaller ---------------------------------------------------------------------------


@pytest.mark.parametrize(("on", "shown"), [("2026-10-31", False), ("2026-11-01", True)])
def test_a_future_drop_is_not_shown_before_its_day(
    run: Run, powys: str, on: str, shown: bool
) -> None:
    item = items_of(run, "--file", powys, "--on", on, "--all")["early-drop"]
    assert (item["dropped"] is not None) is shown
    assert item["status"] == ("past" if shown else "upcoming")
    ics = unfolded(run("ics", "--file", powys, "--as", "cluster", "--on", on).stdout)
    assert ("Dropped on 2026-11-01: Not needed" in ics) is shown


def test_a_local_id_equal_to_a_welsh_alias(run: Run, write_yaml: WriteYaml) -> None:
    path = write_yaml(
        """\
        version: 1
        health_board: cardiff-and-vale
        bodies:
          - {id: caerdydd-pcpg, kind: pcpg, name: Cardiff PCPG, parent: cardiff}
          - {id: casnewydd, kind: cluster, name: Casnewydd cluster, parent: caerdydd-pcpg}
          - {id: ceredigion, kind: cluster, name: A cluster, parent: caerdydd-pcpg}
        """,
        "ids.yaml",
    )
    out = run("check", str(path)).stdout
    assert "id 'casnewydd' is an alias of 'newport'" in out
    assert "id 'ceredigion' is the id of a national body: Ceredigion (local-authority)" in out
    assert "national milestone or body" not in out
    assert "other-health-board" not in out


def test_meetings_carry_their_note_in_due(run: Run, powys: str) -> None:
    items = items_of(run, "--file", powys, "--body", "powys-pcpg", "--on", "2026-10-13")
    assert "conflicts of interest" in items["powys-pcpg-meetings-2026-10-13"]["note"]
    table = run("due", "--file", powys, "--body", "powys-pcpg", "--on", "2026-10-13").stdout
    assert "conflicts of interest" in " ".join(table.split())
