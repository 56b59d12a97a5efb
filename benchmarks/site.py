"""``acd site`` over the generated national set, beside ``acd ics --out-dir`` on the same
files in the same run. Target: the site in under 10 s.

Each run writes into a new folder (a clean build, as CI does), in-process; the figures
are medians. ``benchmarks/national.py`` makes the files: 7 boards, 22 PCPGs, 60
clusters, 20 PCs, 10 PCPG meeting series.
Usage: python benchmarks/site.py [RUNS]
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

sys.path.insert(0, str(Path(__file__).parent))
from national import write_national_set

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 3


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    result = CliRunner().invoke(app, args)
    elapsed = time.perf_counter() - started
    if result.exit_code != 0:
        raise SystemExit(result.output)
    return elapsed


def main() -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = [arg for path in write_national_set(root / "set") for arg in ("--file", str(path))]
        common = [*files, "--on", "2026-11-24"]
        timed(["check", *files[1::2], "--on", "2026-11-24"])  # warm the national data cache
        site, ics = [], []
        for run in range(RUNS):
            ics.append(timed(["ics", "--out-dir", str(root / f"ics-{run}"), *common]))
            site.append(
                timed(
                    [
                        "site",
                        "--out-dir",
                        str(root / f"site-{run}"),
                        *common,
                        "--base-url",
                        "https://example.org/acd/",
                    ]
                )
            )
        pages = len(list((root / "site-0").glob("*.html")))
        calendars = len(list((root / "site-0").glob("*.ics")))
    print(
        f"national set: {len(files) // 2} files, {pages} pages, {calendars} calendars, {RUNS} runs"
    )
    print(f"acd ics --out-dir: {statistics.median(ics):.2f} s")
    print(f"acd site:          {statistics.median(site):.2f} s (target < 10 s)")
    print(f"ratio site / ics:  {statistics.median(site) / statistics.median(ics):.2f}")


if __name__ == "__main__":
    main()
