"""``acd.toml``: a project's defaults, found as ruff and pre-commit find theirs.

The file sits in the current folder or the nearest folder above it and holds plain
values: ``files`` (paths or globs relative to the file), ``body``, ``as`` and ``lang``.
The command line wins over it; ``--no-config`` ignores it. Nothing here reads the
clock, prints or imports typer: the CLI merges the values into its options.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from acd_calendar import limits
from acd_calendar.errors import InputError, UsageError

NAME = "acd.toml"
KEYS = ("files", "body", "as", "lang")
LANGUAGES = ("en", "cy", "both")
# Where `acd check` (and the pre-commit hook) looks without acd.toml or file names.
DEFAULT_FOLDER = "planning"
_GLOB = re.compile(r"[*?\[]")


# Plain classes rather than dataclasses: this module is imported by every `acd due`, and
# building a dataclass costs more start-up than the rest of the module together.


class Setting:
    """A value in force and where it came from: ``acd.toml:3``, ``command line``..."""

    __slots__ = ("source", "value")

    def __init__(self, value: Any, source: str) -> None:
        self.value = value
        self.source = source


class Project:
    """What an ``acd.toml`` holds, with the line each key is on."""

    __slots__ = ("as_", "body", "files", "lang", "lines", "path")

    def __init__(
        self,
        path: Path | None = None,
        files: tuple[str, ...] = (),
        body: str | None = None,
        as_: str | None = None,
        lang: str | None = None,
        lines: dict[str, int] | None = None,
    ) -> None:
        self.path = path
        self.files = files
        self.body = body
        self.as_ = as_
        self.lang = lang
        self.lines = lines or {}

    @property
    def folder(self) -> Path:
        return self.path.parent if self.path is not None else Path()

    def where(self, key: str) -> str:
        return f"{display(self.path)}:{self.lines.get(key, 1)}" if self.path else "default"


def find(start: Path | None = None) -> Path | None:
    """The ``acd.toml`` in ``start`` (the current folder) or the nearest folder above."""
    folder = Path(start if start is not None else Path.cwd()).absolute()
    for candidate in (folder, *folder.parents):
        path = candidate / NAME
        if path.is_file():
            return path
    return None


def display(path: Path | str) -> str:
    """A path as the user would type it: relative to the current folder unless that
    takes three or more steps up."""
    text = str(path)
    try:
        relative = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    far = Path(relative).parts[:3] == (os.pardir,) * 3
    return text if far and Path(text).is_absolute() else relative


def _line_of(text: str, key: str) -> int:
    pattern = re.compile(rf"^\s*(\"{re.escape(key)}\"|'{re.escape(key)}'|{re.escape(key)})\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return 1


def load(path: Path) -> Project:  # noqa: C901 (one check a key, each with its line)
    """Read and check one ``acd.toml``; a mistake is an error at its line."""
    import tomllib

    shown = display(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read it: {exc.strerror or exc}", shown) from None
    if len(raw) > 64 * 1024:
        raise InputError("larger than 64 KiB: not a project file", shown)
    try:
        text = raw.decode("utf-8-sig")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", shown) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = re.search(r"\(at line (\d+), column (\d+)\)", message)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        line, column = (int(at.group(1)), int(at.group(2))) if at else (None, None)
        raise InputError(f"not valid TOML: {message}", shown, line, column) from None
    lines = {key: _line_of(text, key) for key in data}

    def fail(key: str, message: str) -> InputError:
        return InputError(f"{key}: {message}", shown, lines.get(key, 1), 1)

    for key in data:
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(KEYS)}"
            raise fail(key, f"unknown key{hint}")
    files = data.get("files", [])
    if isinstance(files, str):
        files = [files]
    if not isinstance(files, list) or not all(isinstance(f, str) and f.strip() for f in files):
        raise fail("files", 'a list of paths or globs, e.g. files = ["planning/*.yaml"]')
    for key in ("body", "as", "lang"):
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            raise fail(
                key,
                "a string, e.g. "
                + {"body": '"north-ceredigion"', "as": '"cluster"'}.get(key, '"en"'),
            )
    from acd_calendar.text import control_at, describe_character

    for key, value in data.items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and (index := control_at(text)) is not None:
                raise fail(key, f"holds a {describe_character(text[index])}")
    lang = data.get("lang")
    if lang is not None and lang not in LANGUAGES:
        raise fail(
            "lang", f"{lang!r} is not a language of this version; use one of {', '.join(LANGUAGES)}"
        )
    return Project(
        path=path,
        files=tuple(files),
        body=data.get("body"),
        as_=data.get("as"),
        lang=lang,
        lines=lines,
    )


def project(*, no_config: bool = False, start: Path | None = None) -> Project:
    """The project file in force, or an empty one."""
    if no_config:
        return Project()
    path = find(start)
    return load(path) if path is not None else Project()


def expand(patterns: Iterable[str], base: Path | None = None, origin: str = "--file") -> list[Path]:
    """Paths and globs (relative to ``base``) as files, each file once, in the order named.

    A glob that matches nothing is an error; a plain path is kept as written so that
    reading it reports what is wrong with it.
    """
    found: list[Path] = []
    seen: set[str] = set()
    for pattern in patterns:
        pattern = str(pattern)
        if _GLOB.search(pattern):
            import glob

            root = str(base) if base is not None else None
            # glob.glob, not Path.glob: the pattern may be absolute or hold '..'
            matches = sorted(glob.glob(pattern, root_dir=root, recursive=True))  # noqa: PTH207
            matches = [m for m in matches if Path(root or "", m).is_file()]
            if not matches:
                raise UsageError(f"{origin}: no file matches {pattern!r}")
            paths = [Path(base, m) if base is not None else Path(m) for m in matches]
        else:
            paths = [Path(base, pattern) if base is not None else Path(pattern)]
        for path in paths:
            key = os.path.normcase(os.path.realpath(path))
            if key not in seen:
                seen.add(key)
                found.append(Path(display(path)) if base is not None else path)
            if len(found) > limits.MAX_FILES:
                raise UsageError(f"{origin}: more than {limits.MAX_FILES} files")
    return found


class Resolved:
    """The options a command runs with, each with where it came from."""

    __slots__ = ("as_", "body", "config", "files", "lang")

    def __init__(
        self, files: Setting, body: Setting, as_: Setting, lang: Setting, config: Path | None
    ) -> None:
        self.files = files
        self.body = body
        self.as_ = as_
        self.lang = lang
        self.config = config

    def rows(self) -> list[tuple[str, str, str]]:
        def shown(value: Any) -> str:
            if value is None:
                return "-"
            if isinstance(value, list | tuple):
                return ", ".join(str(v) for v in value) or "-"
            return str(value)

        return [
            (name, shown(setting.value), setting.source)
            for name, setting in (
                ("files", self.files),
                ("body", self.body),
                ("as", self.as_),
                ("lang", self.lang),
            )
        ]


def resolve(
    files: Sequence[Path | str] | None,
    body: str | None,
    as_: str | None,
    *,
    no_config: bool = False,
    start: Path | None = None,
) -> Resolved:
    """Command-line values over ``acd.toml``'s. ``--body`` or ``--as`` on the command line
    replaces both of the file's (a body has a kind: the two go together)."""
    proj = project(no_config=no_config, start=start)
    if files:
        file_setting = Setting(expand(str(f) for f in files), "command line")
    elif proj.files:
        file_setting = Setting(
            expand(proj.files, proj.folder, f"{display(proj.path or NAME)}: files"),
            proj.where("files"),
        )
    else:
        file_setting = Setting([], "default")
    if body is not None or as_ is not None:
        body_setting = Setting(body, "command line" if body is not None else "default")
        as_setting = Setting(as_, "command line" if as_ is not None else "default")
    else:
        body_setting = Setting(proj.body, proj.where("body") if proj.body else "default")
        as_setting = Setting(proj.as_, proj.where("as") if proj.as_ else "default")
    lang = Setting(proj.lang, proj.where("lang")) if proj.lang else Setting("en", "default")
    return Resolved(file_setting, body_setting, as_setting, lang, proj.path)


