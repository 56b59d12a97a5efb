""" "Did you mean ...?": the nearest known name to one that is not known."""

from __future__ import annotations

from collections.abc import Iterable


def nearest(word: str, known: Iterable[str]) -> str | None:
    """The known name closest to ``word``, if one is close enough to be a slip."""
    import difflib

    names = list(dict.fromkeys(known))
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    if close:
        return close[0]
    # A short form of a longer id: `powys` for `powys-teaching`, when only one fits.
    containing = [name for name in names if word and word in name.split("-")]
    return containing[0] if len(containing) == 1 else None


def hint(word: str, known: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` or nothing."""
    found = nearest(word, known)
    return f"; did you mean {found!r}?" if found else ""
