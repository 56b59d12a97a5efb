"""``acd site``: a static planning website, and the values it and ``acd report`` share.

The site is plain HTML and one stylesheet: no JavaScript, no request to any other
host, relative links to files (never to folders) so that it works from ``file://``,
GitHub Pages, SharePoint or any web server. The calendars are written by the ``ics``
module at the names ``acd ics --out-dir`` uses, so subscriptions survive rebuilds;
``previous`` (a previously published folder) keeps SEQUENCE rising on a clean build.

Statuses are those of ``acd due`` on the as-of date, with one look-back for every page,
the matrix, the report and its CSV (``Plan.since``): a national item is overdue when its
deadline fell in the planning year (from 1 April) or in the 90 days ``acd due`` looks
back, whichever reaches further. So a body's count of overdue items on the home page is
the count in its matrix row, and each body's ``body-ID.json`` is exactly
``acd due --file ... --body ID --since SINCE --format json`` (each kind's
``kind-KIND.json`` the same with ``--as KIND``), SINCE being the day the pages state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from acd_calendar.combined import combined_items, completed, completions_by_item, local_first_day
from acd_calendar.dates import financial_year_bounds, financial_year_label, financial_year_of
from acd_calendar.i18n import Lang, Voice
from acd_calendar.kinds import Kind
from acd_calendar.schedule import (
    DEFAULT_SINCE_DAYS,
    DEFAULT_WITHIN_DAYS,
    Entry,
    Horizon,
    Item,
    ItemKind,
    Report,
    Role,
    Status,
    dependents,
    due_report,
    entry_for,
)

if TYPE_CHECKING:
    from acd_calendar.bodies import Body, Registry
    from acd_calendar.local import LocalPlan
    from acd_calendar.national import Dataset

NOT_APPLICABLE = "not-applicable"


def urgency(status: str) -> int:
    """Worst first, as ``Status.severity``; a status this module does not know last."""
    try:
        return Status(status).severity
    except ValueError:
        return len(Status)


@dataclass(frozen=True, slots=True)
class Cell:
    """One body's status for one item: a Status value or ``not-applicable``; whether
    the body owns the item or is only involved; the day of its completion."""

    status: str
    owner: bool = True
    done_on: date | None = None
    days_left: int = 0
    assumed: bool = False  # the status rests on a date the tool assumed

    @property
    def marked_assumed(self) -> bool:
        """Whether a reader must be told the status rests on an assumed date: every
        status that comes from the date (not done, not dropped, not inapplicable)."""
        return self.assumed and self.status not in (NOT_APPLICABLE, "done", "past")


@dataclass(frozen=True, slots=True)
class Row:
    """A row of the matrix: a body of the local files, or a kind when there is none."""

    label: str
    kind: Kind
    body: str | None
    href: str
    depth: int = 0
    welsh_name: str | None = None  # of a body that has one

    @property
    def name(self) -> str:
        return self.label


@dataclass
class Matrix:
    year: int
    columns: list[Item]
    rows: list[Row]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)

    def cell(self, row: Row, item: Item) -> Cell:
        return self.cells[(row.href, item.id)]

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)

    def counts(self, *, assumed_only: bool = False) -> dict[Kind, dict[str, int]]:
        """The cells each row owns, by the kind of the row and their status; with
        ``assumed_only``, only those whose status rests on an assumed date."""
        counts: dict[Kind, dict[str, int]] = {}
        for row in self.rows:
            for item in self.columns:
                cell = self.cell(row, item)
                if assumed_only and not cell.marked_assumed:
                    continue
                if cell.owner and cell.status != NOT_APPLICABLE:
                    by_status = counts.setdefault(row.kind, {})
                    by_status[cell.status] = by_status.get(cell.status, 0) + 1
        return counts

    def total(self, status: str, *, assumed_only: bool = False) -> int:
        """Owned cells with ``status`` (those resting on assumed dates with
        ``assumed_only``)."""
        return sum(by.get(status, 0) for by in self.counts(assumed_only=assumed_only).values())

    def statuses(self) -> list[str]:
        """The statuses present, worst first."""
        present = {c.status for c in self.cells.values()} - {NOT_APPLICABLE}
        return sorted(present, key=lambda s: (urgency(s), s))

    def rolled_up(self) -> list[Entry]:
        """One entry per column with the worst status among the rows that own it (done
        only when every owner is done), for a chart of the whole plan."""
        entries = []
        for item in self.columns:
            owned = [c for row in self.rows if (c := self.cell(row, item)).owner]
            owned = [c for c in owned if c.status != NOT_APPLICABLE]
            if owned:
                worst = min(owned, key=lambda c: urgency(c.status))
                entries.append(Entry(item, _status(worst.status), worst.days_left))
        return entries


def _status(value: str) -> Status:
    try:
        return Status(value)
    except ValueError:
        return Status.LATER


@dataclass
class Plan:
    """Everything a site or a report is drawn from, on one as-of date."""

    dataset: Dataset
    plans: Sequence[LocalPlan]
    registry: Registry
    as_of: date
    items: list[Item] = field(init=False)
    year: int = field(init=False)

    def __post_init__(self) -> None:
        self.year = financial_year_of(self.as_of)
        first, last = self.feed_range
        self.items = combined_items(self.dataset, self.plans, self.registry, first, last)
        self._done: dict[str | None, set[str]] = {}
        self._related_cache: dict[str, frozenset[str]] = {}
        self._now_items: list[Item] | None = None
        self._now_completions: dict[str, dict[str, date]] = {}
        self._now: dict[tuple[Kind | None, str | None], Report] = {}
        self._names: dict[str, str] = {}
        self.completions = completions_by_item(self.plans, self.items, self.registry)

    @property
    def feed_range(self) -> tuple[date, date]:
        """The calendars' range, as ``acd ics``: this planning year and the next."""
        return financial_year_bounds(self.year)[0], financial_year_bounds(self.year + 1)[1]

    @property
    def year_range(self) -> tuple[date, date]:
        return financial_year_bounds(self.year)

    @property
    def since(self) -> date:
        """The one look-back of every page: overdue national items are those whose
        deadline fell on or after this day, the start of the planning year or 90 days
        before the as-of date (``acd due``'s default), whichever is earlier."""
        default = self.as_of - timedelta(days=DEFAULT_SINCE_DAYS)
        return min(self.year_range[0], default)

    @property
    def year_window(self) -> Horizon:
        return Horizon(self.as_of, since=self.since)

    def _related(self, body: str) -> frozenset[str]:
        if body not in self._related_cache:
            self._related_cache[body] = self.registry.related(body)
        return self._related_cache[body]

    def done(self, body: str | None) -> set[str]:
        """Ids of the items done by ``body`` on the as-of date, as ``acd due`` counts."""
        if body not in self._done:
            self._done[body] = completed(self.plans, body, self.items, self.as_of, self.registry)
        return self._done[body]

    def completed_on(self, item: str, body: str) -> date | None:
        day = self.completions.get(item, {}).get(body)
        return day if day is not None and day <= self.as_of else None

    def year_entries(self, kind: Kind | None, body: str | None) -> list[Entry]:
        """Every item of the planning year for a kind or body, with its status."""
        first, last = self.year_range
        items = [i for i in self.items if i.end >= first and i.when.first <= last]
        report = due_report(
            items,
            self.year_window,
            kind,
            show_all=True,
            done=self.done(body),
            body=body,
            completions=self.completions,
            related=self._related(body) if body else None,
        )
        return sorted(report.entries, key=lambda e: e.item.sort_key())

    def now(self, kind: Kind | None, body: str | None) -> Report:
        """What ``acd due`` says for a kind (``--as``) or a body (``--body``) today."""
        if (kind, body) not in self._now:  # the home page asks again for every row
            self._now[(kind, body)] = self._now_report(kind, body)
        return self._now[(kind, body)]

    def _now_report(self, kind: Kind | None, body: str | None) -> Report:
        window = self.year_window
        if self._now_items is None:
            first = window.overdue_since
            last = self.as_of + timedelta(days=max(DEFAULT_WITHIN_DAYS, 366))
            local_first = local_first_day(self.plans)
            self._now_items = combined_items(
                self.dataset, self.plans, self.registry, first, last, local_first
            )
            self._now_completions = completions_by_item(self.plans, self._now_items, self.registry)
        items = self._now_items
        done = completed(self.plans, body, items, self.as_of, self.registry)
        return due_report(
            items,
            window,
            kind,
            done=done,
            body=body,
            completions=self._now_completions,
            related=self._related(body) if body else None,
        )

    def names(
        self,
        item: Item,
        kind_label: Callable[[Kind], str] | None = None,
        body_label: Callable[[Body], str] | None = None,
        *,
        involved: bool = False,
    ) -> list[str]:
        """Owners (or those involved) as people read them: kind labels and body names
        (``kind_label`` and ``body_label`` say them in the page's language)."""
        kinds = item.involved if involved else item.owners
        ids = item.involved_bodies if involved else item.owner_bodies
        names = [kind_label(k) if kind_label else k.label for k in kinds]
        names += [self.name_of(body_id, kind_label, body_label) for body_id in ids]
        if item.body and not involved:
            names = [self.name_of(item.body, kind_label, body_label)]
        return names

    def name_of(
        self,
        value: str,
        kind_label: Callable[[Kind], str] | None = None,
        body_label: Callable[[Body], str] | None = None,
    ) -> str:
        """A kind (by its value) or a body (by its id) as people read it (in the page's
        language with ``kind_label`` and ``body_label``)."""
        if kind_label is not None and value in {k.value for k in Kind}:
            return kind_label(Kind(value))
        if body_label is not None and (body := self.registry.get(value)) is not None:
            return body_label(body)
        if value not in self._names:
            try:
                self._names[value] = Kind(value).label
            except ValueError:
                body = self.registry.get(value)
                self._names[value] = body.name if body else value
        return self._names[value]

    def waiting_on(
        self,
        entry: Entry,
        kind_label: Callable[[Kind], str] | None = None,
        body_label: Callable[[Body], str] | None = None,
    ) -> list[str]:
        """Who a waiting item waits on, by name (in the page's language with the
        labels)."""
        return [self.name_of(v, kind_label, body_label) for v in entry.waiting_on]

    def by_body(
        self, entry: Entry, body_label: Callable[[Body], str] | None = None
    ) -> tuple[int, int, list[tuple[str, list[str]]]]:
        """How many of the owning bodies are done, of how many, and the names of the
        others by status (worst first); (0, 0, []) when no body owns it by name."""
        bodies = entry.bodies
        done = sum(1 for b in bodies if b.status is Status.DONE)
        others = [
            (
                status.value,
                [self.name_of(b.id, None, body_label) for b in bodies if b.status is status],
            )
            for status in sorted({b.status for b in bodies} - {Status.DONE}, key=lambda s: s.order)
        ]
        return done, len(bodies), others

    def done_on(self, entry: Entry, body: str | None) -> date | None:
        """The day a done entry was completed, when one is recorded."""
        if entry.status is not Status.DONE:
            return None
        if body is not None and (day := self.completed_on(entry.item.id, body)):
            return day
        if entry.item.completed_on is not None:
            return entry.item.completed_on
        days = [b.completed_on for b in entry.bodies if b.completed_on]
        return max(days) if days and len(days) == len(entry.bodies) else None

    def assumed_count(self, report: Report, status: Status) -> int:
        return sum(1 for e in report.entries if e.status is status and e.item.assumed)

    def children(self, body: Body) -> list[Body]:
        """The local bodies directly below ``body``; a health board's PCPGs."""
        return [
            b
            for b in self.registry.local_bodies()
            if b.parent == body.id
            or (
                body.kind is Kind.HEALTH_BOARD
                and b.kind is Kind.PCPG
                and self.registry.health_board_of(b.id) == body.id
            )
        ]

    def title_of(self, item_id: str) -> str:
        return next((i.title for i in self.items if i.id == item_id), item_id)

    def needed_by(self, item: Item) -> list[Item]:
        return dependents(self.items, item.id)

    # --- the matrix ------------------------------------------------------------------

    def rows(self, health_board: str | None = None) -> list[Row]:
        """The bodies of the local files in the order of the chain: each board, then its
        PCPGs, each followed by its clusters and their PCs. Kinds when there are none."""
        local = [
            b
            for b in self.registry.local_bodies()
            if health_board is None or self.registry.health_board_of(b.id) == health_board
        ]
        if not local:
            return [Row(k.label, k, None, f"kind-{k.value}.html") for k in Kind]
        rows: list[Row] = []
        placed: set[str] = set()
        boards = list(
            dict.fromkeys(
                self.registry.health_board_of(b.id) or "" for b in local if b.kind is Kind.PCPG
            )
        )
        children: dict[str | None, list[Body]] = {}
        for body in local:
            children.setdefault(body.parent, []).append(body)

        def walk(body: Body, depth: int) -> None:
            if body.id in placed:
                return
            placed.add(body.id)
            href = f"body-{body.id}.html"
            rows.append(Row(body.name, body.kind, body.id, href, depth, body.welsh_name))
            for child in children.get(body.id, []):
                walk(child, depth + 1)

        for board_id in boards:
            board = self.registry.get(board_id) if board_id else None
            if board is not None:
                href = f"body-{board.id}.html"
                rows.append(Row(board.name, board.kind, board.id, href, 0, board.welsh_name))
            for body in local:
                if body.kind is Kind.PCPG and self.registry.health_board_of(body.id) == board_id:
                    walk(body, 1)
        for body in local:
            walk(body, 1)
        return rows

    def matrix(self, health_board: str | None = None) -> Matrix:
        """Bodies by the items of the planning year that apply to them.

        Columns: milestones and deadlines whose last day falls in the as-of date's
        planning year and that concern at least one row (meetings and their tasks are
        on the bodies' pages; events such as plans coming into operation are not work).
        Each cell is what ``acd due --body`` says of the item for that body: its own
        status when it owns the item; when it is only involved, the item's status, and
        ``waiting`` instead of overdue (the owners are accountable).
        """
        rows = self.rows(health_board)
        first, last = self.year_range
        window = self.year_window
        candidates = [
            i
            for i in self.items
            if first <= i.end <= last
            and not i.event
            and i.kind in (ItemKind.MILESTONE, ItemKind.DEADLINE)
        ]
        matrix = Matrix(self.year, [], rows)
        for item in candidates:
            cells = {}
            for row in rows:
                role = item.role_of(row.kind, row.body)
                if role is None:
                    cells[(row.href, item.id)] = Cell(NOT_APPLICABLE, owner=False)
                    continue
                done = item.id in self.done(row.body) and (row.body is not None or not item.bodies)
                mine = item
                if row.body is not None:  # as acd due --body: the bodies related to it
                    related = self._related(row.body)
                    mine = item._replace(bodies=tuple(b for b in item.bodies if b in related))
                entry = entry_for(
                    mine, window, role, self.completions.get(item.id), row.body, done=done
                )
                when = self.completed_on(item.id, row.body) if row.body else None
                cells[(row.href, item.id)] = Cell(
                    entry.status.value,
                    role is Role.OWNER,
                    when if entry.status is Status.DONE else None,
                    entry.days_left,
                    item.assumed,
                )
            if any(c.status != NOT_APPLICABLE for c in cells.values()):
                matrix.columns.append(item)
                matrix.cells.update(cells)
        return matrix


