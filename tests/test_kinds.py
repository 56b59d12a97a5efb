from __future__ import annotations

import pytest

from acd_calendar.kinds import Kind, parse_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("cluster", Kind.CLUSTER),
        ("CLUSTER", Kind.CLUSTER),
        ("pc", Kind.PC),
        ("PCPG", Kind.PCPG),
        ("hb", Kind.HEALTH_BOARD),
        ("HB", Kind.HEALTH_BOARD),
        ("health-board", Kind.HEALTH_BOARD),
        ("Health Board", Kind.HEALTH_BOARD),
        ("health_board", Kind.HEALTH_BOARD),
        ("la", Kind.LOCAL_AUTHORITY),
        ("local-authority", Kind.LOCAL_AUTHORITY),
        ("rpb", Kind.RPB),
        ("wg", Kind.WELSH_GOVERNMENT),
        ("Welsh-Government", Kind.WELSH_GOVERNMENT),
    ],
)
def test_names_and_aliases_in_any_case(text: str, kind: Kind) -> None:
    assert parse_kind(text) is kind


def test_unknown_kind_lists_the_valid_names() -> None:
    with pytest.raises(ValueError, match=r"unknown kind of body 'clutser'; valid: pc, cluster"):
        parse_kind("clutser")


def test_kinds_are_in_the_order_work_flows() -> None:
    assert [k.value for k in Kind] == [
        "pc",
        "cluster",
        "pcpg",
        "health-board",
        "local-authority",
        "rpb",
        "welsh-government",
    ]
