"""Cymraeg: the catalogue, Welsh dates and mutations, the national Welsh texts, every
command with --lang cy and --lang both, and the feeds read back by real clients."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from gettext import GNUTranslations
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import vobject
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from acd_calendar.dates import parse_when
from acd_calendar.i18n import LOCALE_DIR, Lang, Tongue, Voice, choose_lang
from conftest import REPO, Run, WriteYaml

PO = LOCALE_DIR / "cy" / "LC_MESSAGES" / "acd.po"
MO = PO.with_suffix(".mo")
EXAMPLE = str(REPO / "examples" / "hywel-dda.yaml")
SLUG = re.compile(r"[\w/]+(?:-[\w/]+)+|`[^`]*`")  # ids, occurrence ids and commands


def extracted() -> set[str | tuple[str, str]]:
    """The msgids in the code and the page templates, found as `pybabel extract -F
    babel.cfg -k N_` finds them."""
    found: set[str | tuple[str, str]] = set()
    keywords = {"_": None, "ngettext": (1, 2), "N_": None}
    methods = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    for _, _, message, _, _ in extract_from_dir(str(REPO / "src"), methods, keywords=keywords):
        found.add(message if isinstance(message, str) else (message[0], message[1]))
    return found


def catalogue() -> dict[str | tuple[str, str], object]:
    with PO.open("rb") as handle:
        po = read_po(handle)
    return {
        (m.id if isinstance(m.id, str) else (m.id[0], m.id[1])): m.string
        for m in po
        if m.id and "fuzzy" not in m.flags
    }


def test_every_string_in_the_code_has_a_welsh_entry() -> None:
    entries = catalogue()
    missing = sorted(str(m) for m in extracted() if m not in entries)
    assert not missing, f"no Welsh entry (run pybabel extract/update): {missing}"
    empty = sorted(
        str(k) for k, v in entries.items() if not v or (isinstance(v, tuple) and not all(v))
    )
    assert not empty


def test_the_pot_template_is_current() -> None:
    with (LOCALE_DIR / "acd.pot").open("rb") as handle:
        pot = {m.id if isinstance(m.id, str) else tuple(m.id[:2]) for m in read_po(handle) if m.id}
    assert pot == extracted()


def test_the_shipped_mo_is_the_compiled_po() -> None:
    """The .mo that ships says what the .po says (else: pybabel compile, see babel.cfg)."""
    with MO.open("rb") as handle:
        shipped = GNUTranslations(handle)
    with PO.open("rb") as handle:
        po = read_po(handle)
    compiled = io.BytesIO()
    write_mo(compiled, po)
    compiled.seek(0)
    fresh = GNUTranslations(compiled)
    messages = {k: v for k, v in shipped._catalog.items() if k != ""}  # type: ignore[attr-defined]
    assert messages == {k: v for k, v in fresh._catalog.items() if k != ""}  # type: ignore[attr-defined]
    assert shipped.ngettext("{n} day left", "{n} days left", 2) == "{n} ddiwrnod ar ôl"


def test_placeholders_match_in_every_translation() -> None:
    for msgid, msgstr in catalogue().items():
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strs = msgstr if isinstance(msgstr, tuple) else (msgstr,)
        wanted = set(re.findall(r"{\w+}", ids[-1])) | set(re.findall(r"{\w+}", ids[0]))
        for text in strs:
            assert isinstance(text, str)
            assert set(re.findall(r"{\w+}", text)) <= wanted, (msgid, text)


# --- dates, numbers and mutations -------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "deadline", "welsh"),
    [
        ("2026-11", True, "erbyn diwedd Tachwedd 2026"),
        ("2026-11-30", True, "erbyn 30 Tachwedd 2026"),
        ("2026-12-01", True, "erbyn 1 Rhagfyr 2026"),
        ("2028-02-29", True, "erbyn 29 Chwefror 2028"),
        ("2026-09..2026-11", False, "Medi–Tachwedd 2026"),
        ("2026-11-02..2026-11-27", False, "2–27 Tachwedd 2026"),
        ("2026-12..2027-03", False, "Rhagfyr 2026 – Mawrth 2027"),
        ("2026/27 Q3", True, "erbyn diwedd 2026/27 Ch3"),
        ("2027/28", False, "2027/28"),
    ],
)
def test_welsh_dates_come_from_cldr_and_the_catalogue(
    written: str, deadline: bool, welsh: str
) -> None:
    assert Tongue("cy").when_label(parse_when(written), deadline) == welsh


def test_english_dates_are_unchanged() -> None:
    for written, deadline in (("2026-11", True), ("2026-09..2026-11", False), ("2026/27 Q3", True)):
        when = parse_when(written)
        assert Tongue("en").when_label(when, deadline) == (
            when.deadline_label if deadline else when.label
        )


@pytest.mark.parametrize(
    ("days", "welsh"),
    [
        (0, "heddiw"),
        (1, "1 diwrnod ar ôl"),
        (2, "2 ddiwrnod ar ôl"),  # soft mutation after two, from the catalogue's plural forms
        (3, "3 diwrnod ar ôl"),
        (6, "6 diwrnod ar ôl"),
        (11, "11 diwrnod ar ôl"),
        (-1, "1 diwrnod yn hwyr"),
        (-2, "2 ddiwrnod yn hwyr"),
        (-55, "55 diwrnod yn hwyr"),
    ],
)
def test_welsh_numbers_of_days(days: int, welsh: str) -> None:
    assert Tongue("cy").days_text(days) == welsh


def test_long_dates_and_weekdays() -> None:
    cy = Tongue("cy")
    assert cy.long_date(dt.date(2026, 11, 24)) == "Dydd Mawrth, 24 Tachwedd 2026"
    assert cy.long_date(dt.date(2027, 1, 3)) == "Dydd Sul, 3 Ionawr 2027"
    assert Tongue("en").long_date(dt.date(2026, 11, 24)) == "Tuesday 24 November 2026"


# --- choosing the language ----------------------------------------------------------------


def test_option_then_environment_then_settings_then_english() -> None:
    assert choose_lang(None, {}, None) is Lang.EN
    assert choose_lang(None, {}, "cy") is Lang.CY
    assert choose_lang(None, {"ACD_LANG": "both"}, "cy") is Lang.BOTH
    assert choose_lang("en", {"ACD_LANG": "cy"}, "cy") is Lang.EN
    assert choose_lang("Cymraeg", {}, None) is Lang.CY
    with pytest.raises(ValueError, match="ACD_LANG: unknown language 'fr'"):
        choose_lang(None, {"ACD_LANG": "fr"}, None)


def test_a_wrong_language_is_one_line(run: Run) -> None:
    result = run("due", "--on", "2026-11-24", "--lang", "fr")
    assert result.exit_code == 2
    assert result.stderr == "acd: error: --lang: unknown language 'fr'; valid: en, cy, both\n"


def test_acd_lang_from_the_environment(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACD_LANG", "cy")
    assert (
        "erbyn diwedd Tachwedd 2026" in run("due", "--as", "cluster", "--on", "2026-11-24").stdout
    )


# --- the national Welsh texts -------------------------------------------------------------


def test_every_national_text_has_welsh_awaiting_review() -> None:
    data = yaml.safe_load((REPO / "data" / "milestones.yaml").read_text(encoding="utf-8"))
    for section in ("milestones", "cycles", "cadences"):
        for rule in data[section]:
            assert rule.get("title_cy"), rule["id"]
            assert bool(rule.get("note")) == bool(rule.get("note_cy")), rule["id"]
            assert rule.get("review") in ("needed", "done"), rule["id"]
            if section == "cycles":
                assert "{year" in rule["title_cy"], rule["id"]


def test_check_counts_the_welsh_texts_awaiting_review(run: Run) -> None:
    result = run("check", "data/milestones.yaml", "--on", "2026-11-24")
    assert result.exit_code == 0  # information, not a failure
    match = re.fullmatch(
        r"(\d+) Welsh texts of the national data await review by a Welsh-language officer\n",
        result.stderr,
    )
    assert match and int(match[1]) > 40
    welsh = run("check", "data/milestones.yaml", "--on", "2026-11-24", "--lang", "cy")
    assert welsh.stdout == "1 ffeil wedi'i gwirio: dim problemau\n"
    assert "swyddog iaith Gymraeg" in welsh.stderr


# --- due: the done-when -------------------------------------------------------------------


def english_words() -> set[str]:
    """Words of the English interface (msgids), less those the Welsh also uses."""
    words: set[str] = set()
    welsh: set[str] = set()
    for msgid, msgstr in catalogue().items():
        for text in msgid if isinstance(msgid, tuple) else (msgid,):
            words |= set(re.findall(r"[A-Za-z]{2,}", re.sub(r"{\w+}|`[^`]*`", " ", text)))
        for text in msgstr if isinstance(msgstr, tuple) else (msgstr,):
            assert isinstance(text, str)
            welsh |= set(re.findall(r"[A-Za-z]{2,}", text))
    return {w.lower() for w in words} - {w.lower() for w in welsh}


def test_due_in_welsh_has_no_english_word_of_the_interface(run: Run) -> None:
    out = run("due", "--as", "cluster", "--on", "2026-11-24", "--lang", "cy").stdout
    assert out.startswith(
        "Cynllunio Datblygu Clystyrau Carlam: Clwstwr. Dyddiad: Dydd Mawrth, 24 Tachwedd 2026\n"
    )
    assert "erbyn diwedd Tachwedd 2026" in out
    assert "(en)" not in out  # a Welsh title for every national item
    words = {w.lower() for w in re.findall(r"[A-Za-z]{2,}", SLUG.sub(" ", out))}
    assert not words & english_words(), words & english_words()
    assert "plan" in english_words() or "late" in english_words()  # the test can fail


@pytest.mark.parametrize("as_", ["pc", "cluster", "pcpg", "health-board", "rpb", "wg"])
def test_every_national_item_in_welsh(run: Run, as_: str) -> None:
    out = run("due", "--as", as_, "--on", "2026-11-24", "--all", "--lang", "cy").stdout
    assert "(en)" not in out
    words = {w.lower() for w in re.findall(r"[A-Za-z]{2,}", SLUG.sub(" ", out))}
    assert not words & english_words()


def test_both_puts_welsh_first(run: Run) -> None:
    out = run("due", "--as", "cluster", "--on", "2026-11-24", "--lang", "both").stdout
    lines = out.splitlines()
    assert lines[0].startswith("Cynllunio Datblygu Clystyrau Carlam")
    assert lines[1] == "ACD planning: Cluster, as of Tuesday 24 November 2026"
    assert "Yn ddyledus / Due (2)" in out


def test_json_and_csv_keep_english_interfaces_and_add_title_cy(run: Run) -> None:
    english = json.loads(run("due", "--as", "cluster", "--on", "2026-11-24", "-f", "json").stdout)
    welsh = json.loads(
        run("due", "--as", "cluster", "--on", "2026-11-24", "-f", "json", "--lang", "cy").stdout
    )
    assert english == welsh
    item = english["items"][1]
    assert list(item)[:3] == ["id", "title", "title_cy"]
    assert item["status"] == "due"
    assert (
        item["title_cy"]
        == "Ymateb y clwstwr i anghenion a bylchau mewn gwasanaethau ar gyfer 2027/28"
    )
    out = run("due", "--as", "cluster", "--on", "2026-11-24", "-f", "csv", "--lang", "cy").stdout
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows[0]["status"] == "waiting"
    assert rows[0]["title_cy"].startswith("Y cydweithredfeydd proffesiynol")
    assert out.removeprefix("\ufeff").splitlines()[0].endswith(",dropped_reason,title_cy")


def test_a_local_item_without_welsh_is_marked_en(
    run: Run, write_yaml: WriteYaml, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    local = write_yaml(
        """
        version: 1
        bodies:
          - {id: mon-pcpg, kind: pcpg, name: Grŵp Môn, welsh_name: Grŵp Môn, parent: anglesey}
        deadlines:
          - {id: plain, title: Drafts to the lead, owners: [mon-pcpg], due: 2026-12-01}
          - id: welsh
            title: Notes to the chair
            title_cy: Nodiadau i'r cadeirydd
            owners: [mon-pcpg]
            due: 2026-12-02
        """
    )
    args = ["due", "--body", "mon-pcpg", "--file", str(local), "--on", "2026-11-24"]
    out = run(*args, "--lang", "cy").stdout
    assert "Drafts to the lead (en)" in out
    assert "Nodiadau i'r cadeirydd" in out and "Notes to the chair" not in out
    both = run(*args, "--lang", "both").stdout
    assert "Drafts to the lead" in both and "Drafts to the lead (en)" not in both
    assert "Nodiadau i'r cadeirydd / Notes to the chair" in both
    data = json.loads(run(*args, "-f", "json").stdout)
    by_id = {i["id"]: i for i in data["items"]}
    assert by_id["plain"]["title_cy"] is None
    assert by_id["welsh"]["title_cy"] == "Nodiadau i'r cadeirydd"


# --- the other commands -------------------------------------------------------------------


def test_list_and_show_in_welsh(run: Run) -> None:
    out = run("list", "--as", "cluster", "--lang", "cy").stdout
    assert "Carreg filltir" in out and "bob blwyddyn o 2024/25 ymlaen" in out
    assert "Cyfarfod y PCPG" in out and "bob 2 fis" in out
    shown = run("show", "cluster-plan-draft-2027-28", "--on", "2026-11-24", "--lang", "cy").stdout
    assert shown.startswith("Cynllun clwstwr drafft ar gyfer 2027/28\n")
    assert "erbyn diwedd Tachwedd 2026" in shown
    assert "yn ddyledus (6 diwrnod ar ôl ar 2026-11-24)" in shown
    rows = json.loads(run("list", "-f", "json").stdout)["milestones"]
    assert all(r["title_cy"] for r in rows)


def test_timeline_in_welsh(run: Run, tmp_path: Path) -> None:
    out = run("timeline", "--as", "cluster", "--on", "2026-11-24", "--lang", "cy").stdout
    assert out.startswith("Cynllunio Datblygu Clystyrau Carlam: Clwstwr, 2026/27. Dyddiad:")
    assert "Ebr" in out and "Apr" not in out
    page = tmp_path / "chart.html"
    run("timeline", "--on", "2026-11-24", "--lang", "cy", "--html", str(page))
    assert '<html lang="cy">' in page.read_text(encoding="utf-8")


def test_meetings_and_their_tasks_in_welsh(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    args = ["due", "--body", "ceredigion-pcpg", "--file", EXAMPLE, "--on", "2026-11-24"]
    out = run(*args, "--lang", "cy", "--all").stdout
    assert "Eitemau agenda ar gyfer Cyfarfod y PCPG ar 8 Rhagfyr 2026" in out


# --- ics ----------------------------------------------------------------------------------


@pytest.fixture
def stamp(monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.mark.usefixtures("stamp")
@pytest.mark.parametrize("lang", ["cy", "both"])
def test_ics_in_welsh_passes_the_client_checks(run: Run, lang: str) -> None:
    args = ["ics", "--body", "ceredigion-pcpg", "--file", EXAMPLE, "--on", "2026-11-24"]
    result = run(*args, "--lang", lang)
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")
    calendar = vobject.readOne(data.decode("utf-8"))
    events = {e.uid.value: e for e in calendar.vevent_list}
    english = vobject.readOne(run(*args).stdout)
    assert set(events) == {e.uid.value for e in english.vevent_list}  # same UIDs
    parsed = icalendar.Calendar.from_ical(data)
    name = str(parsed["X-WR-CALNAME"])
    december = recurring_ical_events.of(parsed).between(dt.date(2026, 12, 1), dt.date(2027, 1, 1))
    summaries = {str(e["SUMMARY"]) for e in december}
    draft = events["cluster-plan-draft-2027-28.ceredigion-pcpg@acd-calendar"]
    if lang == "cy":
        assert name == "Cynllunio Datblygu Clystyrau Carlam: PCPG Ceredigion"
        assert "Cyfarfod y PCPG, 8 Rhagfyr 2026 (PCPG Ceredigion)" in summaries
        assert draft.summary.value == "Cynllun clwstwr drafft ar gyfer 2027/28"
        assert "Pryd: erbyn diwedd Tachwedd 2026" in draft.description.value
    else:
        assert name.endswith(" / ACD planning: Ceredigion PCPG")
        assert (
            "Cyfarfod y PCPG, 8 Rhagfyr 2026 (PCPG Ceredigion) / "
            "PCPG meeting, 8 December 2026 (Ceredigion PCPG)" in summaries
        )
        assert draft.summary.value == (
            "Cynllun clwstwr drafft ar gyfer 2027/28 / Draft cluster plan for 2027/28"
        )
        text = draft.description.value
        assert text.index("Pryd: erbyn diwedd") < text.index("When: by end of November 2026")
    assert draft.valarm.description.value == draft.summary.value


# --- start-up -----------------------------------------------------------------------------


def test_english_loads_neither_babel_nor_the_catalogue() -> None:
    code = (
        "import sys; from acd_calendar.entry import main; sys.argv = ['acd', 'due', '--on', "
        "'2026-11-24']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "from acd_calendar.i18n import _catalogue\n"
        "print('babel' in sys.modules, _catalogue.cache_info().currsize > 0, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stderr.strip().splitlines()[-1] == "False False"


def test_voice_both_joins_welsh_first() -> None:
    voice = Voice(Lang.BOTH)
    assert voice._("Overdue") == "Yn hwyr / Overdue"
    assert voice._("PCPG") == "PCPG"  # the same in both: once


def test_cldr_names_match_babel_and_are_cached(tmp_path: Path) -> None:
    from babel.dates import format_date

    from acd_calendar.i18n import _cldr_from_babel, cldr, format_day

    names = cldr("cy")
    assert names == _cldr_from_babel("cy")
    day = dt.date(2024, 2, 29)
    for _ in range(366):
        assert format_day(day, names["patterns"][1], names) == format_date(day, "full", locale="cy")
        assert format_day(day, "LLLL y", names) == format_date(day, "LLLL y", locale="cy")
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("lang", ["cy", "both"])
def test_init_in_welsh_passes_check(
    run: Run, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    target = tmp_path / "hywel-dda.yaml"
    args = ["--health-board", "hywel-dda", "--on", "2026-11-24", "--lang", lang]
    assert run("init", *args, "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "# Ffeil gynllunio leol Datblygu Clystyrau Carlam ar gyfer Bwrdd Iechyd" in text
    assert "#   pembrokeshire        Sir Benfro (Pembrokeshire)" in text
    assert ("# Local ACD planning file" in text) == (lang == "both")
    assert text.index("# Dyddiadau:") < text.index("version: 1")
    checked = run("check", str(target), "--on", "2026-11-24")
    assert checked.exit_code == 0, checked.output
    due = run(
        "due",
        "--file",
        str(target),
        "--body",
        "ceredigion-example-cluster",
        "--on",
        "2026-11-24",
        "--lang",
        "cy",
        "--all",
    )
    assert "Cynlluniau clwstwr drafft i arweinydd y PCPG" in due.stdout
    assert "Clwstwr Enghreifftiol (newidiwch yr enw) (clwstwr)" in due.stdout


@pytest.mark.usefixtures("stamp")
def test_ics_folder_in_welsh_with_a_welsh_index(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    args = ["ics", "--out-dir", str(folder), "--file", EXAMPLE, "--on", "2026-11-24"]
    assert run(*args, "--lang", "cy").exit_code == 0
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert '<html lang="cy">' in page and 'lang="en-GB"' not in page
    assert "<title>Calendrau cynllunio Datblygu Clystyrau Carlam</title>" in page
    assert "PCPG, yn rhan o ceredigion" in page  # a kind as a word, the parent's id
    for ics in folder.glob("*.ics"):
        calendar = vobject.readOne(ics.read_text(encoding="utf-8"))
        assert str(calendar.contents["x-wr-calname"][0].value).startswith(
            "Cynllunio Datblygu Clystyrau Carlam: "
        )
    assert run(*args, "--lang", "both").exit_code == 0
    both = (folder / "index.html").read_text(encoding="utf-8")
    assert both.index('<span lang="cy">Tanysgrifio yn Outlook</span>') < both.index(
        '<span lang="en-GB">Subscribe in Outlook</span>'
    )


def test_no_mutating_word_before_a_placeholder_for_words() -> None:
    """A kind or title put after "am", "i", "o", "at", "gan" would need its mutation:
    the catalogue puts such values after a colon instead (ids and dates need none)."""
    worded = ("{ids}", "{kind}", "{name}", "{names}", "{title}", "{series}", "{basis}", "{board}")
    for msgstr in catalogue().values():
        for text in msgstr if isinstance(msgstr, tuple) else (msgstr,):
            assert isinstance(text, str)
            for placeholder in worded:
                assert not re.search(
                    rf"\b(am|i|o|at|gan|dan|heb|ar|wrth|drwy|hyd) {placeholder}", text
                ), text


# --- site, report and chart ---------------------------------------------------------------


def english_sentences() -> set[str]:
    """The template texts of several words with no placeholder, in English."""
    found: set[str] = set()
    for _, _, message, _, _ in extract_from_dir(
        str(REPO / "src" / "acd_calendar" / "templates"),
        [("**.html", "jinja2")],
        keywords={"_": None, "ngettext": (1, 2)},
    ):
        text = message if isinstance(message, str) else message[0]
        if " " in text and "{" not in text:
            found.add(text)
    return found  # source documents too have Welsh titles: "ACD planning" is not left


@pytest.mark.usefixtures("stamp")
def test_site_builds_both_languages_with_switch_and_hreflang(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run("site", "--out-dir", str(out), "--file", EXAMPLE, "--on", "2026-11-24")
    assert result.exit_code == 0, result.output
    english = sorted(p.name for p in out.glob("*.html"))
    assert english == sorted(p.name for p in (out / "cy").glob("*.html"))
    assert "wrote 40 pages" in result.stderr
    sentences = english_sentences()
    for name in english:
        en = (out / name).read_text(encoding="utf-8")
        cy = (out / "cy" / name).read_text(encoding="utf-8")
        assert '<html lang="en-GB">' in en and '<html lang="cy">' in cy
        assert f'<link rel="alternate" hreflang="cy" href="cy/{name}">' in en
        assert f'<link rel="alternate" hreflang="en-GB" href="../{name}">' in cy
        assert f'<a href="cy/{name}" hreflang="cy" lang="cy">Cymraeg</a>' in en
        assert f'<a href="../{name}" hreflang="en" lang="en">English</a>' in cy
        assert '<link rel="stylesheet" href="../site.css">' in cy
        left = [s for s in sentences if s in cy]
        assert not left, (name, left)
    page = (out / "cy" / "body-north-ceredigion.html").read_text(encoding="utf-8")
    assert "Siart o&#39;r flwyddyn gynllunio" in page and "diwrnod" in page
    assert "Tanysgrifio i galendr" not in page  # no --base-url: no subscribe link
    # the Welsh calendars and charts beside the Welsh pages
    feed = icalendar.Calendar.from_ical((out / "cy" / "kind-cluster.ics").read_bytes())
    assert str(feed["X-WR-CALNAME"]) == "Cynllunio Datblygu Clystyrau Carlam: Clwstwr"
    chart = (out / "cy" / "kind-cluster.svg").read_text(encoding="utf-8")
    assert "Siart Gantt o" in chart and ">Allwedd<" in chart and "Gantt chart" not in chart
    # the JSON is an interface: the same in both folders
    assert (out / "cy" / "kind-cluster.json").read_bytes() == (
        out / "kind-cluster.json"
    ).read_bytes()


@pytest.mark.usefixtures("stamp")
@pytest.mark.parametrize("lang", ["cy", "both"])
def test_report_in_welsh(run: Run, tmp_path: Path, lang: str) -> None:
    out = tmp_path / "adroddiad.html"
    args = ["report", "--health-board", "hywel-dda", "--file", EXAMPLE, "--on", "2026-11-24"]
    result = run(*args, "-o", str(out), "--lang", lang)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert '<html lang="cy">' in text
    assert "Adroddiad sicrwydd i&#39;r bwrdd" in text
    assert ("Board assurance report" in text) is (lang == "both")
    if lang == "cy":
        left = [s for s in english_sentences() if s in text]
        assert not left, left


def test_lang_comes_from_the_command_line_then_acd_lang_then_acd_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    (tmp_path / "acd.toml").write_text('lang = "cy"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ("due", "--as", "cluster", "--on", "2026-11-24")
    english = "ACD planning: Cluster, as of Tuesday 24 November 2026\n"
    welsh = "Cynllunio Datblygu Clystyrau Carlam: Clwstwr. Dyddiad: Dydd Mawrth, 24 Tachwedd"
    assert run(*args).stdout.startswith(welsh)  # acd.toml
    assert run("--no-config", *args).stdout.startswith(english)
    monkeypatch.setenv("ACD_LANG", "en")
    assert run(*args).stdout.startswith(english)  # ACD_LANG over acd.toml
    both = run(*args, "--lang", "both").stdout  # --lang over both
    assert both.startswith(welsh)
    assert "ACD planning: Cluster, as of Tuesday 24 November 2026" in both
    monkeypatch.delenv("ACD_LANG")
    (tmp_path / "acd.toml").write_text('lang = "fr"\n', encoding="utf-8")
    bad = run(*args)
    assert bad.exit_code == 2
    assert bad.stderr.startswith("acd: error: acd.toml:1:1: lang: 'fr' is not a language")


def test_acd_config_names_acd_lang_as_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    (tmp_path / "acd.toml").write_text('lang = "both"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "lang   both  (acd.toml:1)" in run("config").stdout
    monkeypatch.setenv("ACD_LANG", "cy")
    assert "lang   cy  (ACD_LANG)" in run("config").stdout


def test_list_with_local_files_in_welsh(run: Run) -> None:
    result = run("list", "--file", EXAMPLE, "--lang", "cy")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "gan ddechrau 6 Mai 2026, yn ôl ei rheol ei hun (RRULE)" in text
    assert "gan ddechrau 25 Mehefin 2026, bob 2 fis" in text
    assert "by its own rule" not in text
    assert "every 2 months" not in text
