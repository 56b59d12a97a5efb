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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple, Protocol

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
from acd_calendar.i18n import N_, TERMS
from acd_calendar.kinds import Kind
from acd_calendar.meetings import (
    CLOCK_BACK,
    CLOCK_FORWARD,
    ClockShift,
    check_rrule,
    clock_shift,
    meeting_dates,
    meeting_items,
    rrule_text,
)
from acd_calendar.national import parse_occurrence_id
from acd_calendar.problems import Finding, Level, Span, Words
from acd_calendar.schedule import ItemKind
from acd_calendar.suggest import nearest

if TYPE_CHECKING:
    from acd_calendar import schema
    from acd_calendar.bodies import Body
    from acd_calendar.local import Deadline, LocalPlan, Meeting
    from acd_calendar.national import Dataset, NationalBodies
    from acd_calendar.schedule import Item


class Context(NamedTuple):
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


class LocalFile(NamedTuple):
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


class Target(NamedTuple):
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


# --- the words of findings: sayable in Welsh (see ``problems.Words``) -----------------------

W = Words.of


def _hint(word: str, known: Iterable[str]) -> Words | str:
    """``"; did you mean 'x'?"`` or nothing (``suggest.hint`` in words)."""
    found = nearest(word, known)
    return W(N_("; did you mean {id}?"), id=repr(found)) if found else ""


def _term(value: str) -> Words:
    """A kind's value ("pc"), as it is in English; its word in other languages."""
    return Words(TERMS[value], as_english=value)


def _body_label(body: Body) -> Words:
    """``Hywel Dda University Health Board (health-board)``; the Welsh name in Welsh."""
    name = Words(body.name, as_english=body.name, as_welsh=body.welsh_name or body.name)
    return W(N_("{name} ({kind})"), name=name, kind=_term(body.kind.value))


def _span(item: Item) -> Span:
    return Span(item.when, item.is_deadline)


WEEKEND = (N_("{day} is a Saturday"), N_("{day} is a Sunday"))
# The UK bank holidays of the ``holidays`` package by name, for their Welsh names.
BANK_HOLIDAYS = (
    N_("New Year's Day"),
    N_("Good Friday"),
    N_("Easter Monday"),
    N_("May Day"),
    N_("Spring Bank Holiday"),
    N_("Late Summer Bank Holiday"),
    N_("Christmas Day"),
    N_("Boxing Day"),
    N_("{name} (observed)"),
    N_("Coronation of Charles III"),
    N_("Platinum Jubilee of Elizabeth II"),
    N_("State Funeral of Queen Elizabeth II"),
)


def _non_working(day: date) -> Words | None:
    """``non_working_reason`` in words: "2026-12-25 is a bank holiday (Christmas Day)"."""
    reason = non_working_reason(day)
    if reason is None:
        return None
    if day.weekday() >= 5:
        return W(WEEKEND[day.weekday() - 5], day=str(day))
    name = reason.removeprefix("a bank holiday (").removesuffix(")")
    holiday: Words = Words(name)
    if (plain := name.removesuffix(" (observed)")) != name:
        holiday = W(N_("{name} (observed)"), name=Words(plain))
    return W(N_("{day} is a bank holiday ({name})"), day=str(day), name=holiday)


def _clock_words(day: date, time: str, shift: ClockShift) -> Words:
    form = CLOCK_FORWARD if shift.forward else CLOCK_BACK
    return W(form, day=day, time=time, shown=shift.shown)


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
                yield Finding.say(
                    loc,
                    DUPLICATE_ID,
                    W(
                        N_("id {id} is used twice (first at {first})"),
                        id=repr(item.id),
                        first=first,
                    ),
                )
            seen.setdefault(item.id, loc)
    for cycle in dataset.cycles:
        for index, milestone in enumerate(dataset.milestones):
            year = parse_occurrence_id(milestone.id, cycle.id)
            if year is not None and year >= cycle.first:
                yield Finding.say(
                    ("milestones", index, "id"),
                    DUPLICATE_ID,
                    W(
                        N_("id {id} is also the id of an occurrence of cycle {cycle}"),
                        id=repr(milestone.id),
                        cycle=repr(cycle.id),
                    ),
                )


