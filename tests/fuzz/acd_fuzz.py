"""A mutation fuzzer for local files: ``acd check`` is the guarantee.

Each case is a seed local file with a few mutations (values swapped for hostile ones,
keys renamed, lines dropped, duplicated or swapped, bytes flipped). The oracle runs
``acd check`` on it and then ``acd due`` (table and CSV), ``acd ics --out-dir`` and
``acd timeline --svg``, in process, and fails a case on

- an exit code other than 0, 1 or 2, or any exception (a traceback);
- a command that takes more than ``LIMIT_SECONDS`` of CPU time (or runs on by the
  clock: a hang);
- a file ``acd check`` passes (exit 0) that another command refuses;
- a calendar icalendar or vobject cannot read, an SVG an XML parser cannot read;
- a control character (ESC, BEL, ...) in the terminal output.

Run it for longer than CI does with::

    python tests/fuzz/acd_fuzz.py --seed 1 --seconds 1800

Every case that fails is written to ``--keep`` (tests/examples/fuzz by default) as
``crash-SEED-N.yaml``; once fixed, it is renamed for what it shows and kept there:
tests/test_fuzz.py runs each through the oracle, and ``--replay`` runs them (the slow
ones under ``slow/`` too) before the new cases.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SEEDS = [
    REPO / "examples" / "hywel-dda.yaml",
    REPO / "tests" / "examples" / "valid" / "welsh-names.yaml",
    HERE / "seed-meetings.yaml",
]
KEEP = REPO / "tests" / "examples" / "fuzz"
LIMIT_SECONDS = 5.0
HANG_FACTOR = 4
AS_OF = "2026-11-24"

# Values that have broken parsers like ours before: escapes of control characters,
# numbers at and past the limits, dates that do not exist, rules that never end.
HOSTILE = [
    '"\\e]0;pwned\\a"',
    '"\\0"',
    '"\\r"',
    '"a\\nb"',
    '"\\x85"',
    '"\\u2028"',
    '"\\uD800"',
    '"\\uFFFF"',
    '"=HYPERLINK(\\"http://x\\")"',
    "'+1'",
    "'-1'",
    "'@SUM(A1)'",
    '"a, b; c \\\\ d"',
    "0",
    "-1",
    "1",
    "2147483648",
    "99999999999999999999",
    "1.5",
    "nan",
    ".inf",
    "yes",
    "on",
    "~",
    "''",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "!!python/object:os.system x",
    "&a x",
    "*a",
    "|\n  two\n  lines",
    ">\n  folded",
    "2026-02-29",
    "2028-02-29",
    "2026-02-30",
    "2026-13-01",
    "1899-12-31",
    "1900-01-01",
    "2200-12-31",
    "9999-12-31",
    "2026-03-29",
    "2026-10-25",
    "2026-04..2035-03",
    "2027/28",
    "2026-Q3",
    '"01:30"',
    '"24:00"',
    '"00:00"',
    '"23:59"',
    "FREQ=MONTHLY;INTERVAL=0",
    "FREQ=MONTHLY;INTERVAL=-1",
    "FREQ=MONTHLY;COUNT=0",
    "FREQ=MONTHLY;BYMONTH=13",
    "FREQ=MONTHLY;BYMONTHDAY=32",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
    "FREQ=DAILY;INTERVAL=14;BYDAY=TU",
    "FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6",
    "FREQ=WEEKLY;BYSETPOS=9;BYDAY=MO,TU",
    "FREQ=MONTHLY;BYDAY=6MO",
    "FREQ=MONTHLY;BYDAY=-1SU;COUNT=10000",
    "FREQ=DAILY;UNTIL=99991231",
    "FREQ=DAILY;UNTIL=20260101T000000Z",
    "FREQ=HOURLY",
    "FREQ=SOMETIMES",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "x" * 300,
    "a-" * 120 + "z",
    "con",
    "Ynys Môn ✓ 🏴",
    "health-board",
    "pcpg",
    "hywel-dda",
    "ceredigion",
    "cluster-plan-draft-2027-28",
    "cluster-plan-draft",
]
KEYS = [
    "id",
    "title",
    "name",
    "parent",
    "kind",
    "due",
    "window",
    "due_date",
    "owners",
    "feeds",
    "depends_on",
    "note",
    "rrule",
    "start",
    "until",
    "count",
    "every_months",
    "week",
    "weekday",
    "time",
    "place",
    "lead_days",
    "body",
    "item",
    "date",
    "on",
    "version",
]


@dataclass
class Outcome:
    """What one case did: the exit code of each command and what went wrong."""

    codes: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


RULES = [v for v in HOSTILE if "FREQ=" in v] + [
    "FREQ=WEEKLY;BYDAY=MO,TH",
    "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=YEARLY;BYYEARDAY=366",
    "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
    "FREQ=DAILY;COUNT=10000",
    "FREQ=MONTHLY;WKST=XX",
    "FREQ=MONTHLY;;",
    "FREQ=MONTHLY;INTERVAL=1;INTERVAL=2",
]
DATES = [v for v in HOSTILE if re.match(r"\d{4}", v)]
BY_KEY = {
    "rrule": RULES,
    "start": DATES,
    "until": DATES,
    "due": DATES,
    "window": DATES,
    "date": DATES,
    "time": ['"01:30"', '"01:00"', '"02:00"', '"00:59"', '"1:30"', '"25:00"'],
    "count": ["0", "1", "1000", "1001", "-5"],
    "every_months": ["0", "12", "13"],
    "week": ["0", "5", "-1", "-2"],
    "lead_days": ["0", "366", "367", "-1"],
    "duration_minutes": ["4", "1440", "1441"],
}
TEXTS = [v for v in HOSTILE if v.startswith(('"', "'"))] + [
    '"<script>alert(1)</script> & ]]>"',
    '"x\\x"',
    "Ynys Môn ✓ 🏴",
    "'\t'",
]
for _key in ("title", "name", "welsh_name", "place", "note"):
    BY_KEY[_key] = TEXTS
# "key: value" in block or flow style
_PAIR = re.compile(r"\b([a-z_]+):[ \t]+([^\s,\[\]{}#][^,\]}#\n]*)")


def mutate(text: str, rng: random.Random) -> str:
    """One to four mutations of a YAML text (mostly one: most cases stay readable)."""
    for _ in range(rng.choice((1, 1, 1, 1, 1, 1, 2, 2, 3))):
        text = rng.choice(_MUTATIONS)(text, rng)
    return text


def _swap_value(text: str, rng: random.Random) -> str:
    pairs = list(_PAIR.finditer(text))
    if not pairs:
        return text
    match = rng.choice(pairs)
    choices = BY_KEY.get(match[1]) if rng.random() < 0.85 else None
    value = rng.choice(choices or HOSTILE)
    if "\n" in value:  # a block scalar
        indent = " " * (len(text[: match.start()].rsplit("\n", 1)[-1]) + 4)
        value = value.replace("\n  ", "\n" + indent)
        if "{" in text[: match.start()].rsplit("\n", 1)[-1]:
            return text  # not inside a flow mapping
    return text[: match.start(2)] + value + text[match.end(2) :]


def _rename_key(text: str, rng: random.Random) -> str:
    keys = list(re.finditer(r"([A-Za-z_]+):", text))
    if not keys:
        return text
    match = rng.choice(keys)
    return text[: match.start(1)] + rng.choice(KEYS) + text[match.end(1) :]


def _lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    if len(lines) < 3:
        return text
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    action = rng.choice(("drop", "duplicate", "swap"))
    if action == "drop":
        del lines[i]
    elif action == "duplicate":
        lines.insert(j, lines[i])
    else:
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def _byte(text: str, rng: random.Random) -> str:
    if not text:
        return text
    i = rng.randrange(len(text))
    replacement = rng.choice(["", " ", "\t", ":", "-", "'", '"', "{", "[", "#", "\x1b", "\u00e9"])
    return text[:i] + replacement + text[i + 1 :]


# Mostly values swapped in place: most cases stay valid enough to reach every command.
_MUTATIONS: list[Callable[[str, random.Random], str]] = [
    *[_swap_value] * 12,
    _rename_key,
    _lines,
    _byte,
]


class TooSlow(BaseException):
    """Raised in a command that runs too long (not an Exception: nothing catches it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt a command that runs too long (SIGALRM: the main thread of a POSIX host)."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise TooSlow

    if not hasattr(signal, "setitimer"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run_case(data: bytes, workdir: Path) -> Outcome:  # noqa: C901 (one oracle per command)
    """Run the commands on one local file and judge them (see the module's docstring)."""
    from typer.testing import CliRunner

    from acd_calendar.cli import app

    local = workdir / "local.yaml"
    local.write_bytes(data)
    outcome = Outcome()
    runner = CliRunner()

    def acd(name: str, *args: str) -> str | None:
        # The limit is on CPU time, so that a busy machine does not fail a case; a run
        # still going after HANG_FACTOR times the limit by the clock is stopped.
        started = time.process_time()
        try:
            with time_limit(LIMIT_SECONDS * HANG_FACTOR):
                result = runner.invoke(app, list(args), catch_exceptions=True)
        except TooSlow:
            outcome.failures.append(
                f"{name}: still running after {LIMIT_SECONDS * HANG_FACTOR:.0f} s"
            )
            return None
        elapsed = time.process_time() - started
        outcome.codes[name] = result.exit_code
        if elapsed > LIMIT_SECONDS:
            outcome.failures.append(f"{name}: took {elapsed:.1f} s of CPU time")
        if result.exit_code not in (0, 1, 2):
            outcome.failures.append(f"{name}: exit {result.exit_code}: {result.output[-300:]}")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            outcome.failures.append(f"{name}: {type(result.exception).__name__}")
        if "Traceback" in result.output:
            outcome.failures.append(f"{name}: a traceback")
        if _TERMINAL_CONTROL.search(result.stdout) and "ics" not in name:
            outcome.failures.append(f"{name}: a control character reached the terminal")
        return result.stdout

    acd("check", "check", "--on", AS_OF, str(local))
    passed = outcome.codes.get("check") == 0
    for name, args in (
        ("due", ["due", "--all", "--file", str(local), "--on", AS_OF]),
        ("due-csv", ["due", "--all", "-f", "csv", "--file", str(local), "--on", AS_OF]),
        ("ics", ["ics", "--file", str(local), "--on", AS_OF, "--out-dir", str(workdir / "f")]),
        (
            "timeline",
            ["timeline", "--file", str(local), "--on", AS_OF, "--svg", str(workdir / "t.svg")],
        ),
    ):
        acd(name, *args)
        if passed and outcome.codes.get(name) != 0:
            outcome.failures.append(
                f"{name}: exit {outcome.codes.get(name)} on a file check passes"
            )
    if outcome.codes.get("ics") == 0:
        for path in sorted((workdir / "f").glob("*.ics")):
            if why := _calendar_problem(path.read_bytes()):
                outcome.failures.append(f"ics: {path.name}: {why}")
    if outcome.codes.get("timeline") == 0:
        import xml.etree.ElementTree as ET

        try:
            ET.fromstring((workdir / "t.svg").read_bytes())
        except ET.ParseError as exc:
            outcome.failures.append(f"timeline: the SVG is not XML: {exc}")
    return outcome


def _calendar_problem(data: bytes) -> str | None:
    import icalendar
    import vobject

    try:
        icalendar.Calendar.from_ical(data)
    except Exception as exc:
        return f"icalendar cannot read it: {exc}"
    try:
        vobject.readOne(data.decode("utf-8"))
    except Exception as exc:
        return f"vobject cannot read it: {exc}"
    return None


def cases(seed: int) -> Iterator[tuple[int, bytes]]:
    """An endless stream of mutated seed files, the same for the same seed."""
    rng = random.Random(seed)
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    number = 0
    while True:
        text = mutate(rng.choice(texts), rng)
        yield number, text.encode("utf-8", errors="surrogatepass")
        number += 1


def fuzz(
    seed: int,
    seconds: float,
    max_cases: int | None = None,
    keep: Path | None = KEEP,
    passed: list[int] | None = None,
    replay: list[Path] | tuple[Path, ...] = (),
) -> tuple[int, list[tuple[int, list[str]]]]:
    """Run cases for ``seconds`` (or ``max_cases``); the number run and the failures.

    ``passed`` collects the numbers of the cases ``acd check`` passed; the files of
    ``replay`` (cases found before) run first."""
    os.environ.setdefault("COLUMNS", "100")
    os.environ.pop("ACD_DATA", None)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    failures: list[tuple[int, list[str]]] = []
    count = 0
    with tempfile.TemporaryDirectory(prefix="acd-fuzz-") as folder:
        os.environ.setdefault("XDG_CACHE_HOME", str(Path(folder) / "cache"))
        for path in replay:
            workdir = Path(folder) / "case"
            _empty(workdir)
            if reasons := run_case(path.read_bytes(), workdir).failures:
                failures.append((-1, [f"{path.name}: {r}" for r in reasons]))
        deadline = time.monotonic() + seconds
        for number, data in cases(seed):
            if time.monotonic() > deadline or (max_cases is not None and count >= max_cases):
                break
            workdir = Path(folder) / "case"
            _empty(workdir)
            outcome = run_case(data, workdir)
            count += 1
            if passed is not None and outcome.codes.get("check") == 0:
                passed.append(number)
            if outcome.failures:
                failures.append((number, outcome.failures))
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    (keep / f"crash-{seed}-{number}.yaml").write_bytes(data)
    return count, failures


def _empty(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--cases", type=int, default=None, help="stop after this many")
    parser.add_argument("--keep", type=Path, default=KEEP, help="where failing cases go")
    parser.add_argument(
        "--replay",
        action="store_true",
        help="first run every case kept in tests/examples/fuzz (slow/ included)",
    )
    options = parser.parse_args(argv)
    started = time.monotonic()
    passed: list[int] = []
    replay = sorted(KEEP.rglob("*.yaml")) if options.replay else []
    count, failures = fuzz(
        options.seed, options.seconds, options.cases, options.keep, passed, replay
    )
    for number, reasons in failures:
        print(f"case {number}: " + "; ".join(reasons))
    print(
        f"fuzz: seed {options.seed}, {count} cases ({len(passed)} passed acd check) in "
        f"{time.monotonic() - started:.0f} s, {len(failures)} failing"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
