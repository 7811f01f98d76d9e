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


def _targets(files: dict[str, str]) -> None:
    """Every link inside the dossier files, resolved against the file it is in."""
    import posixpath

    ids = {name: set(re.findall(r'\sid="([^"]+)"', html)) for name, html in files.items()}
    for name, html in files.items():
        for href in re.findall(r'href="([^"]*)"', html):
            href = unescape(href)
            if re.match(r"[a-z]+:", href):
                continue  # an article's own address, outside the dossier
            path, _, anchor = href.partition("#")
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
            )
            assert target in files, f"{name}: link to {href} names no file of the dossier"
            assert not anchor or anchor in ids[target], f"{name}: {href} has no target"


def test_a_large_dossier_is_split_and_every_link_finds_its_file(
    seed_html: tuple[dict[str, Any], str],
) -> None:
    from indicia.report.html import PARTS_FOLDER, render_html_parts
    from indicia.report.views import entity_key

    dossier, whole = seed_html
    # a budget so small that every story, document and name needs a file of its own
    main, parts = render_html_parts(dossier, budget=1)
    files = {"dossier.html": main, **parts}
    assert all(name.startswith(PARTS_FOLDER + "/") for name in parts)
    for html in files.values():
        _check_self_contained(html)
    _targets(files)
    shown = [d["id"] for d in dossier["documents"] if d["status"] == "ok"]
    wanted = (
        [f'id="story-{s["id"]}"' for s in dossier["stories"]]
        + [f'id="doc-{doc}"' for doc in shown]
        + [f'id="{entity_key(e["name"])}"' for e in dossier["entities"]]
    )
    for target in wanted:  # each story, document and name is in exactly one file
        assert sum(target in html for html in files.values()) == 1, target
    assert len(parts) == len(wanted) - 3  # the first of each kind stays in dossier.html
    # every quote's sentence is still there, in its document's file, and linked to
    for section in ("indicators", "claims"):
        for item in dossier[section]:
            for ev in item["evidence"]:
                key = evidence_key(ev["document"], ev["start"], ev["end"])
                assert sum(f'id="{key}"' in html for html in files.values()) == 1
    assert f"1 of {len(shown)} documents are in this file" in main
    # with room for all, one file, as before
    assert render_html_parts(dossier, budget=10**9) == (whole, {})


def test_a_report_writes_the_parts_and_removes_those_a_larger_dossier_left(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from indicia.report import html as html_module
    from indicia.report import write_reports

    with open_store(seed_db) as store:
        monkeypatch.setattr(html_module, "FILE_BUDGET", 1)
        paths = write_reports(store, tmp_path)
        folder = paths["html_parts"]
        first = sorted(p.name for p in folder.iterdir())
        assert "documents-0001.html" in first and len(first) >= 3
        (folder / "documents-0099.html").write_text("left by an older report", encoding="utf-8")
        monkeypatch.setattr(html_module, "FILE_BUDGET", 40)
        paths = write_reports(store, tmp_path)
        second = sorted(p.name for p in paths["html_parts"].iterdir())
        assert len(second) < len(first) and "documents-0099.html" not in second
        monkeypatch.setattr(html_module, "FILE_BUDGET", 10**9)
        paths = write_reports(store, tmp_path)
        assert "html_parts" not in paths
        assert not folder.exists()
