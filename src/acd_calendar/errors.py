"""The error hierarchy and exit codes.

Core modules raise these; only the CLI turns them into a message and an exit code.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    UNUSABLE = 2
    INTERNAL = 3
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class AcdError(Exception):
    """Anything the user can fix: reported as one line, exit 2."""

    exit_code = ExitCode.UNUSABLE


class UsageError(AcdError):
    """A command-line value that cannot be used (names the option)."""


class InputError(AcdError):
    """A data file that cannot be read or used (names the file, line and column)."""

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or ""
        if self.path and self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


class ExportError(AcdError):
    """An output file that could not be written."""
