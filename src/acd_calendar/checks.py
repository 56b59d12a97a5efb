"""``acd check``: every problem in local, milestone and body files, as values.

Each rule is a function that takes the validated file and yields ``Finding`` values
located by their path in the data; the loader maps them to lines and columns. Nothing
here prints or exits: the CLI reports the problems and picks the exit code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from acd_calendar import models
from acd_calendar.agenda import completions_by_item, deadline_item, resolve_feed, split_owners
from acd_calendar.bodies import PARENT_KINDS, Registry
from acd_calendar.dates import (
    Precision,
    When,
    financial_year_bounds,
    financial_year_of,
    non_working_reason,
)
from acd_calendar.kinds import Kind
from acd_calendar.loader import YamlFile, read_yaml, validate
from acd_calendar.localfile import Deadline, LocalPlan, Meeting
from acd_calendar.meetings import (
    check_rrule,
    clock_change,
    meeting_dates,
    meeting_items,
    rrule_text,
)
from acd_calendar.models import NationalBodies
from acd_calendar.national import Dataset
from acd_calendar.problems import Finding, Level, Problem
from acd_calendar.schedule import Item, find_item


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules need besides the file: national data, the as-of date, options."""

    dataset: Dataset
    national: NationalBodies
    as_of: date
    warn_overdue: bool = False


@dataclass(frozen=True, slots=True)
class LocalFile:
    """One local file, checked beside the other local files of the same run."""

    plan: LocalPlan
    registry: Registry
    context: Context
    others: tuple[tuple[str, LocalPlan], ...] = ()  # (path, plan) of the other files
    earlier: tuple[tuple[str, LocalPlan], ...] = ()  # those given before this one

    @property
    def plans(self) -> list[LocalPlan]:
        """This file's plan first, then the others: references resolve in all of them."""
        return [self.plan, *(plan for _, plan in self.others)]

    def deadlines(self) -> dict[str, Deadline]:
        found: dict[str, Deadline] = {}
        for plan in self.plans:
            for deadline in plan.deadlines:
                found.setdefault(deadline.id, deadline)
        return found


Rule = Callable[[LocalFile], Iterator[Finding]]
RULES: dict[str, Rule] = {}


def rule(function: Rule) -> Rule:
    RULES[function.__name__.removeprefix("check_").replace("_", "-")] = function
    return function


def file_kind(data: Any) -> str:
    """Which of our formats a YAML mapping is: milestones, bodies or a local file."""
    if isinstance(data, dict) and "documents" in data:
        return "milestones"
    if isinstance(data, dict) and "health_boards" in data:
        return "bodies"
    return "local"


@dataclass(frozen=True, slots=True)
class Checked:
    """One file's problems, sorted by position, and what it held if it validated."""

    path: str
    problems: list[Problem]
    value: models.Dataset | NationalBodies | LocalPlan | None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.ERROR]


def check_path(path: Path | str, context: Context, display: str | None = None) -> Checked:
    """Every problem in one file."""
    return check_paths([path], context, [display] if display else None)[0]


def check_paths(
    paths: Sequence[Path | str], context: Context, displays: Sequence[str] | None = None
) -> list[Checked]:
    """Every problem in each file. Local files of one run are read together: a body,
    deadline or meeting defined in one may be referred to from another."""
    documents = [
        read_yaml(path, display)
        for path, display in zip(paths, displays or [str(p) for p in paths], strict=True)
    ]
    values = [validate_document(d, context) if d.usable else None for d in documents]
    plans = [
        (d.path, v) for d, v in zip(documents, values, strict=True) if isinstance(v, LocalPlan)
    ]
    registry = Registry(context.national, [plan for _, plan in plans])
    for document, value in zip(documents, values, strict=True):
        if isinstance(value, LocalPlan):
            others = tuple((path, plan) for path, plan in plans if plan is not value)
            position = next(i for i, (_, plan) in enumerate(plans) if plan is value)
            local = LocalFile(value, registry, context, others, tuple(plans[:position]))
            for check in RULES.values():
                document.problems.extend(document.problem(f) for f in check(local))
    return [
        Checked(d.path, sorted(set(d.problems)), v) for d, v in zip(documents, values, strict=True)
    ]


