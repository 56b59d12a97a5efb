"""Bounds on what a file may ask of the tool: the one place each limit is written."""

from __future__ import annotations

MAX_BYTES = 5 * 1024 * 1024  # a data or local file; checked before it is read
MAX_DEPTH = 40  # nesting of YAML mappings and lists
MAX_FILES = 5000  # files of one run (a glob that matches more is refused before reading)
