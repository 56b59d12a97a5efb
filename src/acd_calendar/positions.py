"""Pydantic's errors as problems at the line and column of the YAML node they are about.

``yamlread`` keeps the position of every node; this module validates a file's values
against a schema model and maps each error back to a position, with a hint for an
unknown key. ``first_error`` is the one way a report refuses a file.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any, TypeVar

from acd_calendar.errors import InputError
from acd_calendar.problems import Finding, Level, Problem, Words
from acd_calendar.text import N_
from acd_calendar.yamlread import Loc, YamlFile

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound="BaseModel")


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
            missing = Words.of(N_("missing required key {key}"), key=repr(loc[-1]))
            finding = Finding.say(loc[:-1], "missing-key", missing)
        elif kind == "extra_forbidden":
            finding = _unknown_key_finding(loc, model)
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
        problem = document.problem(_unknown_key_finding(loc, model))
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


def _unknown_key_finding(loc: Loc, model: type[BaseModel]) -> Finding:
    key = str(loc[-1])
    known = _known_keys(model, loc[:-1])
    close = difflib.get_close_matches(key, known, n=1)
    hint: Words | str = ""
    if close:
        hint = Words.of(N_("; did you mean {id}?"), id=repr(close[0]))
    elif known:
        hint = Words.of(N_("; expected one of: {keys}"), keys=", ".join(known))
    words = Words.of(N_("unknown key {key}{hint}"), key=repr(key), hint=hint)
    return Finding(loc, "unknown-key", words.english(), at_key=True, words=words)


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


def first_error(problems: Iterable[Problem], more_hint: str = "") -> InputError | None:
    """The first error by position as an InputError, with a count of the others.

    ``more_hint`` follows the count, e.g. ": see acd check".
    """
    errors = sorted(p for p in problems if p.level is Level.ERROR)
    if not errors:
        return None
    first = errors[0]
    more = f" (and {len(errors) - 1} more{more_hint})" if len(errors) > 1 else ""
    return InputError(f"{first.code}: {first.message}{more}", first.path, first.line, first.column)


def valid(
    document: YamlFile,
    model: type[M],
    cross_check: Callable[[M], Iterable[Finding]] | None = None,
) -> M:
    """The document validated as ``model``, or its first error raised as an InputError.

    ``cross_check`` gives the problems that need the whole file (the national files'
    rules in ``checks``); they refuse the file too.
    """
    value = validate(document, model) if document.usable else None
    if value is not None and cross_check is not None:
        document.problems.extend(document.problem(f) for f in cross_check(value))
    if (error := first_error(document.problems)) is not None:
        raise error
    assert value is not None  # a value that did not validate has an error
    return value
