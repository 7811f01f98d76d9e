"""A live server for browser tests and screenshots: uvicorn on a free loopback port."""

from __future__ import annotations

import socket
import threading
from typing import Any


class LiveServer:
    """uvicorn serving an app on a free loopback port, in a background thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self.thread.start()
        ready = threading.Event()
        # Wait for the server to come up; the thread ends early if it failed to start.
        while not self.server.started and self.thread.is_alive():
            ready.wait(0.02)
        if not self.server.started:
            raise RuntimeError("uvicorn did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join()
        self._socket.close()
