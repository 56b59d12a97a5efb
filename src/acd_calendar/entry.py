"""The ``acd`` entry point: ``acd --version`` is answered before typer is imported.

Everything else goes to ``cli``.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from acd_calendar import __version__

        sys.stdout.write(f"acd {__version__}\n")
        return
    from acd_calendar.cli import main as cli_main

    cli_main()
