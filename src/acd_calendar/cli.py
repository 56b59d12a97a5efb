"""The ``acd`` command line for typer: every command, its options and their help.

typer gives the help, shell completion and the usage errors. What a command does is in
``commands`` (without typer); ``arguments`` reads the common command lines without
importing typer at all, from ``arguments.json``, which ``argument_spec`` writes from the
declarations here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from acd_calendar import __version__
from acd_calendar.commands import (
    CheckFormat,
    FailOn,
    Format,
    ReportFormat,
    ShowFormat,
    debugging,
    fail,
    internal_error,
    run,
    without_no_config,
)
from acd_calendar.errors import ExitCode
from acd_calendar.schedule import DEFAULT_WITHIN_DAYS


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
        argv = without_no_config(list(sys.argv[1:] if args is None else args))
        if not argv:
            argv = ["--help"]  # bare `acd`: the help on stdout, exit 0
        debug = debugging(argv, os.environ)

        def invoke() -> int | None:
            result = TyperGroup.main(
                self,
                args=argv,
                prog_name=prog_name or "acd",
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            return result if isinstance(result, int) else None

        try:
            code = run(invoke, debug=debug)
        except typer.TyperException as exc:
            code = _fail_usage(exc, debug=debug)
        except typer.Abort:
            code = fail("aborted", ExitCode.UNUSABLE, debug=debug)
        except Exception as exc:
            code = internal_error(exc, debug=debug)
        sys.exit(int(code))


def _fail_usage(exc: typer.TyperException, *, debug: bool) -> int:
    ctx = getattr(exc, "ctx", None)
    where = f"{ctx.command_path}: " if ctx is not None else ""
    code = getattr(exc, "exit_code", ExitCode.UNUSABLE) or ExitCode.UNUSABLE
    return fail(where + exc.format_message().replace("\n", " "), code, debug=debug)


def _call(ctx: typer.Context) -> int:
    """Run the command ``ctx`` names with the values click read (the parameters of the
    typer functions below declare the options; ``commands`` uses their values)."""
    from acd_calendar.commands import COMMANDS

    return COMMANDS[str(ctx.info_name)](**ctx.params)


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


# --- options shared by several commands ---------------------------------------------------


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
        readable=False,
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
        readable=False,
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


# --- commands -------------------------------------------------------------------------------


@app.command()
def due(
    ctx: typer.Context,
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
    ] = DEFAULT_WITHIN_DAYS,
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
) -> int:
    """What is overdue, due and upcoming.

    For a kind of body (--as; every kind without it), or for one named body (--body)
    with its own deadlines, meetings and completions from local files (--file).
    """
    return _call(ctx)


@app.command("list")
def list_(
    ctx: typer.Context,
    as_: AsOption = None,
    format_: FormatOption = Format.TABLE,
    files: FileOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> int:
    """Every national milestone, cycle and governance cadence.

    With --file (or acd.toml), the local files' deadlines and meeting series too.
    """
    return _call(ctx)


@app.command()
def show(
    ctx: typer.Context,
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
) -> int:
    """Everything about one milestone, deadline or meeting.

    Its dates, owners, basis and source, what it depends on and what depends on it;
    with --file (or acd.toml), local deadlines, meetings and meeting tasks too.
    """
    return _call(ctx)


@app.command()
def check(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            readable=False,
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
) -> int:
    """Check local files for CI and pre-commit.

    Local deadline files, and the national data/milestones.yaml and data/bodies.yaml.

    Exit 0 when clean (warnings allowed unless --strict), 1 when there are errors,
    2 when a file cannot be read or parsed at all.
    """
    return _call(ctx)


@app.command()
def init(
    ctx: typer.Context,
    health_board: Annotated[
        str, typer.Option("--health-board", metavar="ID", help="e.g. hywel-dda.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            readable=False,
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
) -> int:
    """Write a starter local file for a health board.

    A commented file that passes acd check as written; an existing file is never
    overwritten.
    """
    return _call(ctx)


@app.command()
def config(
    ctx: typer.Context,
    files: FileOption = None,
    body: BodyOption = None,
    as_: AsOption = None,
) -> int:
    """Show the settings in force and where each came from.

    acd.toml in this folder or the nearest one above holds a project's defaults
    (files, body, as, lang); options on the command line win; --no-config ignores it.
    """
    return _call(ctx)


DateOption = Annotated[
    str | None,
    typer.Option("--date", metavar="DATE", help="The day it was done [default: the as-of date]."),
]


@app.command()
def done(
    ctx: typer.Context,
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
) -> int:
    """Record that a body has done an item, in its local file.

    The completion is added to the file that defines the body (or the only file),
    keeping every comment and blank line; the file still passes acd check.
    """
    return _call(ctx)


@app.command()
def undo(
    ctx: typer.Context,
    item_id: Annotated[
        str, typer.Argument(metavar="ID", help="The item whose completion to remove.")
    ],
    body: BodyOption = None,
    files: FileOption = None,
    on: OnOption = None,
    data: DataOption = None,
) -> int:
    """Remove a completion that acd done (or a planner) recorded."""
    return _call(ctx)


@app.command()
def schema(ctx: typer.Context) -> int:
    """Print the JSON Schema of local files.

    For editors (the YAML language server) and for check-jsonschema.
    """
    return _call(ctx)


@app.command()
def ics(
    ctx: typer.Context,
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
            readable=False,
            metavar="DIR",
            help="One calendar per kind and per named body, and an index.html.",
        ),
    ] = None,
    on: OnOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> int:
    """iCalendar feeds for Outlook.

    Import them, or publish them and subscribe: re-imports and refreshes update the
    events in place.
    """
    return _call(ctx)


@app.command()
def timeline(
    ctx: typer.Context,
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
            readable=False,
            metavar="FILE",
            help="Write the chart as SVG, for Word and slides (it still prints here).",
        ),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html", readable=False, metavar="FILE", help="Write it as an HTML page with a table."
        ),
    ] = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> int:
    """The planning year at a glance, as a chart.

    A Gantt chart by kind of body in the order of the flow, in the terminal or as SVG or
    HTML for board papers.
    """
    return _call(ctx)


@app.command()
def site(
    ctx: typer.Context,
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out-dir", readable=False, metavar="DIR", help="The folder to write the site to."
        ),
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
            readable=False,
            metavar="DIR",
            help="The previously published folder: keeps calendar SEQUENCE rising on a "
            "clean build.",
        ),
    ] = None,
    on: OnOption = None,
    data: DataOption = None,
) -> int:
    """A planning website with calendars to publish.

    For a health board (or all of Wales without --file): home, assurance matrix, a page
    per kind and per body with its calendar, chart and JSON, in English and in Welsh
    (cy/). No JavaScript, no other host; works from file://.
    """
    return _call(ctx)


@app.command()
def report(
    ctx: typer.Context,
    health_board: Annotated[
        str, typer.Option("--health-board", metavar="ID", help="e.g. hywel-dda.")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            readable=False,
            metavar="FILE",
            help="Where to write the report; - for stdout.",
        ),
    ],
    files: FileOption = None,
    pdf: Annotated[
        Path | None,
        typer.Option(
            "--pdf",
            readable=False,
            metavar="FILE",
            help="Also write it as PDF (needs the pdf extra).",
        ),
    ] = None,
    format_: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="html, or csv (the matrix)."),
    ] = ReportFormat.HTML,
    on: OnOption = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> int:
    """The board assurance report of a health board.

    Position, matrix, exceptions, the next 60 days and the chart, in one self-contained
    HTML file that prints to A4; --pdf for PDF, --format csv for the matrix in Excel.
    """
    return _call(ctx)


def argument_spec() -> dict[str, Any]:
    """What ``arguments`` needs to read a command line as click does, from the typer
    declarations above: ``arguments.json``."""
    import typer.main

    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    commands: dict[str, Any] = {}
    for name, command in sorted(group.commands.items()):
        params = [_param_spec(p) for p in command.params]
        unsupported = [p["unsupported"] for p in params if "unsupported" in p]
        if unsupported or command.context_settings:
            commands[name] = {"typer_only": unsupported or ["context settings"]}
        else:
            commands[name] = {"params": params}
    return {"version": 1, "commands": commands}


def argument_spec_text() -> str:
    """``arguments.json``: a parameter a line, so that a change reads well in a diff."""
    import json

    spec = argument_spec()
    lines = [f'{{"version": {spec["version"]}, "commands": {{']
    names = list(spec["commands"])
    for n, name in enumerate(names):
        comma = "," if n < len(names) - 1 else ""
        command = spec["commands"][name]
        if "typer_only" in command:
            lines.append(f"  {json.dumps(name)}: {json.dumps(command, ensure_ascii=False)}{comma}")
            continue
        params = command["params"]
        lines.append(f'  "{name}": {{"params": [')
        lines += [
            "    " + json.dumps(p, ensure_ascii=False) + ("," if i < len(params) - 1 else "")
            for i, p in enumerate(params)
        ]
        lines.append("  ]}" + comma)
    lines.append("}}")
    return "\n".join(lines) + "\n"


def _param_spec(param: Any) -> dict[str, Any]:
    """What ``arguments`` needs of one click parameter; with ``unsupported`` when the
    parameter asks click for something ``arguments`` does not do, so that its command
    always goes through typer."""
    kind = param.type
    family = {
        "StringParamType": "text",
        "TyperPath": "text",
        "IntRange": "int",
        "IntParamType": "int",
        "TyperChoice": "choice",
        "BoolParamType": "flag",
    }.get(type(kind).__name__)
    argument = param.param_type_name == "argument"
    flag = bool(getattr(param, "is_flag", False))
    checks = {
        "a callback": param.callback is not None,
        "a secondary name": bool(param.secondary_opts),
        "a counter": bool(getattr(param, "count", False)),
        "a flag that is not a plain boolean": flag and not param.is_bool_flag,
        "a prompt": bool(getattr(param, "prompt", None)),
        "several values at once": param.nargs not in ((1, -1) if argument else (1,)),
        "checks on a path": family == "text"
        and any(getattr(kind, a, False) for a in ("exists", "readable", "writable")),
        "a resolved path": bool(getattr(kind, "resolve_path", False)),
        "open or clamped bounds": family == "int"
        and any(getattr(kind, a, False) for a in ("min_open", "max_open", "clamp")),
        "case-insensitive choices": family == "choice" and not kind.case_sensitive,
        "an environment variable for several values": bool(param.envvar)
        and (param.multiple or param.nargs != 1),
        f"the type {type(kind).__name__}": family is None or (family == "flag") != flag,
    }
    spec = {
        "name": param.name,
        "opts": list(param.opts),
        "argument": argument,
        "flag": flag,
        "multiple": bool(getattr(param, "multiple", False)),
        "nargs": param.nargs,
        "required": param.required,
        "default": _plain(param.default),
        "envvar": param.envvar,
        "type": family if family != "flag" else "text",
        "choices": [str(c) for c in kind.choices] if family == "choice" else None,
        "min": getattr(kind, "min", None),
        "max": getattr(kind, "max", None),
    }
    problems = [what for what, found in checks.items() if found]
    if problems:
        spec["unsupported"] = f"{param.name}: {', '.join(problems)}"
    return spec


def _plain(value: Any) -> Any:
    """A default as click hands it over: an enum member as its value."""
    from enum import Enum

    return value.value if isinstance(value, Enum) else value


def main(args: Sequence[str] | None = None) -> None:
    """Run ``acd`` through typer. Typer builds a click command for every command it knows,
    each time: when the command line names one, only that one is built (start-up grows
    not with the number of commands); the help, an unknown name and completion see them
    all."""
    argv = list(sys.argv[1:] if args is None else args)
    name = next((a for a in argv if not a.startswith("-")), None)
    commands = app.registered_commands
    named = [c for c in commands if (c.name or _command_name(c)) == name]
    if named and not any(k.startswith("_ACD") for k in os.environ):
        app.registered_commands = named
    try:
        app(args=argv, prog_name="acd")
    except KeyboardInterrupt:  # while typer builds the command: no traceback
        sys.exit(130)
    finally:
        app.registered_commands = commands


def _command_name(command: Any) -> str:
    """The name typer gives a command registered without one: the function's."""
    callback = command.callback
    return str(callback.__name__).lower().replace("_", "-") if callback else ""