def validate_document(
    document: YamlFile, context: Context
) -> models.Dataset | NationalBodies | LocalPlan | None:
    """The file validated as the format its keys show, with the national files'
    cross-references checked; local files' rules run in ``check_paths``."""
    kind = file_kind(document.data)
    if kind == "local":
        return validate(document, LocalPlan)
    national: models.Dataset | NationalBodies | None = (
        validate(document, models.Dataset)
        if kind == "milestones"
        else validate(document, NationalBodies)
    )
    if national is not None:
        document.problems.extend(document.problem(f) for f in national.findings())
    return national


# --- rules ---------------------------------------------------------------------------------


@rule
def check_duplicate_ids(local: LocalFile) -> Iterator[Finding]:
    """Ids of bodies, deadlines and meetings are unique across the files of a run and
    unlike national ids."""
    national = {m.id for m in local.context.dataset.rules()}
    national_bodies = Registry(local.context.national)
    national |= set(national_bodies.bodies) | set(national_bodies.aliases)
    elsewhere = {
        entry.id: path
        for path, plan in local.earlier
        for section in ("bodies", "deadlines", "meetings")
        for entry in getattr(plan, section)
    }
    seen: dict[str, str] = {}
    for section in ("bodies", "deadlines", "meetings"):
        for index, entry in enumerate(getattr(local.plan, section)):
            loc = (section, index, "id")
            if entry.id in elsewhere:
                yield Finding(
                    loc, "duplicate-id", f"id {entry.id!r} is also defined in {elsewhere[entry.id]}"
                )
            elif entry.id in seen:
                yield Finding(
                    loc, "duplicate-id", f"id {entry.id!r} is already used in {seen[entry.id]}"
                )
            elif entry.id in national:
                yield Finding(
                    loc,
                    "duplicate-id",
                    f"id {entry.id!r} is the id of a national milestone or body",
                )
            seen.setdefault(entry.id, section)


@rule
def check_parents(local: LocalFile) -> Iterator[Finding]:
    """A cluster belongs to a PCPG, a PC to a cluster, a PCPG to a health board or LA."""
    registry = local.registry
    board = local.plan.health_board
    if board is not None:
        found = registry.get(board)
        if found is None or found.kind is not Kind.HEALTH_BOARD:
            yield Finding(("health_board",), "unknown-reference", f"no health board {board!r}")
            board = None
    for index, body in enumerate(local.plan.bodies):
        parent = registry.get(body.parent)
        loc = ("bodies", index, "parent")
        allowed = PARENT_KINDS[body.kind]
        if parent is None:
            yield Finding(
                loc, "unknown-reference", f"no body {body.parent!r} to be the parent of {body.id!r}"
            )
        elif parent.kind not in allowed:
            wanted = " or ".join(k.value for k in allowed)
            yield Finding(
                loc,
                "bad-parent",
                f"a {body.kind.value}'s parent is a {wanted}, "
                f"not a {parent.kind.value} ({parent.id})",
            )
        elif board is not None and registry.health_board_of(body.id) not in (None, board):
            yield Finding(
                loc,
                "other-health-board",
                f"{body.parent!r} belongs to {registry.health_board_of(body.id)!r}, not {board!r}",
                Level.WARNING,
            )


@rule
def check_deadlines(local: LocalFile) -> Iterator[Finding]:
    """Owners are kinds or known bodies; ``feeds`` and ``depends_on`` name real items; an
    internal deadline is no later than the milestone it feeds and no earlier than those it
    depends on."""
    deadlines = local.deadlines()
    dataset = local.context.dataset
    for index, deadline in enumerate(local.plan.deadlines):
        for field in ("owners", "involved"):
            _, bodies = split_owners(getattr(deadline, field))
            for name in bodies:
                if name not in local.registry:
                    position = getattr(deadline, field).index(name)
                    yield Finding(
                        ("deadlines", index, field, position),
                        "unknown-reference",
                        f"{name!r} is neither a kind of body nor a body in this file "
                        "or data/bodies.yaml",
                    )
        if deadline.feeds:
            fed = resolve_feed(dataset, deadline.feeds, deadline.when.last)
            if fed is None:
                known = dataset.milestone(deadline.feeds) or dataset.cycle(deadline.feeds)
                yield Finding(
                    ("deadlines", index, "feeds"),
                    "unknown-reference",
                    (
                        f"{deadline.feeds!r} has no occurrence in the financial year of "
                        f"{deadline.when.last}"
                        if known
                        else f"feeds {deadline.feeds!r}, which is not a national milestone or cycle"
                    ),
                )
            elif deadline.when.last > fed.end:
                yield Finding(
                    ("deadlines", index, "due" if deadline.due else "window"),
                    "feeds-late",
                    f"{deadline.id!r} ends {deadline.when.last}, after "
                    f"{fed.id!r} which it feeds ({fed.when_label})",
                )
        for dep_index, dep in enumerate(deadline.depends_on):
            loc = ("deadlines", index, "depends_on", dep_index)
            other = deadlines.get(dep)
            if other is None:
                yield Finding(
                    loc,
                    "unknown-reference",
                    f"depends on {dep!r}, which is not a deadline in the files checked",
                )
            elif deadline.when.last < other.when.last:
                yield Finding(
                    loc,
                    "depends-order",
                    f"{deadline.id!r} ends {deadline.when.last}, "
                    f"before {dep!r} ({other.when.last}) which it depends on",
                )
    yield from _loops(local)


