"""The data model: national milestones, yearly and five-yearly cycles, governance cadences.

Everything is validated by pydantic as it is loaded. Cross-references (unknown ids,
duplicate ids) need the whole file and are reported by ``Dataset.findings`` as values
so that the loader can point at the line that holds them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from acd_calendar import national
from acd_calendar.dates import (
    FORMS_HELP,
    DateFormError,
    When,
    financial_year_label,
    parse_when,
)
from acd_calendar.kinds import Kind, parse_kind
from acd_calendar.national import Basis
from acd_calendar.problems import Finding

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PLANNING_YEAR = re.compile(r"(\d{4})/(\d{2})")
DEFAULT_LEAD_DAYS = 14


def _slug(value: str) -> str:
    from acd_calendar.text import MAX_ID_LENGTH

    if len(value) > MAX_ID_LENGTH:
        raise ValueError(
            f"an id of {len(value)} characters is too long: ids name files such as "
            f"body-ID.ics and have {MAX_ID_LENGTH} at most"
        )
    if not SLUG.fullmatch(value):
        raise ValueError(f"{value!r} is not an id: use lower-case letters, digits and hyphens")
    return value


def _kind(value: object) -> Kind:
    if isinstance(value, Kind):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected the name of a kind of body, got {value!r}")
    return parse_kind(value)


def _when(value: object) -> When:
    try:
        return parse_when(value)
    except DateFormError as exc:
        raise ValueError(str(exc)) from None


def _planning_year(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and (m := PLANNING_YEAR.fullmatch(value.strip())):
        start = int(m[1])
        if (start + 1) % 100 == int(m[2]):
            return start
    raise ValueError(f"{value!r} is not a planning year: write it as 2024/25")


Slug = Annotated[str, AfterValidator(_slug)]
KindName = Annotated[
    Kind,
    BeforeValidator(_kind),
    WithJsonSchema({"type": "string", "enum": [k.value for k in Kind] + ["hb", "la", "wg"]}),
]
WhenText = Annotated[
    When,
    PlainValidator(_when),
    PlainSerializer(lambda w: w.text, return_type=str),
    WithJsonSchema({"type": "string", "description": FORMS_HELP}),
]
PlanningYear = Annotated[
    int,
    PlainValidator(_planning_year),
    PlainSerializer(financial_year_label, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}/\d{2}$"}),
]
LeadDays = Annotated[int, Field(ge=0, le=366, strict=True)]


class Strict(BaseModel):
    # defer_build: a model is built when first used, so that a command pays only for
    # the models it validates.
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, strict=False, defer_build=True
    )


class Document(Strict):
    title: str
    date: str | None = None
    url: str | None = None


class Source(Strict):
    document: Slug
    section: str


class WindowOrDue(Strict):
    """A ``window`` (a period of work) or a ``due`` date (a deadline): exactly one."""

    window: WhenText | None = None
    due: WhenText | None = None

    @field_validator("window", "due", mode="before")
    @classmethod
    def _not_empty(cls, value: Any) -> Any:
        if value is None:
            raise ValueError(f"the date is empty: {FORMS_HELP}")
        return value

    @model_validator(mode="before")
    @classmethod
    def _one_date(cls, data: Any) -> Any:
        if isinstance(data, dict) and ("window" in data) == ("due" in data):
            raise ValueError(
                "give exactly one of 'window' (a period of work) or 'due' (a deadline)"
            )
        return data

    @property
    def when(self) -> When:
        when = self.window or self.due
        assert when is not None  # guaranteed by _one_date
        return when

    @property
    def is_deadline(self) -> bool:
        return self.due is not None


class Dated(WindowOrDue):
    """Fields every dated national item has.

    ``event: true`` marks a date that happens rather than work to be done (plans come
    into operation): it is due on its day and past afterwards, never overdue.
    """

    id: Slug
    title: str = Field(min_length=1)
    owners: list[KindName] = Field(min_length=1)
    involved: list[KindName] = []
    depends_on: list[Slug] = []
    lead_days: LeadDays | None = None
    event: bool = Field(default=False, strict=True)
    basis: Basis
    source: Source
    note: str | None = None


class NationalCompletion(Strict):
    """When the sources state a milestone was done: counted as done from the last day
    of ``when`` (a month or a span of months when the source says "spring 2022")."""

    when: WhenText
    source: Source


class Milestone(Dated):
    """A milestone with fixed dates, as the source documents give them."""

    completed: NationalCompletion | None = None


class Cycle(Dated):
    """A milestone that repeats every ``every`` years (see ``national.Cycle``).

    ``window``/``due`` are the dates of the occurrence for planning year ``first``.
    """

    every: int = Field(default=1, ge=1, le=10, strict=True)
    first: PlanningYear
    until: PlanningYear | None = None

    @model_validator(mode="after")
    def _names_year(self) -> Cycle:
        if "{year}" not in self.title and "{years}" not in self.title:
            raise ValueError("a cycle's title must name its planning year with {year}")
        if self.until is not None and self.until < self.first:
            raise ValueError("'until' is before 'first'")
        return self


class Cadence(Strict):
    """A governance rhythm with no dates of its own (local files give the first meeting)."""

    id: Slug
    title: str
    owners: list[KindName] = Field(min_length=1)
    involved: list[KindName] = []
    every_months: int = Field(ge=1, le=12, strict=True)
    agenda_days: int = Field(default=14, ge=0, le=90, strict=True)
    papers: Literal["friday-before"] = "friday-before"
    minutes_working_days: int = Field(default=10, ge=0, le=60, strict=True)
    minutes_basis: Basis = Basis.ASSUMED
    meeting_note: str | None = None
    basis: Basis
    source: Source
    note: str | None = None


class Dataset(Strict):
    """The national data file: ``data/milestones.yaml``."""

    version: Literal[1]
    default_lead_days: LeadDays = DEFAULT_LEAD_DAYS
    documents: dict[Slug, Document]
    milestones: list[Milestone] = []
    cycles: list[Cycle] = []
    cadences: list[Cadence] = []

    def findings(self) -> list[Finding]:
        """Cross-reference problems: duplicate ids, unknown ids, dependency cycles."""
        found: list[Finding] = []
        seen: dict[str, tuple[str | int, ...]] = {}
        for section, items in self.sections():
            for index, item in enumerate(items):
                loc: tuple[str | int, ...] = (section, index, "id")
                if item.id in seen:
                    first = ":".join(str(p) for p in seen[item.id])
                    found.append(
                        Finding(
                            loc, "duplicate-id", f"id {item.id!r} is used twice (first at {first})"
                        )
                    )
                seen.setdefault(item.id, loc)
                sources: list[tuple[tuple[str, ...], Source]]
                sources = [(("source", "document"), item.source)]
                if isinstance(item, Milestone) and item.completed is not None:
                    sources.append((("completed", "source", "document"), item.completed.source))
                for where, source in sources:
                    if source.document not in self.documents:
                        found.append(
                            Finding(
                                (section, index, *where),
                                "unknown-document",
                                f"no document {source.document!r} under 'documents'",
                            )
                        )
        for cycle in self.cycles:
            for milestone_index, milestone in enumerate(self.milestones):
                if _is_occurrence_of(milestone.id, cycle):
                    found.append(
                        Finding(
                            ("milestones", milestone_index, "id"),
                            "duplicate-id",
                            f"id {milestone.id!r} is also the id of an "
                            f"occurrence of cycle {cycle.id!r}",
                        )
                    )
        milestone_ids = {m.id for m in self.milestones}
        cycle_ids = {c.id for c in self.cycles}
        for section, dated, allowed in (
            ("milestones", self.milestones, milestone_ids),
            ("cycles", self.cycles, milestone_ids | cycle_ids),
        ):
            for index, rule in enumerate(dated):
                for dep_index, dep in enumerate(rule.depends_on):
                    if dep not in allowed:
                        found.append(
                            Finding(
                                (section, index, "depends_on", dep_index),
                                "unknown-reference",
                                f"depends on {dep!r}, which is not a "
                                + (
                                    "milestone" if section == "milestones" else "milestone or cycle"
                                ),
                            )
                        )
        found.extend(_cycle_findings("milestones", self.milestones))
        found.extend(_cycle_findings("cycles", self.cycles))
        return found

    def sections(self) -> list[tuple[str, Sequence[Milestone | Cycle | Cadence]]]:
        return [
            ("milestones", self.milestones),
            ("cycles", self.cycles),
            ("cadences", self.cadences),
        ]

    def plain(self) -> national.Dataset:
        """The validated data as the plain values the commands work with."""

        def common(rule: Dated | Cadence) -> dict[str, Any]:
            return {
                "id": rule.id,
                "title": rule.title,
                "owners": tuple(rule.owners),
                "involved": tuple(rule.involved),
                "basis": rule.basis,
                "source": national.Source(rule.source.document, rule.source.section),
                "note": rule.note,
            }

        def dated(rule: Dated) -> dict[str, Any]:
            return common(rule) | {
                "when": rule.when,
                "is_deadline": rule.is_deadline,
                "depends_on": tuple(rule.depends_on),
                "lead_days": rule.lead_days,
                "event": rule.event,
            }

        return national.Dataset(
            default_lead_days=self.default_lead_days,
            documents={
                key: national.Document(doc.title, doc.date, doc.url)
                for key, doc in self.documents.items()
            },
            milestones=tuple(
                national.Milestone(
                    **dated(m),
                    completed=m.completed.when if m.completed else None,
                    completed_source=national.Source(
                        m.completed.source.document, m.completed.source.section
                    )
                    if m.completed
                    else None,
                )
                for m in self.milestones
            ),
            cycles=tuple(
                national.Cycle(**dated(c), every=c.every, first=c.first, until=c.until)
                for c in self.cycles
            ),
            cadences=tuple(
                national.Cadence(
                    **common(c),
                    every_months=c.every_months,
                    agenda_days=c.agenda_days,
                    papers=c.papers,
                    minutes_working_days=c.minutes_working_days,
                    minutes_basis=c.minutes_basis,
                    meeting_note=c.meeting_note,
                )
                for c in self.cadences
            ),
        )


def _is_occurrence_of(item_id: str, cycle: Cycle) -> bool:
    prefix = f"{cycle.id}-"
    if not item_id.startswith(prefix):
        return False
    rest = item_id[len(prefix) :]
    match = re.fullmatch(r"(\d{4})-(\d{2})", rest)
    return bool(match) and int(match[1]) >= cycle.first if match else False


def _cycle_findings(section: str, items: list[Milestone] | list[Cycle]) -> list[Finding]:
    """One finding for each dependency loop, at the item where the loop is first seen."""
    graph = {item.id: item.depends_on for item in items}
    index_of = {item.id: i for i, item in enumerate(items)}
    state: dict[str, int] = {}
    found: list[Finding] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for dep in graph.get(node, []):
            if dep not in graph:
                continue
            if state.get(dep) == 1:
                loop = [*path[path.index(dep) :], dep] if dep in path else [node, dep]
                found.append(
                    Finding(
                        (section, index_of[node], "depends_on"),
                        "dependency-cycle",
                        "dependency loop: " + " -> ".join(loop),
                    )
                )
            elif dep not in state:
                visit(dep, [*path, dep])
        state[node] = 2

    for item in items:
        if item.id not in state:
            visit(item.id, [item.id])
    return found


# --- the Welsh bodies: data/bodies.yaml -----------------------------------------------------


class NationalBody(Strict):
    """What every body of data/bodies.yaml has."""

    id: Slug
    name: str
    welsh_name: str | None = None
    aliases: list[Slug] = []


class HealthBoard(NationalBody):
    pass


class LocalAuthority(NationalBody):
    health_board: Slug


class RegionalPartnershipBoard(NationalBody):
    health_board: Slug
    local_authorities: list[Slug] = Field(min_length=1)


class NationalBodies(Strict):
    """The national bodies file: ``data/bodies.yaml``."""

    version: Literal[1]
    health_boards: list[HealthBoard]
    local_authorities: list[LocalAuthority]
    regional_partnership_boards: list[RegionalPartnershipBoard]

    def findings(self) -> list[Finding]:
        found: list[Finding] = []
        seen: set[str] = set()
        boards = {b.id for b in self.health_boards}
        authorities = {a.id for a in self.local_authorities}
        covered: dict[str, str] = {}
        sections: list[tuple[str, Sequence[NationalBody]]]
        sections = [
            ("health_boards", self.health_boards),
            ("local_authorities", self.local_authorities),
            ("regional_partnership_boards", self.regional_partnership_boards),
        ]
        for section, bodies in sections:
            for index, body in enumerate(bodies):
                from acd_calendar.bodies import aliases_of

                for name in [body.id, *aliases_of(body.id, body.welsh_name, body.aliases)]:
                    if name in seen:
                        found.append(
                            Finding(
                                (section, index, "id"), "duplicate-id", f"id {name!r} is used twice"
                            )
                        )
                    seen.add(name)
                board = getattr(body, "health_board", None)
                if board is not None and board not in boards:
                    found.append(
                        Finding(
                            (section, index, "health_board"),
                            "unknown-reference",
                            f"no health board {board!r}",
                        )
                    )
        for index, rpb in enumerate(self.regional_partnership_boards):
            for la_index, la in enumerate(rpb.local_authorities):
                loc = ("regional_partnership_boards", index, "local_authorities", la_index)
                if la not in authorities:
                    found.append(Finding(loc, "unknown-reference", f"no local authority {la!r}"))
                elif la in covered:
                    found.append(
                        Finding(
                            loc, "duplicate-id", f"{la!r} is already covered by {covered[la]!r}"
                        )
                    )
                covered[la] = rpb.id
        return found
