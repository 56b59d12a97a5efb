"""The kinds of body in the ACD planning chain, in the order work flows upward."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    # Declaration order is the order of the flow: PCs feed clusters, clusters feed
    # PCPGs, PCPGs feed the health board IMTP and the RPB area plan.
    PC = "pc"
    CLUSTER = "cluster"
    PCPG = "pcpg"
    HEALTH_BOARD = "health-board"
    LOCAL_AUTHORITY = "local-authority"
    RPB = "rpb"
    WELSH_GOVERNMENT = "welsh-government"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def order(self) -> int:
        return list(Kind).index(self)


# The kinds of body a local file defines; the others are national (data/bodies.yaml).
LOCAL_KINDS = (Kind.PCPG, Kind.CLUSTER, Kind.PC)

LABELS: dict[Kind, str] = {
    Kind.PC: "Professional collaborative",
    Kind.CLUSTER: "Cluster",
    Kind.PCPG: "Pan cluster planning group",
    Kind.HEALTH_BOARD: "Health board",
    Kind.LOCAL_AUTHORITY: "Local authority",
    Kind.RPB: "Regional partnership board",
    Kind.WELSH_GOVERNMENT: "Welsh Government",
}

ALIASES: dict[str, Kind] = {
    "hb": Kind.HEALTH_BOARD,
    "la": Kind.LOCAL_AUTHORITY,
    "wg": Kind.WELSH_GOVERNMENT,
    "professional-collaborative": Kind.PC,
    "pan-cluster-planning-group": Kind.PCPG,
    "regional-partnership-board": Kind.RPB,
}


def valid_names() -> str:
    """The accepted names, for error messages: canonical names with their aliases."""
    parts = []
    for kind in Kind:
        short = sorted(a for a, k in ALIASES.items() if k is kind and len(a) <= 3)
        parts.append(f"{kind.value} ({', '.join(short)})" if short else kind.value)
    return ", ".join(parts)


def parse_kind(text: str) -> Kind:
    """A kind from its name or alias, in any case, with `_` or spaces for `-`."""
    key = "-".join(text.strip().lower().replace("_", "-").split())
    if key in ALIASES:
        return ALIASES[key]
    try:
        return Kind(key)
    except ValueError:
        from acd_calendar.suggest import nearest

        close = nearest(key, [*(k.value for k in Kind), *ALIASES])
        hint = f"; did you mean {close!r}?" if close else ""
        raise ValueError(f"unknown kind of body {text!r}; valid: {valid_names()}{hint}") from None
