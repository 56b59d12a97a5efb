"""The schema: pydantic models of the three file formats, the one place they are defined.

- ``Dataset``: the national milestones, cycles and cadences (``data/milestones.yaml``);
- ``NationalBodies``: health boards, local authorities and RPBs (``data/bodies.yaml``);
- ``LocalPlan``: a health board's or PCPG's own bodies, deadlines, completions and
  meetings (``acd schema`` prints its JSON Schema).

A validated file is converted to plain values (``national``, ``local``) that the rest of
the code works with; nothing outside the loading path sees pydantic. Rules that need
the whole file (duplicate ids, unknown references) live in ``checks``.
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

from acd_calendar import local, national
from acd_calendar.dates import (
    FORMS_HELP,
    WEEKDAYS,
    DateFormError,
    Precision,
    When,
    financial_year_label,
    parse_when,
)
from acd_calendar.kinds import LOCAL_KINDS, Kind, parse_kind
from acd_calendar.national import (
    DEFAULT_AGENDA_DAYS,
    DEFAULT_LEAD_DAYS,
    DEFAULT_MINUTES_WORKING_DAYS,
    Basis,
)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PLANNING_YEAR = re.compile(r"(\d{4})/(\d{2})")


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
    title_cy: str | None = Field(default=None, min_length=1)
    review: Literal["needed", "done"] | None = Field(
        default=None, description="needed until a Welsh-language officer has read the Welsh"
    )
    date: str | None = None
    url: str | None = None


class Source(Strict):
    document: Slug
    section: str


class Timing(Strict):
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


class WelshTexts(Strict):
    """The Welsh title and note of a national rule, and whether they await review."""

    title_cy: str | None = Field(default=None, min_length=1)
    note_cy: str | None = Field(default=None, min_length=1)
    review: Literal["needed", "done"] | None = Field(
        default=None, description="needed until a Welsh-language officer has read the Welsh"
    )


class Dated(WelshTexts, Timing):
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
    of ``when``. ``assumed: true`` when the sources do not date it more closely than
    the deadline: ``when`` is then the deadline, never a later day no source states."""

    when: WhenText
    source: Source
    assumed: bool = Field(default=False, strict=True)


class Milestone(Dated):
    """A milestone with fixed dates, as the source documents give them."""

    completed: NationalCompletion | None = None

    @model_validator(mode="after")
    def _assumed_completion_on_time(self) -> Milestone:
        done = self.completed
        if done is not None and done.assumed and done.when.last > self.when.last:
            raise ValueError(
                "an assumed completion is counted from the deadline at the latest: a later "
                "day needs a source that states it"
            )
        return self


class Cycle(Dated):
    """A milestone that repeats every ``every`` years (see ``national.Cycle``).

    ``window``/``due`` are the dates of the occurrence for planning year ``first``.
    """

    every: int = Field(default=1, ge=1, le=10, strict=True)
    first: PlanningYear
    until: PlanningYear | None = None

    @model_validator(mode="after")
    def _names_year(self) -> Cycle:
        for title in (self.title, self.title_cy or "{year}"):
            if "{year}" not in title and "{years}" not in title:
                raise ValueError("a cycle's title must name its planning year with {year}")
        if self.until is not None and self.until < self.first:
            raise ValueError("'until' is before 'first'")
        return self


