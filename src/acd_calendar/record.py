"""``acd done`` and ``acd undo``: a completion added to or removed from a local file.

The planner's file is edited as text, line by line, never re-dumped: every comment,
blank line, quote style and key order stays as written. ruamel.yaml's round-trip
parser finds where the ``completions`` list starts and where each entry sits; the new
text is parsed again and must hold exactly the old data plus (or minus) the one entry,
and pass ``acd check``, before it replaces the file atomically with the file's mode.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acd_calendar.errors import InputError, UsageError

if TYPE_CHECKING:
    from acd_calendar.lint import Checked
    from acd_calendar.local import LocalPlan
    from acd_calendar.national import Dataset

MAX_NOTE = 500
_PLAIN = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True, slots=True)
class Entry:
    item: str
    body: str
    date: date
    note: str | None = None

    def lines(self, dash: int, newline: str, key_column: int | None = None) -> str:
        """The entry as block YAML: its dash at ``dash``, its keys at ``key_column``."""
        column = max(dash + 2, key_column or 0)
        pad = " " * dash + "-" + " " * (column - dash - 1)
        key = " " * column
        text = [f"{pad}item: {_scalar(self.item)}", f"{key}body: {_scalar(self.body)}"]
        text.append(f"{key}date: {self.date.isoformat()}")
        if self.note:
            text.append(f"{key}note: {json.dumps(self.note, ensure_ascii=False)}")
        return "".join(line + newline for line in text)

    def as_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"item": self.item, "body": self.body, "date": self.date}
        if self.note:
            data["note"] = self.note
        return data


def _scalar(value: str) -> str:
    return value if _PLAIN.fullmatch(value) else json.dumps(value, ensure_ascii=False)


def check_note(note: str | None) -> str | None:
    if note is None:
        return None
    from acd_calendar.text import control_at

    note = note.strip()
    if control_at(note) is not None:
        raise UsageError("--note: one line of text, without control characters")
    if len(note) > MAX_NOTE:
        raise UsageError(f"--note: {MAX_NOTE} characters at the most")
    return note or None


def _round_trip(text: str, path: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="rt")
    try:
        return yaml.load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"cannot be edited: {getattr(exc, 'problem', None) or exc}",
            path,
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None


def _plain(text: str) -> Any:
    """The file's data as plain values, to compare before and after an edit."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


@dataclass(frozen=True, slots=True)
class Block:
    """Where the ``completions`` list is in the file's lines (0-based)."""

    key_line: int  # the line of ``completions:``
    end: int  # the line after its last entry's last line
    dash: int  # the column of the entries' dashes
    starts: tuple[int, ...]  # the first line of each entry
    key_column: int | None = None  # the column of the keys of a block entry


def _block(doc: Any, lines: list[str], path: str) -> Block | None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(doc, CommentedMap):
        raise InputError("not a local file: it is not a mapping of keys", path, 1, 1)
    if "completions" not in doc:
        return None
    keys = list(doc.keys())
    key_line = doc.lc.key("completions")[0]
    following = [doc.lc.key(k)[0] for k in keys if doc.lc.key(k)[0] > key_line]
    limit = min(following) if following else len(lines)
    end = limit
    while end > key_line + 1 and (not lines[end - 1].strip() or _comment(lines[end - 1])):
        end -= 1
    value = doc["completions"]
    if value is None:
        return Block(key_line, key_line + 1, _dash_style(doc, lines), ())
    if not isinstance(value, CommentedSeq):
        raise InputError("completions: not a list", path, key_line + 1, 1)
    if value.fa.flow_style():
        if len(value):
            raise InputError(
                "completions: written as a [flow] list; write it as a block list to use acd done",
                path,
                key_line + 1,
                1,
            )
        return Block(key_line, key_line + 1, _dash_style(doc, lines), ())
    starts = tuple(value.lc.item(i)[0] for i in range(len(value)))
    dash = lines[starts[0]].index("-") if starts else _dash_style(doc, lines)
    key_column = next(
        (
            value.lc.item(i)[1]
            for i in range(len(value))
            if isinstance(value[i], CommentedMap) and not value[i].fa.flow_style()
        ),
        None,
    )
    return Block(key_line, end, dash, starts, key_column)


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _dash_style(doc: Any, lines: list[str]) -> int:
    """The dash column of the file's other block lists (2 if none)."""
    from ruamel.yaml.comments import CommentedSeq

    for key in doc:
        value = doc[key]
        if isinstance(value, CommentedSeq) and len(value) and not value.fa.flow_style():
            line: str = lines[value.lc.item(0)[0]]
            if "-" in line:
                return line.index("-")
    return 2


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _lines(text: str) -> list[str]:
    """The lines as YAML counts them (``\n`` ends a line; ``str.splitlines`` would also
    split at characters YAML keeps inside a line), each with its ending."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def add(text: str, entry: Entry, path: str) -> str:
    """The file's text with ``entry`` appended to its completions."""
    newline = _newline(text)
    lines = _lines(text)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    doc = _round_trip(text, path)
    block = _block(doc, [line.rstrip("\r\n") for line in lines], path)
    if block is None:
        spacer = [] if not lines or not lines[-1].strip() else [newline]
        new = [*lines, *spacer, f"completions:{newline}", entry.lines(2, newline)]
    else:
        key = lines[block.key_line]
        if doc["completions"] is not None and not block.starts:  # completions: []
            key = re.sub(r"(:[ \t]*)\[[ \t]*\]", r"\1", key, count=1)
            if "#" not in key:  # no spaces left at the end of the line
                key = key.rstrip(" \t\r\n") + newline
        new = [
            *lines[: block.key_line],
            key,
            *lines[block.key_line + 1 : block.end],
            entry.lines(block.dash, newline, block.key_column),
            *lines[block.end :],
        ]
    result = "".join(new)
    before = _plain(text) or {}
    expected = {**before, "completions": [*(before.get("completions") or []), entry.as_data()]}
    _same(result, expected, path)
    return result


