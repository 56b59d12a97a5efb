from __future__ import annotations

import os
from pathlib import Path

import pytest

from acd_calendar.atomic import write_atomic
from acd_calendar.errors import ExportError


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_refuses_to_overwrite_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"mine")
    with pytest.raises(ExportError, match="already exists"):
        write_atomic(target, b"theirs", overwrite=False)
    assert target.read_bytes() == b"mine"


def test_a_file_that_appears_while_writing_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    real_fsync = os.fsync

    def someone_else_writes(fd: int) -> None:
        real_fsync(fd)
        target.write_bytes(b"someone else")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    with pytest.raises(ExportError, match="already exists"):
        write_atomic(target, b"ours", overwrite=False)
    assert target.read_bytes() == b"someone else"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_an_unwritable_folder_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="cannot write here"):
        write_atomic(tmp_path / "missing" / "out.txt", b"x")
