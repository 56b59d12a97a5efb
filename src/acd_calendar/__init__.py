"""acd-calendar: the ACD planning calendar and deadline checker for NHS Wales."""

__version__ = "0.3.0"
