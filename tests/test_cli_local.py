"""``acd check``, ``acd init``, ``acd schema`` and ``acd due --file/--body`` as users run them."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conftest import REPO, Run, WriteYaml

EXAMPLE = str(REPO / "examples" / "hywel-dda.yaml")


def test_check_clean_files_exit_0(run: Run) -> None:
    result = run("check", EXAMPLE, "data/milestones.yaml", "data/bodies.yaml", "--on", "2026-11-24")
    assert result.exit_code == 0, result.output
    assert result.stdout == "3 files checked: no problems\n"


BROKEN = """\
version: 1
bodies:
  - {id: a-pcpg, kind: pcpg, name: A, parent: nowhere}
deadlines:
  - id: d
    title: T
    owners: [cluster]
    due: 2026-11-28
"""


def test_check_reports_sorted_lines_and_summary(run: Run, write_yaml: WriteYaml) -> None:
    path = write_yaml(BROKEN, "local.yaml")
    result = run("check", str(path), "--on", "2026-11-24")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:3:47: error unknown-reference no body 'nowhere' to be the parent of 'a-pcpg'",
        f"{path}:8:10: warning non-working-day 2026-11-28 is a Saturday",
        "1 file checked: 1 error, 1 warning",
    ]


def test_warnings_pass_unless_strict(run: Run, write_yaml: WriteYaml) -> None:
    path = write_yaml(BROKEN.replace("parent: nowhere", "parent: ceredigion"))
    assert run("check", str(path), "--on", "2026-11-24").exit_code == 0
    assert run("check", str(path), "--on", "2026-11-24", "--strict").exit_code == 1


def test_check_json_and_github(run: Run, write_yaml: WriteYaml) -> None:
    path = write_yaml(BROKEN, "local.yaml")
    document = json.loads(run("check", str(path), "-f", "json", "--on", "2026-11-24").stdout)
    assert document["problems"][0] == {
        "path": str(path),
        "line": 3,
        "column": 47,
        "level": "error",
        "code": "unknown-reference",
        "message": "no body 'nowhere' to be the parent of 'a-pcpg'",
    }
    github = run("check", str(path), "-f", "github", "--on", "2026-11-24")
    assert github.stdout.splitlines()[0] == (
        f"::error file={path},line=3,col=47,title=unknown-reference::"
        "no body 'nowhere' to be the parent of 'a-pcpg'"
    )
    assert github.stdout.splitlines()[1].startswith("::warning ")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"version: 1\ntitle: caf\x92\n", "encoding"),
        (b"a: [1,\n", "yaml-syntax"),
        (b"", "empty"),
        (b"- 1\n", "not-a-mapping"),
        (b"a: 1\n---\nb: 1\n", "multiple-documents"),
        (b"a:\n\t- 1\n", "yaml-syntax"),
        (b"a: !!python/object/apply:os.system ['true']\n", "tag"),
        (b"a: x\x00\n", "control-character"),
    ],
)
def test_unreadable_files_exit_2_and_others_are_still_checked(
    run: Run, write_yaml: WriteYaml, content: bytes, code: str
) -> None:
    bad = write_yaml(content, "bad.yaml")
    good = write_yaml(BROKEN, "good.yaml")
    result = run("check", str(bad), str(good), "--on", "2026-11-24")
    assert result.exit_code in (1, 2)
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{bad}:") and f" {code} " in line for line in lines), lines
    assert any(line.startswith(f"{good}:3:47:") for line in lines)
    assert "Traceback" not in result.output


def test_unusable_file_exits_2(run: Run, write_yaml: WriteYaml) -> None:
    assert run("check", str(write_yaml(b"a: [1,\n"))).exit_code == 2


def test_a_missing_file_exits_2(run: Run, tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "none.yaml"))
    assert result.exit_code == 2
    assert "none.yaml:1:1: error unreadable" in result.stdout


def test_billion_laughs_is_refused_quickly(run: Run, write_yaml: WriteYaml) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = write_yaml("\n".join(lines) + "\n")
    started = time.perf_counter()
    result = run("check", str(path))
    assert time.perf_counter() - started < 1
    assert result.exit_code == 2 and " anchor " in result.stdout


def test_a_50_mb_file_is_refused_by_size(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    result = run("check", str(path))
    assert result.exit_code == 2 and " too-large " in result.stdout


def test_init_writes_a_file_that_passes_check(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "hd.yaml"
    result = run("init", "--health-board", "hywel-dda", "-o", str(target), "--on", "2026-11-24")
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "health_board: hywel-dda" in text and "Sir Gaerfyrddin" in text
    assert "feeds: cluster-plan-draft" in text and "cadence: pcpg-meeting" in text
    assert run("check", str(target), "--on", "2026-11-24", "--strict").exit_code == 0
    before = target.read_bytes()
    again = run("init", "--health-board", "hywel-dda", "-o", str(target))
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["hd.yaml"]


@pytest.mark.parametrize(
    "board",
    [
        "betsi-cadwaladr",
        "powys-teaching",
        "hywel-dda",
        "aneurin-bevan",
        "cardiff-and-vale",
        "cwm-taf-morgannwg",
        "swansea-bay",
    ],
)
def test_init_for_every_board_passes_check(run: Run, tmp_path: Path, board: str) -> None:
    target = tmp_path / f"{board}.yaml"
    assert (
        run("init", "--health-board", board, "-o", str(target), "--on", "2027-02-10").exit_code == 0
    )
    checked = run("check", str(target), "--on", "2027-02-10", "--strict")
    assert checked.exit_code == 0, checked.stdout


def test_init_unknown_board(run: Run) -> None:
    result = run("init", "--health-board", "hywel")
    assert result.exit_code == 2
    assert "--health-board: no health board 'hywel'; valid: betsi-cadwaladr" in result.stderr


def test_schema_is_json_schema_of_the_local_format(run: Run) -> None:
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["properties"]) == {
        "version",
        "health_board",
        "bodies",
        "deadlines",
        "completions",
        "meetings",
    }
    assert schema["additionalProperties"] is False


def test_due_for_a_named_cluster(run: Run) -> None:
    out = run(
        "due", "--file", EXAMPLE, "--body", "north-ceredigion", "--on", "2026-11-24", "-f", "json"
    ).stdout
    document = json.loads(out)
    assert document["as"] == "cluster"
    items = {i["id"]: i for i in document["items"]}
    assert items["cluster-plan-draft-internal-2026"]["status"] == "overdue"
    assert items["cluster-plan-draft-internal-2026"]["kind"] == "deadline"
    assert items["cluster-plan-draft-internal-2026"]["body"] == "north-ceredigion"
    assert items["cluster-plan-draft-2027-28"]["kind"] == "milestone"
    # its own PCPG's meetings only, in which it is involved (issue 8 review, 4 and 6)
    meetings = [i for i in items.values() if i["kind"].startswith("meeting")]
    assert meetings
    assert all(i["id"].startswith("ceredigion-pcpg-meetings-") for i in meetings)
    assert all(i["role"] == "involved" for i in meetings)


def test_completions_turn_items_done_for_that_body_only(run: Run) -> None:
    def statuses(body: str) -> dict[str, str]:
        out = run(
            "due", "--file", EXAMPLE, "--body", body, "--on", "2026-11-24", "--all", "-f", "json"
        ).stdout
        return {i["id"]: i["status"] for i in json.loads(out)["items"]}

    assert statuses("south-ceredigion")["cluster-plan-draft-internal-2026"] == "done"
    assert statuses("south-ceredigion")["cluster-response-2027-28"] == "done"
    assert statuses("north-ceredigion")["cluster-plan-draft-internal-2026"] == "overdue"


def test_due_for_a_pcpg_shows_its_meetings_and_tasks(run: Run) -> None:
    out = run(
        "due",
        "--file",
        EXAMPLE,
        "--body",
        "ceredigion-pcpg",
        "--on",
        "2026-11-24",
        "--all",
        "-f",
        "json",
    ).stdout
    items = {i["id"]: i for i in json.loads(out)["items"]}
    assert items["ceredigion-pcpg-meetings-2026-12-08"]["kind"] == "meeting"
    assert items["ceredigion-pcpg-meetings-2026-12-08-agenda"]["status"] == "due"
    assert items["ceredigion-pcpg-meetings-2026-12-08-agenda"]["end"] == "2026-11-24"
    # the October meeting is recorded as held: its agenda and papers are done, not minutes
    assert items["ceredigion-pcpg-meetings-2026-10-13-papers"]["status"] == "done"
    # meeting tasks are reminders unless the series is tracked (issue 8)
    assert items["ceredigion-pcpg-meetings-2026-10-13-minutes"]["status"] == "past"
    assert "pembrokeshire-pcpg-meetings-2026-11-04" not in items


def test_due_for_a_national_body(run: Run) -> None:
    out = run(
        "due", "--file", EXAMPLE, "--body", "hywel-dda", "--on", "2027-02-10", "-f", "json"
    ).stdout
    items = {i["id"]: i for i in json.loads(out)["items"]}
    assert items["imtp-primary-care-chapter-2027"]["status"] == "due"
    assert items["hb-imtp-2027-28"]["role"] == "owner"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--body", "nobody"], "--body: no body 'nobody'"),
        (["--body", "north-ceredigion", "--as", "pcpg"], "is a cluster, not a pcpg"),
    ],
)
def test_due_body_errors(run: Run, args: list[str], message: str) -> None:
    result = run("due", "--file", EXAMPLE, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_due_refuses_a_broken_local_file(run: Run, write_yaml: WriteYaml) -> None:
    path = write_yaml(BROKEN)
    result = run("due", "--file", str(path), "--on", "2026-11-24")
    assert result.exit_code == 2
    assert result.stderr == (
        f"acd: error: {path}:3:47: unknown-reference: no body 'nowhere' "
        "to be the parent of 'a-pcpg'\n"
    )


def test_findings_are_sorted_by_file_then_position(run: Run, write_yaml: WriteYaml) -> None:
    second = write_yaml(BROKEN, "b.yaml")
    first = write_yaml(BROKEN.replace("a-pcpg", "b-pcpg").replace("id: d", "id: e"), "a.yaml")
    lines = run("check", str(second), str(first), "--on", "2026-11-24").stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [str(first)] * 2 + [str(second)] * 2
    assert lines[-1] == "2 files checked: 2 errors, 2 warnings"
    assert "a-pcpg" in lines[2] and "b-pcpg" in lines[0]


def test_files_of_one_run_see_each_other(run: Run, write_yaml: WriteYaml) -> None:
    bodies = write_yaml(
        """
        version: 1
        bodies:
          - {id: p, kind: pcpg, name: P, parent: ceredigion}
          - {id: c, kind: cluster, name: C, parent: p}
        deadlines:
          - {id: d, title: D, owners: [c], due: 2026-11-16}
    """,
        "bodies.yaml",
    )
    done = write_yaml(
        """
        version: 1
        deadlines:
          - {id: e, title: E, owners: [c], due: 2026-11-20, depends_on: [d]}
        completions:
          - {item: d, body: c, date: 2026-11-13}
    """,
        "done.yaml",
    )
    assert run("check", str(bodies), str(done), "--on", "2026-11-24").exit_code == 0
    alone = run("check", str(done), "--on", "2026-11-24")
    assert alone.exit_code == 1 and "unknown-reference" in alone.stdout
    out = run(
        "due",
        "--file",
        str(bodies),
        "--file",
        str(done),
        "--body",
        "c",
        "--on",
        "2026-11-24",
        "--all",
        "-f",
        "json",
    ).stdout
    statuses = {i["id"]: i["status"] for i in json.loads(out)["items"]}
    assert statuses["d"] == "done" and statuses["e"] == "overdue"


def test_an_id_defined_in_two_files_is_a_duplicate(run: Run, write_yaml: WriteYaml) -> None:
    one = write_yaml(
        "version: 1\nbodies:\n  - {id: p, kind: pcpg, name: P, parent: ceredigion}\n", "one.yaml"
    )
    two = write_yaml(
        "version: 1\nbodies:\n  - {id: p, kind: pcpg, name: Q, parent: ceredigion}\n", "two.yaml"
    )
    result = run("check", str(one), str(two))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{two}:3:10: error duplicate-id id 'p' is also defined in {one}",
        "2 files checked: 1 error, 0 warnings",
    ]
