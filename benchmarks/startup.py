"""Start-up time of ``acd due --as cluster`` against a bare interpreter, in one run.

Prints the median wall time of each over N runs and their ratio. Target: under 8.
The first run validates the national data and caches it; the timed runs use the cache,
as every run after the first does.
Usage: python benchmarks/startup.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 21
ENV = {**os.environ, "COLUMNS": "100"}


def median_ms(args: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=ENV)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    bare = median_ms([sys.executable, "-c", "pass"])
    due = median_ms(
        [sys.executable, "-m", "acd_calendar", "due", "--as", "cluster", "--on", "2026-11-24"]
    )
    print(f"runs: {RUNS}")
    print(f"python -c pass:                  {bare:7.1f} ms (median)")
    print(f"acd due --as cluster:            {due:7.1f} ms (median)")
    print(f"ratio:                           {due / bare:7.1f} (target < 8)")


if __name__ == "__main__":
    main()
