"""An in-process HTTP stub for the endpoint tests' error paths: answers come from a Python function.

Split from tests/servers.py (the real servers); ``from .servers import StubServer`` still works.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Reply = tuple[int, str, bytes]  # status, content type, body
Responder = Callable[[Request], Reply]


class StubServer:
    """A tiny HTTP server on 127.0.0.1 whose answers come from ``respond`` (for error paths).

    ``requests`` records what it received. Use as a context manager: it stops on exit, and
    ``release`` is set first so that a responder waiting on it returns.
    """

    def __init__(self, respond: Responder):
        self.respond = respond
        self.requests: list[Request] = []
        self.release = threading.Event()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(self.command, self.path, dict(self.headers.items()), self.rfile.read(length))
                stub.requests.append(request)
                status, content_type, body = stub.respond(request)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_PUT = do_DELETE = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> StubServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def forward(target: str, request: Request) -> Reply:
    """Send ``request`` on to ``target`` (a base URL) and hand back its answer (for a faulty proxy)."""
    headers = {k: v for k, v in request.headers.items() if k.lower() in ("content-type", "accept", "authorization")}
    upstream = urllib.request.Request(
        target + request.path, data=request.body or None, method=request.method, headers=headers
    )
    try:
        with urllib.request.urlopen(upstream, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", "text/plain"), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", "text/plain"), e.read()
