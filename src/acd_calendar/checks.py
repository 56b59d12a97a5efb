"""``acd check``'s rules, one function each, and their registry.

Like yamllint's rules: each rule has an ``ID``, which is the code its problems carry,
so that a user can look up a code; a docstring saying what it checks; and a function
that takes one loaded file (``Target``) and yields ``Finding`` values located by their
path in the data. ``load`` maps them to lines and columns. Nothing here prints or
exits: the CLI reports the problems and picks the exit code.

Problems found while reading and validating a file (``yaml-syntax``, ``unknown-key``,
``bad-value``, ...) come from ``yamlread`` and ``positions``; the rules here need the
whole file, or the other files of the run.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from acd_calendar.bodies import PARENT_KINDS, Registry, aliases_of
from acd_calendar.combined import (
    NationalIndex,
    completed,
    completions_by_item,
    deadline_item,
    local_items,
    split_owners,
)
from acd_calendar.dates import (
    Precision,
    When,
    financial_year_bounds,
    financial_year_of,
    non_working_reason,
)
from acd_calendar.kinds import Kind
from acd_calendar.meetings import (
    check_rrule,
    clock_change,
    meeting_dates,
    meeting_items,
    rrule_text,
)
from acd_calendar.national import parse_occurrence_id
from acd_calendar.problems import Finding, Level
from acd_calendar.schedule import ItemKind
from acd_calendar.suggest import hint

if TYPE_CHECKING:
    from acd_calendar import schema
    from acd_calendar.local import Deadline, LocalPlan, Meeting
    from acd_calendar.national import Dataset, NationalBodies
    from acd_calendar.schedule import Item


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules need besides the file: national data, the as-of date, options."""

    dataset: Dataset
    national: NationalBodies
    as_of: date
    warn_overdue: bool = False


@dataclass
class Run:
    """What every local file of one run shares, worked out once for the run.

    Local files of one run are checked together: a body, deadline or meeting defined in
    one may be referred to from another. Each index is built once, so that checking N
    files costs N times one file.
    """

    context: Context
    plans: list[tuple[str, LocalPlan]]  # (path, plan) in the order given
    registry: Registry = field(init=False)
    index: NationalIndex = field(init=False)
    deadlines: dict[str, Deadline] = field(init=False)  # the first definition of each id
    deadline_plans: dict[str, LocalPlan] = field(init=False)  # the file of each of those
    defined_in: dict[str, list[int]] = field(init=False)  # file positions defining an id
    national_ids: set[str] = field(init=False)
    national_registry: Registry = field(init=False)  # the national bodies and aliases
    rule_ids: set[str] = field(init=False)  # national milestones, cycles and cadences
    completions: dict[str, dict[str, date]] = field(init=False)
    meeting_ids: dict[str, None] = field(init=False)  # every series id, in run order
    loops_through: dict[str, list[list[str]]] = field(init=False)  # deadline id -> loops

    def __post_init__(self) -> None:
        self.registry = Registry(self.context.national, [plan for _, plan in self.plans])
        self.index = NationalIndex(self.context.dataset)
        self.deadlines = {}
        self.deadline_plans = {}
        self.defined_in = {}
        for position, (_, plan) in enumerate(self.plans):
            for deadline in plan.deadlines:
                self.deadlines.setdefault(deadline.id, deadline)
                self.deadline_plans.setdefault(deadline.id, plan)
            ids = {b.id for b in plan.bodies} | {d.id for d in plan.deadlines}
            for entry_id in ids | {m.id for m in plan.meetings}:
                self.defined_in.setdefault(entry_id, []).append(position)
        national_bodies = Registry(self.context.national)
        self.national_registry = national_bodies
        self.rule_ids = {m.id for m in self.context.dataset.rules()}
        self.national_ids = set(self.rule_ids)
        self.national_ids |= set(national_bodies.bodies) | set(national_bodies.aliases)
        plans = [plan for _, plan in self.plans]
        self.completions = completions_by_item(plans, (), self.registry)
        self.meeting_ids = {m.id: None for plan in plans for m in plan.meetings}
        graph = {d.id: list(d.depends_on) for d in self.deadlines.values()}
        self.loops_through = {}
        for loop in dependency_loops(graph):
            for member in dict.fromkeys(loop):
                self.loops_through.setdefault(member, []).append(loop)


@dataclass(frozen=True, slots=True)
class LocalFile:
    """One local file, checked beside the other local files of the same run."""

    plan: LocalPlan
    position: int  # in the run
    run: Run

    @property
    def registry(self) -> Registry:
        return self.run.registry

    @property
    def context(self) -> Context:
        return self.run.context

    def deadline(self, deadline_id: str) -> Deadline | None:
        """A deadline by id: this file's own first, then those of the other files."""
        own = next((d for d in self.plan.deadlines if d.id == deadline_id), None)
        return own or self.run.deadlines.get(deadline_id)

    def defined_earlier(self, entry_id: str) -> str | None:
        """The path of the last file given before this one that defines ``entry_id``."""
        positions = self.run.defined_in.get(entry_id, [])
        before = bisect.bisect_left(positions, self.position)
        return self.run.plans[positions[before - 1]][0] if before else None


