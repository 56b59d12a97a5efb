"""Calendar descriptions in each language, the event writer against icalendar's own
serialisation, and the Welsh and bilingual feeds read back by real clients."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser import Contentline

from acd_calendar.ics import Writer
from conftest import EXAMPLES, REPO, Run

EXAMPLE = str(REPO / "examples" / "hywel-dda.yaml")
STATUSES = str(EXAMPLES / "valid" / "statuses.yaml")
# the label of each line of a description, English and Welsh, in their order
LABELS = [
    ("When: ", "Pryd: "),
    ("Dropped on ", "Wedi'i ollwng ar "),
    ("Done: ", "Wedi'i wneud: "),
    ("Completed (national): ", "Wedi'i gwblhau (cenedlaethol): "),
    ("Owners: ", "Perchnogion: "),
    ("Owning bodies: ", "Cyrff sy'n berchen: "),
    ("Completed by: ", "Wedi'i gwblhau gan: "),
    ("Involved: ", "Yn cyfrannu: "),
    ("Role for ", "Rôl ar gyfer "),
    ("Basis: ", "Sail: "),
    ("Source: ", "Ffynhonnell: "),
    ("Depends on: ", "Yn dibynnu ar: "),
    ("Feeds: ", "Yn bwydo: "),
    ("Note: ", "Nodyn: "),
    ("Id: ", "Dynodydd: "),
]


@pytest.fixture(autouse=True)
def fixed_stamp(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """DTSTAMP from SOURCE_DATE_EPOCH (set after ``run`` clears the environment)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def export(run: Run, *args: str) -> bytes:
    result = run("ics", *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def descriptions(data: bytes) -> dict[str, str]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT")}


def labels(text: str, welsh: bool) -> list[int]:
    """Which label each line after the title has (its place in LABELS; -1: none)."""
    found = []
    for line in text.split("\n")[1:]:
        known = [n for n, pair in enumerate(LABELS) if line.startswith(pair[welsh])]
        found.append(known[0] if known else -1)
    return found


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # completions by two owning bodies, a PCPG meeting task done, a dropped deadline
        (
            ["--file", STATUSES, "--on", "2026-11-24", "--body", "north-powys"],
            ["Wedi'i gwblhau gan: ", "Rôl ar gyfer North Powys: yn cyfrannu"],
        ),
        (
            ["--file", STATUSES, "--on", "2026-11-24", "--body", "powys-pcpg"],
            ["Wedi'i ollwng ar 2026-09-01: ", "Wedi'i wneud: mae cwblhau wedi'i gofnodi"],
        ),
        # a body with a Welsh name, waiting on the owning clusters
        (
            ["--file", EXAMPLE, "--on", "2026-11-24", "--body", "ceredigion-pcpg"],
            [
                "Rôl ar gyfer PCPG Ceredigion: yn cyfrannu; unwaith y bydd yn hwyr, mae'n aros "
                "am y rhain: north-ceredigion, south-ceredigion",
                "Cyrff sy'n berchen: north-ceredigion, south-ceredigion",
            ],
        ),
        # national completions the sources state; a kind's feed waits on the owners
        (
            ["--as", "cluster", "--on", "2023-06-01", "--from", "2022-04-01", "--to", "2023-09-30"],
            [
                "Wedi'i gwblhau (cenedlaethol): 2022-",
                "Rôl ar gyfer Clwstwr: perchennog",
                "mae'n aros am y perchnogion",
                "Ffynhonnell: Cwestiynau Cyffredin am gynllunio Datblygu Clystyrau Carlam",
            ],
        ),
    ],
)
def test_welsh_descriptions_have_every_line_of_the_english(
    run: Run, args: list[str], expected: list[str]
) -> None:
    english = descriptions(export(run, *args))
    welsh = descriptions(export(run, *args, "--lang", "cy"))
    both = descriptions(export(run, *args, "--lang", "both"))
    assert set(english) == set(welsh) == set(both)
    for uid, text in english.items():
        assert labels(welsh[uid], welsh=True) == labels(text, welsh=False), uid
        assert -1 not in labels(text, welsh=False)
        assert both[uid] == f"{welsh[uid]}\n\n{text}"  # Welsh, a blank line, English
    joined = "\n".join(welsh.values())
    for text in expected:
        assert text in joined
    assert "Role for" not in joined and "Owning bodies" not in joined
    assert "Ffynhonnell: ACD planning FAQ" not in joined  # the document's Welsh title


def test_a_drop_dated_after_the_as_of_day_is_not_shown_in_welsh(run: Run) -> None:
    args = ["--file", STATUSES, "--body", "powys-pcpg", "--lang", "cy"]
    before = "\n".join(descriptions(export(run, *args, "--on", "2026-08-31")).values())
    on = "\n".join(descriptions(export(run, *args, "--on", "2026-09-01")).values())
    assert "Wedi'i ollwng ar" not in before
    assert "Wedi'i ollwng ar 2026-09-01: Replaced by the health board's own audit" in on


