"""Welsh in ``acd check``: its summary line and the national texts awaiting review."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from acd_calendar.i18n import Voice, review_count

if TYPE_CHECKING:
    from acd_calendar.lint import Checked
    from acd_calendar.problems import Problem


def awaiting_review(checked: Sequence[Checked]) -> int:
    """Welsh national texts marked ``review: needed`` in the milestone files checked."""
    from acd_calendar import schema

    count = 0
    for result in checked:
        if isinstance(result.file.model, schema.Dataset):
            rules = [r for _, section in result.file.model.sections() for r in section]
            count += review_count([(r.title_cy, r.note_cy, r.review == "needed") for r in rules])
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
