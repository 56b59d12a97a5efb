"""Welsh in ``acd check``: its problems, its summary line and the national texts
awaiting review.

A problem's message is kept as catalogue id and values (``problems.Words``) and said
here in the chosen language; codes, paths and ids stay as they are (interfaces). A
message with no words (from the YAML reader or the schema) prints in English, marked
"(en)" in Welsh.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, cast

from acd_calendar.i18n import N_, Tongue, Voice, review_count
from acd_calendar.problems import Span, Value

if TYPE_CHECKING:
    from acd_calendar import schema
    from acd_calendar.lint import Checked
    from acd_calendar.problems import Problem

LEVELS = {"error": N_("error"), "warning": N_("warning")}


def say(value: Value, tongue: Tongue) -> str:
    """A message, or a value of one, in ``tongue``."""
    if isinstance(value, Span):
        return tongue.when_label(value.when, value.is_deadline)
    if isinstance(value, date):
        return tongue.day_label(value)
    if isinstance(value, str):
        return value
    if tongue.welsh and value.as_welsh is not None:
        return value.as_welsh
    if not tongue.welsh and value.as_english is not None:
        return value.as_english
    values = {key: say(v, tongue) for key, v in value.values}
    # two whole sentences, one and many: the Welsh says "{n} o dasgau", right for any n
    msgid = value.plural if value.plural is not None and value.n != 1 else value.msgid
    return tongue._(msgid, n=value.n, **values)


def problem_lines(voice: Voice, problems: list[Problem]) -> str:
    """``acd check``'s lines in the chosen language (``both``: each part Welsh first)."""
    from acd_calendar.text import clean

    lines = []
    for p in problems:
        words = p.words
        level = voice.text(lambda t: t._(LEVELS[p.level.value]))  # noqa: B023
        if words is not None:
            message = voice.text(lambda t: say(words, t))  # noqa: B023
        else:
            message = voice.text(lambda t: t.rule_title(p.message, None))  # noqa: B023
        lines.append(clean(f"{p.path}:{p.line}:{p.column}: {level} {p.code} {message}") + "\n")
    return "".join(lines)


def awaiting_review(checked: Sequence[Checked]) -> int:
    """Welsh national texts marked ``review: needed`` in the milestone files checked."""
    from acd_calendar.load import MILESTONES

    count = 0
    for result in checked:
        if result.file.kind == MILESTONES and result.file.model is not None:
            model = cast("schema.Dataset", result.file.model)
            rules = [r for _, section in model.sections() for r in section]
            count += review_count([(r.title_cy, r.note_cy, r.review == "needed") for r in rules])
            count += review_count(
                [(c.meeting_note_cy, None, c.review == "needed") for c in model.cadences]
            )
            count += review_count(
                [(d.title_cy, None, d.review == "needed") for d in model.documents.values()]
            )
    return count


def check_lines(
    voice: Voice, problems: list[Problem], files: int, checked: Sequence[Checked], line: str
) -> tuple[str, str | None]:
    """The summary line in the chosen language, and a line on Welsh texts to review."""
    from acd_calendar.problems import Level

    if not voice.english:
        errors = sum(1 for p in problems if p.level is Level.ERROR)
        warnings = len(problems) - errors

        def summary(t: object) -> str:
            from acd_calendar.i18n import Tongue

            assert isinstance(t, Tongue)
            checked_files = t.ngettext("{n} file checked", "{n} files checked", files)
            if not problems:
                return t._("{files}: no problems", files=checked_files)
            return t._(
                "{files}: {errors}, {warnings}",
                files=checked_files,
                errors=t.ngettext("{n} error", "{n} errors", errors),
                warnings=t.ngettext("{n} warning", "{n} warnings", warnings),
            )

        line = voice.text(summary)
    pending = awaiting_review(checked)
    if not pending:
        return line, None
    review = voice.text(
        lambda t: t.ngettext(
            "{n} Welsh text of the national data awaits review by a Welsh-language officer",
            "{n} Welsh texts of the national data await review by a Welsh-language officer",
            pending,
        ),
        "\n",
    )
    return line, review
