"""``acd ics --out-dir`` for every kind and body of examples/hywel-dda.yaml, ten planning years.

Prints the median wall time of the export, in-process: the first run writes new files,
the others re-export over them (reading the previous files for SEQUENCE), as a nightly
job does. Target: under 1 s.
Usage: python benchmarks/ics.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from typer.testing import CliRunner

from acd_calendar.cli import app

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hywel-dda.yaml"


def main() -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    args = [
        "ics",
        "--file",
        str(EXAMPLE),
        "--from",
        "2026-04-01",
        "--to",
        "2036-03-31",
        "--on",
        "2026-11-24",
        "--out-dir",
    ]
    times = []
    events = 0
    with tempfile.TemporaryDirectory() as folder:
        for run in range(RUNS + 1):
            out = Path(folder) / "feeds"
            started = time.perf_counter()
            result = CliRunner().invoke(app, [*args, str(out)])
            elapsed = time.perf_counter() - started
            if result.exit_code != 0:
                raise SystemExit(result.output)
            if run:
                times.append(elapsed)
            else:
                print(f"first export (new files): {elapsed:.3f} s")
            events = sum(p.read_bytes().count(b"BEGIN:VEVENT") for p in out.glob("*.ics"))
            files = len(list(out.glob("*.ics")))
    print(f"calendars: {files}, events: {events}, runs: {RUNS}")
    print(f"median: {statistics.median(times):.3f} s (target < 1 s)")


if __name__ == "__main__":
    main()
