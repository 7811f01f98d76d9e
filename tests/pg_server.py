"""A throwaway PostgreSQL server for the tests: initdb + pg_ctl in a temporary folder.

It listens on a Unix socket in that folder only (no TCP port to collide with), runs
without fsync (a test server loses nothing worth keeping), and is stopped and
removed at the end of the session. PostgreSQL refuses to run as root, so as root the
server runs as the `postgres` system user the Debian packages create. Import from
here (not from a conftest, whose module name several folders share).

Under CI a server that cannot start fails the tests that need it; elsewhere they
skip, saying why.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, or Debian's versioned folder."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


class Server:
    """A running server; `url(database)` is what `open_store` takes."""

    def __init__(self, folder: Path, bindir: Path, run_as: list[str]) -> None:
        self.folder = folder
        self.bindir = bindir
        self.run_as = run_as
        self.data = folder / "data"
        self.socket = folder / "socket"

    def _run(self, *command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            # generous: a loaded machine is slow to initdb and start, not wrong
            [*self.run_as, *command],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    def start(self) -> None:
        self.socket.mkdir()
        if self.run_as:
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.socket, "postgres")
        init = self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {init.stderr or init.stdout}")
        options = f"-k {self.socket} -c listen_addresses='' -c fsync=off -c max_connections=200"
        started = self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "server.log"),
            "-w",  # pg_ctl waits until the server accepts connections
            "-t",
            "600",
            "start",
        )
        if started.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {started.stderr or started.stdout}\n{tail}")

    def stop(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.socket}"

    def new_database(self) -> str:
        """A fresh, empty database; returns its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:16]
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
        return self.url(name)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI runs the PostgreSQL tests against a real server: {reason}")
    pytest.skip(reason)


@contextmanager
def running_server() -> Iterator[Server]:
    """Start a server for the session, or skip (fail under CI) saying why it cannot."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (the postgres extra; make test installs it)")
    bindir = find_bindir()
    if bindir is None:
        _unavailable("PostgreSQL server binaries not found (apt-get install postgresql)")
        return
    run_as: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            _unavailable("running as root and no runuser to start PostgreSQL as postgres")
        run_as = [str(runuser), "-u", "postgres", "--"]
    # A short path: a Unix socket's path is limited to about a hundred bytes.
    folder = Path(tempfile.mkdtemp(prefix="indicia-pg-"))
    server = Server(folder, bindir, run_as)
    try:
        server.start()
    except (RuntimeError, OSError, LookupError, subprocess.SubprocessError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        _unavailable(f"the PostgreSQL test server did not start: {exc}")
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
