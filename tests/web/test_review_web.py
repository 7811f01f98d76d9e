"""Review decisions from the web UI: POST forms with CSRF protection, the token rules of
`indicia serve`, read-only stores, and every reviewer string shown as text."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from starlette.testclient import TestClient

from indicia.report import build_dossier, render_html, render_markdown
from indicia.report.views import entity_key
from indicia.store import open_store
from indicia.web import app as web_app
from indicia.web.app import CONTENT_SECURITY_POLICY, create_app
from web_sample import HOSTILE_IMG, HOSTILE_STORY, ORIGINAL, REWRITE, STORY, build_sample_store

BASE = "http://127.0.0.1"
SCRIPT_REASON = "<script>window.__pwned = 9</script> checked the court file"
SCRIPT_REVIEWER = "<img src=x onerror=alert(1)>"


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    """A sample store of this test's own, to write decisions into."""
    return build_sample_store(tmp_path / "indicia.db")


@pytest.fixture()
def web(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), base_url=BASE) as client:
        yield client


def _token(client: TestClient, path: str = f"/stories/{STORY}") -> str:
    html = client.get(path).text
    found = re.search(r'name="csrftoken" value="([^"]+)"', html)
    assert found, f"no review form on {path}"
    return found.group(1)


def _origin_form(token: str | None, **extra: str) -> dict[str, str]:
    form = {
        "action": "set_origin",
        "target": STORY,
        "value": "Harbour Watch",
        "reviewer": "ana",
        "reason": "the watchdog published first",
        "next": f"/stories/{STORY}",
        **extra,
    }
    if token is not None:
        form["csrftoken"] = token
    return form


def _decisions(db: Path) -> list[Any]:
    with open_store(db, read_only=True) as store:
        return store.decisions(include_undone=True)


def _fingerprint(db: Path) -> str:
    digest = hashlib.sha256()
    for suffix in ("", "-wal"):
        path = Path(f"{db}{suffix}")
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def _assert_headers(response: Any) -> None:
    headers = response.headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"


# ---------------------------------------------------------------- the forms


def test_every_page_offers_its_decisions_as_forms(web: TestClient) -> None:
    story = web.get(f"/stories/{STORY}").text
    for action in ("set_origin", "merge_stories", "split_story", "reject_indicator",
                   "reject_quote"):  # fmt: skip
        assert f'data-action="{action}"' in story, action
    document = web.get(f"/documents/{ORIGINAL}").text
    for action in ("exclude_document", "split_story", "reject_quote"):
        assert f'data-action="{action}"' in document, action
    entity = web.get(f"/entities/{entity_key('Lakeside fish plant')}").text
    for action in ("merge_entities", "split_entities"):
        assert f'data-action="{action}"' in entity, action
    # every form asks who and why, and carries the CSRF token
    for html in (story, document, entity):
        forms = re.findall(r"<form method=\"post\".*?</form>", html, flags=re.S)
        assert forms
        for form in forms:
            assert 'name="csrftoken"' in form
            assert re.search(r'<input name="reviewer" required', form)
            assert re.search(r'<input name="reason" required', form)


def test_a_decision_posted_from_a_form_is_kept_and_shown(web: TestClient, db: Path) -> None:
    response = web.post("/review/decide", data=_origin_form(_token(web)), follow_redirects=False)
    assert response.status_code == 303
    (decision,) = _decisions(db)
    assert response.headers["location"] == f"/stories/{STORY}#decision-{decision.id}"
    assert (decision.action, decision.value, decision.reviewer) == (
        "set_origin", "Harbour Watch", "ana",
    )  # fmt: skip
    _assert_headers(response)
    # the page reloads the dossier: the decision applies and is listed with its audit trail
    page = web.get(f"/stories/{STORY}").text
    assert "origin: Harbour Watch (set by a reviewer)" in page
    row = re.search(rf'<tr id="decision-{decision.id}".*?</tr>', page, flags=re.S)
    assert row and "the watchdog published first" in row.group(0)
    assert "in force" in row.group(0) and decision.overrode in row.group(0)
    assert web.get(f"/stories/{STORY}.json").json()["story"]["origins"][0]["outlet"] == (
        "Harbour Watch"
    )


