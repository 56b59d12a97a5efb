"""The ``acd`` command line: parse options into a ``Query``, read today once, call the
core, choose a renderer, map errors to exit codes.

Every error reaches the user as one line on stderr with exit code 2 (1 for findings);
a traceback only with ``--debug`` (or ``ACD_DEBUG=1``).
"""

from __future__ import annotations

import io
import os
import sys

# pydantic looks for plugins through every installed package's entry points the first
# time a model is built: a fifth of start-up, for plugins this tool never uses.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from acd_calendar import __version__
from acd_calendar.errors import AcdError, ExitCode, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from acd_calendar.bodies import Registry
    from acd_calendar.i18n import Lang, Tongue
    from acd_calendar.kinds import Kind
    from acd_calendar.local import LocalPlan
    from acd_calendar.national import Dataset


_NO_CONFIG = False  # `--no-config` anywhere on the command line: ignore acd.toml


class AcdGroup(TyperGroup):
    """Maps every exception to one line and an exit code, in one place."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,  # noqa: ARG002 (click's signature)
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> NoReturn:
        argv = list(sys.argv[1:] if args is None else args)
        global _NO_CONFIG
        _NO_CONFIG = (
            "--no-config" in argv[: argv.index("--")] if "--" in argv else ("--no-config" in argv)
        )
        argv = [a for a in argv if a != "--no-config"] if _NO_CONFIG else argv
        if not argv:
            argv = ["--help"]  # bare `acd`: the help on stdout, exit 0
        debug = "--debug" in argv or os.environ.get("ACD_DEBUG", "") not in ("", "0")
        try:
            result = super().main(
                args=argv,
                prog_name=prog_name or "acd",
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            code = result if isinstance(result, int) else ExitCode.OK
        except AcdError as exc:
            code = _fail(str(exc), exc.exit_code, debug=debug)
        except typer.TyperException as exc:
            code = _fail(
                _usage_message(exc),
                getattr(exc, "exit_code", ExitCode.UNUSABLE) or ExitCode.UNUSABLE,
                debug=debug,
            )
        except typer.Abort:
            code = _fail("aborted", ExitCode.UNUSABLE, debug=debug)
        except KeyboardInterrupt:
            code = ExitCode.INTERRUPTED
        except (OutputClosed, BrokenPipeError):
            code = _broken_pipe()
        except Exception as exc:
            code = _fail(
                f"internal error: {type(exc).__name__}: {exc} "
                "(please report it; --debug shows the traceback)",
                ExitCode.INTERNAL,
                debug=debug,
            )
        sys.exit(int(code))


class OutputClosed(Exception):
    """Standard output was closed by its reader (``acd due | head``).

    Not an OSError, so that click does not turn it into exit code 1.
    """


def _broken_pipe() -> ExitCode:
    """The reader went away (``acd due | head``): not an error, so exit 0 quietly.

    Python would report the failed flush of stdout at exit; point stdout at /dev/null
    so that there is nothing left to flush.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return ExitCode.OK


def _usage_message(exc: typer.TyperException) -> str:
    ctx = getattr(exc, "ctx", None)
    where = f"{ctx.command_path}: " if ctx is not None else ""
    return where + exc.format_message().replace("\n", " ")


def _fail(message: str, code: int, *, debug: bool) -> int:
    if debug:
        import traceback

        traceback.print_exc()
    from acd_calendar.text import clean

    print(f"acd: error: {clean(message)}", file=sys.stderr)
    return code


app = typer.Typer(
    cls=AcdGroup,
    name="acd",
    help="Planning calendar and deadline checker for NHS Wales Accelerated Cluster "
    "Development (ACD).",
    no_args_is_help=False,
    add_completion=True,  # measured: no start-up cost within noise (see CHANGELOG)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"acd {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    no_config: Annotated[
        bool,
        typer.Option(
            "--no-config",
            help="Ignore acd.toml (also after the command name).",
        ),
    ] = False,
) -> None:
    """Planning calendar and deadline checker for NHS Wales Accelerated Cluster Development."""


# --- shared options and helpers ------------------------------------------------------------


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


