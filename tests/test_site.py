"""``acd site``: pages, feeds, JSON and the matrix, read back with real parsers."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from icalendar import Calendar

from acd_calendar.pages import environment
from conftest import REPO, Run, WriteYaml

EXAMPLE = str(REPO / "examples" / "hywel-dda.yaml")
BASE = "https://example.github.io/planning/"


def build(run: Run, out: Path, *args: str, on: str = "2026-11-24") -> None:
    result = run("site", "--out-dir", str(out), "--on", on, *args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's site, built once for the tests that only read it."""
    from typer.testing import CliRunner

    from acd_calendar.cli import app

    out = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
        args = ["site", "--out-dir", str(out), "--on", "2026-11-24", "--file", EXAMPLE]
        result = CliRunner().invoke(app, [*args, "--base-url", BASE], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def site(built: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return built


class Page(HTMLParser):
    """Links, resources, headings, table cells and text of one page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append((tag, values))
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag in ("link", "script", "img", "iframe", "object", "embed", "source"):
            self.resources.append(values.get("href") or values.get("src") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)


def page(site: Path, name: str) -> Page:
    return Page((site / name).read_text(encoding="utf-8"))


def test_pages_for_every_kind_and_body(site: Path) -> None:
    names = {p.name for p in site.iterdir()}
    assert {"index.html", "matrix.html", "site.css"} <= names
    for stem in ["kind-cluster", "kind-pcpg", "body-north-ceredigion", "body-hywel-dda"]:
        assert {f"{stem}.html", f"{stem}.ics", f"{stem}.json", f"{stem}.svg"} <= names
    assert not [n for n in names if n.startswith(".")]


def test_every_page_has_one_h1_a_skip_link_and_the_as_of_date(site: Path) -> None:
    for path in site.glob("*.html"):
        parsed = Page(path.read_text(encoding="utf-8"))
        assert parsed.count("h1") == 1, path.name
        assert parsed.count("main") == 1, path.name
        assert parsed.links[0] == "#main", path.name
        assert "Last updated: statuses as of 24 November 2026." in "".join(parsed.text)
        assert ("html", {"lang": "en-GB"}) in parsed.tags


def test_nothing_from_another_host(site: Path) -> None:
    for path in [*site.glob("*.html"), *site.glob("cy/*.html")]:
        parsed = Page(path.read_text(encoding="utf-8"))
        css = "site.css" if path.parent == site else "../site.css"
        name = path.name if path.parent == site else f"../{path.name}"
        welsh = f"cy/{path.name}" if path.parent == site else path.name
        # the stylesheet, then the hreflang alternates of the English and Welsh twins
        assert parsed.resources == [css, name, welsh], path.name
        assert parsed.count("script") == 0
    css = (site / "site.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css and len(css) < 12_000


def test_every_relative_link_resolves(site: Path) -> None:
    for path in [*site.glob("*.html"), *site.glob("cy/*.html")]:
        for link in Page(path.read_text(encoding="utf-8")).links:
            if link.startswith(("#", "https://", "http://", "webcal://")):
                continue
            assert (path.parent / link).is_file(), f"{path} links to {link}"


def test_subscribe_links_come_from_the_base_url(site: Path) -> None:
    links = page(site, "body-north-ceredigion.html").links
    assert "webcal://example.github.io/planning/body-north-ceredigion.ics" in links
    assert "body-north-ceredigion.ics" in links
    text = (site / "body-north-ceredigion.html").read_text(encoding="utf-8")
    assert "https://example.github.io/planning/body-north-ceredigion.ics" in text
    assert "Subscribe to the North Ceredigion calendar" in text


def test_without_a_base_url_there_is_no_subscribe_link(run: Run, tmp_path: Path) -> None:
    build(run, tmp_path, "--file", EXAMPLE)
    links = page(tmp_path, "kind-cluster.html").links
    assert not [link for link in links if link.startswith("webcal:")]
    assert "kind-cluster.ics" in links


def test_feeds_are_those_of_acd_ics_out_dir(site: Path, run: Run, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    result = run("ics", "--out-dir", str(feeds), "--file", EXAMPLE, "--on", "2026-11-24")
    assert result.exit_code == 0
    for ics in feeds.glob("*.ics"):
        assert (site / ics.name).read_bytes() == ics.read_bytes(), ics.name
        Calendar.from_ical(ics.read_bytes())


def test_json_is_acd_due_json(site: Path, run: Run) -> None:
    """With the site's one look-back: the planning year from 1 April (the pages say so)."""
    since = ["--on", "2026-11-24", "--since", "2026-04-01", "-f", "json"]
    for body in ["north-ceredigion", "ceredigion-pcpg", "hywel-dda"]:
        result = run("due", "--file", EXAMPLE, "--body", body, *since)
        assert (site / f"body-{body}.json").read_text(encoding="utf-8") == result.stdout
    for kind in ["cluster", "welsh-government"]:
        result = run("due", "--file", EXAMPLE, "--as", kind, *since)
        assert (site / f"kind-{kind}.json").read_text(encoding="utf-8") == result.stdout
    assert json.loads((site / "body-llanelli.json").read_text(encoding="utf-8"))["items"]


def test_names_not_ids(site: Path) -> None:
    text = "".join(page(site, "body-north-ceredigion.html").text)
    assert "Ceredigion PCPG" in text and "Professional collaborative" in text
    assert "ceredigion-pcpg" not in text and "assumed-annual" not in text
    assert "Assumed: yearly cycle" in text


def test_rebuilds_are_byte_identical(site: Path, run: Run, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build(run, again, "--file", EXAMPLE, "--base-url", BASE)
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for name in files:
        assert (again / name).read_bytes() == (site / name).read_bytes(), name


def matrix_cells(site: Path) -> dict[tuple[str, str], str]:
    """(row label, column title) -> cell text, from the matrix page's table."""

    class Table(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.cell: list[str] | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 (HTMLParser's signature)
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th"):
                self.cell = []

        def handle_endtag(self, tag: str) -> None:
            if tag in ("td", "th") and self.cell is not None:
                self.rows[-1].append(" ".join("".join(self.cell).split()))
                self.cell = None

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell.append(data)

    table = Table()
    text = (site / "matrix.html").read_text(encoding="utf-8")
    table.feed(text[: text.index("</table>")])  # the screen table; the print ones repeat it
    header, *rows = table.rows
    return {(row[0], title): cell for row in rows for title, cell in zip(header, row, strict=True)}


def test_matrix_cells_say_status_in_words_with_completion_dates(site: Path) -> None:
    cells = matrix_cells(site)
    column = "Draft cluster plans 2027/28 to the PCPG planning lead by 16 November 2026"
    assert cells[("South Ceredigion Cluster", column)] == "✓ Done 12 Nov 2026"
    assert cells[("North Ceredigion Cluster", column)] == "✗ Overdue"
    assert cells[("Ceredigion PCPG Pan cluster planning group", column)] == "◐ Waiting (involved)"
    assert cells[("Hywel Dda University Health Board Health board", column)] == "–Not applicable"
    rows = {row for row, _ in cells}
    assert "North Ceredigion GMS collaborative Professional collaborative" in rows


@pytest.mark.parametrize(
    ("on", "expected"),
    [("2026-11-15", "◆ Due"), ("2026-11-16", "◆ Due"), ("2026-11-17", "✗ Overdue")],
)
def test_matrix_deadline_boundary(run: Run, tmp_path: Path, on: str, expected: str) -> None:
    build(run, tmp_path, "--file", EXAMPLE, on=on)
    column = "Draft cluster plans 2027/28 to the PCPG planning lead by 16 November 2026"
    assert matrix_cells(tmp_path)[("Llanelli Cluster", column)] == expected


def test_matrix_columns_are_the_planning_year_of_the_as_of_date(run: Run, tmp_path: Path) -> None:
    build(run, tmp_path, "--file", EXAMPLE, on="2027-03-31")
    late = {column for _, column in matrix_cells(tmp_path)}
    assert any("2027/28" in c for c in late) and not any("2028/29" in c for c in late)
    build(run, tmp_path, "--file", EXAMPLE, on="2027-04-01")
    early = {column for _, column in matrix_cells(tmp_path)}
    assert any("2028/29" in c for c in early)


def test_all_of_wales_without_local_files(run: Run, tmp_path: Path) -> None:
    build(run, tmp_path)
    text = "".join(page(tmp_path, "index.html").text)
    assert "All of Wales" in text
    assert {row for row, _ in matrix_cells(tmp_path)} >= {"Cluster"}  # said once
    assert not list(tmp_path.glob("body-*"))


def test_text_from_files_is_escaped(run: Run, tmp_path: Path, write_yaml: WriteYaml) -> None:
    hostile = '<script>alert(1)</script> & "x"'
    local = write_yaml(
        f"""
        version: 1
        health_board: hywel-dda
        bodies:
          - {{id: p, kind: pcpg, name: '{hostile}', parent: ceredigion}}
        deadlines:
          - {{id: a, title: '<img src=x onerror=alert(1)>', owners: [p], due: 2026-12-01}}
        """,
        "local.yaml",
    )
    out = tmp_path / "site"
    build(run, out, "--file", str(local))
    for path in out.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text and "<img" not in text, path.name
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;" in (
        out / "body-p.html"
    ).read_text(encoding="utf-8")
    svg = (out / "body-p.svg").read_text(encoding="utf-8")
    assert "<img" not in svg and "&lt;img src=x" in svg


def test_previous_folder_keeps_sequence_on_a_clean_build(
    run: Run, tmp_path: Path, write_yaml: WriteYaml, monkeypatch: pytest.MonkeyPatch
) -> None:
    local = """
        version: 1
        bodies:
          - {id: p, kind: pcpg, name: P, parent: ceredigion}
        deadlines:
          - {id: a, title: A, owners: [p], due: 2026-12-01}
    """
    path = write_yaml(local, "local.yaml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    published = tmp_path / "published"
    build(run, published, "--file", str(path))
    write_yaml(local.replace("2026-12-01", "2026-12-02"), "local.yaml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")

    def sequence(folder: Path) -> int:
        calendar = Calendar.from_ical((folder / "body-p.ics").read_bytes())
        event = next(e for e in calendar.walk("VEVENT") if e["UID"] == "a.p@acd-calendar")
        return int(str(event["SEQUENCE"]))

    clean = tmp_path / "clean"
    build(run, clean, "--file", str(path), "--previous", str(published))
    assert sequence(clean) == 1
    forgetful = tmp_path / "forgetful"
    build(run, forgetful, "--file", str(path))
    assert sequence(forgetful) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base-url", "example.org/planning"], "--base-url: 'example.org/planning' is not"),
        (["--base-url", "javascript:alert(1)"], "is not a web address"),
        (["--base-url", "https://x.org/a b"], "is not a web address"),
        (["--previous", "/nonexistent/folder"], "--previous: /nonexistent/folder is not a folder"),
    ],
)
def test_site_usage_errors(run: Run, tmp_path: Path, args: list[str], message: str) -> None:
    result = run("site", "--out-dir", str(tmp_path / "out"), *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists()  # checked before anything is created


@pytest.mark.parametrize("command", ["site", "ics"])
def test_an_out_dir_that_is_a_file_is_said_to_be_one(
    run: Run, tmp_path: Path, command: str
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("mine", encoding="utf-8")
    result = run(command, "--out-dir", str(afile), "--on", "2026-11-24")
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.stderr and len(result.stderr.splitlines()) == 1
    assert afile.read_text(encoding="utf-8") == "mine"


def overdue_counts(site: Path) -> dict[str, str]:
    """Home's overdue column by row (the first number in the cell)."""
    text = (site / "index.html").read_text(encoding="utf-8")
    rows = re.findall(
        r'<th scope="row"[^>]*><a href="([^"]+)">.*?</th>\s*<td class="numeric">(\d+)', text
    )
    return dict(rows)


def test_home_and_matrix_count_overdue_alike(site: Path) -> None:
    """Finding: Ceredigion PCPG showed 0 overdue at home and 2 in the matrix. One look-back
    (the planning year, or 90 days when that reaches further) now serves every page."""
    cells = matrix_cells(site)
    for row, href in [
        ("Ceredigion PCPG Pan cluster planning group", "body-ceredigion-pcpg.html"),
        ("Pembrokeshire PCPG Pan cluster planning group", "body-pembrokeshire-pcpg.html"),
    ]:
        in_matrix = sum(1 for (r, _), cell in cells.items() if r == row and "Overdue" in cell)
        assert in_matrix == 2
        assert overdue_counts(site)[href] == str(in_matrix)
    body = "".join(page(site, "body-ceredigion-pcpg.html").text)
    now = body.split("Now: overdue")[1].split("Calendar for Outlook")[0]
    assert now.count("Overdue") >= 2 and "from 1 April 2026 on" in now
    assert "from 1 April 2026 on" in "".join(page(site, "matrix.html").text)


@pytest.mark.parametrize(
    ("on", "since"), [("2026-06-28", "30 March 2026"), ("2026-06-30", "1 April 2026")]
)
def test_the_look_back_is_the_planning_year_or_90_days(
    run: Run, tmp_path: Path, on: str, since: str
) -> None:
    build(run, tmp_path, "--file", EXAMPLE, on=on)
    assert f"from {since} on" in "".join(page(tmp_path, "index.html").text)


def test_statuses_on_assumed_dates_are_marked_in_words(site: Path) -> None:
    cells = matrix_cells(site)
    review = next(c for _, c in cells if c.startswith("PCPG annual review"))
    assert "(assumed date)" in review  # the column header
    assert cells[("Ceredigion PCPG Pan cluster planning group", review)] == (
        "✗ Overdue (assumed date)"
    )
    draft = "Draft cluster plans 2027/28 to the PCPG planning lead by 16 November 2026"
    assert cells[("North Ceredigion Cluster", draft)] == "✗ Overdue"  # a local date
    home = "".join(page(site, "index.html").text)
    assert "2 (2 on assumed dates)" in " ".join(home.split())
    footer = (site / "index.html").read_text(encoding="utf-8").split("<footer")[1]
    assert "assumed date" in footer


def test_body_pages_say_who_is_waited_on_and_how_many_are_done(site: Path) -> None:
    text = " ".join("".join(page(site, "body-ceredigion-pcpg.html").text).split())
    # by name, not id (which bodies is issue 8's chain rule; here only that they are named)
    assert re.search(r"Waiting on [^;]*North Ceredigion", text)
    # only its own clusters (issue 8 review, 4): never another county's
    assert not re.search(r"Waiting on [^;]*Pembrokeshire", text)
    assert "Done by 1 of " in text  # South Ceredigion sent its draft
    board = " ".join("".join(page(site, "body-hywel-dda.html").text).split())
    assert re.search(r"Done by \d of \d+; overdue: [A-Z][a-z]+", board)
    assert "pembrokeshire-pcpg" not in board.replace("body-pembrokeshire-pcpg", "")


def test_days_only_where_they_mean_something(site: Path) -> None:
    text = (site / "body-south-ceredigion.html").read_text(encoding="utf-8")
    year = text.split('id="year-table"')[1].split("</table>")[0]
    for row in year.split("<tr>")[2:]:
        days = re.findall(r'<td class="numeric">(.*?)</td>', row)[0]
        if "tag-done" in row:
            assert "late" not in days and "left" not in days
        if "tag-past" in row:
            assert days == ""
    assert "done 12 Nov 2026" in year


def test_all_of_wales_says_each_label_once_and_reads_well(run: Run, tmp_path: Path) -> None:
    build(run, tmp_path)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<span class="kind">Professional collaborative</span>' not in index
    welsh = " ".join("".join(page(tmp_path, "kind-welsh-government.html").text).split())
    assert "Every welsh government" not in welsh and "for the Welsh Government" in welsh
    assert "planning files" not in welsh
    pcpg = " ".join("".join(page(tmp_path, "kind-pcpg.html").text).split())
    assert "for every pan cluster planning group." in pcpg


def test_without_a_base_url_readers_get_no_builder_instructions(run: Run, tmp_path: Path) -> None:
    build(run, tmp_path, "--file", EXAMPLE)
    text = " ".join("".join(page(tmp_path, "body-llanelli.html").text).split())
    assert "--base-url" not in text and "address above" not in text
    assert "Download the Llanelli calendar" in text and "ask your planning team" in text


def test_an_empty_planning_year_says_so(run: Run, tmp_path: Path) -> None:
    build(run, tmp_path, on="2020-06-01")
    text = " ".join("".join(page(tmp_path, "matrix.html").text).split())
    assert "No milestones or deadlines of the planning year apply" in text
    assert "Key:" not in text


def test_a_rebuild_removes_what_it_no_longer_writes_and_nothing_else(
    run: Run, tmp_path: Path, write_yaml: WriteYaml
) -> None:
    two = """
        version: 1
        health_board: hywel-dda
        bodies:
          - {id: p, kind: pcpg, name: P, parent: ceredigion}
          - {id: gone, kind: cluster, name: Gone, parent: p}
        """
    path = write_yaml(two)
    build(run, tmp_path, "--file", str(path))
    assert (tmp_path / "body-gone.html").is_file() and (tmp_path / "body-gone.ics").is_file()
    (tmp_path / "mine.txt").write_text("not the site's", encoding="utf-8")
    (tmp_path / "body-unrelated.html").write_text("hand-made", encoding="utf-8")
    path.write_text(two.replace("- {id: gone, kind: cluster, name: Gone, parent: p}", ""))
    result = run("site", "--out-dir", str(tmp_path), "--on", "2026-11-24", "--file", str(path))
    assert result.exit_code == 0, result.output
    assert not list(tmp_path.glob("body-gone.*")) and not list(tmp_path.glob("cy/body-gone.*"))
    # the English files and their Welsh twins in cy/
    assert "removed 8 files an earlier build wrote: body-gone.html" in result.stderr
    assert "cy/body-gone.svg" in result.stderr
    assert (tmp_path / "mine.txt").is_file() and (tmp_path / "body-unrelated.html").is_file()
    assert (tmp_path / "body-p.html").is_file()
    manifest = (tmp_path / "acd-site-files.txt").read_text(encoding="utf-8").split()
    assert "body-p.ics" in manifest and "mine.txt" not in manifest


def test_a_manifest_cannot_reach_outside_the_folder(run: Run, tmp_path: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "acd-site-files.txt").write_text(f"../precious.txt\n{outside}\n..\n")
    build(run, site)
    assert outside.read_text(encoding="utf-8") == "keep"


def test_text_reaches_pages_cleaned() -> None:
    from acd_calendar.pages import environment

    page = environment().from_string("<p>{{ x }}</p>").render(x="a\u202eb\u2066c\x1bd")
    assert page == "<p>a\ufffdb\ufffdc\ufffdd</p>"


def test_an_unknown_status_still_has_words() -> None:
    macros = environment().get_template("macros.html").module
    assert "Frozen" in str(macros.tag("frozen"))  # type: ignore[attr-defined]
    assert "tag-other" in str(macros.tag("frozen"))  # type: ignore[attr-defined]
    assert "Waiting" in str(macros.tag("waiting"))  # type: ignore[attr-defined]