@dataclass(frozen=True, slots=True)
class Target:
    """The file a rule looks at: national milestones, national bodies or a local file."""

    milestones: schema.Dataset | None = None
    bodies: schema.NationalBodies | None = None
    local: LocalFile | None = None


Rule = Callable[[Target], Iterator[Finding]]
RULES: dict[str, Rule] = {}


def rule(rule_id: str) -> Callable[[Rule], Rule]:
    """Register a rule under its id, the code of its problems."""

    def register(function: Rule) -> Rule:
        assert rule_id not in RULES, rule_id
        assert function.__doc__, f"rule {rule_id} needs a docstring"
        RULES[rule_id] = function
        return function

    return register


def get(rule_id: str) -> Rule:
    """The rule with this id (``KeyError`` if none)."""
    return RULES[rule_id]


def findings(target: Target) -> Iterator[Finding]:
    """Every rule's findings for one file."""
    for check in RULES.values():
        yield from check(target)


def milestone_findings(dataset: schema.Dataset) -> list[Finding]:
    """The rules' findings for a national milestones file."""
    return list(findings(Target(milestones=dataset)))


def bodies_findings(bodies: schema.NationalBodies) -> list[Finding]:
    """The rules' findings for a national bodies file."""
    return list(findings(Target(bodies=bodies)))


# --- duplicate-id ------------------------------------------------------------------------

DUPLICATE_ID = "duplicate-id"


@rule(DUPLICATE_ID)
def duplicate_id(target: Target) -> Iterator[Finding]:
    """An id is defined once: in the national files; across the local files of a run;
    and a local id is unlike every national id."""
    if target.milestones is not None:
        yield from _duplicate_milestone_ids(target.milestones)
    if target.bodies is not None:
        yield from _duplicate_body_ids(target.bodies)
    if target.local is not None:
        yield from _duplicate_local_ids(target.local)


def _duplicate_milestone_ids(dataset: schema.Dataset) -> Iterator[Finding]:
    seen: dict[str, tuple[str | int, ...]] = {}
    for section, items in dataset.sections():
        for index, item in enumerate(items):
            loc: tuple[str | int, ...] = (section, index, "id")
            if item.id in seen:
                first = ":".join(str(p) for p in seen[item.id])
                yield Finding(loc, DUPLICATE_ID, f"id {item.id!r} is used twice (first at {first})")
            seen.setdefault(item.id, loc)
    for cycle in dataset.cycles:
        for index, milestone in enumerate(dataset.milestones):
            year = parse_occurrence_id(milestone.id, cycle.id)
            if year is not None and year >= cycle.first:
                yield Finding(
                    ("milestones", index, "id"),
                    DUPLICATE_ID,
                    f"id {milestone.id!r} is also the id of an occurrence of cycle {cycle.id!r}",
                )


def _duplicate_body_ids(bodies: schema.NationalBodies) -> Iterator[Finding]:
    seen: set[str] = set()
    for section, entries in bodies.sections():
        for index, body in enumerate(entries):
            for name in [body.id, *aliases_of(body.id, body.welsh_name, body.aliases)]:
                if name in seen:
                    yield Finding(
                        (section, index, "id"), DUPLICATE_ID, f"id {name!r} is used twice"
                    )
                seen.add(name)
    authorities = {a.id for a in bodies.local_authorities}
    covered: dict[str, str] = {}
    for index, rpb in enumerate(bodies.regional_partnership_boards):
        for la_index, la in enumerate(rpb.local_authorities):
            loc = ("regional_partnership_boards", index, "local_authorities", la_index)
            if la in authorities and la in covered:
                yield Finding(loc, DUPLICATE_ID, f"{la!r} is already covered by {covered[la]!r}")
            covered[la] = rpb.id


def _duplicate_local_ids(local: LocalFile) -> Iterator[Finding]:
    national_bodies = local.run.national_registry
    rules = local.run.rule_ids
    seen: dict[str, str] = {}
    for section in ("bodies", "deadlines", "meetings"):
        for index, entry in enumerate(getattr(local.plan, section)):
            loc = (section, index, "id")
            if (elsewhere := local.defined_earlier(entry.id)) is not None:
                yield Finding(loc, DUPLICATE_ID, f"id {entry.id!r} is also defined in {elsewhere}")
            elif entry.id in seen:
                yield Finding(
                    loc, DUPLICATE_ID, f"id {entry.id!r} is already used in {seen[entry.id]}"
                )
            elif entry.id in rules:
                yield Finding(
                    loc, DUPLICATE_ID, f"id {entry.id!r} is the id of a national milestone"
                )
            elif entry.id in national_bodies.bodies:
                other = national_bodies.bodies[entry.id]
                yield Finding(
                    loc,
                    DUPLICATE_ID,
                    f"id {entry.id!r} is the id of a national body: {other.label}",
                )
            elif entry.id in national_bodies.aliases:
                other = national_bodies.bodies[national_bodies.aliases[entry.id]]
                yield Finding(
                    loc,
                    DUPLICATE_ID,
                    f"id {entry.id!r} is an alias of {other.id!r} ({other.label}, from its "
                    "Welsh name or data/bodies.yaml): choose another id",
                )
            seen.setdefault(entry.id, section)