def check_targets(names: Sequence[Path | str], *, no_config: bool = False) -> list[Path]:
    """The files ``acd check`` reads: those named, else acd.toml's, else ``planning/``."""
    if names:
        return expand((str(n) for n in names), origin="check")
    proj = project(no_config=no_config)
    if proj.files:
        return expand(proj.files, proj.folder, f"{display(proj.path or NAME)}: files")
    folder = Path(DEFAULT_FOLDER)
    found = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]) if folder.is_dir() else []
    if not found:
        raise UsageError(
            "no files to check: name them, list them as files in acd.toml, "
            f"or keep them in {DEFAULT_FOLDER}/"
        )
    return found


def render(resolved: Resolved) -> str:
    """``acd config``: what is in force and where each value came from."""
    where = display(resolved.config) if resolved.config else "none found (using defaults)"
    rows = resolved.rows()
    width = max(len(value) for _, value, _ in rows)
    from acd_calendar.text import clean

    lines = [clean(f"project file: {where}")]
    lines += [clean(f"{name:<6} {value:<{width}}  ({source})") for name, value, source in rows]
    return "\n".join(lines) + "\n"


STARTER = """\
# acd-calendar project file: the defaults for every acd command run in this folder
# or below it. Options on the command line win; --no-config ignores this file.
files = [{files}]
body = "{body}"
lang = "en"
"""


def starter(files: Sequence[str], body: str) -> str:
    quoted = ", ".join('"' + f.replace("\\", "/").replace('"', "") + '"' for f in files)
    return STARTER.format(files=quoted, body=body)
