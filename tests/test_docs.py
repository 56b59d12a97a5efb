"""The README documents every command, and its examples are real output."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer

from acd_calendar.cli import app
from conftest import REPO, Run

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    assert "acd due --as cluster" in blocks[0]
    assert "pip install -e '.[test]'" in blocks[1] and "python -m pytest" in blocks[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in ci


@pytest.mark.parametrize("name", [c.name for c in typer.main.get_command(app).commands.values()])  # type: ignore[attr-defined]
def test_every_command_has_a_readme_section(name: str) -> None:
    assert re.search(rf"^### `acd {name}\b", README, re.M), name


@pytest.mark.parametrize(
    ("folder", "command"),
    re.findall(r"^(?:\$ cd (\S+)\n)?\$ acd (.*)$", README, re.M),
)
def test_readme_examples_are_real_output(
    run: Run, folder: str, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each ``$ acd ...`` block in the README matches what the command prints now.

    After ``$ cd FOLDER`` the command runs in a copy of that folder, so that examples
    which write (``acd done``) leave the repository as it was.
    """
    if folder:
        shutil.copytree(REPO / folder, tmp_path / folder)
        monkeypatch.chdir(tmp_path / folder)
    block = README.split(f"$ acd {command}\n", 1)[1].split("```", 1)[0]
    expected = block.split("\n...", 1)[0].split("\n    ...", 1)[0]
    result = run(*shlex.split(command))
    assert result.exit_code == (1 if command.startswith("check tests/examples/invalid") else 0)
    printed = result.stdout.replace("\r\n", "\n")  # iCalendar lines end in CRLF
    assert printed.startswith(expected.rstrip("\n")), command


def test_the_layers_sentence_is_the_import_linter_contract() -> None:
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    assert contract["type"] == "layers"
    assert f"\n  {contract['name']}.\n" in README