# --- unknown-document ----------------------------------------------------------------------

UNKNOWN_DOCUMENT = "unknown-document"


@rule(UNKNOWN_DOCUMENT)
def unknown_document(target: Target) -> Iterator[Finding]:
    """Every national milestone, cycle and cadence, and every recorded national
    completion, cites a document listed under ``documents``."""
    dataset = target.milestones
    if dataset is None:
        return
    for section, items in dataset.sections():
        for index, item in enumerate(items):
            sources: list[tuple[tuple[str, ...], schema.Source]]
            sources = [(("source", "document"), item.source)]
            completed = getattr(item, "completed", None)
            if completed is not None:
                sources.append((("completed", "source", "document"), completed.source))
            for where, source in sources:
                if source.document not in dataset.documents:
                    yield Finding(
                        (section, index, *where),
                        UNKNOWN_DOCUMENT,
                        f"no document {source.document!r} under 'documents'",
                    )


# --- unknown-reference ---------------------------------------------------------------------

UNKNOWN_REFERENCE = "unknown-reference"


@rule(UNKNOWN_REFERENCE)
def unknown_reference(target: Target) -> Iterator[Finding]:
    """Every id a file refers to exists: dependencies, parents, owners, the milestone a
    deadline feeds, a meeting's body and cadence, a completion's item and body."""
    if target.milestones is not None:
        yield from _unknown_national_dependencies(target.milestones)
    if target.bodies is not None:
        yield from _unknown_national_bodies(target.bodies)
    if target.local is not None:
        local = target.local
        yield from _unknown_parents(local)
        yield from _unknown_in_deadlines(local)
        yield from _unknown_in_meetings(local)
        yield from _unknown_in_completions(local)


def _unknown_national_dependencies(dataset: schema.Dataset) -> Iterator[Finding]:
    milestone_ids = {m.id for m in dataset.milestones}
    cycle_ids = {c.id for c in dataset.cycles}
    sections: list[tuple[str, list[schema.Milestone] | list[schema.Cycle], set[str], str]] = [
        ("milestones", dataset.milestones, milestone_ids, "milestone"),
        ("cycles", dataset.cycles, milestone_ids | cycle_ids, "milestone or cycle"),
    ]
    for section, dated, allowed, what in sections:
        for index, item in enumerate(dated):
            for dep_index, dep in enumerate(item.depends_on):
                if dep not in allowed:
                    yield Finding(
                        (section, index, "depends_on", dep_index),
                        UNKNOWN_REFERENCE,
                        f"depends on {dep!r}, which is not a {what}",
                    )


def _unknown_national_bodies(bodies: schema.NationalBodies) -> Iterator[Finding]:
    boards = {b.id for b in bodies.health_boards}
    authorities = {a.id for a in bodies.local_authorities}
    for section, entries in bodies.sections():
        for index, body in enumerate(entries):
            board = getattr(body, "health_board", None)
            if board is not None and board not in boards:
                yield Finding(
                    (section, index, "health_board"),
                    UNKNOWN_REFERENCE,
                    f"no health board {board!r}",
                )
    for index, rpb in enumerate(bodies.regional_partnership_boards):
        for la_index, la in enumerate(rpb.local_authorities):
            if la not in authorities:
                yield Finding(
                    ("regional_partnership_boards", index, "local_authorities", la_index),
                    UNKNOWN_REFERENCE,
                    f"no local authority {la!r}",
                )


def _health_board(local: LocalFile) -> str | None:
    """The file's health board if it names a known one."""
    board = local.plan.health_board
    found = local.registry.get(board) if board is not None else None
    return board if found is not None and found.kind is Kind.HEALTH_BOARD else None


def _unknown_parents(local: LocalFile) -> Iterator[Finding]:
    board = local.plan.health_board
    if board is not None and _health_board(local) is None:
        boards = [b.id for b in local.context.national.health_boards]
        yield Finding(
            ("health_board",),
            UNKNOWN_REFERENCE,
            f"no health board {board!r}" + hint(board, boards),
        )
    for index, body in enumerate(local.plan.bodies):
        if local.registry.get(body.parent) is None:
            yield Finding(
                ("bodies", index, "parent"),
                UNKNOWN_REFERENCE,
                f"no body {body.parent!r} to be the parent of {body.id!r}"
                + hint(body.parent, local.registry.bodies),
            )


