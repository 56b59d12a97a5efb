"""The mutation fuzzer (tests/fuzz): a short fixed-seed slice, and every case it found."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES
from fuzz.acd_fuzz import cases, fuzz, mutate, run_case

FOUND = sorted((EXAMPLES / "fuzz").glob("*.yaml"))


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.delenv("ACD_DATA", raising=False)


@pytest.mark.parametrize("path", FOUND, ids=[p.stem for p in FOUND])
def test_every_case_found_stays_fixed(path: Path, tmp_path: Path) -> None:
    outcome = run_case(path.read_bytes(), tmp_path)
    assert outcome.failures == []
    assert set(outcome.codes) == {"check", "due", "due-csv", "ics", "timeline"}


def test_the_regression_cases_cover_what_the_issue_names() -> None:
    names = {p.stem for p in FOUND}
    assert {"rrule-interval-0-hang", "ics-line-break-in-body-name", "out-dir-id-too-long"} <= names


@pytest.mark.fuzz
def test_a_short_fixed_seed_run_finds_nothing() -> None:
    count, failures = fuzz(seed=20261125, seconds=60, max_cases=12, keep=None)
    assert count == 12
    assert failures == []


def test_the_same_seed_gives_the_same_cases() -> None:
    first = [data for _, data in zip(range(20), cases(7), strict=False)]
    again = [data for _, data in zip(range(20), cases(7), strict=False)]
    assert first == again
    assert len(set(first)) > 15


def test_the_oracle_catches_a_hang_and_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The oracle itself can fail: a command that raises, or one that runs too long."""
    import fuzz.acd_fuzz as module
    from acd_calendar import combined

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(combined, "combined_items", broken)
    seed = (EXAMPLES / "valid" / "minimal.yaml").read_bytes()
    outcome = run_case(seed, tmp_path)
    assert any("exit 3" in f for f in outcome.failures)

    def busy(*args: object, **kwargs: object) -> None:
        while True:
            pass

    monkeypatch.setattr(module, "LIMIT_SECONDS", 0.1)
    monkeypatch.setattr(combined, "combined_items", busy)
    outcome = run_case(seed, tmp_path)
    assert any("still running after" in f for f in outcome.failures)


def test_mutations_change_the_text() -> None:
    import random

    rng = random.Random(3)
    text = (EXAMPLES / "valid" / "welsh-names.yaml").read_text(encoding="utf-8")
    assert sum(mutate(text, rng) != text for _ in range(20)) >= 15
