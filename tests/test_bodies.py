from __future__ import annotations

import pytest

from acd_calendar.bodies import Registry
from acd_calendar.kinds import Kind
from acd_calendar.load import load_bodies
from acd_calendar.schema import LocalPlan


@pytest.fixture(scope="module")
def national() -> Registry:
    return Registry(load_bodies())


def test_the_welsh_bodies(national: Registry) -> None:
    kinds = [b.kind for b in national.bodies.values()]
    assert kinds.count(Kind.HEALTH_BOARD) == 7
    assert kinds.count(Kind.LOCAL_AUTHORITY) == 22
    assert kinds.count(Kind.RPB) == 7


@pytest.mark.parametrize(
    ("rpb", "authorities", "board"),
    [
        (
            "north-wales-rpb",
            {"anglesey", "gwynedd", "conwy", "denbighshire", "flintshire", "wrexham"},
            "betsi-cadwaladr",
        ),
        ("powys-rpb", {"powys"}, "powys-teaching"),
        ("west-wales-rpb", {"ceredigion", "pembrokeshire", "carmarthenshire"}, "hywel-dda"),
        (
            "gwent-rpb",
            {"caerphilly", "blaenau-gwent", "torfaen", "monmouthshire", "newport"},
            "aneurin-bevan",
        ),
        ("cardiff-and-vale-rpb", {"cardiff", "vale-of-glamorgan"}, "cardiff-and-vale"),
        (
            "cwm-taf-morgannwg-rpb",
            {"bridgend", "rhondda-cynon-taf", "merthyr-tydfil"},
            "cwm-taf-morgannwg",
        ),
        ("west-glamorgan-rpb", {"swansea", "neath-port-talbot"}, "swansea-bay"),
    ],
)
def test_each_rpb_covers_its_authorities_and_board(
    rpb: str, authorities: set[str], board: str
) -> None:
    bodies = load_bodies()
    found = next(r for r in bodies.regional_partnership_boards if r.id == rpb)
    assert set(found.local_authorities) == authorities
    assert found.health_board == board
    assert {a.id for a in bodies.local_authorities if a.health_board == board} == authorities


def test_welsh_names_and_aliases(national: Registry) -> None:
    anglesey = national.get("ynys-mon")
    assert anglesey is not None and anglesey.id == "anglesey"
    assert anglesey.welsh_name == "Ynys Môn"
    assert "ynys-mon" in national and "nowhere" not in national


def test_local_bodies_and_their_health_board() -> None:
    plan = LocalPlan.model_validate(
        {
            "version": 1,
            "bodies": [
                {"id": "p", "kind": "pcpg", "name": "P", "parent": "ceredigion"},
                {"id": "c", "kind": "cluster", "name": "C", "parent": "p"},
                {"id": "x", "kind": "pc", "name": "X", "parent": "c"},
            ],
        }
    ).plain()
    registry = Registry(load_bodies(), [plan])
    assert registry.health_board_of("x") == "hywel-dda"
    assert [b.id for b in registry.children("p")] == ["c"]
    assert registry.get("c").label == "C (cluster)"  # type: ignore[union-attr]


def test_a_parent_loop_does_not_hang() -> None:
    plan = LocalPlan.model_validate(
        {
            "version": 1,
            "bodies": [
                {"id": "a", "kind": "cluster", "name": "A", "parent": "b"},
                {"id": "b", "kind": "pcpg", "name": "B", "parent": "a"},
            ],
        }
    ).plain()
    assert Registry(None, [plan]).health_board_of("a") is None