def remove(text: str, item: str, body: str, path: str) -> str:
    """The file's text without the completion of ``item`` by ``body``: its own lines go,
    the comments and blank lines before the next entry stay."""
    lines = _lines(text)
    doc = _round_trip(text, path)
    block = _block(doc, [line.rstrip("\r\n") for line in lines], path)
    entries = list(doc.get("completions") or []) if block else []
    index = next(
        (
            i
            for i, c in enumerate(entries)
            if isinstance(c, dict) and str(c.get("item")) == item and str(c.get("body")) == body
        ),
        None,
    )
    if block is None or index is None:
        raise UsageError(f"no completion of {item!r} by {body!r} in {path}")
    first = block.starts[index]
    last = block.end
    if index + 1 < len(block.starts):
        last = block.starts[index + 1]
        while last > first + 1 and (not lines[last - 1].strip() or _comment(lines[last - 1])):
            last -= 1
    new = [*lines[:first], *lines[last:]]
    if len(entries) == 1:  # back to `completions: []`, as acd done found it
        new[block.key_line] = re.sub(r"^(\s*completions:) ?", r"\1 []", new[block.key_line])
    result = "".join(new)
    before = _plain(text) or {}
    remaining = [c for i, c in enumerate(before.get("completions") or []) if i != index]
    _same(result, {**before, "completions": remaining}, path)
    return result


def _same(text: str, expected: dict[str, Any], path: str) -> None:
    try:
        after = _plain(text)
    except Exception:
        after = None
    if after != expected:
        raise InputError(
            "cannot be edited safely here (the completions list has an unusual layout); "
            "edit it by hand",
            path,
        )


def write_keeping_mode(path: Path, text: str) -> None:
    """Replace ``path`` atomically; ``write_atomic`` keeps its permission bits."""
    from acd_calendar.atomic import write_atomic

    write_atomic(path, text.encode("utf-8"))


def suggest(word: str, known: list[str], what: str) -> str:
    """The nearest known name, else where to look."""
    from acd_calendar.suggest import nearest

    close = nearest(word, known)
    if close is not None:
        return f"; did you mean {close!r}?"
    if what == "bodies":
        return "; bodies are those of data/bodies.yaml and the local files"
    return "; `acd due --all --body BODY` lists the ids"


def describe_path(path: Path) -> str:
    from acd_calendar.config import display

    return display(os.fspath(path))


def _checked(
    paths: list[Path], displays: list[str], dataset: Dataset, as_of: date
) -> list[Checked]:
    from acd_calendar.checks import Context
    from acd_calendar.lint import check_paths
    from acd_calendar.load import load_bodies

    return check_paths(paths, Context(dataset, load_bodies(), as_of), displays)


def _plans(files: list[Path], dataset: Dataset, as_of: date) -> list[LocalPlan]:
    if not files:
        raise UsageError(
            "acd done and acd undo write to a local file: add --file FILE "
            "(or list your files in acd.toml)"
        )
    checked = _checked(files, [describe_path(f) for f in files], dataset, as_of)
    plans = []
    for result in checked:
        if result.errors:
            first = result.errors[0]
            raise InputError(
                f"{first.code}: {first.message} (fix the file first: see acd check)",
                first.path,
                first.line,
                first.column,
            )
        if result.file.plan is None:
            raise InputError("not a local file (it holds national data)", result.path)
        plans.append(result.file.plan)
    return plans