def webcal(base_url: str | None, name: str) -> tuple[str | None, str | None]:
    """The ``webcal://`` and ``https://`` addresses of a published calendar, if known."""
    if not base_url:
        return None, None
    https = base_url.rstrip("/") + "/" + name
    return "webcal://" + https.split("://", 1)[1], https


def check_base_url(base_url: str | None) -> str | None:
    """``--base-url``: an absolute http(s) address with no query, fragment or spaces."""
    from urllib.parse import urlsplit

    from acd_calendar.errors import UsageError

    if base_url is None:
        return None
    parts = urlsplit(base_url.strip())
    if (
        parts.scheme not in ("https", "http")
        or not parts.netloc
        or parts.query
        or parts.fragment
        or any(c.isspace() or c in "<>\"'`" for c in base_url.strip())
    ):
        raise UsageError(
            f"--base-url: {base_url!r} is not a web address such as "
            "https://example.github.io/planning/"
        )
    return base_url.strip().rstrip("/") + "/"


WELSH_FOLDER = "cy"  # the Welsh pages, calendars and charts, beside the English ones
MANIFEST = "acd-site-files.txt"
"""The list of the files a build wrote, one name a line, so that the next build into the
same folder removes those it no longer writes (a body taken out of the files) and never
anything else."""


def _manifest(out_dir: Path) -> set[str]:
    """The names the previous build into ``out_dir`` wrote; only plain names of files
    directly in the folder count (never a path elsewhere)."""
    try:
        lines = (out_dir / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {n for n in lines if _plain(n.removeprefix(f"{WELSH_FOLDER}/"))}


def _plain(name: str) -> bool:
    """A plain file name, no path: all a manifest may name (in the folder or ``cy/``)."""
    return bool(name) and "/" not in name and "\\" not in name and name not in (".", "..")


def _check_folders(out_dir: Path, previous: Path | None) -> None:
    """Every folder option checked before anything is created or written."""
    from acd_calendar.errors import ExportError

    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir}: is a file, not a folder; --out-dir needs a folder")
    if previous is not None and not previous.is_dir():
        raise ExportError(f"--previous: {previous} is not a folder")