def _unknown_in_deadlines(local: LocalFile) -> Iterator[Finding]:
    dataset = local.context.dataset
    for index, deadline in enumerate(local.plan.deadlines):
        for field_name in ("owners", "involved"):
            names = getattr(deadline, field_name)
            for name in split_owners(names)[1]:
                if name not in local.registry:
                    yield Finding(
                        ("deadlines", index, field_name, names.index(name)),
                        UNKNOWN_REFERENCE,
                        f"{name!r} is neither a kind of body nor a body in this file "
                        "or data/bodies.yaml"
                        + hint(name, [*local.registry.bodies, *(k.value for k in Kind)]),
                    )
        if deadline.feeds and local.run.index.feed(deadline.feeds, deadline.when.last) is None:
            known = dataset.milestone(deadline.feeds) or dataset.cycle(deadline.feeds)
            yield Finding(
                ("deadlines", index, "feeds"),
                UNKNOWN_REFERENCE,
                f"{deadline.feeds!r} has no occurrence in the financial year of "
                f"{deadline.when.last}"
                if known
                else f"feeds {deadline.feeds!r}, which is not a national milestone or cycle"
                + hint(deadline.feeds, [r.id for r in dataset.rules()]),
            )
        for dep_index, dep in enumerate(deadline.depends_on):
            if local.deadline(dep) is None:
                yield Finding(
                    ("deadlines", index, "depends_on", dep_index),
                    UNKNOWN_REFERENCE,
                    f"depends on {dep!r}, which is not a deadline in the files checked"
                    + hint(dep, local.run.deadlines),
                )


def _unknown_in_meetings(local: LocalFile) -> Iterator[Finding]:
    for index, meeting in enumerate(local.plan.meetings):
        if meeting.body not in local.registry:
            yield Finding(
                ("meetings", index, "body"),
                UNKNOWN_REFERENCE,
                f"no body {meeting.body!r}" + hint(meeting.body, local.registry.bodies),
            )
        if meeting.cadence and local.context.dataset.cadence(meeting.cadence) is None:
            yield Finding(
                ("meetings", index, "cadence"),
                UNKNOWN_REFERENCE,
                f"no cadence {meeting.cadence!r} in the national data"
                + hint(meeting.cadence, [c.id for c in local.context.dataset.cadences]),
            )


def _unknown_in_completions(local: LocalFile) -> Iterator[Finding]:
    for index, completion in enumerate(local.plan.completions):
        if local.registry.get(completion.body) is None:
            yield Finding(
                ("completions", index, "body"),
                UNKNOWN_REFERENCE,
                f"no body {completion.body!r}" + hint(completion.body, local.registry.bodies),
            )
        if completion_target(local, completion.item, completion.date.first) is None:
            yield Finding(
                ("completions", index, "item"),
                UNKNOWN_REFERENCE,
                f"no milestone, deadline or meeting {completion.item!r}"
                + hint(completion.item, _known_items(local, completion.date.first)),
            )


def _known_items(local: LocalFile, day: date) -> list[str]:
    """Ids a completion dated ``day`` could name: for suggestions."""
    from acd_calendar.combined import combined_items

    near = combined_items(
        local.context.dataset,
        [plan for _, plan in local.run.plans],
        local.registry,
        day - timedelta(days=800),
        day + timedelta(days=800),
    )
    return [item.id for item in near]


def _rule_problem(local: LocalFile, meeting: Meeting) -> str | None:
    """Why a series' rule (written, or made from its fields) cannot be expanded."""
    cadence = local.context.dataset.cadence(meeting.cadence) if meeting.cadence else None
    return check_rrule(rrule_text(meeting, cadence), meeting.start.first)


def _planning_end(as_of: date) -> date:
    return financial_year_bounds(financial_year_of(as_of) + 1)[1]


# --- local files: meeting series -----------------------------------------------------------

NO_MEETINGS = "no-meetings"
CLOCK_CHANGE = "clock-change"


@rule(NO_MEETINGS)
def no_meetings(target: Target) -> Iterator[Finding]:
    """A warning: a series whose rule gives no meeting from its start to the end of next
    planning year (it may be meant for later)."""
    local = target.local
    if local is None:
        return
    last = _planning_end(local.context.as_of)
    for index, meeting in enumerate(local.plan.meetings):
        if _rule_problem(local, meeting) or meeting.start.first > last:
            continue
        cadence = local.context.dataset.cadence(meeting.cadence) if meeting.cadence else None
        if next(meeting_dates(meeting, cadence, meeting.start.first, last), None) is None:
            yield Finding(
                ("meetings", index, "rrule" if meeting.rrule else "start"),
                NO_MEETINGS,
                f"the series gives no meeting from {meeting.start.first} to {last}",
                Level.WARNING,
            )


