"""HTML pages from Jinja2 templates (``templates/``), escaped by default.

Every sentence a reader sees lives in a template, wrapped in ``_("...")`` so that
``pybabel extract`` collects it into the catalogue (``babel.cfg``) and the Welsh pages
say it in Welsh. Python hands the templates values (items, statuses, bodies, dates);
the globals and filters here only say them in the page's language: ``_``, ``ngettext``,
``item_title`` (an item's title), ``when`` (its dates in words), ``kind_label``,
``body_label`` (a body's name, Welsh where it has one), ``document``, ``term``,
``days_text``, ``long_date`` and ``short_date``. One environment per language, so that
the macros imported by the pages hold that language's words. Autoescaping is on for
every template: text from local files can never become markup; and every value printed
passes ``text.clean`` first, so that no control or bidirectional format character
reaches a page.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acd_calendar import __version__
from acd_calendar.i18n import Lang, Voice

if TYPE_CHECKING:
    from jinja2 import Environment

    from acd_calendar.kinds import Kind
    from acd_calendar.schedule import Item

TEMPLATES = Path(__file__).parent / "templates"


def long_date(day: date | None, voice: Voice | None = None) -> str:
    """30 November 2026 / 30 Tachwedd 2026 (both, Welsh first, for ``both``)."""
    if day is None:
        return ""
    return (voice or Voice()).text(lambda t: t.day_label(day))


def short_date(day: date | None, voice: Voice | None = None) -> str:
    """30 Nov 2026 / 30 Tach 2026."""
    if day is None:
        return ""
    return (voice or Voice()).text(lambda t: f"{day.day} {t.short_month(day)} {day.year}")


@lru_cache(maxsize=3)
def environment(lang: Lang = Lang.EN) -> Environment:
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
    voice = Voice(lang)

    def ngettext(singular: str, plural: str, n: int, **values: Any) -> str:
        return voice.text(lambda t: t.ngettext(singular, plural, n, **values))

    def title(item: Item) -> str:
        return voice.title(item)

    def when(item: Item) -> str:
        return voice.text(lambda t: t.when_label(item.when, item.is_deadline))

    def kind_label(kind: Kind) -> str:
        return voice.text(lambda t: t.kind_label(kind))

    def days(n: int, status: str = "") -> str:
        return voice.text(lambda t: t.days_text(n, status or None))

    def body_label(body: Any) -> str:
        """A body (or a matrix row) by its name, Welsh where it has a Welsh name."""
        return voice.text(lambda t: t.body_name(body.name, body.welsh_name))

    def term(value: str) -> str:
        return voice.text(lambda t: t.term(value))

    def document(source: Any) -> str:
        """A source document's title; in Welsh its Welsh title, or the English marked."""
        return voice.text(lambda t: t.rule_title(source.document, source.document_cy))

    env.filters["long_date"] = lambda day: long_date(day, voice)
    env.filters["short_date"] = lambda day: short_date(day, voice)
    env.filters["kind_label"] = kind_label
    env.filters["term"] = term
    env.globals.update(
        version=__version__,
        _=voice._,
        ngettext=ngettext,
        item_title=title,
        when=when,
        kind_label=kind_label,
        body_label=body_label,
        document=document,
        days_text=days,
        html_lang=voice.html_lang,
        welsh=not voice.english,
    )
    return env


def render(template: str, lang: Lang = Lang.EN, **values: Any) -> str:
    return environment(lang).get_template(template).render(**values)


def stylesheet() -> str:
    return (TEMPLATES / "site.css").read_text(encoding="utf-8")
