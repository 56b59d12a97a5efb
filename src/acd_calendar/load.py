"""The one way in: the national data and the local files, loaded into plain values.

``due``, ``ics``, ``timeline`` and ``check`` all load through here. Loading reads and
validates each file and records its problems with their positions; it runs no local
rules (``lint`` does, and the reports refuse a file that has errors). The national
files' own rules run as they are validated, so that a broken national file is never
used (nor cached).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acd_calendar import datafiles

if TYPE_CHECKING:
    from acd_calendar import schema
    from acd_calendar.bodies import Registry
    from acd_calendar.local import LocalPlan
    from acd_calendar.national import Dataset, NationalBodies
    from acd_calendar.problems import Finding
    from acd_calendar.yamlread import YamlFile


def load_dataset(path: Path | None = None) -> Dataset:
    """The national milestones, refused at their first problem (bundled unless named)."""
    return datafiles.load_dataset(path, _milestone_rules)


def load_bodies(path: Path | None = None) -> NationalBodies:
    """The national bodies, refused at their first problem (bundled unless named)."""
    return datafiles.load_bodies(path, _bodies_rules)


# The rules are imported only when a file is validated afresh, not on a cache hit.


def _milestone_rules(dataset: schema.Dataset) -> list[Finding]:
    from acd_calendar.checks import milestone_findings

    return milestone_findings(dataset)


def _bodies_rules(bodies: schema.NationalBodies) -> list[Finding]:
    from acd_calendar.checks import bodies_findings

    return bodies_findings(bodies)


MILESTONES, BODIES, LOCAL = "milestones", "bodies", "local"


def file_kind(data: Any) -> str:
    """Which of our formats a YAML mapping is: milestones, bodies or a local file."""
    if isinstance(data, dict) and "documents" in data:
        return MILESTONES
    if isinstance(data, dict) and "health_boards" in data:
        return BODIES
    return LOCAL


class LoadedFile:
    """One file as read and validated: its problems so far, and its values if valid.

    ``source`` is where it was read from (``path`` is as displayed); ``model`` holds a
    valid national file, ``plan`` a valid local file as plain values.
    """

    __slots__ = ("document", "kind", "model", "plan", "source")

    def __init__(
        self,
        document: YamlFile,
        kind: str,
        source: Path | str = "",
        model: schema.Dataset | schema.NationalBodies | None = None,
        plan: LocalPlan | None = None,
    ) -> None:
        self.document = document
        self.kind = kind
        self.source = source
        self.model = model
        self.plan = plan

    @property
    def path(self) -> str:
        return self.document.path

    def positions(self) -> YamlFile:
        """The document with the position of every node, read again if it was let go.

        A valid local file keeps only its plain values and problems while the other
        files of a run load, so that memory stays flat in the number of files; the
        rules' findings need positions only in the files that have any.
        """
        if self.document.values or not self.source:
            return self.document
        from acd_calendar.yamlread import read_yaml

        return read_yaml(self.source, self.document.path)  # its problems are not needed


class Loaded:
    """The national data and the files of one run."""

    __slots__ = ("dataset", "files", "national")

    def __init__(
        self, dataset: Dataset, national: NationalBodies, files: list[LoadedFile] | None = None
    ) -> None:
        self.dataset = dataset
        self.national = national
        self.files = [] if files is None else files

    @property
    def plans(self) -> list[tuple[str, LocalPlan]]:
        """(path, plan) of each valid local file, in the order given."""
        return [(f.path, f.plan) for f in self.files if f.plan is not None]

    def registry(self) -> Registry:
        from acd_calendar.bodies import Registry

        return Registry(self.national, [plan for _, plan in self.plans])


def load(
    paths: Sequence[Path | str],
    data: Path | None = None,
    displays: Sequence[str] | None = None,
) -> Loaded:
    """The national data (``data``, or the bundled file) and each file of ``paths``."""
    names = displays or [str(p) for p in paths]
    return Loaded(
        load_dataset(data),
        load_bodies(),
        [load_file(path, name) for path, name in zip(paths, names, strict=True)],
    )


def load_file(path: Path | str, display: str | None = None) -> LoadedFile:
    """One file read and validated as the format its keys show."""
    from acd_calendar.yamlread import YamlFile, parse_text, read_bytes

    document = YamlFile(display or str(path))
    raw = read_bytes(path, document)
    if raw is None:
        return LoadedFile(document, LOCAL, path)
    if (known := datafiles.cached_plan(raw)) is not None:  # read before, no problems
        return LoadedFile(document, LOCAL, path, plan=known)
    parse_text(raw, document)
    loaded = LoadedFile(document, file_kind(document.data), path)
    if not document.usable:
        return loaded
    from acd_calendar import schema
    from acd_calendar.positions import validate

    if loaded.kind == LOCAL:
        plan = validate(document, schema.LocalPlan)
        loaded.plan = plan.plain() if plan is not None else None
        if loaded.plan is not None and not document.problems:
            datafiles.cache_plan(raw, loaded.plan)
        if loaded.plan is not None:  # positions are read again for findings (``positions``)
            document.data, document.values, document.keys = None, {}, {}
    else:
        model: type[schema.Dataset] | type[schema.NationalBodies] = (
            schema.Dataset if loaded.kind == MILESTONES else schema.NationalBodies
        )
        loaded.model = validate(document, model)
    return loaded
