"""Problems found in a file, as values: checks yield them, the CLI reports them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One finding at a place in a file; line and column count from 1.

    ``unusable`` marks a problem that stops the file being read at all (bad encoding,
    broken YAML): the CLI exits 2 for those rather than 1.
    """

    path: str
    line: int
    column: int
    level: Level
    code: str
    message: str
    unusable: bool = False

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.level} {self.code} {self.message}"


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem located by its path inside the data (``("milestones", 3, "due")``).

    The loader turns it into a Problem with a line and column from the YAML nodes.
    """

    loc: tuple[str | int, ...]
    code: str
    message: str
    level: Level = Level.ERROR
    at_key: bool = False
