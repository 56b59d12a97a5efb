"""Reading YAML safely, keeping the line and column of every value.

PyYAML's C parser produces events; we build plain Python values from them ourselves
so that nothing is ever constructed from a tag, aliases cannot blow up the size,
and every value, key and mapping keeps its position. YAML 1.1 turns ``on:`` into a
boolean key and ``12:30`` into 750; we never convert such things silently: they
become problems. ``positions`` maps pydantic's errors back to these positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from acd_calendar.limits import MAX_BYTES, MAX_DEPTH
from acd_calendar.problems import Finding, Level, Problem, Words
from acd_calendar.text import N_

PLAIN_KEYS = N_("keys must be plain text")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+")
_BOOLEANS = {"true": True, "false": False}

Loc = tuple[str | int, ...]


class Mark(NamedTuple):
    line: int
    column: int


@dataclass
class YamlFile:
    """A YAML file read into plain values, with the position of every node."""

    path: str
    data: Any = None
    values: dict[Loc, Mark] = field(default_factory=dict)
    keys: dict[Loc, Mark] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not any(p.unusable for p in self.problems)

    def mark(self, loc: Loc, *, at_key: bool = False) -> Mark:
        """The position of ``loc``, or of the nearest enclosing node that has one."""
        if at_key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), Mark(1, 1))

    def problem(self, finding: Finding) -> Problem:
        mark = self.mark(finding.loc, at_key=finding.at_key)
        return Problem(
            self.path,
            mark.line,
            mark.column,
            finding.level,
            finding.code,
            finding.message,
            words=finding.words,
        )

    def add(
        self,
        mark: Mark,
        code: str,
        message: str | Words,
        *,
        unusable: bool = False,
        level: Level = Level.ERROR,
        words: Words | None = None,
    ) -> None:
        """A problem at ``mark``; ``message`` may be ``Words``, to be said in Welsh too."""
        if isinstance(message, Words):
            words, message = message, message.english()
        self.problems.append(
            Problem(self.path, mark.line, mark.column, level, code, message, unusable, words)
        )


def read_yaml(path: Path | str, display: str | None = None) -> YamlFile:
    """Read one YAML file; problems are recorded, never raised."""
    result = YamlFile(display or str(path))
    raw = read_bytes(path, result)
    if raw is not None:
        parse_text(raw, result)
    return result


def read_bytes(path: Path | str, result: YamlFile) -> bytes | None:
    """The file's bytes, or None with a problem recorded (too large, unreadable).

    The size is checked before anything is read.
    """
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            result.add(
                Mark(1, 1),
                "too-large",
                f"file is {size:,} bytes; the limit is {MAX_BYTES:,}",
                unusable=True,
            )
            return None
        return Path(path).read_bytes()
    except OSError as exc:
        result.add(Mark(1, 1), "unreadable", exc.strerror or str(exc), unusable=True)
        return None


def parse_text(raw: bytes, result: YamlFile) -> None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        result.add(
            Mark(line, column),
            "encoding",
            f"not UTF-8: byte 0x{raw[exc.start]:02x} (save the file as UTF-8)",
            unusable=True,
        )
        return
    text = text.removeprefix("\ufeff")
    if bad := _CONTROL.search(text):
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        result.add(
            Mark(line, column),
            "control-character",
            f"control character U+{ord(bad[0]):04X} is not allowed",
            unusable=True,
        )
        return
    _build(text, result)
    if result.usable and result.data is None:
        empty = Words(N_("file is empty: expected a mapping of keys"))
        result.add(Mark(1, 1), "empty", empty, unusable=True)
    elif result.usable and not isinstance(result.data, dict):
        result.add(
            result.values.get((), Mark(1, 1)),
            "not-a-mapping",
            f"the top level must be a mapping of keys, not a {_yaml_type(result.data)}",
            unusable=True,
        )


def _yaml_type(value: object) -> str:
    return "list" if isinstance(value, list) else "scalar"


class _Frame:
    __slots__ = ("container", "key", "key_mark", "loc", "mark")

    def __init__(self, container: dict[str, Any] | list[Any], loc: Loc, mark: Mark) -> None:
        self.container = container
        self.loc = loc
        self.mark = mark
        self.key: str | None = None
        self.key_mark: Mark | None = None

    @property
    def wants_key(self) -> bool:
        return isinstance(self.container, dict) and self.key is None

    def child_loc(self) -> Loc:
        if isinstance(self.container, list):
            return (*self.loc, len(self.container))
        assert self.key is not None
        return (*self.loc, self.key)


class _Stop(Exception):
    """The file cannot be read further: the problem is recorded."""


class _Builder:
    """Plain values from PyYAML's events, one method per kind of event."""

    def __init__(self, result: YamlFile) -> None:
        import yaml

        self.yaml = yaml
        self.result = result
        self.resolver = yaml.resolver.Resolver()
        self.stack: list[_Frame] = []
        self.documents = 0

    def run(self, text: str) -> None:
        yaml = self.yaml
        loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            for event in yaml.parse(text, Loader=loader_class):
                self.event(event)
        except _Stop:
            return
        except yaml.MarkedYAMLError as exc:
            self.syntax_error(exc, text)
        except yaml.YAMLError as exc:
            self.result.add(Mark(1, 1), "yaml-syntax", str(exc).splitlines()[0], unusable=True)

    def stop(self, mark: Mark, code: str, message: str | Words) -> None:
        self.result.add(mark, code, message, unusable=True)
        raise _Stop

    def event(self, event: Any) -> None:
        name = type(event).__name__
        mark = Mark(event.start_mark.line + 1, event.start_mark.column + 1)
        if name == "DocumentStartEvent":
            self.documents += 1
            if self.documents > 1:
                self.stop(
                    mark, "multiple-documents", "a second YAML document ('---') is not allowed"
                )
        elif name == "AliasEvent" or getattr(event, "anchor", None):
            self.stop(
                mark, "anchor", "anchors and aliases (&, *) are not allowed: write values out"
            )
        elif name == "ScalarEvent":
            as_key = bool(self.stack) and self.stack[-1].wants_key
            value = self.scalar(event, mark, as_key=as_key)
            if isinstance(value, str):
                _check_text(self.result, value, mark, self.field_key(as_key=as_key), event.style)
            self.place(value, mark)
        elif name in ("MappingStartEvent", "SequenceStartEvent"):
            self.open(event, mark, mapping=name == "MappingStartEvent")
        elif name in ("MappingEndEvent", "SequenceEndEvent"):
            frame = self.stack.pop()
            self.place(frame.container, frame.mark)

    def field_key(self, *, as_key: bool) -> str | None:
        """The key a scalar is the value of (or an item of); None for a key itself."""
        if as_key or not self.stack:
            return None
        top = self.stack[-1]
        if isinstance(top.container, dict):
            return top.key
        return next((p for p in reversed(top.loc) if isinstance(p, str)), None)

    def open(self, event: Any, mark: Mark, *, mapping: bool) -> None:
        if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            said = Words.of(N_("tag {tag} is not allowed: remove it"), tag=repr(event.tag))
            self.result.add(mark, "tag", said)
        if len(self.stack) >= MAX_DEPTH:
            self.stop(mark, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
        if self.stack and self.stack[-1].wants_key:
            self.stop(mark, "bad-key", Words(PLAIN_KEYS))
        loc = self.stack[-1].child_loc() if self.stack else ()
        container: dict[str, Any] | list[Any] = {} if mapping else []
        self.stack.append(_Frame(container, loc, mark))

    def place(self, value: Any, mark: Mark) -> None:
        """Put a finished value into the container on top of the stack."""
        result = self.result
        if not self.stack:
            result.data = value
            result.values[()] = mark
            return
        top = self.stack[-1]
        if isinstance(top.container, list):
            loc = (*top.loc, len(top.container))
            top.container.append(value)
            result.values[loc] = mark
            return
        if top.key is None:  # this value is a key
            if not isinstance(value, str):
                result.add(mark, "bad-key", Words(PLAIN_KEYS))
                value = str(value)
            top.key, top.key_mark = value, mark
            return
        key, top.key = top.key, None
        loc = (*top.loc, key)
        if key in top.container:
            result.add(
                top.key_mark or mark,
                "duplicate-key",
                Words.of(
                    N_("key {key} appears twice in this mapping (first at line {line})"),
                    key=repr(key),
                    line=str(result.keys[loc].line),
                ),
            )
            return
        top.container[key] = value
        assert top.key_mark is not None
        result.keys[loc] = top.key_mark
        result.values[loc] = mark

    def scalar(self, event: Any, mark: Mark, *, as_key: bool) -> Any:
        value: str = event.value
        if event.tag not in (None, "!", "tag:yaml.org,2002:str"):
            self.result.add(
                mark,
                "tag",
                f"tag {event.tag!r} is not allowed (tags are never constructed): remove it",
            )
            return value
        if event.style or event.tag is not None:
            return value
        resolved: str = self.resolver.resolve(self.yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        tag = resolved.rsplit(":", 1)[-1]
        if tag == "null":
            return None
        if tag == "bool":
            return self.boolean(value, mark, as_key=as_key)
        if tag in ("int", "float"):
            return self.number(value, mark, tag)
        return value  # str, timestamp (dates are parsed by our own grammar), value, merge

    def boolean(self, value: str, mark: Mark, *, as_key: bool) -> Any:
        if value.lower() in _BOOLEANS and not as_key:
            return _BOOLEANS[value.lower()]
        what = "key" if as_key else "value"
        self.result.add(
            mark,
            "yaml-boolean",
            f"{what} {value!r} is read as a boolean by YAML 1.1: quote it "
            f"('{value}')" + ("" if as_key else " or write true/false"),
        )
        return value

    def number(self, value: str, mark: Mark, tag: str) -> Any:
        if tag == "int" and _PLAIN_INT.fullmatch(value):
            return int(value)
        if tag == "float" and _PLAIN_FLOAT.fullmatch(value):
            return float(value)
        read_as = f"the number {_yaml_number(value)}" if tag == "int" else "a number"
        self.result.add(
            mark,
            "yaml-number",
            f"{value!r} is read as {read_as} by YAML 1.1: quote it ('{value}')",
        )
        return value

    def syntax_error(self, exc: Any, text: str) -> None:
        problem_mark = exc.problem_mark or exc.context_mark
        mark = Mark(1, 1)
        if problem_mark is not None:
            mark = Mark(problem_mark.line + 1, problem_mark.column + 1)
        message = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        lines = text.splitlines()
        line_text = lines[mark.line - 1] if mark.line <= len(lines) else ""
        if "\t" in line_text[: len(line_text) - len(line_text.lstrip())] or "'\\t'" in message:
            message = "a tab is used for indentation: YAML needs spaces"
        if "nesting depth" in message:
            self.result.add(
                mark, "too-deep", f"nesting deeper than {MAX_DEPTH} levels", unusable=True
            )
            return
        self.result.add(mark, "yaml-syntax", message, unusable=True)


def _check_text(result: YamlFile, value: str, mark: Mark, key: str | None, style: Any) -> None:
    """Control characters (raw or from escapes such as "\\e") and line breaks in one-line
    fields are errors; a block scalar (| or >) for a one-line field is a warning."""
    from acd_calendar.text import control_at, describe_character, is_multiline_key

    multiline = is_multiline_key(key)
    if (
        index := control_at(
            value.rstrip("\n") if style in ("|", ">") else value, multiline=multiline
        )
    ) is not None:
        where = "a one-line field" if not multiline else "a note"
        result.add(
            mark,
            "control-character",
            f"{describe_character(value[index])} at character {index + 1} is not allowed in "
            f"{where}" + (f" ({key!r})" if key else " (a key)"),
        )
    elif style in ("|", ">") and not multiline:
        result.add(
            mark,
            "block-scalar",
            f"{key!r} is one line: write it without {style} (only notes run over several lines)",
            level=Level.WARNING,
        )


def _build(text: str, result: YamlFile) -> None:
    _Builder(result).run(text)


def _yaml_number(text: str) -> str:
    """What YAML 1.1 would make of a number-like plain scalar (for the message)."""
    import yaml

    try:
        return str(yaml.safe_load(text))
    except yaml.YAMLError:
        return "?"
