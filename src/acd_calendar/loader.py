"""Reading YAML safely, keeping the line and column of every value.

PyYAML's C parser produces events; we build plain Python values from them ourselves
so that nothing is ever constructed from a tag, aliases cannot blow up the size,
and every value, key and mapping keeps its position. YAML 1.1 turns ``on:`` into a
boolean key and ``12:30`` into 750; we never convert such things silently: they
become findings. Pydantic validates the values, and each of its errors is mapped
back to the node it is about.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from acd_calendar.errors import InputError
from acd_calendar.problems import Finding, Level, Problem

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from acd_calendar.models import NationalBodies
    from acd_calendar.national import Dataset

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+")
_BOOLEANS = {"true": True, "false": False}

Loc = tuple[str | int, ...]
M = TypeVar("M", bound="BaseModel")


@dataclass(frozen=True, slots=True)
class Mark:
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

    def mark(self, loc: Loc, at_key: bool = False) -> Mark:
        """The position of ``loc``, or of the nearest enclosing node that has one."""
        if at_key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), Mark(1, 1))

    def problem(self, finding: Finding) -> Problem:
        mark = self.mark(finding.loc, finding.at_key)
        return Problem(
            self.path, mark.line, mark.column, finding.level, finding.code, finding.message
        )

    def add(
        self,
        mark: Mark,
        code: str,
        message: str,
        unusable: bool = False,
        level: Level = Level.ERROR,
    ) -> None:
        self.problems.append(
            Problem(self.path, mark.line, mark.column, level, code, message, unusable)
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
        result.add(Mark(1, 1), "empty", "file is empty: expected a mapping of keys", unusable=True)
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


def _build(text: str, result: YamlFile) -> None:
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolver = yaml.resolver.Resolver()
    stack: list[_Frame] = []
    documents = 0

    def place(value: Any, mark: Mark) -> None:
        """Put a finished value into the container on top of the stack."""
        if not stack:
            result.data = value
            result.values[()] = mark
            return
        top = stack[-1]
        if isinstance(top.container, list):
            loc = (*top.loc, len(top.container))
            top.container.append(value)
            result.values[loc] = mark
            return
        if top.key is None:  # this value is a key
            if not isinstance(value, str):
                result.add(mark, "bad-key", "keys must be plain text")
                value = str(value)
            top.key, top.key_mark = value, mark
            return
        key, top.key = top.key, None
        loc = (*top.loc, key)
        if key in top.container:
            result.add(
                top.key_mark or mark,
                "duplicate-key",
                f"key {key!r} appears twice in this mapping "
                f"(first at line {result.keys[loc].line})",
            )
            return
        top.container[key] = value
        assert top.key_mark is not None
        result.keys[loc] = top.key_mark
        result.values[loc] = mark

    def scalar(event: Any, mark: Mark, as_key: bool) -> Any:
        value: str = event.value
        if event.tag not in (None, "!", "tag:yaml.org,2002:str"):
            result.add(
                mark,
                "tag",
                f"tag {event.tag!r} is not allowed (tags are never constructed): remove it",
            )
            return value
        if event.style or event.tag is not None:
            return value
        resolved: str = resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        tag = resolved.rsplit(":", 1)[-1]
        if tag == "null":
            return None
        if tag == "bool":
            if value.lower() in _BOOLEANS and not as_key:
                return _BOOLEANS[value.lower()]
            what = "key" if as_key else "value"
            result.add(
                mark,
                "yaml-boolean",
                f"{what} {value!r} is read as a boolean by YAML 1.1: quote it "
                f"('{value}')" + ("" if as_key else " or write true/false"),
            )
            return value
        if tag == "int":
            if _PLAIN_INT.fullmatch(value):
                return int(value)
            result.add(
                mark,
                "yaml-number",
                f"{value!r} is read as the number {_yaml_number(value)} by YAML 1.1: "
                f"quote it ('{value}')",
            )
            return value
        if tag == "float":
            if _PLAIN_FLOAT.fullmatch(value):
                return float(value)
            result.add(
                mark,
                "yaml-number",
                f"{value!r} is read as a number by YAML 1.1: quote it ('{value}')",
            )
            return value
        return value  # str, timestamp (dates are parsed by our own grammar), value, merge

    try:
        event: Any
        for event in yaml.parse(text, Loader=loader_class):
            name = type(event).__name__
            mark = Mark(event.start_mark.line + 1, event.start_mark.column + 1)
            if name == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    result.add(
                        mark,
                        "multiple-documents",
                        "a second YAML document ('---') is not allowed",
                        unusable=True,
                    )
                    return
            elif name == "AliasEvent" or getattr(event, "anchor", None):
                result.add(
                    mark,
                    "anchor",
                    "anchors and aliases (&, *) are not allowed: write values out",
                    unusable=True,
                )
                return
            elif name == "ScalarEvent":
                as_key = (
                    bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is None
                )
                value = scalar(event, mark, as_key)
                if isinstance(value, str):
                    _check_text(result, value, mark, _field_key(stack, as_key), event.style)
                place(value, mark)
            elif name in ("MappingStartEvent", "SequenceStartEvent"):
                if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    result.add(mark, "tag", f"tag {event.tag!r} is not allowed: remove it")
                if len(stack) >= MAX_DEPTH:
                    result.add(
                        mark, "too-deep", f"nesting deeper than {MAX_DEPTH} levels", unusable=True
                    )
                    return
                if stack and isinstance(stack[-1].container, dict) and stack[-1].key is None:
                    result.add(mark, "bad-key", "keys must be plain text", unusable=True)
                    return
                loc = _child_loc(stack)
                container: dict[str, Any] | list[Any] = {} if name == "MappingStartEvent" else []
                stack.append(_Frame(container, loc, mark))
            elif name in ("MappingEndEvent", "SequenceEndEvent"):
                frame = stack.pop()
                place(frame.container, frame.mark)
    except yaml.MarkedYAMLError as exc:
        problem_mark = exc.problem_mark or exc.context_mark
        mark = Mark(1, 1)
        if problem_mark is not None:
            mark = Mark(problem_mark.line + 1, problem_mark.column + 1)
        message = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        line_text = text.splitlines()[mark.line - 1] if mark.line <= len(text.splitlines()) else ""
        if "\t" in line_text[: len(line_text) - len(line_text.lstrip())] or "'\\t'" in message:
            message = "a tab is used for indentation: YAML needs spaces"
        if "nesting depth" in message:
            result.add(mark, "too-deep", f"nesting deeper than {MAX_DEPTH} levels", unusable=True)
            return
        result.add(mark, "yaml-syntax", message, unusable=True)
    except yaml.YAMLError as exc:
        result.add(Mark(1, 1), "yaml-syntax", str(exc).splitlines()[0], unusable=True)


def _field_key(stack: list[_Frame], as_key: bool) -> str | None:
    """The key a scalar is the value of (or an item of); None for a key itself."""
    if as_key or not stack:
        return None
    top = stack[-1]
    if isinstance(top.container, dict):
        return top.key
    return next((p for p in reversed(top.loc) if isinstance(p, str)), None)


def _check_text(result: YamlFile, value: str, mark: Mark, key: str | None, style: Any) -> None:
    """Control characters (raw or from escapes such as "\\e") and line breaks in one-line
    fields are errors; a block scalar (| or >) for a one-line field is a warning."""
    from acd_calendar.text import control_at, describe_character, is_multiline_key

    multiline = is_multiline_key(key)
    if (
        index := control_at(value.rstrip("\n") if style in ("|", ">") else value, multiline)
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


def _child_loc(stack: list[_Frame]) -> Loc:
    if not stack:
        return ()
    top = stack[-1]
    if isinstance(top.container, list):
        return (*top.loc, len(top.container))
    assert top.key is not None
    return (*top.loc, top.key)


def _yaml_number(text: str) -> str:
    """What YAML 1.1 would make of a number-like plain scalar (for the message)."""
    import yaml

    try:
        return str(yaml.safe_load(text))
    except yaml.YAMLError:
        return "?"


# --- validation ----------------------------------------------------------------------


def validate(document: YamlFile, model: type[M]) -> M | None:
    """Validate the file's data as ``model``; errors become problems with positions."""
    from pydantic import ValidationError

    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        document.problems.extend(validation_problems(document, exc, model))
        return None


