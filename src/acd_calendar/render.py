"""Reports as text for people (rich tables), JSON for programs and CSV for Excel.

The JSON and CSV fields are a public contract: add to them, never rename or drop.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from acd_calendar.dates import long_day_label
from acd_calendar.kinds import Kind
from acd_calendar.schedule import Entry, Item, ItemKind, Report, Status
from acd_calendar.text import clean

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console

    from acd_calendar.problems import Problem

STATUS_STYLE = {
    Status.OVERDUE: "bold red",
    Status.WAITING: "magenta",
    Status.DUE: "bold yellow",
    Status.UPCOMING: "cyan",
    Status.DONE: "green",
    Status.LATER: "dim",
    Status.PAST: "dim",
}

CSV_FIELDS = [
    "id",
    "title",
    "status",
    "start",
    "end",
    "days_left",
    "when",
    "role",
    "owners",
    "involved",
    "basis",
    "source_document",
    "source_section",
    "depends_on",
    "kind",
    "body",
    "waiting_on",
    "bodies",
    "assumed",
]
SECTION_TITLES = {Status.WAITING: "Waiting on others"}


def days_text(days: int, status: Status | None = None) -> str:
    """Days left or late; a done or past item is never called late (no source says when
    it was done, or it was dropped or a reminder)."""
    if status is Status.DONE:
        return "done"
    if days == 0:
        return "today"
    unit = "day" if abs(days) == 1 else "days"
    if days < 0 and status is Status.PAST:
        return f"{-days} {unit} ago"
    return f"{days} {unit} left" if days > 0 else f"{-days} {unit} late"


def completed_text(item: Item) -> str:
    """A national fact of completion, with its source."""
    day = f"by {item.completed_on}" if item.completed_assumed else f"on {item.completed_on}"
    why = " (the day is assumed: the sources date it no closer)" if item.completed_assumed else ""
    source = item.completed_source
    cited = f"; {source.document}, {source.section}" if source else ""
    return f"done {day}{why}{cited}"


def bodies_text(entry: Entry) -> str:
    """Each owning body's status in a line: "done by 1 of 6; overdue: mid-powys, ..."."""
    bodies = entry.bodies
    done = sum(1 for b in bodies if b.status is Status.DONE)
    parts = [f"done by {done} of {len(bodies)}"]
    for status in sorted({b.status for b in bodies} - {Status.DONE}, key=lambda s: s.order):
        parts.append(f"{status.value}: {', '.join(b.id for b in bodies if b.status is status)}")
    return "; ".join(parts)


def entry_record(
    entry: Entry, body: str | None = None, as_of: date | None = None
) -> dict[str, Any]:
    """One item of a report. A drop dated after ``as_of`` is not yet in effect and not
    shown (``acd check`` warns of it); ``completed`` is a national fact of completion."""
    item = entry.item
    dropped = item.dropped_on is not None and (as_of is None or item.dropped_on <= as_of)
    national_done = item.completed_on is not None and (as_of is None or item.completed_on <= as_of)
    return {
        "id": item.id,
        "title": item.title,
        "status": entry.status.value,
        "start": item.start.isoformat() if item.start else None,
        "end": item.end.isoformat(),
        "days_left": entry.days_left,
        "when": item.when_label,
        "role": entry.role.value if entry.role else None,
        "owners": [k.value for k in item.owners] + list(item.owner_bodies),
        "involved": [k.value for k in item.involved],
        "basis": item.basis.value if item.basis else None,
        "source": {"document": item.source.document, "section": item.source.section}
        if item.source
        else None,
        "depends_on": list(item.depends_on),
        "kind": item.kind.value,
        "body": body or item.body,
        "waiting_on": list(entry.waiting_on),
        "bodies": [
            {
                "id": b.id,
                "status": b.status.value,
                "completed_on": b.completed_on.isoformat() if b.completed_on else None,
            }
            for b in entry.bodies
        ],
        "assumed": item.assumed,
        "dropped": {"date": item.dropped_on.isoformat(), "reason": item.dropped_reason}
        if dropped and item.dropped_on
        else None,
        "note": item.note,
        "completed": {
            "date": item.completed_on.isoformat(),
            "assumed": item.completed_assumed,
            "source": {
                "document": item.completed_source.document,
                "section": item.completed_source.section,
            }
            if item.completed_source
            else None,
        }
        if national_done and item.completed_on
        else None,
    }


