"""What each ``acd`` command does, given its option values: no typer here.

``cli`` declares the commands and their options for typer (help, completion, errors);
``arguments`` reads the common command lines without typer. Both hand the values to
the functions here, keyed by option name as click has them (strings for choices and
paths, tuples for repeatable options), and ``run`` turns the outcome into an exit code:
every error reaches the user as one line on stderr with exit code 2 (1 for findings),
a traceback only with ``--debug`` (or ``ACD_DEBUG=1``).
"""

from __future__ import annotations

import io
import os
import sys

# pydantic looks for plugins through every installed package's entry points the first
# time a model is built: a fifth of start-up, for plugins this tool never uses.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acd_calendar.errors import AcdError, ExitCode, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from acd_calendar.bodies import Registry
    from acd_calendar.i18n import Lang, Tongue
    from acd_calendar.kinds import Kind
    from acd_calendar.local import LocalPlan
    from acd_calendar.national import Dataset
    from acd_calendar.query import Query


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class ShowFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class FailOn(StrEnum):
    OVERDUE = "overdue"
    WAITING = "waiting"
    DUE = "due"


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class ReportFormat(StrEnum):
    HTML = "html"
    CSV = "csv"


class OutputClosed(Exception):
    """Standard output was closed by its reader (``acd due | head``).

    Not an OSError, so that click does not turn it into exit code 1.
    """


class Settings:
    """How this run reads its settings: ``--no-config`` anywhere on the command line
    ignores acd.toml. Set once by the entry point, before a command runs."""

    no_config = False


def without_no_config(argv: Sequence[str]) -> list[str]:
    """``argv`` without ``--no-config`` (before ``--``), which sets ``Settings.no_config``."""
    end = argv.index("--") if "--" in argv else len(argv)
    Settings.no_config = "--no-config" in argv[:end]
    return [a for i, a in enumerate(argv) if not (i < end and a == "--no-config")]


def debugging(argv: Sequence[str], environ: Mapping[str, str]) -> bool:
    """``--debug`` before the command name (it is an option of ``acd`` itself), or
    ``ACD_DEBUG``."""
    before = argv[: next((i for i, a in enumerate(argv) if not a.startswith("-")), len(argv))]
    return "--debug" in before or environ.get("ACD_DEBUG", "") not in ("", "0")


def run(action: Callable[[], int | None], *, debug: bool) -> int:
    """Run a command: an ``AcdError``, Ctrl-C or a closed pipe becomes an exit code and at
    most one line on stderr (the caller maps what else it expects)."""
    try:
        result = action()
        return ExitCode.OK if result is None else result
    except AcdError as exc:
        return fail(str(exc), exc.exit_code, debug=debug)
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except (OutputClosed, BrokenPipeError):
        return broken_pipe()


def internal_error(exc: Exception, *, debug: bool) -> int:
    return fail(
        f"internal error: {type(exc).__name__}: {exc} "
        "(please report it; --debug shows the traceback)",
        ExitCode.INTERNAL,
        debug=debug,
    )


def broken_pipe() -> ExitCode:
    """The reader went away (``acd due | head``): not an error, so exit 0 quietly.

    Python would report the failed flush of stdout at exit; point stdout at /dev/null
    so that there is nothing left to flush.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return ExitCode.OK


def fail(message: str, code: int, *, debug: bool) -> int:
    if debug:
        import traceback

        traceback.print_exc()
    from acd_calendar.text import clean

    print(f"acd: error: {clean(message)}", file=sys.stderr)
    return code


# --- shared option handling ------------------------------------------------------------------


def today_in_london(now: datetime | None = None) -> date:
    """The date in Europe/London at ``now``; the one place the clock is read (when None).

    Near midnight the date in London differs from the date in UTC during summer time.
    """
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    return (now.astimezone(london) if now is not None else datetime.now(london)).date()


def paths(values: Sequence[str] | None) -> list[Path]:
    return [Path(v) for v in values or ()]


def path(value: str | None) -> Path | None:
    return None if value is None else Path(value)


def settings(
    files: Sequence[str | Path] | None, body: str | None, as_: str | None
) -> tuple[list[Path], str | None, str | None]:
    """``--file``, ``--body`` and ``--as`` merged over acd.toml's (the command line wins)."""
    from acd_calendar.config import resolve

    resolved = resolve(files, body, as_, no_config=Settings.no_config)
    return list(resolved.files.value), resolved.body.value, resolved.as_.value


