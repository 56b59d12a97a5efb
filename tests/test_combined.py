"""Local items beside national ones: which national occurrence a local date feeds."""

from __future__ import annotations

from datetime import date

import pytest

from acd_calendar.combined import resolve_feed, split_owners
from acd_calendar.kinds import Kind
from acd_calendar.load import load_dataset


@pytest.mark.parametrize(
    ("feed", "day", "occurrence"),
    [
        # a cycle resolves to its occurrence due in the same financial year as the date
        ("hb-imtp", date(2027, 3, 30), "hb-imtp-2027-28"),
        ("hb-imtp", date(2027, 3, 31), "hb-imtp-2027-28"),  # last day of 2026/27
        ("hb-imtp", date(2027, 4, 1), "hb-imtp-2028-29"),  # first day of 2027/28
        ("cluster-plan-draft", date(2026, 3, 31), "cluster-plan-draft-2026-27"),
        ("cluster-plan-draft", date(2026, 4, 1), "cluster-plan-draft-2027-28"),
        # a fixed milestone or a named occurrence is itself, whatever the date
        ("cluster-plan-draft-2023-24", date(2026, 1, 1), "cluster-plan-draft-2023-24"),
        ("rpb-area-plan-2023", date(2030, 1, 1), "rpb-area-plan-2023"),
    ],
)
def test_a_local_date_feeds_the_occurrence_of_its_financial_year(
    feed: str, day: date, occurrence: str
) -> None:
    found = resolve_feed(load_dataset(), feed, day)
    assert found is not None and found.id == occurrence


def test_a_five_yearly_cycle_has_no_occurrence_in_most_years() -> None:
    assert resolve_feed(load_dataset(), "rpb-area-plan", date(2030, 1, 1)) is None
    found = resolve_feed(load_dataset(), "rpb-area-plan", date(2029, 3, 31))
    assert found is not None and found.id == "rpb-area-plan-2028-29"


def test_owners_are_kinds_or_bodies() -> None:
    assert split_owners(["cluster", "HB", "north-ceredigion"]) == (
        (Kind.CLUSTER, Kind.HEALTH_BOARD),
        ("north-ceredigion",),
    )