def build_site(
    out_dir: Path,
    plan: Plan,
    stamp: datetime,
    base_url: str | None = None,
    previous: Path | None = None,
) -> tuple[int, list[str]]:
    """Write the site into ``out_dir``, every file or none: in English there, in Welsh
    in ``cy/`` (each page links to its twin in the other language); remove the files an
    earlier build wrote there and this one does not. Return the number of pages and the
    names of the files removed."""
    from acd_calendar.atomic import write_all
    from acd_calendar.errors import ExportError
    from acd_calendar.pages import stylesheet

    _check_folders(out_dir, previous)
    try:
        (out_dir / WELSH_FOLDER).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out_dir}: cannot create it: {exc.strerror or exc}") from None
    files: dict[str, bytes] = {"site.css": stylesheet().encode("utf-8")}
    pages = 0
    for lang in (Lang.EN, Lang.CY):
        pages += _language_files(files, out_dir, plan, stamp, base_url, previous, lang)
    stale = sorted(_manifest(out_dir) - set(files) - {MANIFEST})
    files[MANIFEST] = "".join(f"{name}\n" for name in sorted(files)).encode("utf-8")
    write_all({out_dir / name: data for name, data in files.items()})
    removed = []
    for name in stale:
        path = out_dir / name
        try:
            if path.is_file() and not path.is_symlink():
                path.unlink()
                removed.append(name)
        except OSError as exc:
            raise ExportError(f"{path}: could not remove it: {exc.strerror or exc}") from None
    return pages, removed


