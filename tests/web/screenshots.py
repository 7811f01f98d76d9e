"""Take the screenshots in docs/screenshots/ from the hand-made sample store.

Run from the repository root:  .venv/bin/python tests/web/screenshots.py
It needs Debian's Chromium at /usr/bin/chromium and the playwright package. The
sample is invented (tests/web_sample.py), so no article text is copied into
the images.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from playwright.sync_api import sync_playwright
from web_server import LiveServer

from conftest import CHROMIUM, CHROMIUM_ARGS
from indicia.report import build_dossier
from indicia.report.html import render_html
from indicia.report.views import entity_key
from indicia.store import open_store
from indicia.web.app import create_app
from web_sample import ORIGINAL, STORY, WAGES_A, build_sample_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = build_sample_store(Path(tmp) / "indicia.db", hostile=False)
        static = Path(tmp) / "dossier.html"
        with open_store(db) as store:
            static.write_text(render_html(build_dossier(store)), encoding="utf-8")
        with LiveServer(create_app(db)) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            shots = [
                ("stories.png", server.url + "/", None),
                ("story.png", f"{server.url}/stories/{STORY}", None),
                ("story-figures.png", f"{server.url}/stories/{STORY}#figures-{STORY}", None),
                ("search.png", f"{server.url}/search?q=passports", None),
                ("how-made.png", f"{server.url}/#how-made", None),
            ]
            for name, url, _ in shots:
                page.goto(url)
                page.screenshot(path=str(args.out / name))
            # The reviewer's click: a quote on the story page opens its sentence.
            page.goto(f"{server.url}/stories/{STORY}")
            page.locator("a.quote", has_text=WAGES_A).first.click()
            page.wait_for_selector("mark.current")
            page.screenshot(path=str(args.out / "document.png"))
            page.goto(f"{server.url}/documents/{ORIGINAL}")
            page.get_by_text("Show what cleaning removed").click()
            page.screenshot(path=str(args.out / "document-removed.png"))
            page.goto(f"{server.url}/entities/{entity_key('Lakeside fish plant')}")
            page.screenshot(path=str(args.out / "entity.png"))
            # A reviewer's decision: the form filled in, then the decision as the page shows it.
            page.goto(f"{server.url}/stories/{STORY}")
            form = page.locator('details[data-action="set_origin"]').first
            form.locator("summary").click()
            form.locator('input[name="value"]').fill("Harbour Watch")
            form.locator('input[name="reviewer"]').fill("A. Reviewer")
            form.locator('input[name="reason"]').fill(
                "its report is the first, dated two days before"
            )
            form.screenshot(path=str(args.out / "review-form.png"))
            form.locator('button[type="submit"]').click()
            page.wait_for_selector("table.decisions tr.in-force")
            page.locator("section.decisions").first.screenshot(
                path=str(args.out / "review-decision.png")
            )
            page.goto(static.as_uri())
            page.screenshot(path=str(args.out / "dossier-html.png"))
            browser.close()
    for path in sorted(args.out.glob("*.png")):
        print(path)


if __name__ == "__main__":
    main()
