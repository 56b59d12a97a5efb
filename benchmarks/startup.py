"""Start-up of everyday commands against a bare interpreter, measured in one run.

Prints, for each command, the median wall time and the median CPU time (user + system,
which a busy machine disturbs less) over N runs, and their ratios to ``python -c pass``
measured in the same run, beside the target ratio. The first run of each command fills
the cache of validated national data; the timed runs use it, as every run after the
first does. "terminal" runs write to a pseudo-terminal (rich, with colour). ``acd due``
runs in English and in Welsh (``--lang cy``: the catalogue and Babel's CLDR names load).

``--baseline SRC`` measures another checkout's ``src`` folder in the same run as well
(e.g. an unpacked ``git archive HEAD src data`` of an older commit: ``src`` reads
``data/`` beside it), for before/after figures.

Usage: python benchmarks/startup.py [RUNS] [--baseline SRC]
"""

from __future__ import annotations

import argparse
import os
import pty
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ACD = [sys.executable, "-m", "acd_calendar"]
DUE = [*ACD, "due", "--as", "cluster", "--on", "2026-11-24"]

# (label, command, on a terminal, target ratio)
CASES: list[tuple[str, list[str], bool, float]] = [
    ("acd due --as cluster | cat", DUE, False, 6),
    ("acd due --as cluster -f json", [*DUE, "-f", "json"], False, 6),
    ("acd due --as cluster (terminal)", DUE, True, 8),
    ("acd due --as cluster --lang cy | cat", [*DUE, "--lang", "cy"], False, 6),
    ("acd due --as cluster --lang cy (terminal)", [*DUE, "--lang", "cy"], True, 8),
    ("acd --version", [*ACD, "--version"], False, 2),
    ("acd check examples/hywel-dda.yaml", [*ACD, "check", "examples/hywel-dda.yaml"], False, 12),
]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(args: list[str], env: dict[str, str], *, terminal: bool) -> tuple[float, float, int]:
    """Wall and CPU seconds of one run, and its exit code."""
    cpu = children_cpu()
    started = time.perf_counter()
    if not terminal:
        code = subprocess.run(args, check=False, stdout=subprocess.PIPE, env=env, cwd=REPO)
        returncode = code.returncode
    else:
        leader, follower = pty.openpty()
        process = subprocess.Popen(args, stdout=follower, env=env, cwd=REPO)
        os.close(follower)
        while True:
            try:
                if not os.read(leader, 65536):
                    break
            except OSError:  # the terminal closes when the process ends
                break
        returncode = process.wait()
        os.close(leader)
    return time.perf_counter() - started, children_cpu() - cpu, returncode


def medians(
    args: list[str], runs: int, env: dict[str, str], *, terminal: bool = False
) -> tuple[float, float]:
    # fill the cache, warm the file system; a command that fails would time its error
    # (a --baseline tree needs its data/ folder beside src/: `git archive HEAD src data`)
    if (code := run_once(args, env, terminal=terminal)[2]) != 0:
        raise SystemExit(f"exit {code}: {' '.join(args)} (PYTHONPATH={env.get('PYTHONPATH')})")
    times = [run_once(args, env, terminal=terminal) for _ in range(runs)]
    return (
        statistics.median(t[0] for t in times) * 1000,
        statistics.median(t[1] for t in times) * 1000,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("runs", nargs="?", type=int, default=21)
    parser.add_argument("--baseline", type=Path, help="another checkout's src folder")
    options = parser.parse_args()
    # An installed package has its bytecode compiled; without it every run would
    # compile acd's modules again. The warm-up run writes it even where the
    # environment asks Python not to (PYTHONDONTWRITEBYTECODE, set on some CI hosts).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["COLUMNS"] = "100"
    trees = [("this tree", env)]
    if options.baseline:
        trees.append(("baseline", {**env, "PYTHONPATH": str(options.baseline.resolve())}))
    bare_wall, bare_cpu = medians([sys.executable, "-c", "pass"], options.runs, env)
    print(f"runs: {options.runs}, medians; ratios to python -c pass in this run")
    print(f"{'python -c pass':44} wall {bare_wall:6.1f} ms  cpu {bare_cpu:6.1f} ms")
    over = []
    for label, args, terminal, target in CASES:
        for tree, tree_env in trees:
            wall, cpu = medians(args, options.runs, tree_env, terminal=terminal)
            name = f"{label} [{tree}]" if options.baseline else label
            # Both verdicts: CPU time is what a busy machine disturbs least.
            verdict = ", ".join(
                f"{what} {'ok' if ratio <= target else 'OVER'}"
                for what, ratio in (("cpu", cpu / bare_cpu), ("wall", wall / bare_wall))
            )
            if tree == "this tree" and cpu / bare_cpu > target:
                over.append(label)
            print(
                f"{name:44} wall {wall:6.1f} ms {wall / bare_wall:5.1f}x  "
                f"cpu {cpu:6.1f} ms {cpu / bare_cpu:5.1f}x  (target <= {target:g}x) {verdict}"
            )
    if over:
        print("over target (cpu): " + "; ".join(over))


if __name__ == "__main__":
    main()
