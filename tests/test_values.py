"""The plain values every command works with: named tuples, cheap to define at start-up.

A named tuple cannot add fields to another, so each kind of national rule lists the
fields that every rule has; these tests keep the three in step, and check what a
named tuple would otherwise let slip (a value of one type equal to another's, a field
set after the fact, a round trip through the cache that changes a type).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from acd_calendar import schema
from acd_calendar.datafiles import bundled_path, load_valid
from acd_calendar.dates import parse_when
from acd_calendar.national import Cadence, Cycle, Dataset, Milestone
from acd_calendar.schedule import Horizon, Item, status_of

RULE_FIELDS = (
    *("id", "title", "owners", "basis", "source"),
    *("involved", "note", "title_cy", "note_cy", "review"),
)
DATED_FIELDS = ("when", "is_deadline", "depends_on", "lead_days", "event")


def defaults(kind: Any) -> dict[str, Any]:
    return {name: kind._field_defaults.get(name, "required") for name in kind._fields}


@pytest.mark.parametrize("kind", [Milestone, Cycle, Cadence], ids=lambda k: k.__name__)
def test_every_kind_of_rule_has_the_fields_of_every_rule(kind: Any) -> None:
    assert {n: defaults(kind)[n] for n in RULE_FIELDS} == {
        n: defaults(Milestone)[n] for n in RULE_FIELDS
    }


def test_milestones_and_cycles_have_the_same_fields_of_dated_rules() -> None:
    assert {n: defaults(Cycle)[n] for n in DATED_FIELDS} == {
        n: defaults(Milestone)[n] for n in DATED_FIELDS
    }
    assert not set(DATED_FIELDS) & set(Cadence._fields)


def bundled() -> Dataset:
    return load_valid(bundled_path("milestones.yaml"), schema.Dataset).plain()


def test_the_cache_keeps_each_kind_of_rule() -> None:
    fresh = bundled()
    again = Dataset.from_json(fresh.to_json())
    assert [type(r) for r in again.rules()] == [type(r) for r in fresh.rules()]
    assert {type(r) for r in again.rules()} == {Milestone, Cycle, Cadence}
    assert again == fresh


def test_values_are_immutable_and_hashable() -> None:
    dataset = bundled()
    rule = dataset.rules()[0]
    with pytest.raises(AttributeError):
        rule.id = "changed"  # type: ignore[misc]
    when = parse_when("2026-09..2026-11")
    assert hash(when) == hash(parse_when("2026-09..2026-11"))
    assert len({when, parse_when("2026-09..2026-11")}) == 1


def test_an_item_read_through_its_fields_and_replaced() -> None:
    item = Item(
        id="x",
        rule="x",
        title="A deadline",
        when=parse_when("2026-11-30"),
        is_deadline=True,
        owners=(),
        involved=(),
        basis=None,
        source=None,
        depends_on=(),
        lead_days=14,
    )
    moved = item._replace(when=parse_when("2026-12-31"))
    assert (item.end, moved.end) == (date(2026, 11, 30), date(2026, 12, 31))
    assert status_of(item, Horizon(date(2026, 11, 16))).value == "due"
    assert status_of(item, Horizon(date(2026, 11, 15))).value == "upcoming"