@rule(CLOCK_CHANGE)
def clock_change_time(target: Target) -> Iterator[Finding]:
    """A warning: a meeting time that does not exist, or happens twice, on a
    clock-change day."""
    local = target.local
    if local is None:
        return
    as_of = local.context.as_of
    first, last = financial_year_bounds(financial_year_of(as_of))[0], _planning_end(as_of)
    for index, meeting in enumerate(local.plan.meetings):
        if meeting.time is None or _rule_problem(local, meeting):
            continue
        cadence = local.context.dataset.cadence(meeting.cadence) if meeting.cadence else None
        for day in meeting_dates(meeting, cadence, first, last):
            if why := clock_change(day, meeting.time):
                yield Finding(("meetings", index, "time"), CLOCK_CHANGE, why, Level.WARNING)


# --- local files: ids, windows and completion dates ----------------------------------------

GENERATED_ID = "generated-id"
LONG_WINDOW = "long-window"
EARLY_COMPLETION = "early-completion"
LATE_COMPLETION = "late-completion"
_MEETING_ID = re.compile(r"(.+)-[0-9]{4}-[0-9]{2}-[0-9]{2}(?:-agenda|-papers|-minutes)?")


@rule(GENERATED_ID)
def generated_id(target: Target) -> Iterator[Finding]:
    """An id equal to one the tool makes (a cycle occurrence, a meeting or its task)
    would merge two items and their completions."""
    local = target.local
    if local is None:
        return
    cycles = local.context.dataset.cycles
    for section in ("bodies", "deadlines", "meetings"):
        for index, entry in enumerate(getattr(local.plan, section)):
            for cycle in cycles:
                if parse_occurrence_id(entry.id, cycle.id) is not None:
                    yield Finding(
                        (section, index, "id"),
                        GENERATED_ID,
                        f"{entry.id!r} is the id of an occurrence of national cycle {cycle.id!r}",
                    )
            for meeting in _meetings_named_in(entry.id, local.run.meeting_ids):
                yield Finding(
                    (section, index, "id"),
                    GENERATED_ID,
                    f"{entry.id!r} is the id of a meeting of series {meeting!r} or of its task",
                )


def _meetings_named_in(entry_id: str, meeting_ids: Mapping[str, None]) -> list[str]:
    """The series of the run whose meeting or task id ``entry_id`` is (one at most)."""
    match = _MEETING_ID.fullmatch(entry_id)
    return [match[1]] if match and match[1] in meeting_ids else []


@rule(LONG_WINDOW)
def long_window(target: Target) -> Iterator[Finding]:
    """A warning: a window longer than two years is likely a typo in a year."""
    if target.local is None:
        return
    for index, deadline in enumerate(target.local.plan.deadlines):
        when = deadline.when
        if (when.last - when.first).days > 731:
            yield Finding(
                ("deadlines", index, deadline.date_key),
                LONG_WINDOW,
                f"{when.text!r} runs {when.first} to {when.last}, more than two years",
                Level.WARNING,
            )


def _completion_targets(local: LocalFile) -> Iterator[tuple[int, date, Item]]:
    for index, completion in enumerate(local.plan.completions):
        item = completion_target(local, completion.item, completion.date.first)
        if item is not None:
            yield index, completion.date.first, item


@rule(EARLY_COMPLETION)
def early_completion(target: Target) -> Iterator[Finding]:
    """A warning: a completion dated before the item's window opens (or before its
    meeting)."""
    if target.local is None:
        return
    for index, day, item in _completion_targets(target.local):
        if not item.is_deadline and day < item.when.first:
            yield Finding(
                ("completions", index, "date"),
                EARLY_COMPLETION,
                f"completed on {day}, before {item.id!r} opens ({item.when_label})",
                Level.WARNING,
            )


@rule(LATE_COMPLETION)
def late_completion(target: Target) -> Iterator[Finding]:
    """A warning: a completion more than a year after the item's deadline (a likely
    typo)."""
    if target.local is None:
        return
    for index, day, item in _completion_targets(target.local):
        if day > item.end + timedelta(days=365):
            yield Finding(
                ("completions", index, "date"),
                LATE_COMPLETION,
                f"completed on {day}, more than a year after {item.id!r} ({item.when_label})",
                Level.WARNING,
            )


def completion_target(local: LocalFile, item_id: str, day: date) -> Item | None:
    """The item a completion names: a deadline, a meeting or task, or a national item."""
    if (deadline := local.deadline(item_id)) is not None:
        own = any(d is deadline for d in local.plan.deadlines)
        plan = local.plan if own else local.run.deadline_plans[item_id]
        return deadline_item(deadline, local.run.index, local.registry, plan)
    for _, plan in local.run.plans:
        for meeting in plan.meetings:
            if not item_id.startswith(f"{meeting.id}-") or meeting.body not in local.registry:
                continue
            if _rule_problem(local, meeting):
                continue
            kind = local.registry.get(meeting.body).kind  # type: ignore[union-attr]
            around = meeting_items(
                meeting,
                kind,
                local.context.dataset,
                day - timedelta(days=400),
                day + timedelta(days=400),
            )
            if match := next((i for i in around if i.id == item_id), None):
                return match
    return local.run.index.find(item_id)


