"""Every body a report can be for: the national ones and those local files name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from acd_calendar.kinds import Kind

if TYPE_CHECKING:
    from acd_calendar.local import LocalPlan
    from acd_calendar.national import NationalBodies


@dataclass(frozen=True, slots=True)
class Body:
    id: str
    kind: Kind
    name: str
    parent: str | None = None
    welsh_name: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.kind.value})"


def welsh_alias(welsh_name: str | None) -> str | None:
    """A Welsh name written as an id: ``Sir Benfro`` is ``sir-benfro``, ``Ynys Môn``
    ``ynys-mon``, ``Caerdydd a'r Fro`` ``caerdydd-ar-fro``."""
    if not welsh_name:
        return None
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", welsh_name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = re.sub(r"['’]", "", plain.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return slug or None


def aliases_of(body_id: str, welsh_name: str | None, aliases: Iterable[str]) -> list[str]:
    """The other names a national body answers to: its Welsh name as an id, then the
    aliases its entry lists."""
    names = [welsh_alias(welsh_name), *aliases]
    return list(dict.fromkeys(n for n in names if n and n != body_id))


# Which kinds a local body's parent may be, by the local body's kind.
PARENT_KINDS: dict[Kind, tuple[Kind, ...]] = {
    Kind.PC: (Kind.CLUSTER,),
    Kind.CLUSTER: (Kind.PCPG,),
    Kind.PCPG: (Kind.HEALTH_BOARD, Kind.LOCAL_AUTHORITY),
}


class Registry:
    """Bodies by id (and alias), national first, then those of each local file."""

    def __init__(self, national: NationalBodies | None, plans: Iterable[LocalPlan] = ()) -> None:
        self.bodies: dict[str, Body] = {}
        self.aliases: dict[str, str] = {}
        if national is not None:
            for hb in national.health_boards:
                self._add(Body(hb.id, Kind.HEALTH_BOARD, hb.name, None, hb.welsh_name), hb.aliases)
            for la in national.local_authorities:
                self._add(
                    Body(la.id, Kind.LOCAL_AUTHORITY, la.name, la.health_board, la.welsh_name),
                    la.aliases,
                )
            for rpb in national.regional_partnership_boards:
                self._add(
                    Body(rpb.id, Kind.RPB, rpb.name, rpb.health_board, rpb.welsh_name), rpb.aliases
                )
        self.local: list[str] = []  # ids of the local files' bodies, in file order
        self._local_of_kinds: dict[frozenset[Kind], frozenset[str]] = {}
        for plan in plans:
            for local in plan.bodies:
                if local.id not in self.bodies:
                    self.local.append(local.id)
                    self.bodies[local.id] = Body(
                        local.id, local.kind, local.name, local.parent, local.welsh_name
                    )

    def _add(self, body: Body, aliases: Iterable[str]) -> None:
        self.bodies[body.id] = body
        for alias in aliases_of(body.id, body.welsh_name, aliases):
            self.aliases.setdefault(alias, body.id)

    def local_ids_of(self, kinds: Iterable[Kind]) -> frozenset[str]:
        """Ids of the local files' bodies of these kinds (worked out once per kinds)."""
        key = frozenset(kinds)
        if key not in self._local_of_kinds:
            self._local_of_kinds[key] = frozenset(
                body_id for body_id in self.local if self.bodies[body_id].kind in key
            )
        return self._local_of_kinds[key]

    def local_bodies(self) -> list[Body]:
        """The bodies the local files name, in the order they name them."""
        return [self.bodies[body_id] for body_id in self.local]

    def get(self, body_id: str) -> Body | None:
        return self.bodies.get(self.aliases.get(body_id, body_id))

    def __contains__(self, body_id: str) -> bool:
        return self.get(body_id) is not None

    def children(self, body_id: str) -> list[Body]:
        return [b for b in self.bodies.values() if b.parent == body_id]

    def health_board_of(self, body_id: str) -> str | None:
        """The health board a body belongs to, following parents upward."""
        seen: set[str] = set()
        body = self.get(body_id)
        while body is not None and body.id not in seen:
            if body.kind is Kind.HEALTH_BOARD:
                return body.id
            seen.add(body.id)
            body = self.get(body.parent) if body.parent else None
        return None
