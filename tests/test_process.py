"""``acd`` as a real process: terminals and colour, hash seeds, pipes, exit codes."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from acd_calendar.errors import ExitCode
from conftest import EXAMPLES, REPO, Run, loaded_after

DUE = ["due", "--as", "cluster", "--on", "2026-11-24"]
CSI_YELLOW = "\x1b[1;33m"  # bold yellow: the due heading and days


def environment(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR", "ACD_DEBUG", "ACD_DATA", "PYTHONHASHSEED")
    }
    return {**env, "COLUMNS": "100", "TERM": "xterm-256color", **extra}


def acd(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "acd_calendar", *args],
        capture_output=True,
        cwd=REPO,
        env=environment(**env),
        check=False,
        timeout=60,
    )


def on_terminal(*args: str, **env: str) -> str:
    """What ``acd`` writes to a pseudo-terminal."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "acd_calendar", *args],
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=subprocess.DEVNULL,
            cwd=REPO,
            env=environment(**env),
        )
        os.close(follower)
        chunks = []
        while True:
            ready, _, _ = select.select([leader], [], [], 30)
            if not ready:
                process.kill()
                raise AssertionError("no output within 30 s")
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the process ends (Linux: EIO)
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=30) == 0
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_a_terminal_gets_colour() -> None:
    text = on_terminal(*DUE)
    assert CSI_YELLOW in text
    assert "Due (2)" in text


def test_no_color_turns_colour_off_on_a_terminal() -> None:
    text = on_terminal(*DUE, NO_COLOR="1")
    assert "Due (2)" in text
    assert CSI_YELLOW not in text and "\x1b[33m" not in text


def test_a_pipe_gets_plain_text() -> None:
    result = acd(*DUE)
    assert result.returncode == 0
    assert b"\x1b[" not in result.stdout and b"Due (2)" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--all", "--on", "2026-11-24", "-f", "json"],
        ["due", "--file", "examples/hywel-dda.yaml", "--body", "ceredigion-pcpg", "--all"],
        ["ics", "--file", "examples/hywel-dda.yaml", "--on", "2026-11-24"],
        [
            "check",
            "--on",
            "2026-11-24",
            "--warn-overdue",
            *sorted(str(p.relative_to(REPO)) for p in (EXAMPLES / "invalid").glob("*.yaml")),
        ],
        ["list", "-f", "csv"],
    ],
    ids=["due-json", "due-file", "ics", "check", "list-csv"],
)
def test_same_bytes_whatever_the_hash_seed(args: list[str]) -> None:
    """Sets and dicts must never decide an order: two seeds, one output."""
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    first = acd(*args, PYTHONHASHSEED="1", **env)
    second = acd(*args, PYTHONHASHSEED="2", **env)
    assert first.returncode in (0, 1), first.stderr
    assert first.stdout == second.stdout and first.stdout
    assert first.returncode == second.returncode


def test_a_closed_pipe_exits_0_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "acd_calendar", "due", "--all", "--on", "2026-11-24"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=environment(),
    )
    with process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # the reader goes away before anything is written
        error = process.stderr.read()
        assert process.wait(timeout=60) == ExitCode.OK
    assert error == b""


def test_version_answers_without_typer() -> None:
    result = acd("--version")
    assert result.stdout.decode().startswith("acd ") and result.returncode == 0
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.argv = ['acd', '--version']; "
            "from acd_calendar.entry import main; main(); "
            "print(sorted(m for m in ('typer', 'click', 'rich', 'pydantic') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.splitlines()[-1] == "[]"


# What a pipe or a program reads needs none of these once the cache is warm: the
# national data and bank holidays come from the cache (not pydantic, PyYAML, ruamel or
# holidays), Welsh names from the cached CLDR data (not Babel), plain text from
# ``plain`` (not rich), and the plain values are named tuples (not dataclasses, which
# import inspect, ast, dis and tokenize).
HEAVY = ("dataclasses", "pydantic", "yaml", "ruamel", "rich", "babel", "holidays")


@pytest.mark.parametrize(
    "args",
    [
        ["-f", "json"],
        ["-f", "csv"],
        ["-f", "table"],
        ["--lang", "cy"],
        ["--lang", "both", "-f", "json"],
    ],
    ids=" ".join,
)
def test_piped_due_needs_no_rich_pydantic_or_yaml_on_a_warm_cache(
    tmp_path: Path, args: list[str]
) -> None:
    result, loaded = loaded_after([*DUE, *args], HEAVY, tmp_path, COLUMNS="100")
    assert result.returncode == 0, result.stderr
    starts = ("{", "\ufeffid,", "ACD planning", "Cynllunio")  # JSON, CSV, English, Welsh
    assert result.stdout.startswith(starts), result.stdout[:80]
    assert loaded == [], result.stderr


# --- exit 3 and --debug --------------------------------------------------------------------


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug inside the core: the one way to see exit 3 (nothing real raises it)."""
    from acd_calendar import reports

    def fail(*_: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(reports, "report_for", fail)


def test_an_internal_error_is_one_line_and_exit_3(run: Run, broken: None) -> None:
    result = run(*DUE)
    assert result.exit_code == ExitCode.INTERNAL
    assert result.stderr == (
        "acd: error: internal error: RuntimeError: boom "
        "(please report it; --debug shows the traceback)\n"
    )


def test_debug_adds_the_traceback(run: Run, broken: None) -> None:
    result = run("--debug", *DUE)
    assert result.exit_code == 3
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert 'raise RuntimeError("boom")' in result.stderr
    assert result.stderr.endswith(
        "acd: error: internal error: RuntimeError: boom "
        "(please report it; --debug shows the traceback)\n"
    )


def test_acd_debug_adds_the_traceback_without_typer_too(
    run: Run, broken: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from acd_calendar.arguments import parse

    assert parse(DUE, {}) is not None  # this command line does not go through typer
    monkeypatch.setenv("ACD_DEBUG", "1")
    result = run(*DUE)
    assert result.exit_code == 3
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.endswith("(please report it; --debug shows the traceback)\n")


def test_debug_after_the_command_is_an_unknown_option_without_a_traceback(run: Run) -> None:
    result = run("due", "--debug")
    assert result.exit_code == 2
    assert result.stderr == "acd: error: acd due: No such option: --debug\n"


def test_debug_shows_the_traceback_of_a_user_error_too(run: Run) -> None:
    plain = run("due", "--on", "2026-02-30")
    assert plain.exit_code == 2 and "Traceback" not in plain.stderr
    debug = run("--debug", "due", "--on", "2026-02-30")
    assert debug.exit_code == 2 and debug.stderr.startswith("Traceback")
    assert debug.stderr.splitlines()[-1] == plain.stderr.strip()
