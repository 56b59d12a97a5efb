"""Cymraeg everywhere a body, a document or a problem is named: check messages, body and
document names, meeting titles, local items in list and show, the bilingual report,
and ACD_LANG in acd config (issue 13, its remaining gaps)."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from acd_calendar.dates import parse_when
from acd_calendar.i18n import Tongue
from acd_calendar.problems import Span, Words
from acd_calendar.welsh import say
from conftest import REPO, Run, WriteYaml
from test_welsh import SLUG, english_words

EXAMPLE = str(REPO / "examples" / "hywel-dda.yaml")
QUOTED = re.compile(r"(?<!\w)'[^'\s]*'")  # a quoted value, not the apostrophe of "chi'n"

# One file that sets off every rule of acd check that has words of its own.
TROUBLED = """
version: 1
health_board: hywel-dda
bodies:
  - {id: mon-pcpg, kind: pcpg, name: Mon PCPG, welsh_name: PCPG Môn, parent: ceredigon}
  - {id: x-cluster, kind: cluster, name: X, parent: hywel-dda}
  - {id: cluster-plan-draft-2027-28, kind: cluster, name: Z, parent: mon-pcpg}
  - {id: hywel-dda, kind: cluster, name: Q, parent: mon-pcpg}
  - {id: cluster-plan-draft, kind: cluster, name: R, parent: mon-pcpg}
deadlines:
  - {id: d1, title: Drafts, owners: [clustr], due: 2026-12-25, feeds: cluster-plan-draf}
  - {id: d2, title: Other, owners: [cluster], due: 2026-11-28, depends_on: [d3]}
  - {id: d3, title: Third, owners: [cluster], due: 2026-11-30, depends_on: [d2, d8]}
  - id: d4
    title: Long
    owners: [x-cluster]
    window: 2026-04..2029-03
    feeds: cluster-plan-draft-2027-28
  - id: d5
    title: Late one
    owners: [x-cluster]
    due: 2026-10-01
    dropped: {date: 2026-12-10, reason: "dropped"}
  - {id: d6, title: Late two, owners: [cluster], due: 2026-10-02}
  - {id: mon-pcpg, title: Dup, owners: [cluster], due: 2026-10-02}
meetings:
  - {id: m1, body: mon-pcpg, start: 2026-03-29, time: "01:30", every_months: 12, track: true}
  - id: m2
    body: mon-pcpg
    start: 2026-10-25
    time: "01:30"
    every_months: 12
    cadence: pcpg-meetin
  - {id: m3, body: nobody, start: 2026-06-02, until: 2026-05-01}
  - {id: m4, body: mon-pcpg, start: 2026-06-02, rrule: "FREQ=MONTHLY", count: 3}
completions:
  - {item: d2, body: x-cluster, date: 2027-01-05}
  - {item: d9, body: nobody, date: 2026-01-05}
  - {item: d4, body: x-cluster, date: 2026-01-05}
  - {item: d2, body: mon-pcpg, date: 2026-11-20}
  - {item: d6, body: x-cluster, date: 2028-03-01}
