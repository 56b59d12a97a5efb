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
        for args in (
            ["site", "--out-dir", str(out / "site"), "--base-url", "https://example.org/acd/"],
            ["report", "--health-board", "hywel-dda", "-o", str(out / "report.html")],
        ):
            result = CliRunner().invoke(app, [*args, *common], catch_exceptions=False)
            assert result.exit_code == 0, result.output
    return [*sorted((out / "site").glob("*.html")), out / "report.html"]


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
    assert len(published) == 21
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
