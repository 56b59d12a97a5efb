from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer.testing
from typer.testing import CliRunner, Result

from acd_calendar.cli import app
from acd_calendar.entry import dispatch

TODAY = date(2026, 11, 24)
EXAMPLES = Path(__file__).parent / "examples"
REPO = Path(__file__).resolve().parents[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite golden files (tests/examples/ics/golden.ics) from the current output "
        "instead of comparing with them; review the diff before committing.",
    )


Golden = Callable[[Path, bytes], None]


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare output with a golden file, or rewrite the file with --update-golden."""
    update = bool(request.config.getoption("--update-golden"))

    def compare(path: Path, actual: bytes) -> None:
        if update:
            path.write_bytes(actual)
            return
        assert actual == path.read_bytes(), f"{path} differs: pytest --update-golden rewrites it"

    return compare


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the user's cache of validated national data."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("ACD_CACHE", raising=False)


@pytest.fixture
def today() -> date:
    """A fixed as-of date: tests never read the real clock."""
    return TODAY


Run = Callable[..., Result]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run ``acd`` as a user would, with plain output at a fixed width."""
    monkeypatch.chdir(REPO)  # README examples use paths relative to the repository
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("ACD_DATA", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("ACD_LANG", raising=False)
    monkeypatch.delenv("ACD_DEBUG", raising=False)

    # typer's CliRunner builds a click command from a Typer app; the entry point is none
    built = typer.testing._get_command  # type: ignore[attr-defined]
    monkeypatch.setattr(
        typer.testing, "_get_command", lambda app: app if isinstance(app, Entry) else built(app)
    )

    def invoke(*args: str, input: str | None = None) -> Result:
        entry: Any = Entry()
        return CliRunner().invoke(entry, list(args), input=input, catch_exceptions=False)

    return invoke


class Entry:
    """``acd`` as its entry point runs it, for CliRunner (which calls ``main``): a command
    line ``arguments`` can read runs without typer, the rest through typer, as for a
    user. ``typed`` runs (below) always go through typer."""

    name = "acd"

    def main(self, args: list[str], **_: object) -> None:
        sys.exit(dispatch(args))


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run ``acd`` through typer only (as ``run`` does, without the typer-free path)."""
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("ACD_DATA", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("ACD_LANG", raising=False)
    monkeypatch.delenv("ACD_DEBUG", raising=False)

    def invoke(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


WriteYaml = Callable[..., Path]


@pytest.fixture
def write_yaml(tmp_path: Path) -> WriteYaml:
    """Write a small YAML file (dedented) and return its path."""

    def write(text: str | bytes, name: str = "data.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


def loaded_after(
    args: list[str], names: tuple[str, ...], cache: Path, **env: str
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run ``acd ARGS`` as ``python -m acd_calendar`` does, twice (the first run fills
    the cache in ``cache``); the second run's result, and which of ``names`` (modules)
    it imported."""
    code = (
        "import json, runpy, sys\n"
        "sys.argv = ['acd', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('acd_calendar', run_name='__main__', alter_sys=True)\n"
        "except SystemExit:\n    pass\n"
        f"print(json.dumps(sorted(m for m in {names!r} if m in sys.modules)), file=sys.stderr)\n"
    )
    environ = {k: v for k, v in os.environ.items() if k not in ("ACD_CACHE", "ACD_DATA")}
    environ.update({**env, "XDG_CACHE_HOME": str(cache)})
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=environ,
            check=False,
        )
    last = result.stderr.splitlines()[-1] if result.stderr else "null"
    loaded: list[str] = json.loads(last)
    return result, loaded
