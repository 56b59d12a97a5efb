"""The typer-free reading of command lines (``arguments``) against typer's own.

Whenever ``arguments.parse`` reads a command line, click must read it to the same
values; where click would refuse it or print help, ``parse`` must leave it to typer.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st

from acd_calendar.arguments import SPEC, parse
from acd_calendar.cli import app, argument_spec, argument_spec_text
from conftest import Golden, Run, loaded_after

GROUP: Any = typer.main.get_command(app)


def clicks_reading(argv: list[str]) -> dict[str, Any] | None:
    """The values click gives the command, or None where it refuses the command line."""
    command = GROUP.commands.get(argv[0])
    if command is None:
        return None
    try:
        context = command.make_context(argv[0], list(argv[1:]))
    except (typer.Exit, typer.Abort, Exception):
        return None
    params: dict[str, Any] = context.params
    return params


COMMON = [
    ["due", "--as", "cluster", "--on", "2026-11-24"],
    ["due", "--as=cluster", "--on=24/11/2026", "-f", "json"],
    ["due", "-fjson", "--within", "0", "--all"],
    ["due", "--file", "a.yaml", "--file=b.yaml", "--body", "mid-powys", "--fail-on", "overdue"],
    ["due", "--fail-on", "overdue", "--fail-on", "waiting", "--since", "2026-01-01"],
    ["due", "--within", "3660", "--lang", "cy", "--format", "csv"],
    ["due", "--as", "pcpg", "--as", "cluster"],  # the last one wins, as in click
    ["due", "--on", "-"],  # a value that looks like an option is still the value
    ["list", "--as", "rpb", "-f", "csv"],
    ["show", "cluster-plan-draft-2027-28", "--on", "2026-11-24", "-f", "json"],
    ["show", "--on", "2026-11-24", "hb-imtp"],
    ["check"],
    ["check", "examples/hywel-dda.yaml", "data/milestones.yaml", "--strict", "-f", "github"],
    ["check", "--warn-overdue", "a.yaml", "--on", "2026-11-24", "b.yaml"],
    ["init", "--health-board", "hywel-dda", "-o", "-", "--project-file"],
    ["config", "--body", "x"],
    ["done", "item", "--body", "b", "--date", "2026-11-24", "--note", "--all"],
    ["undo", "item", "--body", "b"],
    ["schema"],
    ["ics", "--out-dir", "out", "--from", "2026-04-01", "--to", "2027-03-31"],
    ["ics", "-o", "-", "--as", "cluster", "--lang", "both"],
    ["timeline", "--year", "2026/27", "--svg", "a.svg", "--html", "a.html"],
    ["site", "--out-dir", "site", "--base-url", "https://example.org/", "--previous", "old"],
    ["report", "--health-board", "hywel-dda", "-o", "r.html", "--pdf", "r.pdf", "-f", "csv"],
]

LEFT_TO_TYPER = [
    [],
    ["--help"],
    ["--debug", "due"],
    ["due", "--help"],
    ["due", "-h"],
    ["due", "--within", "-1"],  # out of range: typer says so
    ["due", "--within", "3661"],
    ["due", "--within", "soon"],
    ["due", "--format", "xml"],
    ["due", "--format", "JSON"],  # choices are exact
    ["due", "--as"],  # no value
    ["due", "--all=yes"],  # a flag takes no value
    ["due", "--nonsense"],
    ["due", "stray"],
    ["due", "--", "--as"],
    ["show"],  # the id is required
    ["show", "a", "b"],
    ["init"],  # --health-board is required
    ["report", "--health-board", "hywel-dda"],  # -o is required
    ["dew", "--as", "cluster"],  # a typo: typer suggests
    ["schema", "extra"],
]


@pytest.mark.parametrize("argv", COMMON, ids=" ".join)
def test_common_command_lines_are_read_as_click_reads_them(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ACD_DATA", raising=False)
    parsed = parse(argv, {})
    assert parsed is not None
    assert parsed.command == argv[0]
    assert parsed.params == clicks_reading(argv)


@pytest.mark.parametrize("argv", LEFT_TO_TYPER, ids=lambda a: " ".join(a) or "(none)")
def test_help_and_mistakes_are_left_to_typer(argv: list[str]) -> None:
    assert parse(argv, {}) is None


def test_acd_data_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACD_DATA", "mine.yaml")
    parsed = parse(["due"], {"ACD_DATA": "mine.yaml"})
    assert parsed is not None and parsed.params["data"] == "mine.yaml"
    assert parsed.params == clicks_reading(["due"])
    monkeypatch.setenv("ACD_DATA", "")  # empty: as if not set, in click too
    parsed = parse(["due"], {"ACD_DATA": ""})
    assert parsed is not None and parsed.params["data"] is None
    assert parsed.params == clicks_reading(["due"])


def test_completion_is_left_to_typer() -> None:
    assert parse(["due"], {"_ACD_COMPLETE": "bash_complete"}) is None


def _words() -> list[str]:
    """Every option name and choice of every command, with values of each kind and the
    tokens click treats specially."""
    words = {"--", "-", "--help", "-h", "=", "", "x", "a.yaml", "0", "-1", "99999", "2026-11-24"}
    for command in GROUP.commands.values():
        for param in command.params:
            words.update(param.opts)
            choices = getattr(param.type, "choices", None) or ()
            words.update(str(c) for c in choices)
            words.update(f"{o}={c}" for o in param.opts for c in list(choices)[:1])
    words.update(f"-f{c}" for c in ("json", "csv", "xml"))
    return sorted(words)


WORDS = st.sampled_from(_words())


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(sorted(GROUP.commands)), st.lists(WORDS, max_size=8))
def test_whatever_parse_reads_click_reads_the_same(command: str, words: list[str]) -> None:
    argv = [command, *words]
    parsed = parse(argv, dict(os.environ))  # click reads the environment too (ACD_DATA)
    if parsed is not None:
        assert parsed.params == clicks_reading(argv), argv


def test_every_command_can_run_without_typer() -> None:
    assert {n: c for n, c in argument_spec()["commands"].items() if "typer_only" in c} == {}


def _even(value: int) -> int:
    return value


DEMO = typer.Typer()


@DEMO.command()
def one(
    colour: Annotated[bool, typer.Option("--colour/--no-colour")] = True,
    week: Annotated[int, typer.Option(callback=_even)] = 7,
    src: Annotated[Path, typer.Option(exists=True)] = Path(),
    plain: Annotated[str, typer.Option()] = "x",
) -> None:
    """A command with what arguments cannot read (and one it can)."""


@DEMO.command()
def two() -> None:
    """A second command, so that the app is a group."""


def test_a_parameter_arguments_cannot_read_sends_its_command_to_typer() -> None:
    from acd_calendar.cli import _param_spec

    command: Any = typer.main.get_command(DEMO)
    specs = {p.name: _param_spec(p) for p in command.commands["one"].params}
    assert "secondary name" in specs["colour"]["unsupported"]
    assert "callback" in specs["week"]["unsupported"]
    assert "checks on a path" in specs["src"]["unsupported"]
    assert "unsupported" not in specs["plain"]


def test_the_spec_is_written_from_the_typer_declarations(golden: Golden) -> None:
    from acd_calendar.commands import COMMANDS

    golden(SPEC, argument_spec_text().encode("utf-8"))
    assert argument_spec()["commands"].keys() == GROUP.commands.keys() == COMMANDS.keys()


@pytest.mark.parametrize(
    "argv",
    [
        ["due", "--as", "cluster", "--on", "2026-11-24"],
        ["due", "--as", "cluster", "--on", "2026-11-24", "-f", "json", "--lang", "both"],
        ["due", "--on", "2026-11-24", "--fail-on", "overdue", "--all"],
        ["list", "--as", "pcpg", "-f", "csv"],
        ["show", "hb-imtp", "--on", "2026-11-24", "--lang", "cy"],
        ["check", "examples/hywel-dda.yaml", "--on", "2026-11-24", "--strict"],
        ["check", "missing.yaml"],
        ["due", "--on", "31/02/2026"],
        ["due", "--as", "clustr"],
        ["timeline", "--as", "cluster", "--on", "2026-11-24"],
        ["ics", "--as", "cluster", "--on", "2026-11-24"],
        ["due", "--within", "-1"],
        ["show"],
    ],
    ids=" ".join,
)
def test_both_ways_give_the_same_output_and_exit_code(
    argv: list[str], run: Run, typed: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    fast, slow = run(*argv), typed(*argv)
    assert (fast.stdout, fast.stderr, fast.exit_code) == (slow.stdout, slow.stderr, slow.exit_code)


def test_a_common_command_line_does_not_import_typer(tmp_path: Path) -> None:
    argv = ["due", "--as", "cluster", "--on", "2026-11-24", "-f", "json"]
    result, loaded = loaded_after(argv, ("typer", "click"), tmp_path)
    assert result.returncode == 0, result.stderr
    assert loaded == []
