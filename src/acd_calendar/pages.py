"""HTML pages from Jinja2 templates (``templates/``), escaped by default.

Every sentence a reader sees lives in a template, so that a translation replaces
templates rather than code. Python hands the templates values (items, statuses,
bodies, dates); filters here only format them. Autoescaping is on for every template:
text from local files can never become markup; and every value printed passes
``text.clean`` first, so that no control or bidirectional format character reaches a page.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acd_calendar import __version__
from acd_calendar.dates import MONTHS

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).parent / "templates"


def long_date(day: date | None) -> str:
    return "" if day is None else f"{day.day} {MONTHS[day.month]} {day.year}"


def short_date(day: date | None) -> str:
    return "" if day is None else f"{day.day} {MONTHS[day.month][:3]} {day.year}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
    from markupsafe import Markup

    from acd_calendar.text import clean

    def finalize(value: Any) -> Any:
        # every text from a file passes ``text.clean`` before it is escaped; markup
        # this package made (the chart, the stylesheet) is left as it is
        return clean(value) if isinstance(value, str) and not isinstance(value, Markup) else value

    env = Environment(
        finalize=finalize,
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = long_date
    env.filters["short_date"] = short_date
    env.globals["version"] = __version__
    return env


def render(template: str, **values: Any) -> str:
    return environment().get_template(template).render(**values)


def stylesheet() -> str:
    return (TEMPLATES / "site.css").read_text(encoding="utf-8")
