"""``acd report``: the board assurance report, and the chart files of ``acd timeline``.

The governance framework asks health boards for clear assurance reporting of
progress, risks and issues to the Board (ACD governance framework, "Health board").
The report is one HTML file with its stylesheet and chart inside, so that it can be
mailed or attached to board papers as it is; it prints to A4 (the matrix on landscape
pages), and WeasyPrint (the optional ``pdf`` extra) turns the same HTML into PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from acd_calendar.i18n import ENGLISH, Lang, Voice
from acd_calendar.schedule import DEFAULT_WITHIN_DAYS, Entry, Item
from acd_calendar.site import NOT_APPLICABLE, Matrix, Plan, Row, urgency

if TYPE_CHECKING:
    from acd_calendar.bodies import Body, Registry
    from acd_calendar.local import LocalPlan

# Words for the CSV matrix (the HTML takes its words from the templates).
CSV_WORDS = {
    "overdue": "Overdue",
    "due": "Due",
    "upcoming": "Upcoming",
    "waiting": "Waiting",
    "done": "Done",
    "later": "Later",
    "past": "Past",
    NOT_APPLICABLE: "",
}


@dataclass(frozen=True, slots=True)
class Exception_:
    """An overdue item of one body: who owns it, how late, and what waits on it."""

    row: Row
    item: Item
    days_late: int
    needed_by: list[Item]


def exceptions(plan: Plan, matrix: Matrix) -> list[Exception_]:
    found = []
    for item in matrix.columns:
        for row in matrix.rows:
            cell = matrix.cell(row, item)
            if cell.status == "overdue" and cell.owner:
                found.append(Exception_(row, item, -cell.days_left, plan.needed_by(item)))
    return sorted(found, key=lambda e: (-e.days_late, e.item.id, e.row.label))


def coming(plan: Plan, matrix: Matrix) -> list[tuple[Item, list[Row]]]:
    """Items that open or fall due in the next 60 days, with the rows still to do them."""
    horizon = plan.as_of + timedelta(days=DEFAULT_WITHIN_DAYS)
    soon = []
    for item in matrix.columns:
        start = item.start or item.end
        if item.end < plan.as_of or start > horizon:
            continue
        owners = [
            row
            for row in matrix.rows
            if (cell := matrix.cell(row, item)).owner
            and cell.status not in (NOT_APPLICABLE, "done", "past")
        ]
        if owners:
            soon.append((item, owners))
    return sorted(soon, key=lambda pair: pair[0].sort_key())


def report_html(plan: Plan, board: Body, lang: Lang = Lang.EN) -> str:
    """The report page in ``lang``; for ``both``, the whole Welsh text, then the whole
    English text in an element marked ``lang="en"`` (as a bilingual document under the
    Welsh Language Standards), each with its own ids."""
    from acd_calendar.pages import render

    if lang is not Lang.BOTH:
        return render("report.html", lang, **_report_values(plan, board, lang))
    from markupsafe import Markup

    english = _report_values(plan, board, Lang.EN, "en-")
    welsh = _report_values(plan, board, Lang.CY)
    welsh.update(
        second=Markup(render("report_main.html", Lang.EN, **english)),
        second_title=english["report_title"],
        second_footer=Markup(render("footer.html", Lang.EN, **english)),
    )
    return render("report.html", Lang.CY, **welsh)


def _report_values(plan: Plan, board: Body, lang: Lang, idp: str = "") -> dict[str, object]:
    """What the report's templates show, in one language (``idp``: a prefix of ids)."""
    from acd_calendar.chart import chart_svg
    from acd_calendar.dates import financial_year_label
    from acd_calendar.pages import stylesheet

    voice = Voice(lang)
    name = voice.first.body_name(board.name, board.welsh_name)
    matrix = plan.matrix(board.id)
    first, last = plan.year_range
    year = financial_year_label(plan.year)
    chart = chart_svg(
        matrix.rolled_up(),
        first,
        last,
        plan.as_of,
        voice._(
            "{name}: planning year {year}, most urgent status across its bodies",
            name=name,
            year=year,
        ),
        chart_id=f"{idp}report-chart",
        voice=voice,
    )
    counts = matrix.counts()
    return {
        "plan": plan,
        "board": board,
        "as_of": plan.as_of,
        "year_label": year,
        "matrix": matrix,
        "counts": counts,
        "assumed_counts": matrix.counts(assumed_only=True),
        "statuses": sorted(
            {s for by in counts.values() for s in by}, key=lambda s: (urgency(s), s)
        ),
        "exceptions": exceptions(plan, matrix),
        "coming": coming(plan, matrix),
        "horizon": plan.as_of + timedelta(days=DEFAULT_WITHIN_DAYS),
        "chart": chart.replace(' version="1.1"', ""),
        "inline_css": stylesheet(),
        "stylesheet": None,
        "page": "report.html",
        "title": voice._("Board assurance report {year}", year=year),
        "report_title": voice._("{name}: board assurance report {year}", name=name, year=year),
        "idp": idp,
        "second": None,
        "second_title": None,
        "second_footer": None,
    }