def validation_problems(
    document: YamlFile, exc: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = _data_loc(document.data, tuple(error["loc"]))
        kind = error["type"]
        if kind == "missing":
            finding = Finding(loc[:-1], "missing-key", f"missing required key {loc[-1]!r}")
        elif kind == "extra_forbidden":
            finding = Finding(loc, "unknown-key", _unknown_key(document, loc, model), at_key=True)
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
            field_name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
            code = "bad-date" if field_name in DATE_FIELDS else "bad-value"
            if field_name and not message.startswith(field_name):
                message = f"{field_name}: {message}"
            finding = Finding(loc, code, message)
        problems.append(document.problem(finding))
    # pydantic skips the unknown keys of a mapping that fails a whole-mapping rule
    # ("give exactly one of window or due"): look for them all, so none hides.
    reported = {(p.line, p.column) for p in problems if p.code == "unknown-key"}
    for loc in _unknown_locs(document.data, model, ()):
        problem = document.problem(
            Finding(loc, "unknown-key", _unknown_key(document, loc, model), at_key=True)
        )
        if (problem.line, problem.column) not in reported:
            problems.append(problem)
    return problems


def _unknown_locs(data: Any, model: Any, loc: Loc) -> list[Loc]:
    """The location of every key in ``data`` that ``model`` (and its parts) does not know."""
    import typing

    from pydantic import BaseModel

    if not (isinstance(data, dict) and isinstance(model, type) and issubclass(model, BaseModel)):
        return []
    found: list[Loc] = []
    for key, value in data.items():
        field_info = model.model_fields.get(key)
        if field_info is None:
            found.append((*loc, key))
            continue
        inner = _model_in(field_info.annotation)
        if inner is None:
            continue
        if typing.get_origin(field_info.annotation) is dict and isinstance(value, dict):
            for name, entry in value.items():
                found.extend(_unknown_locs(entry, inner, (*loc, key, name)))
        elif isinstance(value, list):
            for index, entry in enumerate(value):
                found.extend(_unknown_locs(entry, inner, (*loc, key, index)))
        else:
            found.extend(_unknown_locs(value, inner, (*loc, key)))
    return found


DATE_FIELDS = {"window", "due", "date", "start", "on"}


def _data_loc(data: Any, loc: Loc) -> Loc:
    """Drop the parts of a pydantic location that are not keys in the data.

    Pydantic adds the names of union members and validators (``function-after[...]``)
    to error locations; only the steps that exist in the data are kept.
    """
    kept: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:  # noqa: SIM114 (the types differ)
            kept.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            kept.append(part)
            node = node[part]
        elif (
            isinstance(node, dict)
            and isinstance(part, str)
            and not part.startswith(("function-", "tagged-union", "json-or-python"))
            and "[" not in part
        ):
            kept.append(part)  # a missing key: the location names it
            break
    return tuple(kept)


def _unknown_key(document: YamlFile, loc: Loc, model: type[BaseModel]) -> str:
    key = str(loc[-1])
    known = _known_keys(model, loc[:-1])
    close = difflib.get_close_matches(key, known, n=1)
    hint = (
        f"; did you mean {close[0]!r}?"
        if close
        else (f"; expected one of: {', '.join(known)}" if known else "")
    )
    return f"unknown key {key!r}{hint}"


def _known_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names of the model found at ``loc`` inside ``model``."""
    from pydantic import BaseModel

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field_info = current.model_fields.get(str(part))
        if field_info is None:
            return []
        current = _model_in(field_info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return sorted(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        if (found := _model_in(arg)) is not None:
            return found
    return None


# --- the national data ---------------------------------------------------------------


def bundled_path(name: str) -> Path:
    """A file from the data shipped in the wheel, or from ``data/`` in a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / name  # the wheel puts data/ inside the package
    return packaged if packaged.is_file() else here.parents[1] / "data" / name


def load_valid(path: Path, model: type[M], display: str | None = None) -> M:
    """A file validated as ``model``; the first error is raised as an InputError."""
    return valid(read_yaml(path, display=display), model)


def valid(document: YamlFile, model: type[M]) -> M:
    """The document validated as ``model``, or its first error raised as an InputError.

    Models with a ``findings()`` method (cross-references) are checked with it too.
    """
    value = validate(document, model) if document.usable else None
    findings = getattr(value, "findings", None)
    if callable(findings):
        document.problems.extend(document.problem(f) for f in findings())
    errors = sorted(p for p in document.problems if p.level is Level.ERROR)
    if errors or value is None:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise InputError(
            f"{first.code}: {first.message}{more}", first.path, first.line, first.column
        )
    return value


def load_dataset(path: Path | None = None) -> Dataset:
    """The national milestones (the bundled file unless another is named).

    A validated file is kept as JSON in the user's cache, keyed by the file's bytes and
    this version, so that later runs need neither PyYAML nor pydantic. The cache is an
    optimisation only: anything wrong with it means validating the file again.
    """
    source = path or bundled_path("milestones.yaml")
    document = YamlFile(str(path) if path else _display(source))
    raw = read_bytes(source, document)
    cached = _cache_file(raw) if raw is not None else None
    if cached is not None and (dataset := _read_cache(cached)) is not None:
        return dataset
    if raw is not None:
        parse_text(raw, document)
    from acd_calendar import models

    dataset = valid(document, models.Dataset).plain()
    if cached is not None:
        _write_cache(cached, dataset)
    return dataset


def cache_dir() -> Path | None:
    """Where validated data is cached: ``$XDG_CACHE_HOME/acd-calendar`` (or ~/.cache).

    ``ACD_CACHE=off`` turns the cache off.
    """
    import os

    if os.environ.get("ACD_CACHE", "").lower() in ("off", "0", "no"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "acd-calendar"


def _cache_file(raw: bytes) -> Path | None:
    """The cache file for these bytes: named by their length and two checksums.

    zlib's checksums rather than hashlib's: this runs on every start, and two different
    files with the same length, CRC-32 and Adler-32 do not happen by accident.
    """
    import zlib

    from acd_calendar import __version__

    folder = cache_dir()
    if folder is None:
        return None
    key = f"{__version__}-{len(raw)}-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"
    return folder / f"national-{key}.json"


def _read_cache(path: Path) -> Dataset | None:
    import json

    from acd_calendar.national import Dataset

    try:
        return Dataset.from_json(json.loads(path.read_bytes()))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cache(path: Path, dataset: Dataset) -> None:
    import json

    from acd_calendar.errors import ExportError
    from acd_calendar.files import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(dataset.to_json(), separators=(",", ":")).encode())
    except (OSError, ExportError):
        pass  # a read-only home is no reason to fail


def load_bodies(path: Path | None = None) -> NationalBodies:
    """The national bodies (the bundled data/bodies.yaml unless another is named)."""
    from acd_calendar.models import NationalBodies

    source = path or bundled_path("bodies.yaml")
    return load_valid(source, NationalBodies, str(path) if path else _display(source))


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
