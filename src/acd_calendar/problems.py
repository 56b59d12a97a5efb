"""Problems found in a file, as values: checks yield them, the CLI reports them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from acd_calendar.dates import When


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Span:
    """An item's dates as a value of a message: a window, or a deadline on its last day."""

    when: When
    is_deadline: bool

    def english(self) -> str:
        return self.when.deadline_label if self.is_deadline else self.when.label


@dataclass(frozen=True, slots=True)
class Words:
    """A message as its catalogue id (``msgid``) and the values of its placeholders, so
    that ``acd check --lang cy`` can say it in Welsh when it prints it (``welsh.say``).

    A value is text the same in every language (an id, an ISO date, a path), a day
    (said as "30 November 2026"), an item's dates (``Span``) or Words of its own (a
    phrase, such as "; did you mean 'x'?"). ``plural`` and ``n``: the message for
    ``n`` other than one (each language's text for many must suit every such ``n``).
    ``as_english``: English other than the msgid (a kind's value, "pc"); ``as_welsh``:
    Welsh that is not in the catalogue (a body's Welsh name).
    """

    msgid: str
    values: tuple[tuple[str, Value], ...] = ()
    plural: str | None = None
    n: int = 1
    as_english: str | None = None
    as_welsh: str | None = None

    @classmethod
    def of(cls, msgid: str, **values: Value) -> Words:
        return cls(msgid, tuple(values.items()))

    def english(self) -> str:
        if self.as_english is not None:
            return self.as_english
        text = self.plural if self.plural is not None and self.n != 1 else self.msgid
        return text.format(n=self.n, **{k: english(v) for k, v in self.values})


Value = str | date | Span | Words


def english(value: Value) -> str:
    """A value of a message in English."""
    if isinstance(value, Words | Span):
        return value.english()
    if isinstance(value, date):
        from acd_calendar.dates import day_label

        return day_label(value)
    return value


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
    # the message as catalogue id and values (None: it has no Welsh, it prints as it is)
    words: Words | None = field(default=None, compare=False)

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
    words: Words | None = field(default=None, compare=False)

    @classmethod
    def say(
        cls,
        loc: tuple[str | int, ...],
        code: str,
        words: Words,
        level: Level = Level.ERROR,
    ) -> Finding:
        """A finding whose message is ``words`` in English, sayable in other languages."""
        return cls(loc, code, words.english(), level, words=words)