# --- dependency-cycle ----------------------------------------------------------------------

DEPENDENCY_CYCLE = "dependency-cycle"


@rule(DEPENDENCY_CYCLE)
def dependency_cycle(target: Target) -> Iterator[Finding]:
    """No item depends on itself, directly or through others (national milestones,
    national cycles, and the deadlines of local files, across the files of a run)."""
    if target.milestones is not None:
        yield from _loops("milestones", target.milestones.milestones)
        yield from _loops("cycles", target.milestones.cycles)
    if target.local is not None:
        yield from _local_loops(target.local)


def _local_loops(local: LocalFile) -> Iterator[Finding]:
    """Loops through this file's deadlines, through any file of the run: each once, at
    this file's first deadline in it (in file order), the path starting there."""
    index_of: dict[str, int] = {}
    for index, deadline in enumerate(local.plan.deadlines):
        index_of.setdefault(deadline.id, index)
    seen: set[frozenset[str]] = set()
    for start in index_of:
        for loop in local.run.loops_through.get(start, []):
            members = loop[:-1]
            if (key := frozenset(members)) in seen:
                continue
            seen.add(key)
            first = min((m for m in members if m in index_of), key=index_of.__getitem__)
            at = members.index(first)
            path = members[at:] + members[:at]
            yield Finding(
                ("deadlines", index_of[first], "depends_on"),
                DEPENDENCY_CYCLE,
                "dependency loop: " + " -> ".join([*path, first]),
            )


class _Dependent(Protocol):
    """What the loop search needs of an item, national or local."""

    @property
    def id(self) -> str: ...

    @property
    def depends_on(self) -> Sequence[str]: ...


def _loops(section: str, items: Sequence[_Dependent]) -> Iterator[Finding]:
    """One finding for each dependency loop, at its first item in file order."""
    graph = {item.id: list(item.depends_on) for item in items}
    index_of: dict[str, int] = {}
    for index, item in enumerate(items):
        index_of.setdefault(item.id, index)
    for loop in dependency_loops(graph):
        yield Finding(
            (section, index_of[loop[0]], "depends_on"),
            DEPENDENCY_CYCLE,
            "dependency loop: " + " -> ".join(loop),
        )


