"""The local web app: server-rendered pages over the store, each with a JSON twin.

Pages: stories (`/`), a story (`/stories/{id}`), a document with its evidence
highlighted (`/documents/{id}`), search (`/search?q=`), and exports under
`/export/`. Each page is also served as JSON (`/stories.json`, `/stories/{id}.json`,
`/documents/{id}.json`, `/search.json?q=`).

Names: every person, organisation and place (`/entities`), one with its mentions and
sanctions candidates (`/entities/{key}`). Review: the decisions made and the
candidates (`/review`); decisions are made and undone by POST (`/review/decide`,
`/review/undo`) from forms on the story, document, entity and review pages.

Safety: every response carries a Content-Security-Policy that allows nothing from
outside the app; without a token only loopback Host headers are answered (so a web
page cannot reach the app through DNS rebinding); with a token every request must
carry it, a POST too. A POST must also come from the app's own pages: it carries a
CSRF token (asgi-csrf: a signed double-submit token, under a secret made for this
server when it starts, in a SameSite=Strict cookie) and no Origin, Referer or
Sec-Fetch-Site header naming another site. The store is read through
`report.build_dossier`; it is written only by a decision's POST, which opens it
read-write for that one short transaction under the store's own lock. A store the
server cannot write is shown without forms, and a POST to it is refused.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import secrets
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode, urlsplit

from asgi_csrf import asgi_csrf
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from indicia import report, review
from indicia.errors import ConfigError, StoreError
from indicia.store import open_store
from indicia.web.search import SearchIndex, SearchSyntaxError, plain

log = logging.getLogger(__name__)

TOKEN_COOKIE = "indicia_token"
TOKEN_HEADER = "x-indicia-token"
CSRF_COOKIE = "indicia_csrf"
REVIEWER_COOKIE = "indicia_reviewer"
POST_ROUTES = frozenset({"/review/decide", "/review/undo"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
STORE_WAIT_S = 10.0  # how long a decision waits for a run holding the store
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-resource-policy": "same-origin",
}


def is_loopback(host: str) -> bool:
    """True for addresses and names that only this machine can reach."""
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything, so it is not loopback


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine unless every request must carry a token."""
    if not is_loopback(host) and not token:
        raise ConfigError(
            f"refusing to listen on {host}: anyone who can reach it could read the dossier. "
            "Give a token with --token or the INDICIA_TOKEN environment variable "
            "(every request must then carry it), or listen on 127.0.0.1."
        )


# ------------------------------------------------------------------ the data


# Views kept per loaded dossier: every whole-dossier page (front page, document and
# entity lists, per language) and the most recently asked story, document and entity
# pages. A page is built once per version of the store, not once per request.
MEMO_ENTRIES = 512


@dataclass
class Loaded:
    dossier: dict[str, Any]
    index: report.Index  # lookups every page shares, built once per load
    search: SearchIndex
    _memo: OrderedDict[tuple[str, str | None], Any] = field(default_factory=OrderedDict)
    _memo_lock: threading.Lock = field(default_factory=threading.Lock)

    def once(self, key: tuple[str, str | None], build: Callable[[], Any]) -> Any:
        """`build()`, made once for this dossier and `key` while it stays among the
        MEMO_ENTRIES most recently used. Views are read, never changed, by pages."""
        with self._memo_lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = build()  # outside the lock: two requests may build it, both the same
        with self._memo_lock:
            self._memo[key] = value
            while len(self._memo) > MEMO_ENTRIES:
                self._memo.popitem(last=False)
        return value