def report_json(report: Report, as_name: str | None = None) -> str:
    document = {
        "as_of": report.as_of.isoformat(),
        "as": as_name if as_name is not None else (report.kind.value if report.kind else None),
        "items": [entry_record(e, report.body, report.as_of) for e in report.entries],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def formula_safe(value: Any) -> Any:
    """Text that Excel would run as a formula (=, +, -, @, tab, CR first) gets a leading
    apostrophe, as OWASP advises for CSV injection; numbers stay numbers. Control
    characters in text are replaced (``acd_calendar.text``)."""
    from acd_calendar.text import clean, csv_cell

    return csv_cell(clean(value, multiline=True)) if isinstance(value, str) else value


def excel_csv(fields: list[str], records: Iterable[dict[str, Any]]) -> str:
    """CSV for Excel: a UTF-8 byte order mark so that Welsh names open correctly, CRLF
    rows, lists joined with "; ", None as an empty cell and no cell a formula."""
    import csv
    import io

    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([formula_safe(name) for name in fields])
    for record in records:
        writer.writerow(
            [
                formula_safe(
                    "" if value is None else "; ".join(value) if isinstance(value, list) else value
                )
                for value in (record.get(name) for name in fields)
            ]
        )
    return out.getvalue()


def report_csv(report: Report) -> str:
    """The JSON fields, one row an item; the source split into document and section."""

    def flat(entry: Entry) -> dict[str, Any]:
        record = entry_record(entry, report.body, report.as_of)
        record.pop("note")
        record.pop("completed")
        source = record.pop("source") or {}
        record["source_document"] = source.get("document", "")
        record["source_section"] = source.get("section", "")
        record["bodies"] = [f"{b['id']}={b['status']}" for b in record["bodies"]]
        record["assumed"] = "yes" if record["assumed"] else "no"
        dropped = record.pop("dropped")
        record["dropped_on"] = dropped["date"] if dropped else None
        record["dropped_reason"] = dropped["reason"] if dropped else None
        return record

    fields = [*CSV_FIELDS, "dropped_on", "dropped_reason"]
    return excel_csv(fields, (flat(e) for e in report.entries))


def catalogue_json(rows: list[dict[str, Any]], kind: Kind | None) -> str:
    document = {"as": kind.value if kind else None, "milestones": rows}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def catalogue_csv(rows: list[dict[str, Any]]) -> str:
    return excel_csv(list(rows[0]) if rows else ["id"], rows)


def print_catalogue(rows: list[dict[str, Any]], console: Console) -> None:
    """``acd list``: when, then the title with its id, owners and basis."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, highlight=False)
    table.add_column("When", max_width=30)
    table.add_column("Milestone", min_width=40)
    for row in rows:
        title = Text(clean(str(row["title"])))
        title.append(
            clean(f"\n{row['id']} · {', '.join(row['owners'])} · {row['basis']}", multiline=True),
            style="dim",
        )
        table.add_row(str(row["when"]), title)
    console.print(table)


def print_report(report: Report, console: Console, heading: str) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console.print(Text(clean(f"{heading}, as of {long_day_label(report.as_of)}"), style="bold"))
    if not report.entries:
        console.print("Nothing overdue, due or upcoming. `acd due --all` lists everything.")
        return
    for status in Status:
        group = [e for e in report.entries if e.status is status]
        if not group:
            continue
        table = Table(
            box=box.SIMPLE_HEAD,
            title=f"{SECTION_TITLES.get(status, status.value.capitalize())} ({len(group)})",
            title_justify="left",
            title_style=STATUS_STYLE[status],
            show_edge=False,
            pad_edge=False,
            expand=False,
            highlight=False,
        )
        table.add_column("When", no_wrap=True)
        table.add_column("Days", justify="right", no_wrap=True)
        table.add_column("Item", min_width=30)
        table.add_column("Role" if report.kind else "Owners", max_width=24)
        for entry in group:
            item = entry.item
            title = Text(clean(item.title))
            basis = item.basis.value if item.basis else item.kind.value
            title.append(clean(f"\n{item.id} · {basis}", multiline=True), style="dim")
            if entry.waiting_on:
                title.append(f"\nwaiting on {', '.join(entry.waiting_on)}")
            if len(entry.bodies) > 1 and report.body not in item.bodies:
                title.append(f"\n{bodies_text(entry)}", style="dim")
            if item.dropped_on is not None and item.dropped_on <= report.as_of:
                title.append(
                    clean(f"\ndropped on {item.dropped_on}: {item.dropped_reason}", multiline=True)
                )
            if item.kind is ItemKind.MEETING and item.note:
                title.append(clean(f"\n{item.note}", multiline=True), style="dim")
            if status is Status.DONE and item.completed_on is not None:
                title.append(clean(f"\n{completed_text(item)}", multiline=True), style="dim")
            when = Text(item.when_label)
            if item.assumed:
                when.append("\nassumed date", style="dim")
            who = (
                entry.role.value
                if entry.role
                else ", ".join([k.value for k in item.owners] + list(item.owner_bodies))
            )
            table.add_row(
                when,
                Text(days_text(entry.days_left, status), style=STATUS_STYLE[status]),
                title,
                who,
            )
        console.print()
        console.print(table)
    counts = ", ".join(
        f"{sum(1 for e in report.entries if e.status is s)} {s.value}"
        for s in Status
        if any(e.status is s for e in report.entries)
    )
    assumed = sum(1 for e in report.entries if e.item.assumed)
    if assumed:
        counts += f"; {assumed} on assumed dates" if assumed > 1 else "; 1 on an assumed date"
    console.print()
    console.print(counts)


def _status_details(details: dict[str, Any]) -> str:
    """``acd show``'s status line: never "late" for a done item."""
    value = details["status"]
    if done := details.get("completed"):
        how = "by" if done["assumed"] else "on"
        assumed = ", day assumed" if done["assumed"] else ""
        return f"{value} ({how} {done['date']}{assumed}; as of {details['as_of']})"
    days = days_text(int(details["days_left"]), Status(value))
    return f"{value} ({days} on {details['as_of']})"


def print_details(details: dict[str, Any], console: Console) -> None:
    """``acd show``: one item as a list of labelled lines."""
    from rich.table import Table
    from rich.text import Text

    console.print(Text(clean(str(details["title"])), style="bold"))
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    labels = [
        ("id", "Id"),
        ("type", "Type"),
        ("when", "When"),
        ("status", "Status"),
        ("planning_year", "Planning year"),
        ("owners", "Owners"),
        ("involved", "Involved"),
        ("basis", "Basis"),
        ("lead_days", "Lead time"),
        ("agenda_days", "Agenda items"),
        ("papers", "Papers"),
        ("minutes_working_days", "Draft minutes"),
        ("source", "Source"),
        ("completed", "Completed per"),
        ("note", "Note"),
    ]
    for key, label in labels:
        value = details.get(key)
        if value is None or value == []:
            continue
        if key == "status":
            value = _status_details(details)
        elif key == "completed":
            source = value["source"]
            value = f"{source['document']}, {source['section']}" if source else value["date"]
        elif key == "source":
            value = f"{value['document']}, {value['section']}"
        elif key in ("lead_days", "agenda_days"):
            value = f"{value} days before"
        elif key == "minutes_working_days":
            value = f"{value} working days after"
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        table.add_row(label, clean(str(value), multiline=True))
    console.print(table)
    for key, label in (
        ("depends_on", "Depends on"),
        ("needed_by", "Needed by"),
        ("next", "Next occurrences"),
    ):
        linked = details.get(key) or []
        if not linked:
            continue
        console.print()
        console.print(Text(label, style="bold"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column()
        for link in linked:
            grid.add_row(
                clean(f"  {link['id']}"),
                str(link.get("when", "")),
                clean(str(link.get("title", ""))),
            )
        console.print(grid)


# --- acd check ------------------------------------------------------------------------------


def problems_text(problems: list[Problem]) -> str:
    return "".join(f"{clean(str(p))}\n" for p in problems)


def problems_json(problems: list[Problem], summary_line: str) -> str:
    records = [
        {
            "path": p.path,
            "line": p.line,
            "column": p.column,
            "level": p.level.value,
            "code": p.code,
            "message": p.message,
        }
        for p in problems
    ]
    document = {"problems": records, "summary": summary_line}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def problems_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: one annotation per problem."""
    lines = []
    for p in problems:
        properties = ",".join(
            [
                f"file={_github_escape(p.path, property_value=True)}",
                f"line={p.line}",
                f"col={p.column}",
                f"title={_github_escape(p.code, property_value=True)}",
            ]
        )
        lines.append(f"::{p.level.value} {properties}::{_github_escape(p.message)}\n")
    return "".join(lines)