def _twins(name: str, lang: Lang) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The language switch of a page and its ``hreflang`` alternates (itself included),
    as relative links so that the site works from any address and from file://."""
    if lang is Lang.CY:
        switch = {"href": f"../{name}", "code": "en", "name": "English"}
        return switch, [("en-GB", f"../{name}"), ("cy", name)]
    switch = {"href": f"{WELSH_FOLDER}/{name}", "code": "cy", "name": "Cymraeg"}
    return switch, [("en-GB", name), ("cy", f"{WELSH_FOLDER}/{name}")]


def _language_files(
    files: dict[str, bytes],
    root: Path,
    plan: Plan,
    stamp: datetime,
    base_url: str | None,
    previous: Path | None,
    lang: Lang,
) -> int:
    """Add the pages, calendars, charts and JSON of one language to ``files`` (names
    relative to the site's folder); return the number of pages."""
    from acd_calendar.chart import chart_svg
    from acd_calendar.ics import Feeds
    from acd_calendar.pages import render
    from acd_calendar.render import report_json

    voice = Voice(lang)

    def kind_label(kind: Kind) -> str:
        return voice.text(lambda t: t.kind_label(kind))

    def body_label(body: Body) -> str:
        return voice.text(lambda t: t.body_name(body.name, body.welsh_name))

    prefix, out_dir, feed_base = "", root, base_url
    if lang is not Lang.EN:
        prefix, out_dir = f"{WELSH_FOLDER}/", root / WELSH_FOLDER
        feed_base = None if base_url is None else f"{base_url}{WELSH_FOLDER}/"
        previous = None if previous is None else previous / WELSH_FOLDER
    first, last = plan.feed_range
    feeds = Feeds(
        plan.items, plan.plans, plan.registry, first, last, stamp, plan.as_of, voice=voice
    )
    boards = sorted(
        {p.health_board for p in plan.plans if p.health_board},
    )
    board = plan.registry.get(boards[0]) if len(boards) == 1 else None
    matrix = plan.matrix()
    common = {
        "as_of": plan.as_of,
        "plan": plan,
        "board": board,
        "year_label": financial_year_label(plan.year),
        "kinds": list(Kind),
        "bodies": plan.registry.local_bodies(),
        "stylesheet": "../site.css" if prefix else "site.css",
        "inline_css": None,
    }

    def page(name: str, template: str, **values: object) -> tuple[str, str]:
        switch, alternates = _twins(name, lang)
        return name, render(
            template, lang, **common, page=name, switch=switch, alternates=alternates, **values
        )

    pages: list[tuple[str, str]] = []
    year_first, year_last = plan.year_range
    listed = feeds.folder_feeds()
    for row in plan.rows():  # the health boards of the local files have pages too
        row_body = plan.registry.get(row.body) if row.body else None
        if row_body is not None and not plan.registry.is_local(row_body.id):
            listed.append(
                (f"body-{row_body.id}.ics", feeds.feed(None, row_body), row.kind, row_body)
            )
    for name, feed, kind, body in listed:
        files[prefix + name] = feeds.calendar(out_dir / name, feed, previous)
        body_id = body.id if body else None
        stem = name.removesuffix(".ics")
        now = plan.now(kind, body_id)
        entries = plan.year_entries(kind, body_id)
        files[f"{prefix}{stem}.json"] = report_json(now).encode("utf-8")
        title = body_label(body) if body else kind_label(kind)
        chart = chart_svg(
            [e for e in entries if e.item.kind is not ItemKind.MEETING_TASK],
            year_first,
            year_last,
            plan.as_of,
            voice._(
                "{name}: planning year {year}", name=title, year=financial_year_label(plan.year)
            ),
            chart_id=f"chart-{stem}",
            name_of=lambda value: plan.name_of(value, kind_label, body_label),
            voice=voice,
        )
        files[f"{prefix}{stem}.svg"] = chart.encode("utf-8")
        subscribe, https = webcal(feed_base, name)
        parent = plan.registry.get(body.parent) if body and body.parent else None
        pages.append(
            page(
                f"{stem}.html",
                "page.html",
                title=title,
                kind=kind,
                body=body,
                parent=parent,
                parent_local=parent is not None and plan.registry.is_local(parent.id),
                children=plan.children(body) if body else [],
                now=now,
                entries=[e for e in entries if e.item.kind not in _MEETINGS],
                meetings=[e for e in entries if e.item.kind in _MEETINGS],
                chart=chart.replace(' version="1.1"', ""),
                stem=stem,
                feed_name=name,
                subscribe=subscribe,
                https=https,
            )
        )
    summary = []
    for row in plan.rows():
        report = plan.now(row.kind, row.body)
        counts = {s.value: sum(1 for e in report.entries if e.status is s) for s in Status}
        assumed = {s.value: plan.assumed_count(report, s) for s in Status}
        summary.append((row, counts, assumed, report))
    pages.append(page("matrix.html", "matrix.html", matrix=matrix))
    pages.append(page("index.html", "index.html", summary=summary, matrix=matrix))
    for name, text in pages:
        files[prefix + name] = text.encode("utf-8")
    return len(pages)


_MEETINGS = (ItemKind.MEETING, ItemKind.MEETING_TASK)