def test_undo_from_the_ui_keeps_the_decision_in_the_trail(web: TestClient, db: Path) -> None:
    web.post("/review/decide", data=_origin_form(_token(web)))
    (decision,) = _decisions(db)
    undo = {"decision": decision.id, "reviewer": "ben", "reason": "too early",
            "next": "/review", "csrftoken": _token(web, "/review")}  # fmt: skip
    response = web.post("/review/undo", data=undo, follow_redirects=False)
    assert response.status_code == 303
    (undone,) = _decisions(db)
    assert undone.undone_by == "ben" and undone.undo_reason == "too early"
    page = web.get("/review").text
    assert f"undone {undone.undone_at} by ben: too early" in page
    assert "(set by a reviewer)" not in web.get(f"/stories/{STORY}").text


@pytest.mark.parametrize(
    "back",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_after_a_decision_the_browser_goes_back_only_within_the_app(
    web: TestClient, back: str
) -> None:
    form = _origin_form(_token(web), next=back)
    response = web.post("/review/decide", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/review#decision-")


def test_a_refused_decision_is_a_clear_page_and_records_nothing(web: TestClient, db: Path) -> None:
    token = _token(web)
    for form, says in (
        (_origin_form(token, reason=""), "needs a reviewer and a reason"),
        (_origin_form(token, reviewer="  "), "needs a reviewer and a reason"),
        (_origin_form(token, target="no-such-story"), "no story"),
        (_origin_form(token, action="shrug"), "unknown review action"),
    ):
        response = web.post("/review/decide", data=form)
        assert response.status_code == 400 and says in response.text
        _assert_headers(response)
    assert _decisions(db) == []


# ------------------------------------------------------------------- CSRF


def test_a_post_without_the_csrf_token_is_refused(web: TestClient, db: Path) -> None:
    _token(web)  # the browser holds the CSRF cookie, but the form lacks the token
    response = web.post("/review/decide", data=_origin_form(None))
    assert response.status_code == 403 and "form token" in response.text
    _assert_headers(response)
    with TestClient(create_app(db), base_url=BASE) as fresh:  # no cookie at all
        assert fresh.post("/review/decide", data=_origin_form(None)).status_code == 403
        assert fresh.post("/review/undo", data={"decision": "x"}).status_code == 403
    assert _decisions(db) == []


def test_another_sessions_token_is_refused(db: Path) -> None:
    app = create_app(db)
    with TestClient(app, base_url=BASE) as one, TestClient(app, base_url=BASE) as other:
        theirs = _token(other)
        _token(one)
        assert theirs != _token(one)
        assert one.post("/review/decide", data=_origin_form(theirs)).status_code == 403
        assert one.post("/review/decide", data=_origin_form("forged")).status_code == 403
    # a token of another server (another secret) does not verify here
    with TestClient(create_app(db), base_url=BASE) as elsewhere:
        token = _token(elsewhere)
    with TestClient(create_app(db), base_url=BASE) as here:
        here.cookies.set(web_app.CSRF_COOKIE, token)
        assert here.post("/review/decide", data=_origin_form(token)).status_code == 403
    assert _decisions(db) == []


def test_the_csrf_cookie_is_same_site_strict(db: Path) -> None:
    with TestClient(create_app(db), base_url=BASE) as client:
        cookie = client.get(f"/stories/{STORY}").headers["set-cookie"]
    assert cookie.startswith(f"{web_app.CSRF_COOKIE}=") and "SameSite=Strict" in cookie


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": "http://127.0.0.1:9999"},
        {"referer": "http://evil.example/page"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},
    ],
)
def test_a_post_from_another_origin_is_refused(
    web: TestClient, db: Path, headers: dict[str, str]
) -> None:
    response = web.post("/review/decide", data=_origin_form(_token(web)), headers=headers)
    assert response.status_code == 403
    _assert_headers(response)
    assert _decisions(db) == []


def test_the_apps_own_pages_post_with_a_null_origin(web: TestClient, db: Path) -> None:
    # They send no referrer, so a browser sends "Origin: null" and Sec-Fetch-Site
    # same-origin: the token and the browser's word decide.
    headers = {"origin": "null", "sec-fetch-site": "same-origin", "referer": f"{BASE}/x"}
    response = web.post(
        "/review/decide", data=_origin_form(_token(web)), headers=headers, follow_redirects=False
    )
    assert response.status_code == 303 and len(_decisions(db)) == 1


