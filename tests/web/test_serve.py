"""Starting `indicia serve`: it finds the store `indicia run --out D` made, reads a
store it may not write, refuses at start what it could not serve, and answers the
loopback address it listens on."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from indicia.cli import main
from indicia.errors import StoreError
from indicia.store import open_store
from indicia.web.app import allowed_hosts, create_app


@pytest.fixture()
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What `serve` would have run: uvicorn is replaced by a recorder."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def _serve(*args: str) -> Any:
    return CliRunner().invoke(main, ["serve", *args], env={"INDICIA_TOKEN": ""})


def test_serve_out_finds_the_store_run_made(
    sample_db: Path, tmp_path: Path, started: list[dict[str, Any]]
) -> None:
    out = tmp_path / "dossier"
    out.mkdir()
    shutil.copy(sample_db, out / "indicia.db")  # where `indicia run R --out D` keeps it
    result = _serve("--out", str(out))
    assert result.exit_code == 0, result.output
    with TestClient(started[0]["app"], base_url="http://127.0.0.1:8000") as client:
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("made", ["missing", "folder", "text", "other_sqlite"])
def test_what_is_not_a_store_is_a_usage_error_at_start(
    tmp_path: Path, started: list[dict[str, Any]], made: str
) -> None:
    path = tmp_path / "case.db"
    if made == "folder":
        path.mkdir()
    elif made == "text":
        path.write_text("these are notes, not a store\n", encoding="utf-8")
    elif made == "other_sqlite":
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE t (x)")
    result = _serve("--db", str(path))
    assert result.exit_code == 2, result.output
    assert started == []  # it never started listening
    assert {"missing": "no store at", "folder": "is a directory", "text": "not an indicia store",
            "other_sqlite": "not an indicia store"}[made] in result.output  # fmt: skip
    if made == "missing":
        assert "--out DIR" in result.output and not path.exists()


def test_a_missing_default_store_names_both_ways_to_find_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[dict[str, Any]]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _serve()
    assert result.exit_code == 2
    assert "no store at indicia.db" in result.output and "--out DIR" in result.output


def test_a_public_host_without_token_is_a_usage_error_at_start(
    sample_db: Path, started: list[dict[str, Any]]
) -> None:
    result = _serve("--db", str(sample_db), "--host", "0.0.0.0")
    assert result.exit_code == 2
    assert "refusing to listen on 0.0.0.0" in result.output and started == []


@pytest.mark.parametrize("host", ["127.0.0.2", "::1"])
def test_the_loopback_address_listened_on_is_answered(
    sample_db: Path, started: list[dict[str, Any]], host: str
) -> None:
    result = _serve("--db", str(sample_db), "--host", host)
    assert result.exit_code == 0, result.output
    address = f"[{host}]" if ":" in host else host
    with TestClient(started[0]["app"], base_url=f"http://{address}:8000") as client:
        assert client.get("/").status_code == 200
    with TestClient(started[0]["app"], base_url="http://rebound.example:8000") as client:
        assert client.get("/").status_code == 400  # DNS rebinding is still refused


def test_allowed_hosts() -> None:
    assert "127.0.0.2" in (allowed_hosts("127.0.0.2", None) or [])
    assert "192.168.1.4" not in (allowed_hosts("192.168.1.4", None) or [])
    assert allowed_hosts("0.0.0.0", "a-token") is None  # the token guards every request


def test_the_app_opens_its_store_read_only(sample_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "indicia.db"
    shutil.copy(sample_db, db)
    before = db.read_bytes()
    with open_store(db, read_only=True) as store:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.connection.execute("CREATE TABLE written (x)")
        assert len(list(store.documents())) == 3
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        for path in ("/", "/documents", "/stories.json", "/export/dossier.json"):
            assert client.get(path).status_code == 200, path
    assert db.read_bytes() == before


def test_read_only_open_refuses_what_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "none.db", read_only=True)
    assert not (tmp_path / "none.db").exists()
    (tmp_path / "notes.db").write_bytes(b"plain text, not SQLite" * 100)
    with pytest.raises(StoreError, match="not an indicia store"):
        open_store(tmp_path / "notes.db", read_only=True)


@pytest.fixture()
def read_only_folder(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A folder and a read-only view of it (a bind mount), where the system allows one."""
    source, view = tmp_path / "source", tmp_path / "view"
    source.mkdir()
    view.mkdir()
    mounted = subprocess.run(["mount", "--bind", str(source), str(view)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("no bind mounts here; test_the_app_opens_its_store_read_only still runs")
    try:
        remount = ["mount", "-o", "remount,ro,bind", str(view)]
        if subprocess.run(remount, capture_output=True).returncode != 0:
            pytest.skip("cannot make a read-only bind mount here")
        yield source, view
    finally:
        subprocess.run(["umount", str(view)], capture_output=True)


def test_serve_on_a_read_only_filesystem(
    sample_db: Path, read_only_folder: tuple[Path, Path]
) -> None:
    # Before, opening switched the store to WAL and ran the migrations: every page was a 500.
    source, view = read_only_folder
    shutil.copy(sample_db, source / "indicia.db")
    with TestClient(create_app(view / "indicia.db"), base_url="http://127.0.0.1") as client:
        assert client.get("/").status_code == 200
        assert client.get("/stories.json").json()["stories"]
