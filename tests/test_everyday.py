"""Errors that help and the small things found broken (issue 11, points 4 and 5)."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, Run

EXAMPLE = str(REPO / "examples" / "hywel-dda.yaml")
ON = ("--on", "2026-11-24")


def test_bare_acd_prints_the_help_and_exits_0(run: Run) -> None:
    result = run()
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: acd [OPTIONS] COMMAND [ARGS]...\n")
    assert "Commands:\n" in result.stdout and result.stderr == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["due", "--as", "clstr"], "did you mean 'cluster'?"),
        (
            ["due", "--body", "north-ceredigon", "--file", EXAMPLE],
            "did you mean 'north-ceredigion'?",
        ),
        (["due", "--body", "hywel-da"], "did you mean 'hywel-dda'?"),
        (
            ["due", "--body", "north-ceredigion"],
            "(a PCPG, cluster or PC of a local file needs --file FILE, or files in acd.toml)",
        ),
        (["show", "cluster-plan-draft-2027-2"], "did you mean cluster-plan-draft-2027-28"),
        (["show", "pcpg-meetngs", "--file", EXAMPLE], "ceredigion-pcpg-meetings"),
        (["init", "--health-board", "powys"], "did you mean 'powys-teaching'?"),
        (["show", "north-ceredigion-deadline"], "needs --file or acd.toml"),
        (["timeline", "--year", "2026-28"], "'2026-28' is not a planning year"),
        (["due", "--on", "2026-11"], "'2026-11' is not a single day: write it as 2026-11-24 or"),
        (["due", "--on", "soon"], "'soon' is not a day: write it as 2026-11-24 or 24/11/2026"),
    ],
)
def test_unknown_names_get_the_nearest_known_one(run: Run, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr, result.stderr


def test_every_date_form_an_error_advises_is_accepted(run: Run) -> None:
    advice = run("due", "--on", "soon").stderr
    for form in re.findall(r"\d[\d/-]+\d", advice):
        assert run("due", "--as", "cluster", "--on", form).exit_code == 0, form


def test_uk_order_dates_and_both_forms_of_planning_year(run: Run) -> None:
    uk = run("due", "--as", "cluster", "--on", "24/11/2026", "-f", "json")
    assert json.loads(uk.stdout)["as_of"] == "2026-11-24"
    slash = run("timeline", "--as", "cluster", "--year", "2027/28", *ON).stdout
    dash = run("timeline", "--as", "cluster", "--year", "2027-28", *ON).stdout
    assert slash == dash and "2027/28" in slash.splitlines()[0]


def test_check_suggests_the_nearest_body_cadence_and_item(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "version: 1\n"
        "bodies:\n"
        "  - {id: x-pcpg, kind: pcpg, name: X, parent: ceredigon}\n"
        "  - {id: x-cluster, kind: cluster, name: Y, parent: x-pcpg}\n"
        "completions:\n"
        "  - {item: cluster-plan-draft-2027-2, body: x-clustr, date: 2026-11-20}\n"
        "meetings:\n"
        "  - {id: m, body: x-pcpg, cadence: pcpg-meetin, start: 2026-12-08}\n",
        encoding="utf-8",
    )
    out = run("check", str(path), *ON).stdout
    assert "no body 'ceredigon' to be the parent of 'x-pcpg'; did you mean 'ceredigion'?" in out
    assert "no body 'x-clustr'; did you mean 'x-cluster'?" in out
    assert "'cluster-plan-draft-2027-2'; did you mean 'cluster-plan-draft-2027-28'?" in out
    assert "no cadence 'pcpg-meetin' in the national data; did you mean 'pcpg-meeting'?" in out


def test_show_of_a_cycle_names_its_next_year_not_a_placeholder(run: Run) -> None:
    cycles = [
        row["id"]
        for row in json.loads(run("list", "-f", "json").stdout)["milestones"]
        if row["type"] == "cycle"
    ]
    assert len(cycles) >= 4
    for cycle in cycles:
        table = run("show", cycle, *ON).stdout
        details = json.loads(run("show", cycle, "-f", "json", *ON).stdout)
        assert "{" not in table and "{" not in details["title"], cycle
    assert run("show", "cluster-plan-draft", *ON).stdout.startswith(
        "Draft cluster plan for 2027/28\n"
    )


def test_show_offers_only_the_formats_it_prints(run: Run) -> None:
    assert "table or json." in run("show", "--help").stdout
    refused = run("show", "pcpg-meeting", "-f", "csv")
    assert refused.exit_code == 2 and "'csv' is not one of 'table', 'json'" in refused.stderr


def test_show_says_papers_in_words(run: Run) -> None:
    out = run("show", "pcpg-meeting").stdout
    assert "friday-before" not in out
    assert "Papers         by the Friday before the meeting" in out


def test_show_and_list_know_local_items(run: Run) -> None:
    task = run("show", "ceredigion-pcpg-meetings-2026-12-08-papers", "--file", EXAMPLE, *ON)
    assert task.exit_code == 0, task.output
    lines = [line.split(maxsplit=1) for line in task.stdout.splitlines()]
    assert ["Type", "meeting task"] in lines and ["When", "by 4 December 2026"] in lines
    deadline = json.loads(
        run("show", "pcpg-plan-to-board-2026", "--file", EXAMPLE, "-f", "json", *ON).stdout
    )
    assert deadline["type"] == "deadline" and deadline["end"] == "2026-12-18"
    assert [d["id"] for d in deadline["depends_on"]] == [
        "cluster-plan-draft-internal-2026",
        "pcpg-plan-2027-28",
    ]
    listed = json.loads(run("list", "--file", EXAMPLE, "-f", "json").stdout)["milestones"]
    types = {row["id"]: row["type"] for row in listed}
    assert types["pcpg-plan-to-board-2026"] == "deadline"
    assert types["ceredigion-pcpg-meetings"] == "meetings"
    assert types["cluster-plan-draft"] == "cycle"


def test_timeline_with_svg_still_draws_on_the_terminal(run: Run, tmp_path: Path) -> None:
    svg = tmp_path / "t.svg"
    out = run("timeline", "--as", "cluster", "--svg", str(svg), *ON)
    assert out.exit_code == 0 and svg.exists()
    assert out.stdout == run("timeline", "--as", "cluster", *ON).stdout
    assert "(it still prints here)" in " ".join(run("timeline", "--help").stdout.split())


def test_meeting_titles_name_the_body_in_kind_feeds(run: Run) -> None:
    import icalendar

    data = run("ics", "--as", "pcpg", "--file", EXAMPLE, *ON).stdout_bytes
    calendar = icalendar.Calendar.from_ical(data)
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert "PCPG meeting, 8 December 2026 (Ceredigion PCPG)" in summaries
    assert "PCPG meeting, 6 January 2027 (Pembrokeshire PCPG)" in summaries
    assert not any(s.startswith("Meeting,") for s in summaries)


def test_a_meeting_without_a_cadence_is_named_for_its_body(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "version: 1\n"
        "bodies: [{id: x-pcpg, kind: pcpg, name: Powys North PCPG, parent: powys}]\n"
        "meetings: [{id: m, body: x-pcpg, start: 2026-12-08, every_months: 1}]\n",
        encoding="utf-8",
    )
    items = json.loads(run("due", "--file", str(path), "--as", "pcpg", "-f", "json", *ON).stdout)[
        "items"
    ]
    titles = {i["id"]: i["title"] for i in items}
    assert titles["m-2026-12-08"] == "Meeting of Powys North PCPG, 8 December 2026"
    assert titles["m-2026-12-08-agenda"] == "Agenda items for the meeting of 8 December 2026"


def test_the_pre_commit_hook_checks_only_plan_files() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["entry"] == "acd check" and hook["pass_filenames"] is False
    assert "types" not in hook and "files" not in hook


def test_readme_snippets_have_no_placeholders() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "OWNER" not in readme and "v0.1.0" not in readme
    snippets = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    for snippet in snippets:
        yaml.safe_load(re.sub(r"^  ", "", snippet, flags=re.M))  # each is valid YAML


def test_init_names_its_own_path_and_starts_in_the_future(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "planning" / "hd.yaml"
    target.parent.mkdir()
    for on in ("2026-11-24", "2026-04-01", "2027-11-02", "2027-11-03"):
        target.unlink(missing_ok=True)
        result = run("init", "--health-board", "hywel-dda", "-o", str(target), "--on", on)
        assert result.exit_code == 0, result.output
        text = target.read_text(encoding="utf-8")
        assert f"`acd check {target.as_posix()}`" in text
        checked = run("check", str(target), "--warn-overdue", "--strict", "--on", on)
        assert checked.stdout == "1 file checked: no problems\n", (on, checked.stdout)
        due = json.loads(
            run("due", "--file", str(target), "--all", "-f", "json", "--on", on).stdout
        )["items"]
        local = [i for i in due if i["kind"] == "deadline"]
        assert local and all(i["days_left"] >= 14 for i in local), (on, local)


def test_starter_files_of_two_boards_check_together(run: Run, tmp_path: Path) -> None:
    names = []
    for board in ("hywel-dda", "aneurin-bevan", "powys-teaching"):
        path = tmp_path / f"{board}.yaml"
        assert run("init", "--health-board", board, "-o", str(path), *ON).exit_code == 0
        names.append(str(path))
    result = run("check", *names, *ON)
    assert result.stdout == "3 files checked: no problems\n", result.stdout


def test_the_example_completion_of_the_starter_can_be_uncommented(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "hd.yaml"
    run("init", "--health-board", "hywel-dda", "-o", str(path), *ON)
    text = path.read_text(encoding="utf-8")
    example = [line for line in text.splitlines() if line.startswith("  # ") and ":" in line]
    uncommented = text
    for line in example[-3:]:
        uncommented = uncommented.replace(line, "  " + line[4:])
    assert uncommented.count("\n  - item: ") == 1
    path.write_text(uncommented, encoding="utf-8")
    result = run("check", str(path), *ON)
    assert result.exit_code == 0, result.stdout
    # and acd done writes into the same place
    path.write_text(text, encoding="utf-8")
    done = run(
        "done", "cluster-plan-draft-2027-28", "--body", "ceredigion-example-cluster",
        "--file", str(path), *ON,
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert run("check", str(path), *ON).exit_code == 0


def _colour_in_a_terminal(no_color: str | None) -> bool:
    """Run ``acd due`` on a real pseudo-terminal; True when it wrote colour codes."""
    import pty

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", COLUMNS="100")
    if no_color is not None:
        env["NO_COLOR"] = no_color
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "acd_calendar", "due", "--as", "cluster", *ON],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=30)
    os.close(leader)
    assert b"ACD planning: Cluster" in output
    # a colour (30-38, 90-97) in a select graphic rendition; bold alone is no colour
    return re.search(rb"\x1b\[(?:[0-9]+;)*(?:3[0-8]|9[0-7])[;m]", output) is not None


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_only_a_non_empty_no_color_turns_colour_off() -> None:
    assert _colour_in_a_terminal(None)
    assert _colour_in_a_terminal("")
    assert not _colour_in_a_terminal("1")


def test_readme_documents_every_way_to_install() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first = re.findall(r"```sh\n(.*?)```", readme, re.S)[0]
    assert "pip install . && acd due --as cluster" in first  # the first command, as it was
    for line in (
        "pipx install .",
        "uv tool install .",
        "py -m venv .venv; .venv\\Scripts\\Activate.ps1; pip install .; acd due --as cluster",
        "py -m venv .venv; .venv\\Scripts\\Activate.ps1; pip install -e '.[test]'; "
        "python -m pytest",
    ):
        assert line in readme, line


def test_project_paths_written_with_slashes_work_from_any_folder(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """acd.toml paths are relative to the file, not to where acd runs."""
    (tmp_path / "plans" / "hd").mkdir(parents=True)
    (tmp_path / "plans" / "hd" / "board.yaml").write_bytes(Path(EXAMPLE).read_bytes())
    (tmp_path / "acd.toml").write_text('files = ["plans/hd/board.yaml"]\n', encoding="utf-8")
    for folder in (tmp_path, tmp_path / "plans", tmp_path / "plans" / "hd"):
        monkeypatch.chdir(folder)
        result = run("check", "--on", "2026-11-24")
        assert result.stdout == "1 file checked: no problems\n", (folder, result.output)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_shell_completion_is_typers_own(run: Run, shell: str) -> None:
    """The protocol the scripts of --install-completion / --show-completion speak."""
    assert "--install-completion" in run("--help").stdout
    env = {
        **os.environ,
        "_ACD_COMPLETE": f"complete_{shell}",
        "COMP_WORDS": "acd do",
        "COMP_CWORD": "1",
        "_TYPER_COMPLETE_ARGS": "acd do",
        "_TYPER_COMPLETE_WORD_TO_COMPLETE": "do",
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }
    result = subprocess.run(
        [sys.executable, "-m", "acd_calendar"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "done" in result.stdout and "due" not in result.stdout.replace("done", "")