def matrix_csv(matrix: Matrix) -> str:
    """The matrix for Excel: a row per body, a column per item, the status in words."""
    from acd_calendar.pages import short_date
    from acd_calendar.render import excel_csv

    headers = ["body", "kind"] + [
        f"{i.title} ({i.when_label}{', assumed date' if i.assumed else ''})" for i in matrix.columns
    ]
    records = []
    for row in matrix.rows:
        record: dict[str, object] = {"body": row.label, "kind": row.kind.label}
        for item, header in zip(matrix.columns, headers[2:], strict=True):
            cell = matrix.cell(row, item)
            words = CSV_WORDS.get(cell.status, cell.status.capitalize())
            if not cell.owner and cell.status != NOT_APPLICABLE:
                words += " (involved)"
            if cell.marked_assumed:
                words += " (assumed date)"
            if cell.done_on:
                words += f" {short_date(cell.done_on)}"
            record[header] = words
        records.append(record)
    return excel_csv(list(dict.fromkeys(headers)), records)


def pdf_bytes(html: str) -> bytes:
    from acd_calendar.errors import UsageError

    try:
        from weasyprint import HTML
    except ImportError:
        raise UsageError("--pdf needs WeasyPrint: pip install 'acd-calendar[pdf]'") from None
    except OSError as exc:  # WeasyPrint is installed but Pango is not
        raise UsageError(f"--pdf: WeasyPrint cannot start: {exc}") from None
    data: bytes = HTML(string=html).write_pdf()
    return data


def refuse_other_boards(
    paths: Sequence[Path], plans: Sequence[LocalPlan], registry: Registry, board: Body
) -> None:
    """A report is of one board: a file of another board is a usage error, so that a
    report headed with one board's name never counts another's bodies."""
    from acd_calendar.errors import UsageError

    for path, plan in zip(paths, plans, strict=False):
        other = plan.health_board or next(
            (
                hb
                for b in plan.bodies
                if (hb := registry.health_board_of(b.id)) is not None and hb != board.id
            ),
            None,
        )
        if other is not None and other != board.id:
            raise UsageError(
                f"--health-board {board.id}: {path} is a planning file of {other}; "
                f"give {board.id}'s files or --health-board {other}"
            )


def write_report(
    plan: Plan,
    board: Body,
    output: Path,
    form: str = "html",
    pdf: Path | None = None,
    stdout: Callable[[str], None] | None = None,
    lang: Lang = Lang.EN,
) -> list[Path]:
    """Write the report (``-`` for ``output``: to ``stdout``); return the files written.

    In ``lang``, bilingual for ``both`` (Welsh first); the CSV matrix is a table of
    record and stays English."""
    from acd_calendar.atomic import write_atomic

    to_stdout = str(output) == "-" and stdout is not None
    for target in (output, pdf):
        if target is not None and not (to_stdout and target is output) and target.is_dir():
            from acd_calendar.errors import UsageError

            raise UsageError(f"{target}: is a folder; give the name of a file to write")

    def put(text: str) -> list[Path]:
        if to_stdout:
            assert stdout is not None
            stdout(text)
            return []
        write_atomic(output, text.encode("utf-8"))
        return [output]

    if form == "csv":
        if pdf is not None:
            from acd_calendar.errors import UsageError

            raise UsageError("--pdf and --format csv: the PDF is of the HTML report")
        return put(matrix_csv(plan.matrix(board.id)))
    html = report_html(plan, board, lang)
    if pdf is not None:
        data = pdf_bytes(html)  # first, so that a missing extra writes nothing
        written = put(html)
        write_atomic(pdf, data)
        return [*written, pdf]
    return put(html)


def chart_files(
    entries: Sequence[Entry],
    first: date,
    last: date,
    as_of: date,
    title: str,
    svg: Path | None,
    html: Path | None,
    voice: Voice = ENGLISH,
) -> list[tuple[Path, bytes]]:
    """``acd timeline --svg/--html``: the chart as SVG, and as a page with a table."""
    from acd_calendar.chart import chart_svg
    from acd_calendar.pages import render, stylesheet

    picture = chart_svg(entries, first, last, as_of, title, voice=voice)
    files = []
    if svg is not None:
        declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
        files.append((svg, (declaration + picture).encode("utf-8")))
    if html is not None:
        page = render(
            "chart.html",
            voice.lang,
            title=title,
            as_of=as_of,
            board=None,
            chart=picture.replace(' version="1.1"', ""),
            entries=sorted(entries, key=lambda e: e.item.sort_key()),
            inline_css=stylesheet(),
            stylesheet=None,
            page="chart.html",
        )
        files.append((html, page.encode("utf-8")))
    return files
