"""A reviewer's decision made in the served UI with Chromium, then the dossier written
again from the store with `indicia report --recompute`: the decision holds."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from web_server import LiveServer

from indicia.cli import main
from indicia.report import build_dossier
from indicia.store import open_store
from indicia.web.app import create_app

try:
    from playwright.sync_api import expect
except ImportError:  # skipped locally without playwright; under CI that is a failure
    if os.environ.get("CI"):
        raise
    pytest.skip("the playwright package is not installed", allow_module_level=True)

OUTLET = "Example Weekly <b>Desk</b>"
REASON = "its byline predates every copy <script>window.__pwned = 1</script>"


def test_a_decision_made_in_the_ui_survives_recompute(
    page: Any, seed_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "indicia.db"
    with sqlite3.connect(seed_db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    with open_store(db, read_only=True) as store:
        story = build_dossier(store)["stories"][0]
    with LiveServer(create_app(db)) as server:
        page.goto(f"{server.url}/stories/{story['id']}")
        form = page.locator('details[data-action="set_origin"]').first
        form.locator("summary").click()
        form.locator('input[name="value"]').fill(OUTLET)
        form.locator('input[name="reviewer"]').fill("ana")
        form.locator('input[name="reason"]').fill(REASON)
        form.locator('button[type="submit"]').click()
        expect(page).to_have_url(re.compile(rf"/stories/{story['id']}#decision-\w+$"))
        expect(page.locator(".badge.origin").first).to_have_text(
            f"origin: {OUTLET} (set by a reviewer)"
        )
        row = page.locator("table.decisions tr.in-force")
        expect(row).to_have_count(1)
        expect(row.locator("td.reason")).to_have_text(REASON)
        assert page.evaluate("window.__pwned") is None
        # the next page carries the reviewer's name into its forms
        page.goto(f"{server.url}/review")
        expect(page.locator('input[name="reviewer"]').first).to_have_value("ana")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", "--db", str(db), "--out", str(out), "--recompute"])
    assert result.exit_code == 0, result.output
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    (decision,) = dossier["review"]["decisions"]
    assert decision["applied"] is True and decision["reason"] == REASON
    (again,) = [s for s in dossier["stories"] if s["id"] == story["id"]]
    assert [o["outlet"] for o in again["origins"]] == [OUTLET]
    assert again["origins_found"] == story["origins"]