class DossierSource:
    """The dossier of one store, rebuilt only when the store's files have changed."""

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = Path(db_path)
        self._lock = threading.Lock()
        self._stamp: tuple[int, ...] | None = None
        self._loaded: Loaded | None = None

    def _fingerprint(self) -> tuple[int, ...]:
        # The WAL file changes on every commit, the main file on checkpoints.
        stamp: list[int] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(f"{self.db_path}{suffix}")
                stamp += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                stamp += [0, 0]
        return tuple(stamp)

    def invalidate(self) -> None:
        """Build the dossier again on the next request (after this server wrote the store)."""
        with self._lock:
            self._stamp = None

    def get(self) -> Loaded:
        with self._lock:
            stamp = self._fingerprint()
            if self._loaded is None or stamp != self._stamp:
                with open_store(self.db_path, read_only=True) as store:
                    dossier = report.build_dossier(store)
                if self._loaded is not None:
                    self._loaded.search.close()
                self._loaded = Loaded(dossier, report.Index(dossier), SearchIndex(dossier))
                self._stamp = self._fingerprint()
                log.info("loaded dossier from %s", self.db_path)
            return self._loaded


# --------------------------------------------------------------- middleware


class SecurityMiddleware(BaseHTTPMiddleware):
    """Adds the security headers, and checks the token when one is set."""

    def __init__(self, app: Any, token: str | None) -> None:
        super().__init__(app)
        self.token = token

    def _presented(self, request: Request) -> tuple[str | None, bool]:
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip(), False
        if TOKEN_HEADER in request.headers:
            return request.headers[TOKEN_HEADER], False
        if "token" in request.query_params:
            return request.query_params["token"], True
        return request.cookies.get(TOKEN_COOKIE), False

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        from_query = False
        if self.token:
            presented, from_query = self._presented(request)
            if presented is None or not hmac.compare_digest(
                presented.encode("utf-8"), self.token.encode("utf-8")
            ):
                response: Response = PlainTextResponse(
                    "This indicia server needs its token: add ?token=... to the address once, "
                    "or send it in the X-Indicia-Token header.",
                    status_code=401,
                )
                response.headers.update(SECURITY_HEADERS)
                return response
        response = await call_next(request)
        if self.token and from_query:
            # The browser keeps it, so links inside the app need not carry it.
            response.set_cookie(
                TOKEN_COOKIE, self.token, httponly=True, samesite="strict", path="/"
            )
        response.headers.update(SECURITY_HEADERS)
        return response


class SameOriginMiddleware:
    """Refuses a POST that a browser says came from another site.

    The app's pages send no referrer, so a browser sends its own POSTs with
    `Origin: null` and no Referer; what it cannot hide is Sec-Fetch-Site. A request
    naming another origin in Origin or Referer, or sent cross-site by the browser's own
    account, is refused with 403 before the CSRF token is even read.
    """

    def __init__(self, app: ASGIApp, refuse: Callable[[str], Response]) -> None:
        self.app = app
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            why = self._foreign(Request(scope))
            if why:
                await self.refuse(why)(scope, receive, send)
                return
        await self.app(scope, receive, send)

    @staticmethod
    def _foreign(request: Request) -> str | None:
        headers = request.headers
        own = f"{request.url.scheme}://{headers.get('host', '')}".lower()
        site = headers.get("sec-fetch-site", "").lower()
        if site in ("cross-site", "same-site"):
            return f"the browser sent it from another site ({site})"
        origin = headers.get("origin", "").strip().lower()
        if origin and origin != "null" and origin != own:
            return f"it came from another origin ({origin})"
        referer = headers.get("referer", "")
        if referer:
            parts = urlsplit(referer)
            if f"{parts.scheme}://{parts.netloc}".lower() != own:
                return "its referring page is on another origin"
        return None


def store_writable(db_path: str | Path) -> bool:
    """Whether this process can record a decision in the SQLite store at `db_path`
    (the file, its folder for the journal and lock files, and a WAL file if any)."""
    path = Path(db_path)
    wal = Path(f"{path}-wal")
    return (
        os.access(path, os.W_OK)
        and os.access(path.parent, os.W_OK | os.X_OK)
        and (not wal.exists() or os.access(wal, os.W_OK))
    )