def _loops(local: LocalFile) -> Iterator[Finding]:
    """Dependency loops that start at a deadline of this file, through any file of the run."""
    graph = {d.id: list(d.depends_on) for d in local.deadlines().values()}
    index_of = {d.id: i for i, d in enumerate(local.plan.deadlines)}
    reported: set[frozenset[str]] = set()
    for start in index_of:
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for dep in graph.get(node, []):
                if dep == start:
                    loop = frozenset(path)
                    if loop not in reported:
                        reported.add(loop)
                        yield Finding(
                            ("deadlines", index_of[start], "depends_on"),
                            "dependency-cycle",
                            "dependency loop: " + " -> ".join([*path, start]),
                        )
                elif dep in graph and dep not in path and len(path) < len(graph):
                    stack.append((dep, [*path, dep]))


@rule
def check_meetings(local: LocalFile) -> Iterator[Finding]:
    """A series belongs to a known body, names a known cadence and has a usable RRULE."""
    for index, meeting in enumerate(local.plan.meetings):
        if meeting.body not in local.registry:
            yield Finding(
                ("meetings", index, "body"), "unknown-reference", f"no body {meeting.body!r}"
            )
        if meeting.cadence and local.context.dataset.cadence(meeting.cadence) is None:
            yield Finding(
                ("meetings", index, "cadence"),
                "unknown-reference",
                f"no cadence {meeting.cadence!r} in the national data",
            )
        if meeting.rrule and (meeting.until or meeting.count):
            field = "until" if meeting.until else "count"
            yield Finding(
                ("meetings", index, field),
                "bad-rrule",
                f"'{field}' is not used with 'rrule': write {field.upper()} inside the rule",
            )
        elif why := _rule_problem(local, meeting):
            field = "rrule" if meeting.rrule else "count" if meeting.count else "id"
            yield Finding(("meetings", index, field), "bad-rrule", why)
        if meeting.until is not None and meeting.until.first < meeting.start.first:
            yield Finding(("meetings", index, "until"), "bad-date", "'until' is before 'start'")


def _rule_problem(local: LocalFile, meeting: Meeting) -> str | None:
    """Why a series' rule (written, or made from its fields) cannot be expanded."""
    cadence = local.context.dataset.cadence(meeting.cadence) if meeting.cadence else None
    return check_rrule(rrule_text(meeting, cadence), meeting.start.first)


def _planning_end(as_of: date) -> date:
    return financial_year_bounds(financial_year_of(as_of) + 1)[1]


@rule
def check_no_meetings(local: LocalFile) -> Iterator[Finding]:
    """A series whose rule gives no meeting from its start to the end of next planning
    year (a warning: it may be meant for later)."""
    last = _planning_end(local.context.as_of)
    for index, meeting in enumerate(local.plan.meetings):
        if _rule_problem(local, meeting) or meeting.start.first > last:
            continue
        cadence = local.context.dataset.cadence(meeting.cadence) if meeting.cadence else None
        if next(meeting_dates(meeting, cadence, meeting.start.first, last), None) is None:
            yield Finding(
                ("meetings", index, "rrule" if meeting.rrule else "start"),
                "no-meetings",
                f"the series gives no meeting from {meeting.start.first} to {last}",
                Level.WARNING,
            )


