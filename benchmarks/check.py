"""``acd check`` over 200 generated local files: files per second. Target: all 200 < 5 s.

Usage: python benchmarks/check.py [FILES]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 200
BOARDS = {
    "hywel-dda": ["ceredigion", "pembrokeshire", "carmarthenshire"],
    "swansea-bay": ["swansea", "neath-port-talbot"],
    "aneurin-bevan": ["caerphilly", "blaenau-gwent", "torfaen", "monmouthshire", "newport"],
}


def local_file(number: int) -> str:
    board = list(BOARDS)[number % len(BOARDS)]
    lines = ["version: 1", f"health_board: {board}", "bodies:"]
    n = number  # ids are unique across the files, which are checked together
    for la in BOARDS[board]:
        lines.append(
            f"  - {{id: {la}-pcpg-{n}, kind: pcpg, name: {la.title()} PCPG, parent: {la}}}"
        )
        for c in range(3):
            lines.append(
                f"  - {{id: {la}-cluster-{c}-{n}, kind: cluster, name: Cluster {c}, "
                f"parent: {la}-pcpg-{n}}}"
            )
    lines.append("deadlines:")
    for year in range(2024, 2030):
        lines += [
            f"  - id: drafts-{year}-{n}",
            "    title: Draft cluster plans to the PCPG",
            "    owners: [cluster]",
            f"    due: {year}-11-13",
            "    feeds: cluster-plan-draft",
        ]
    lines.append("completions:")
    for la in BOARDS[board]:
        lines.append(f"  - {{item: drafts-2025-{n}, body: {la}-cluster-0-{n}, date: 2025-11-12}}")
    lines.append("meetings:")
    for la in BOARDS[board]:
        lines += [
            f"  - id: {la}-meetings-{n}",
            f"    body: {la}-pcpg-{n}",
            "    cadence: pcpg-meeting",
            "    start: 2026-04-14",
            '    time: "14:00"',
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number in range(COUNT):
            path = Path(folder) / f"local-{number:03d}.yaml"
            path.write_text(local_file(number), encoding="utf-8")
            paths.append(str(path))
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "acd_calendar", "check", "--on", "2026-11-24", *paths],
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
    print(result.stdout.splitlines()[-1] if result.stdout else result.stderr)
    print(
        f"files: {COUNT}, wall time: {elapsed:.2f} s, {COUNT / elapsed:.0f} files/s "
        "(target: 200 in under 5 s)"
    )
    if result.returncode != 0:
        raise SystemExit(f"acd check exited {result.returncode}")


if __name__ == "__main__":
    main()
