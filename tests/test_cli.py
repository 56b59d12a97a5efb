"""``acd`` driven as a user drives it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from acd_calendar import __version__
from conftest import Run, WriteYaml

JSON_FIELDS = {
    "id",
    "title",
    "status",
    "start",
    "end",
    "days_left",
    "owners",
    "involved",
    "basis",
    "source",
    "depends_on",
}


def test_due_as_cluster_table(run: Run) -> None:
    result = run("due", "--as", "cluster", "--on", "2026-11-24")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("ACD planning: Cluster, as of Tuesday 24 November 2026\n")
    assert "Draft cluster plan for 2027/28" in out
    assert "by end of November 2026" in out
    assert "6 days left" in out
    assert "\x1b[" not in out  # plain text when piped
    assert all(line == line.rstrip() for line in out.splitlines())
    # the late PC response is not the clusters' own: they wait on the PCs (issue 8)
    assert out.index("Waiting on others (") < out.index("Due (") < out.index("Upcoming (")
    assert "Overdue (" not in out


def test_due_json_contract(run: Run) -> None:
    result = run("due", "--as", "CLUSTER", "--on", "2026-11-24", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["as_of"] == "2026-11-24" and document["as"] == "cluster"
    items = {i["id"]: i for i in document["items"]}
    draft = items["cluster-plan-draft-2027-28"]
    assert set(draft) >= JSON_FIELDS
    assert draft == draft | {
        "status": "due",
        "start": None,
        "end": "2026-11-30",
        "days_left": 6,
        "owners": ["cluster"],
        "involved": ["pcpg", "health-board"],
        "basis": "assumed-annual",
        "depends_on": ["cluster-response-2027-28"],
        "role": "owner",
        "kind": "milestone",
    }
    assert set(draft["source"]) == {"document", "section"}
    assert items["pc-response-2027-28"]["days_left"] == -55
    assert items["pc-response-2027-28"]["start"] == "2026-07-01"


def test_due_without_as_lists_every_kind_with_owners(run: Run) -> None:
    document = json.loads(run("due", "--on", "2026-11-24", "-f", "json").stdout)
    assert document["as"] is None
    owners = {o for i in document["items"] for o in i["owners"]}
    # (no RPB item is listed on that day since its area-plan input follows the
    # five-yearly refresh: issue 8)
    assert {"cluster", "health-board", "pcpg"} <= owners


def test_as_hb_alias(run: Run) -> None:
    document = json.loads(run("due", "--as", "hb", "--on", "2027-03-10", "-f", "json").stdout)
    assert document["as"] == "health-board"
    assert {i["id"]: i["status"] for i in document["items"]}["hb-imtp-2027-28"] == "due"


def test_csv_for_excel(run: Run) -> None:
    out = run("due", "--as", "cluster", "--on", "2026-11-24", "--format", "csv").stdout
    assert out.startswith("\ufeffid,title,status,start,end,days_left")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    draft = next(r for r in rows if r["id"] == "cluster-plan-draft-2027-28")
    assert (draft["status"], draft["end"], draft["days_left"], draft["involved"]) == (
        "due",
        "2026-11-30",
        "6",
        "pcpg; health-board",
    )


def test_all_runs_from_2022_to_the_end_of_next_planning_year(run: Run) -> None:
    items = json.loads(run("due", "--all", "--on", "2026-11-24", "-f", "json").stdout)["items"]
    ends = sorted(i["end"] for i in items)
    assert ends[0] == "2022-04-01"
    assert ends[-1] <= "2028-03-31"
    ids = {i["id"] for i in items}
    assert {"cluster-plan-draft-2023-24", "cluster-plan-draft-2028-29"} <= ids
    assert "cluster-plan-draft-2029-30" not in ids
    statuses = {i["id"]: i["status"] for i in items}
    assert statuses["cluster-plan-draft-2023-24"] == "past"
    assert statuses["cluster-plan-draft-2028-29"] == "later"


def test_within_and_since(run: Run) -> None:
    def ids(*args: str) -> set[str]:
        out = run("due", "--as", "cluster", "--on", "2026-11-24", "-f", "json", *args).stdout
        return {i["id"] for i in json.loads(out)["items"]}

    assert "pcpg-plan-2027-28" in ids("--within", "7")  # starts 1 December: 7 days on
    assert "pcpg-plan-2027-28" not in ids("--within", "6")
    assert "pc-response-2027-28" in ids("--since", "2026-09-30")
    assert "pc-response-2027-28" not in ids("--since", "2026-10-01")


# Clusters own nothing late on 24 November 2026; they wait on the PCs (issue 8).
@pytest.mark.parametrize(("fail_on", "code"), [("overdue", 0), ("waiting", 1), ("due", 1)])
def test_fail_on_exits_1_when_listed(run: Run, fail_on: str, code: int) -> None:
    result = run("due", "--as", "cluster", "--on", "2026-11-24", "--fail-on", fail_on)
    assert result.exit_code == code


def test_fail_on_exits_0_when_nothing_has_that_status(run: Run) -> None:
    result = run("due", "--as", "cluster", "--on", "2026-06-01", "--fail-on", "overdue")
    assert result.exit_code == 0, result.output


def test_output_is_deterministic(run: Run) -> None:
    for fmt in ("table", "json", "csv"):
        first = run("due", "--on", "2026-11-24", "-f", fmt, "--all").stdout_bytes
        assert first == run("due", "--on", "2026-11-24", "-f", fmt, "--all").stdout_bytes


def test_no_color_and_colour_only_on_a_terminal(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("due", "--on", "2026-11-24").stdout


def test_list_and_show(run: Run) -> None:
    listing = run("list", "--as", "rpb")
    assert listing.exit_code == 0
    assert "rpb-area-plan-2023" in listing.stdout and "cluster-plan-draft" not in listing.stdout
    rows = json.loads(run("list", "-f", "json").stdout)["milestones"]
    assert {"pcpg-meeting", "hb-imtp", "pcpg-plan-2023-24"} <= {r["id"] for r in rows}

    shown = run("show", "cluster-plan-draft-2023-24", "--on", "2022-11-20")
    assert shown.exit_code == 0
    assert "by end of November 2022" in shown.stdout
    assert "cluster-response-2023-24" in shown.stdout  # depends on
    assert "pcpg-plan-2023-24" in shown.stdout  # needed by
    details = json.loads(
        run("show", "pcpg-plan-2023-24", "-f", "json", "--on", "2022-12-05").stdout
    )
    assert details["status"] == "due"
    assert [d["id"] for d in details["depends_on"]] == ["cluster-plan-draft-2023-24"]
    assert {d["id"] for d in details["needed_by"]} >= {
        "hb-imtp-input-2023-24",
        "rpb-area-plan-input-2023-24",
    }
    cycle = json.loads(run("show", "cluster-plan-draft", "-f", "json", "--on", "2026-12-01").stdout)
    assert cycle["next"][0]["id"] == "cluster-plan-draft-2028-29"


def test_version(run: Run) -> None:
    assert run("--version").stdout == f"acd {__version__}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["due", "--as", "clutser"], "--as: unknown kind of body 'clutser'; valid: pc, cluster"),
        (["due", "--on", "2026-13-01"], "--on: '2026-13-01' has month 13"),
        (["due", "--on", "31/11/2026"], "--on: '31/11/2026' is not a real date"),
        (["due", "--on", "tomorrow"], "--on: 'tomorrow' is not a day: write it as 2026-11-24"),
        (["due", "--on", "2026-11"], "--on: '2026-11' is not a single day"),
        (["due", "--within", "-1"], "'--within'"),
        (["due", "--within", "1000000000"], "'--within'"),
        (["due", "--on", "9999-12-31"], "--on: '9999-12-31' is out of range"),
        (["due", "--within", "soon"], "'--within'"),
        (["due", "--format", "xml"], "'--format'"),
        (["due", "--fail-on", "late"], "'--fail-on'"),
        (["due", "--since", "2027-01-01", "--on", "2026-11-24"], "--since: 2027-01-01 is after"),
        (["due", "--bogus"], "No such option"),
        (["show", "no-such-thing"], "no milestone, cycle or cadence with id 'no-such-thing'"),
        (["show", "cluster-plan-draf"], "did you mean cluster-plan-draft"),
        (["nonsense"], "No such command"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run: Run, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("acd") and "error: " in lines[0]
    assert message in lines[0]


def test_a_broken_data_file_names_file_line_and_column(run: Run, write_yaml: WriteYaml) -> None:
    path = write_yaml("version: 1\ndocuments: {}\nmilestones:\n  - id: x\n    due: 2022-02-30\n")
    result = run("due", "--data", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"acd: error: {path}:4:5: missing-key")


def test_a_missing_data_file(run: Run, tmp_path: Path) -> None:
    result = run("due", "--data", str(tmp_path / "none.yaml"))
    assert result.exit_code == 2
    assert "none.yaml:1:1: unreadable" in result.stderr


def test_data_from_the_environment(
    run: Run, write_yaml: WriteYaml, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACD_DATA", str(write_yaml("version: 1\ndocuments: {}\n")))
    result = run("due", "--on", "2026-11-24", "-f", "json")
    assert json.loads(result.stdout)["items"] == []


def test_empty_report_says_so(run: Run, write_yaml: WriteYaml) -> None:
    result = run(
        "due", "--data", str(write_yaml("version: 1\ndocuments: {}\n")), "--on", "2026-11-24"
    )
    assert "Nothing overdue, due or upcoming" in result.stdout


@pytest.mark.parametrize(
    ("utc", "london"),
    [
        ("2026-06-30T22:59:59", "2026-06-30"),  # 23:59:59 BST
        ("2026-06-30T23:00:00", "2026-07-01"),  # midnight BST: already 1 July in London
        ("2026-12-31T23:59:59", "2026-12-31"),  # GMT: London is UTC
        ("2026-10-25T23:30:00", "2026-10-25"),  # summer time ended that morning
        ("2026-03-31T23:30:00", "2026-04-01"),  # BST: the new financial year in London
    ],
)
def test_today_is_the_date_in_london(utc: str, london: str) -> None:
    from datetime import UTC, datetime

    from acd_calendar.commands import today_in_london

    moment = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    assert today_in_london(moment).isoformat() == london


@pytest.mark.parametrize("day", ["1900-01-01", "2200-12-31"])
def test_the_extremes_of_the_date_range_work(run: Run, day: str) -> None:
    for args in (["due", "--all"], ["due", "--within", "3660"], ["timeline"], ["ics"]):
        result = run(*args, "--on", day)
        assert result.exit_code == 0, (args, result.output)


@pytest.mark.parametrize("command", ["due", "timeline", "ics", "list"])
def test_options_are_checked_before_any_file_is_read(
    run: Run, command: str, tmp_path: Path
) -> None:
    result = run(command, "--as", "nope", "--data", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2
    assert result.stderr.startswith("acd: error: --as: unknown kind of body 'nope'")


def test_a_huge_data_file_is_refused_by_its_size(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    result = run("due", "--data", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"acd: error: {path}:1:1: too-large: file is 52,428,800")
