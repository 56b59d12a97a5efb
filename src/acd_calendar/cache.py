"""The user's cache of computed values: ``$XDG_CACHE_HOME/acd-calendar`` (~/.cache).

An optimisation only: anything wrong with a cache file means computing the value
again, and a cache that cannot be written is no reason to fail. ``ACD_CACHE=off`` turns
it off. Holds the validated national files (``datafiles``) and England and Wales bank
holidays, so that a run needs neither pydantic nor the ``holidays`` package (about
70 ms to import) once they are known.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    """Where computed values are cached, or None when ``ACD_CACHE=off``."""
    if os.environ.get("ACD_CACHE", "").lower() in ("off", "0", "no"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "acd-calendar"


def read_json(path: Path) -> Any:
    """A cache file's JSON, or None when it is missing or unreadable."""
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return None


def write_json(path: Path, value: Any) -> None:
    """Replace a cache file atomically; failures are ignored."""
    from acd_calendar.atomic import write_atomic
    from acd_calendar.errors import ExportError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(value, separators=(",", ":")).encode())
    except (OSError, ExportError):
        pass  # a read-only home is no reason to fail


def bank_holidays(year: int) -> dict[str, str]:
    """England and Wales bank holidays of one calendar year: ISO day -> name.

    From the cache when the installed ``holidays`` package is the one that filled it
    (keyed by the size and time of its code), else computed with it and cached. The WLS
    subdivision is needed: without it Easter Monday and the August bank holiday are
    missing.
    """
    path = _holidays_file()
    table = read_json(path) if path is not None else None
    if not isinstance(table, dict):
        table = {}
    found = table.get(str(year))
    if isinstance(found, dict) and all(isinstance(v, str) for v in found.values()):
        return found
    import holidays  # imported here: about 70 ms, for a table that rarely changes

    days = holidays.country_holidays("GB", subdiv="WLS", years=year)
    found = {day.isoformat(): str(name) for day, name in sorted(days.items())}
    if path is not None:
        write_json(path, {**table, str(year): found})
    return found


def _holidays_file() -> Path | None:
    from importlib.machinery import PathFinder

    from acd_calendar import __version__

    folder = cache_dir()
    spec = PathFinder.find_spec("holidays")  # where it is installed, without importing it
    if folder is None or spec is None or spec.origin is None:
        return None
    try:
        stat = Path(spec.origin).stat()
    except OSError:
        return None
    return folder / f"bank-holidays-{__version__}-{stat.st_size}-{stat.st_mtime_ns}.json"
