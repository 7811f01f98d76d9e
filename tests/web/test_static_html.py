"""dossier.html: one self-contained file telling the same story as the web app."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from indicia.report import build_dossier
from indicia.report.html import render_html
from indicia.report.views import evidence_key
from indicia.store import open_store
from web_sample import HOSTILE_DOC, ORIGINAL, ORIGINAL_TEXT, STORY, WAGES_A

RAW_HOSTILE = ["<script>window", "<img src=x", 'href="javascript:', 'onerror="window']


def _dossier(db: Path) -> dict[str, Any]:
    with open_store(db) as store:
        return build_dossier(store)


@pytest.fixture(scope="module")
def sample_html(sample_db: Path) -> str:
    return render_html(_dossier(sample_db))


@pytest.fixture(scope="module")
def seed_html(seed_db: Path) -> tuple[dict[str, Any], str]:
    dossier = _dossier(seed_db)
    return dossier, render_html(dossier)


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _check_self_contained(html: str) -> None:
    assert html.startswith("<!doctype html>")
    assert "<link" not in html
    assert not re.search(r"<script[^>]*\ssrc=", html)
    assert not re.search(r"<(?:img|iframe|object|embed|audio|video|source)\b", html)
    assert "@import" not in html
    assert not re.search(r"url\((?!#)", html)  # only references inside the file
    # The only script and style allowed are the ones inlined here, by hash.
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp, "no CSP meta tag"
    policy = unescape(csp.group(1))
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(scripts) == 1 and len(styles) == 1
    assert f"script-src {_sha(scripts[0])}" in policy
    assert f"style-src {_sha(styles[0])}" in policy
    assert "default-src 'none'" in policy


def _check_anchors(html: str) -> None:
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    for target in re.findall(r'href="#([^"]*)"', html):
        assert target in ids, f"link to #{target} has no target"


def test_sample_html_is_self_contained(sample_html: str) -> None:
    _check_self_contained(sample_html)


def test_sample_html_links_resolve(sample_html: str) -> None:
    _check_anchors(sample_html)


@pytest.mark.parametrize("raw", RAW_HOSTILE)
def test_sample_html_escapes_article_markup(sample_html: str, raw: str) -> None:
    assert raw not in sample_html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in sample_html


def test_sample_html_shows_the_story_view(sample_html: str) -> None:
    assert f'id="story-{STORY}"' in sample_html
    assert f'id="doc-{ORIGINAL}"' in sample_html and f'id="doc-{HOSTILE_DOC}"' in sample_html
    for heading in (
        "Origins",
        "ILO indicators of forced labour",
        "Key figures",
        "Conflicts",
        "Timeline",
        "Figures over time",
        "Indicator coverage across stories",
    ):
        assert heading in sample_html
    start = ORIGINAL_TEXT.index(WAGES_A)
    key = evidence_key(ORIGINAL, start, start + len(WAGES_A))
    assert f'href="#{key}"' in sample_html and f'id="{key}"' in sample_html
    assert sample_html.count('class="plot ') >= 5  # graph, coverage, 2 figure panels, timeline


def test_seed_html_is_self_contained(seed_html: tuple[dict[str, Any], str]) -> None:
    _check_self_contained(seed_html[1])
    _check_anchors(seed_html[1])


def test_seed_html_holds_every_story_document_and_quote(
    seed_html: tuple[dict[str, Any], str],
) -> None:
    dossier, html = seed_html
    for story in dossier["stories"]:
        assert f'id="story-{story["id"]}"' in html
    for document in dossier["documents"]:
        if document["status"] == "ok":
            assert f'id="doc-{document["id"]}"' in html
    for section in ("indicators", "claims"):
        for item in dossier[section]:
            for ev in item["evidence"]:
                key = evidence_key(ev["document"], ev["start"], ev["end"])
                assert f'id="{key}"' in html and f'href="#{key}"' in html


def test_html_is_deterministic(sample_db: Path) -> None:
    dossier = _dossier(sample_db)
    assert render_html(dossier) == render_html(_dossier(sample_db))
