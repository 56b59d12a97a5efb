from __future__ import annotations

from datetime import date

import pytest

from acd_calendar.dates import parse_when
from acd_calendar.kinds import Kind
from acd_calendar.load import load_dataset
from acd_calendar.national import Basis
from acd_calendar.schedule import (
    Horizon,
    Item,
    Role,
    Status,
    due_report,
    expand,
    find_item,
    listing_end,
    status_of,
)


def item(when: str, deadline: bool = False, lead: int = 14) -> Item:
    return Item(
        id="x",
        rule="x",
        title="X",
        when=parse_when(when),
        is_deadline=deadline,
        owners=(Kind.CLUSTER,),
        involved=(Kind.PC,),
        basis=Basis.GUIDANCE,
        source=None,
        depends_on=(),
        lead_days=lead,
    )


# A deadline on 30 November 2022 with the default 14-day lead time.
@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (date(2022, 9, 30), Status.LATER),  # 61 days before: beyond --within 60
        (date(2022, 10, 1), Status.UPCOMING),  # 60 days before: within
        (date(2022, 11, 15), Status.UPCOMING),  # the day before the lead time starts
        (date(2022, 11, 16), Status.DUE),  # first day of the lead time
        (date(2022, 11, 30), Status.DUE),  # on the deadline
        (date(2022, 12, 1), Status.OVERDUE),  # the day after
        (date(2023, 2, 28), Status.OVERDUE),  # 90 days late: still shown
        (date(2023, 3, 1), Status.PAST),  # 91 days late: history
    ],
)
def test_deadline_boundaries(as_of: date, status: Status) -> None:
    assert status_of(item("2022-11-30", deadline=True), Horizon(as_of)) is status


# A window September-November 2022.
@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (date(2022, 7, 2), Status.LATER),  # opens in 61 days
        (date(2022, 7, 3), Status.UPCOMING),  # opens in 60 days
        (date(2022, 8, 31), Status.UPCOMING),  # the day before it opens
        (date(2022, 9, 1), Status.DUE),  # opens
        (date(2022, 11, 30), Status.DUE),  # last day
        (date(2022, 12, 1), Status.OVERDUE),
    ],
)
def test_window_boundaries(as_of: date, status: Status) -> None:
    assert status_of(item("2022-09..2022-11"), Horizon(as_of)) is status


@pytest.mark.parametrize(
    ("within", "status"), [(59, Status.LATER), (60, Status.UPCOMING), (0, Status.LATER)]
)
def test_within_is_inclusive(within: int, status: Status) -> None:
    # starts 1 September 2022; 60 days before is 3 July 2022
    assert status_of(item("2022-09..2022-11"), Horizon(date(2022, 7, 3), within)) is status


def test_lead_time_of_zero_means_due_only_on_the_day() -> None:
    deadline = item("2022-11-30", deadline=True, lead=0)
    assert status_of(deadline, Horizon(date(2022, 11, 29))) is Status.UPCOMING
    assert status_of(deadline, Horizon(date(2022, 11, 30))) is Status.DUE


def test_since_moves_the_overdue_bound() -> None:
    deadline = item("2022-11-30", deadline=True)
    assert (
        status_of(deadline, Horizon(date(2023, 6, 1), since=date(2022, 11, 30))) is Status.OVERDUE
    )
    assert status_of(deadline, Horizon(date(2023, 6, 1), since=date(2022, 12, 1))) is Status.PAST


def test_done_wins() -> None:
    assert status_of(item("2022-11-30", True), Horizon(date(2022, 12, 5)), done=True) is Status.DONE


def test_leap_day_deadline() -> None:
    deadline = item("2024-02-29", deadline=True, lead=0)
    assert status_of(deadline, Horizon(date(2024, 2, 28))) is Status.UPCOMING
    assert status_of(deadline, Horizon(date(2024, 2, 29))) is Status.DUE
    assert status_of(deadline, Horizon(date(2024, 3, 1))) is Status.OVERDUE


def test_quarter_window_runs_to_the_quarters_last_day() -> None:
    quarter = item("2022/23 Q3")
    assert status_of(quarter, Horizon(date(2022, 9, 30))) is Status.UPCOMING
    assert status_of(quarter, Horizon(date(2022, 10, 1))) is Status.DUE
    assert status_of(quarter, Horizon(date(2022, 12, 31))) is Status.DUE
    assert status_of(quarter, Horizon(date(2023, 1, 1))) is Status.OVERDUE


