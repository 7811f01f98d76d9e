"""Fixtures for the web tests: stores (hand-made and from the seeds), a live server, a browser.

Browser tests need Debian's Chromium at /usr/bin/chromium and the playwright package:
without them they skip locally and fail under CI (env CI set), like `require`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from web_server import LiveServer

from indicia.pipeline import ingest_paths, process
from indicia.store import open_store
from indicia.web.app import create_app
from web_sample import build_sample_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("sample") / "indicia.db")


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "indicia.db"
    with open_store(path) as store:
        ingest_paths([str(p) for p in seed_paths], store)
        process(store)
    return path


@pytest.fixture()
def client(sample_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(sample_db), base_url="http://127.0.0.1") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def sample_server(sample_db: Path) -> Iterator[LiveServer]:
    with LiveServer(create_app(sample_db)) as server:
        yield server


@pytest.fixture(scope="session")
def seed_server(seed_db: Path) -> Iterator[LiveServer]:
    with LiveServer(create_app(seed_db)) as server:
        yield server


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI needs {what}, which is missing")
    pytest.skip(f"{what} not present")


_BROWSER_WAIT_MS = 120_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _missing(str(CHROMIUM))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package")
    from playwright.sync_api import expect

    # Playwright waits 5 s for a page to reach what a test expects; a loaded machine may
    # need longer. A wait that ends in success takes no longer for a higher bound.
    expect.set_options(timeout=_BROWSER_WAIT_MS)
    with sync_playwright() as playwright:
        # Playwright gives Chromium 30 s to start; a loaded machine may take longer.
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=_BROWSER_WAIT_MS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def browser_context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture()
def page(browser_context: Any) -> Iterator[Any]:
    page = browser_context.new_page()
    page.set_default_timeout(_BROWSER_WAIT_MS)
    yield page
    page.close()
