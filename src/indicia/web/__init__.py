"""web: the local web app (`indicia serve`) and the story views dossier.html shares.

`indicia.web.app` holds the Starlette app and `serve`; `views` turns the dossier
into what the pages show; `plots` draws inline SVG; `search` is the FTS5 index;
`exports` writes the CSV files. Importing this package loads none of them, so the
static report can use `views` and `plots` without the web server's dependencies.
"""

from __future__ import annotations

from typing import Any


def serve(
    db_path: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None
) -> None:
    """Run the web app over the store at `db_path` (see `indicia.web.app.serve`)."""
    from indicia.web.app import serve as _serve

    _serve(db_path, host=host, port=port, token=token)


def create_app(db_path: str, token: str | None = None, **options: Any) -> Any:
    """The Starlette app over the store at `db_path` (see `indicia.web.app.create_app`)."""
    from indicia.web.app import create_app as _create_app

    return _create_app(db_path, token=token, **options)


__all__ = ["create_app", "serve"]
