"""Text from files, made safe for every place it ends up.

Data files may hold anything a YAML escape can spell (``"\\e"``, ``"\\0"``, ``"\\r"``).
The loader refuses control characters where they are read (``control_at``); the
writers of calendars, pages, SVG, CSV and terminal text pass user text through
``clean`` as a second line of defence, so that nothing from a file reaches them raw.

- Control characters: C0 (U+0000 to U+001F) except the tab and line feed that notes
  may hold, DEL, C1 (U+0080 to U+009F, which includes NEL), and the Unicode line and
  paragraph separators (U+2028, U+2029); and the code points that are not text
  (lone surrogates, U+FFFE, U+FFFF).
- Invisible format characters that change how text around them reads: the bidirectional
  embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069) and marks
  (U+200E, U+200F, U+061C), which can make a page or calendar show text in an order
  other than its own ("Trojan Source", CVE-2021-42574); and the invisible zero-width
  space, word joiner, invisible operators, deprecated format characters and byte order
  mark (U+200B, U+2060 to U+2064, U+206A to U+206F, U+FEFF). The zero-width joiner and
  non-joiner (U+200C, U+200D) and the soft hyphen (U+00AD) stay: scripts and emoji
  need them and they cannot reorder text.
- CSV cells that a spreadsheet would read as a formula (OWASP "CSV injection") start
  with ``'`` so that Excel shows them as text.
- Ids become file names (``body-ID.ics``): ``file_name_problem`` says why one cannot
  be a file name on Windows, macOS or Linux.
"""

from __future__ import annotations

import re

# Every control character; ``LINE_CONTROL`` allows the tab and line feed of notes. Lone
# surrogates and U+FFFE/U+FFFF (from escapes such as "\\uD800") are no characters at all:
# UTF-8 cannot encode the first, XML allows neither.
# The patterns are compiled on first use: this module is imported on every start.
_NOT_TEXT = "\ud800-\udfff\ufffe\uffff"
FORMAT = "\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
CONTROL = f"[\x00-\x1f\x7f-\x9f\u2028\u2029{FORMAT}{_NOT_TEXT}]"
LINE_CONTROL = f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{FORMAT}{_NOT_TEXT}]"
CONTROL_ONLY = "[\x00-\x1f\x7f-\x9f\u2028\u2029]"
REPLACEMENT = "\ufffd"

# Keys whose values may run over several lines (``note``, ``meeting_note``, ...); every
# other text is one line.
MULTILINE_KEYS = frozenset({"note", "note_cy"})


def is_multiline_key(key: str | None) -> bool:
    return key is not None and (key in MULTILINE_KEYS or key.endswith("_note"))


# A spreadsheet reads a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Longest id that still makes a file name (``body-`` + id + ``.ics``) of at most 255
# bytes, the limit of ext4, APFS and NTFS, with room to spare for a temporary name
# (``.body-ID.ics.XXXXXXXX.tmp``). Ids are ASCII, so characters are bytes.
MAX_ID_LENGTH = 200
MAX_FILE_NAME = 230
# Names Windows reserves for devices, with or without an extension.
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)
_FILE_NAME_BAD = r'[<>:"/\\|?*\x00-\x1f\x7f]'


def describe_character(character: str) -> str:
    names = {"\n": "a line break", "\r": "a carriage return", "\t": "a tab"}
    if re.match(CONTROL_ONLY, character):
        what = "control character"
    elif re.match(f"[{FORMAT}]", character):
        what = "invisible format character"
    else:
        what = "character"
    return names.get(character, f"{what} U+{ord(character):04X}")


def control_at(value: str, *, multiline: bool = False) -> int | None:
    """The index of the first character a one-line text (or a note) may not hold."""
    found = re.search(LINE_CONTROL if multiline else CONTROL, value)
    return found.start() if found else None


def clean(value: str, *, multiline: bool = False) -> str:
    """``value`` with each control or format character above replaced by U+FFFD (line
    breaks become spaces in one-line text; notes keep line feeds)."""
    if multiline:
        value = value.replace("\r\n", "\n")
        return re.sub(LINE_CONTROL, REPLACEMENT, value)
    value = value.replace("\r\n", " ").replace("\n", " ")
    return re.sub(CONTROL, REPLACEMENT, value)


def csv_cell(value: str) -> str:
    """A CSV cell Excel shows as text: a leading ``'`` on a cell that starts a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def file_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be part of a file name everywhere, or None when it can."""
    if len(name.encode("utf-8")) > MAX_FILE_NAME:
        return f"is {len(name.encode('utf-8'))} bytes long; {MAX_FILE_NAME} at most"
    if bad := re.search(_FILE_NAME_BAD, name):
        return f"holds {bad[0]!r}, which file names cannot"
    if name.split(".", 1)[0].lower() in WINDOWS_RESERVED:
        return f"{name!r} is a device name on Windows"
    if name.endswith((".", " ")):
        return "ends with a dot or space, which Windows drops from file names"
    return None


def N_(message: str) -> str:
    """Marks a message for extraction (``pybabel extract -k N_``) where it is defined;
    ``i18n`` translates it where it is used."""
    return message
