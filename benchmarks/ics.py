"""``acd ics --out-dir`` for every kind and body of examples/hywel-dda.yaml, ten planning years.

Prints the median time of the export, in-process, with the number of events written and
the cost of one event: the first run writes new files, the others re-export over them
(reading the previous files for SEQUENCE), as a nightly job does. Wall time is what a
user waits; CPU time of this process, and the best run, are steadier on a busy machine.
Target: under 1 s.
Usage: python benchmarks/ics.py [RUNS] [--lang en|cy|both]
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

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
RUNS = int(ARGS[0]) if ARGS else 5
LANG = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hywel-dda.yaml"


def main() -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    args = [
        "--no-config",
        "ics",
        "--file",
        str(EXAMPLE),
        "--from",
        "2026-04-01",
        "--to",
        "2036-03-31",
        "--on",
        "2026-11-24",
        "--lang",
        LANG,
        "--out-dir",
    ]
    walls: list[float] = []
    cpus: list[float] = []
    events = files = 0
    with tempfile.TemporaryDirectory() as folder:
        for run in range(RUNS + 1):
            out = Path(folder) / "feeds"
            started, cpu = time.perf_counter(), time.process_time()
            result = CliRunner().invoke(app, [*args, str(out)])
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            if result.exit_code != 0:
                raise SystemExit(result.output)
            events = sum(p.read_bytes().count(b"BEGIN:VEVENT") for p in out.glob("*.ics"))
            files = len(list(out.glob("*.ics")))
            if run:
                walls.append(wall)
                cpus.append(cpu)
            else:
                print(f"first export (new files): {wall:.3f} s wall, {cpu:.3f} s CPU")
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(f"--lang {LANG}: calendars: {files}, events: {events}, runs: {RUNS}")
    print(f"median: {wall:.3f} s wall, {cpu:.3f} s CPU (target < 1 s)")
    print(f"best: {min(walls):.3f} s wall, {min(cpus):.3f} s CPU")
    print(f"per event: {wall / events * 1e6:.0f} µs wall, {cpu / events * 1e6:.0f} µs CPU")


if __name__ == "__main__":
    main()