AsOption = Annotated[
    str | None,
    typer.Option(
        "--as",
        metavar="KIND",
        help="Kind of body: pc, cluster, pcpg, health-board (hb), local-authority (la), rpb, "
        "welsh-government (wg) [default: as in acd.toml].",
    ),
]
OnOption = Annotated[
    str | None,
    typer.Option(
        "--on",
        metavar="DATE",
        help="As-of date, 2026-11-24 or 24/11/2026 [default: today in Europe/London].",
    ),
]
FileOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--file",
        metavar="LOCAL.yaml",
        help="A local file of bodies, internal deadlines, completions and meetings (repeatable; "
        "globs too) [default: files in acd.toml].",
    ),
]
BodyOption = Annotated[
    str | None,
    typer.Option(
        "--body",
        metavar="ID",
        help="One named body: a PCPG, cluster or PC of a local file, or a health board, "
        "local authority or RPB [default: body in acd.toml].",
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", metavar="FORMAT", help="table, json or csv.")
]
FromOption = Annotated[
    str | None, typer.Option("--from", metavar="DATE", help="First day of the range.")
]
ToOption = Annotated[
    str | None, typer.Option("--to", metavar="DATE", help="Last day of the range.")
]
DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="FILE",
        envvar="ACD_DATA",
        help="National milestones file [default: the bundled data/milestones.yaml].",
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="en, cy (Cymraeg) or both, Welsh first "
        "[default: ACD_LANG, else lang in acd.toml, else en].",
    ),
]


def today_in_london(now: datetime | None = None) -> date:
    """The date in Europe/London at ``now``; the one place the clock is read (when None).

    Near midnight the date in London differs from the date in UTC during summer time.
    """
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    return (now.astimezone(london) if now is not None else datetime.now(london)).date()


def settings(
    files: Sequence[Path] | None, body: str | None, as_: str | None
) -> tuple[list[Path], str | None, str | None]:
    """``--file``, ``--body`` and ``--as`` merged over acd.toml's (the command line wins)."""
    from acd_calendar.config import resolve

    resolved = resolve(files, body, as_, no_config=_NO_CONFIG)
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


def option_lang(value: str | None) -> Lang:
    """The language of texts for people: --lang, else ACD_LANG, else acd.toml's ``lang``,
    else English."""
    from acd_calendar.config import project
    from acd_calendar.i18n import choose_lang

    try:
        return choose_lang(value, os.environ, project(no_config=_NO_CONFIG).lang)
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


# --- commands -------------------------------------------------------------------------------


@app.command()
def due(
    as_: AsOption = None,
    on: OnOption = None,
    within: Annotated[
        int,
        typer.Option(
            "--within",
            min=0,
            max=3660,
            metavar="DAYS",
            help="Show as upcoming what starts or ends within DAYS days.",
        ),
    ] = 60,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Show overdue national items whose deadline fell on or after DATE "
            "[default: 90 days before the as-of date]; local deadlines stay until done or "
            "dropped.",
        ),
    ] = None,
    all_: Annotated[
        bool,
        typer.Option(
            "--all", help="List every item with its status, up to the end of next planning year."
        ),
    ] = False,
    fail_on: Annotated[
        list[FailOn] | None,
        typer.Option(
            "--fail-on",
            metavar="STATUS",
            help="Exit 1 when a listed item has this status: overdue (owned and late), "
            "waiting (late, owned by others) or due (repeatable).",
        ),
    ] = None,
    format_: FormatOption = Format.TABLE,
    files: FileOption = None,
    body: BodyOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """What is overdue, due and upcoming.

    For a kind of body (--as; every kind without it), or for one named body (--body)
    with its own deadlines, meetings and completions from local files (--file).
    """
    from acd_calendar.query import Query, due_range
    from acd_calendar.reports import report_for
    from acd_calendar.schedule import Status

    files, body, as_ = settings(files, body, as_)
    kind = option_kind(as_)
    language = option_lang(lang)
    as_of = option_day("--on", on) or today_in_london()
    since_day = option_day("--since", since)
    first, last = due_range(as_of, within, since_day, show_all=all_)
    query = Query(
        as_of=as_of,
        kind=kind,
        body=body,
        within=within,
        since=since_day,
        first=first,
        last=last,
        show_all=all_,
        open_local=True,
        files=tuple(files or ()),
        data=data,
        lang=language,
    )
    report, heading = report_for(query)
    if format_ is Format.JSON:
        from acd_calendar.render import report_json

        write_out(report_json(report))
    elif format_ is Format.CSV:
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
    statuses = {Status(s.value) for s in fail_on or []}
    if statuses and report.has_status(statuses):
        raise typer.Exit(ExitCode.FINDINGS)