def _duplicate_body_ids(bodies: schema.NationalBodies) -> Iterator[Finding]:
    seen: set[str] = set()
    for section, entries in bodies.sections():
        for index, body in enumerate(entries):
            for name in [body.id, *aliases_of(body.id, body.welsh_name, body.aliases)]:
                if name in seen:
                    yield Finding.say(
                        (section, index, "id"),
                        DUPLICATE_ID,
                        W(N_("id {id} is used twice"), id=repr(name)),
                    )
                seen.add(name)
    authorities = {a.id for a in bodies.local_authorities}
    covered: dict[str, str] = {}
    for index, rpb in enumerate(bodies.regional_partnership_boards):
        for la_index, la in enumerate(rpb.local_authorities):
            loc = ("regional_partnership_boards", index, "local_authorities", la_index)
            if la in authorities and la in covered:
                yield Finding.say(
                    loc,
                    DUPLICATE_ID,
                    W(
                        N_("{id} is already covered by {other}"),
                        id=repr(la),
                        other=repr(covered[la]),
                    ),
                )
            covered[la] = rpb.id


def _duplicate_local_ids(local: LocalFile) -> Iterator[Finding]:
    national_bodies = local.run.national_registry
    rules = local.run.rule_ids
    seen: dict[str, str] = {}
    for section in ("bodies", "deadlines", "meetings"):
        for index, entry in enumerate(getattr(local.plan, section)):
            loc = (section, index, "id")
            if (elsewhere := local.defined_earlier(entry.id)) is not None:
                said = W(N_("id {id} is also defined in {path}"), id=repr(entry.id), path=elsewhere)
                yield Finding.say(loc, DUPLICATE_ID, said)
            elif entry.id in seen:
                said = W(
                    N_("id {id} is already used in {section}"),
                    id=repr(entry.id),
                    section=seen[entry.id],
                )
                yield Finding.say(loc, DUPLICATE_ID, said)
            elif entry.id in rules:
                said = W(N_("id {id} is the id of a national milestone"), id=repr(entry.id))
                yield Finding.say(loc, DUPLICATE_ID, said)
            elif entry.id in national_bodies.bodies:
                other = national_bodies.bodies[entry.id]
                said = W(
                    N_("id {id} is the id of a national body: {body}"),
                    id=repr(entry.id),
                    body=_body_label(other),
                )
                yield Finding.say(loc, DUPLICATE_ID, said)
            elif entry.id in national_bodies.aliases:
                other = national_bodies.bodies[national_bodies.aliases[entry.id]]
                said = W(
                    N_(
                        "id {id} is an alias of {other} ({body}, from its Welsh name or "
                        "data/bodies.yaml): choose another id"
                    ),
                    id=repr(entry.id),
                    other=repr(other.id),
                    body=_body_label(other),
                )
                yield Finding.say(loc, DUPLICATE_ID, said)
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
                    yield Finding.say(
                        (section, index, *where),
                        UNKNOWN_DOCUMENT,
                        W(N_("no document {id} under 'documents'"), id=repr(source.document)),
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
        (
            "milestones",
            dataset.milestones,
            milestone_ids,
            N_("depends on {id}, which is not a milestone"),
        ),
        (
            "cycles",
            dataset.cycles,
            milestone_ids | cycle_ids,
            N_("depends on {id}, which is not a milestone or cycle"),
        ),
    ]
    for section, dated, allowed, what in sections:
        for index, item in enumerate(dated):
            for dep_index, dep in enumerate(item.depends_on):
                if dep not in allowed:
                    yield Finding.say(
                        (section, index, "depends_on", dep_index),
                        UNKNOWN_REFERENCE,
                        W(what, id=repr(dep)),
                    )