"""
# A PCPG with a Welsh name, the start of a local file (indented as the tests write it)
MON = """
        version: 1
        bodies:
          - {id: mon-pcpg, kind: pcpg, name: Anglesey PCPG, welsh_name: PCPG Môn,
             parent: anglesey}"""
LINE = re.compile(
    r"^(?P<where>\S+:\d+:\d+): (?P<level>\w+(?: / \w+)?) (?P<code>[a-z-]+) (?P<message>.+)$"
)


def words_of(text: str) -> set[str]:
    """The words of a text, less ids, quoted values and commands."""
    return {w.lower() for w in re.findall(r"[A-Za-z]{2,}", SLUG.sub(" ", QUOTED.sub(" ", text)))}


def check_lines(run: Run, path: Path, *lang: str) -> list[re.Match[str]]:
    args = ["check", str(path), "--on", "2026-11-24", "--warn-overdue", *lang]
    result = run(*args)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()[:-1]
    matches = [LINE.match(line.replace(str(path), "local.yaml")) for line in lines]
    assert all(matches), lines
    return [m for m in matches if m]


# --- 1. acd check ---------------------------------------------------------------------------


def test_check_messages_in_welsh(run: Run, write_yaml: WriteYaml) -> None:
    path = write_yaml(TROUBLED, "local.yaml")
    english = check_lines(run, path)
    welsh = check_lines(run, path, "--lang", "cy")
    assert len(english) == len(welsh) > 30
    # the same problems at the same places with the same codes: codes are an interface
    assert [(m["where"], m["code"]) for m in english] == [(m["where"], m["code"]) for m in welsh]
    assert {m["level"] for m in english} == {"error", "warning"}
    assert {m["level"] for m in welsh} == {"gwall", "rhybudd"}
    codes = Counter(m["code"] for m in welsh)
    assert len(codes) >= 18, codes  # nearly every rule, so that every message is said
    interface = english_words()
    for line in welsh:
        message = line["message"]
        assert "(en)" not in message, message
        assert not words_of(message) & interface, (message, words_of(message) & interface)
    said = "\n".join(m["message"] for m in welsh)
    assert "oeddech chi'n golygu 'ceredigion'?" in said  # the suggestion too
    assert "PCPG yw rhiant clwstwr, nid bwrdd iechyd (hywel-dda)" in said
    # a national body by its Welsh name, its kind in Welsh
    assert "corff cenedlaethol: Bwrdd Iechyd Prifysgol Hywel Dda (bwrdd iechyd)" in said
    assert "Hywel Dda University Health Board" not in said
    assert "mae 2026-12-25 yn ŵyl banc (Dydd Nadolig)" in said
    assert "mae 2026-11-28 yn ddydd Sadwrn" in said
    assert "nid yw 28 Mawrth 2027 01:30 yn bodoli yn Europe/London" in said
    assert "roedd 'd6' yn ddyledus erbyn 2 Hydref 2026" in said  # dates of items in Welsh
    assert "un dasg a aeth heibio heb i mon-pcpg ei chwblhau" in said
    # the English is as it was: the words only add a way to say it in Welsh
    assert any(
        m["message"] == "a cluster's parent is a pcpg, not a health-board (hywel-dda)"
        for m in english
    )


def test_check_both_says_welsh_then_english_and_json_stays_english(
    run: Run, write_yaml: WriteYaml
) -> None:
    path = write_yaml(TROUBLED, "local.yaml")
    both = check_lines(run, path, "--lang", "both")
    parent = next(m for m in both if m["code"] == "bad-parent")
    assert parent["level"] == "gwall / error"
    assert parent["message"] == (
        "PCPG yw rhiant clwstwr, nid bwrdd iechyd (hywel-dda) / "
        "a cluster's parent is a pcpg, not a health-board (hywel-dda)"
    )
    args = ["check", str(path), "--on", "2026-11-24", "-f", "json"]
    assert run(*args, "--lang", "cy").stdout == run(*args).stdout


def test_messages_without_welsh_words_are_marked_en(run: Run, write_yaml: WriteYaml) -> None:
    """Problems found reading the YAML have no Welsh yet: shown in English, marked."""
    path = write_yaml(
        "version: 1\nbodies: []\ndeadlines: [{id: a, title: b, owners: [pc], due: x}]\n"
    )
    result = run("check", str(path), "--lang", "cy")
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert " gwall bad-date " in first and first.endswith(" (en)"), first


def test_keys_and_yaml_problems_in_welsh(run: Run, write_yaml: WriteYaml) -> None:
    path = write_yaml(
        "version: 1\nbodys: []\nbodys: []\n"
        "deadlines: [{id: a, titel: b, owners: [pc], due: 2026-12-01}]\n"
    )
    english = run("check", str(path)).stdout
    assert "unknown key 'bodys'; did you mean 'bodies'?" in english
    welsh = run("check", str(path), "--lang", "cy").stdout
    assert "gwall unknown-key allwedd anhysbys 'bodys'; oeddech chi'n golygu 'bodies'?" in welsh
    assert "gwall missing-key mae'r allwedd ofynnol 'title' ar goll" in welsh
    assert "mae'r allwedd 'bodys' yn ymddangos ddwywaith yn y mapio hwn (y tro cyntaf" in welsh
    assert "(en)" not in welsh
    empty = write_yaml("", "empty.yaml")
    said = run("check", str(empty), "--lang", "cy")
    assert said.exit_code == 2
    assert "gwall empty mae'r ffeil yn wag: disgwylir mapio o allweddi" in said.stdout


@pytest.mark.parametrize(
    ("n", "welsh", "english"),
    [
        (1, "un dasg a aeth heibio heb i b ei chwblhau: t", "1 task past"),
        (2, "2 o dasgau a aeth heibio heb i b eu cwblhau: t", "2 tasks past"),
        (6, "6 o dasgau a aeth heibio", "6 tasks past"),
    ],
)
def test_words_with_a_number(n: int, welsh: str, english: str) -> None:
    words = Words(
        "{id} is tracked: {n} task past and not completed by {body}: {tasks}",
        (("id", "m"), ("body", "b"), ("tasks", "t")),
        plural="{id} is tracked: {n} tasks past and not completed by {body}: {tasks}",
        n=n,
    )
    assert english in words.english() == say(words, Tongue("en"))
    assert welsh in say(words, Tongue("cy"))


def test_words_of_dates_say_them_in_each_language() -> None:
    span = Span(parse_when("2026-11"), is_deadline=True)
    words = Words.of("{id} was due {when} and no completion is recorded", id="'x'", when=span)
    assert words.english() == "'x' was due by end of November 2026 and no completion is recorded"
    assert say(words, Tongue("cy")) == (
        "roedd 'x' yn ddyledus erbyn diwedd Tachwedd 2026; nid oes cofnod o'i gwblhau"
    )
    day = Words.of(
        "{day} {time} happens twice in Europe/London (the clocks go back): "
        "calendars show the first, {shown}",
        day=date(2026, 10, 25),
        time="01:30",
        shown="01:30 BST",
    )
    assert say(day, Tongue("cy")).startswith("mae 25 Hydref 2026 01:30 yn digwydd ddwywaith")


# --- 2. bodies and documents by their Welsh names ----------------------------------------------


def test_due_in_welsh_names_bodies_in_welsh(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    args = ["due", "--body", "ceredigion-pcpg", "--file", EXAMPLE, "--on", "2026-11-24"]
    out = run(*args, "--lang", "cy", "--all").stdout
    # the meeting is named for its body, in Welsh, as the English one is (issue 11)
    assert "Cyfarfod y PCPG, 8 Rhagfyr 2026 (PCPG Ceredigion)" in out
    assert "Ceredigion PCPG" not in out
    english = run(*args, "--all").stdout
    assert "PCPG meeting, 8 December 2026 (Ceredigion PCPG)" in english


def national_bodies() -> list[dict[str, str]]:
    import yaml

    data = yaml.safe_load((REPO / "data" / "bodies.yaml").read_text(encoding="utf-8"))
    return [b for section in data.values() if isinstance(section, list) for b in section]


def english_names() -> set[str]:
    """Words of the English names of the national bodies that their Welsh names lack."""
    english: set[str] = set()
    welsh: set[str] = set()
    for body in national_bodies():
        english |= {w.lower() for w in re.findall(r"[A-Za-z]{2,}", body["name"])}
        welsh |= {w.lower() for w in re.findall(r"[A-Za-z]{2,}", body.get("welsh_name") or "")}
    return english - welsh


@pytest.mark.parametrize("body", ["hywel-dda", "cardiff-and-vale", "west-wales-rpb", "cardiff"])
def test_due_for_a_national_body_in_welsh_has_no_english_word(run: Run, body: str) -> None:
    """The done-when of issue 13 for a named body: its name too is Welsh."""
    known = {b["id"] for b in national_bodies()}
    assert body in known
    out = run("due", "--body", body, "--on", "2026-11-24", "--lang", "cy", "--all").stdout
    assert "(en)" not in out
    words = words_of(out)
    assert not words & english_words(), words & english_words()
    assert not words & english_names(), words & english_names()
    assert {"university", "health", "board"} <= english_names()  # the test can fail


def test_a_series_with_no_title_is_named_for_its_body_in_welsh(
    run: Run, write_yaml: WriteYaml, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    local = write_yaml(
        MON
        + """
          - {id: plain-pcpg, kind: pcpg, name: Plain PCPG, parent: gwynedd}
        meetings:
          - {id: mon-meet, body: mon-pcpg, start: 2026-12-08, every_months: 2}
          - {id: plain-meet, body: plain-pcpg, start: 2026-12-09, every_months: 2}
        """
    )
    args = ["due", "--as", "pcpg", "--file", str(local), "--on", "2026-11-24", "--all"]
    out = run(*args, "--lang", "cy").stdout
    assert "Cyfarfod PCPG Môn, 8 Rhagfyr 2026" in out
    assert "Cyfarfod Plain PCPG, 9 Rhagfyr 2026" in out  # no Welsh name: the name as it is
    assert "Meeting of Anglesey PCPG, 8 December 2026" in run(*args).stdout


def test_show_names_documents_and_meeting_notes_in_welsh(run: Run) -> None:
    out = run("show", "cluster-plan-draft-2027-28", "--on", "2026-11-24", "--lang", "cy").stdout
    assert "Fframwaith llywodraethu Datblygu Clystyrau Carlam" in out or "Cwestiynau" in out
    assert "(en)" not in out
    data = json.loads(run("show", "cluster-plan-draft-2027-28", "-f", "json").stdout)
    assert data["source"]["document"].startswith("ACD ")
    assert data["source"]["document_cy"]
    meeting = run(
        "show",
        "ceredigion-pcpg-meetings-2026-12-08",
        "--file",
        EXAMPLE,
        "--on",
        "2026-11-24",
        "--lang",
        "cy",
    ).stdout
    assert meeting.startswith("Cyfarfod y PCPG, 8 Rhagfyr 2026 (PCPG Ceredigion)\n")
    assert "(en)" not in meeting
    assert "Mae'r aelodau'n datgan" in " ".join(meeting.split())


def test_every_national_document_has_welsh_awaiting_review() -> None:
    import yaml

    data = yaml.safe_load((REPO / "data" / "milestones.yaml").read_text(encoding="utf-8"))
    for key, document in data["documents"].items():
        assert document.get("title_cy"), key
        assert document.get("review") in ("needed", "done"), key
    for cadence in data["cadences"]:
        if cadence.get("meeting_note"):
            assert cadence.get("meeting_note_cy"), cadence["id"]


class Ids(HTMLParser):
    """Every id of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, _tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [value for name, value in attrs if name == "id" and value]


