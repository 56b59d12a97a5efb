"""Reports as text for people (rich tables), JSON for programs and CSV for Excel.

The JSON and CSV fields are a public contract: add to them, never rename or drop.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from acd_calendar.i18n import ENGLISH, N_, Heading, Tongue, Voice
from acd_calendar.kinds import Kind
from acd_calendar.schedule import Entry, Item, ItemKind, Report, Status
from acd_calendar.text import clean

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console

    from acd_calendar import plain
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
# After the dropped_on and dropped_reason columns: earlier columns keep their place.
CSV_LAST_FIELDS = ["dropped_on", "dropped_reason", "title_cy"]
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


def welsh_title(item: Item) -> str | None:
    """An item's Welsh title, None when it has none (JSON ``title_cy``, CSV column)."""
    if item.meeting_day is None:
        return item.title_cy
    if item.series_title is not None and item.series_title_cy is None:
        return None
    return Tongue("cy").meeting_title(item)


def _completed_in(item: Item, t: Tongue) -> str:
    """A national fact of completion in ``t``'s language (the source is in ``acd show``)."""
    if t.welsh or item.completed_source is None:
        day = str(item.completed_on)
        if item.completed_assumed:
            return t._(
                "done by {date} (the day is assumed: the sources date it no closer)", date=day
            )
        return t._("done on {date}", date=day)
    return completed_text(item)


def bodies_text(entry: Entry, tongue: Tongue = ENGLISH.first) -> str:
    """Each owning body's status in a line: "done by 1 of 6; overdue: mid-powys, ..."."""
    bodies = entry.bodies
    done = sum(1 for b in bodies if b.status is Status.DONE)
    parts = [tongue._("done by {done} of {total}", done=done, total=len(bodies))]
    for status in sorted({b.status for b in bodies} - {Status.DONE}, key=lambda s: s.order):
        ids = ", ".join(b.id for b in bodies if b.status is status)
        parts.append(f"{tongue.term(status.value)}: {ids}")
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
        "title_cy": welsh_title(item),
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

    fields = [*CSV_FIELDS, *CSV_LAST_FIELDS]
    return excel_csv(fields, (flat(e) for e in report.entries))


def catalogue_json(rows: list[dict[str, Any]], kind: Kind | None) -> str:
    document = {"as": kind.value if kind else None, "milestones": rows}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def catalogue_csv(rows: list[dict[str, Any]]) -> str:
    """The JSON fields of ``acd list``; ``title_cy`` last, so earlier columns keep their place."""
    fields = [f for f in rows[0] if f != "title_cy"] + ["title_cy"] if rows else ["id"]
    return excel_csv(fields, rows)


def print_catalogue(rows: list[dict[str, Any]], console: Console, voice: Voice = ENGLISH) -> None:
    """``acd list``: when, then the title with its id, owners and basis; one item a
    block when the terminal is too narrow for the table."""
    from rich.text import Text

    from acd_calendar.fit import Column, print_first_fitting, print_unbroken

    when = Column(voice._("When"), [clean(str(row["when"])) for row in rows])
    owners = voice.first.term
    titles = []
    for row in rows:
        title = Text(clean(voice.text(lambda t: t.rule_title(row["title"], row.get("title_cy")))))  # noqa: B023
        title.append(
            clean(
                f"\n{row['id']} · {', '.join(owners(o) for o in row['owners'])}"
                f" · {owners(row['basis'])}",
                multiline=True,
            ),
            style="dim",
        )
        titles.append(title)
    if print_first_fitting(console, [[when, Column(voice._("Milestone"), titles)]]):
        return
    id_label = voice._("Id").lower()
    for row, title in zip(rows, titles, strict=True):
        console.print()
        print_unbroken(console, Text(title.plain.split("\n")[0], style="bold"))
        print_unbroken(console, clean(f"{id_label}: {row['id']}"), indent=2, whole=True)
        for label, value in (
            (voice._("When"), row["when"]),
            (voice._("Owners"), ", ".join(owners(o) for o in row["owners"])),
            (voice._("Basis"), owners(row["basis"])),
        ):
            print_unbroken(console, clean(f"{label.lower()}: {value}"), indent=2)


