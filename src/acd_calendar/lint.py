"""``acd check``: run the rules of ``checks`` over loaded files; problems as values.

Local files of one run are checked together: a body, deadline or meeting defined in
one may be referred to from another.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from acd_calendar.checks import Context, LocalFile, Run, Target, findings
from acd_calendar.load import MILESTONES, Loaded, LoadedFile, load_file
from acd_calendar.problems import Level, Problem

if TYPE_CHECKING:
    from acd_calendar import schema


class Checked(NamedTuple):
    """One file's problems, sorted by position, and its loaded values."""

    file: LoadedFile
    problems: list[Problem]

    @property
    def path(self) -> str:
        return self.file.path

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.ERROR]


def check_loaded(files: Sequence[LoadedFile], context: Context) -> list[Checked]:
    """Every problem in each loaded file: those found loading it and the rules'."""
    run = Run(context, [(f.path, f.plan) for f in files if f.plan is not None])
    position = 0
    for loaded in files:
        target = _target(loaded, run, position)
        if loaded.plan is not None:
            position += 1
        found = list(findings(target)) if target is not None else []
        if found:
            located = loaded.positions()
            loaded.document.problems.extend(located.problem(f) for f in found)
    return [Checked(f, sorted(set(f.document.problems))) for f in files]


def _target(loaded: LoadedFile, run: Run, position: int) -> Target | None:
    if loaded.plan is not None:
        return Target(local=LocalFile(loaded.plan, position, run))
    if loaded.model is None:
        return None
    if loaded.kind == MILESTONES:
        return Target(milestones=cast("schema.Dataset", loaded.model))
    return Target(bodies=cast("schema.NationalBodies", loaded.model))


def check_paths(
    paths: Sequence[Path | str], context: Context, displays: Sequence[str] | None = None
) -> list[Checked]:
    """Every problem in each file."""
    names = displays or [str(p) for p in paths]
    return check_loaded(
        [load_file(path, name) for path, name in zip(paths, names, strict=True)], context
    )


def check_path(path: Path | str, context: Context, display: str | None = None) -> Checked:
    """Every problem in one file."""
    return check_paths([path], context, [display] if display else None)[0]


def check_run(loaded: Loaded, context: Context) -> list[Checked]:
    """Every problem in the files of a loaded run."""
    return check_loaded(loaded.files, context)


def summary(problems: list[Problem], files: int) -> str:
    errors = sum(1 for p in problems if p.level is Level.ERROR)
    warnings = len(problems) - errors
    plural = "s" if files != 1 else ""
    if not problems:
        return f"{files} file{plural} checked: no problems"
    return (
        f"{files} file{plural} checked: {errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
    )