def option_day(option: str, value: str | None) -> date | None:
    """A day as ISO (2026-11-24) or in UK order (24/11/2026)."""
    from acd_calendar.dates import DateFormError, parse_day

    if value is None:
        return None
    try:
        return parse_day(value)
    except DateFormError as exc:
        raise UsageError(f"{option}: {exc}") from None


def as_of_day(on: str | None) -> date:
    """``--on``, else today in Europe/London."""
    return option_day("--on", on) or today_in_london()


def option_lang(value: str | None) -> Lang:
    """The language of texts for people: --lang, else ACD_LANG, else acd.toml's ``lang``,
    else English."""
    from acd_calendar.config import project
    from acd_calendar.i18n import choose_lang

    try:
        return choose_lang(value, os.environ, project(no_config=Settings.no_config).lang)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def option_kind(value: str | None) -> Kind | None:
    from acd_calendar.kinds import parse_kind

    if value is None:
        return None
    try:
        return parse_kind(value)
    except ValueError as exc:
        raise UsageError(f"--as: {exc}") from None


def scoped_query(
    files: Sequence[str] | None,
    body: str | None,
    as_: str | None,
    on: str | None,
    lang: str | None,
    data: str | None,
    span: Callable[[date], tuple[date | None, date]],
    **extra: Any,
) -> Query:
    """The query of a report for a kind of body or one body (``due``, ``ics``,
    ``timeline``): the settings merged over acd.toml's, the as-of date, and the first and
    last day that ``span`` gives for it; ``extra``: the command's own ``Query`` fields."""
    from acd_calendar.query import Query

    files_, body, as_ = settings(files, body, as_)
    kind = option_kind(as_)
    language = option_lang(lang)
    as_of = as_of_day(on)
    first, last = span(as_of)
    return Query(
        as_of=as_of,
        kind=kind,
        body=body,
        first=first,
        last=last,
        files=tuple(files_),
        data=path(data),
        lang=language,
        **extra,
    )


def load(data: Path | None) -> Dataset:
    from acd_calendar.load import load_dataset

    return load_dataset(data)


def local_inputs(
    as_of: date, files: list[Path] | None, data: Path | None
) -> tuple[Dataset, list[LocalPlan], Registry]:
    """The national data and local files for ``site`` and ``report``, refused at their
    first error."""
    from acd_calendar.query import Query
    from acd_calendar.reports import load_inputs

    query = Query(as_of=as_of, last=as_of, files=tuple(files or ()), data=data)
    inputs = load_inputs(query)
    return inputs.dataset, inputs.plans, inputs.registry


