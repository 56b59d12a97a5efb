"""The ``acd`` entry point.

``acd --version`` is answered at once; a command line that ``arguments`` can read runs
without importing typer; anything else (help, completion, errors in the options) goes
to typer through ``cli``. The outcome is the same either way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main() -> None:
    argv = sys.argv[1:]
    try:
        if argv == ["--version"]:
            from acd_calendar import __version__

            sys.stdout.write(f"acd {__version__}\n")
            return
        code = dispatch(argv)
    except KeyboardInterrupt:  # Ctrl-C while starting: no traceback
        code = 130
    sys.exit(code)


def dispatch(argv: Sequence[str]) -> int:
    """Run one command line; the exit code (typer's path exits by itself)."""
    from acd_calendar.commands import (
        COMMANDS,
        debugging,
        internal_error,
        run,
        without_no_config,
    )

    args = without_no_config(argv)
    debug = debugging(args, os.environ)
    try:
        from acd_calendar.arguments import parse

        parsed = parse(args, os.environ)
    except Exception as exc:
        return internal_error(exc, debug=debug)
    if parsed is None:
        from acd_calendar.cli import main as cli_main

        cli_main(argv)
        return 0  # not reached: typer exits
    try:
        return run(lambda: COMMANDS[parsed.command](**parsed.params), debug=debug)
    except Exception as exc:
        return internal_error(exc, debug=debug)
