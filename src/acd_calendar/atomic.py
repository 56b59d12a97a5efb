"""Writing files so that nothing is ever half-written.

A file is written to a temporary file beside it and renamed into place. The temporary
file is created readable by its owner only; before the rename it gets the mode the
replaced file had, or else the mode a new file gets under the user's umask (0644 under
umask 022), so that a web server running as another user can serve published feeds.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from acd_calendar.errors import ExportError


def new_file_mode() -> int:
    """The mode ``open()`` gives a new file: 0666 less the umask."""
    mask = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(mask)
    return 0o666 & ~mask


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return new_file_mode()


def _stage(path: Path, data: bytes) -> Path:
    """``data`` in a temporary file beside ``path``, with the mode ``path`` will have."""
    directory = path.parent if str(path.parent) else Path()
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fchmod(out.fileno(), _mode_for(path))
            os.fsync(out.fileno())
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"{path}: could not be written: {exc.strerror or exc}") from None
    return Path(temporary)


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, then move it into place.

    A failure leaves any old file as it was and no partial file behind. With
    ``overwrite=False`` an existing file is refused, even one that appears while we write.
    """
    path = Path(path)
    if not overwrite and path.exists():
        raise ExportError(f"{path}: already exists; not overwriting it")
    temporary = _stage(path, data)
    try:
        if overwrite:
            temporary.replace(path)
        else:
            os.link(temporary, path)  # fails if the file exists by now
    except FileExistsError:
        raise ExportError(f"{path}: already exists; not overwriting it") from None
    except OSError as exc:
        raise ExportError(f"{path}: could not be written: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write every file or none: all are staged first, then renamed into place; if a
    rename fails, the files already replaced get their old contents back."""
    staged: dict[Path, Path] = {}
    backups: dict[Path, Path | None] = {}
    try:
        for path, data in files.items():
            staged[path] = _stage(path, data)
        for path, temporary in staged.items():
            backup = None
            if path.exists():
                backup = path.with_name(f".{path.name}.{os.getpid()}.bak")
                os.link(path, backup)
            backups[path] = backup
            temporary.replace(path)
    except OSError as exc:
        for path, backup in backups.items():
            with contextlib.suppress(OSError):
                if backup is None:
                    path.unlink(missing_ok=True)
                else:
                    backup.replace(path)
        raise ExportError(
            f"{exc.filename or ''}: could not be written: {exc.strerror or exc}"
        ) from None
    finally:
        for temporary in staged.values():
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
        for backup in backups.values():
            with contextlib.suppress(OSError):
                if backup is not None:
                    backup.unlink(missing_ok=True)
