"""Screenshots of the site and the board report for the README, at desktop and phone widths.

Builds the site and the report from examples/hywel-dda.yaml as of 24 November 2026 into
a temporary folder and photographs them in headless Chromium (Debian's chromium, driven
by Playwright, which never downloads a browser of its own here).
Usage: python scripts/screenshots.py [CHROMIUM]   (writes docs/screenshot-*.png)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = sys.argv[1] if len(sys.argv) > 1 else "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def build(folder: Path) -> tuple[Path, Path]:
    example = str(REPO / "examples" / "hywel-dda.yaml")
    common = ["--file", example, "--on", "2026-11-24"]
    env = {"SOURCE_DATE_EPOCH": "1700000000", "PATH": str(Path(sys.executable).parent)}
    site = folder / "site"
    subprocess.run(
        [sys.executable, "-m", "acd_calendar", "site", "--out-dir", str(site), *common,
         "--base-url", "https://example.github.io/planning/"],
        check=True, env=env,
    )
    report = folder / "report.html"
    subprocess.run(
        [sys.executable, "-m", "acd_calendar", "report", "--health-board", "hywel-dda",
         "-o", str(report), *common],
        check=True, env=env,
    )
    return site, report


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary:
        site, report = build(Path(temporary))
        pages = {
            "home": site / "index.html",
            "body": site / "body-north-ceredigion.html",
            "report": report,
        }
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for size, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                for name, path in pages.items():
                    page.goto(path.as_uri())
                    target = REPO / "docs" / f"screenshot-{name}-{size}.png"
                    page.screenshot(path=str(target))
                    print(f"wrote {target.relative_to(REPO)}")
                page.close()
            browser.close()


if __name__ == "__main__":
    main()