@rule
def check_clock_change(local: LocalFile) -> Iterator[Finding]:
    """A meeting time that does not exist, or happens twice, on a clock-change day."""
    as_of = local.context.as_of
    first, last = financial_year_bounds(financial_year_of(as_of))[0], _planning_end(as_of)
    for index, meeting in enumerate(local.plan.meetings):
        if meeting.time is None or _rule_problem(local, meeting):
            continue
        cadence = local.context.dataset.cadence(meeting.cadence) if meeting.cadence else None
        for day in meeting_dates(meeting, cadence, first, last):
            if why := clock_change(day, meeting.time):
                yield Finding(("meetings", index, "time"), "clock-change", why, Level.WARNING)


@rule
def check_generated_id(local: LocalFile) -> Iterator[Finding]:
    """An id equal to one the tool makes (a cycle occurrence, a meeting or its task)
    would merge two items and their completions."""
    import re

    cycles = local.context.dataset.cycles
    meetings = [m.id for plan in local.plans for m in plan.meetings]
    for section in ("bodies", "deadlines", "meetings"):
        for index, entry in enumerate(getattr(local.plan, section)):
            for cycle in cycles:
                year = re.fullmatch(rf"{re.escape(cycle.id)}-(\d{{4}})-(\d{{2}})", entry.id)
                if year and (int(year[1]) + 1) % 100 == int(year[2]):
                    yield Finding(
                        (section, index, "id"),
                        "generated-id",
                        f"{entry.id!r} is the id of an occurrence of national cycle {cycle.id!r}",
                    )
            for meeting in meetings:
                pattern = (
                    rf"{re.escape(meeting)}-\d{{4}}-\d{{2}}-\d{{2}}(-agenda|-papers|-minutes)?"
                )
                if re.fullmatch(pattern, entry.id):
                    yield Finding(
                        (section, index, "id"),
                        "generated-id",
                        f"{entry.id!r} is the id of a meeting of series {meeting!r} or of its task",
                    )


@rule
def check_long_window(local: LocalFile) -> Iterator[Finding]:
    """A window longer than two years is likely a typo in a year."""
    for index, deadline in enumerate(local.plan.deadlines):
        when = deadline.when
        if (when.last - when.first).days > 731:
            yield Finding(
                ("deadlines", index, "due" if deadline.due else "window"),
                "long-window",
                f"{when.text!r} runs {when.first} to {when.last}, more than two years",
                Level.WARNING,
            )


def _completion_targets(local: LocalFile) -> Iterator[tuple[int, date, Item]]:
    for index, completion in enumerate(local.plan.completions):
        target = _target(local, completion.item, completion.date.first)
        if target is not None:
            yield index, completion.date.first, target


@rule
def check_early_completion(local: LocalFile) -> Iterator[Finding]:
    """A completion dated before the item's window opens (or before its meeting)."""
    for index, day, target in _completion_targets(local):
        if not target.is_deadline and day < target.when.first:
            yield Finding(
                ("completions", index, "date"),
                "early-completion",
                f"completed on {day}, before {target.id!r} opens ({target.when_label})",
                Level.WARNING,
            )


@rule
def check_late_completion(local: LocalFile) -> Iterator[Finding]:
    """A completion more than a year after the item's deadline (a likely typo)."""
    for index, day, target in _completion_targets(local):
        if day > target.end + timedelta(days=365):
            yield Finding(
                ("completions", index, "date"),
                "late-completion",
                f"completed on {day}, more than a year after {target.id!r} ({target.when_label})",
                Level.WARNING,
            )


def _target(local: LocalFile, item_id: str, day: date) -> Item | None:
    """The item a completion names: a deadline, a meeting or task, or a national item."""
    if (deadline := local.deadlines().get(item_id)) is not None:
        return deadline_item(deadline, local.context.dataset, local.registry)
    for meeting in (m for plan in local.plans for m in plan.meetings):
        if item_id.startswith(f"{meeting.id}-") and meeting.body in local.registry:
            kind = local.registry.get(meeting.body).kind  # type: ignore[union-attr]
            if _rule_problem(local, meeting):
                continue
            around = meeting_items(
                meeting,
                kind,
                local.context.dataset,
                day - timedelta(days=400),
                day + timedelta(days=400),
            )
            if match := next((i for i in around if i.id == item_id), None):
                return match
    return find_item(local.context.dataset, item_id)


