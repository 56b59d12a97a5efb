"""`acd done` and `acd undo`: the planner's file changes by the completion's lines only."""

from __future__ import annotations

import difflib
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from conftest import REPO, Run

EXAMPLE = REPO / "examples" / "hywel-dda.yaml"
ON = ("--on", "2026-11-24")

# A file full of what a round-trip re-dump would lose: comments everywhere, blank
# lines, both quote styles, flow and block styles, an odd key order, a trailing comment.
COMMENTED = """\
# Hywel Dda planning file   (kept by hand; please keep the comments)

version: 1     # the format
health_board: 'hywel-dda'

# --- bodies ---------------------------------------------------------------
bodies:
  - {id: ceredigion-pcpg, kind: pcpg, name: "Ceredigion PCPG", parent: ceredigion}

  # clusters
  - name: 'North Ceredigion'   # the name comes first here
    kind: cluster
    id: north-ceredigion
    parent: ceredigion-pcpg

deadlines:
  - id: drafts-internal-2026     # internal date
    title: "Draft plans to the PCPG lead"
    owners: [cluster]
    due: 2026-11-16
    feeds: cluster-plan-draft

completions:
    # what is done so far
    -   item: pc-response-2027-28
        body: north-ceredigion      # by the GMS PC really
        date: 2026-09-25

    # (more to come)

meetings:
  - id: ceredigion-pcpg-meetings
    body: ceredigion-pcpg
    cadence: pcpg-meeting
    start: 2026-04-14
    time: "14:00"
# end of file: nothing after this
"""


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def only_added(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``; fails if any line changed or went."""
    matcher = difflib.SequenceMatcher(
        a=before.splitlines(keepends=True), b=after.splitlines(keepends=True), autojunk=False
    )
    added: list[str] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        assert tag in ("equal", "insert"), (tag, before.splitlines()[a1:a2])
        if tag == "insert":
            added += after.splitlines(keepends=True)[b1:b2]
    return added


def test_done_adds_only_its_lines_to_a_file_full_of_comments(tmp_path: Path, run: Run) -> None:
    path = write(tmp_path, COMMENTED)
    path.chmod(0o640)
    result = run(
        "done", "drafts-internal-2026", "--body", "north-ceredigion", "--file", str(path),
        "--date", "20/11/2026", "--note", 'sent "early"', *ON,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("drafts-internal-2026 done by north-ceredigion on 2026-11-20\n")
    after = path.read_text(encoding="utf-8")
    assert only_added(COMMENTED, after) == [
        "    -   item: drafts-internal-2026\n",
        "        body: north-ceredigion\n",
        "        date: 2026-11-20\n",
        '        note: "sent \\"early\\""\n',
    ]
    # right after the last entry, before the comment and blank lines that end the list
    assert "date: 2026-09-25\n    -   item: drafts-internal-2026\n" in after
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    check = run("check", str(path), "--on", "2026-11-24")
    assert check.exit_code == 0 and check.stdout == "1 file checked: no problems\n", check.output
    due = run("due", "--file", str(path), "--body", "north-ceredigion", "--all", *ON)
    overdue, done = due.stdout.split("Done (")
    assert "drafts-internal-2026" in done and "drafts-internal-2026" not in overdue

    undone = run(
        "undo", "drafts-internal-2026", "--body", "north-ceredigion", "--file", str(path), *ON
    )
    assert undone.exit_code == 0, undone.output
    assert path.read_bytes() == COMMENTED.encode("utf-8")
    assert not list(tmp_path.glob(".plan.yaml.*"))  # no temporary file left behind


def test_crlf_lines_and_a_missing_final_newline_are_kept(tmp_path: Path, run: Run) -> None:
    text = COMMENTED.replace("\n", "\r\n").rstrip("\r\n")
    path = write(tmp_path, text)
    result = run(
        "done", "drafts-internal-2026", "--body", "north-ceredigion", "--file", str(path), *ON
    )
    assert result.exit_code == 0, result.output
    after = path.read_bytes().decode("utf-8")
    assert "\r\n    -   item: drafts-internal-2026\r\n        body: north-ceredigion\r\n" in after
    assert "\n" not in after.replace("\r\n", "")


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("completions: []   # none yet\n", "completions:    # none yet\n"),
        ("completions: []\n", "completions:\n  - item"),
        ("completions:\n  # - item: x\n", "completions:\n"),
        ("", "completions:\n"),
    ],
)
def test_an_empty_or_missing_list_gets_its_first_entry(
    tmp_path: Path, run: Run, section: str, expected: str
) -> None:
    base = COMMENTED.split("completions:")[0] + "meetings: []\n"
    text = base.replace("meetings: []\n", section + "meetings: []\n") if section else base
    path = write(tmp_path, text)
    result = run(
        "done", "drafts-internal-2026", "--body", "north-ceredigion", "--file", str(path), *ON
    )
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert expected in after
    assert (
        "  - item: drafts-internal-2026\n    body: north-ceredigion\n    date: 2026-11-24\n"
        in after
    )
    assert run("check", str(path), *ON).exit_code == 0
    undone = run(
        "undo", "drafts-internal-2026", "--body", "north-ceredigion", "--file", str(path), *ON
    )
    assert undone.exit_code == 0, undone.output
    if section.startswith("completions: []"):
        assert path.read_text(encoding="utf-8") == text  # back to [] with its comment
    assert run("check", str(path), *ON).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["drafts-internal-2025", "--body", "north-ceredigion"],
            "no milestone, deadline or meeting 'drafts-internal-2025'; "
            "did you mean 'drafts-internal-2026'?",
        ),
        (
            ["drafts-internal-2026", "--body", "north-ceredigon"],
            "--body: no body 'north-ceredigon'; did you mean 'north-ceredigion'?",
        ),
        (
            ["drafts-internal-2026", "--body", "ceredigion-pcpg"],
            "'drafts-internal-2026' does not apply to 'ceredigion-pcpg' (pcpg)",
        ),
        (
            ["pc-response-2027-28", "--body", "north-ceredigion"],
            "'pc-response-2027-28' is already recorded as done by 'north-ceredigion' on 2026-09-25",
        ),
        (
            ["drafts-internal-2026", "--body", "north-ceredigion", "--date", "2026-11-25"],
            "--date: 2026-11-25 is after the as-of date 2026-11-24",
        ),
        (
            ["cluster-plan-draft", "--body", "north-ceredigion"],
            "'cluster-plan-draft' is a cycle: record one occurrence of it",
        ),
        (["drafts-internal-2026"], "--body: say which body did it"),
        (
            ["drafts-internal-2026", "--body", "north-ceredigion", "--note", "a\nb"],
            "--note: one line of text",
        ),
    ],
)
def test_done_refuses_with_one_line_and_writes_nothing(
    tmp_path: Path, run: Run, args: list[str], message: str
) -> None:
    path = write(tmp_path, COMMENTED)
    result = run("done", *args, "--file", str(path), *ON)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"acd: error: {message}"), result.stderr
    assert path.read_bytes() == COMMENTED.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_done_needs_a_local_file(tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("done", "cluster-plan-draft-2027-28", "--body", "llanelli", *ON)
    assert result.exit_code == 2
    assert "add --file FILE (or list your files in acd.toml)" in result.stderr


def test_done_refuses_a_file_that_does_not_pass_check(tmp_path: Path, run: Run) -> None:
    text = COMMENTED.replace("parent: ceredigion-pcpg", "parent: nowhere")
    path = write(tmp_path, text)
    result = run(
        "done", "drafts-internal-2026", "--body", "north-ceredigion", "--file", str(path), *ON
    )
    assert result.exit_code == 2
    assert "fix the file first" in result.stderr
    assert path.read_text(encoding="utf-8") == text


def test_the_file_that_defines_the_body_is_written(tmp_path: Path, run: Run) -> None:
    example = tmp_path / "hywel-dda.yaml"
    shutil.copy(EXAMPLE, example)
    other = write(
        tmp_path,
        "version: 1\nbodies:\n  - {id: x-pcpg, kind: pcpg, name: X, parent: powys}\n",
        "powys.yaml",
    )
    before = other.read_bytes()
    result = run(
        "done", "ceredigion-pcpg-meetings-2026-12-08-papers", "--body", "ceredigion-pcpg",
        "--file", str(other), "--file", str(example), "--date", "2026-11-20", *ON,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert other.read_bytes() == before
    added = only_added(EXAMPLE.read_text(encoding="utf-8"), example.read_text(encoding="utf-8"))
    assert added == [
        "  - item: ceredigion-pcpg-meetings-2026-12-08-papers\n",
        "    body: ceredigion-pcpg\n",
        "    date: 2026-11-20\n",
    ]
    # a national body with two files: say which file
    national = run(
        "done", "cluster-plan-draft-2027-28", "--body", "hywel-dda",
        "--file", str(other), "--file", str(example), *ON,
    )  # fmt: skip
    assert national.exit_code == 2 and "name the one to write with --file" in national.stderr


def test_undo_of_what_is_not_recorded(tmp_path: Path, run: Run) -> None:
    path = write(tmp_path, COMMENTED)
    result = run(
        "undo", "pc-response-2027-2", "--body", "north-ceredigion", "--file", str(path), *ON
    )
    assert result.exit_code == 2
    assert "did you mean 'pc-response-2027-28'?" in result.stderr
    assert path.read_bytes() == COMMENTED.encode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_new_files_get_the_usual_permissions(tmp_path: Path, run: Run) -> None:
    target = tmp_path / "hd.yaml"
    run("init", "--health-board", "hywel-dda", "-o", str(target), *ON)
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_undo_of_a_middle_entry_keeps_the_comments_of_the_next(tmp_path: Path, run: Run) -> None:
    text = COMMENTED.replace(
        "    # (more to come)\n",
        "    -   item: cluster-response-2027-28\n"
        "        body: north-ceredigion\n"
        "        date: 2026-11-12\n"
        "\n"
        "    # the draft went in early\n"
        "    -   item: cluster-plan-draft-2027-28\n"
        "        body: north-ceredigion\n"
        "        date: 2026-11-13\n",
    )
    path = write(tmp_path, text)
    result = run(
        "undo", "cluster-response-2027-28", "--body", "north-ceredigion", "--file", str(path), *ON
    )
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert "cluster-response-2027-28" not in after
    assert "\n    # the draft went in early\n    -   item: cluster-plan-draft-2027-28\n" in after
    assert after == text.replace(
        "    -   item: cluster-response-2027-28\n"
        "        body: north-ceredigion\n"
        "        date: 2026-11-12\n",
        "",
    )


def test_a_layout_it_cannot_edit_safely_is_refused(tmp_path: Path, run: Run) -> None:
    """A literal block whose lines look like comments: the place found would be inside
    it, and the re-read shows that, so nothing is written."""
    text = COMMENTED.replace(
        "        date: 2026-09-25\n",
        "        date: 2026-09-25\n"
        "        note: |\n"
        "          first line\n"
        "          # not a comment\n",
    )
    path = write(tmp_path, text)
    result = run(
        "done", "drafts-internal-2026", "--body", "north-ceredigion", "--file", str(path), *ON
    )
    assert result.exit_code == 2
    assert "cannot be edited safely here" in result.stderr
    assert path.read_text(encoding="utf-8") == text
