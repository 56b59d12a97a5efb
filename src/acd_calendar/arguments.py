"""The common command lines, read without typer: a third of start-up saved.

typer (with click) takes about as long to import as the rest of a run. ``cli`` declares
every command for typer; ``arguments.json``, beside this module, is written from that
declaration (``cli.argument_spec``; a test keeps the two equal, and
``pytest --update-golden`` rewrites it). ``parse`` reads a command line by that spec
the way click would, and gives the values click would give. Anything it is not sure
of (help, completion, an unknown or malformed option, a value click would refuse, a
missing argument) it leaves to typer, which then gives its usual help or error: the
result is the same either way, only sooner. A test compares both readings over many
command lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

SPEC = Path(__file__).with_name("arguments.json")


class Parsed(NamedTuple):
    command: str
    params: dict[str, Any]


@cache
def spec() -> dict[str, Any]:
    import json

    loaded: dict[str, Any] = json.loads(SPEC.read_text(encoding="utf-8"))
    return loaded


def parse(argv: Sequence[str], environ: Mapping[str, str]) -> Parsed | None:
    """The command and its option values as click would read them, or None: leave it to
    typer."""
    if not argv or any(k.startswith("_ACD") for k in environ):  # completion
        return None
    commands: dict[str, Any] = spec()["commands"]
    command = commands.get(argv[0])
    if command is None or "typer_only" in command:
        return None
    options: dict[str, dict[str, Any]] = {}
    for param in command["params"]:
        if not param["argument"]:
            options.update(dict.fromkeys(param["opts"], param))
    given: dict[str, Any] = {}
    positional: list[str] = []
    rest = list(argv[1:])
    while rest:
        arg = rest.pop(0)
        if arg[:1] != "-" or arg == "-":
            positional.append(arg)
        elif not _read_option(arg, rest, options, given):
            return None
    return _complete(argv[0], command, given, positional, environ)


def _read_option(
    arg: str, rest: list[str], options: Mapping[str, dict[str, Any]], given: dict[str, Any]
) -> bool:
    """Read one option (and its value from ``rest``) into ``given``; False if click would
    do something else with it (help, ``--``, an unknown name, a bad value)."""
    if arg.startswith("--"):
        name, equals, value = arg.partition("=")
    elif len(arg) > 2:  # -fjson: a short option and its value
        name, equals, value = arg[:2], "=", arg[2:]
    else:
        name, equals, value = arg, "", ""
    param = options.get(name)
    if param is None or name in ("--", "-h", "--help"):
        return False
    if param["flag"]:
        given[param["name"]] = True
        return not equals
    if not equals:
        if not rest:
            return False
        value = rest.pop(0)
    converted = _convert(param, value)
    if converted is None:
        return False
    if param["multiple"]:
        given[param["name"]] = (*given.get(param["name"], ()), converted)
    else:
        given[param["name"]] = converted
    return True


def _complete(
    name: str,
    command: dict[str, Any],
    given: dict[str, Any],
    positional: list[str],
    environ: Mapping[str, str],
) -> Parsed | None:
    """Every parameter's value: given, else from its environment variable, else its
    default; None if click would refuse the command line."""
    params: dict[str, Any] = {}
    for param in command["params"]:
        key = param["name"]
        if param["argument"] and param["nargs"] == -1:
            params[key] = tuple(positional)
            positional = []
            continue
        if key in given:
            params[key] = given[key]
            continue
        if param["argument"]:
            text = positional.pop(0) if positional else None
        else:  # click takes an empty variable as unset
            text = environ.get(param["envvar"]) or None if param["envvar"] else None
        if text is not None:
            value = _convert(param, text)
            if value is None:
                return None
            params[key] = value
        elif param["required"]:
            return None
        else:
            default = param["default"]
            params[key] = tuple(default or ()) if param["multiple"] else default
    if positional:  # more arguments than the command takes
        return None
    return Parsed(name, params)


def _convert(param: dict[str, Any], text: str) -> Any:
    """The value click makes of ``text``, or None where click would refuse it."""
    kind = param["type"]
    if kind == "int":
        try:
            number = int(text)
        except ValueError:
            return None
        low, high = param["min"], param["max"]
        if (low is not None and number < low) or (high is not None and number > high):
            return None
        return number
    if kind == "choice":
        return text if text in param["choices"] else None
    return text  # text and paths: as written