# --- the writer -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "cy", "both"])
def test_every_calendar_is_what_icalendar_writes(run: Run, tmp_path: Path, lang: str) -> None:
    """icalendar reads each calendar and writes it again byte for byte: the cached lines
    and the description folded a line at a time are what icalendar itself writes."""
    folder = tmp_path / "feeds"
    args = ["--file", EXAMPLE, "--on", "2026-11-24", "--to", "2029-03-31", "--lang", lang]
    assert run("ics", *args, "--out-dir", str(folder)).exit_code == 0
    calendars = sorted(folder.glob("*.ics"))
    assert len(calendars) == 17
    for path in calendars:
        data = path.read_bytes()
        assert bytes(icalendar.Calendar.from_ical(data).to_ical()) == data, path.name


# escapes (a backslash before an "n" too), RFC 6868's caret, 2-, 3- and 4-octet characters
PIECES = [*"ab ,;:\\^\n", "é", "ŵ", "€", "𝄞", "\\n", "^^", "'"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(TEXT, min_size=1, max_size=6), tail=TEXT)
def test_folding_a_line_of_text_at_a_time_is_icalendar_s_folding(
    lines: list[str], tail: str
) -> None:
    """Texts that share lines, at every column, with escapes and multibyte characters at
    the folds; one writer for all of them, as one export shares one."""
    for index in range(len(lines)):
        text = "\n".join([*lines[index:], tail])
        event = icalendar.Event()
        event.add("description", text)
        line = str(event.content_line("DESCRIPTION", event["DESCRIPTION"]))
        whole = Contentline(line).to_ical()  # type: ignore[no-untyped-call]
        assert WRITER.fold(line) == whole, line


WRITER = Writer()


# --- clients ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["cy", "both"])
def test_welsh_and_bilingual_folders_pass_the_client_checks(
    run: Run, tmp_path: Path, lang: str
) -> None:
    """Every calendar of a folder, in Welsh or both languages, read by vobject,
    icalendar and recurring-ical-events: the same events, times and reminders as the
    English calendar, lines of 75 octets at most, whole characters on each line."""
    args = ["--file", EXAMPLE, "--on", "2026-11-24"]
    english, other = tmp_path / "en", tmp_path / lang
    assert run("ics", *args, "--out-dir", str(english)).exit_code == 0
    assert run("ics", *args, "--lang", lang, "--out-dir", str(other)).exit_code == 0
    names = sorted(p.name for p in english.glob("*.ics"))
    assert names == sorted(p.name for p in other.glob("*.ics"))
    for name in names:
        data = (other / name).read_bytes()
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
        for line in data.split(b"\r\n"):
            assert len(line) <= 75, line
            line.decode("utf-8")
        ours = {e.uid.value: e for e in vobject.readOne(data.decode("utf-8")).vevent_list}
        theirs = {
            e.uid.value: e
            for e in vobject.readOne((english / name).read_text(encoding="utf-8")).vevent_list
        }
        assert set(ours) == set(theirs)
        for uid, event in ours.items():
            twin = theirs[uid]
            assert (event.dtstart.value, event.dtend.value) == (
                twin.dtstart.value,
                twin.dtend.value,
            )
            assert event.transp.value == twin.transp.value
            (alarm,) = event.valarm_list
            assert alarm.trigger.value == twin.valarm.trigger.value
            assert alarm.description.value == event.summary.value
            assert event.sequence.value == "0"
        calendar = icalendar.Calendar.from_ical(data)
        year = recurring_ical_events.of(calendar).between(dt.date(2026, 4, 1), dt.date(2027, 4, 1))
        english_year = recurring_ical_events.of(
            icalendar.Calendar.from_ical((english / name).read_bytes())
        ).between(dt.date(2026, 4, 1), dt.date(2027, 4, 1))
        assert sorted(str(e["UID"]) for e in year) == sorted(str(e["UID"]) for e in english_year)
    body = descriptions((other / "body-north-ceredigion.ics").read_bytes())
    text = body["cluster-plan-draft-2027-28.north-ceredigion@acd-calendar"]
    assert "Rôl ar gyfer North Ceredigion: perchennog" in text
    assert ("Role for North Ceredigion: owner" in text) is (lang == "both")


def test_a_rerun_in_welsh_keeps_sequence_and_bytes(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "p.ics"
    args = ["--file", EXAMPLE, "--body", "ceredigion-pcpg", "--on", "2026-11-24", "--lang", "both"]
    assert run("ics", *args, "-o", str(target)).exit_code == 0
    first = target.read_bytes()
    assert run("ics", *args, "-o", str(target)).exit_code == 0
    assert target.read_bytes() == first