def _unknown_national_bodies(bodies: schema.NationalBodies) -> Iterator[Finding]:
    boards = {b.id for b in bodies.health_boards}
    authorities = {a.id for a in bodies.local_authorities}
    for section, entries in bodies.sections():
        for index, body in enumerate(entries):
            board = getattr(body, "health_board", None)
            if board is not None and board not in boards:
                yield Finding.say(
                    (section, index, "health_board"),
                    UNKNOWN_REFERENCE,
                    W(N_("no health board {id}{hint}"), id=repr(board), hint=""),
                )
    for index, rpb in enumerate(bodies.regional_partnership_boards):
        for la_index, la in enumerate(rpb.local_authorities):
            if la not in authorities:
                yield Finding.say(
                    ("regional_partnership_boards", index, "local_authorities", la_index),
                    UNKNOWN_REFERENCE,
                    W(N_("no local authority {id}"), id=repr(la)),
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
        yield Finding.say(
            ("health_board",),
            UNKNOWN_REFERENCE,
            W(N_("no health board {id}{hint}"), id=repr(board), hint=_hint(board, boards)),
        )
    for index, body in enumerate(local.plan.bodies):
        if local.registry.get(body.parent) is None:
            yield Finding.say(
                ("bodies", index, "parent"),
                UNKNOWN_REFERENCE,
                W(
                    N_("no body {parent} to be the parent of {id}{hint}"),
                    parent=repr(body.parent),
                    id=repr(body.id),
                    hint=_hint(body.parent, local.registry.bodies),
                ),
            )


def _unknown_in_deadlines(local: LocalFile) -> Iterator[Finding]:
    dataset = local.context.dataset
    for index, deadline in enumerate(local.plan.deadlines):
        for field_name in ("owners", "involved"):
            names = getattr(deadline, field_name)
            for name in split_owners(names)[1]:
                if name not in local.registry:
                    known = [*local.registry.bodies, *(k.value for k in Kind)]
                    yield Finding.say(
                        ("deadlines", index, field_name, names.index(name)),
                        UNKNOWN_REFERENCE,
                        W(
                            N_(
                                "{id} is neither a kind of body nor a body in this file or "
                                "data/bodies.yaml{hint}"
                            ),
                            id=repr(name),
                            hint=_hint(name, known),
                        ),
                    )
        if deadline.feeds and local.run.index.feed(deadline.feeds, deadline.when.last) is None:
            known_rule = dataset.milestone(deadline.feeds) or dataset.cycle(deadline.feeds)
            feeds = repr(deadline.feeds)
            yield Finding.say(
                ("deadlines", index, "feeds"),
                UNKNOWN_REFERENCE,
                W(
                    N_("{id} has no occurrence in the financial year of {day}"),
                    id=feeds,
                    day=str(deadline.when.last),
                )
                if known_rule
                else W(
                    N_("feeds {id}, which is not a national milestone or cycle{hint}"),
                    id=feeds,
                    hint=_hint(deadline.feeds, [r.id for r in dataset.rules()]),
                ),
            )
        for dep_index, dep in enumerate(deadline.depends_on):
            if local.deadline(dep) is None:
                yield Finding.say(
                    ("deadlines", index, "depends_on", dep_index),
                    UNKNOWN_REFERENCE,
                    W(
                        N_("depends on {id}, which is not a deadline in the files checked{hint}"),
                        id=repr(dep),
                        hint=_hint(dep, local.run.deadlines),
                    ),
                )


def _unknown_in_meetings(local: LocalFile) -> Iterator[Finding]:
    for index, meeting in enumerate(local.plan.meetings):
        if meeting.body not in local.registry:
            yield Finding.say(
                ("meetings", index, "body"),
                UNKNOWN_REFERENCE,
                W(
                    N_("no body {id}{hint}"),
                    id=repr(meeting.body),
                    hint=_hint(meeting.body, local.registry.bodies),
                ),
            )
        if meeting.cadence and local.context.dataset.cadence(meeting.cadence) is None:
            cadences = [c.id for c in local.context.dataset.cadences]
            yield Finding.say(
                ("meetings", index, "cadence"),
                UNKNOWN_REFERENCE,
                W(
                    N_("no cadence {id} in the national data{hint}"),
                    id=repr(meeting.cadence),
                    hint=_hint(meeting.cadence, cadences),
                ),
            )


def _unknown_in_completions(local: LocalFile) -> Iterator[Finding]:
    for index, completion in enumerate(local.plan.completions):
        if local.registry.get(completion.body) is None:
            yield Finding.say(
                ("completions", index, "body"),
                UNKNOWN_REFERENCE,
                W(
                    N_("no body {id}{hint}"),
                    id=repr(completion.body),
                    hint=_hint(completion.body, local.registry.bodies),
                ),
            )
        if completion_target(local, completion.item, completion.date.first) is None:
            yield Finding.say(
                ("completions", index, "item"),
                UNKNOWN_REFERENCE,
                W(
                    N_("no milestone, deadline or meeting {id}{hint}"),
                    id=repr(completion.item),
                    hint=_hint(completion.item, _known_items(local, completion.date.first)),
                ),
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
            yield Finding.say(
                ("meetings", index, "rrule" if meeting.rrule else "start"),
                NO_MEETINGS,
                W(
                    N_("the series gives no meeting from {first} to {last}"),
                    first=str(meeting.start.first),
                    last=str(last),
                ),
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
            if shift := clock_shift(day, meeting.time):
                yield Finding.say(
                    ("meetings", index, "time"),
                    CLOCK_CHANGE,
                    _clock_words(day, meeting.time, shift),
                    Level.WARNING,
                )


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
                    yield Finding.say(
                        (section, index, "id"),
                        GENERATED_ID,
                        W(
                            N_("{id} is the id of an occurrence of national cycle {cycle}"),
                            id=repr(entry.id),
                            cycle=repr(cycle.id),
                        ),
                    )
            for meeting in _meetings_named_in(entry.id, local.run.meeting_ids):
                yield Finding.say(
                    (section, index, "id"),
                    GENERATED_ID,
                    W(
                        N_("{id} is the id of a meeting of series {series} or of its task"),
                        id=repr(entry.id),
                        series=repr(meeting),
                    ),
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
            yield Finding.say(
                ("deadlines", index, deadline.date_key),
                LONG_WINDOW,
                W(
                    N_("{text} runs {first} to {last}, more than two years"),
                    text=repr(when.text),
                    first=str(when.first),
                    last=str(when.last),
                ),
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
            yield Finding.say(
                ("completions", index, "date"),
                EARLY_COMPLETION,
                W(
                    N_("completed on {day}, before {id} opens ({when})"),
                    day=str(day),
                    id=repr(item.id),
                    when=_span(item),
                ),
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
            yield Finding.say(
                ("completions", index, "date"),
                LATE_COMPLETION,
                W(
                    N_("completed on {day}, more than a year after {id} ({when})"),
                    day=str(day),
                    id=repr(item.id),
                    when=_span(item),
                ),
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
            yield Finding.say(
                ("deadlines", index_of[first], "depends_on"),
                DEPENDENCY_CYCLE,
                W(N_("dependency loop: {ids}"), ids=" -> ".join([*path, first])),
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
        yield Finding.say(
            (section, index_of[loop[0]], "depends_on"),
            DEPENDENCY_CYCLE,
            W(N_("dependency loop: {ids}"), ids=" -> ".join(loop)),
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
            kinds = [_term(k.value) for k in allowed]
            wanted = (
                kinds[0]
                if len(kinds) == 1
                else W(N_("{first} or {second}"), first=kinds[0], second=kinds[1])
            )
            yield Finding.say(
                ("bodies", index, "parent"),
                BAD_PARENT,
                W(
                    N_("a {kind}'s parent is a {wanted}, not a {other} ({id})"),
                    kind=_term(body.kind.value),
                    wanted=wanted,
                    other=_term(parent.kind.value),
                    id=parent.id,
                ),
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
            yield Finding.say(
                ("bodies", index, "parent"),
                OTHER_HEALTH_BOARD,
                W(
                    N_("{id} belongs to {owner}, not {board}"),
                    id=repr(body.parent),
                    owner=repr(owner),
                    board=repr(board),
                ),
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
            yield Finding.say(
                ("deadlines", index, deadline.date_key),
                FEEDS_LATE,
                W(
                    N_("{id} ends {day}, after {other} which it feeds ({when})"),
                    id=repr(deadline.id),
                    day=str(deadline.when.last),
                    other=repr(fed.id),
                    when=_span(fed),
                ),
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
                yield Finding.say(
                    ("deadlines", index, "depends_on", dep_index),
                    DEPENDS_ORDER,
                    W(
                        N_("{id} ends {day}, before {other} ({other_day}) which it depends on"),
                        id=repr(deadline.id),
                        day=str(deadline.when.last),
                        other=repr(dep),
                        other_day=str(other.when.last),
                    ),
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
            yield Finding.say(
                ("meetings", index, key),
                BAD_RRULE,
                W(
                    N_("'{key}' is not used with 'rrule': write {part} inside the rule"),
                    key=key,
                    part=key.upper(),
                ),
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
            yield Finding.say(
                ("meetings", index, "until"), BAD_DATE, W(N_("'until' is before 'start'"))
            )


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
            yield Finding.say(
                ("completions", index, "body"),
                NOT_APPLICABLE,
                W(
                    N_("{item} does not apply to {id} ({kind})"),
                    item=repr(completion.item),
                    id=repr(body.id),
                    kind=_term(body.kind.value),
                ),
            )


@rule(FUTURE_COMPLETION)
def future_completion(target: Target) -> Iterator[Finding]:
    """A warning: a completion dated after the as-of date."""
    if target.local is None:
        return
    as_of = target.local.context.as_of
    for index, completion in enumerate(target.local.plan.completions):
        if completion.date.first > as_of:
            yield Finding.say(
                ("completions", index, "date"),
                FUTURE_COMPLETION,
                W(
                    N_("completed on {day}, after {as_of}"),
                    day=str(completion.date.first),
                    as_of=str(as_of),
                ),
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
            if reason := _non_working(day):
                yield Finding.say(
                    ("deadlines", index, deadline.date_key), NON_WORKING_DAY, reason, Level.WARNING
                )
    for index, meeting in enumerate(target.local.plan.meetings):
        if reason := _non_working(meeting.start.first):
            yield Finding.say(("meetings", index, "start"), NON_WORKING_DAY, reason, Level.WARNING)


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
                yield Finding.say(
                    ("deadlines", index, "id"),
                    OVERDUE,
                    W(
                        N_("{id} was due {when}; not completed by {ids} ({count} of {total})"),
                        id=repr(item.id),
                        when=_span(item),
                        ids=", ".join(missing),
                        count=str(len(missing)),
                        total=str(len(item.bodies)),
                    ),
                    Level.WARNING,
                )
        elif not days & set(item.owner_bodies) and not any(
            (body := registry.get(b)) and body.kind in item.owners for b in days
        ):  # no named owning bodies: a completion by an owner of an owning kind counts
            yield Finding.say(
                ("deadlines", index, "id"),
                OVERDUE,
                W(
                    N_("{id} was due {when} and no completion is recorded"),
                    id=repr(item.id),
                    when=_span(item),
                ),
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
            first_ids = ", ".join(late[:3])
            shown: str | Words = first_ids
            if len(late) > 3:
                shown = W(N_("{ids} and {n} more"), ids=first_ids, n=str(len(late) - 3))
            said = Words(
                N_("{id} is tracked: {n} task past and not completed by {body}: {tasks}"),
                (("id", repr(meeting.id)), ("body", meeting.body), ("tasks", shown)),
                plural=N_("{id} is tracked: {n} tasks past and not completed by {body}: {tasks}"),
                n=len(late),
            )
            yield Finding.say(("meetings", index, "id"), OVERDUE, said, Level.WARNING)


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
            yield Finding.say(
                ("deadlines", index, "dropped", "date"),
                FUTURE_DROP,
                W(
                    N_("{id} is recorded as dropped on {day}, after {as_of}"),
                    id=repr(deadline.id),
                    day=str(dropped.date.first),
                    as_of=str(as_of),
                ),
                Level.WARNING,
            )