class Cadence(WelshTexts):
    """A governance rhythm with no dates of its own (local files give the first meeting)."""

    id: Slug
    title: str
    owners: list[KindName] = Field(min_length=1)
    involved: list[KindName] = []
    every_months: int = Field(ge=1, le=12, strict=True)
    agenda_days: int = Field(default=DEFAULT_AGENDA_DAYS, ge=0, le=90, strict=True)
    papers: Literal["friday-before"] = "friday-before"
    minutes_working_days: int = Field(
        default=DEFAULT_MINUTES_WORKING_DAYS, ge=0, le=60, strict=True
    )
    minutes_basis: Basis = Basis.ASSUMED
    meeting_note: str | None = None
    meeting_note_cy: str | None = Field(default=None, min_length=1)
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
                "title_cy": rule.title_cy,
                "note_cy": rule.note_cy,
                "review": rule.review == "needed",
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
                key: national.Document(doc.title, doc.date, doc.url, doc.title_cy)
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
                    completed_assumed=bool(m.completed and m.completed.assumed),
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
                    meeting_note_cy=c.meeting_note_cy,
                )
                for c in self.cadences
            ),
        )


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

    def plain(self) -> national.NationalBodies:
        """The validated bodies as plain values."""

        def plain(body: NationalBody) -> national.NationalBody:
            return national.NationalBody(
                id=body.id,
                name=body.name,
                welsh_name=body.welsh_name,
                aliases=tuple(body.aliases),
                health_board=getattr(body, "health_board", None),
                local_authorities=tuple(getattr(body, "local_authorities", ())),
            )

        return national.NationalBodies(
            tuple(plain(b) for b in self.health_boards),
            tuple(plain(b) for b in self.local_authorities),
            tuple(plain(b) for b in self.regional_partnership_boards),
        )

    def sections(self) -> list[tuple[str, Sequence[NationalBody]]]:
        return [
            ("health_boards", self.health_boards),
            ("local_authorities", self.local_authorities),
            ("regional_partnership_boards", self.regional_partnership_boards),
        ]


# --- local files ---------------------------------------------------------------------------

_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


def _day_only(when: When) -> When:
    if not (when.is_single and when.end.precision is Precision.DAY):
        raise ValueError(f"{when.text!r} is not a single day: write it as 2026-11-30")
    return when


def _clock_time(value: str) -> str:
    if not _TIME.fullmatch(value):
        raise ValueError(f'{value!r} is not a time of day: write it as "14:00" (quoted)')
    return value


def _local_kind(kind: Kind) -> Kind:
    if kind not in LOCAL_KINDS:
        raise ValueError(
            f"local files name PCPGs, clusters and PCs; {kind.value!r} bodies are national "
            "(data/bodies.yaml)"
        )
    return kind


