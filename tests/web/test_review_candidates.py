"""Sanctions candidates from the web UI: shown as candidates with what their score rests
on, accepted or rejected by a reviewer through the entity page's forms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from indicia.report import build_dossier, render_html
from indicia.report.views import entity_key
from indicia.store import open_store
from indicia.web.app import create_app
from review_sample import screened_case

BASE = "http://127.0.0.1"


@pytest.fixture()
def screened(tmp_path: Path) -> Path:
    return screened_case(tmp_path)[0]


@pytest.fixture()
def web(screened: Path) -> Iterator[TestClient]:
    with TestClient(create_app(screened), base_url=BASE) as client:
        yield client


def _candidate(db: Path, entry_id: str) -> dict:  # type: ignore[type-arg]
    with open_store(db, read_only=True) as store:
        dossier = build_dossier(store)
    (found,) = [c for c in dossier["screening"]["candidates"] if c["entry"]["entry_id"] == entry_id]
    return found  # type: ignore[no-any-return]


def test_an_entity_page_shows_its_candidates_as_candidates(web: TestClient, screened: Path) -> None:
    candidate = _candidate(screened, "901")
    page = web.get(f"/entities/{entity_key(candidate['entity'])}").text
    start = f'<div class="candidate status-candidate" id="candidate-{candidate["id"]}">'
    block = re.search(re.escape(start) + ".*?</table>", page, flags=re.S)
    assert block, "the candidate is on its entity's page"
    text = block.group(0)
    assert "A candidate, not a finding" in text and "OFAC SDN 901" in text
    assert f"score {candidate['score']:.2f}" in text
    for feature in candidate["features"]:
        assert feature["feature"] in text
    assert "DPRK2" in text  # the list entry's program
    assert 'data-action="accept_candidate"' in page and 'data-action="reject_candidate"' in page
    # the review page lists every candidate too
    assert f'id="candidate-{candidate["id"]}"' in web.get("/review").text


def test_a_candidate_accepted_in_the_ui_is_a_match_in_every_output(
    web: TestClient, screened: Path
) -> None:
    candidate = _candidate(screened, "901")
    path = f"/entities/{entity_key(candidate['entity'])}"
    found = re.search(r'name="csrftoken" value="([^"]+)"', web.get(path).text)
    assert found
    form = {
        "csrftoken": found.group(1),
        "action": "accept_candidate",
        "target": candidate["id"],
        "reviewer": "ana",
        "reason": "same date of birth in the court file",
        "next": path,
    }
    response = web.post("/review/decide", data=form, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith(path)
    assert _candidate(screened, "901")["status"] == "accepted"
    assert _candidate(screened, "902")["status"] == "candidate"
    page = web.get(path).text
    assert "a reviewer accepted it as a match" in page
    assert "Decided by ana" in page and "same date of birth in the court file" in page
    assert 'data-action="accept_candidate"' not in page  # what is done is not offered again
    with open_store(screened, read_only=True) as store:
        html = render_html(build_dossier(store))
    assert "a reviewer accepted it as a match" in html