def dependency_loops(graph: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Each loop of a dependency graph once, as a path that ends where it starts.

    The path starts at the loop's first item in the graph's order. A depth-first search
    without recursion: linear in the size of the graph, and no depth limit.
    """
    order = {node: i for i, node in enumerate(graph)}
    state: dict[str, int] = {}  # 1 while on the path, 2 when done
    seen: set[frozenset[str]] = set()
    loops: list[list[str]] = []
    for root in graph:
        if root in state:
            continue
        path = [root]
        state[root] = 1
        stack = [iter(graph[root])]
        while stack:
            dep = next(stack[-1], None)
            if dep is None:
                state[path.pop()] = 2
                stack.pop()
            elif dep in graph and state.get(dep) == 1:
                members = path[path.index(dep) :]
                if (key := frozenset(members)) not in seen:
                    seen.add(key)
                    first = min(range(len(members)), key=lambda i: order[members[i]])
                    rotated = members[first:] + members[:first]
                    loops.append([*rotated, rotated[0]])
            elif dep in graph and dep not in state:
                state[dep] = 1
                path.append(dep)
                stack.append(iter(graph[dep]))
    return loops


# --- local files: parents ------------------------------------------------------------------

BAD_PARENT = "bad-parent"
OTHER_HEALTH_BOARD = "other-health-board"


@rule(BAD_PARENT)
def bad_parent(target: Target) -> Iterator[Finding]:
    """A cluster's parent is a PCPG, a PC's a cluster, a PCPG's a health board or a local
    authority."""
    if target.local is None:
        return
    for index, body in enumerate(target.local.plan.bodies):
        parent = target.local.registry.get(body.parent)
        allowed = PARENT_KINDS[body.kind]
        if parent is not None and parent.kind not in allowed:
            wanted = " or ".join(k.value for k in allowed)
            yield Finding(
                ("bodies", index, "parent"),
                BAD_PARENT,
                f"a {body.kind.value}'s parent is a {wanted}, "
                f"not a {parent.kind.value} ({parent.id})",
            )


@rule(OTHER_HEALTH_BOARD)
def other_health_board(target: Target) -> Iterator[Finding]:
    """A warning: a body's parent belongs to a health board other than the file's."""
    local = target.local
    if local is None or (board := _health_board(local)) is None:
        return
    registry = local.registry
    for index, body in enumerate(local.plan.bodies):
        parent = registry.get(body.parent)
        if parent is None or parent.kind not in PARENT_KINDS[body.kind]:
            continue
        if not registry.is_local(body.id):  # a national id or alias: a duplicate-id error
            continue
        if (owner := registry.health_board_of(body.id)) not in (None, board):
            yield Finding(
                ("bodies", index, "parent"),
                OTHER_HEALTH_BOARD,
                f"{body.parent!r} belongs to {owner!r}, not {board!r}",
                Level.WARNING,
            )


# --- local files: deadlines ----------------------------------------------------------------

FEEDS_LATE = "feeds-late"
DEPENDS_ORDER = "depends-order"


@rule(FEEDS_LATE)
def feeds_late(target: Target) -> Iterator[Finding]:
    """An internal deadline ends no later than the national milestone it feeds."""
    if target.local is None:
        return
    for index, deadline in enumerate(target.local.plan.deadlines):
        if not deadline.feeds:
            continue
        fed = target.local.run.index.feed(deadline.feeds, deadline.when.last)
        if fed is not None and deadline.when.last > fed.end:
            yield Finding(
                ("deadlines", index, deadline.date_key),
                FEEDS_LATE,
                f"{deadline.id!r} ends {deadline.when.last}, after "
                f"{fed.id!r} which it feeds ({fed.when_label})",
            )


@rule(DEPENDS_ORDER)
def depends_order(target: Target) -> Iterator[Finding]:
    """A deadline ends no earlier than the deadlines it depends on."""
    if target.local is None:
        return
    for index, deadline in enumerate(target.local.plan.deadlines):
        for dep_index, dep in enumerate(deadline.depends_on):
            other = target.local.deadline(dep)
            if other is not None and deadline.when.last < other.when.last:
                yield Finding(
                    ("deadlines", index, "depends_on", dep_index),
                    DEPENDS_ORDER,
                    f"{deadline.id!r} ends {deadline.when.last}, "
                    f"before {dep!r} ({other.when.last}) which it depends on",
                )


# --- local files: meetings -----------------------------------------------------------------

BAD_RRULE = "bad-rrule"
BAD_DATE = "bad-date"


@rule(BAD_RRULE)
def bad_rrule(target: Target) -> Iterator[Finding]:
    """A meeting series' rule (its RRULE, or the one made from its fields) can be used:
    valid RFC 5545, bounded, daily at the most often; no 'until' or 'count' beside an
    RRULE."""
    if target.local is None:
        return
    for index, meeting in enumerate(target.local.plan.meetings):
        if meeting.rrule and (meeting.until or meeting.count):
            key = "until" if meeting.until else "count"
            yield Finding(
                ("meetings", index, key),
                BAD_RRULE,
                f"'{key}' is not used with 'rrule': write {key.upper()} inside the rule",
            )
        elif why := _rule_problem(target.local, meeting):
            key = "rrule" if meeting.rrule else "count" if meeting.count else "id"
            yield Finding(("meetings", index, key), BAD_RRULE, why)


@rule(BAD_DATE)
def bad_date(target: Target) -> Iterator[Finding]:
    """Dates are real and in order: a meeting series ends no earlier than it starts.

    (A date that is not a real date is reported with this code as the file is read.)
    """
    if target.local is None:
        return
    for index, meeting in enumerate(target.local.plan.meetings):
        if meeting.until is not None and meeting.until.first < meeting.start.first:
            yield Finding(("meetings", index, "until"), BAD_DATE, "'until' is before 'start'")


# --- local files: completions --------------------------------------------------------------

NOT_APPLICABLE = "not-applicable"
FUTURE_COMPLETION = "future-completion"


@rule(NOT_APPLICABLE)
def not_applicable(target: Target) -> Iterator[Finding]:
    """A completion's item concerns the body that completed it."""
    if target.local is None:
        return
    local = target.local
    for index, completion in enumerate(local.plan.completions):
        body = local.registry.get(completion.body)
        if body is None:
            continue
        item = completion_target(local, completion.item, completion.date.first)
        if item is not None and item.role_of(body.kind, body.id) is None:
            yield Finding(
                ("completions", index, "body"),
                NOT_APPLICABLE,
                f"{completion.item!r} does not apply to {body.id!r} ({body.kind.value})",
            )


@rule(FUTURE_COMPLETION)
def future_completion(target: Target) -> Iterator[Finding]:
    """A warning: a completion dated after the as-of date."""
    if target.local is None:
        return
    as_of = target.local.context.as_of
    for index, completion in enumerate(target.local.plan.completions):
        if completion.date.first > as_of:
            yield Finding(
                ("completions", index, "date"),
                FUTURE_COMPLETION,
                f"completed on {completion.date.first}, after {as_of}",
                Level.WARNING,
            )


# --- local files: working days and overdue -------------------------------------------------

NON_WORKING_DAY = "non-working-day"
OVERDUE = "overdue"


def _written_days(when: When) -> list[date]:
    days = []
    if when.start.precision is Precision.DAY:
        days.append(when.first)
    if when.end.precision is Precision.DAY and when.last not in days:
        days.append(when.last)
    return days


@rule(NON_WORKING_DAY)
def non_working_day(target: Target) -> Iterator[Finding]:
    """A warning: a date written explicitly on a weekend or bank holiday (it is kept)."""
    if target.local is None:
        return
    for index, deadline in enumerate(target.local.plan.deadlines):
        for day in _written_days(deadline.when):
            if reason := non_working_reason(day):
                yield Finding(
                    ("deadlines", index, deadline.date_key),
                    NON_WORKING_DAY,
                    f"{day} is {reason}",
                    Level.WARNING,
                )
    for index, meeting in enumerate(target.local.plan.meetings):
        if reason := non_working_reason(meeting.start.first):
            yield Finding(
                ("meetings", index, "start"),
                NON_WORKING_DAY,
                f"{meeting.start.first} is {reason}",
                Level.WARNING,
            )


@rule(OVERDUE)
def overdue(target: Target) -> Iterator[Finding]:
    """A warning, with --warn-overdue only: a deadline past its last day that an owning
    body has not completed (and that was not dropped), naming those bodies; and the
    tasks of a tracked meeting series (``track: true``) past their day and not
    completed."""
    local = target.local
    if local is None or not local.context.warn_overdue:
        return
    as_of = local.context.as_of
    registry = local.registry
    plans = [plan for _, plan in local.run.plans]
    items = [deadline_item(d, local.run.index, registry, local.plan) for d in local.plan.deadlines]
    by_item = local.run.completions  # deadlines prepare no meeting: nothing to add
    for index, item in enumerate(items):
        if item.end >= as_of or (item.dropped_on is not None and item.dropped_on <= as_of):
            continue
        days = {b for b, d in by_item.get(item.id, {}).items() if d <= as_of}
        if item.bodies:
            missing = [b for b in item.bodies if b not in days]
            if missing:
                yield Finding(
                    ("deadlines", index, "id"),
                    OVERDUE,
                    f"{item.id!r} was due {item.when_label}; not completed by "
                    f"{', '.join(missing)} ({len(missing)} of {len(item.bodies)})",
                    Level.WARNING,
                )
        elif not days & set(item.owner_bodies) and not any(
            (body := registry.get(b)) and body.kind in item.owners for b in days
        ):  # no named owning bodies: a completion by an owner of an owning kind counts
            yield Finding(
                ("deadlines", index, "id"),
                OVERDUE,
                f"{item.id!r} was due {item.when_label} and no completion is recorded",
                Level.WARNING,
            )
    yield from _overdue_tasks(local, plans)


def _overdue_tasks(local: LocalFile, plans: list[LocalPlan]) -> Iterator[Finding]:
    """The tasks of tracked meeting series that are past their day and not completed,
    one finding a series (over the last meetings ``local_items`` keeps)."""
    as_of = local.context.as_of
    dataset, registry = local.context.dataset, local.registry
    for index, meeting in enumerate(local.plan.meetings):
        if not meeting.track or meeting.body not in registry:
            continue
        if _rule_problem(local, meeting):
            continue
        alone = replace(local.plan, deadlines=(), meetings=(meeting,))
        tasks = [
            i
            for i in local_items(
                [alone], dataset, registry, as_of - timedelta(days=90), as_of, meeting.start.first
            )
            if i.kind is ItemKind.MEETING_TASK and i.end < as_of
        ]
        done = completed(plans, meeting.body, tasks, as_of, registry)
        late = [t.id for t in tasks if t.id not in done]
        if late:
            shown = ", ".join(late[:3]) + (f" and {len(late) - 3} more" if len(late) > 3 else "")
            yield Finding(
                ("meetings", index, "id"),
                OVERDUE,
                f"{meeting.id!r} is tracked: {len(late)} task{'s' if len(late) != 1 else ''} "
                f"past and not completed by {meeting.body}: {shown}",
                Level.WARNING,
            )


FUTURE_DROP = "future-drop"


@rule(FUTURE_DROP)
def future_drop(target: Target) -> Iterator[Finding]:
    """A warning: a deadline recorded as dropped on a day after the as-of date (it stays
    a deadline until then)."""
    if target.local is None:
        return
    as_of = target.local.context.as_of
    for index, deadline in enumerate(target.local.plan.deadlines):
        dropped = deadline.dropped
        if dropped is not None and dropped.date.first > as_of:
            yield Finding(
                ("deadlines", index, "dropped", "date"),
                FUTURE_DROP,
                f"{deadline.id!r} is recorded as dropped on {dropped.date.first}, after {as_of}",
                Level.WARNING,
            )