@app.command("list")
def list_(
    as_: AsOption = None,
    format_: FormatOption = Format.TABLE,
    files: FileOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Every national milestone, cycle and governance cadence.

    With --file (or acd.toml), the local files' deadlines and meeting series too.
    """
    from acd_calendar.catalogue import catalogue_rows

    files, _, as_ = settings(files, None, as_)
    kind = option_kind(as_)
    language = option_lang(lang)
    if files:
        from acd_calendar.localviews import local_rows

        dataset, plans, registry = local_inputs(today_in_london(), files, data)
    else:
        dataset, plans = load(data), []

    def all_rows(tongue: Tongue | None = None) -> list[dict[str, Any]]:
        """The national rows, then the local files' (their ``when`` in ``tongue``)."""
        rows = catalogue_rows(dataset, kind, tongue)
        if plans:
            rows += local_rows(plans, registry, dataset, kind, tongue)
        return rows

    rows = all_rows(None)
    if format_ is Format.JSON:
        from acd_calendar.render import catalogue_json

        write_out(catalogue_json(rows, kind))
    elif format_ is Format.CSV:
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
        with console_out() as console:
            print_catalogue(rows, console, voice)


@app.command()
def show(
    item_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A milestone, cycle or occurrence id, e.g. cluster-plan-draft-2027-28.",
        ),
    ],
    on: OnOption = None,
    data: DataOption = None,
    format_: Annotated[
        ShowFormat, typer.Option("--format", "-f", metavar="FORMAT", help="table or json.")
    ] = ShowFormat.TABLE,
    files: FileOption = None,
    lang: LangOption = None,
) -> None:
    """Everything about one milestone, deadline or meeting.

    Its dates, owners, basis and source, what it depends on and what depends on it;
    with --file (or acd.toml), local deadlines, meetings and meeting tasks too.
    """
    from acd_calendar.catalogue import describe
    from acd_calendar.i18n import Voice

    voice = Voice(option_lang(lang))
    files, _, _ = settings(files, None, None)
    as_of = option_day("--on", on) or today_in_london()
    details, extra = None, []
    if files:
        from acd_calendar.localviews import describe_local, local_ids

        dataset, plans, registry = local_inputs(as_of, files, data)
        details = describe_local(dataset, plans, registry, item_id.strip(), as_of)
        extra = local_ids(dataset, plans, registry, as_of)
    else:
        dataset = load(data)
    if details is None:
        tongue = voice.first if format_ is not ShowFormat.JSON and not voice.english else None
        details = describe(dataset, item_id.strip(), as_of, extra, local=bool(files), tongue=tongue)
    if format_ is ShowFormat.JSON:
        import json

        write_out(json.dumps(details, indent=2, ensure_ascii=False) + "\n")
        return
    from acd_calendar.render import print_details

    with console_out() as console:
        print_details(details, console, voice)


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


@app.command()
def check(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[FILE]...",
            help="Local, milestone or body files, or globs [default: acd.toml's files, "
            "else planning/*.yaml].",
        ),
    ] = None,
    on: OnOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    warn_overdue: Annotated[
        bool,
        typer.Option(
            "--warn-overdue",
            help="Warn about deadlines past with no completion (off by default, so that time "
            "passing never breaks an unrelated change).",
        ),
    ] = False,
    format_: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="text, json or github."),
    ] = CheckFormat.TEXT,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """Check local files for CI and pre-commit.

    Local deadline files, and the national data/milestones.yaml and data/bodies.yaml.

    Exit 0 when clean (warnings allowed unless --strict), 1 when there are errors,
    2 when a file cannot be read or parsed at all.
    """
    from acd_calendar.checks import Context
    from acd_calendar.config import check_targets
    from acd_calendar.i18n import Voice
    from acd_calendar.lint import check_run, summary
    from acd_calendar.load import load as load_run
    from acd_calendar.problems import Level
    from acd_calendar.render import problems_github, problems_json, problems_text

    files = check_targets(files or [], no_config=_NO_CONFIG)
    voice = Voice(option_lang(lang))
    as_of = option_day("--on", on) or today_in_london()
    loaded = load_run(files, data)
    context = Context(loaded.dataset, loaded.national, as_of, warn_overdue)
    checked = check_run(loaded, context)
    problems = sorted(p for result in checked for p in result.problems)
    line = summary(problems, len(files))
    if format_ is CheckFormat.TEXT:  # JSON and GitHub annotations stay English
        from acd_calendar.welsh import check_lines

        line, review = check_lines(voice, problems, len(files), checked, line)
        if review:
            print(review, file=sys.stderr)
    if format_ is CheckFormat.JSON:
        write_out(problems_json(problems, line))
    elif format_ is CheckFormat.GITHUB:
        write_out(problems_github(problems))
        print(line, file=sys.stderr)
    else:
        write_out(problems_text(problems) + line + "\n")
    if any(p.unusable for p in problems):
        raise typer.Exit(ExitCode.UNUSABLE)
    if any(p.level is Level.ERROR or strict for p in problems):
        raise typer.Exit(ExitCode.FINDINGS)


