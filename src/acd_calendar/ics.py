"""iCalendar feeds that Outlook imports and subscribes to.

Choices, and why:

- Every item is a VEVENT: Outlook does not import VTODO.
- Deadlines and windows are all-day events (``VALUE=DATE``, the end exclusive), free
  time (``TRANSP:TRANSPARENT`` and ``X-MICROSOFT-CDO-BUSYSTATUS:FREE``) so they never
  block a diary. Meetings at a time carry ``TZID=Europe/London`` and a VTIMEZONE.
- A window (a period of work, say September to November) is one spanning event plus a
  one-day event on its last day: Outlook shows a spanning event as a banner and its
  reminder fires before the window opens, while the deadline is the last day; the
  one-day event carries the reminder at the item's lead time before that deadline.
- Each event has exactly one VALARM (Outlook keeps one), ``ACTION:DISPLAY``, triggered
  the item's lead time before the event starts.
- Meeting series are written as single events, one per meeting, not as an RRULE:
  Outlook handles only simple rules, and each meeting has its own derived deadlines and
  completions, so each needs its own identity.
- UIDs come from the item id (which holds the planning year or the meeting date) and,
  for milestones and deadlines in a body's feed, the body: never from row order,
  titles or dates.
- SEQUENCE and LAST-MODIFIED: the previous file at the same path is the state. Each
  event carries ``X-ACD-FINGERPRINT``, a hash of what it says; when the fingerprint of
  a UID differs from the previous file's, SEQUENCE rises by one and LAST-MODIFIED moves
  to this export's DTSTAMP, so clients update the event in place. Nothing else is
  stored anywhere.
- DTSTAMP is ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the latest
  modification time of the data files, so the same inputs give the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acd_calendar import __version__
from acd_calendar.i18n import ENGLISH, Tongue, Voice
from acd_calendar.kinds import Kind
from acd_calendar.schedule import Item, ItemKind, Role

if TYPE_CHECKING:
    from acd_calendar.bodies import Body, Registry
    from acd_calendar.local import LocalPlan

PRODID = f"-//acd-calendar//acd-calendar {__version__}//EN"
UID_DOMAIN = "acd-calendar"
TIMEZONE = "Europe/London"
MAX_SEQUENCE = 2**31 - 1  # SEQUENCE is an INTEGER: RFC 5545 allows no more


@dataclass(frozen=True, slots=True)
class Previous:
    """What the previous export said of one UID."""

    fingerprint: str
    sequence: int
    last_modified: datetime


@dataclass(frozen=True, slots=True)
class Feed:
    """One calendar: the items of a kind of body or of one body, with its completions."""

    name: str
    description: str
    items: list[Item]
    done: frozenset[str] = frozenset()
    body: str | None = None
    kind: Kind | None = None
    label: str = ""  # whom it is for, in English: the body's name or the kind's label
    welsh_label: str | None = None  # the body's Welsh name, where it has one
    # item id -> the owning bodies that completed it, and when
    completions: Mapping[str, Mapping[str, date]] = field(default_factory=dict)
    as_of: date | None = None  # a drop dated later is not yet in effect, so not shown
    voice: Voice = ENGLISH


@dataclass
class Feeds:
    """The calendars of one export: every item of the range, and the local files."""

    items: list[Item]
    plans: Sequence[LocalPlan]
    registry: Registry
    first: date
    last: date
    stamp: datetime
    as_of: date | None = None  # completions count from their day up to this one
    cache: Writer = field(default_factory=lambda: Writer())
    voice: Voice = ENGLISH

    def feed(self, kind: Kind | None, body: Body | None = None) -> Feed:
        """The calendar of a kind of body, of one body (its kind's items and its own), or of
        everything (neither)."""
        from acd_calendar.combined import completed, completions_by_item

        kind = body.kind if body else kind
        body_id = body.id if body else None
        chosen = [i for i in self.items if kind is None or i.role_of(kind, body_id)]
        if body_id is not None:
            # a body's calendar names only the owning bodies related to it
            related = self.registry.related(body_id)
            chosen = [
                i._replace(bodies=tuple(b for b in i.bodies if b in related))
                for i in chosen
                if i.body is None or i.body in related
            ]
        by_item = completions_by_item(self.plans, chosen, self.registry)

        def label(t: Tongue) -> str:
            if body:
                return t.body_name(body.name, body.welsh_name)
            return t.kind_label(kind) if kind else t._("every kind of body")

        return Feed(
            name=self.voice.text(lambda t: t._("ACD planning: {kind}", kind=label(t))),
            description=self.voice.text(
                lambda t: t._(
                    "Accelerated Cluster Development milestones and deadlines for {name}, "
                    "{first} to {last}",
                    name=label(t),
                    first=self.first.isoformat(),
                    last=self.last.isoformat(),
                ),
            ),
            items=chosen,
            done=frozenset(completed(self.plans, body_id, chosen, self.as_of, self.registry)),
            body=body_id,
            kind=kind,
            label=body.name if body else (kind.label if kind else "every kind of body"),
            welsh_label=body.welsh_name if body else None,
            completions={
                item_id: {b: d for b, d in days.items() if self.as_of is None or d <= self.as_of}
                for item_id, days in by_item.items()
            },
            as_of=self.as_of,
            voice=self.voice,
        )

    def write(self, path: Path, feed: Feed, previous_dir: Path | None = None) -> None:
        """Write one calendar over the previous one, keeping its SEQUENCE state.

        With no file at ``path`` yet, the file of the same name in ``previous_dir`` (a
        previously published folder) is the state, so a clean build keeps SEQUENCE.
        """
        from acd_calendar.atomic import write_atomic

        write_atomic(path, self.calendar(path, feed, previous_dir))

    def calendar(self, path: Path, feed: Feed, previous_dir: Path | None = None) -> bytes:
        """The calendar ``write`` puts at ``path``, without writing it."""
        before = path
        if not path.is_file() and previous_dir is not None:
            before = previous_dir / path.name
        previous = before.read_bytes() if before.is_file() else None
        return build_calendar(feed, self.stamp, previous_state(previous), self.cache)

    def write_folder(self, folder: Path) -> int:
        """One calendar per kind and per body of the local files, and an index.html.

        Every calendar is made before any is written, and then all are written or none:
        the folder is never left half-rewritten.
        """
        from acd_calendar.atomic import write_all
        from acd_calendar.errors import ExportError
        from acd_calendar.text import file_name_problem

        if folder.exists() and not folder.is_dir():
            raise ExportError(f"{folder}: is a file, not a folder; --out-dir needs a folder")
        created = not folder.exists()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"{folder}: cannot create it: {exc.strerror or exc}") from None
        listed = []
        files: dict[Path, bytes] = {}
        try:
            for name, feed, kind, body in self.folder_feeds():
                if why := file_name_problem(name):
                    raise ExportError(f"{folder / name}: not a file name everywhere: {why}")
                path = folder / name
                try:
                    previous = path.read_bytes() if path.is_file() else None
                except OSError as exc:
                    raise ExportError(f"{path}: cannot read it: {exc.strerror or exc}") from None
                state = previous_state(previous)
                files[path] = build_calendar(feed, self.stamp, state, self.cache)
                listed.append((name, feed.name, self.voice.text(partial(_feed_what, kind, body))))
            voice = self.voice
            page = index_html(listed) if voice.english else index_html_in(listed, voice)
            files[folder / "index.html"] = page.encode("utf-8")
            write_all(files)
        except BaseException:
            if created:
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
        return len(listed)

    def folder_feeds(self) -> list[tuple[str, Feed, Kind, Body | None]]:
        """The calendars of a folder at their stable file names: ``kind-KIND.ics`` for
        each kind, ``body-ID.ics`` for each body of the local files (``acd site`` writes
        the same names, so a subscription survives a move from one to the other)."""
        feeds: list[tuple[str, Feed, Kind, Body | None]] = [
            (f"kind-{kind.value}.ics", self.feed(kind), kind, None) for kind in Kind
        ]
        for body in self.registry.local_bodies():
            feeds.append((f"body-{body.id}.ics", self.feed(None, body), body.kind, body))
        return feeds


def _feed_what(kind: Kind, body: Body | None, t: Tongue) -> str:
    """What a calendar of the folder is for: a kind, or a body and its parent."""
    if body is None:
        return t.kind_label(kind)
    return t._("{kind}, part of {parent}", kind=t.term(body.kind.value), parent=body.parent)


def stamp_from(source_date_epoch: str | None, paths: Iterable[Path]) -> datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH if set, else the newest modification of the inputs."""
    from datetime import UTC

    if source_date_epoch:
        return datetime.fromtimestamp(int(source_date_epoch), UTC)
    times = [int(p.stat().st_mtime) for p in paths if p.exists()]
    return datetime.fromtimestamp(max(times, default=0), UTC)


def previous_state(data: bytes | None) -> dict[str, Previous]:
    """SEQUENCE, LAST-MODIFIED and fingerprint by UID, from a previous export of ours.

    Only those four properties are needed, so the unfolded lines are scanned directly:
    a full parse of a large calendar costs more than writing it. Anything unexpected
    means no state: every event then starts again at SEQUENCE 0.
    """
    from datetime import UTC

    if not data:
        return {}
    text = data.decode("utf-8", errors="replace").replace("\r\n ", "").replace("\r\n\t", "")
    state: dict[str, Previous] = {}
    fields: dict[str, str] = {}
    times: dict[str, datetime] = {}  # most events share one LAST-MODIFIED
    for line in text.split("\r\n"):
        if line == "BEGIN:VEVENT":
            fields = {}
        elif line == "END:VEVENT":
            try:
                written = fields["LAST-MODIFIED"]
                if (modified := times.get(written)) is None:
                    parsed = datetime.strptime(written, "%Y%m%dT%H%M%S%z")
                    modified = times[written] = parsed.astimezone(UTC)
                sequence = int(fields.get("SEQUENCE", "0"))
                if not 0 <= sequence <= MAX_SEQUENCE:
                    return {}
                state[fields["UID"]] = Previous(fields["X-ACD-FINGERPRINT"], sequence, modified)
            except (KeyError, ValueError):
                return {}
        else:
            name, _, value = line.partition(":")
            if name in ("UID", "SEQUENCE", "LAST-MODIFIED", "X-ACD-FINGERPRINT"):
                fields.setdefault(name, value)
    return state


def describe(item: Item, *, done: bool, feed: Feed | None = None) -> str:
    """The DESCRIPTION of an item's events, in the feed's language; for ``both``, the
    Welsh text, a blank line, the English."""
    voice = feed.voice if feed is not None else ENGLISH
    return voice.text(lambda t: _describe(item, t, done=done, feed=feed), "\n\n")


def _describe(item: Item, t: Tongue, *, done: bool, feed: Feed | None = None) -> str:
    """The DESCRIPTION of an item's events in one language, line by line the same in each.

    It holds no status that depends on the day it is read (overdue, waiting): a
    subscribed calendar is refreshed daily and read on any day, and such a line would
    change every event every day. It says instead who owns the item, which owning
    bodies have completed it (by the export's as-of date), and the feed's part in it,
    so a reader sees whom a late item waits on. Values that are interfaces (ids, dates
    in ISO form) stay as they are; kinds, roles and bases are words of the language.
    """
    # English keeps the label of the date as written (a quarter as "2022/23 Q3")
    when = t.when_label(item.when, item.is_deadline) if t.welsh else item.when_label
    lines = [
        t.title(item),
        t._("When: {when} (assumed date)", when=when)
        if item.assumed
        else t._("When: {when}", when=when),
    ]
    as_of = feed.as_of if feed is not None else None
    if item.dropped_on is not None and (as_of is None or item.dropped_on <= as_of):
        lines.append(
            t._(
                "Dropped on {date}: {reason}",
                date=item.dropped_on.isoformat(),
                reason=str(item.dropped_reason),
            )
        )
    if done:
        lines.append(t._("Done: a completion is recorded"))
    if item.completed_on is not None and (as_of is None or item.completed_on <= as_of):
        day = item.completed_on.isoformat()
        lines.append(
            t._(
                "Completed (national): {date} (day assumed: the sources date it no closer)",
                date=day,
            )
            if item.completed_assumed
            else t._("Completed (national): {date}", date=day)
        )
    lines += _who(item, t, done=done, feed=feed)
    if item.basis:
        basis = t.term(item.basis.value)
        if item.basis.value == "assumed-annual":
            lines.append(
                t._("Basis: {basis} (assumed: projected from the 2022/23 timetable)", basis=basis)
            )
        elif item.basis.value == "assumed":
            lines.append(
                t._("Basis: {basis} (assumed: the sources do not fix this date)", basis=basis)
            )
        else:
            lines.append(t._("Basis: {basis}", basis=basis))
    if item.source:
        lines.append(
            t._(
                "Source: {document}, {section}",
                document=t.rule_title(item.source.document, item.source.document_cy),
                section=item.source.section,
            )
        )
    if item.depends_on:
        lines.append(t._("Depends on: {ids}", ids=", ".join(item.depends_on)))
    if item.feeds:
        lines.append(t._("Feeds: {id}", id=item.feeds))
    if note := t.note(item):
        lines.append(t._("Note: {note}", note=note))
    lines.append(t._("Id: {id}", id=item.id))
    return "\n".join(lines)


def _who(item: Item, t: Tongue, *, done: bool, feed: Feed | None) -> list[str]:
    """Who owns an item, who completed it, who is involved, and the feed's part in it."""
    owners = [t.term(k.value) for k in item.owners] + list(item.owner_bodies)
    lines = [t._("Owners: {owners}", owners=", ".join(owners))]
    days = feed.completions.get(item.id, {}) if feed is not None else {}
    if item.bodies:
        lines.append(t._("Owning bodies: {bodies}", bodies=", ".join(item.bodies)))
        finished = [f"{b} ({days[b].isoformat()})" for b in item.bodies if b in days]
        if finished:
            lines.append(t._("Completed by: {bodies}", bodies=", ".join(finished)))
    if item.involved or item.involved_bodies:
        involved = [t.term(k.value) for k in item.involved] + list(item.involved_bodies)
        lines.append(t._("Involved: {involved}", involved=", ".join(involved)))
    if feed is None or feed.kind is None:
        return lines
    role = item.role_of(feed.kind, feed.body)
    if role is None:
        return lines
    name = _feed_label(feed, t)
    waiting = [b for b in item.bodies if b not in days]
    if role is Role.INVOLVED and not done and not item.bodies:
        lines.append(t._("Role for {name}: involved; once late, it waits on the owners", name=name))
    elif role is Role.INVOLVED and not done and waiting:
        lines.append(
            t._(
                "Role for {name}: involved; once late, it waits on {bodies}",
                name=name,
                bodies=", ".join(waiting),
            )
        )
    else:
        lines.append(t._("Role for {name}: {role}", name=name, role=t.term(role.value)))
    return lines


def _feed_label(feed: Feed, t: Tongue) -> str:
    """Whom a feed is for, in the language: a kind of body, or a body by its own name."""
    if feed.body is None and feed.kind is not None:
        return t.kind_label(feed.kind) if t.welsh else feed.label
    return t.body_name(feed.label, feed.welsh_label)


def _uid(item: Item, feed: Feed, suffix: str = "") -> str:
    """The UID of an item's event in a feed.

    Milestones and deadlines can concern several bodies, each with its own completions,
    so in a body's feed their UID names the body; meetings and their tasks belong to
    one body and keep one UID everywhere.
    """
    shared = item.kind not in (ItemKind.MEETING, ItemKind.MEETING_TASK)
    body = f".{feed.body}" if feed.body and shared else ""
    return f"{item.id}{suffix}{body}@{UID_DOMAIN}"


def _events(item: Item, feed: Feed) -> list[dict[str, Any]]:
    """The events of one item, as property values (before identity and state)."""
    done = item.id in feed.done
    voice = feed.voice
    title = voice.title(item)
    summary = voice._("Done: {title}", title=title) if done else title
    if done and not voice.english:  # "Wedi'i wneud: ... / Done: ..." would repeat the title
        summary = voice.first._("Done: {title}", title=title)
    base: dict[str, Any] = {
        "description": describe(item, done=done, feed=feed),
        "categories": [k.value for k in dict.fromkeys((*item.owners, *item.named_kinds))]
        + ([item.basis.value] if item.basis else [])
        + [item.kind.value],
        "lead_days": item.lead_days,
        "location": item.place,
        "url": item.source.url if item.source else None,
    }
    if item.kind is ItemKind.MEETING and item.start_time:
        from zoneinfo import ZoneInfo

        hour, minute = (int(p) for p in item.start_time.split(":"))
        day = item.when.first
        start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(TIMEZONE))
        return [
            base
            | {
                "uid": _uid(item, feed),
                "summary": summary,
                "start": start,
                "end": start + timedelta(minutes=item.duration_minutes),
                "busy": True,
            }
        ]
    first, last = item.when.first, item.when.last
    spanning = not item.is_deadline and first != last
    if not spanning:
        return [
            base
            | {
                "uid": _uid(item, feed),
                "summary": summary,
                "start": last,
                "end": last + timedelta(days=1),
                "busy": False,
            }
        ]
    return [
        base
        | {
            "uid": _uid(item, feed),
            "summary": summary,
            "start": first,
            "end": last + timedelta(days=1),
            "busy": False,
        },
        base
        | {
            "uid": _uid(item, feed, "-end"),
            "summary": voice.first._("Ends: {summary}", summary=summary),
            "start": last,
            "end": last + timedelta(days=1),
            "busy": False,
        },
    ]