def print_report(  # noqa: C901 (three layouts, then blocks)
    report: Report,
    console: Console | plain.Console,
    heading: str | Heading,
    voice: Voice = ENGLISH,
) -> None:
    """``acd due``: a table a status, with the widest layout that fits the terminal
    (When and Days merge, then join the item), else one item a block. A
    ``plain.Console`` (a pipe) gets the same text without rich, in the same language."""
    from acd_calendar import plain
    from acd_calendar.fit import Column, print_first_fitting, print_unbroken

    if isinstance(console, plain.Console):
        Text: Any = plain.Text
    else:
        from rich.text import Text

    console.print(
        Text(
            clean(
                voice.text(
                    lambda t: t._(
                        "{heading}, as of {date}",
                        heading=heading_in(t, heading),
                        date=t.long_date(report.as_of),
                    ),
                    "\n",
                ),
                multiline=True,
            ),
            style="bold",
        )
    )
    if not report.entries:
        console.print(
            voice._("Nothing overdue, due or upcoming. `acd due --all` lists everything.")
        )
        return
    term = voice.first.term
    who_header = voice._("Role") if report.kind else voice._("Owners")
    when_header, days_header, item_header = voice._("When"), voice._("Days"), voice._("Item")
    id_label = voice._("Id").lower()
    for status in Status:
        group = [e for e in report.entries if e.status is status]
        if not group:
            continue
        style = STATUS_STYLE[status]
        label = voice.text(lambda t: t.status_label(status.value))  # noqa: B023
        heading_text = f"{label} ({len(group)})"
        whens: list[Text] = []
        days: list[Text] = []
        items: list[Text] = []
        whos: list[str] = []
        extras: list[list[tuple[str, str]]] = []
        bases: list[Text] = []  # the title and id, without the lines that follow
        for entry in group:
            item = entry.item
            title = Text(clean(voice.title(item)))
            basis = item.basis.value if item.basis else item.kind.value
            title.append(clean(f"\n{item.id} · {term(basis)}", multiline=True), style="dim")
            more: list[tuple[str, str]] = []
            if entry.waiting_on:
                more.append((voice.text(partial(_waiting_on, entry.waiting_on)), ""))
            if len(entry.bodies) > 1 and report.body not in item.bodies:
                more.append((bodies_text(entry, voice.first), "dim"))
            if item.dropped_on is not None and item.dropped_on <= report.as_of:
                dropped = item.dropped_on.isoformat()
                reason = str(item.dropped_reason)
                text = voice.text(
                    lambda t: t._(
                        "dropped on {date}: {reason}",
                        date=dropped,  # noqa: B023
                        reason=reason,  # noqa: B023
                    )
                )
                more.append((clean(text, multiline=True), ""))
            if item.kind is ItemKind.MEETING and item.note:
                note = voice.first.note(item) or item.note
                more.append((clean(note, multiline=True), "dim"))
            if status is Status.DONE and item.completed_on is not None:
                done = (
                    completed_text(item)
                    if voice.english
                    else voice.text(partial(_completed_in, item), "\n")
                )
                more.append((clean(done, multiline=True), "dim"))
            bases.append(title.copy())
            for text, extra_style in more:
                title.append(f"\n{text}", style=extra_style)
            when = Text(voice.text(lambda t: t.when_label(item.when, item.is_deadline), "\n"))  # noqa: B023
            if item.assumed:
                when.append("\n" + voice._("assumed date"), style="dim")
            items.append(title)
            whens.append(when)
            extras.append(more)
            days.append(
                Text(
                    days_text(entry.days_left, status)
                    if voice.english
                    else voice.first.days_text(entry.days_left, status.value),
                    style=style,
                )
            )
            whos.append(
                term(entry.role.value)
                if entry.role
                else ", ".join([term(k.value) for k in item.owners] + list(item.owner_bodies))
            )
        merged = [w.copy().append("\n").append_text(d) for w, d in zip(whens, days, strict=True)]
        under = []
        for base, when_text, day, more in zip(bases, whens, days, extras, strict=True):
            cell = base.copy().append("\n" + when_text.plain.replace("\n", ", ") + " · ", "dim")
            cell.append_text(day)
            for text, extra_style in more:
                cell.append(f"\n{text}", style=extra_style)
            under.append(cell)
        layouts = [
            [
                Column(when_header, list(whens)),
                Column(days_header, list(days), justify="right"),
                Column(item_header, list(items)),
                Column(who_header, list(whos)),
            ],
            [
                Column(when_header, merged),
                Column(item_header, list(items)),
                Column(who_header, whos),
            ],
            [Column(item_header, under), Column(who_header, list(whos))],
        ]
        console.print()
        if print_first_fitting(
            console, layouts, title=heading_text, title_justify="left", title_style=style
        ):
            continue
        console.print(Text(heading_text, style=style))
        for entry, when, day, who, more in zip(group, whens, days, whos, extras, strict=True):
            console.print()
            print_unbroken(console, Text(clean(voice.title(entry.item)), style="bold"))
            print_unbroken(console, clean(f"{id_label}: {entry.item.id}"), indent=2, whole=True)
            shown = when.plain.replace("\n", ", ")
            print_unbroken(
                console, Text(f"{when_header.lower()}: {shown} · ").append_text(day), indent=2
            )
            print_unbroken(console, f"{who_header.lower()}: {who}", indent=2)
            for text, extra_style in more:
                print_unbroken(console, Text(text, style=extra_style), indent=2)
    counts = ", ".join(
        f"{sum(1 for e in report.entries if e.status is s)} {term(s.value)}"
        for s in Status
        if any(e.status is s for e in report.entries)
    )
    assumed = sum(1 for e in report.entries if e.item.assumed)
    if assumed:
        counts += "; " + voice.first.ngettext(
            "{n} on an assumed date", "{n} on assumed dates", assumed
        )
    console.print()
    console.print(counts)


PAPERS = {
    "friday-before": "by the Friday before the meeting",
    "none": "none",
}


