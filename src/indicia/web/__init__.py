"""web: the local web app (`indicia serve`) over what `indicia.report` renders.

`indicia.web.app` holds the Starlette app and `serve`; `search` is the FTS5 index.
Every page, view model, plot, template and export is the report package's: this
package only routes requests to them (through `indicia.report`'s public API) and
searches. Importing this package loads neither module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def serve(
    db_path: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    reviewing: bool = True,
) -> None:
    """Run the web app over the store at `db_path` (see `indicia.web.app.serve`)."""
    from indicia.web.app import serve as _serve

    _serve(db_path, host=host, port=port, token=token, reviewing=reviewing)


def check_serve(db_path: str | Path, host: str, token: str | None) -> None:
    """Raise ConfigError when `serve` could not start (see `indicia.web.app.check_serve`)."""
    from indicia.web.app import check_serve as _check_serve

    _check_serve(db_path, host=host, token=token)


def create_app(db_path: str, token: str | None = None, **options: Any) -> Any:
    """The Starlette app over the store at `db_path` (see `indicia.web.app.create_app`)."""
    from indicia.web.app import create_app as _create_app

    return _create_app(db_path, token=token, **options)


__all__ = ["check_serve", "create_app", "serve"]
