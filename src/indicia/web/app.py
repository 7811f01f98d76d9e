"""The local web app: server-rendered pages over the store, each with a JSON twin.

Pages: stories (`/`), a story (`/stories/{id}`), a document with its evidence
highlighted (`/documents/{id}`), search (`/search?q=`), and exports under
`/export/`. Each page is also served as JSON (`/stories.json`, `/stories/{id}.json`,
`/documents/{id}.json`, `/search.json?q=`).

Safety: every response carries a Content-Security-Policy that allows nothing from
outside the app; without a token only loopback Host headers are answered (so a web
page cannot reach the app through DNS rebinding); with a token every request must
carry it. This module reads the store only through `report.build_dossier` and shows what
`indicia.report` renders; it writes nothing.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from indicia import report
from indicia.errors import ConfigError, StoreError
from indicia.store import open_store
from indicia.web.search import SearchIndex, SearchSyntaxError, plain

log = logging.getLogger(__name__)

TOKEN_COOKIE = "indicia_token"
TOKEN_HEADER = "x-indicia-token"
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


@dataclass
class Loaded:
    dossier: dict[str, Any]
    index: report.Index  # lookups every page shares, built once per load
    search: SearchIndex


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


# ------------------------------------------------------------------- routes


def create_app(
    db_path: str | Path,
    token: str | None = None,
    allowed_hosts: list[str] | None = None,
) -> Starlette:
    """The web app over the store at `db_path`.

    Without a token only loopback Host headers are answered, unless `allowed_hosts`
    says otherwise; with a token any host is, since the token guards every request.
    """
    source = DossierSource(db_path)
    urls = report.WebUrls()

    def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
        generator = context.pop("generator", None) or "indicia"
        html = report.render(template, urls=urls, prefix="", generator=generator, **context)
        return HTMLResponse(html, status_code=status)

    def not_found(message: str) -> HTMLResponse:
        return page("not_found.html", status=404, message=message)

    def dossier() -> dict[str, Any]:
        return source.get().dossier

    def language(request: Request) -> str | None:
        return request.query_params.get("language") or None

    def index(request: Request) -> Response:
        loaded = source.get()
        overview = report.stories_overview(loaded.dossier, loaded.index, language(request))
        return page("index.html", overview=overview, generator=loaded.dossier["generator"])

    def index_json(request: Request) -> Response:
        loaded = source.get()
        return JSONResponse(
            report.stories_overview(loaded.dossier, loaded.index, language(request))
        )

    def story(request: Request) -> Response:
        loaded = source.get()
        view = report.story_view(loaded.dossier, request.path_params["story_id"], loaded.index)
        if view is None:
            return not_found("The dossier has no story with this id.")
        return page("story.html", view=view, generator=loaded.dossier["generator"])

    def story_json(request: Request) -> Response:
        loaded = source.get()
        view = report.story_view(loaded.dossier, request.path_params["story_id"], loaded.index)
        if view is None:
            return JSONResponse({"error": "no such story"}, status_code=404)
        return JSONResponse(view)

    def documents(request: Request) -> Response:
        d = dossier()
        listing = report.documents_list(d, language(request))
        return page("documents.html", listing=listing, generator=d["generator"])

    def documents_json(request: Request) -> Response:
        return JSONResponse(report.documents_list(dossier(), language(request))["documents"])

    def document(request: Request) -> Response:
        loaded = source.get()
        document_id = request.path_params["document_id"]
        view = report.document_view(loaded.dossier, document_id, loaded.index)
        if view is None:
            return not_found("The dossier has no document with this id.")
        return page("document.html", view=view, generator=loaded.dossier["generator"])

    def document_json(request: Request) -> Response:
        loaded = source.get()
        document_id = request.path_params["document_id"]
        entry = loaded.index.documents.get(document_id)
        view = report.document_view(loaded.dossier, document_id, loaded.index)
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
        if name == "dossier.md":
            return download(report.render_markdown(d), "text/markdown; charset=utf-8", name)
        return not_found(
            "No such export: try dossier.json, dossier.xlsx, claims.csv, indicators.csv,"
            " dossier.md."
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
        Route("/export/{name}", export),
        Mount("/static", app=StaticFiles(directory=static_dir), name="static"),
    ]
    hosts = allowed_hosts or (["*"] if token else list(LOOPBACK_NAMES))
    middleware = [
        Middleware(SecurityMiddleware, token=token),
        Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
    ]
    return Starlette(routes=routes, middleware=middleware, exception_handlers={404: http_error})


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
    db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None
) -> None:
    """Run the web app until interrupted; refuses a non-loopback host without a token,
    and a path that is not a readable store."""
    import uvicorn

    check_serve(db_path, host, token)
    app = create_app(db_path, token=token, allowed_hosts=allowed_hosts(host, token))
    # With a token, the access log would record it from ?token= addresses: leave it off.
    uvicorn.run(
        app, host=host, port=port, log_level="info", server_header=False, access_log=not token
    )


__all__ = [
    "CONTENT_SECURITY_POLICY",
    "DossierSource",
    "allowed_hosts",
    "check_bind",
    "check_serve",
    "check_store",
    "create_app",
    "is_loopback",
    "serve",
]