def _verify_and_write(
    files: list[Path], index: int, text: str, dataset: Dataset, as_of: date
) -> None:
    """The edited file must pass ``acd check`` beside the others before it is written."""
    import tempfile

    target = files[index]
    with tempfile.TemporaryDirectory(prefix="acd-") as folder:
        trial = Path(folder, target.name)
        trial.write_text(text, encoding="utf-8", newline="")
        paths = [trial if i == index else f for i, f in enumerate(files)]
        checked = _checked(paths, [describe_path(f) for f in files], dataset, as_of)
    for result in checked:
        if result.errors:
            first = result.errors[0]
            raise InputError(f"{first.code}: {first.message} (file left as it was)", first.path)
    write_keeping_mode(target, text)


def done(
    files: list[Path],
    item_id: str,
    body_id: str,
    day: date,
    note: str | None,
    dataset: Dataset,
    as_of: date,
) -> str:
    """Record that ``body_id`` completed ``item_id`` on ``day``; the line to print."""
    from acd_calendar.bodies import Registry
    from acd_calendar.checks import Context, LocalFile, Run, completion_target
    from acd_calendar.combined import combined_items
    from acd_calendar.load import load_bodies

    note = check_note(note)
    if day > as_of:
        raise UsageError(f"--date: {day} is after the as-of date {as_of}: not done yet")
    plans = _plans(files, dataset, as_of)
    national = load_bodies()
    registry = Registry(national, plans)
    body = registry.get(body_id)
    if body is None:
        known = list(registry.bodies) + list(registry.aliases)
        raise UsageError(f"--body: no body {body_id!r}{suggest(body_id, known, 'bodies')}")
    index = next(
        (i for i, plan in enumerate(plans) if any(b.id == body.id for b in plan.bodies)), None
    )
    if index is None:
        if len(files) != 1:
            raise UsageError(
                f"--body: {body.id!r} is not defined in a local file; with several files, "
                "name the one to write with --file"
            )
        index = 0
    run = Run(
        Context(dataset, national, as_of), [(str(f), p) for f, p in zip(files, plans, strict=True)]
    )
    target = completion_target(LocalFile(plans[index], index, run), item_id, day)
    if target is None:
        near = combined_items(
            dataset, plans, registry, date(day.year - 1, 1, 1), date(day.year + 1, 12, 31)
        )
        known = list(dict.fromkeys(i.id for i in near))
        if (cycle := dataset.cycle(item_id)) is not None:
            ids = [i.id for i in near if i.rule == cycle.id and i.end <= as_of]
            hint = f"; did you mean {ids[-1]!r}?" if ids else "; name an occurrence"
            raise UsageError(f"{item_id!r} is a cycle: record one occurrence of it{hint}")
        raise UsageError(
            f"no milestone, deadline or meeting {item_id!r}{suggest(item_id, known, 'ids')}"
        )
    if target.role_of(body.kind, body.id) is None:
        raise UsageError(f"{target.id!r} does not apply to {body.id!r} ({body.kind.value})")
    for plan, path in zip(plans, files, strict=True):
        for completion in plan.completions:
            if completion.item == target.id and registry.get(completion.body) == body:
                raise UsageError(
                    f"{target.id!r} is already recorded as done by {body.id!r} on "
                    f"{completion.date.first} in {describe_path(path)}"
                )
    path = files[index]
    shown = describe_path(path)
    text = _read(path, shown)
    new = add(text, Entry(target.id, body.id, day, note), shown)
    _verify_and_write(files, index, new, dataset, as_of)
    return f"recorded in {shown}: {target.id} done by {body.id} on {day.isoformat()}"


def undo(files: list[Path], item_id: str, body_id: str, dataset: Dataset, as_of: date) -> str:
    """Remove the completion of ``item_id`` by ``body_id``; the line to print."""
    plans = _plans(files, dataset, as_of)
    for index, plan in enumerate(plans):
        if any(c.item == item_id and c.body == body_id for c in plan.completions):
            path = files[index]
            shown = describe_path(path)
            new = remove(_read(path, shown), item_id, body_id, shown)
            _verify_and_write(files, index, new, dataset, as_of)
            return f"removed from {shown}: {item_id} done by {body_id}"
    recorded = [f"{c.item}" for plan in plans for c in plan.completions if c.body == body_id]
    hint = suggest(item_id, recorded, "ids") if recorded else ""
    raise UsageError(f"no completion of {item_id!r} by {body_id!r} is recorded{hint}")


def _read(path: Path, shown: str) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise InputError(f"cannot read it: {exc.strerror or exc}", shown) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", shown) from None