# --- the national data, expanded -----------------------------------------------------------


def test_the_cycle_repeats_across_the_year_boundary() -> None:
    dataset = load_dataset()
    items = {i.id: i for i in expand(dataset, date(2026, 4, 1), date(2027, 4, 30))}
    assert items["cluster-plan-draft-2027-28"].end == date(2026, 11, 30)
    assert items["cluster-plan-draft-2027-28"].title == "Draft cluster plan for 2027/28"
    assert items["pcpg-plan-2027-28"].when.label == "December 2026"
    assert items["hb-imtp-input-2027-28"].when.label == "January 2027"
    assert items["hb-imtp-2027-28"].end == date(2027, 3, 31)
    assert items["plans-start-2027-28"].end == date(2027, 4, 1)
    assert items["rpb-needs-assessment-2027-28"].end == date(2027, 4, 1)
    assert items["cluster-plan-draft-2027-28"].depends_on == ("cluster-response-2027-28",)


def test_five_yearly_area_plan_depends_on_the_latest_assessment() -> None:
    dataset = load_dataset()
    plan = find_item(dataset, "rpb-area-plan-2028-29")
    assert plan is not None and plan.end == date(2028, 4, 1)
    assert plan.depends_on == ("rpb-area-plan-input-2028-29", "rpb-needs-assessment-2027-28")
    assert find_item(dataset, "rpb-area-plan-2029-30") is None
    assert find_item(dataset, "rpb-area-plan-2033-34") is not None


def test_the_transition_year_stays_as_written() -> None:
    dataset = load_dataset()
    item = find_item(dataset, "cluster-plan-draft-2023-24")
    assert item is not None and item.end == date(2022, 11, 30)
    assert find_item(dataset, "cluster-plan-draft-2024-25") is not None
    assert find_item(dataset, "cluster-plan-draft-2023-24").basis is Basis.MINISTERIAL_LETTER  # type: ignore[union-attr]


def test_cluster_report_on_24_november_2026_shows_the_2027_28_cycle() -> None:
    dataset = load_dataset()
    as_of = date(2026, 11, 24)
    report = due_report(
        expand(dataset, date(2026, 8, 1), date(2027, 12, 31)), Horizon(as_of), Kind.CLUSTER
    )
    by_id = {e.item.id: e for e in report.entries}
    assert by_id["cluster-plan-draft-2027-28"].status is Status.DUE
    assert by_id["cluster-plan-draft-2027-28"].days_left == 6
    assert by_id["cluster-plan-draft-2027-28"].role is Role.OWNER
    assert by_id["pcpg-plan-2027-28"].status is Status.UPCOMING
    assert by_id["pcpg-plan-2027-28"].role is Role.INVOLVED
    # late, but owned by PCs: clusters are waiting on them (issue 8)
    assert by_id["pc-response-2027-28"].status is Status.WAITING
    assert by_id["pc-response-2027-28"].waiting_on == ("pc",)
    assert [e.status for e in report.entries] == sorted(
        (e.status for e in report.entries), key=lambda s: s.order
    )


def test_listing_end_is_the_end_of_next_planning_year() -> None:
    assert listing_end(date(2026, 11, 24)) == date(2028, 3, 31)
    assert listing_end(date(2027, 3, 31)) == date(2028, 3, 31)
    assert listing_end(date(2027, 4, 1)) == date(2029, 3, 31)


def test_an_event_passes_rather_than_falls_overdue() -> None:
    start = Item(
        id="s",
        rule="s",
        title="S",
        when=parse_when("2027-04-01"),
        is_deadline=False,
        owners=(Kind.CLUSTER,),
        involved=(),
        basis=Basis.ASSUMED_ANNUAL,
        source=None,
        depends_on=(),
        lead_days=14,
        event=True,
    )
    assert status_of(start, Horizon(date(2027, 3, 18))) is Status.DUE
    assert status_of(start, Horizon(date(2027, 4, 1))) is Status.DUE
    assert status_of(start, Horizon(date(2027, 4, 2))) is Status.PAST
