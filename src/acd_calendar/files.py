"""Writing files so that nothing is ever half-written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from acd_calendar.errors import ExportError


def write_atomic(path: Path, data: bytes, overwrite: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, then move it into place.

    A failure leaves any old file as it was and no partial file behind. With
    ``overwrite=False`` an existing file is refused, even one that appears while we write.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path()
    if not overwrite and path.exists():
        raise ExportError(f"{path}: already exists; not overwriting it")
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if overwrite:
            Path(temporary).replace(path)
        else:
            os.link(temporary, path)  # fails if the file exists by now
    except FileExistsError:
        raise ExportError(f"{path}: already exists; not overwriting it") from None
    except OSError as exc:
        raise ExportError(f"{path}: could not be written: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()
