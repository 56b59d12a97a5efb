"""The national data files and their cache.

``data/milestones.yaml`` and ``data/bodies.yaml`` ship inside the package. A validated
national file is kept as JSON in the user's cache, keyed by its bytes and this
version, so that later runs need neither PyYAML nor pydantic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from acd_calendar.cache import cache_dir, read_json, write_json
from acd_calendar.limits import MAX_BYTES

if TYPE_CHECKING:
    from pydantic import BaseModel

    from acd_calendar import schema
    from acd_calendar.local import LocalPlan
    from acd_calendar.national import Dataset, NationalBodies
    from acd_calendar.problems import Finding

M = TypeVar("M", bound="BaseModel")
Cached = TypeVar("Cached", "Dataset", "NationalBodies")
CrossCheck = Callable[[M], Iterable["Finding"]]


def bundled_path(name: str) -> Path:
    """A file from the data shipped in the wheel, or from ``data/`` in a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / name  # the wheel puts data/ inside the package
    return packaged if packaged.is_file() else here.parents[1] / "data" / name


def load_valid(
    path: Path,
    model: type[M],
    display: str | None = None,
    cross_check: CrossCheck[M] | None = None,
) -> M:
    """A file validated as ``model``; the first error is raised as an InputError."""
    from acd_calendar.positions import valid
    from acd_calendar.yamlread import read_yaml

    return valid(read_yaml(path, display=display), model, cross_check)


def load_dataset(
    path: Path | None = None, cross_check: CrossCheck[schema.Dataset] | None = None
) -> Dataset:
    """The national milestones (the bundled data/milestones.yaml unless another is named).

    ``cross_check`` runs on a freshly validated file only: the cache holds files that
    passed it.
    """
    from acd_calendar.national import Dataset

    return _load_cached("milestones.yaml", path, "national", Dataset, cross_check)


def load_bodies(
    path: Path | None = None, cross_check: CrossCheck[schema.NationalBodies] | None = None
) -> NationalBodies:
    """The national bodies (the bundled data/bodies.yaml unless another is named)."""
    from acd_calendar.national import NationalBodies

    return _load_cached("bodies.yaml", path, "bodies", NationalBodies, cross_check)


def _load_cached(
    name: str,
    path: Path | None,
    prefix: str,
    plain: type[Cached],
    cross_check: CrossCheck[Any] | None,
) -> Cached:
    """A national file as plain values, from the cache when its bytes are known.

    The cache is an optimisation only: anything wrong with it means validating the
    file again.
    """
    source = path or bundled_path(name)
    try:  # the hot path: a known file, from the cache, without the YAML machinery
        raw: bytes | None = source.read_bytes() if source.stat().st_size <= MAX_BYTES else None
    except OSError:
        raw = None
    cached = _cache_file(raw, prefix) if raw is not None else None
    if cached is not None and (value := _read_cache(cached, plain)) is not None:
        return value
    from acd_calendar.yamlread import YamlFile, parse_text, read_bytes

    document = YamlFile(str(path) if path else display_path(source))
    raw = read_bytes(source, document)  # again, recording why it cannot be read
    if raw is not None:
        parse_text(raw, document)
    from acd_calendar import schema
    from acd_calendar.positions import valid

    model: type[schema.Dataset] | type[schema.NationalBodies] = (
        schema.Dataset if prefix == "national" else schema.NationalBodies
    )
    value = cast("Cached", valid(document, model, cross_check).plain())
    if cached is not None:
        _write_cache(cached, value)
    return value


def _cache_file(raw: bytes, prefix: str) -> Path | None:
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
    return folder / f"{prefix}-{key}.json"


LOCAL_CACHE_FORMAT = 1


def cached_plan(raw: bytes) -> LocalPlan | None:
    """A local file's plan from the cache, if a file of exactly these bytes was loaded
    before with no problem at all (so that it needs neither PyYAML nor pydantic)."""
    path = _plan_file(raw)
    data = read_json(path) if path is not None else None
    if not isinstance(data, dict) or data.get("format") != LOCAL_CACHE_FORMAT:
        return None
    from acd_calendar.dates import DateFormError
    from acd_calendar.local import LocalPlan, plan_from_json

    try:
        plan = plan_from_json(data["plan"])
    except (KeyError, TypeError, ValueError, DateFormError):
        return None
    return plan if isinstance(plan, LocalPlan) else None


def cache_plan(raw: bytes, plan: LocalPlan) -> None:
    """Keep a local file's plan for the next run that reads the same bytes."""
    from acd_calendar.local import plan_to_json

    path = _plan_file(raw)
    if path is not None:
        write_json(path, {"format": LOCAL_CACHE_FORMAT, "plan": plan_to_json(plan)})


def _plan_file(raw: bytes) -> Path | None:
    """Named by a SHA-256 of the bytes: local files are anyone's, so no weak checksum."""
    import hashlib

    from acd_calendar import __version__

    folder = cache_dir()
    if folder is None:
        return None
    return folder / f"local-{__version__}" / f"{hashlib.sha256(raw).hexdigest()}.json"


def _read_cache(path: Path, plain: type[Cached]) -> Cached | None:
    data = read_json(path)
    try:
        return plain.from_json(data) if data is not None else None
    except (ValueError, KeyError, TypeError):
        return None


def _write_cache(path: Path, value: Dataset | NationalBodies) -> None:
    write_json(path, value.to_json())


def display_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
