"""The site and the report in a real browser: headless Chromium with axe-core.

Needs Debian's chromium (``apt-get install chromium``), the Python package playwright
(the test extra; it drives that chromium and never downloads a browser) and axe-core
(``npm ci`` in tests/browser). Each test skips with the reason when one is missing;
``.ci/run`` installs all three.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from acd_calendar.cli import app
from conftest import REPO

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

EXAMPLE = str(REPO / "examples" / "hywel-dda.yaml")
AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("ACD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Chromium is not installed ({CHROMIUM}): apt-get install chromium")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The example's site and board report; every page of both."""
    out = tmp_path_factory.mktemp("published")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
        common = ["--file", EXAMPLE, "--on", "2026-11-24"]
        welsh = out / "adroddiad.html"
        both = out / "dwyieithog.html"  # the bilingual report: Welsh, then English
        for args in (
            ["site", "--out-dir", str(out / "site"), "--base-url", "https://example.org/acd/"],
            ["report", "--health-board", "hywel-dda", "-o", str(out / "report.html")],
            [*("report", "--lang", "cy", "--health-board", "hywel-dda"), "-o", str(welsh)],
            [*("report", "--lang", "both", "--health-board", "hywel-dda"), "-o", str(both)],
        ):
            result = CliRunner().invoke(app, [*args, *common], catch_exceptions=False)
            assert result.exit_code == 0, result.output
    return [
        *sorted((out / "site").glob("*.html")),
        *sorted((out / "site" / "cy").glob("*.html")),  # the Welsh pages
        out / "report.html",
        out / "adroddiad.html",
        out / "dwyieithog.html",
    ]