@pytest.mark.usefixtures("stamp")
def test_site_in_welsh_names_bodies_and_documents_in_welsh(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run("site", "--out-dir", str(out), "--file", EXAMPLE, "--on", "2026-11-24")
    assert result.exit_code == 0, result.output
    home = (out / "cy" / "index.html").read_text(encoding="utf-8")
    assert "Bwrdd Iechyd Prifysgol Hywel Dda" in home
    assert "Hywel Dda University Health Board" not in home
    assert "PCPG Ceredigion" in home and "Ceredigion PCPG" not in home
    page = (out / "cy" / "body-ceredigion-pcpg.html").read_text(encoding="utf-8")
    assert "<h1>PCPG Ceredigion</h1>" in page
    assert "Fframwaith llywodraethu Datblygu Clystyrau Carlam" in page
    assert "ACD governance framework" not in page
    english = (out / "body-ceredigion-pcpg.html").read_text(encoding="utf-8")
    assert "<h1>Ceredigion PCPG</h1>" in english and "ACD governance framework" in english


def test_timeline_in_welsh_says_waiting_on_in_welsh(run: Run) -> None:
    out = run("timeline", "--as", "cluster", "--on", "2026-11-24", "--lang", "cy").stdout
    assert "yn aros am: cydweithredfa broffesiynol" in out
    assert "waiting on" not in out


# --- 3. the bilingual report ------------------------------------------------------------------


@pytest.fixture
def stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.mark.usefixtures("stamp")
def test_report_both_is_the_welsh_text_then_the_english_text(run: Run, tmp_path: Path) -> None:
    args = ["report", "--health-board", "hywel-dda", "--file", EXAMPLE, "--on", "2026-11-24"]
    paths = {lang: tmp_path / f"{lang}.html" for lang in ("en", "cy", "both")}
    for lang, path in paths.items():
        assert run(*args, "-o", str(path), "--lang", lang).exit_code == 0
    both = paths["both"].read_text(encoding="utf-8")
    assert '<html lang="cy">' in both
    welsh_h1 = (
        "<h1>Bwrdd Iechyd Prifysgol Hywel Dda: cynllunio Datblygu Clystyrau Carlam 2026/27</h1>"
    )
    english_h1 = (
        "<h1>Hywel Dda University Health Board: Accelerated Cluster Development planning "
        "2026/27</h1>"
    )
    assert both.index(welsh_h1) < both.index('<div class="second-language" lang="en">')
    assert both.index('<div class="second-language" lang="en">') < both.index(english_h1)
    # each text whole: every heading of the Welsh report, then every one of the English
    welsh = paths["cy"].read_text(encoding="utf-8")
    english = paths["en"].read_text(encoding="utf-8")
    for text, part in ((welsh, both.split('class="second-language"')[0]), (english, both)):
        for heading in re.findall(r"<h2 [^>]*>([^<]+)</h2>", text):
            assert heading in part, heading
    assert "Cymraeg / English" not in both and "Yn hwyr / Overdue" not in both
    parser = Ids()
    parser.feed(both)
    repeated = [i for i, n in Counter(parser.ids).items() if n > 1]
    assert not repeated, repeated
    assert "en-report-chart-title" in parser.ids and "report-chart-title" in parser.ids
    assert "<title>Bwrdd Iechyd Prifysgol Hywel Dda: adroddiad sicrwydd" in both
    assert " / Hywel Dda University Health Board: board assurance report 2026/27" in both


# --- 5. local items in list and show ----------------------------------------------------------


def test_list_and_show_of_local_files_in_welsh(
    run: Run, write_yaml: WriteYaml, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    local = write_yaml(
        MON
        + """
        deadlines:
          - id: notes
            title: Notes to the chair
            title_cy: Nodiadau i'r cadeirydd
            owners: [mon-pcpg]
            due: 2026-12-02
          - {id: plain, title: Drafts to the lead, owners: [mon-pcpg], due: 2026-12-01}
        meetings:
          - {id: mon-cadence, body: mon-pcpg, start: 2026-12-08, cadence: pcpg-meeting}
          - {id: mon-own, body: mon-pcpg, start: 2026-12-09, every_months: 2}
        """
    )
    listed = run("list", "--file", str(local), "--lang", "cy").stdout
    assert "Nodiadau i'r cadeirydd" in listed
    assert "Drafts to the lead (en)" in listed
    assert "Cyfarfod y PCPG" in listed and "PCPG meeting (en)" not in listed
    assert "Cyfarfodydd" in listed and "Meetings" not in listed
    rows = {
        r["id"]: r
        for r in json.loads(run("list", "--file", str(local), "-f", "json").stdout)["milestones"]
    }
    assert rows["notes"]["title_cy"] == "Nodiadau i'r cadeirydd"
    assert rows["plain"]["title_cy"] is None
    assert rows["mon-cadence"]["title_cy"] == "Cyfarfod y PCPG"
    shown = run("show", "notes", "--file", str(local), "--on", "2026-11-24", "--lang", "cy").stdout
    assert shown.startswith("Nodiadau i'r cadeirydd\n")
    assert "erbyn 2 Rhagfyr 2026" in shown and "December" not in shown
    series = run("show", "mon-own", "--file", str(local), "--on", "2026-11-24", "--lang", "cy")
    text = series.stdout
    assert text.startswith("Cyfarfodydd\n")
    assert "cyfarfodydd" in text  # its type, in Welsh
    assert "Cyfarfod PCPG Môn, 9 Rhagfyr 2026" in text
    assert "gan ddechrau 9 Rhagfyr 2026, bob 2 fis" in " ".join(text.split())
    assert not re.search(r"\b(December|February|Meeting|meetings)\b", text), text


# --- 6. ACD_LANG in acd config ----------------------------------------------------------------


def test_acd_config_refuses_a_wrong_acd_lang(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACD_LANG", "fr")
    result = run("--no-config", "config")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "acd: error: ACD_LANG: unknown language 'fr'; valid: en, cy, both\n"
    monkeypatch.setenv("ACD_LANG", "Cymraeg")
    assert "lang   Cymraeg  (ACD_LANG)" in run("--no-config", "config").stdout
