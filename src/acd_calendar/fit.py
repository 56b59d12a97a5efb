"""Tables that never lose a word: pick the widest layout whose columns all fit.

Every column is at least as wide as its longest word (an id is one word), so that
cells wrap only between words and nothing is cut or ended with an ellipsis. Layouts
are tried from the most columns to the fewest; when none fits, or the terminal is
narrower than ``MIN_TABLE`` columns, the caller prints one item a block instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from acd_calendar import plain as plain_text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

MIN_TABLE = 60
PLAIN_GAP = 2  # between the cells of a grid
GAP = 3  # between cells: padding 0,1 without edge padding, and the box's separator


class Column:
    """A column's header and cells (a plain class: it is built on every table run)."""

    __slots__ = ("cells", "header", "justify")

    def __init__(self, header: str, cells: Sequence[Text | str], justify: Any = "left") -> None:
        self.header = header
        self.cells = cells
        self.justify = justify

    def longest_word(self) -> int:
        """The widest the column can be made: its longest word, with any indent."""
        longest = len(self.header)
        for cell in self.cells:
            for line in str(cell).splitlines():
                words = line.split()
                if words:
                    indent = len(line) - len(line.lstrip())
                    longest = max(longest, indent + len(words[0]), *(len(w) for w in words))
        return max(longest, 1)

    def longest_line(self) -> int:
        lines = [self.header]
        for cell in self.cells:
            lines += str(cell).splitlines()
        return max((len(line) for line in lines), default=1)


def widths(columns: Sequence[Column], width: int, gap: int = GAP) -> list[int]:
    """Each column's width: its longest line if all fit, else at least its longest word."""
    low = [c.longest_word() for c in columns]
    high = [max(c.longest_line(), w) for c, w in zip(columns, low, strict=True)]
    room = width - gap * (len(columns) - 1)
    if sum(high) <= room:
        return high
    given = list(low)
    spare = room - sum(given)
    # Narrow columns first get all they want, so that short cells stay on one line...
    for i in sorted(range(len(columns)), key=lambda i: high[i])[:-1]:
        if high[i] - given[i] <= spare:
            spare -= high[i] - given[i]
            given[i] = high[i]
    # ...and the rest is shared in proportion to what each still wants.
    while spare > 0:
        wanting = [i for i in range(len(columns)) if given[i] < high[i]]
        if not wanting:
            break
        total = sum(high[i] - given[i] for i in wanting)
        shares = {i: max(1, spare * (high[i] - given[i]) // total) for i in wanting}
        for i in wanting:
            step = min(shares[i], high[i] - given[i], spare)
            given[i] += step
            spare -= step
    return given


def fits(columns: Sequence[Column], width: int, gap: int = GAP) -> bool:
    total = sum(c.longest_word() for c in columns) + gap * (len(columns) - 1)
    return width >= MIN_TABLE and total <= width


COMFORT = 20


def comfortable(columns: Sequence[Column], width: int, gap: int = GAP) -> bool:
    """Fits with every column at least ``COMFORT`` wide (or as wide as it needs)."""
    if not fits(columns, width, gap):
        return False
    sizes = widths(columns, width, gap)
    return all(
        size >= min(column.longest_line(), COMFORT)
        for column, size in zip(columns, sizes, strict=True)
    )


def table(columns: Sequence[Column], width: int, *, plain: bool = False, **options: Any) -> Table:
    """A rich table whose columns never shrink below their longest word; ``plain``: a
    grid with no headers or rules, two spaces between columns."""
    from rich import box
    from rich.table import Table

    if plain:
        grid = Table.grid(padding=(0, 2))
    else:
        grid = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            expand=False,
            highlight=False,
            **options,
        )
    sizes = widths(columns, width, PLAIN_GAP if plain else GAP)
    for column, size in zip(columns, sizes, strict=True):
        grid.add_column(column.header, width=size, justify=column.justify, overflow="fold")
    for row in zip(*(c.cells for c in columns), strict=True):
        grid.add_row(*row)
    return grid


def print_first_fitting(
    console: Console | plain_text.Console,
    layouts: Sequence[Sequence[Column]],
    *,
    plain: bool = False,
    **options: Any,
) -> bool:
    """Print the first layout that fits the console; False when none does."""
    gap = PLAIN_GAP if plain else GAP
    for number, columns in enumerate(layouts, start=1):
        if number < len(layouts) and not comfortable(columns, console.width, gap):
            continue
        if fits(columns, console.width, gap):
            if isinstance(console, plain_text.Console):
                if plain:  # `acd show`'s grids: only ever printed by rich
                    raise NotImplementedError("a grid on a plain console")
                console.print_table(
                    [c.header for c in columns],
                    [c.cells for c in columns],
                    widths(columns, console.width, gap),
                    [c.justify for c in columns],
                    options.get("title"),
                )
            else:
                console.print(table(columns, console.width, plain=plain, **options))
            return True
    return False


def print_unbroken(
    console: Console | plain_text.Console,
    text: Text | plain_text.Text | str,
    indent: int = 0,
    *,
    whole: bool = False,
) -> None:
    """A line that wraps between words only: a word longer than the width runs on.
    ``whole``: never wrapped (an id with its label, to copy)."""
    if isinstance(console, plain_text.Console):
        Text: Any = plain_text.Text
    else:
        from rich.text import Text

    line = Text(text) if isinstance(text, str) else text
    if whole:
        console.print(Text(" " * indent) + line, no_wrap=True, overflow="ignore", crop=False)
        return
    width = max(console.width - indent, 1)
    rows: list[Text] = []
    current = Text()
    for word in line.split(" "):
        if current.plain and len(current.plain) + 1 + len(word.plain) > width:
            rows.append(current)
            current = Text()
        if current.plain:
            current.append(" ")
        current.append_text(word)
    rows.append(current)
    for row in rows:
        console.print(Text(" " * indent) + row, no_wrap=True, overflow="ignore", crop=False)
