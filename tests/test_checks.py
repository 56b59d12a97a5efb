"""``acd check`` rules: each error and warning from a small file, at its line and column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from acd_calendar.checks import RULES, Context
from acd_calendar.lint import check_path
from acd_calendar.load import load_bodies, load_dataset
from conftest import EXAMPLES, REPO, WriteYaml

HEAD = """\
version: 1
health_board: hywel-dda
bodies:
  - {id: ceredigion-pcpg, kind: pcpg, name: Ceredigion PCPG, parent: ceredigion}
  - {id: north-ceredigion, kind: cluster, name: North Ceredigion, parent: ceredigion-pcpg}
"""


@pytest.fixture(scope="module")
def context() -> Context:
    return Context(load_dataset(), load_bodies(), date(2026, 11, 24))


def found(path: Path, context: Context) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.column, p.level.value, p.code) for p in check_path(path, context).problems]


CASES: list[tuple[str, str, list[tuple[int, int, str, str]]]] = [
    ("valid", "", []),
    ("unknown top key", "deadline: []\n", [(6, 1, "error", "unknown-key")]),
    (
        "boolean key",
        "deadlines:\n  - on: 2026-11-02\n",
        # unknown keys are reported beside the mapping's other errors (issue 9)
        [
            (7, 5, "error", "bad-value"),
            (7, 5, "error", "unknown-key"),
            (7, 5, "error", "yaml-boolean"),
        ],
    ),
    ("duplicate key", "completions: []\ncompletions: []\n", [(7, 1, "error", "duplicate-key")]),
    (
        "duplicate id",
        "  - {id: north-ceredigion, kind: cluster, name: X, parent: ceredigion-pcpg}\n",
        [(6, 10, "error", "duplicate-id")],
    ),
    (
        "national id clash",
        "  - {id: hywel-dda, kind: pcpg, name: X, parent: ceredigion}\n",
        [(6, 10, "error", "duplicate-id")],
    ),
    (
        "unknown parent",
        "  - {id: x-cluster, kind: cluster, name: X, parent: nowhere}\n",
        [(6, 53, "error", "unknown-reference")],
    ),
    (
        "bad parent kind",
        "  - {id: x-cluster, kind: cluster, name: X, parent: ceredigion}\n",
        [(6, 53, "error", "bad-parent")],
    ),
    (
        "national kind locally",
        "  - {id: x-rpb, kind: rpb, name: X, parent: ceredigion}\n",
        [(6, 23, "error", "bad-value")],
    ),
    (
        "parent of another board",
        "  - {id: x-pcpg, kind: pcpg, name: X, parent: cardiff}\n",
        [(6, 47, "warning", "other-health-board")],
    ),
    (
        "wrong type",
        "deadlines:\n  - id: d\n    title: T\n    owners: cluster\n    due: 2026-11-02\n",
        [(9, 13, "error", "bad-value")],
    ),
    (
        "bad date",
        "deadlines:\n  - id: d\n    title: T\n    owners: [cluster]\n    due: 2025-02-30\n",
        [(10, 10, "error", "bad-date")],
    ),
    (
        "number as date",
        "deadlines:\n  - id: d\n    title: T\n    owners: [cluster]\n    due: 0\n",
        [(10, 10, "error", "bad-date")],
    ),
    (
        "empty date",
        "deadlines:\n  - id: d\n    title: T\n    owners: [cluster]\n    due:\n",
        [(10, 9, "error", "bad-date")],
    ),
    (
        "window ends before it starts",
        "deadlines:\n  - id: d\n    title: T\n    owners: [cluster]\n"
        "    window: 2026-11..2026-09\n",
        [(10, 13, "error", "bad-date")],
    ),
    (
        "missing key",
        "deadlines:\n  - id: d\n    owners: [cluster]\n    due: 2026-11-02\n",
        [(7, 5, "error", "missing-key")],
    ),
    (
        "unknown owner",
        "deadlines:\n  - id: d\n    title: T\n    owners: [nobody]\n    due: 2026-11-02\n",
        [(9, 14, "error", "unknown-reference")],
    ),
    (
        "unknown feeds",
        "deadlines:\n  - id: d\n    title: T\n    owners: [cluster]\n    due: 2026-11-02\n"
        "    feeds: nothing\n",
        [(11, 12, "error", "unknown-reference")],
    ),
    (
        "feeds late",
        "deadlines:\n  - id: d\n    title: T\n    owners: [cluster]\n    due: 2026-12-01\n"
        "    feeds: cluster-plan-draft\n",
        [(10, 10, "error", "feeds-late")],
    ),
    (
        "feeds on the day is fine",
        "deadlines:\n  - id: d\n    title: T\n    owners: [cluster]\n    due: 2026-11-30\n"
        "    feeds: cluster-plan-draft\n",
        [],
    ),
    (
        "feeds a named occurrence late",
        "deadlines:\n  - id: d\n    title: T\n    owners: [cluster]\n    due: 2023-01\n"
        "    feeds: cluster-plan-draft-2023-24\n",
        [(10, 10, "error", "feeds-late")],
    ),
    (
        "unknown dependency",
        "deadlines:\n  - id: d\n    title: T\n    owners: [cluster]\n    due: 2026-11-02\n"
        "    depends_on: [e]\n",
        [(11, 18, "error", "unknown-reference")],
    ),
    (
        "earlier than its dependency",
        "deadlines:\n  - id: d\n    title: T\n    owners: [cluster]\n    due: 2026-11-02\n"
        "    depends_on: [e]\n  - id: e\n    title: E\n    owners: [cluster]\n"
        "    due: 2026-11-03\n",
        [(11, 18, "error", "depends-order")],
    ),
    (
        "dependency cycle",
        "deadlines:\n  - id: d\n    title: T\n    owners: [cluster]\n    due: 2026-11-02\n"
        "    depends_on: [e]\n  - id: e\n    title: E\n    owners: [cluster]\n"
        "    due: 2026-11-02\n    depends_on: [d]\n",
        [(11, 17, "error", "dependency-cycle")],
    ),
    (
        "weekend date",
        "deadlines:\n  - id: d\n    title: T\n    owners: [cluster]\n    due: 2026-11-28\n",
        [(10, 10, "warning", "non-working-day")],
    ),
    (
        "bank holiday",
        "deadlines:\n  - id: d\n    title: T\n    owners: [cluster]\n    due: 2026-12-28\n",
        [(10, 10, "warning", "non-working-day")],
    ),
    (
        "completion unknown item",
        "completions:\n  - {item: nothing, body: north-ceredigion, date: 2026-11-02}\n",
        [(7, 12, "error", "unknown-reference")],
    ),
    (
        "completion unknown body",
        "completions:\n  - {item: cluster-plan-draft-2027-28, body: nobody, date: 2026-11-02}\n",
        [(7, 46, "error", "unknown-reference")],
    ),
    (
        "completion not applicable",
        "completions:\n  - {item: hb-imtp-2027-28, body: north-ceredigion, date: 2026-11-02}\n",
        [(7, 35, "error", "not-applicable")],
    ),
    (
        "completion in the future",
        "completions:\n  - {item: cluster-plan-draft-2027-28, "
        "body: north-ceredigion, date: 2026-11-25}\n",
        [(7, 70, "warning", "future-completion")],
    ),
    (
        "completion today is fine",
        "completions:\n  - {item: cluster-plan-draft-2027-28, "
        "body: north-ceredigion, date: 2026-11-24}\n",
        [],
    ),
    (
        "meeting unknown body",
        "meetings:\n  - {id: m, body: nobody, start: 2026-12-08}\n",
        [(7, 19, "error", "unknown-reference")],
    ),
    (
        "meeting unknown cadence",
        "meetings:\n  - {id: m, body: ceredigion-pcpg, cadence: x, start: 2026-12-08}\n",
        [(7, 45, "error", "unknown-reference")],
    ),
    (
        "meeting bad rrule",
        "meetings:\n  - {id: m, body: ceredigion-pcpg, start: 2026-12-08, "
        "rrule: 'FREQ=SOMETIMES'}\n",
        [(7, 62, "error", "bad-rrule")],
    ),
    (
        "meeting time unquoted",
        "meetings:\n  - {id: m, body: ceredigion-pcpg, start: 2026-12-08, time: 14:00}\n",
        [(7, 61, "error", "yaml-number")],
    ),
    (
        "meeting on a Sunday",
        "meetings:\n  - {id: m, body: ceredigion-pcpg, start: 2026-12-06}\n",
        [(7, 43, "warning", "non-working-day")],
    ),
]


@pytest.mark.parametrize(("name", "tail", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_finding_at_its_position(
    write_yaml: WriteYaml,
    context: Context,
    name: str,
    tail: str,
    expected: list[tuple[int, int, str, str]],
) -> None:
    assert found(write_yaml(HEAD + tail), context) == expected


def test_every_rule_has_its_code_as_id_and_a_docstring() -> None:
    # Issue 10: a rule's id is the code its problems carry (was "duplicate-ids", ...).
    assert set(RULES) == {
        "duplicate-id",
        "unknown-document",
        "unknown-reference",
        "dependency-cycle",
        "bad-parent",
        "other-health-board",
        "feeds-late",
        "depends-order",
        "bad-rrule",
        "bad-date",
        "not-applicable",
        "future-completion",
        "non-working-day",
        "overdue",
        "future-drop",
        "no-meetings",
        "clock-change",
        "generated-id",
        "long-window",
        "early-completion",
        "late-completion",
    }
    for check in RULES.values():
        assert check.__doc__


def test_overdue_is_a_warning_only_when_asked(write_yaml: WriteYaml, context: Context) -> None:
    path = write_yaml(
        HEAD + "deadlines:\n  - id: d\n    title: T\n    owners: [north-ceredigion]\n"
        "    due: 2026-11-02\n"
    )
    assert found(path, context) == []
    asked = Context(context.dataset, context.national, context.as_of, warn_overdue=True)
    assert found(path, asked) == [(7, 9, "warning", "overdue")]
    done = write_yaml(
        path.read_text() + "completions:\n  - {item: d, body: north-ceredigion, "
        "date: 2026-11-02}\n",
        "done.yaml",
    )
    assert found(done, asked) == []


def test_problem_text_format(write_yaml: WriteYaml, context: Context) -> None:
    path = write_yaml(HEAD + "deadline: []\n")
    (problem,) = check_path(path, context, "local.yaml").problems
    assert str(problem) == (
        "local.yaml:6:1: error unknown-key unknown key 'deadline'; did you mean 'deadlines'?"
    )


@pytest.mark.parametrize(
    "path",
    [
        REPO / "data" / "milestones.yaml",
        REPO / "data" / "bodies.yaml",
        REPO / "examples" / "hywel-dda.yaml",
        *sorted((EXAMPLES / "valid").glob("*.yaml")),
    ],
    ids=lambda p: p.name,
)
def test_shipped_and_example_files_are_clean(path: Path, context: Context) -> None:
    assert check_path(path, context).problems == []


def test_national_files_are_checked_with_positions(write_yaml: WriteYaml, context: Context) -> None:
    text = (REPO / "data" / "bodies.yaml").read_text(encoding="utf-8")
    broken = write_yaml(
        text.replace(
            "health_board: hywel-dda\n    local_authorities: [ceredigion",
            "health_board: hywel-da\n    local_authorities: [ceredigion",
        ),
        "bodies.yaml",
    )
    problems = check_path(broken, context).problems
    assert [(p.code, p.message) for p in problems] == [
        ("unknown-reference", "no health board 'hywel-da'")
    ]
    assert (
        problems[0].line == text[: text.index("health_board: hywel-dda\n    local")].count("\n") + 1
    )


INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))


def test_every_rule_is_fired_by_an_example(context: Context) -> None:
    """Each rule has tests/examples/invalid/<rule id>.yaml, and that file fires it."""
    asked = Context(context.dataset, context.national, context.as_of, warn_overdue=True)
    fired: set[str] = set()
    for path in INVALID:
        codes = {p.code for p in check_path(path, asked).problems}
        if path.stem in RULES:
            assert path.stem in codes, (path.name, codes)
        fired |= codes
    assert set(RULES) <= fired
    assert set(RULES) <= {p.stem for p in INVALID} | {"unknown-reference"}
