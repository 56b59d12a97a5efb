"""Valid local files are kept as plain values in the cache, keyed by their bytes.

A second run over the same bytes needs neither PyYAML nor pydantic, and says exactly
what the first run said; a file with any problem is never cached.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from acd_calendar.datafiles import _plan_file, cache_plan, cached_plan
from acd_calendar.load import load_file
from acd_calendar.local import plan_from_json, plan_to_json
from conftest import EXAMPLES, REPO, Run, loaded_after

LOCAL_FILES = [
    REPO / "examples" / "hywel-dda.yaml",
    *sorted((EXAMPLES / "valid").glob("*.yaml")),
]


@pytest.mark.parametrize("path", LOCAL_FILES, ids=lambda p: p.name)
def test_a_plan_comes_back_from_json_unchanged(path: Path) -> None:
    plan = load_file(path).plan
    assert plan is not None
    text = json.dumps(plan_to_json(plan))
    assert plan_from_json(json.loads(text)) == plan


@pytest.mark.parametrize("path", LOCAL_FILES, ids=lambda p: p.name)
def test_a_second_load_comes_from_the_cache(path: Path) -> None:
    first = load_file(path)
    raw = path.read_bytes()
    if first.document.problems:  # not cached: it would hide the problems
        assert cached_plan(raw) is None
        return
    assert cached_plan(raw) == first.plan
    again = load_file(path)
    assert again.plan == first.plan and again.document.problems == []


def test_a_file_with_a_warning_is_not_cached(tmp_path: Path) -> None:
    source = (EXAMPLES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "warned.yaml"
    path.write_text(source + "surprise: 1\n", encoding="utf-8")  # an unknown key
    loaded = load_file(path)
    assert loaded.document.problems
    assert cached_plan(path.read_bytes()) is None


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"format": 1}',
        '{"format": 1, "plan": {"~": "Nonsense"}}',
        '{"format": 9}',
        '{"format": 1, "plan": {"~": "LocalPlan", "bodies": 5}}',
        '{"format": 1, "plan": {"~": "LocalPlan", "health_board": {"~when": "2026-02-30"}}}',
        "[" * 100_000 + "]" * 100_000,  # nesting deeper than the JSON parser goes
    ],
)
def test_a_damaged_cache_entry_means_loading_again(tmp_path: Path, content: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes((EXAMPLES / "valid" / "minimal.yaml").read_bytes())
    expected = load_file(path).plan
    entry = _plan_file(path.read_bytes())
    assert entry is not None and entry.is_file()
    entry.write_text(content, encoding="utf-8")
    assert cached_plan(path.read_bytes()) is None
    assert load_file(path).plan == expected
    assert cached_plan(path.read_bytes()) == expected  # written again


def test_the_same_bytes_anywhere_share_an_entry(tmp_path: Path) -> None:
    raw = (EXAMPLES / "valid" / "minimal.yaml").read_bytes()
    plan = load_file(EXAMPLES / "valid" / "minimal.yaml").plan
    assert plan is not None
    cache_plan(raw, plan)
    (tmp_path / "copy.yaml").write_bytes(raw)
    assert load_file(tmp_path / "copy.yaml").plan == plan
    assert cached_plan(raw + b"\n# changed\n") is None


def test_check_says_the_same_twice_and_the_second_time_needs_no_pydantic(
    tmp_path: Path, run: Run
) -> None:
    args = ["check", "tests/examples/valid/statuses.yaml", "--warn-overdue", "--on", "2026-11-24"]
    first, second = run(*args), run(*args)
    assert (first.stdout, first.stderr, first.exit_code) == (
        second.stdout,
        second.stderr,
        second.exit_code,
    )
    result, loaded = loaded_after(
        ["check", "examples/hywel-dda.yaml"], ("pydantic", "yaml"), tmp_path
    )
    assert result.stdout == "1 file checked: no problems\n", result.stderr
    assert loaded == []
