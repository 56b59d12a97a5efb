"""From a query to what a report shows: the inputs loaded, the body named, the items.

``due``, ``ics`` and ``timeline`` ask through here. Local files are checked with every
rule before any report uses them, and a file with errors is refused with its first
error and a count (``acd check`` lists them all).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from acd_calendar.errors import InputError, UsageError
from acd_calendar.load import load

if TYPE_CHECKING:
    from acd_calendar.bodies import Body, Registry
    from acd_calendar.i18n import Heading
    from acd_calendar.kinds import Kind
    from acd_calendar.local import LocalPlan
    from acd_calendar.national import Dataset
    from acd_calendar.query import Query
    from acd_calendar.schedule import Item, Report


class Inputs(NamedTuple):
    """What a query's report is made from, with the kind and body it is for."""

    dataset: Dataset
    plans: list[LocalPlan]
    registry: Registry
    kind: Kind | None
    body: Body | None

    @property
    def heading(self) -> Heading:
        """Whom the report is for, to be said in each language (``Heading.text``)."""
        from acd_calendar.i18n import Heading

        if self.body is not None:
            return Heading(self.body.kind, self.body.name, self.body.welsh_name)
        return Heading(self.kind)

    def items(self, query: Query) -> list[Item]:
        """National and local items whose windows touch the query's range (with
        ``open_local``, local ones from the first local date: a missed local deadline
        stays overdue until done or dropped)."""
        from acd_calendar.combined import combined_items, local_first_day
        from acd_calendar.schedule import first_day

        first = query.first or first_day(self.dataset)
        local_first = local_first_day(self.plans) if query.open_local else None
        return combined_items(
            self.dataset, self.plans, self.registry, first, query.last, local_first
        )


def load_inputs(query: Query) -> Inputs:
    """The national data and the query's local files, refused at their first error."""
    loaded = load(query.files, query.data)
    if loaded.files:
        from acd_calendar.checks import Context
        from acd_calendar.lint import check_run
        from acd_calendar.positions import first_error

        context = Context(loaded.dataset, loaded.national, query.as_of)
        for checked in check_run(loaded, context):
            if (error := first_error(checked.problems, ": see acd check")) is not None:
                raise error
            if checked.file.plan is None:
                raise InputError("not a local file (it holds national data)", checked.path)
    registry = loaded.registry()
    kind, body = named_body(registry, query.kind, query.body)
    return Inputs(loaded.dataset, [plan for _, plan in loaded.plans], registry, kind, body)


def named_body(
    registry: Registry, kind: Kind | None, body: str | None
) -> tuple[Kind | None, Body | None]:
    """The kind and body a report is for: ``--body`` names one body of its own kind."""
    if body is None:
        return kind, None
    named = registry.get(body.strip())
    if named is None:
        from acd_calendar.suggest import hint

        where = "the --file files" if registry.local else "data/bodies.yaml"
        more = (
            ""
            if registry.local
            else " (a PCPG, cluster or PC of a local file needs --file FILE, or files in acd.toml)"
        )
        known = [*registry.bodies, *registry.aliases]
        raise UsageError(f"--body: no body {body!r} in {where}{hint(body.strip(), known)}{more}")
    if kind is not None and kind is not named.kind:
        raise UsageError(f"--body: {named.id!r} is a {named.kind.value}, not a {kind.value}")
    return named.kind, named


def report_for(query: Query) -> tuple[Report, Heading]:
    """The report for the query's kind or body over its range, and its heading."""
    from acd_calendar.combined import completed, completions_by_item
    from acd_calendar.schedule import due_report

    inputs = load_inputs(query)
    items = inputs.items(query)
    body_id = inputs.body.id if inputs.body else None
    done = completed(inputs.plans, body_id, items, query.as_of, inputs.registry)
    report = due_report(
        items,
        query.horizon,
        inputs.kind,
        show_all=query.show_all,
        done=done,
        body=body_id,
        completions=completions_by_item(inputs.plans, items, inputs.registry),
        related=inputs.registry.related(body_id) if body_id else None,
    )
    return report, inputs.heading