@app.command()
def init(
    health_board: Annotated[
        str, typer.Option("--health-board", metavar="ID", help="e.g. hywel-dda.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Where to write [default: ID.yaml]; - for standard output.",
        ),
    ] = None,
    on: OnOption = None,
    project_file: Annotated[
        bool,
        typer.Option(
            "--project-file",
            help="Also write acd.toml beside it (never over an existing one), naming the "
            "file and its PCPG.",
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Write a starter local file for a health board.

    A commented file that passes acd check as written; an existing file is never
    overwritten.
    """
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
    target = output or Path(f"{health_board}.yaml")
    shown = target.as_posix() if str(target) != "-" else f"{health_board}.yaml"
    today = option_day("--on", on) or today_in_london()
    text = starter_file(national, health_board, today, shown, voice)
    if str(target) == "-":
        write_out(text)
        return
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


@app.command()
def config(
    files: FileOption = None,
    body: BodyOption = None,
    as_: AsOption = None,
) -> None:
    """Show the settings in force and where each came from.

    acd.toml in this folder or the nearest one above holds a project's defaults
    (files, body, as, lang); options on the command line win; --no-config ignores it.
    """
    from acd_calendar.config import Setting, render, resolve

    resolved = resolve(files, body, as_, no_config=_NO_CONFIG)
    if os.environ.get("ACD_LANG"):  # over acd.toml, as every command takes it
        resolved.lang = Setting(os.environ["ACD_LANG"], "ACD_LANG")
    write_out(render(resolved))


DateOption = Annotated[
    str | None,
    typer.Option("--date", metavar="DATE", help="The day it was done [default: the as-of date]."),
]


@app.command()
def done(
    item_id: Annotated[
        str, typer.Argument(metavar="ID", help="A milestone occurrence, deadline or meeting task.")
    ],
    body: BodyOption = None,
    when: DateOption = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="A short note, one line.")
    ] = None,
    files: FileOption = None,
    on: OnOption = None,
    data: DataOption = None,
) -> None:
    """Record that a body has done an item, in its local file.

    The completion is added to the file that defines the body (or the only file),
    keeping every comment and blank line; the file still passes acd check.
    """
    from acd_calendar.record import done as record_done
    from acd_calendar.text import clean

    files, body, _ = settings(files, body, None)
    if body is None:
        raise UsageError("--body: say which body did it (or set body in acd.toml)")
    as_of = option_day("--on", on) or today_in_london()
    day = option_day("--date", when) or as_of
    write_out(
        clean(record_done(files, item_id.strip(), body.strip(), day, note, load(data), as_of))
        + "\n"
    )


@app.command()
def undo(
    item_id: Annotated[
        str, typer.Argument(metavar="ID", help="The item whose completion to remove.")
    ],
    body: BodyOption = None,
    files: FileOption = None,
    on: OnOption = None,
    data: DataOption = None,
) -> None:
    """Remove a completion that acd done (or a planner) recorded."""
    from acd_calendar.record import undo as record_undo
    from acd_calendar.text import clean

    files, body, _ = settings(files, body, None)
    if body is None:
        raise UsageError("--body: say which body's completion to remove (or set it in acd.toml)")
    as_of = option_day("--on", on) or today_in_london()
    write_out(clean(record_undo(files, item_id.strip(), body.strip(), load(data), as_of)) + "\n")


@app.command()
def schema() -> None:
    """Print the JSON Schema of local files.

    For editors (the YAML language server) and for check-jsonschema.
    """
    import json

    from acd_calendar.schema import LocalPlan

    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **LocalPlan.model_json_schema(),
    }
    document["title"] = "acd-calendar local planning file"
    write_out(json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n")


@app.command()
def ics(
    as_: AsOption = None,
    body: BodyOption = None,
    files: FileOption = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="First day [default: start of the current planning year].",
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="DATE", help="Last day [default: end of the next planning year]."
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="One calendar to FILE (- for standard output, the default).",
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            metavar="DIR",
            help="One calendar per kind and per named body, and an index.html.",
        ),
    ] = None,
    on: OnOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """iCalendar feeds for Outlook.

    Import them, or publish them and subscribe: re-imports and refreshes update the
    events in place.
    """
    from acd_calendar.datafiles import bundled_path
    from acd_calendar.i18n import Voice
    from acd_calendar.ics import Feeds, build_calendar, stamp_from
    from acd_calendar.query import Query, ics_range
    from acd_calendar.reports import load_inputs

    if output is not None and out_dir is not None:
        raise UsageError("-o/--output and --out-dir: give one or the other")
    if out_dir is not None and (as_ or body):
        raise UsageError("--out-dir writes every kind and body: leave out --as and --body")
    files, body, as_ = settings(files, body, as_)
    kind = option_kind(as_)
    language = option_lang(lang)
    as_of = option_day("--on", on) or today_in_london()
    first, last = ics_range(as_of, option_day("--from", from_), option_day("--to", to))
    query = Query(
        as_of=as_of,
        kind=kind,
        body=body,
        first=first,
        last=last,
        show_all=True,
        files=tuple(files or ()),
        data=data,
        lang=language,
    )
    inputs = load_inputs(query)
    feeds = Feeds(
        items=inputs.items(query),
        plans=inputs.plans,
        registry=inputs.registry,
        first=first,
        last=last,
        stamp=stamp_from(
            os.environ.get("SOURCE_DATE_EPOCH"),
            [data or bundled_path("milestones.yaml"), *query.files],
        ),
        as_of=as_of,
        voice=Voice(query.lang),
    )
    if out_dir is not None:
        written = feeds.write_folder(out_dir)
        print(f"wrote {written} calendars and index.html to {out_dir}", file=sys.stderr)
    elif output in (None, "-"):
        write_out_bytes(build_calendar(feeds.feed(inputs.kind, inputs.body), feeds.stamp, {}))
    else:
        feeds.write(Path(output), feeds.feed(inputs.kind, inputs.body))


@app.command()
def timeline(
    as_: AsOption = None,
    body: BodyOption = None,
    files: FileOption = None,
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            metavar="YYYY/YY",
            help="A planning year, e.g. 2026/27 or 2026-27 [default: the as-of date's].",
        ),
    ] = None,
    from_: FromOption = None,
    to: ToOption = None,
    on: OnOption = None,
    svg: Annotated[
        Path | None,
        typer.Option(
            "--svg",
            metavar="FILE",
            help="Write the chart as SVG, for Word and slides (it still prints here).",
        ),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option("--html", metavar="FILE", help="Write it as an HTML page with a table."),
    ] = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """The planning year at a glance, as a chart.

    A Gantt chart by kind of body in the order of the flow, in the terminal or as SVG or
    HTML for board papers.
    """
    from acd_calendar.atomic import write_atomic
    from acd_calendar.dates import financial_year_bounds, financial_year_label, financial_year_of
    from acd_calendar.i18n import Voice
    from acd_calendar.query import Query, timeline_range
    from acd_calendar.reports import report_for
    from acd_calendar.timeline import layout, print_chart

    files, body, as_ = settings(files, body, as_)
    kind = option_kind(as_)
    language = option_lang(lang)
    as_of = option_day("--on", on) or today_in_london()
    first, last = timeline_range(as_of, year, option_day("--from", from_), option_day("--to", to))
    query = Query(
        as_of=as_of,
        kind=kind,
        body=body,
        first=first,
        last=last,
        show_all=True,
        files=tuple(files or ()),
        data=data,
        lang=language,
    )
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
        return
    from acd_calendar.report import chart_files

    files_out = chart_files(report.entries, first, last, as_of, title, svg, html, voice)
    for path, content in files_out:
        write_atomic(path, content)
        print(f"wrote {path}", file=sys.stderr)


@app.command()
def site(
    out_dir: Annotated[
        Path, typer.Option("--out-dir", metavar="DIR", help="The folder to write the site to.")
    ],
    files: FileOption = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="The https:// address the folder is published at (for Subscribe links).",
        ),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            metavar="DIR",
            help="The previously published folder: keeps calendar SEQUENCE rising on a "
            "clean build.",
        ),
    ] = None,
    on: OnOption = None,
    data: DataOption = None,
) -> None:
    """A planning website with calendars to publish.

    For a health board (or all of Wales without --file): home, assurance matrix, a page
    per kind and per body with its calendar, chart and JSON, in English and in Welsh
    (cy/). No JavaScript, no other host; works from file://.
    """
    from acd_calendar.datafiles import bundled_path
    from acd_calendar.ics import stamp_from
    from acd_calendar.site import Plan, build_site, check_base_url

    base = check_base_url(base_url)
    as_of = option_day("--on", on) or today_in_london()
    files, _, _ = settings(files, None, None)
    dataset, plans, registry = local_inputs(as_of, files, data)
    stamp = stamp_from(
        os.environ.get("SOURCE_DATE_EPOCH"),
        [data or bundled_path("milestones.yaml"), *files],
    )
    plan = Plan(dataset, plans, registry, as_of)
    pages, removed = build_site(out_dir, plan, stamp, base, previous)
    print(f"wrote {pages} pages with their calendars to {out_dir}", file=sys.stderr)
    if removed:
        print(
            f"removed {len(removed)} files an earlier build wrote: {', '.join(removed)}",
            file=sys.stderr,
        )


class ReportFormat(StrEnum):
    HTML = "html"
    CSV = "csv"


@app.command()
def report(
    health_board: Annotated[
        str, typer.Option("--health-board", metavar="ID", help="e.g. hywel-dda.")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", metavar="FILE", help="Where to write the report; - for stdout."
        ),
    ],
    files: FileOption = None,
    pdf: Annotated[
        Path | None,
        typer.Option("--pdf", metavar="FILE", help="Also write it as PDF (needs the pdf extra)."),
    ] = None,
    format_: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="html, or csv (the matrix)."),
    ] = ReportFormat.HTML,
    on: OnOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    """The board assurance report of a health board.

    Position, matrix, exceptions, the next 60 days and the chart, in one self-contained
    HTML file that prints to A4; --pdf for PDF, --format csv for the matrix in Excel.
    """
    from acd_calendar.report import refuse_other_boards, write_report
    from acd_calendar.site import Plan

    language = option_lang(lang)
    as_of = option_day("--on", on) or today_in_london()
    files, _, _ = settings(files, None, None)
    dataset, plans, registry = local_inputs(as_of, files, data)
    board = registry.get(health_board.strip())
    if board is None or board.kind.value != "health-board":
        from acd_calendar.load import load_bodies

        valid = ", ".join(b.id for b in load_bodies().health_boards)
        raise UsageError(f"--health-board: no health board {health_board!r}; valid: {valid}")
    refuse_other_boards(files or [], plans, registry, board)
    plan = Plan(dataset, plans, registry, as_of)
    for path in write_report(plan, board, output, format_.value, pdf, write_out, language):
        print(f"wrote {path}", file=sys.stderr)


def main() -> None:
    """Run ``acd``. Typer builds a click command for every command it knows, each time:
    when the command line names one, only that one is built (start-up grows not with the
    number of commands); the help, an unknown name and completion see them all."""
    args = sys.argv[1:]
    name = next((a for a in args if not a.startswith("-")), None)
    commands = app.registered_commands
    named = [c for c in commands if (c.name or _command_name(c)) == name]
    if named and not any(k.startswith("_ACD") for k in os.environ):
        app.registered_commands = named
    try:
        app(prog_name="acd")
    finally:
        app.registered_commands = commands


def _command_name(command: Any) -> str:
    """The name typer gives a command registered without one: the function's."""
    callback = command.callback
    return str(callback.__name__).lower().replace("_", "-") if callback else ""
