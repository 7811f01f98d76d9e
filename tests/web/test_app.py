"""The web app over a hand-made store: every page, its JSON twin, exports, search, safety."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from indicia.cli import main
from indicia.errors import ConfigError
from indicia.report import build_dossier
from indicia.report.views import evidence_key
from indicia.store import open_store
from indicia.web.app import CONTENT_SECURITY_POLICY, check_bind, create_app, is_loopback
from web_sample import (
    HOSTILE_DOC,
    HOSTILE_IMG,
    HOSTILE_STORY,
    ORIGINAL,
    ORIGINAL_TEXT,
    REWRITE,
    STORY,
    WAGES_A,
    build_sample_store,
)

PAGES = [
    "/",
    "/documents",
    f"/stories/{STORY}",
    f"/stories/{HOSTILE_STORY}",
    f"/documents/{ORIGINAL}",
    f"/documents/{REWRITE}",
    f"/documents/{HOSTILE_DOC}",
    "/search?q=dormitory",
    "/search?q=passports",
]
TWINS = [
    "/stories.json",
    "/documents.json",
    f"/stories/{STORY}.json",
    f"/stories/{HOSTILE_STORY}.json",
    f"/documents/{ORIGINAL}.json",
    f"/documents/{HOSTILE_DOC}.json",
    "/search.json?q=passports",
]

# Markup from the hostile document that must never reach a page as markup.
RAW_HOSTILE = ["<script>window", "<img src=x", 'href="javascript:', 'onerror="window']


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_with_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", PAGES)
def test_page_escapes_article_markup(client: TestClient, path: str) -> None:
    html = client.get(path).text
    for raw in RAW_HOSTILE:
        assert raw not in html, f"{raw!r} reached {path} unescaped"


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_nothing_from_outside(client: TestClient, path: str) -> None:
    html = client.get(path).text
    for attr in re.findall(r'(?:src|href)="([^"]*)"', html):
        # The only absolute links are a document's own http(s) address, as a plain link.
        if attr.startswith(("http://", "https://")):
            assert attr in (
                "https://harbour.example/fish-plant",
                "https://coastal.example/passports",
            )
    assert '<script src="/static/indicia.js"' in html
    assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=\"(?:https?:)?//", html)


def test_hostile_strings_are_shown_as_text(client: TestClient) -> None:
    html = client.get(f"/documents/{HOSTILE_DOC}").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    # A javascript: address is shown, but never as a link.
    assert "javascript:window.__pwned = 4" in html
    assert 'href="javascript' not in html.lower()


@pytest.mark.parametrize("path", TWINS)
def test_every_page_has_a_json_twin(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json()


def test_stories_list_counts(client: TestClient) -> None:
    stories = {s["id"]: s for s in client.get("/stories.json").json()["stories"]}
    assert stories[STORY]["documents"] == 2
    assert stories[STORY]["independent_sources"] == 1
    assert stories[STORY]["indicators"] == 3
    assert stories[STORY]["claims"] == 3
    assert stories[STORY]["origins"] == ["Harbour Watch"]
    assert stories[STORY]["conflicts"] == 1  # one disagreeing pair, named from both sides
    html = client.get("/").text
    assert f'href="/stories/{STORY}"' in html


def test_story_page_links_every_quote_to_its_sentence(client: TestClient) -> None:
    html = client.get(f"/stories/{STORY}").text
    dossier = client.get("/export/dossier.json").json()
    for finding in dossier["indicators"]:
        if finding["story"] != STORY:
            continue
        for ev in finding["evidence"]:
            key = evidence_key(ev["document"], ev["start"], ev["end"])
            assert f'href="/documents/{ev["document"]}#{key}"' in html
    assert "Origins" in html and "<svg" in html
    assert 'class="chip"' in html  # source chips in the key-figures table
    assert "the rewrite gives a lower count" in html  # conflicts
    assert "350–400" in html  # a range figure
    assert "Timeline" in html and "2025-03-02" in html


def test_story_matrix_marks_found_indicators(client: TestClient) -> None:
    view = client.get(f"/stories/{STORY}.json").json()
    rows = {r["code"]: r for r in view["matrix"]["rows"]}
    assert len(rows) == 11
    assert [c["count"] for c in rows["retention_of_identity_documents"]["cells"]] == [1, 1]
    assert [c["count"] for c in rows["withholding_of_wages"]["cells"]] == [1, 0]
    assert not rows["debt_bondage"]["found"]


def test_document_page_highlights_each_quote_at_its_anchor(client: TestClient) -> None:
    html = client.get(f"/documents/{ORIGINAL}").text
    start = ORIGINAL_TEXT.index(WAGES_A)
    key = evidence_key(ORIGINAL, start, start + len(WAGES_A))
    assert f'<span class="anchor" id="{key}"></span><mark' in html
    mark = re.search(rf'<mark class="[^"]*" data-ev="[^"]*{key}[^"]*"[^>]*>([^<]*)</mark>', html)
    assert mark and mark.group(1) == WAGES_A


def test_document_page_offers_what_cleaning_removed(client: TestClient) -> None:
    html = client.get(f"/documents/{ORIGINAL}").text
    assert "Show what cleaning removed (2)" in html
    assert "donation_appeal" in html and "Support independent reporting" in html
    html = client.get(f"/documents/{REWRITE}").text
    assert "Cleaning removed nothing" in html


def test_document_twin_carries_text_and_quotes(client: TestClient) -> None:
    data = client.get(f"/documents/{ORIGINAL}.json").json()
    assert data["document"]["text"] == ORIGINAL_TEXT
    for quote in data["quotes"]:
        assert quote["key"] == evidence_key(ORIGINAL, quote["start"], quote["end"])


@pytest.mark.parametrize("path", ["/stories/nope", "/documents/nope", "/nope", "/export/nope.txt"])
def test_unknown_pages_are_404_pages(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "Not found" in response.text
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/stories/nope.json", "/documents/nope.json"])
def test_unknown_twins_are_json_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "error" in response.json()


# ------------------------------------------------------------------- search


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("passports", ORIGINAL),
        ("PASSPORT", REWRITE),
        ("dormitory", HOSTILE_DOC),
        ("gravel road", ORIGINAL),
    ],
)
def test_search_finds_documents(client: TestClient, query: str, document: str) -> None:
    found = client.get("/search.json", params={"q": query}).json()
    assert document in [r["document"] for r in found["documents"]]


def test_search_finds_quotes_and_links_them(client: TestClient) -> None:
    found = client.get("/search.json", params={"q": "sixteen hours"}).json()
    assert {q["document"] for q in found["quotes"]} == {ORIGINAL, REWRITE}
    html = client.get("/search", params={"q": "sixteen hours"}).text
    assert "<mark>sixteen</mark>" in html
    for quote in found["quotes"]:
        assert f"/documents/{quote['document']}#{quote['key']}" in html


@pytest.mark.parametrize("query", ["-", "ü", "co-op", "10:30", "U.S.", "passports?", "%", "'"])
def test_plain_words_are_always_a_search(client: TestClient, query: str) -> None:
    assert client.get("/search", params={"q": query}).status_code == 200
    assert client.get("/search.json", params={"q": query}).status_code == 200


def _found(client: TestClient, query: str) -> set[str]:
    response = client.get("/search.json", params={"q": query})
    assert response.status_code == 200, response.json()
    return {r["document"] for r in response.json()["documents"]}


def test_search_reads_fts5_syntax(client: TestClient) -> None:
    either = _found(client, "dormitory OR gravel")
    assert (
        either == _found(client, "dormitory") | _found(client, "gravel") == {HOSTILE_DOC, ORIGINAL}
    )
    assert _found(client, "dormitory gravel") == {ORIGINAL}  # plain words: all required
    assert _found(client, '"sixteen hours a day"') == {ORIGINAL}
    assert _found(client, "NEAR(shifts sixteen, 3)") == {ORIGINAL, REWRITE}
    assert _found(client, "passports NOT kept") == {ORIGINAL}
    assert _found(client, "passp*") == {ORIGINAL, REWRITE}


@pytest.mark.parametrize("query", ['"', 'sixteen "hours', "NEAR(", "a AND", "((", "title:", "*"])
def test_a_malformed_query_is_a_clear_error(client: TestClient, query: str) -> None:
    response = client.get("/search.json", params={"q": query})
    assert response.status_code == 400
    assert "could not be read" in response.json()["error"]
    assert "FTS5" in response.json()["error"]
    page = client.get("/search", params={"q": query})
    assert page.status_code == 400 and "could not be read" in page.text
    assert "match" not in page.text.split("could not be read")[0].split("<h1>Search</h1>")[-1]


def test_search_snippets_escape_article_markup(client: TestClient) -> None:
    html = client.get("/search", params={"q": "pwned"}).text
    for raw in RAW_HOSTILE:
        assert raw not in html


# ------------------------------------------------------------------ exports


def test_exports_download(client: TestClient, sample_db: Path) -> None:
    for name, kind in [
        ("dossier.json", "application/json"),
        ("dossier.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("claims.csv", "text/csv"),
        ("indicators.csv", "text/csv"),
        ("dossier.md", "text/markdown"),
    ]:
        response = client.get(f"/export/{name}")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(kind)
        assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
    with open_store(sample_db) as store:
        assert client.get("/export/dossier.json").json() == build_dossier(store)


def _csv_rows(client: TestClient, name: str) -> list[dict[str, str]]:
    body = client.get(f"/export/{name}").content
    assert body.startswith("\ufeff".encode())  # a UTF-8 BOM: spreadsheets read £ and ₩
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_claims_csv_has_one_row_per_quote(client: TestClient) -> None:
    rows = _csv_rows(client, "claims.csv")
    dossier = client.get("/export/dossier.json").json()
    assert len(rows) == sum(len(c["evidence"]) for c in dossier["claims"])
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    for row in rows:
        # The exact quote, whatever it starts with.
        assert texts[row["document"]][int(row["start"]) : int(row["end"])] == row["quote"]
    wages = next(r for r in rows if r["claim"] == "claim-wages")
    assert (wages["low"], wages["high"], wages["unit"]) == ("350", "400", "USD")


def test_indicator_csv_has_one_row_per_quote(client: TestClient) -> None:
    rows = _csv_rows(client, "indicators.csv")
    assert len(rows) == 6
    assert {r["code"] for r in rows} >= {"excessive_overtime", "withholding_of_wages"}


def test_the_spreadsheet_export_keeps_article_text_as_text(client: TestClient) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get("/export/dossier.xlsx").content))
    figures = list(book["figures"].iter_rows(values_only=True))
    header = figures[0]
    hostile = next(r for r in figures[1:] if r[header.index("claim")] == "claim-hostile")
    assert hostile[header.index("attributed_to")] == HOSTILE_IMG
    assert len(figures) - 1 == len(_csv_rows(client, "claims.csv"))


# ------------------------------------------------------------------ safety


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_non_loopback_bind_needs_a_token() -> None:
    with pytest.raises(ConfigError, match="--token"):
        check_bind("0.0.0.0", None)
    check_bind("0.0.0.0", "a-long-secret")
    check_bind("127.0.0.1", None)


def test_serve_refuses_non_loopback_host_without_token(sample_db: Path) -> None:
    result = CliRunner().invoke(
        main, ["serve", "--db", str(sample_db), "--host", "0.0.0.0"], env={"INDICIA_TOKEN": ""}
    )
    assert result.exit_code != 0
    assert "refusing to listen on 0.0.0.0" in result.output


@pytest.mark.parametrize("how", ["option", "env"])
def test_serve_with_token_listens_beyond_loopback(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    import uvicorn

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    args = ["serve", "--db", str(sample_db), "--host", "0.0.0.0", "--port", "8123"]
    env = {"INDICIA_TOKEN": "s3cret-token"} if how == "env" else {}
    if how == "option":
        args += ["--token", "s3cret-token"]
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 0, result.output
    assert calls and calls[0]["host"] == "0.0.0.0" and calls[0]["port"] == 8123


def test_serve_needs_an_existing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert "no store at" in result.output


def test_token_is_required_on_every_request(sample_db: Path) -> None:
    app = create_app(sample_db, token="s3cret-token")
    with TestClient(app, base_url="http://192.168.1.5:8000") as c:
        for path in ["/", "/stories.json", "/static/indicia.css", "/export/dossier.json"]:
            assert c.get(path).status_code == 401
        assert c.get("/", params={"token": "wrong"}).status_code == 401
        assert c.get("/", headers={"x-indicia-token": "s3cret-token"}).status_code == 200
        assert c.get("/", headers={"authorization": "Bearer s3cret-token"}).status_code == 200
        first = c.get("/", params={"token": "s3cret-token"})
        assert first.status_code == 200
        assert "httponly" in first.headers["set-cookie"].lower()
        # The cookie set by ?token= carries the next requests.
        assert c.get(f"/stories/{STORY}").status_code == 200


def test_without_token_only_loopback_hosts_are_answered(sample_db: Path) -> None:
    with TestClient(create_app(sample_db), base_url="http://evil.example") as c:
        assert c.get("/").status_code == 400
    with TestClient(create_app(sample_db), base_url="http://localhost:8000") as c:
        assert c.get("/").status_code == 200


def test_app_follows_the_store_as_it_changes(tmp_path: Path) -> None:
    db = build_sample_store(tmp_path / "indicia.db")
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        assert len(c.get("/documents.json").json()) == 3
        with open_store(db) as store:
            from indicia.records import SourceDocument

            store.add_document(
                SourceDocument(
                    id="d" * 16,
                    source_path="/x",
                    raw_sha256="d" * 64,
                    media_type="text",
                    status="rejected",
                    error="unreadable bytes",
                )
            )
        rows = c.get("/documents.json").json()
        assert len(rows) == 4
        assert "unreadable bytes" in c.get("/").text


def test_a_page_is_built_once_per_version_of_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from indicia import report

    calls: list[str] = []
    for name in ("stories_overview", "story_view", "document_view", "documents_list"):
        real = getattr(report, name)

        def counting(*args: object, _real: object = real, _name: str = name) -> object:
            calls.append(_name)
            return _real(*args)  # type: ignore[operator]

        monkeypatch.setattr(report, name, counting)
    db = build_sample_store(tmp_path / "indicia.db")
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        for _ in range(3):
            for path in ("/", "/stories.json", f"/stories/{STORY}", f"/stories/{STORY}.json",
                         f"/documents/{ORIGINAL}", "/documents", "/documents.json"):  # fmt: skip
                assert c.get(path).status_code == 200
        assert sorted(calls) == ["document_view", "documents_list", "stories_overview",
                                 "story_view"]  # fmt: skip
        assert c.get("/?language=de").status_code == 200  # another language: its own page
        assert calls.count("stories_overview") == 2
        with open_store(db) as store:
            from indicia.records import SourceDocument

            store.add_document(
                SourceDocument(id="e" * 16, source_path="/y", raw_sha256="e" * 64,
                               media_type="text", status="rejected", error="no text")
            )  # fmt: skip
        assert "no text" in c.get("/").text  # a new version of the store: built again
        assert calls.count("stories_overview") == 3


def test_dossier_json_export_round_trips(client: TestClient) -> None:
    text = client.get("/export/dossier.json").text
    assert json.loads(text)["schema"] == "indicia.dossier/1"


def test_dossier_json_export_is_streamed_in_bounded_pieces(client: TestClient) -> None:
    from indicia.report import dossier_json, dossier_json_chunks

    with client.stream("GET", "/export/dossier.json") as response:
        assert response.status_code == 200
        assert "content-length" not in response.headers  # sent as it is encoded
        assert response.headers["content-type"].startswith("application/json")
        body = b"".join(response.iter_bytes())
    dossier = json.loads(body)
    assert body.decode("utf-8") == dossier_json(dossier)
    pieces = list(dossier_json_chunks(dossier, size=512))
    assert len(pieces) > 3 and "".join(pieces) == dossier_json(dossier)
    # A piece is the chunk size plus at most one value of a section (a document, a
    # claim), indented as it stands in the file: never the whole dossier.
    items = [item for section in dossier.values() if isinstance(section, list) for item in section]
    longest_value = max(len(dossier_json(item).replace("\n", "\n    ")) for item in items)
    assert max(len(p) for p in pieces) <= 512 + longest_value
    assert max(len(p) for p in pieces) < len(dossier_json(dossier)) / 2


# The headers that hold today, on every kind of response: pages, twins, static files,
# downloads, errors.
HEADED = [
    *PAGES,
    *TWINS,
    "/static/indicia.css",
    "/export/dossier.json",
    "/export/claims.csv",
    "/export/dossier.xlsx",
    "/no/such/page",
    "/search.json?q=%22",
    "/stories/nope.json",
]


@pytest.mark.parametrize("path", HEADED)
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["content-security-policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"


def test_refusals_carry_the_security_headers_too(sample_db: Path) -> None:
    with TestClient(create_app(sample_db, token="a-long-token"), base_url="http://10.0.0.2") as c:
        refused = c.get("/")
    assert refused.status_code == 401
    assert refused.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert refused.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.evil"])
def test_the_host_header_is_checked_on_loopback(sample_db: Path, host: str) -> None:
    with TestClient(create_app(sample_db), base_url=f"http://{host}:8000") as c:
        assert c.get("/").status_code == 400
        assert c.get("/export/dossier.json").status_code == 400
