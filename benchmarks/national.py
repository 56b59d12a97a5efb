"""A generated national set of local files: all seven health boards of data/bodies.yaml,
a PCPG for each of the 22 local authorities, 60 clusters, a PC in every third cluster,
ten PCPG meeting series, the board's internal deadlines and some completions.

The names are invented (North/South/... plus the county); the structure is the one
planners keep. ``benchmarks/site.py`` builds the national site from it.
Usage: python benchmarks/national.py FOLDER   (writes FOLDER/BOARD.yaml, one per board)
"""

from __future__ import annotations

import sys
from pathlib import Path

from acd_calendar.load import load_bodies

CLUSTERS = 60
MEETING_SERIES = 10
PARTS = ["North", "South", "East", "West", "Central", "Upper", "Lower"]
DAYS = ["2026-04-14", "2026-05-06", "2026-06-25", "2026-04-21", "2026-05-12"]


def national_set() -> dict[str, str]:
    """The text of each board's local file, by board id."""
    bodies = load_bodies()
    authorities = list(bodies.local_authorities)
    # 60 clusters over 22 local authorities: 2 or 3 each, the first ones get 3
    per_la = {la.id: CLUSTERS // len(authorities) for la in authorities}
    for la in authorities[: CLUSTERS - sum(per_la.values())]:
        per_la[la.id] += 1
    files = {}
    series = 0
    cluster_number = 0
    for board in bodies.health_boards:
        lines = ["version: 1", f"health_board: {board.id}", "bodies:"]
        clusters = []
        pcpgs = []
        for la in (a for a in authorities if a.health_board == board.id):
            pcpg = f"{la.id}-pcpg"
            pcpgs.append(pcpg)
            lines.append(f"  - {{id: {pcpg}, kind: pcpg, name: {la.name} PCPG, parent: {la.id}}}")
            for index in range(per_la[la.id]):
                cluster = f"{PARTS[index].lower()}-{la.id}"
                clusters.append(cluster)
                name = f"{PARTS[index]} {la.name}"
                lines.append(f"  - {{id: {cluster}, kind: cluster, name: {name}, parent: {pcpg}}}")
                if cluster_number % 3 == 0:
                    lines.append(
                        f"  - {{id: {cluster}-gms-pc, kind: pc, name: {name} GMS collaborative, "
                        f"parent: {cluster}}}"
                    )
                cluster_number += 1
        lines += [
            "deadlines:",
            f"  - id: {board.id}-drafts-2026",
            "    title: Draft cluster plans 2027/28 to the PCPG planning lead",
            "    owners: [cluster]",
            "    involved: [pcpg]",
            "    due: 2026-11-16",
            "    feeds: cluster-plan-draft",
            f"  - id: {board.id}-pcpg-plans-2026",
            "    title: PCPG three-year plans to the health board planning team",
            f"    owners: [{', '.join(pcpgs)}]",
            "    involved: [health-board]",
            "    due: 2026-12-18",
            "    feeds: pcpg-plan",
            f"    depends_on: [{board.id}-drafts-2026]",
            "completions:",
        ]
        for cluster in clusters[::2]:
            lines.append(f"  - {{item: {board.id}-drafts-2026, body: {cluster}, date: 2026-11-12}}")
        lines.append("meetings: []" if series >= MEETING_SERIES else "meetings:")
        for pcpg in pcpgs:
            if series >= MEETING_SERIES:
                break
            lines += [
                f"  - id: {pcpg}-meetings",
                f"    body: {pcpg}",
                "    cadence: pcpg-meeting",
                f"    start: {DAYS[series % len(DAYS)]}",
                '    time: "14:00"',
            ]
            series += 1
        files[board.id] = "\n".join(lines).replace("meetings:\nmeetings: []", "meetings: []") + "\n"
    return files


def write_national_set(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for board, text in national_set().items():
        path = folder / f"{board}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_national_set(Path(sys.argv[1])):
        print(written)
