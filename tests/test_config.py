"""acd.toml, the project file: found from below, merged under the command line."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, Run

EXAMPLE = REPO / "examples" / "hywel-dda.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> Path:
    """A planning repository: acd.toml at the top, the plan in planning/, run from below."""
    (tmp_path / "planning").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "planning" / "hywel-dda.yaml")
    (tmp_path / "acd.toml").write_text(
        textwrap.dedent(
            """\
            # defaults for this repository
            files = ["planning/*.yaml"]
            body = "north-ceredigion"
            lang = "en"
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "notes" / "deep").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "notes" / "deep")
    return tmp_path


def test_config_shows_each_value_and_where_it_came_from(project: Path, run: Run) -> None:
    result = run("config")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "project file: ../../acd.toml"
    assert lines[1].split() == ["files", "../../planning/hywel-dda.yaml", "(../../acd.toml:2)"]
    assert lines[2].split() == ["body", "north-ceredigion", "(../../acd.toml:3)"]
    assert lines[3].split() == ["as", "-", "(default)"]
    assert lines[4].split() == ["lang", "en", "(../../acd.toml:4)"]


def test_the_command_line_wins(project: Path, run: Run) -> None:
    out = run("config", "--as", "pcpg").stdout.splitlines()
    assert out[2].split() == ["body", "-", "(default)"]  # --as replaces the file's body too
    assert out[3].split() == ["as", "pcpg", "(command", "line)"]
    out = run("config", "--body", "llanelli").stdout.splitlines()
    assert out[2].split() == ["body", "llanelli", "(command", "line)"]


@pytest.mark.parametrize("where", ["before", "after"])
def test_no_config_ignores_the_file(project: Path, run: Run, where: str) -> None:
    args = ["--no-config", "config"] if where == "before" else ["config", "--no-config"]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("project file: none found (using defaults)\n")
    assert "north-ceredigion" not in result.stdout


def test_due_uses_the_files_and_body_of_the_project(project: Path, run: Run) -> None:
    result = run("due", "--on", "2026-11-24")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ACD planning: North Ceredigion (cluster), as of")
    assert "cluster-plan-draft-internal-2026" in result.stdout
    # the command line wins: a kind instead of the project's body, no local body
    kind = run("due", "--as", "pcpg", "--on", "2026-11-24")
    assert kind.stdout.startswith("ACD planning: Pan cluster planning group, as of")
    bare = run("--no-config", "due", "--on", "2026-11-24")
    assert bare.stdout.startswith("ACD planning: every kind of body, as of")
    assert "cluster-plan-draft-internal-2026" not in bare.stdout


def test_check_without_names_checks_the_project_files(project: Path, run: Run) -> None:
    result = run("check", "--on", "2026-11-24")
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 file checked: no problems\n"


def test_check_without_a_project_reads_planning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check", "--on", "2026-11-24")
    assert result.exit_code == 2
    assert "no files to check" in result.stderr and "planning/" in result.stderr
    (tmp_path / "planning").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "planning" / "hywel-dda.yaml")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    result = run("check", "--on", "2026-11-24")
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 file checked: no problems\n"


def test_globs_and_the_same_file_twice_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "a.yaml")
    monkeypatch.chdir(tmp_path)
    twice = run("check", "a.yaml", "./a.yaml", "*.yaml", "--on", "2026-11-24")
    assert twice.stdout == "1 file checked: no problems\n", twice.output
    due = run("due", "--file", "*.yaml", "--file", "a.yaml", "--body", "north-ceredigion")
    assert due.exit_code == 0, due.output
    none = run("due", "--file", "plans/*.yaml")
    assert none.exit_code == 2
    assert none.stderr == "acd: error: --file: no file matches 'plans/*.yaml'\n"
    none = run("check", "plans/*.yaml")
    assert none.stderr == "acd: error: check: no file matches 'plans/*.yaml'\n"


def test_a_glob_of_more_files_than_the_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    from acd_calendar import limits

    assert limits.MAX_FILES == 5000  # the size issue 10 measures (1,000) and more
    monkeypatch.setattr(limits, "MAX_FILES", 20)
    monkeypatch.chdir(tmp_path)
    for n in range(21):  # empty files: were they read, each would be an error
        (tmp_path / f"{n:02d}.yaml").touch()
    result = run("check", "*.yaml", "--on", "2026-11-24")
    assert result.exit_code == 2
    assert result.stderr == "acd: error: check: more than 20 files\n"
    (tmp_path / "00.yaml").unlink()  # exactly the limit: read (and each one refused)
    result = run("check", "*.yaml", "--on", "2026-11-24")
    assert result.exit_code == 2 and "more than" not in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('file = ["a.yaml"]\n', "acd.toml:1:1: file: unknown key; did you mean 'files'?"),
        ('files = "a.yaml"\nbody = 3\n', "acd.toml:2:1: body: a string"),
        ('lang = "fr"\n', "acd.toml:1:1: lang: 'fr' is not a language of this version"),
        ('body = "x\\u001b[31m"\n', "acd.toml:1:1: body: holds a"),
        ('files = ["a.yaml"]\nbody = \n', "acd.toml:2:8: not valid TOML: Invalid value"),
    ],
)
def test_a_bad_project_file_is_one_line_at_its_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run, text: str, message: str
) -> None:
    (tmp_path / "acd.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("due", "--on", "2026-11-24")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"acd: error: {message}"), result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_init_writes_the_project_file_beside_the_starter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "planning").mkdir()
    args = ["init", "--health-board", "hywel-dda", "--on", "2026-11-24"]
    result = run(*args, "-o", "planning/hywel-dda.yaml", "--project-file")
    assert result.exit_code == 0, result.output
    toml = (tmp_path / "planning" / "acd.toml").read_text(encoding="utf-8")
    assert 'files = ["hywel-dda.yaml"]' in toml and 'body = "ceredigion-pcpg"' in toml
    monkeypatch.chdir(tmp_path / "planning")
    assert run("check", "--on", "2026-11-24").stdout == "1 file checked: no problems\n"
    due = run("due", "--on", "2026-11-24")
    assert due.stdout.startswith("ACD planning: Ceredigion Pan Cluster Planning Group (pcpg)")
    # never over an existing one
    monkeypatch.chdir(tmp_path)
    again = run(*args, "-o", "planning/other.yaml", "--project-file")
    assert again.exit_code == 2 and "acd.toml: already exists" in again.stderr


def test_done_and_undo_use_the_project_file(project: Path, run: Run) -> None:
    plan = project / "planning" / "hywel-dda.yaml"
    before = plan.read_bytes()
    result = run("done", "cluster-plan-draft-2027-28", "--on", "2026-11-24")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "recorded in ../../planning/hywel-dda.yaml: cluster-plan-draft-2027-28 done by "
        "north-ceredigion on 2026-11-24\n"
    )
    assert plan.read_bytes().startswith(before.split(b"\nmeetings:")[0])
    due = run("due", "--all", "--on", "2026-11-24", "-f", "json")
    status = {i["id"]: i["status"] for i in json.loads(due.stdout)["items"]}
    assert status["cluster-plan-draft-2027-28"] == "done"
    assert run("undo", "cluster-plan-draft-2027-28", "--on", "2026-11-24").exit_code == 0
    assert plan.read_bytes() == before