Day = Annotated[
    WhenText,
    AfterValidator(_day_only),
    WithJsonSchema({"type": "string", "format": "date", "description": "a day, e.g. 2026-11-30"}),
]
ClockTime = Annotated[
    str,
    AfterValidator(_clock_time),
    WithJsonSchema({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"}),
]
LocalKind = Annotated[
    KindName,
    AfterValidator(_local_kind),
    WithJsonSchema({"type": "string", "enum": [k.value for k in LOCAL_KINDS]}),
]


class LocalBody(Strict):
    """A PCPG, cluster or PC: a cluster's parent is a PCPG, a PC's a cluster, a PCPG's a
    health board or local authority from data/bodies.yaml."""

    id: Slug
    kind: LocalKind
    name: str = Field(min_length=1)
    welsh_name: str | None = None
    parent: Slug


class Dropped(Strict):
    """A deadline the bodies will no longer meet, and why: from ``date`` on, it is no
    longer overdue (it shows as past, with the reason)."""

    date: Day
    reason: str = Field(min_length=1)


class Deadline(Timing):
    """An internal deadline, set ahead of the national milestone it ``feeds``.

    It stays overdue until every owning body has a completion, or ``dropped`` records
    that it was given up.
    """

    id: Slug
    title: str = Field(min_length=1)
    title_cy: str | None = Field(default=None, min_length=1, description="the title in Welsh")
    owners: list[str] = Field(min_length=1, description="kinds of body or ids of bodies")
    involved: list[str] = []
    lead_days: LeadDays | None = None
    feeds: Slug | None = Field(
        default=None,
        description="a national milestone, cycle or occurrence id; the internal date must "
        "fall on or before its deadline in the same financial year",
    )
    depends_on: list[Slug] = []
    note: str | None = None
    dropped: Dropped | None = None


class Completion(Strict):
    """A milestone, deadline or meeting task done by a body, on a day."""

    item: str = Field(min_length=1, description="a milestone occurrence, deadline or task id")
    body: Slug
    date: Day
    note: str | None = None


class Meeting(Strict):
    """A meeting series of one body, with deadlines derived from each meeting.

    Without ``rrule``, meetings fall every ``every_months`` months on the same weekday
    of the month as ``start`` (the second Tuesday, say), or as ``weekday`` and ``week``
    say (``week: -1`` for the last one).
    """

    id: Slug
    body: Slug
    title: str | None = None
    title_cy: str | None = Field(default=None, min_length=1, description="the title in Welsh")
    cadence: Slug | None = Field(default=None, description="e.g. pcpg-meeting")
    start: Day
    until: Day | None = None
    count: int | None = Field(default=None, ge=1, le=1000, strict=True)
    every_months: int | None = Field(default=None, ge=1, le=12, strict=True)
    weekday: Literal[WEEKDAYS] | None = None  # type: ignore[valid-type]
    week: Literal[1, 2, 3, 4, -1] | None = None
    rrule: str | None = Field(
        default=None, description="an RFC 5545 RRULE, e.g. FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"
    )
    time: ClockTime | None = None
    duration_minutes: int = Field(default=120, ge=5, le=1440, strict=True)
    place: str | None = None
    agenda_days: int | None = Field(default=None, ge=0, le=90, strict=True)
    papers: Literal["friday-before", "none"] | None = None
    minutes_working_days: int | None = Field(default=None, ge=0, le=60, strict=True)
    lead_days: LeadDays = 7
    track: bool = Field(
        default=False,
        strict=True,
        description="treat agenda, papers and minutes as deadlines that stay overdue until "
        "completed (by default they are reminders, past once their day has gone)",
    )

    def plain(self) -> local.Meeting:
        return local.Meeting(**dict(self))

    @model_validator(mode="after")
    def _rule_or_fields(self) -> Meeting:
        if self.rrule and (self.every_months or self.weekday or self.week):
            raise ValueError("give either 'rrule' or every_months/weekday/week, not both")
        if (self.weekday is None) != (self.week is None):
            raise ValueError("'weekday' and 'week' go together")
        return self


SECTIONS = ("bodies", "deadlines", "completions", "meetings")


def _null_sections(schema: dict[str, Any]) -> None:
    """In the JSON Schema too, a section with every entry commented out may be empty."""
    for name in SECTIONS:
        section = schema.get("properties", {}).get(name)
        if section is not None and "type" in section:
            section["type"] = [section["type"], "null"]


class LocalPlan(Strict):
    """A local file: ``acd init`` writes a commented starter one."""

    model_config = ConfigDict(json_schema_extra=_null_sections)

    version: Literal[1]
    health_board: Slug | None = None
    bodies: list[LocalBody] = []
    deadlines: list[Deadline] = []
    completions: list[Completion] = []
    meetings: list[Meeting] = []

    @model_validator(mode="before")
    @classmethod
    def _empty_sections(cls, data: Any) -> Any:
        """``completions:`` with nothing under it (its entries commented out) is empty."""
        if isinstance(data, dict) and any(data.get(k, []) is None for k in SECTIONS):
            return {k: [] if k in SECTIONS and v is None else v for k, v in data.items()}
        return data

    def plain(self) -> local.LocalPlan:
        """The validated file as the plain values the commands work with."""
        return local.LocalPlan(
            health_board=self.health_board,
            bodies=tuple(
                local.LocalBody(b.id, b.kind, b.name, b.parent, b.welsh_name) for b in self.bodies
            ),
            deadlines=tuple(
                local.Deadline(
                    id=d.id,
                    title=d.title,
                    title_cy=d.title_cy,
                    when=d.when,
                    is_deadline=d.is_deadline,
                    owners=tuple(d.owners),
                    involved=tuple(d.involved),
                    lead_days=d.lead_days,
                    feeds=d.feeds,
                    depends_on=tuple(d.depends_on),
                    note=d.note,
                    dropped=local.Dropped(d.dropped.date, d.dropped.reason) if d.dropped else None,
                )
                for d in self.deadlines
            ),
            completions=tuple(
                local.Completion(c.item, c.body, c.date, c.note) for c in self.completions
            ),
            meetings=tuple(m.plain() for m in self.meetings),
        )