@contextmanager
def console_out() -> Iterator[Console]:
    """A console for stdout: colour only on a terminal and never with NO_COLOR.

    No rich markup or emoji codes, so that titles print as written. When stdout is not
    a terminal the text is plain, laid out at ``COLUMNS`` (default 100) and written
    without trailing spaces, so that the same inputs give the same bytes.
    """
    from rich.console import Console

    if sys.stdout.isatty():
        yield Console(
            highlight=False,
            markup=False,
            emoji=False,
            no_color=os.environ.get("NO_COLOR", "") != "",
        )
        return
    buffer = io.StringIO()
    yield Console(
        file=buffer,
        width=piped_width(),
        highlight=False,
        markup=False,
        emoji=False,
        color_system=None,
        no_color=True,
    )
    write_out("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def piped_width() -> int:
    """The width of text for a pipe or file: ``COLUMNS``, else 100."""
    width = os.environ.get("COLUMNS", "")
    return int(width) if width.isdigit() else 100


def write_out(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed from None


def write_out_bytes(data: bytes) -> None:
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed from None


# --- the commands ----------------------------------------------------------------------------


def due(
    *,
    as_: str | None,
    on: str | None,
    within: int,
    since: str | None,
    all_: bool,
    fail_on: Sequence[str],
    format_: str,
    files: Sequence[str] | None,
    body: str | None,
    data: str | None,
    lang: str | None,
) -> int:
    from acd_calendar.query import due_range
    from acd_calendar.reports import report_for
    from acd_calendar.schedule import Status

    since_day = option_day("--since", since)
    query = scoped_query(
        files,
        body,
        as_,
        on,
        lang,
        data,
        lambda as_of: due_range(as_of, within, since_day, show_all=all_),
        within=within,
        since=since_day,
        show_all=all_,
        open_local=True,
    )
    report, heading = report_for(query)
    if format_ == Format.JSON:
        from acd_calendar.render import report_json

        write_out(report_json(report))
    elif format_ == Format.CSV:
        from acd_calendar.render import report_csv

        write_out(report_csv(report))
    else:
        from acd_calendar.i18n import Voice
        from acd_calendar.render import print_report

        voice = Voice(query.lang)
        if sys.stdout.isatty():
            with console_out() as console:
                print_report(report, console, heading, voice)
        else:  # the same text as rich lays out, without importing it
            from acd_calendar.plain import Console as PlainConsole

            piped = PlainConsole(piped_width())
            print_report(report, piped, heading, voice)
            write_out(piped.text())
    statuses = {Status(s) for s in fail_on}
    if statuses and report.has_status(statuses):
        return ExitCode.FINDINGS
    return ExitCode.OK


def list_(
    *,
    as_: str | None,
    format_: str,
    files: Sequence[str] | None,
    data: str | None,
    lang: str | None,
) -> int:
    from acd_calendar.catalogue import catalogue_rows

    files_, _, as_ = settings(files, None, as_)
    kind = option_kind(as_)
    language = option_lang(lang)
    if files_:
        from acd_calendar.localviews import local_rows

        dataset, plans, registry = local_inputs(today_in_london(), files_, path(data))
    else:
        dataset, plans = load(path(data)), []

    def all_rows(tongue: Tongue | None = None) -> list[dict[str, Any]]:
        """The national rows, then the local files' (their ``when`` in ``tongue``)."""
        rows = catalogue_rows(dataset, kind, tongue)
        if plans:
            rows += local_rows(plans, registry, dataset, kind, tongue)
        return rows

    rows = all_rows(None)
    if format_ == Format.JSON:
        from acd_calendar.render import catalogue_json

        write_out(catalogue_json(rows, kind))
    elif format_ == Format.CSV:
        from acd_calendar.render import catalogue_csv

        write_out(catalogue_csv(rows))
    else:
        from acd_calendar.i18n import Voice
        from acd_calendar.render import print_catalogue

        voice = Voice(language)
        if not voice.english:
            whens = [all_rows(t) for t in voice.tongues]
            for row, *texts in zip(rows, *whens, strict=True):
                row["when"] = "\n".join(dict.fromkeys(t["when"] for t in texts))
                row["title_cy"] = row.get("title_cy") or texts[0].get("title_cy")
        with console_out() as console:
            print_catalogue(rows, console, voice)
    return ExitCode.OK


def show(
    *,
    item_id: str,
    on: str | None,
    data: str | None,
    format_: str,
    files: Sequence[str] | None,
    lang: str | None,
) -> int:
    from acd_calendar.catalogue import describe
    from acd_calendar.i18n import Voice

    voice = Voice(option_lang(lang))
    files_, _, _ = settings(files, None, None)
    as_of = as_of_day(on)
    details, extra = None, []
    as_json = format_ == ShowFormat.JSON
    tongue = voice.first if not as_json and not voice.english else None
    if files_:
        from acd_calendar.localviews import describe_local, local_ids

        dataset, plans, registry = local_inputs(as_of, files_, path(data))
        details = describe_local(dataset, plans, registry, item_id.strip(), as_of, tongue)
        extra = local_ids(dataset, plans, registry, as_of)
    else:
        dataset = load(path(data))
    if details is None:
        details = describe(
            dataset, item_id.strip(), as_of, extra, local=bool(files_), tongue=tongue
        )
    if as_json:
        import json

        write_out(json.dumps(details, indent=2, ensure_ascii=False) + "\n")
        return ExitCode.OK
    from acd_calendar.render import print_details

    with console_out() as console:
        print_details(details, console, voice)
    return ExitCode.OK


def check(
    *,
    files: Sequence[str] | None,
    on: str | None,
    strict: bool,
    warn_overdue: bool,
    format_: str,
    data: str | None,
    lang: str | None,
) -> int:
    from acd_calendar.checks import Context
    from acd_calendar.config import check_targets
    from acd_calendar.i18n import Voice
    from acd_calendar.lint import check_run, summary
    from acd_calendar.load import load as load_run
    from acd_calendar.problems import Level
    from acd_calendar.render import problems_github, problems_json, problems_text

    targets = check_targets(paths(files), no_config=Settings.no_config)
    voice = Voice(option_lang(lang))
    as_of = as_of_day(on)
    loaded = load_run(targets, path(data))
    context = Context(loaded.dataset, loaded.national, as_of, warn_overdue)
    checked = check_run(loaded, context)
    problems = sorted(p for result in checked for p in result.problems)
    line = summary(problems, len(targets))
    if format_ == CheckFormat.TEXT:  # JSON and GitHub annotations stay English
        from acd_calendar.welsh import check_lines

        line, review = check_lines(voice, problems, len(targets), checked, line)
        if review:
            print(review, file=sys.stderr)
    if format_ == CheckFormat.JSON:
        write_out(problems_json(problems, line))
    elif format_ == CheckFormat.GITHUB:
        write_out(problems_github(problems))
        print(line, file=sys.stderr)
    else:
        from acd_calendar.welsh import problem_lines

        said = problems_text(problems) if voice.english else problem_lines(voice, problems)
        write_out(said + line + "\n")
    if any(p.unusable for p in problems):
        return ExitCode.UNUSABLE
    if any(p.level is Level.ERROR or strict for p in problems):
        return ExitCode.FINDINGS
    return ExitCode.OK


def init(
    *,
    health_board: str,
    output: str | None,
    on: str | None,
    project_file: bool,
    lang: str | None,
) -> int:
    from acd_calendar.atomic import write_atomic
    from acd_calendar.i18n import Voice
    from acd_calendar.init_file import starter_file
    from acd_calendar.load import load_bodies

    national = load_bodies()
    boards = [b.id for b in national.health_boards]
    if health_board not in boards:
        from acd_calendar.suggest import hint

        raise UsageError(
            f"--health-board: no health board {health_board!r}; valid: {', '.join(boards)}"
            + hint(health_board, boards)
        )
    voice = Voice(option_lang(lang))
    target = Path(output) if output else Path(f"{health_board}.yaml")
    shown = target.as_posix() if str(target) != "-" else f"{health_board}.yaml"
    today = as_of_day(on)
    text = starter_file(national, health_board, today, shown, voice)
    if str(target) == "-":
        write_out(text)
        return ExitCode.OK
    write_atomic(target, text.encode("utf-8"), overwrite=False)
    print(f"wrote {target}: check it with `acd check {target}`", file=sys.stderr)
    if project_file:
        from acd_calendar.config import NAME, starter

        county = next(a.id for a in national.local_authorities if a.health_board == health_board)
        beside = target.parent / NAME
        write_atomic(
            beside, starter([target.name], f"{county}-pcpg").encode("utf-8"), overwrite=False
        )
        print(f"wrote {beside}: acd commands in this folder now use {target}", file=sys.stderr)
    elif sys.stdin.isatty() and sys.stderr.isatty():
        print(
            f"tip: `acd init ... --project-file` also writes {target.parent / 'acd.toml'}, "
            "so that you need not type --file and --body",
            file=sys.stderr,
        )
    return ExitCode.OK


def config(*, files: Sequence[str] | None, body: str | None, as_: str | None) -> int:
    from acd_calendar.config import Setting, render, resolve

    resolved = resolve(files, body, as_, no_config=Settings.no_config)
    if os.environ.get("ACD_LANG"):  # over acd.toml, as every command takes it
        option_lang(None)  # a wrong value: the one-line error of every other command
        resolved.lang = Setting(os.environ["ACD_LANG"], "ACD_LANG")
    write_out(render(resolved))
    return ExitCode.OK


def done(
    *,
    item_id: str,
    body: str | None,
    when: str | None,
    note: str | None,
    files: Sequence[str] | None,
    on: str | None,
    data: str | None,
) -> int:
    from acd_calendar.record import done as record_done
    from acd_calendar.text import clean

    files_, body, _ = settings(files, body, None)
    if body is None:
        raise UsageError("--body: say which body did it (or set body in acd.toml)")
    as_of = as_of_day(on)
    day = option_day("--date", when) or as_of
    dataset = load(path(data))
    write_out(
        clean(record_done(files_, item_id.strip(), body.strip(), day, note, dataset, as_of)) + "\n"
    )
    return ExitCode.OK


def undo(
    *,
    item_id: str,
    body: str | None,
    files: Sequence[str] | None,
    on: str | None,
    data: str | None,
) -> int:
    from acd_calendar.record import undo as record_undo
    from acd_calendar.text import clean

    files_, body, _ = settings(files, body, None)
    if body is None:
        raise UsageError("--body: say which body's completion to remove (or set it in acd.toml)")
    as_of = as_of_day(on)
    dataset = load(path(data))
    write_out(clean(record_undo(files_, item_id.strip(), body.strip(), dataset, as_of)) + "\n")
    return ExitCode.OK


def schema() -> int:
    import json

    from acd_calendar.schema import LocalPlan

    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **LocalPlan.model_json_schema(),
    }
    document["title"] = "acd-calendar local planning file"
    write_out(json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n")
    return ExitCode.OK


def ics(
    *,
    as_: str | None,
    body: str | None,
    files: Sequence[str] | None,
    from_: str | None,
    to: str | None,
    output: str | None,
    out_dir: str | None,
    on: str | None,
    data: str | None,
    lang: str | None,
) -> int:
    from acd_calendar.datafiles import bundled_path
    from acd_calendar.i18n import Voice
    from acd_calendar.ics import Feeds, build_calendar, stamp_from
    from acd_calendar.query import ics_range
    from acd_calendar.reports import load_inputs

    if output is not None and out_dir is not None:
        raise UsageError("-o/--output and --out-dir: give one or the other")
    if out_dir is not None and (as_ or body):
        raise UsageError("--out-dir writes every kind and body: leave out --as and --body")
    query = scoped_query(
        files,
        body,
        as_,
        on,
        lang,
        data,
        lambda as_of: ics_range(as_of, option_day("--from", from_), option_day("--to", to)),
        show_all=True,
    )
    first, last, as_of, data_path = query.first, query.last, query.as_of, query.data
    assert first is not None  # ics_range always gives the first day
    inputs = load_inputs(query)
    feeds = Feeds(
        items=inputs.items(query),
        plans=inputs.plans,
        registry=inputs.registry,
        first=first,
        last=last,
        stamp=stamp_from(
            os.environ.get("SOURCE_DATE_EPOCH"),
            [data_path or bundled_path("milestones.yaml"), *query.files],
        ),
        as_of=as_of,
        voice=Voice(query.lang),
    )
    if out_dir is not None:
        written = feeds.write_folder(Path(out_dir))
        print(f"wrote {written} calendars and index.html to {out_dir}", file=sys.stderr)
    elif output in (None, "-"):
        write_out_bytes(build_calendar(feeds.feed(inputs.kind, inputs.body), feeds.stamp, {}))
    else:
        feeds.write(Path(output), feeds.feed(inputs.kind, inputs.body))
    return ExitCode.OK


def timeline(
    *,
    as_: str | None,
    body: str | None,
    files: Sequence[str] | None,
    year: str | None,
    from_: str | None,
    to: str | None,
    on: str | None,
    svg: str | None,
    html: str | None,
    data: str | None,
    lang: str | None,
) -> int:
    from acd_calendar.atomic import write_atomic
    from acd_calendar.dates import financial_year_bounds, financial_year_label, financial_year_of
    from acd_calendar.i18n import Voice
    from acd_calendar.query import timeline_range
    from acd_calendar.reports import report_for
    from acd_calendar.timeline import layout, print_chart

    query = scoped_query(
        files,
        body,
        as_,
        on,
        lang,
        data,
        lambda as_of: timeline_range(
            as_of, year, option_day("--from", from_), option_day("--to", to)
        ),
        show_all=True,
    )
    first, last, as_of = query.first, query.last, query.as_of
    assert first is not None  # timeline_range always gives the first day
    report, heading = report_for(query)
    voice = Voice(query.lang)
    whole_year = (first, last) == financial_year_bounds(financial_year_of(first))

    def chart_title(tongue: Tongue) -> str:
        span = (
            financial_year_label(financial_year_of(first))
            if whole_year
            else tongue._("{first} to {last}", first=first.isoformat(), last=last.isoformat())
        )
        return tongue._(
            "{heading}, {span}, as of {date}",
            heading=heading.text(tongue),
            span=span,
            date=as_of.isoformat(),
        )

    title = voice.text(chart_title)
    with console_out() as console:  # on the terminal too when writing SVG or HTML
        chart = layout(report.entries, first, last, as_of, console.width, title, voice)
        print_chart(chart, console)
    if svg is None and html is None:
        return ExitCode.OK
    from acd_calendar.report import chart_files

    files_out = chart_files(report.entries, first, last, as_of, title, path(svg), path(html), voice)
    for written, content in files_out:
        write_atomic(written, content)
        print(f"wrote {written}", file=sys.stderr)
    return ExitCode.OK


def site(
    *,
    out_dir: str,
    files: Sequence[str] | None,
    base_url: str | None,
    previous: str | None,
    on: str | None,
    data: str | None,
) -> int:
    from acd_calendar.datafiles import bundled_path
    from acd_calendar.ics import stamp_from
    from acd_calendar.site import Plan, build_site, check_base_url

    base = check_base_url(base_url)
    as_of = as_of_day(on)
    files_, _, _ = settings(files, None, None)
    data_path = path(data)
    dataset, plans, registry = local_inputs(as_of, files_, data_path)
    stamp = stamp_from(
        os.environ.get("SOURCE_DATE_EPOCH"),
        [data_path or bundled_path("milestones.yaml"), *files_],
    )
    plan = Plan(dataset, plans, registry, as_of)
    pages, removed = build_site(Path(out_dir), plan, stamp, base, path(previous))
    print(f"wrote {pages} pages with their calendars to {out_dir}", file=sys.stderr)
    if removed:
        print(
            f"removed {len(removed)} files an earlier build wrote: {', '.join(removed)}",
            file=sys.stderr,
        )
    return ExitCode.OK


def report(
    *,
    health_board: str,
    output: str,
    files: Sequence[str] | None,
    pdf: str | None,
    format_: str,
    on: str | None,
    data: str | None,
    lang: str | None,
) -> int:
    from acd_calendar.report import refuse_other_boards, write_report
    from acd_calendar.site import Plan

    language = option_lang(lang)
    as_of = as_of_day(on)
    files_, _, _ = settings(files, None, None)
    dataset, plans, registry = local_inputs(as_of, files_, path(data))
    board = registry.get(health_board.strip())
    if board is None or board.kind.value != "health-board":
        from acd_calendar.load import load_bodies

        valid = ", ".join(b.id for b in load_bodies().health_boards)
        raise UsageError(f"--health-board: no health board {health_board!r}; valid: {valid}")
    refuse_other_boards(files_, plans, registry, board)
    plan = Plan(dataset, plans, registry, as_of)
    written = write_report(
        plan, board, Path(output), ReportFormat(format_).value, path(pdf), write_out, language
    )
    for each in written:
        print(f"wrote {each}", file=sys.stderr)
    return ExitCode.OK


COMMANDS: dict[str, Callable[..., int]] = {
    "due": due,
    "list": list_,
    "show": show,
    "check": check,
    "init": init,
    "config": config,
    "done": done,
    "undo": undo,
    "schema": schema,
    "ics": ics,
    "timeline": timeline,
    "site": site,
    "report": report,
}
