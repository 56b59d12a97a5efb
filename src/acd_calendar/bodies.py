"""Every body a report can be for: the national ones and those local files name."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from acd_calendar.kinds import Kind

if TYPE_CHECKING:
    from acd_calendar.local import LocalPlan
    from acd_calendar.national import NationalBodies


class Body(NamedTuple):
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
        self._rpbs: dict[str, list[str]] = {}  # RPB ids by their health board
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
        self._scopes: dict[int, tuple[LocalPlan, tuple[Hashable, tuple[str, ...]]]] = {}
        self._board_scopes: dict[Hashable, tuple[str, ...]] = {}
        self._scope_sets: dict[Hashable, frozenset[str]] = {}
        self._scope_kinds: dict[tuple[Hashable, frozenset[Kind]], tuple[str, ...]] = {}
        self._named_by_board: dict[str | None, list[str]] = {}
        self._boards: dict[str, str | None] = {}
        self.local: list[str] = []  # ids of the local files' bodies, in file order
        self._local_of_kinds: dict[frozenset[Kind], frozenset[str]] = {}
        plans = list(plans)
        for plan in plans:
            for local in plan.bodies:
                if local.id not in self.bodies:
                    self.local.append(local.id)
                    self.bodies[local.id] = Body(
                        local.id, local.kind, local.name, local.parent, local.welsh_name
                    )
        self._local_set = frozenset(self.local)
        # Every body the files name (their own, and the national ones above them).
        self.named: list[str] = list(
            dict.fromkeys(name for plan in plans for name in self.named_by(plan))
        )

    def _add(self, body: Body, aliases: Iterable[str]) -> None:
        self.bodies[body.id] = body
        if body.kind is Kind.RPB and body.parent:
            self._rpbs.setdefault(body.parent, []).append(body.id)
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
        """A body by id, or by alias when no body has that id."""
        found = self.bodies.get(body_id)
        if found is None and body_id in self.aliases:
            found = self.bodies.get(self.aliases[body_id])
        return found

    def canonical(self, name: str) -> str:
        """A body's id for an id or an alias (``sir-benfro`` is ``pembrokeshire``)."""
        body = self.get(name)
        return body.id if body is not None else name

    def ancestors(self, body_id: str) -> list[str]:
        """The ids of a body's parents, nearest first (a cluster's PCPG, then its local
        authority or health board, ...)."""
        found: list[str] = []
        body = self.get(body_id)
        while body is not None and body.parent and (parent := self.get(body.parent)):
            if parent.id in found or parent.id == body_id:
                break
            found.append(parent.id)
            body = parent
        return found

    def named_by(self, plan: LocalPlan) -> list[str]:
        """The bodies a local file names: its own, its ``health_board``, the health
        boards and local authorities above its bodies, and the RPBs of those health
        boards. Their completions count, and deadlines of their kinds are theirs."""
        named = [body.id for body in plan.bodies]
        if plan.health_board is not None and plan.health_board in self:
            named.append(self.canonical(plan.health_board))
        for body in plan.bodies:
            named.extend(self.ancestors(body.id))
        boards = {n for n in named if (b := self.get(n)) and b.kind is Kind.HEALTH_BOARD}
        named.extend(rpb for board in sorted(boards) for rpb in self._rpbs.get(board, ()))
        return list(dict.fromkeys(named))

    def scope_of(self, plan: LocalPlan) -> tuple[str, ...]:
        """The named bodies a local file's deadlines and meetings concern: those of its
        health board(s) in every file of the run, or its own when it names no health
        board."""
        return self._scope(plan)[1]

    def _scope(self, plan: LocalPlan) -> tuple[Hashable, tuple[str, ...]]:
        """A file's scope and its key: the files of the same health boards share both,
        so that memory grows with the bodies of a run, not with files times bodies."""
        if id(plan) in self._scopes:
            return self._scopes[id(plan)][1]
        own = self.named_by(plan)
        boards = frozenset({self.health_board_of(b) for b in own} - {None})
        key: Hashable = boards if boards else ("own", id(plan))
        if key not in self._board_scopes:
            if not self._named_by_board:  # worked out once: each named body's health board
                for name in self.named:
                    self._named_by_board.setdefault(self.health_board_of(name), []).append(name)
            if not boards:
                scope = own
            elif len(boards) == 1:
                scope = self._named_by_board.get(next(iter(boards)), [])
            else:
                members = {b for board in boards for b in self._named_by_board.get(board, [])}
                scope = [b for b in self.named if b in members]  # in run order
            self._board_scopes[key] = tuple(scope)
        # the plan is kept so that its id stays its own
        self._scopes[id(plan)] = (plan, (key, self._board_scopes[key]))
        return key, self._board_scopes[key]

    def scope_set(self, plan: LocalPlan | None) -> frozenset[str]:
        """``scope_of`` as a set (every named body's without a plan), for membership."""
        key = self._scope(plan)[0] if plan is not None else None
        if key not in self._scope_sets:
            scope = self._scope(plan)[1] if plan is not None else self.named
            self._scope_sets[key] = frozenset(scope)
        return self._scope_sets[key]

    def scope_of_kinds(self, plan: LocalPlan | None, kinds: Iterable[Kind]) -> tuple[str, ...]:
        """The bodies of ``kinds`` in a file's scope (in every file's, without a plan),
        sorted by id."""
        scope_key, scope = self._scope(plan) if plan is not None else (None, self.named)
        key = (scope_key, frozenset(kinds))
        if key not in self._scope_kinds:
            self._scope_kinds[key] = tuple(
                sorted(b for b in scope if (body := self.get(b)) and body.kind in key[1])
            )
        return self._scope_kinds[key]

    def related(self, body_id: str) -> frozenset[str]:
        """The bodies whose statuses concern a body's report: itself, its parents and
        everything below it (a PCPG's clusters and PCs); an RPB stands beside its health
        board and is related to all of it."""
        body = self.get(body_id)
        if body is None:
            return frozenset()
        roots = {body.id}
        if body.kind is Kind.RPB and body.parent:
            roots = {body.id, self.canonical(body.parent)}
        related = set(roots) | set(self.ancestors(body.id))
        for other in self.bodies.values():
            if roots & {other.id, *self.ancestors(other.id)}:
                related.add(other.id)
        related |= {
            b.id for b in self.bodies.values() if b.kind is Kind.RPB and b.parent in related
        }
        return frozenset(related)

    def is_local(self, body_id: str) -> bool:
        """Whether a local file defines the body (not a national id or alias)."""
        return body_id in self._local_set

    def __contains__(self, body_id: str) -> bool:
        return self.get(body_id) is not None

    def children(self, body_id: str) -> list[Body]:
        return [b for b in self.bodies.values() if b.parent == body_id]

    def health_board_of(self, body_id: str) -> str | None:
        """The health board a body belongs to, following parents upward."""
        if body_id not in self._boards:
            self._boards[body_id] = self._health_board_of(body_id)
        return self._boards[body_id]

    def _health_board_of(self, body_id: str) -> str | None:
        seen: set[str] = set()
        body = self.get(body_id)
        while body is not None and body.id not in seen:
            if body.kind is Kind.HEALTH_BOARD:
                return body.id
            seen.add(body.id)
            body = self.get(body.parent) if body.parent else None
        return None