@rule
def check_completions(local: LocalFile) -> Iterator[Finding]:
    """A completion names a known item and body, applies to that body, and is not in the
    future."""
    for index, completion in enumerate(local.plan.completions):
        body = local.registry.get(completion.body)
        if body is None:
            yield Finding(
                ("completions", index, "body"), "unknown-reference", f"no body {completion.body!r}"
            )
        target = _target(local, completion.item, completion.date.first)
        if target is None:
            yield Finding(
                ("completions", index, "item"),
                "unknown-reference",
                f"no milestone, deadline or meeting {completion.item!r}",
            )
        elif body is not None and target.role_of(body.kind, body.id) is None:
            yield Finding(
                ("completions", index, "body"),
                "not-applicable",
                f"{completion.item!r} does not apply to {body.id!r} ({body.kind.value})",
            )
        if completion.date.first > local.context.as_of:
            yield Finding(
                ("completions", index, "date"),
                "future-completion",
                f"completed on {completion.date.first}, after {local.context.as_of}",
                Level.WARNING,
            )


def _written_days(when: When) -> list[date]:
    days = []
    if when.start.precision is Precision.DAY:
        days.append(when.first)
    if when.end.precision is Precision.DAY and when.last not in days:
        days.append(when.last)
    return days


@rule
def check_working_days(local: LocalFile) -> Iterator[Finding]:
    """A date written explicitly on a weekend or bank holiday is kept, with a warning."""
    for index, deadline in enumerate(local.plan.deadlines):
        for day in _written_days(deadline.when):
            if reason := non_working_reason(day):
                yield Finding(
                    ("deadlines", index, "due" if deadline.due else "window"),
                    "non-working-day",
                    f"{day} is {reason}",
                    Level.WARNING,
                )
    for index, meeting in enumerate(local.plan.meetings):
        if reason := non_working_reason(meeting.start.first):
            yield Finding(
                ("meetings", index, "start"),
                "non-working-day",
                f"{meeting.start.first} is {reason}",
                Level.WARNING,
            )


@rule
def check_overdue(local: LocalFile) -> Iterator[Finding]:
    """With --warn-overdue: a deadline past its last day that an owning body has not
    completed (and that was not dropped), naming those bodies."""
    if not local.context.warn_overdue:
        return
    as_of = local.context.as_of
    items = [deadline_item(d, local.context.dataset, local.registry) for d in local.plan.deadlines]
    by_item = completions_by_item(local.plans, items, local.registry)
    for index, item in enumerate(items):
        if item.end >= as_of or (item.dropped_on is not None and item.dropped_on <= as_of):
            continue
        days = {b for b, d in by_item.get(item.id, {}).items() if d <= as_of}
        if item.bodies:
            missing = [b for b in item.bodies if b not in days]
            if missing:
                yield Finding(
                    ("deadlines", index, "id"),
                    "overdue",
                    f"{item.id!r} was due {item.when_label}; not completed by "
                    f"{', '.join(missing)} ({len(missing)} of {len(item.bodies)})",
                    Level.WARNING,
                )
        elif not days & {*item.owner_bodies}:
            yield Finding(
                ("deadlines", index, "id"),
                "overdue",
                f"{item.id!r} was due {item.when_label} and no completion is recorded",
                Level.WARNING,
            )


@rule
def check_future_drop(local: LocalFile) -> Iterator[Finding]:
    """A deadline recorded as dropped on a day after the as-of date (it stays a deadline
    until then)."""
    for index, deadline in enumerate(local.plan.deadlines):
        dropped = deadline.dropped
        if dropped is not None and dropped.date.first > local.context.as_of:
            yield Finding(
                ("deadlines", index, "dropped", "date"),
                "future-drop",
                f"{deadline.id!r} is recorded as dropped on {dropped.date.first}, after "
                f"{local.context.as_of}",
                Level.WARNING,
            )


def summary(problems: list[Problem], files: int) -> str:
    errors = sum(1 for p in problems if p.level is Level.ERROR)
    warnings = len(problems) - errors
    plural = "s" if files != 1 else ""
    if not problems:
        return f"{files} file{plural} checked: no problems"
    return (
        f"{files} file{plural} checked: {errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
    )
