"""The bundled national data: every milestone the sources give, with the right dates."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from acd_calendar.datafiles import bundled_path
from acd_calendar.kinds import Kind
from acd_calendar.load import load_dataset
from acd_calendar.national import Basis
from acd_calendar.schedule import find_item
from conftest import REPO

K = Kind


@pytest.mark.parametrize(
    ("item_id", "start", "end", "owner", "basis"),
    [
        # The Ministerial letter of 24 March 2022, line by line.
        ("rpb-needs-assessment-2022", None, date(2022, 4, 1), K.RPB, Basis.STATUTORY),
        (
            "pc-established-2022",
            date(2022, 4, 1),
            date(2022, 9, 30),
            K.HEALTH_BOARD,
            Basis.MINISTERIAL_LETTER,
        ),
        (
            "dental-pc-established-2023",
            None,
            date(2023, 3, 31),
            K.HEALTH_BOARD,
            Basis.MINISTERIAL_LETTER,
        ),
        (
            "pc-response-2023-24",
            date(2022, 7, 1),
            date(2022, 9, 30),
            K.PC,
            Basis.MINISTERIAL_LETTER,
        ),
        (
            "cluster-response-2023-24",
            date(2022, 9, 1),
            date(2022, 11, 30),
            K.CLUSTER,
            Basis.MINISTERIAL_LETTER,
        ),
        (
            "pcpg-plan-2023-24",
            date(2022, 12, 1),
            date(2022, 12, 31),
            K.PCPG,
            Basis.MINISTERIAL_LETTER,
        ),
        (
            "hb-imtp-input-2023-24",
            date(2023, 1, 1),
            date(2023, 1, 31),
            K.HEALTH_BOARD,
            Basis.MINISTERIAL_LETTER,
        ),
        (
            "rpb-area-plan-input-2023-24",
            date(2023, 1, 1),
            date(2023, 3, 31),
            K.RPB,
            Basis.MINISTERIAL_LETTER,
        ),
        ("rpb-area-plan-2023", None, date(2023, 4, 1), K.RPB, Basis.STATUTORY),
        # The FAQ and the governance framework.
        (
            "cluster-plan-draft-2023-24",
            None,
            date(2022, 11, 30),
            K.CLUSTER,
            Basis.MINISTERIAL_LETTER,
        ),
        (
            "nhs-planning-framework-2023-24",
            date(2022, 10, 1),
            date(2022, 12, 31),
            K.WELSH_GOVERNMENT,
            Basis.GUIDANCE,
        ),
        # "by April 2023", plans in operation from April 2023: by the end of March 2023.
        ("hb-imtp-2023-24", None, date(2023, 3, 31), K.HEALTH_BOARD, Basis.GUIDANCE),
        (
            "pcpg-established-2022",
            None,
            date(2022, 4, 30),
            K.HEALTH_BOARD,
            Basis.MINISTERIAL_LETTER,
        ),
        (
            "plans-published-2023",
            date(2023, 1, 1),
            date(2023, 12, 31),
            K.HEALTH_BOARD,
            Basis.GUIDANCE,
        ),
        ("plan-monitoring-2023-24", date(2023, 4, 1), date(2024, 3, 31), K.PCPG, Basis.GUIDANCE),
        (
            "pcpg-plan-refinement-2023-24",
            date(2023, 4, 1),
            date(2024, 3, 31),
            K.PCPG,
            Basis.GUIDANCE,
        ),
        # The yearly cycle, for 2027/28 (work in 2026/27).
        ("pc-response-2027-28", date(2026, 7, 1), date(2026, 9, 30), K.PC, Basis.ASSUMED_ANNUAL),
        (
            "cluster-response-2027-28",
            date(2026, 9, 1),
            date(2026, 11, 30),
            K.CLUSTER,
            Basis.ASSUMED_ANNUAL,
        ),
        ("cluster-plan-draft-2027-28", None, date(2026, 11, 30), K.CLUSTER, Basis.ASSUMED_ANNUAL),
        ("pcpg-plan-2027-28", date(2026, 12, 1), date(2026, 12, 31), K.PCPG, Basis.ASSUMED_ANNUAL),
        (
            "hb-imtp-input-2027-28",
            date(2027, 1, 1),
            date(2027, 1, 31),
            K.HEALTH_BOARD,
            Basis.ASSUMED_ANNUAL,
        ),
        # The RPB input follows the five-yearly refresh of the area plan.
        ("rpb-area-plan-input-2028-29", date(2028, 1, 1), date(2028, 3, 31), K.RPB, Basis.ASSUMED),
        ("hb-imtp-2027-28", None, date(2027, 3, 31), K.HEALTH_BOARD, Basis.ASSUMED_ANNUAL),
        (
            "plans-start-2027-28",
            date(2027, 4, 1),
            date(2027, 4, 1),
            K.CLUSTER,
            Basis.ASSUMED_ANNUAL,
        ),
        # Five-yearly RPB work, and PCPG governance.
        # (assumed: the five-year period is set by regulations under s.14, not cited)
        ("rpb-needs-assessment-2027-28", None, date(2027, 4, 1), K.RPB, Basis.ASSUMED),
        ("rpb-area-plan-2028-29", None, date(2028, 4, 1), K.RPB, Basis.ASSUMED),
        ("pcpg-annual-review-2023-24", None, date(2023, 4, 30), K.PCPG, Basis.ASSUMED),
        ("pcpg-chair-rotation-2024-25", None, date(2024, 4, 30), K.PCPG, Basis.ASSUMED),
        ("pcpg-chair-rotation-2026-27", None, date(2026, 4, 30), K.PCPG, Basis.ASSUMED),
        # Missing from the transition year until issue 8.
        ("acd-configuration-2023", None, date(2023, 3, 31), K.HEALTH_BOARD, Basis.GUIDANCE),
        ("plans-start-2023-24", date(2023, 4, 1), date(2023, 4, 1), K.CLUSTER, Basis.GUIDANCE),
        # "from April 2023": an event of that month, no day chosen (issue 8 review, 9)
        (
            "cluster-budget-delegation-2023-24",
            date(2023, 4, 1),
            date(2023, 4, 30),
            K.HEALTH_BOARD,
            Basis.GUIDANCE,
        ),
    ],
)
def test_milestone_dates(
    item_id: str, start: date | None, end: date, owner: Kind, basis: Basis
) -> None:
    item = find_item(load_dataset(), item_id)
    assert item is not None, item_id
    assert (item.start, item.end, item.basis) == (start, end, basis)
    assert owner in item.owners


def test_five_yearly_rules_skip_the_years_between() -> None:
    dataset = load_dataset()
    assert find_item(dataset, "rpb-needs-assessment-2028-29") is None
    assert find_item(dataset, "rpb-needs-assessment-2032-33") is not None
    assert find_item(dataset, "pcpg-chair-rotation-2025-26") is None


def test_pcpg_meeting_cadence() -> None:
    cadence = load_dataset().cadence("pcpg-meeting")
    assert cadence is not None
    assert (cadence.every_months, cadence.agenda_days, cadence.papers) == (2, 14, "friday-before")


def test_every_item_cites_a_known_document_and_a_section() -> None:
    from acd_calendar import schema
    from acd_calendar.checks import milestone_findings
    from acd_calendar.datafiles import load_valid

    assert milestone_findings(load_valid(bundled_path("milestones.yaml"), schema.Dataset)) == []
    dataset = load_dataset()
    for rule in dataset.rules():
        assert rule.source.document in dataset.documents
        assert rule.source.section


def test_the_flow_runs_upward() -> None:
    dataset = load_dataset()
    chain = [
        "plans-start-2027-28",
        "hb-imtp-2027-28",
        "hb-imtp-input-2027-28",
        "pcpg-plan-2027-28",
        "cluster-plan-draft-2027-28",
        "cluster-response-2027-28",
        "pc-response-2027-28",
    ]
    for later, earlier in itertools.pairwise(chain):
        item = find_item(dataset, later)
        assert item is not None
        if later == "plans-start-2027-28":
            assert "hb-imtp-2027-28" in item.depends_on
        else:
            assert earlier in item.depends_on


def test_the_bundled_file_is_the_repository_file() -> None:
    assert (
        bundled_path("milestones.yaml").read_bytes()
        == (REPO / "data" / "milestones.yaml").read_bytes()
    )


SOURCES = REPO.parent / "shared" / "seeds"


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the source documents are not beside the repo")
def test_no_sentence_is_copied_from_the_sources() -> None:
    """Titles and notes are our own words: no run of 8 words matches the sources."""
    import re

    def runs(text: str, n: int = 8) -> set[str]:
        words = re.findall(r"[a-z0-9']+", text.lower())
        return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}

    sources = set().union(*(runs(p.read_text(encoding="utf-8")) for p in SOURCES.glob("*.txt")))
    dataset = load_dataset()
    for rule in dataset.rules():
        copied = runs(f"{rule.title}. {rule.note or ''}") & sources
        assert not copied, (rule.id, copied)
