"""Texts for people in English, Welsh (Cymraeg) or both, Welsh first.

Every sentence, heading and label that people read goes through ``Tongue._`` or
``Tongue.ngettext``; ``pybabel extract`` collects them into ``locale/acd.pot`` and the
Welsh catalogue ``locale/cy/LC_MESSAGES/acd.po`` gives the Welsh (see README,
"Translating"). Welsh dates, weekdays and months come from Babel's CLDR data; phrases
around them ("erbyn diwedd Tachwedd 2026") and the mutations numbers cause ("2
ddiwrnod") are whole catalogue strings with placeholders, never words joined in code.

English pays nothing for Welsh: an English ``Tongue`` formats its msgids directly, and
the catalogue and Babel load only when Welsh is asked for.

Interfaces stay English in every language: JSON keys, ids, status values, exit codes,
the CSV header. ``Voice`` holds the chosen language; ``Voice.text`` applies one
function of a ``Tongue`` in each language and joins the results, Welsh first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from acd_calendar.text import N_ as N_  # defined low, so that any layer can mark texts

if TYPE_CHECKING:
    from gettext import GNUTranslations

    from acd_calendar.dates import Period, When
    from acd_calendar.kinds import Kind
    from acd_calendar.schedule import Item

DOMAIN = "acd"
LOCALE_DIR = Path(__file__).parent / "locale"
ENV_VAR = "ACD_LANG"
SEPARATOR = " / "
UNTRANSLATED = "(en)"


class Lang(StrEnum):
    EN = "en"
    CY = "cy"
    BOTH = "both"


def parse_lang(text: str) -> Lang:
    key = text.strip().lower()
    aliases = {"english": "en", "saesneg": "en", "welsh": "cy", "cymraeg": "cy", "dwy": "both"}
    try:
        return Lang(aliases.get(key, key))
    except ValueError:
        raise ValueError(f"unknown language {text!r}; valid: en, cy, both") from None


def choose_lang(option: str | None, environ: Mapping[str, str], configured: str | None) -> Lang:
    """``--lang``, else ``ACD_LANG``, else ``lang`` of acd.toml, else English.

    Raises ValueError naming where a wrong value came from.
    """
    for where, value in (
        ("--lang", option),
        (ENV_VAR, environ.get(ENV_VAR) or None),
        ("acd.toml lang", configured),
    ):
        if value is not None:
            try:
                return parse_lang(value)
            except ValueError as exc:
                raise ValueError(f"{where}: {exc}") from None
    return Lang.EN


@cache
def _catalogue(code: str) -> GNUTranslations:
    """The compiled catalogue of one language; read once, only when asked for."""
    import gettext

    with (LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
        return gettext.GNUTranslations(handle)


CLDR_FORMAT = 1
_TOKENS = r"EEEE|MMMM|LLLL|LLL|d|y|'[^']*'|[A-Za-z]+"  # compiled when Welsh is asked for


@cache
def cldr(code: str) -> dict[str, list[str]]:
    """Babel's CLDR names and patterns for one language: months, weekdays, date forms.

    Kept as JSON in the user's cache (``acd_calendar.cache``), keyed by the locale file
    Babel ships, so that Welsh output does not import Babel on every run (some 40 ms).
    """
    from importlib.machinery import PathFinder

    from acd_calendar.cache import cache_dir, read_json, write_json

    cached: Path | None = None
    spec = PathFinder.find_spec("babel")  # where it is installed, without importing it
    folder = cache_dir()
    if folder is not None and spec is not None and spec.origin is not None:
        data = Path(spec.origin).parent / "locale-data" / f"{code}.dat"
        try:
            stat = data.stat()
            cached = folder / f"cldr-{code}-{CLDR_FORMAT}-{stat.st_size}-{stat.st_mtime_ns}.json"
        except OSError:
            cached = None
    if cached is not None:
        names = read_json(cached)
        if isinstance(names, dict) and all(isinstance(v, list) for v in names.values()):
            return names
    names = _cldr_from_babel(code)
    if cached is not None:
        write_json(cached, names)  # a read-only home is no reason to fail
    return names


def _cldr_from_babel(code: str) -> dict[str, list[str]]:
    from babel import Locale

    locale = Locale.parse(code)
    return {
        "months": [locale.months["format"]["wide"][m] for m in range(1, 13)],
        "months_alone": [locale.months["stand-alone"]["wide"][m] for m in range(1, 13)],
        "months_short": [locale.months["stand-alone"]["abbreviated"][m] for m in range(1, 13)],
        "weekdays": [locale.days["format"]["wide"][d] for d in range(7)],  # Monday first
        "patterns": [locale.date_formats["long"].pattern, locale.date_formats["full"].pattern],
    }


def format_day(day: date, pattern: str, names: Mapping[str, list[str]]) -> str:
    """``day`` in a CLDR date pattern made of weekday, day, month and year fields."""

    def field(match: re.Match[str]) -> str:
        token = match[0]
        values = {
            "EEEE": names["weekdays"][day.weekday()],
            "MMMM": names["months"][day.month - 1],
            "LLLL": names["months_alone"][day.month - 1],
            "LLL": names["months_short"][day.month - 1],
            "d": str(day.day),
            "y": str(day.year),
        }
        if token.startswith("'"):
            return token[1:-1] or "'"
        if token not in values:
            raise ValueError(f"date pattern field {token!r} is not supported")
        return values[token]

    return re.sub(_TOKENS, field, pattern)


class Tongue:
    """The texts of one language: messages, dates, numbers of days, titles."""

    def __init__(self, code: str) -> None:
        self.code = code
        self._translations = _catalogue(code) if code != "en" else None

    @property
    def welsh(self) -> bool:
        return self.code == "cy"

    # --- messages -----------------------------------------------------------------------

    def _(self, message: str, **values: Any) -> str:
        """``message`` in this language, its ``{name}`` placeholders filled."""
        text = message if self._translations is None else self._translations.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """The form for ``n`` (Welsh has six: 0, 1, 2, 3, 6 and the rest)."""
        if self._translations is None:
            text = singular if n == 1 else plural
        else:
            text = self._translations.ngettext(singular, plural, n)
        return text.format(n=n, **values)

    # --- dates --------------------------------------------------------------------------

    def month(self, day: date) -> str:
        if not self.welsh:
            from acd_calendar.dates import MONTHS

            return MONTHS[day.month]
        return cldr(self.code)["months_alone"][day.month - 1]

    def short_month(self, day: date) -> str:
        if not self.welsh:
            return self.month(day)[:3]
        return cldr(self.code)["months_short"][day.month - 1].rstrip(".")

    def day_label(self, day: date) -> str:
        """30 November 2022 / 30 Tachwedd 2022."""
        if not self.welsh:
            return f"{day.day} {self.month(day)} {day.year}"
        names = cldr(self.code)
        return format_day(day, names["patterns"][0], names)

    def long_date(self, day: date) -> str:
        """Tuesday 24 November 2026 / Dydd Mawrth, 24 Tachwedd 2026 (CLDR's full form)."""
        if not self.welsh:
            return f"{day.strftime('%A')} {self.day_label(day)}"
        names = cldr(self.code)
        return format_day(day, names["patterns"][1], names)

    def weekday(self, day: date) -> str:
        if not self.welsh:
            return day.strftime("%A")
        return cldr(self.code)["weekdays"][day.weekday()]

    def financial_year(self, start_year: int) -> str:
        from acd_calendar.dates import financial_year_label

        return financial_year_label(start_year)

    def period_label(self, period: Period) -> str:
        from acd_calendar.dates import Precision, financial_year_label, financial_year_of

        match period.precision:
            case Precision.DAY:
                return self.day_label(period.first)
            case Precision.MONTH:
                return f"{self.month(period.first)} {period.first.year}"
            case Precision.QUARTER:
                quarter = (period.first.month - 4) % 12 // 3 + 1
                return self._(
                    "{year} Q{quarter}",
                    year=financial_year_label(financial_year_of(period.first)),
                    quarter=quarter,
                )
        return financial_year_label(period.first.year)

    def when_label(self, when: When, is_deadline: bool) -> str:  # noqa: FBT001 (a value, not a switch)
        """A window in words, or a deadline on its last day ("by end of November 2026")."""
        from acd_calendar.dates import Precision

        if is_deadline:
            end = self.period_label(when.end)
            if when.end.precision is Precision.DAY:
                return self._("by {day}", day=end)
            return self._("by end of {period}", period=end)
        start, end_period = when.start, when.end
        if when.is_single:
            return self.period_label(start)
        same_year = start.first.year == end_period.last.year
        if start.precision is end_period.precision is Precision.MONTH and same_year:
            return (
                f"{self.month(start.first)}–{self.month(end_period.first)} {end_period.first.year}"
            )
        if start.precision is end_period.precision is Precision.DAY and same_year:
            if start.first.month == end_period.first.month:
                return f"{start.first.day}–{self.period_label(end_period)}"
            return f"{start.first.day} {self.month(start.first)}–{self.period_label(end_period)}"
        return f"{self.period_label(start)} – {self.period_label(end_period)}"

    def days_text(self, days: int, status: str | None = None) -> str:
        """6 days left / 6 diwrnod ar ôl; 55 days late / 55 diwrnod yn hwyr; today. A done
        item is never called late (``status`` "done"), a past one is so many days ago."""
        if status == "done":
            return self._("done")
        if days == 0:
            return self._("today")
        if days < 0 and status == "past":
            return self.ngettext("{n} day ago", "{n} days ago", -days)
        if days > 0:
            return self.ngettext("{n} day left", "{n} days left", days)
        return self.ngettext("{n} day late", "{n} days late", -days)

    # --- names of things ----------------------------------------------------------------

    def kind_label(self, kind: Kind) -> str:
        return self._(kind.label)

    def status_label(self, status: str) -> str:
        """The heading of a status group: Overdue / Yn hwyr."""
        return self._(STATUS_LABELS.get(status, status))

    def term(self, value: str) -> str:
        """A status, role, basis or kind value as a word people read (not the value)."""
        if not self.welsh:
            return value
        return self._(TERMS[value]) if value in TERMS else value

    def mark_english(self, text: str) -> str:
        return f"{text} {UNTRANSLATED}"

    def title(self, item: Item) -> str:
        """The item's title; in Welsh its Welsh title, or the English one marked (en)."""
        from acd_calendar.schedule import ItemKind

        if not self.welsh:
            return item.title
        if item.kind in (ItemKind.MEETING, ItemKind.MEETING_TASK) and item.meeting_day:
            return self.meeting_title(item)
        return item.title_cy or self.mark_english(item.title)

    def series(self, english: str | None, welsh: str | None) -> str:
        if english is None:
            return self._("Meeting")
        if not self.welsh:
            return english
        return welsh or self.mark_english(english)

    def meeting_title(self, item: Item) -> str:
        assert item.meeting_day is not None
        values = {"series": self.series(item.series_title, item.series_title_cy)}
        values["day"] = self.day_label(item.meeting_day)
        match item.task:
            case "agenda":
                return self._("Agenda items for the {series} of {day}", **values)
            case "papers":
                return self._("Agenda and papers out for the {series} of {day}", **values)
            case "minutes":
                return self._("Draft minutes of the {series} of {day} circulated", **values)
        if item.series_body is None:
            return self._("{series}, {day}", **values)
        name = self.body_name(item.series_body, item.series_body_cy)
        if item.series_title is None:  # no title and no cadence: named for its body
            return self._("Meeting of {name}, {day}", name=name, day=values["day"])
        return self._("{series}, {day} ({name})", name=name, **values)

    def note(self, item: Item) -> str | None:
        if not self.welsh or item.note is None:
            return item.note
        return item.note_cy or self.mark_english(item.note)

    def rule_title(self, english: str, welsh: str | None) -> str:
        if not self.welsh:
            return english
        return welsh or self.mark_english(english)

    def body_name(self, name: str, welsh_name: str | None) -> str:
        return welsh_name if self.welsh and welsh_name else name


STATUS_LABELS = {
    "overdue": N_("Overdue"),
    "waiting": N_("Waiting on others"),
    "due": N_("Due"),
    "upcoming": N_("Upcoming"),
    "done": N_("Done"),
    "later": N_("Later"),
    "past": N_("Past"),
}
TERMS = {
    "overdue": N_("overdue"),
    "waiting": N_("waiting"),
    "due": N_("due"),
    "upcoming": N_("upcoming"),
    "done": N_("done"),
    "later": N_("later"),
    "past": N_("past"),
    "owner": N_("owner"),
    "involved": N_("involved"),
    "statutory": N_("statutory"),
    "ministerial-letter": N_("ministerial letter"),
    "guidance": N_("guidance"),
    "assumed-annual": N_("assumed, yearly"),
    "assumed": N_("assumed"),
    "local": N_("local"),
    "milestone": N_("milestone"),
    "deadline": N_("deadline"),
    "meeting": N_("meeting"),
    "meeting-task": N_("meeting task"),
    "meeting task": N_("meeting task"),
    "meetings": N_("meetings"),
    "cycle": N_("cycle"),
    "cadence": N_("cadence"),
    "occurrence": N_("occurrence"),
    "friday-before": N_("the Friday before"),
    "pc": N_("professional collaborative"),
    "cluster": N_("cluster"),
    "pcpg": N_("PCPG"),
    "health-board": N_("health board"),
    "local-authority": N_("local authority"),
    "rpb": N_("RPB"),
    "welsh-government": N_("Welsh Government"),
}
KIND_LABELS = (
    N_("Professional collaborative"),
    N_("Cluster"),
    N_("Pan cluster planning group"),
    N_("Health board"),
    N_("Local authority"),
    N_("Regional partnership board"),
    N_("Welsh Government"),
)


class Voice:
    """The chosen language: one ``Tongue``, or Welsh then English for ``both``."""

    def __init__(self, lang: Lang = Lang.EN) -> None:
        self.lang = lang
        codes = {Lang.EN: ("en",), Lang.CY: ("cy",), Lang.BOTH: ("cy", "en")}[lang]
        self.tongues = tuple(Tongue(code) for code in codes)

    @property
    def first(self) -> Tongue:
        """The language of fields that hold one language (Welsh unless English only)."""
        return self.tongues[0]

    @property
    def english(self) -> bool:
        return self.lang is Lang.EN

    @property
    def html_lang(self) -> str:
        return "en-GB" if self.lang is Lang.EN else "cy"

    def text(self, make: Callable[[Tongue], str | None], separator: str = SEPARATOR) -> str:
        """``make`` in each language, joined Welsh first; a text the same in both once."""
        parts: list[str] = []
        for tongue in self.tongues:
            part = make(tongue)
            if part and part not in parts:
                parts.append(part)
        return separator.join(parts)

    def _(self, message: str, **values: Any) -> str:
        return self.text(lambda t: t._(message, **values))

    def title(self, item: Item) -> str:
        """Both titles for ``both``; in Welsh only, English marked (en) when there is none."""
        if self.lang is Lang.BOTH and not _has_welsh(item):
            return item.title if not item.meeting_day else self.tongues[1].title(item)
        return self.text(lambda t: t.title(item))


def _has_welsh(item: Item) -> bool:
    if item.meeting_day is not None:
        return item.series_title is None or item.series_title_cy is not None
    return item.title_cy is not None


ENGLISH = Voice(Lang.EN)


class Heading(NamedTuple):
    """Whom a report is for: one named body, a kind of body, or every kind (neither)."""

    kind: Kind | None = None
    name: str | None = None
    welsh_name: str | None = None

    def text(self, tongue: Tongue) -> str:
        if self.name is not None and self.kind is not None:
            return tongue._(
                "ACD planning: {name} ({kind})",
                name=tongue.body_name(self.name, self.welsh_name),
                kind=tongue.term(self.kind.value),
            )
        if self.kind is not None:
            return tongue._("ACD planning: {kind}", kind=tongue.kind_label(self.kind))
        return tongue._("ACD planning: every kind of body")


def review_count(texts: list[tuple[str | None, str | None, bool]]) -> int:
    """How many Welsh texts await a Welsh-language officer: (title_cy, note_cy, review)."""
    return sum((title is not None) + (note is not None) for title, note, review in texts if review)