def test_with_an_access_token_a_post_needs_it_too(db: Path) -> None:
    secret = "a-long-access-token"
    with TestClient(create_app(db, token=secret), base_url="http://10.0.0.2") as client:
        csrf = _token(client, f"/stories/{STORY}?token={secret}")  # the browser keeps both
        client.cookies.delete(web_app.TOKEN_COOKIE)
        refused = client.post("/review/decide", data=_origin_form(csrf))
        assert refused.status_code == 401
        _assert_headers(refused)
        assert _decisions(db) == []
        client.cookies.set(web_app.TOKEN_COOKIE, secret)
        accepted = client.post("/review/decide", data=_origin_form(csrf), follow_redirects=False)
        assert accepted.status_code == 303
        # the forms send the browser back without the token in the address
        page = client.get(f"/documents/{ORIGINAL}?token={secret}&language=en").text
        (back,) = set(re.findall(r'name="next" value="([^"]+)"', page))
        assert back == f"/documents/{ORIGINAL}?language=en"
    assert len(_decisions(db)) == 1


def test_the_host_header_is_checked_on_the_post_routes(db: Path) -> None:
    with TestClient(create_app(db), base_url=BASE) as good:
        token = _token(good)
        cookies = dict(good.cookies)
    for path in ("/review/decide", "/review/undo"):
        with TestClient(create_app(db), base_url="http://evil.example:8000") as client:
            client.cookies.update(cookies)
            response = client.post(path, data=_origin_form(token))
            assert response.status_code == 400
    assert _decisions(db) == []


def test_get_never_changes_the_store(web: TestClient, db: Path) -> None:
    before = _fingerprint(db)
    key = entity_key("Lakeside fish plant")
    paths = ["/", f"/stories/{STORY}", f"/documents/{ORIGINAL}", "/entities", f"/entities/{key}",
             "/review", "/review.json", "/entities.json", "/export/entities.csv",
             "/review/decide?action=set_origin&target=x&value=y&reviewer=a&reason=b",
             "/review/undo?decision=x&reviewer=a&reason=b"]  # fmt: skip
    for path in paths:
        assert web.get(path).status_code in (200, 405)
    assert web.get("/review/decide").status_code == 405
    assert _fingerprint(db) == before and _decisions(db) == []


# ------------------------------------------------------------- read-only store


def test_a_store_shown_read_only_offers_no_form_and_refuses_a_post(db: Path) -> None:
    before = _fingerprint(db)
    with TestClient(create_app(db, reviewing=False), base_url=BASE) as client:
        for path in (f"/stories/{STORY}", f"/documents/{ORIGINAL}", "/review",
                     f"/entities/{entity_key('Lakeside fish plant')}"):  # fmt: skip
            page = client.get(path)
            assert page.status_code == 200
            assert 'method="post"' not in page.text and "csrftoken" not in page.text
        assert "cannot write" in client.get("/review").text
        for path, form in (("/review/decide", _origin_form("x")), ("/review/undo", {})):
            response = client.post(path, data=form)
            assert response.status_code == 403
            assert "shown read-only" in response.text and "Traceback" not in response.text
            _assert_headers(response)
    assert _fingerprint(db) == before


@pytest.mark.skipif(
    not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0,
    reason="root may write a read-only file",
)
def test_a_read_only_file_is_seen_as_read_only(db: Path) -> None:
    db.chmod(0o444)
    db.parent.chmod(0o555)
    try:
        assert not web_app.store_writable(db)
        with TestClient(create_app(db), base_url=BASE) as client:
            assert "csrftoken" not in client.get(f"/stories/{STORY}").text
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)


def test_a_store_held_by_a_run_is_a_clear_409(
    web: TestClient, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web_app, "STORE_WAIT_S", 0.0)
    token = _token(web)
    with open_store(db) as store, store.hold():
        response = web.post("/review/decide", data=_origin_form(token))
    assert response.status_code == 409 and "could not record" in response.text
    _assert_headers(response)
    assert _decisions(db) == []


# ------------------------------------------------------------- new pages


@pytest.mark.parametrize(
    "path",
    [
        "/entities",
        "/entities.json",
        f"/entities/{entity_key('Harbour Watch')}",
        "/review",
        "/review.json",
        "/export/entities.csv",
    ],
)
def test_the_new_pages_carry_the_security_headers(web: TestClient, path: str) -> None:
    response = web.get(path)
    assert response.status_code == 200
    _assert_headers(response)