def _local_path(target: str) -> str:
    """Where to go back after a form: a path of this app only (never //host or a URL)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or "\\" in target:
        return "/review"
    path = parts.path if not parts.path.startswith("//") else "/review"
    return path + (f"?{parts.query}" if parts.query else "")


# ------------------------------------------------------------------- routes


def create_app(
    db_path: str | Path,
    token: str | None = None,
    allowed_hosts: list[str] | None = None,
    reviewing: bool | None = None,
) -> Starlette:
    """The web app over the store at `db_path`.

    Without a token only loopback Host headers are answered, unless `allowed_hosts`
    says otherwise; with a token any host is, since the token guards every request.
    `reviewing` offers the decision forms: by default when the store can be written;
    False shows a writable store read-only.
    """
    source = DossierSource(db_path)
    urls = report.WebUrls()
    writable = store_writable(db_path) if reviewing is None else reviewing
    # Made for this server alone: a token from another server (or an earlier run of
    # this one) does not verify.
    csrf_secret = secrets.token_urlsafe(32)

    def review_context(request: Request | None) -> dict[str, str] | None:
        if not writable or request is None or "csrftoken" not in request.scope:
            return None
        # back to this page after the form, without the access token (the cookie has it)
        query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
        path = request.url.path + (f"?{query}" if query else "")
        return {
            "csrf": request.scope["csrftoken"](),
            "reviewer": unquote(request.cookies.get(REVIEWER_COOKIE, "")),
            "next": path,
            "prefix": "",
        }

    def render_page(template: str, request: Request | None = None, **context: Any) -> str:
        generator = context.pop("generator", None) or "indicia"
        return report.render(
            template,
            urls=urls,
            prefix="",
            generator=generator,
            review=review_context(request),
            **context,
        )

    def page(
        template: str, status: int = 200, request: Request | None = None, **context: Any
    ) -> HTMLResponse:
        return HTMLResponse(render_page(template, request, **context), status_code=status)

    def shared_page(
        loaded: Loaded, template: str, key: str | None, name: str, view: Callable[[], Any]
    ) -> HTMLResponse:
        """A page that is the same for every request (no review forms on it), rendered
        once per loaded dossier and `key`, with `view()` as its `name`."""
        return HTMLResponse(
            loaded.once(
                (template, key),
                lambda: render_page(
                    template, **{name: view()}, generator=loaded.dossier["generator"]
                ),
            )
        )

    # Each view once per loaded dossier (Loaded.once), shared by its page and its JSON.
    def overview(loaded: Loaded, lang: str | None) -> dict[str, Any]:
        return loaded.once(  # type: ignore[no-any-return]
            ("overview", lang),
            lambda: report.stories_overview(loaded.dossier, loaded.index, lang),
        )

    def documents_list(loaded: Loaded, lang: str | None) -> dict[str, Any]:
        return loaded.once(  # type: ignore[no-any-return]
            ("documents", lang), lambda: report.documents_list(loaded.dossier, lang)
        )

    def entities_list(loaded: Loaded) -> dict[str, Any]:
        return loaded.once(  # type: ignore[no-any-return]
            ("entities", None), lambda: report.entities_list(loaded.dossier, loaded.index)
        )

    def story_view(loaded: Loaded, story_id: str) -> dict[str, Any] | None:
        return loaded.once(  # type: ignore[no-any-return]
            ("story", story_id),
            lambda: report.story_view(loaded.dossier, story_id, loaded.index),
        )

    def document_view(loaded: Loaded, document_id: str) -> dict[str, Any] | None:
        return loaded.once(  # type: ignore[no-any-return]
            ("document", document_id),
            lambda: report.document_view(loaded.dossier, document_id, loaded.index),
        )

    def entity_view(loaded: Loaded, key: str) -> dict[str, Any] | None:
        return loaded.once(  # type: ignore[no-any-return]
            ("entity", key), lambda: report.entity_view(loaded.dossier, key, loaded.index)
        )

    def not_found(message: str) -> HTMLResponse:
        return page("not_found.html", status=404, message=message)

    def refused(status: int, heading: str, message: str, back: str = "/") -> HTMLResponse:
        return page("refused.html", status=status, heading=heading, message=message, back=back)

    def dossier() -> dict[str, Any]:
        return source.get().dossier

    def language(request: Request) -> str | None:
        return request.query_params.get("language") or None

    def index(request: Request) -> Response:
        loaded = source.get()
        lang = language(request)
        return shared_page(loaded, "index.html", lang, "overview", lambda: overview(loaded, lang))

    def index_json(request: Request) -> Response:
        loaded = source.get()
        return JSONResponse(overview(loaded, language(request)))

    def story(request: Request) -> Response:
        loaded = source.get()
        view = story_view(loaded, request.path_params["story_id"])
        if view is None:
            return not_found("The dossier has no story with this id.")
        return page("story.html", request=request, view=view, generator=loaded.dossier["generator"])

    def story_json(request: Request) -> Response:
        loaded = source.get()
        view = story_view(loaded, request.path_params["story_id"])
        if view is None:
            return JSONResponse({"error": "no such story"}, status_code=404)
        return JSONResponse(view)

    def documents(request: Request) -> Response:
        loaded = source.get()
        lang = language(request)
        return shared_page(
            loaded, "documents.html", lang, "listing", lambda: documents_list(loaded, lang)
        )

    def documents_json(request: Request) -> Response:
        return JSONResponse(documents_list(source.get(), language(request))["documents"])

    def document(request: Request) -> Response:
        loaded = source.get()
        document_id = request.path_params["document_id"]
        view = document_view(loaded, document_id)
        if view is None:
            return not_found("The dossier has no document with this id.")
        return page(
            "document.html", request=request, view=view, generator=loaded.dossier["generator"]
        )

    def document_json(request: Request) -> Response:
        loaded = source.get()
        document_id = request.path_params["document_id"]
        entry = loaded.index.documents.get(document_id)
        view = document_view(loaded, document_id)
        if entry is None or view is None:
            return JSONResponse({"error": "no such document"}, status_code=404)
        return JSONResponse({"document": entry, "quotes": view["quotes"]})

    def search(request: Request) -> Response:
        query = request.query_params.get("q", "").strip()
        loaded = source.get()
        try:
            results = loaded.search.search(query) if query else {"documents": [], "quotes": []}
        except SearchSyntaxError as exc:
            return page(
                "search.html",
                status=400,
                query=query,
                results={"documents": [], "quotes": []},
                error=str(exc),
                generator=loaded.dossier["generator"],
            )
        return page(
            "search.html",
            query=query,
            results=results,
            error=None,
            generator=loaded.dossier["generator"],
        )

    def search_json(request: Request) -> Response:
        query = request.query_params.get("q", "").strip()
        try:
            results = source.get().search.search(query)
        except SearchSyntaxError as exc:
            return JSONResponse({"query": query, "error": str(exc)}, status_code=400)
        for group in results.values():
            for row in group:
                row["snippet"] = plain(row["snippet"])
        return JSONResponse({"query": query, **results})

    def entities(request: Request) -> Response:
        loaded = source.get()
        return shared_page(loaded, "entities.html", None, "listing", lambda: entities_list(loaded))

    def entities_json(request: Request) -> Response:
        loaded = source.get()
        return JSONResponse(entities_list(loaded))

    def entity(request: Request) -> Response:
        loaded = source.get()
        view = entity_view(loaded, request.path_params["key"])
        if view is None:
            return not_found("The dossier names no one with this id.")
        return page(
            "entity.html", request=request, view=view, generator=loaded.dossier["generator"]
        )

    def entity_json(request: Request) -> Response:
        loaded = source.get()
        view = entity_view(loaded, request.path_params["key"])
        if view is None:
            return JSONResponse({"error": "no such entity"}, status_code=404)
        return JSONResponse({k: v for k, v in view.items() if k != "merge_choices"})

    def review_page(request: Request) -> Response:
        loaded = source.get()
        view = report.review_overview(loaded.dossier, loaded.index)
        return page(
            "review.html", request=request, view=view, generator=loaded.dossier["generator"]
        )

    def review_json(request: Request) -> Response:
        loaded = source.get()
        return JSONResponse(report.review_overview(loaded.dossier, loaded.index))

    async def form_fields(request: Request, names: tuple[str, ...]) -> dict[str, str]:
        form = await request.form()
        return {n: v.strip() if isinstance(v := form.get(n), str) else "" for n in names}

    def read_only() -> HTMLResponse:
        return refused(
            403,
            "This store is shown read-only",
            "This server cannot write its store (a read-only file or folder, or "
            "'indicia serve --read-only'), so no decision can be made or undone here.",
        )

    async def record(request: Request, names: tuple[str, ...], work: Any) -> Response:
        if not writable:
            return read_only()
        fields = await form_fields(request, names)
        back = _local_path(fields.get("next") or "/review")

        def held() -> str:
            with open_store(source.db_path) as store, store.hold(wait=STORE_WAIT_S):
                return str(work(store, fields))

        try:
            anchor = await run_in_threadpool(held)
        except ConfigError as exc:
            return refused(400, "The decision was not recorded", str(exc), back)
        except StoreError as exc:
            return refused(409, "The store could not record the decision", str(exc), back)
        source.invalidate()
        response = RedirectResponse(f"{back}#{anchor}", status_code=303)
        response.set_cookie(
            REVIEWER_COOKIE,
            quote(fields["reviewer"][:200]),
            httponly=True,
            samesite="strict",
            path="/",
        )
        return response

    async def decide_post(request: Request) -> Response:
        def work(store: Any, f: dict[str, str]) -> str:
            decision = review.decide(
                store,
                source.get().dossier,
                f["action"],
                f["target"],
                f["reviewer"],
                f["reason"],
                f["value"] or None,
            )
            return f"decision-{decision.id}"

        names = ("action", "target", "value", "reviewer", "reason", "next")
        return await record(request, names, work)

    async def undo_post(request: Request) -> Response:
        def work(store: Any, f: dict[str, str]) -> str:
            review.undo(store, f["decision"], f["reviewer"], f["reason"])
            return f"decision-{f['decision']}"

        return await record(request, ("decision", "reviewer", "reason", "next"), work)

    def download(body: str, media_type: str, filename: str) -> Response:
        return Response(
            body,
            media_type=media_type,
            headers={"content-disposition": f'attachment; filename="{filename}"'},
        )

    def export(request: Request) -> Response:
        d = dossier()
        name = request.path_params["name"]
        if name == "dossier.json":
            # Streamed: a request holds one piece of the file at a time, never all of it.
            return StreamingResponse(
                (chunk.encode("utf-8") for chunk in report.dossier_json_chunks(d)),
                media_type="application/json",
                headers={"content-disposition": f'attachment; filename="{name}"'},
            )
        if name == "dossier.xlsx":
            loaded = source.get()
            return Response(
                report.xlsx_bytes(loaded.dossier, loaded.index),
                media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                headers={"content-disposition": f'attachment; filename="{name}"'},
            )
        if name == "claims.csv":
            return download(report.claims_csv(d), "text/csv; charset=utf-8", name)
        if name == "indicators.csv":
            return download(report.indicators_csv(d), "text/csv; charset=utf-8", name)
        if name == "entities.csv":
            return download(report.entities_csv(d), "text/csv; charset=utf-8", name)
        if name == "dossier.md":
            return download(report.render_markdown(d), "text/markdown; charset=utf-8", name)
        return not_found(
            "No such export: try dossier.json, dossier.xlsx, claims.csv, indicators.csv,"
            " entities.csv, dossier.md."
        )

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if status == 404:
            return not_found("Nothing here.")
        return PlainTextResponse(str(getattr(exc, "detail", "error")), status_code=status)

    static_dir = report.static_dir()
    routes = [
        Route("/", index),
        Route("/stories.json", index_json),
        Route("/stories/{story_id}.json", story_json),
        Route("/stories/{story_id}", story),
        Route("/documents.json", documents_json),
        Route("/documents", documents),
        Route("/documents/{document_id}.json", document_json),
        Route("/documents/{document_id}", document),
        Route("/search.json", search_json),
        Route("/search", search),
        Route("/entities.json", entities_json),
        Route("/entities", entities),
        Route("/entities/{key}.json", entity_json),
        Route("/entities/{key}", entity),
        Route("/review.json", review_json),
        Route("/review", review_page),
        Route("/review/decide", decide_post, methods=["POST"]),
        Route("/review/undo", undo_post, methods=["POST"]),
        Route("/export/{name}", export),
        Mount("/static", app=StaticFiles(directory=static_dir), name="static"),
    ]
    hosts = allowed_hosts or (["*"] if token else list(LOOPBACK_NAMES))

    def refuse_post(why: str) -> Response:
        return refused(
            403,
            "Refused: not sent from this app's own pages",
            f"A decision is recorded only from a form of this server's pages; this one "
            f"was refused because {why}. Open the page again and submit its form.",
        )

    async def csrf_failed(scope: Scope, send: Send, message_id: Any) -> None:
        response: Response
        if not writable:  # no form was offered: say why, not which token is missing
            response = read_only()
        else:
            response = refuse_post("its form token is missing, expired or not this browser's")
        await response(scope, _no_body, send)

    middleware = [
        Middleware(SecurityMiddleware, token=token),
        Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
        Middleware(SameOriginMiddleware, refuse=refuse_post),
        Middleware(
            asgi_csrf,
            cookie_name=CSRF_COOKIE,
            signing_secret=csrf_secret,
            always_protect=POST_ROUTES,
            cookie_samesite="Strict",
            send_csrf_failed=csrf_failed,
        ),
    ]
    return Starlette(routes=routes, middleware=middleware, exception_handlers={404: http_error})


async def _no_body() -> dict[str, Any]:
    return {"type": "http.request", "body": b"", "more_body": False}


def check_store(db_path: str | Path) -> None:
    """Raise ConfigError unless `db_path` is an indicia store this app can read."""
    path = Path(db_path)
    if not path.exists():
        raise ConfigError(
            f"no store at {path}: give the folder 'indicia run REPORTS --out DIR' wrote "
            "with --out DIR, or the store file with --db FILE"
        )
    if path.is_dir():
        raise ConfigError(f"{path} is a folder, not a store: try --out {path}")
    try:
        with open_store(path, read_only=True):
            pass
    except StoreError as exc:
        raise ConfigError(str(exc)) from exc


def check_serve(db_path: str | Path, host: str, token: str | None) -> None:
    """Everything that would stop `serve`, checked before it listens."""
    check_bind(host, token)
    check_store(db_path)


def allowed_hosts(host: str, token: str | None) -> list[str] | None:
    """The Host headers answered when listening on `host` (None: the app's default).

    Without a token, the loopback names, and the loopback address listened on
    (127.0.0.2 is loopback too): a page elsewhere cannot reach the app by renaming it.
    """
    if token:
        return None
    names = list(LOOPBACK_NAMES)
    bare = host.strip("[]")
    if is_loopback(host) and bare not in names:
        names.append(f"[{bare}]" if ":" in bare else bare)
    return names


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    reviewing: bool = True,
) -> None:
    """Run the web app until interrupted; refuses a non-loopback host without a token,
    and a path that is not a readable store. With `reviewing`, the decision forms are
    offered when the store can be written."""
    import uvicorn

    check_serve(db_path, host, token)
    app = create_app(
        db_path,
        token=token,
        allowed_hosts=allowed_hosts(host, token),
        reviewing=None if reviewing else False,
    )
    # With a token, the access log would record it from ?token= addresses: leave it off.
    uvicorn.run(
        app, host=host, port=port, log_level="info", server_header=False, access_log=not token
    )


__all__ = [
    "CONTENT_SECURITY_POLICY",
    "DossierSource",
    "SameOriginMiddleware",
    "allowed_hosts",
    "check_bind",
    "check_serve",
    "check_store",
    "create_app",
    "is_loopback",
    "serve",
    "store_writable",
]
