"""``acd check`` over generated local files beside yamllint on the same files, in one run.

For 10, 100 and 1,000 files (or the counts given) prints the wall and CPU time (user +
system, which a busy machine disturbs less), the cost per file and the peak memory
(maximum resident set size) of ``acd check`` and of ``yamllint`` with its default
rules. Targets: at 1,000 files acd is no slower than yamllint, its per-file cost is
flat from 10 to 1,000 files, and its peak memory is under 80 MiB.

Usage: python benchmarks/check.py [COUNT...]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COUNTS = [int(a) for a in sys.argv[1:]] or [10, 100, 1000]
BOARDS = {
    "hywel-dda": ["ceredigion", "pembrokeshire", "carmarthenshire"],
    "swansea-bay": ["swansea", "neath-port-talbot"],
    "aneurin-bevan": ["caerphilly", "blaenau-gwent", "torfaen", "monmouthshire", "newport"],
}
MEMORY_LIMIT_MIB = 80


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


def measure(args: list[str]) -> tuple[float, float, float, subprocess.CompletedProcess[str]]:
    """Wall seconds, CPU seconds and peak MiB of one child process.

    Its output goes to files, not pipes: a full pipe would block it while we wait.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(args, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(
            args, process.returncode, out.read().decode(), err.read().decode()
        )
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, result


def main() -> None:
    yamllint = shutil.which("yamllint") or str(Path(sys.executable).with_name("yamllint"))
    per_file: dict[int, float] = {}
    print(f"{'files':>6} {'tool':9} {'wall s':>7} {'cpu s':>6} {'cpu ms/file':>11} {'peak MiB':>8}")
    for count in COUNTS:
        with tempfile.TemporaryDirectory() as folder:
            paths = []
            for number in range(count):
                path = Path(folder) / f"local-{number:04d}.yaml"
                path.write_text(local_file(number), encoding="utf-8")
                paths.append(str(path))
            acd = [sys.executable, "-m", "acd_calendar", "check", "--on", "2026-11-24", *paths]
            measure(acd[:6] + paths[:1])  # fill the cache of national data
            wall, cpu, peak, result = measure(acd)
            if result.returncode != 0:
                raise SystemExit(f"acd check exited {result.returncode}: {result.stderr}")
            per_file[count] = cpu / count
            print(f"       acd says: {result.stdout.splitlines()[-1]}")
            print(
                f"{count:>6} {'acd':9} {wall:7.2f} {cpu:6.2f} {cpu / count * 1000:11.2f} "
                f"{peak:8.1f}"
            )
            y_wall, y_cpu, y_peak, _ = measure([yamllint, "-f", "parsable", *paths])
            print(
                f"{count:>6} {'yamllint':9} {y_wall:7.2f} {y_cpu:6.2f} "
                f"{y_cpu / count * 1000:11.2f} {y_peak:8.1f}"
            )
            if count == max(COUNTS):
                print(
                    f"at {count} files: acd/yamllint cpu {cpu / y_cpu:.2f} (target <= 1), "
                    f"wall {wall / y_wall:.2f}; peak {peak:.1f} MiB "
                    f"(target < {MEMORY_LIMIT_MIB})"
                )
    low, high = min(COUNTS), max(COUNTS)
    print(
        f"cpu per file: {per_file[low] * 1000:.2f} ms at {low} files, "
        f"{per_file[high] * 1000:.2f} ms at {high} (ratio {per_file[high] / per_file[low]:.2f}; "
        "flat is <= 1)"
    )


if __name__ == "__main__":
    main()