def _fingerprint(values: Mapping[str, Any]) -> str:
    text = repr(sorted((k, repr(v)) for k, v in values.items() if k != "uid"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def build_calendar(
    feed: Feed,
    stamp: datetime,
    previous: Mapping[str, Previous],
    cache: Writer | None = None,
) -> bytes:
    """One VCALENDAR, as bytes: CRLF line ends, folded at 75 octets, escaped by icalendar.

    ``cache`` keeps the serialised lines and events for the next calendar of the same
    export: the feeds of a folder share most of their events and lines, and escaping and
    folding them is the costly part.
    """
    from icalendar import Calendar
    from icalendar.prop import vDuration, vText

    from acd_calendar.text import clean

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # X- properties are not escaped unless they are given as text (a comma or a line
    # break in a body's name would cut the name or break the file).
    calendar.add("x-wr-calname", vText(clean(feed.name)))
    calendar.add("x-wr-caldesc", vText(clean(feed.description)))
    calendar.add("x-wr-timezone", TIMEZONE)
    refresh = vDuration(timedelta(days=1))
    refresh.params["VALUE"] = "DURATION"
    calendar.add("refresh-interval", refresh)
    calendar.add("x-published-ttl", "P1D")
    end = b"END:VCALENDAR\r\n"
    parts = [bytes(calendar.to_ical()).removesuffix(end)]
    events = [values for item in feed.items for values in _events(item, feed)]
    events.sort(key=lambda v: (v["start"].isoformat(), v["uid"]))
    if any(isinstance(v["start"], datetime) for v in events):
        parts.append(bytes(london_timezone().to_ical()))
    writer = Writer() if cache is None else cache
    seen: set[str] = set()
    for values in events:
        if values["uid"] in seen:  # the same item twice in one feed: keep the first
            continue
        seen.add(values["uid"])
        fingerprint = _fingerprint(values)
        before = previous.get(values["uid"])
        if before is None:
            sequence, modified = 0, stamp
        elif before.fingerprint == fingerprint:
            sequence, modified = before.sequence, before.last_modified
        else:
            sequence, modified = min(before.sequence + 1, MAX_SEQUENCE), stamp
        parts.append(writer.event(values, fingerprint, sequence, modified, stamp))
    parts.append(end)
    return b"".join(parts)


class Writer:
    """Events as icalendar writes them, each distinct line written by icalendar once.

    icalendar serialises a component line by line: it escapes each value, then folds
    the line at 75 octets, character by character (the costly part). Across the feeds
    of one export most lines repeat (dates, summaries, alarms, categories, the same
    event in a kind's feed and in its bodies' feeds), so each distinct line is made by
    icalendar once, from a one-property event, and an event is the lines icalendar
    would write for it, in icalendar's order of properties.

    A description differs from feed to feed in a line or two (the feed's part in the
    item), so it is folded a line of text at a time: icalendar's folding is greedy, and
    after an escaped line break (``\\n``, whose last character is not one a fold keeps
    with the next character) what follows is folded the same way whatever came before,
    given only the octets already on the current folded line. Each line of text is
    folded by icalendar once for each such position, and reused: the same bytes as
    folding the whole line (tests compare the two on every calendar they make).
    """

    def __init__(self) -> None:
        from icalendar import Event

        self._holder = Event()  # holds one property at a time, to write its line
        self._lines: dict[tuple[object, ...], bytes] = {}
        self._pieces: dict[tuple[str, int], tuple[bytes, int]] = {}
        self._alarms: dict[tuple[str, int], bytes] = {}
        self._events: dict[tuple[str, str, int, datetime], bytes] = {}
        self._orders: dict[tuple[str, ...], list[str]] = {}

    def event(
        self,
        values: Mapping[str, Any],
        fingerprint: str,
        sequence: int,
        modified: datetime,
        stamp: datetime,
    ) -> bytes:
        """The VEVENT of ``values`` with its identity and state (made once per export:
        the stamp is the same for every event of it)."""
        key = (values["uid"], fingerprint, sequence, modified)
        if key in self._events:
            return self._events[key]
        from acd_calendar.text import control_at

        busy = values["busy"]
        # the values as given: texts are cleaned when a line is first made (see _line)
        properties: dict[str, Any] = {
            "UID": values["uid"],
            "DTSTAMP": stamp,
            "LAST-MODIFIED": modified,
            "SEQUENCE": sequence,
            "SUMMARY": values["summary"],
            "DTSTART": values["start"],
            "DTEND": values["end"],
            "DESCRIPTION": values["description"],
            "CATEGORIES": tuple(values["categories"]),
        }
        if values["location"]:
            properties["LOCATION"] = values["location"]
        if values["url"] and control_at(values["url"]) is None:
            properties["URL"] = values["url"]
        properties["TRANSP"] = "OPAQUE" if busy else "TRANSPARENT"
        properties["X-MICROSOFT-CDO-BUSYSTATUS"] = "BUSY" if busy else "FREE"
        if not busy:
            properties["X-MICROSOFT-CDO-ALLDAYEVENT"] = "TRUE"
        properties["X-ACD-FINGERPRINT"] = fingerprint
        parts = [_BEGIN_EVENT]
        parts += [self._line(name, properties[name]) for name in self._order(tuple(properties))]
        parts.append(self._alarm(values["summary"], values["lead_days"]))
        parts.append(_END_EVENT)
        self._events[key] = b"".join(parts)
        return self._events[key]

    def _line(self, name: str, value: Any) -> bytes:
        """One property's content line, folded, with its CRLF, as icalendar writes it."""
        if type(value) in (str, int, tuple):
            key: tuple[object, ...] = (name, value)
        else:  # a date and a datetime, or equal datetimes in two zones, differ in writing
            key = (name, type(value), getattr(value, "tzinfo", None), value)
        found = self._lines.get(key)
        if found is None:
            from acd_calendar.text import clean

            if name == "DESCRIPTION":
                value = clean(value, multiline=True)
            elif name == "CATEGORIES":
                value = [clean(c) for c in value]
            elif name in ("SUMMARY", "LOCATION"):
                value = clean(value)
            holder = self._holder
            holder.add(name, value)
            found = self.fold(str(holder.content_line(name, holder.pop(name)))) + b"\r\n"
            self._lines[key] = found
        return found

    def fold(self, line: str) -> bytes:
        """icalendar's folding of a content line, a line of its text at a time."""
        if "\\n" not in line:
            encoded = line.encode("utf-8")
            return encoded if len(encoded) <= UNFOLDED else _icalendar_fold(line)
        parts: list[bytes] = []
        column = 0  # octets on the current folded line
        pieces = self._pieces
        for text in _text_lines(line):
            found = pieces.get((text, column))
            if found is None:
                piece = text.encode("utf-8")
                if column + len(piece) <= UNFOLDED:
                    after = column + len(piece)
                else:
                    # icalendar folds the text after ``column`` octets of filler (4-octet
                    # characters, few to step over), none of which it keeps with what
                    # follows; the filler is then cut off again
                    filler = _FILLER * (column // 4) + "x" * (column % 4)
                    piece = _icalendar_fold(filler + text)[column:]
                    fold = piece.rfind(b"\r\n ")
                    after = column + len(piece) if fold < 0 else len(piece) - fold - 3
                found = pieces[text, column] = (piece, after)
            parts.append(found[0])
            column = found[1]
        return b"".join(parts)

    def _alarm(self, summary: str, lead_days: int) -> bytes:
        """The one VALARM of an event: a display, the lead time before it starts."""
        key = (summary, lead_days)
        found = self._alarms.get(key)
        if found is None:
            from icalendar import Alarm

            from acd_calendar.text import clean

            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", clean(summary))
            alarm.add("trigger", -timedelta(days=lead_days))
            found = bytes(alarm.to_ical())
            self._alarms[key] = found
        return found

    def _order(self, names: tuple[str, ...]) -> list[str]:
        """The order icalendar writes an event's properties in (canonical, then A-Z)."""
        found = self._orders.get(names)
        if found is None:
            from icalendar import Event
            from icalendar.caselessdict import canonsort_keys

            found = canonsort_keys(names, Event.canonical_order)
            self._orders[names] = found
        return found


# icalendar folds a content line before the octet that would make 75 (RFC 5545: 75
# octets at most, without the line break): one of 74 octets or fewer stays as it is.
UNFOLDED = 74
_FILLER = "\U0001d11e"  # MUSICAL SYMBOL G CLEF: 4 octets in UTF-8


def _icalendar_fold(line: str) -> bytes:
    """One content line folded at 75 octets, by icalendar."""
    from icalendar.parser import Contentline

    content = Contentline(line)  # type: ignore[no-untyped-call]
    return bytes(content.to_ical())  # type: ignore[no-untyped-call]


_BEGIN_EVENT = b"BEGIN:VEVENT\r\n"  # as icalendar writes a VEVENT's first and last lines
_END_EVENT = b"END:VEVENT\r\n"


def _text_lines(line: str) -> list[str]:
    """A content line cut after each escaped line break of its value."""
    pieces = line.split("\\n")
    return [piece + "\\n" for piece in pieces[:-1]] + [pieces[-1]]


def london_timezone() -> Any:
    """VTIMEZONE for Europe/London by the rules in force since 1996, as RRULEs.

    icalendar can derive a VTIMEZONE from the tz database, but it lists every
    transition as an RDATE and stops at 2038; some clients (vobject among them) then
    read winter times as summer time. Outlook's own exports use this compact form.
    British Summer Time starts on the last Sunday of March at 01:00 GMT and ends on the
    last Sunday of October at 02:00 BST.
    """
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    timezone = Timezone()
    timezone.add("tzid", TIMEZONE)
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", datetime(1981, 3, 29, 1, 0))  # noqa: DTZ001 (local time, by RFC 5545)
    summer.add("tzoffsetfrom", timedelta(hours=0))
    summer.add("tzoffsetto", timedelta(hours=1))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", datetime(1996, 10, 27, 2, 0))  # noqa: DTZ001
    winter.add("tzoffsetfrom", timedelta(hours=1))
    winter.add("tzoffsetto", timedelta(hours=0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    timezone.add_component(summer)
    timezone.add_component(winter)
    return timezone


def index_html(feeds: list[tuple[str, str, str]]) -> str:
    """A page listing the feeds with a short how-to for Outlook, ready to host."""
    from html import escape

    from acd_calendar.text import clean

    rows = "\n".join(
        f'      <li><a href="{escape(file)}">{escape(clean(name))}</a> &mdash; '
        f"{escape(clean(description))}</li>"
        for file, name, description in feeds
    )
    return f"""<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>ACD planning calendars</title>
  <style>body {{ font-family: sans-serif; max-width: 50rem; margin: 2rem auto; }}</style>
</head>
<body>
  <h1>ACD planning calendars</h1>
  <p>Deadlines and windows of the Accelerated Cluster Development planning cycle, one
  calendar for each kind of body and each named body.
  Made by acd-calendar {escape(__version__)}.</p>
  <ul>
{rows}
  </ul>
  <h2>Subscribe in Outlook</h2>
  <p>Copy the link of a calendar above (right-click, copy link). Subscribing keeps the
  calendar up to date; Outlook refreshes it about once a day.</p>
  <ul>
    <li><strong>Outlook on the web</strong>: Calendar &rarr; Add calendar &rarr;
      Subscribe from web &rarr; paste the link (an <code>https://</code> address)
      &rarr; Import.</li>
    <li><strong>Outlook for Windows</strong>: File &rarr; Account Settings &rarr; Account
      Settings &rarr; Internet Calendars &rarr; New &rarr; paste the link.</li>
    <li><strong>New Outlook and Outlook for Mac</strong>: Add calendar &rarr;
      Subscribe from web.</li>
  </ul>
  <p>To import once instead (no updates), download the .ics file and open it with Outlook,
  or use Add calendar &rarr; Upload from file. Importing the same file again updates the
  events in place.</p>
</body>
</html>
"""


def index_html_in(feeds: list[tuple[str, str, str]], voice: Voice) -> str:
    """The feeds page in Welsh, or in both languages (Welsh first, each marked ``lang``).

    Outlook's menu names are left as its English interface shows them.
    """
    from html import escape

    from acd_calendar.i18n import N_

    rows = "\n".join(
        f'      <li><a href="{escape(file)}">{escape(name)}</a> &mdash; {escape(description)}</li>'
        for file, name, description in feeds
    )

    def part(tongue: Tongue, message: str, **values: str) -> str:
        text = tongue._(message, **{k: escape(v) for k, v in values.items()})
        return f'<span lang="{"cy" if tongue.welsh else "en-GB"}">{text}</span>'

    def each(message: str, separator: str = " / ", **values: str) -> str:
        return voice.text(lambda t: part(t, message, **values), separator)

    title = voice._(N_("ACD planning calendars"))
    steps = [
        N_(
            "<strong>Outlook on the web</strong>: Calendar &rarr; Add calendar &rarr; "
            "Subscribe from web &rarr; paste the link (an <code>https://</code> address) "
            "&rarr; Import."
        ),
        N_(
            "<strong>Outlook for Windows</strong>: File &rarr; Account Settings &rarr; "
            "Account Settings &rarr; Internet Calendars &rarr; New &rarr; paste the link."
        ),
        N_(
            "<strong>New Outlook and Outlook for Mac</strong>: Add calendar &rarr; "
            "Subscribe from web."
        ),
    ]
    items = "\n".join(f"    <li>{each(step, '<br>')}</li>" for step in steps)
    intro = N_(
        "Deadlines and windows of the Accelerated Cluster Development planning cycle, one "
        "calendar for each kind of body and each named body. Made by acd-calendar {version}."
    )
    copy = N_(
        "Copy the link of a calendar above (right-click, copy link). Subscribing keeps the "
        "calendar up to date; Outlook refreshes it about once a day."
    )
    once = N_(
        "To import once instead (no updates), download the .ics file and open it with "
        "Outlook, or use Add calendar &rarr; Upload from file. Importing the same file again "
        "updates the events in place."
    )
    paragraphs = "</p>\n  <p>"
    heading = each(N_("ACD planning calendars"))
    subscribe = each(N_("Subscribe in Outlook"))
    intro_text = each(intro, paragraphs, version=__version__)
    copy_text, once_text = each(copy, paragraphs), each(once, paragraphs)
    return f"""<!doctype html>
<html lang="{voice.html_lang}">
<head>
  <meta charset="utf-8">
  <title>{escape(title)}</title>
  <style>body {{ font-family: sans-serif; max-width: 50rem; margin: 2rem auto; }}</style>
</head>
<body>
  <h1>{heading}</h1>
  <p>{intro_text}</p>
  <ul>
{rows}
  </ul>
  <h2>{subscribe}</h2>
  <p>{copy_text}</p>
  <ul>
{items}
  </ul>
  <p>{once_text}</p>
</body>
</html>
"""