def test_unknown_entities_are_404(web: TestClient) -> None:
    assert web.get("/entities/e-nope").status_code == 404
    assert web.get("/entities/e-nope.json").status_code == 404


def test_story_and_document_pages_link_to_entity_pages(web: TestClient) -> None:
    key = entity_key("Lakeside fish plant")
    assert f'href="/entities/{key}"' in web.get(f"/stories/{STORY}").text
    assert f'href="/entities/{key}"' in web.get(f"/documents/{ORIGINAL}").text
    page = web.get(f"/entities/{key}").text
    assert "the plant" in page and f'href="/stories/{STORY}"' in page


def test_a_hostile_entity_name_is_text_on_its_page(web: TestClient) -> None:
    page = web.get(f"/entities/{entity_key(HOSTILE_IMG)}")
    assert page.status_code == 200
    assert HOSTILE_IMG not in page.text
    assert "&lt;img src=x onerror=" in page.text


# ------------------------------------------------------------- escaping


def test_reviewer_and_reason_are_text_in_every_output(web: TestClient, db: Path) -> None:
    form = _origin_form(_token(web), reviewer=SCRIPT_REVIEWER, reason=SCRIPT_REASON)
    assert web.post("/review/decide", data=form, follow_redirects=False).status_code == 303
    for path in (f"/stories/{STORY}", "/review"):
        page = web.get(path).text
        assert SCRIPT_REASON not in page and SCRIPT_REVIEWER not in page
        assert "&lt;script&gt;window.__pwned = 9&lt;/script&gt;" in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
    with open_store(db, read_only=True) as store:
        dossier = build_dossier(store)
    html = render_html(dossier)
    assert SCRIPT_REASON not in html and "&lt;script&gt;window.__pwned = 9" in html
    rendered = MarkdownIt("commonmark").enable("table").render(render_markdown(dossier))
    assert "<script" not in rendered and "<img" not in rendered
    assert "window.__pwned = 9" in rendered


def test_dossier_html_shows_decisions_and_entities_without_forms(db: Path) -> None:
    with open_store(db) as store:
        from indicia.review import decide

        dossier = build_dossier(store)
        decide(store, dossier, "reject_indicator", f"{STORY}:withholding_of_wages", "ana",
               "the wages were paid late, not held back")  # fmt: skip
        decide(store, dossier, "set_origin", HOSTILE_STORY, "ana", "gone soon", "X")
        dossier = build_dossier(store)
    html = render_html(dossier)
    assert "<form" not in html and "csrftoken" not in html
    assert "the wages were paid late, not held back" in html
    assert f'id="{entity_key("Lakeside fish plant")}"' in html
    assert f'href="#{entity_key("Lakeside fish plant")}"' in html


def test_an_entity_pages_mentions_open_their_place_in_the_text(web: TestClient) -> None:
    page = web.get(f"/entities/{entity_key('Harbour Watch')}").text
    (href,) = re.findall(rf'class="quote" href="(/documents/{REWRITE}#ev-[^"]+)"', page)
    anchor = href.split("#", 1)[1]
    document = web.get(href.split("#", 1)[0]).text
    assert f'<span class="anchor" id="{anchor}"></span>' in document
    mark = re.search(rf'<mark class="([^"]*)" data-ev="[^"]*{anchor}[^"]*"[^>]*>([^<]*)</mark>',
                     document)  # fmt: skip
    assert mark and "name" in mark.group(1).split() and mark.group(2) == "Harbour Watch"


def test_an_entity_split_from_its_page(web: TestClient, db: Path) -> None:
    path = f"/entities/{entity_key('Lakeside fish plant')}"
    page = web.get(path).text
    assert f'<option value="document:{ORIGINAL}">' in page
    form = {
        "csrftoken": _token(web, path),
        "action": "split_entities",
        "target": "Lakeside fish plant",
        "value": f"document:{ORIGINAL}",
        "reviewer": "ana",
        "reason": "another plant of the same name",
        "next": path,
    }
    assert web.post("/review/decide", data=form, follow_redirects=False).status_code == 303
    names = {e["name"]: e for e in web.get("/entities.json").json()["entities"]}
    assert names["Lakeside fish plant"]["documents"] == 1
    assert names[f"Lakeside fish plant [{ORIGINAL[:8]}]"]["documents"] == 1
    assert "another plant of the same name" in web.get(path).text