def _status_details(details: dict[str, Any]) -> str:
    """``acd show``'s status line: never "late" for a done item."""
    value = details["status"]
    if done := details.get("completed"):
        how = "by" if done["assumed"] else "on"
        assumed = ", day assumed" if done["assumed"] else ""
        return f"{value} ({how} {done['date']}{assumed}; as of {details['as_of']})"
    days = days_text(int(details["days_left"]), Status(value))
    return f"{value} ({days} on {details['as_of']})"


def _detail(key: str, value: Any, details: dict[str, Any], voice: Voice) -> Any:
    """One value of ``acd show`` as people read it, in the chosen language."""
    first = voice.first
    term = first.term
    if key == "status":
        if voice.english:
            return _status_details(details)
        return first._(
            "{status} ({days} on {date})",
            status=term(value),
            days=first.days_text(int(details["days_left"]), value),
            date=details["as_of"],
        )
    if key in ("completed", "source"):
        source = value["source"] if key == "completed" else value
        if not source:
            return value["date"]
        return voice.text(
            lambda t: (
                f"{t.rule_title(source['document'], source.get('document_cy'))}, "
                f"{source['section']}"
            )
        )
    if key in ("lead_days", "agenda_days"):
        return first.ngettext("{n} day before", "{n} days before", value)
    if key == "minutes_working_days":
        return first.ngettext("{n} working day after", "{n} working days after", value)
    if key == "note":
        note = str(value)
        return voice.text(lambda t: t.rule_title(note, details.get("note_cy")), "\n")
    if key == "papers" and voice.english:
        return PAPERS.get(str(value), str(value))
    if key in ("type", "basis", "papers"):
        return term(value)
    if isinstance(value, list):
        return ", ".join(term(str(v)) for v in value)
    return value


def print_details(details: dict[str, Any], console: Console, voice: Voice = ENGLISH) -> None:
    """``acd show``: one item as a list of labelled lines; below 60 columns, or when a
    list of linked items does not fit as a table, one line each."""
    from rich.text import Text

    from acd_calendar.fit import MIN_TABLE, Column, print_first_fitting, print_unbroken

    title = voice.text(lambda t: t.rule_title(details["title"], details.get("title_cy")))
    print_unbroken(console, Text(clean(title), style="bold"))
    labels = [
        ("id", N_("Id")),
        ("type", N_("Type")),
        ("when", N_("When")),
        ("time", N_("Time")),
        ("place", N_("Place")),
        ("rrule", N_("RRULE")),
        ("status", N_("Status")),
        ("planning_year", N_("Planning year")),
        ("owners", N_("Owners")),
        ("involved", N_("Involved")),
        ("basis", N_("Basis")),
        ("lead_days", N_("Lead time")),
        ("agenda_days", N_("Agenda items")),
        ("papers", N_("Papers")),
        ("minutes_working_days", N_("Draft minutes")),
        ("source", N_("Source")),
        ("completed", N_("Completed per")),
        ("note", N_("Note")),
    ]
    keys, names, values = [], [], []
    for key, label in labels:
        value = details.get(key)
        if value is None or value == []:
            continue
        value = _detail(key, value, details, voice)
        keys.append(key)
        names.append(Text(voice._(label), style="bold"))
        values.append(clean(str(value), multiline=True))
    fitted = console.width >= MIN_TABLE and print_first_fitting(
        console, [[Column("", names), Column("", values)]], plain=True
    )
    if not fitted:
        for key, name, value in zip(keys, names, values, strict=True):
            print_unbroken(
                console,
                Text(f"{name.plain}: ", style="bold").append(value),
                whole=key == "id",
            )
    for key, label in (
        ("depends_on", N_("Depends on")),
        ("needed_by", N_("Needed by")),
        ("next", N_("Next occurrences")),
    ):
        linked = details.get(key) or []
        if not linked:
            continue
        console.print()
        console.print(Text(voice._(label), style="bold"))
        ids = [clean(f"  {link['id']}") for link in linked]
        whens = [clean(str(link.get("when", ""))) for link in linked]
        titles = [clean(voice.text(partial(_linked_title, link))) for link in linked]
        joined = [f"{w}: {t}" if w and t else w or t for w, t in zip(whens, titles, strict=True)]
        layouts = [
            [Column("", ids), Column("", whens), Column("", titles)],
            [Column("", ids), Column("", joined)],
        ]
        if not print_first_fitting(console, layouts, plain=True):
            for link_id, text in zip(ids, joined, strict=True):
                print_unbroken(console, link_id.strip(), indent=2, whole=True)
                if text:
                    print_unbroken(console, text, indent=4)


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


def _waiting_on(names: tuple[str, ...] | list[str], tongue: Tongue) -> str:
    """ "waiting on pc": kinds as words, body ids as written."""
    return tongue._("waiting on {ids}", ids=", ".join(tongue.term(n) for n in names))


def _linked_title(link: dict[str, Any], tongue: Tongue) -> str:
    return tongue.rule_title(str(link.get("title", "")), link.get("title_cy"))


def heading_in(tongue: Tongue, heading: str | Heading) -> str:
    return heading if isinstance(heading, str) else heading.text(tongue)
