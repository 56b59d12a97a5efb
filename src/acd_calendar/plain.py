"""Plain text for a pipe, laid out as rich lays it out, without importing rich.

``acd due`` piped to a file or another program prints the same bytes as rich would at
the same width (no colour, no trailing spaces), but a fifth faster to start: word
wrapping, left and right justification and the simple-head tables of ``fit`` are
rebuilt here from rich's rules (``rich._wrap.divide_line``, ``Text.wrap``,
``Table`` with ``box.SIMPLE_HEAD``). tests/test_tables.py compares the two.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

_WORD = re.compile(r"\s*\S+\s*")
_END_SPACE = re.compile(r"\s+$")


def cell_len(text: str) -> int:
    """Terminal cells of ``text``: wide East Asian characters take two, combining
    marks and control characters none."""
    if text.isascii():
        return sum(1 for c in text if c >= " " and c != "\x7f")
    return sum(_cell(c) for c in text)


def _cell(character: str) -> int:
    if unicodedata.combining(character) or unicodedata.category(character) in ("Cc", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def _chop(text: str, width: int) -> list[str]:
    """``text`` cut into pieces of at most ``width`` cells."""
    pieces: list[str] = []
    current, size = "", 0
    for character in text:
        cells = _cell(character)
        if current and size + cells > width:
            pieces.append(current)
            current, size = "", 0
        current += character
        size += cells
    pieces.append(current)
    return pieces


def _divide_line(text: str, width: int) -> list[int]:
    """Where rich breaks one paragraph at ``width`` (folding words longer than it)."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            pieces = _chop(word, width)
            for number, piece in enumerate(pieces, start=1):
                if start:
                    breaks.append(start)
                if number == len(pieces):
                    offset = cell_len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def _set_size(text: str, width: int) -> str:
    """``text`` cut or padded to exactly ``width`` cells."""
    size = cell_len(text)
    if size <= width:
        return text + " " * (width - size)
    while cell_len(text) > width:
        text = text[:-1]
    return text + " " * (width - cell_len(text))


def wrap(text: str, width: int, justify: str = "default") -> list[str]:
    """``text`` wrapped between words at ``width`` as ``rich.text.Text.wrap`` does."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        offsets = _divide_line(paragraph, width)
        bounds = [0, *offsets, len(paragraph)]
        pieces = [paragraph[a:b] for a, b in pairwise(bounds)]
        for piece in pieces:
            if len(piece) > width and (space := _END_SPACE.search(piece)):
                piece = piece[: len(piece) - min(len(space.group(0)), len(piece) - width)]
            if justify == "left":
                piece = _set_size(piece, width) if cell_len(piece) > width else piece
                piece += " " * (width - cell_len(piece))
            elif justify == "right":
                piece = piece.rstrip()
                if cell_len(piece) > width:
                    piece = _set_size(piece, width)
                piece = " " * (width - cell_len(piece)) + piece
            if cell_len(piece) > width:
                piece = _set_size(piece, width)
            lines.append(piece)
    return lines


class Text:
    """The part of ``rich.text.Text`` the report uses, without styles (a pipe has none)."""

    __slots__ = ("plain",)

    def __init__(self, text: str = "", style: str = "") -> None:  # noqa: ARG002 (rich's)
        self.plain = text

    def append(self, text: str | Text, style: str = "") -> Text:  # noqa: ARG002 (rich's)
        self.plain += text if isinstance(text, str) else text.plain
        return self

    def append_text(self, text: Text) -> Text:
        self.plain += text.plain
        return self

    def copy(self) -> Text:
        return Text(self.plain)

    def split(self, separator: str) -> list[Text]:
        if separator not in self.plain:
            return [self.copy()]
        parts = self.plain.split(separator)
        if self.plain.endswith(separator):
            parts.pop()
        return [Text(part) for part in parts]

    def __add__(self, other: str | Text) -> Text:
        return Text(self.plain + (other if isinstance(other, str) else other.plain))

    def __str__(self) -> str:
        return self.plain


class Console:
    """Collects lines for standard output at a fixed width; never imports rich."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[str] = []

    def print(
        self,
        text: str | Text = "",
        *,
        no_wrap: bool = False,
        **_: Any,
    ) -> None:
        """A line, wrapped at the width unless ``no_wrap`` (then it runs on)."""
        plain = text if isinstance(text, str) else text.plain
        self.lines += plain.split("\n") if no_wrap else wrap(plain, self.width)

    def print_table(
        self,
        headers: Sequence[str],
        cells: Sequence[Sequence[object]],
        sizes: Sequence[int],
        justify: Sequence[str],
        title: str | None = None,
    ) -> None:
        """A ``box.SIMPLE_HEAD`` table without edges: one space of padding each side of
        a cell but at the table's edges, a space between columns, a rule under the
        header; each column exactly its size."""
        total = sum(sizes) + 3 * (len(sizes) - 1)
        if title:
            self.lines += wrap(title, total, "left")
        header = [wrap(h, s, j) for h, s, j in zip(headers, sizes, justify, strict=True)]
        self.lines += self._row(header, sizes, justify)
        self.lines.append("─" * total)
        for row in zip(*cells, strict=True):
            texts = [str(c) for c in row]
            rendered = [wrap(t, s, j) for t, s, j in zip(texts, sizes, justify, strict=True)]
            self.lines += self._row(rendered, sizes, justify)

    @staticmethod
    def _row(cells: list[list[str]], sizes: Sequence[int], justify: Sequence[str]) -> list[str]:
        height = max(len(c) for c in cells)
        lines = []
        for number in range(height):
            parts = []
            for cell, size, side in zip(cells, sizes, justify, strict=True):
                line = cell[number] if number < len(cell) else ""
                parts.append(_set_size(line, size) if side == "left" else line.rjust(size))
            lines.append("   ".join(parts))
        return lines

    def text(self) -> str:
        """Everything printed, each line without trailing spaces."""
        joined = "\n".join(self.lines)
        return "".join(line.rstrip() + "\n" for line in joined.splitlines())