def visit(browser: Browser, path: Path, width: int = 1280) -> tuple[Page, list[str], list[str]]:
    """Open a page; return it with its console errors and its requests elsewhere."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    elsewhere: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r: Any) -> None:
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            elsewhere.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri(), wait_until="load")
    return page, errors, elsewhere


def test_pages_load_cleanly_from_file_with_no_other_host(
    browser: Browser, published: list[Path]
) -> None:
    assert len(published) == 43  # 20 pages in each language and three reports
    for path in published:
        page, errors, elsewhere = visit(browser, path)
        assert errors == [], f"{path.name}: {errors}"
        assert elsewhere == [], f"{path.name} asked another host for {elsewhere}"
        assert page.evaluate("document.styleSheets.length") >= 1
        # the stylesheet applied: system fonts, not the browser's serif default
        font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert "system-ui" in font, path.name
        page.close()


def test_every_link_and_feed_resolves(browser: Browser, published: list[Path]) -> None:
    checked = 0
    for path in published:
        page, _, _ = visit(browser, path)
        links: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for link in links:
            parts = urlsplit(link)
            if parts.scheme != "file":
                assert parts.scheme in ("https", "webcal"), f"{path.name}: {link}"
                continue
            target = Path(unquote(parts.path))
            assert target.is_file(), f"{path.name} links to missing {target.name}"
            if parts.fragment:
                assert page.evaluate(f"!!document.getElementById({parts.fragment!r})")
            if target.suffix == ".ics":
                Calendar.from_ical(target.read_bytes())
            elif target.suffix == ".json":
                json.loads(target.read_text(encoding="utf-8"))
            checked += 1
        page.close()
    assert checked > 100


def test_axe_finds_no_serious_wcag_violation(browser: Browser, published: list[Path]) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: cd tests/browser && npm ci")
    found = []
    phone = {"index.html", "matrix.html", "body-north-ceredigion.html", "report.html"}
    phone |= {"adroddiad.html", "dwyieithog.html"}
    for path in published:
        for width in (1280, 390) if path.name in phone else (1280,):
            page, _, _ = visit(browser, path, width)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
            )
            for violation in result["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    targets = [n["target"] for n in violation["nodes"]][:3]
                    found.append(f"{path.name}@{width}: {violation['id']} {targets}")
            page.close()
    assert found == []


def test_pages_reflow_at_320_pixels(browser: Browser, published: list[Path]) -> None:
    """WCAG 1.4.10: no page scrolls sideways; wide tables and charts scroll in place."""
    for path in published:
        page, _, _ = visit(browser, path, 320)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path.name} is {overflow} px too wide at 320 px"
        page.close()


def test_matrix_prints_on_a4_landscape(browser: Browser, published: list[Path]) -> None:
    page, _, _ = visit(browser, next(p for p in published if p.name == "matrix.html"))
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.matrix-page')).page") == (
        "matrix"
    )
    assert page.evaluate("getComputedStyle(document.querySelector('.nav')).display") == "none"
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF-")
    page.close()


def pdf_text(data: bytes) -> list[str]:
    """The text of each page of a PDF, whitespace made single spaces."""
    import io

    pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed: pip install -e '.[test]'")
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join((p.extract_text() or "").split()) for p in reader.pages]


def column_titles(page: Page) -> list[str]:
    titles: list[str] = page.eval_on_selector_all(
        ".screen-only .matrix thead .col-title", "els => els.map(e => e.textContent)"
    )
    assert len(titles) > 8
    return [" ".join(t.split()) for t in titles]


def joined(pages: list[str]) -> str:
    # a title wrapped in a narrow column comes out of the PDF one line a word, and
    # "off" as the ligature "ﬀ"
    import unicodedata

    return unicodedata.normalize("NFKC", " ".join(" ".join(pages).split())).replace("- ", "-")


@pytest.mark.parametrize("name", ["matrix.html", "report.html"])
def test_the_printed_matrix_keeps_every_column(
    browser: Browser, published: list[Path], name: str
) -> None:
    """The matrix was 1202 px wide on ~1047 px of A4 landscape: its last columns fell
    off the page. On paper it is split into tables of seven items, each on the page."""
    page, _, _ = visit(browser, next(p for p in published if p.name == name))
    titles = column_titles(page)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 1047, "height": 740})  # A4 landscape less margins
    widths = page.eval_on_selector_all(
        ".print-only .matrix", "els => els.map(e => [e.scrollWidth, e.clientWidth])"
    )
    assert widths and all(scroll <= client for scroll, client in widths), widths
    text = joined(pdf_text(page.pdf(prefer_css_page_size=True)))
    for title in titles:
        assert title in text, title
    page.close()


def test_weasyprint_keeps_every_column_too(
    browser: Browser, published: list[Path], tmp_path: Path
) -> None:
    weasyprint = pytest.importorskip("weasyprint", reason="the pdf extra is not installed")
    for path in published:
        if path.name in ("matrix.html", "report.html"):
            page, _, _ = visit(browser, path)
            titles = column_titles(page)
            page.close()
            text = joined(pdf_text(weasyprint.HTML(filename=str(path)).write_pdf()))
            for title in titles:
                assert title in text, f"{path.name}: {title}"


def test_the_matrix_page_starts_with_its_table_in_print(
    browser: Browser, published: list[Path]
) -> None:
    """Page 1 held only the title; the key and 'Last updated' were stranded alone."""
    page, _, _ = visit(browser, next(p for p in published if p.name == "matrix.html"))
    page.emulate_media(media="print")
    pages = pdf_text(page.pdf(prefer_css_page_size=True))
    assert "Body" in pages[0] and "Overdue" in pages[0]
    assert "Last updated" in pages[0]  # the as-of date heads the printed matrix
    last = pages[-1]
    assert "Waiting" in last or "Upcoming" in last, last[:200]  # never a footer alone
    page.close()


def test_print_shows_no_empty_bullets_and_no_heading_alone_at_a_page_foot(
    browser: Browser, published: list[Path]
) -> None:
    for name in ("body-north-ceredigion.html", "body-ceredigion-pcpg.html", "report.html"):
        page, _, _ = visit(browser, next(p for p in published if p.name == name))
        page.emulate_media(media="print")
        empty = page.eval_on_selector_all(
            "main li",
            "els => els.filter(e => getComputedStyle(e).display !== 'none' "
            "&& e.innerText.trim() === '').length",
        )
        assert empty == 0, name
        headings: list[str] = page.eval_on_selector_all(
            "main h2, main caption", "els => els.map(e => e.innerText.trim())"
        )
        pages = pdf_text(page.pdf(prefer_css_page_size=True))
        for number, text in enumerate(pages[:-1]):
            for heading in headings:
                heading = " ".join(heading.split())
                assert not text.endswith(heading), f"{name} page {number + 1} ends with {heading}"
        page.close()


def test_regions_that_cannot_scroll_are_not_tab_stops(
    browser: Browser, published: list[Path]
) -> None:
    """A region is a tab stop only where its content can be wider than the window (the
    matrix, item tables, charts, and at phone widths most tables). Whether it is wider
    depends on the window, which a page without JavaScript cannot know: a region that
    can scroll stays focusable (WCAG 2.1.1), one that cannot, even at 320 px, is not."""
    for path in published:
        page, _, _ = visit(browser, path, 320)
        still = page.eval_on_selector_all(
            ".scroll:not([tabindex])",
            "els => els.filter(e => e.offsetParent && e.scrollWidth > e.clientWidth)"
            ".map(e => e.getAttribute('aria-labelledby'))",
        )
        assert still == [], f"{path.name}: {still}"
        page.close()


def test_the_matrix_keeps_its_body_column_in_view(browser: Browser, published: list[Path]) -> None:
    page, _, _ = visit(browser, next(p for p in published if p.name == "matrix.html"), 390)
    region = page.locator(".screen-only.scroll")
    region.evaluate("e => { e.scrollLeft = 600; }")
    first = page.locator(".screen-only tbody th").first.bounding_box()
    box = region.bounding_box()
    assert first is not None and box is not None
    assert abs(first["x"] - box["x"]) < 2
    page.close()


def test_a_long_unbroken_title_does_not_widen_tables(browser: Browser, tmp_path: Path) -> None:
    local = tmp_path / "long.yaml"
    local.write_text(
        "version: 1\nhealth_board: hywel-dda\nbodies:\n"
        "  - {id: p, kind: pcpg, name: P, parent: ceredigion}\n"
        "deadlines:\n"
        f"  - {{id: a, title: {'Supercalifragilistic' * 8}, owners: [p], due: 2026-12-01}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = CliRunner().invoke(
        app, ["site", "--out-dir", str(out), "--file", str(local), "--on", "2026-11-24"]
    )
    assert result.exit_code == 0, result.output
    page, _, _ = visit(browser, out / "body-p.html", 1280)
    wide = page.eval_on_selector_all(
        "#now-table, #year-table",
        "els => els.filter(e => e.parentElement.scrollWidth > e.parentElement.clientWidth)"
        ".map(e => e.id)",
    )
    assert wide == []
    page.close()
