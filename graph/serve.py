"""A read-only SPARQL 1.1 Protocol endpoint and linked-data pages over the embedded store.

Standard library only (``http.server``) plus pyoxigraph:

- ``GET/POST /sparql``: queries over the union of all graphs. SELECT and ASK answer SPARQL JSON,
  XML, CSV or TSV; CONSTRUCT and DESCRIBE answer Turtle, N-Triples or JSON-LD; chosen by the
  ``format`` parameter, else the ``Accept`` header.
- ``/``: a query page that works offline (``static/``), with the stored queries as examples.
- any other path ``/P``: the description of the IRI ``<base-iri>P`` (HTML, Turtle, JSON-LD).

Guards (graph/query_runner.py runs the queries): updates are refused (403); a query with a
``SERVICE`` clause is refused (400), because pyoxigraph would fetch the remote service; each query
runs in a worker thread and is answered 503 when it takes longer than the timeout (pyoxigraph
cannot cancel a query, so a timed-out worker runs on, and at most ``workers`` run at once); at most
``limit`` rows are sent, and the ``X-ConflictKG-Truncated`` header says when more were found.
"""

from __future__ import annotations

import json
import socket
import sys
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from typing import Any

from .linked_data import describe, render_html
from .queries import bind, stored_queries
from .query_runner import DEFAULT_LIMIT, DEFAULT_TIMEOUT, DEFAULT_WORKERS, Answer, QueryRefused, QueryRunner
from .results import (
    GRAPH_TYPES,
    HTML_TYPE,
    RESULT_TYPES,
    accepted,
    choose,
    serialise_boolean,
    serialise_solutions,
    serialise_triples,
)
from .sparql_text import keywords, operation, uses_service
from .store import Store, bind_values

DEFAULT_BASE_IRI = "https://w3id.org/conflictkg/"
MAX_BODY = 1 << 20
TRUNCATED_HEADER = "X-ConflictKG-Truncated"
LIMIT_HEADER = "X-ConflictKG-Limit"

# ------------------------------------------------------------------ the HTTP server


def _first(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    return values[0] if values else None


@dataclass
class ServerConfig:
    base_iri: str = DEFAULT_BASE_IRI
    quiet: bool = False
    lang: str = "en"


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; holds the store handle, the query runner and the settings."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], runner: QueryRunner, config: ServerConfig):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, SparqlHandler)
        self.runner = runner
        self.config = config
        self.examples = json.dumps(example_queries(config), ensure_ascii=False).encode("utf-8")

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{port}/"


def example_queries(config: ServerConfig) -> dict[str, Any]:
    """The stored queries for the page: text as stored, and with the example parameters bound."""
    out = []
    for q in stored_queries():
        params = {p.name: p.example for p in q.params}
        out.append(
            {
                "name": q.name,
                "summary": q.summary,
                "params": [
                    {"name": p.name, "type": p.type, "example": p.example, "about": p.description} for p in q.params
                ],
                "text": q.text,
                "bound": bind_values(q.text, bind(q, params, config.lang)),
            }
        )
    return {"base": config.base_iri, "queries": out}


STATIC_FILES = {"index.html": "text/html", "app.js": "text/javascript", "style.css": "text/css"}
CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'"


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "ConflictKG-serve"
    protocol_version = "HTTP/1.1"

    # -------------------------------------------------------------- plumbing
    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.config.quiet:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")

    def send_body(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        charset = "" if content_type.startswith(("image/",)) else "; charset=utf-8"
        self.send_header("Content-Type", content_type + charset)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.close_connection:
            self.send_header("Connection", "close")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error_text(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self.send_body(status, (message + "\n").encode("utf-8"), "text/plain", headers)

    def _params(self) -> tuple[str, dict[str, list[str]]]:
        split = urllib.parse.urlsplit(self.path)
        return split.path, urllib.parse.parse_qs(split.query, keep_blank_values=True)

    def _guarded(self, handle: Callable[[], None]) -> None:
        """Answer 500 with a message rather than dropping the connection on an unexpected error."""
        try:
            handle()
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as exc:  # the request fails, the server goes on
            self.log_error("internal error on %s: %r", self.path, exc)
            self.close_connection = True
            self.send_error_text(500, f"internal error: {type(exc).__name__}: {exc}")

    # -------------------------------------------------------------- methods
    def do_GET(self) -> None:
        self._guarded(self._get)

    def do_HEAD(self) -> None:
        self._guarded(self._get)

    def do_POST(self) -> None:
        self._guarded(self._post)

    def _get(self) -> None:
        path, params = self._params()
        if path == "/sparql":
            if "update" in params:
                self.send_error_text(403, "this endpoint is read-only: SPARQL Update is refused")
            elif "query" not in params:
                if HTML_TYPE in accepted(self.headers.get("Accept")):
                    self.send_body(303, b"", "text/plain", {"Location": "/"})
                else:
                    self.send_error_text(400, "missing 'query' parameter (SPARQL 1.1 Protocol: GET /sparql?query=...)")
            else:
                self.answer_query(params["query"][0], params)
        elif path in ("/", "/index.html"):
            self.send_static("index.html")
        elif path.startswith("/static/"):
            self.send_static(path[len("/static/") :])
        elif path == "/queries.json":
            self.send_body(200, self.server.examples, "application/json")
        else:
            self.describe_resource(path, params)

    def _post(self) -> None:
        path, params = self._params()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self.close_connection = True  # the body is not read, so the connection cannot be reused
            self.send_error_text(413, f"a request body of at most {MAX_BODY} bytes, with Content-Length, please")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        if path != "/sparql":
            self.send_error_text(405, "only /sparql accepts POST", {"Allow": "GET, HEAD"})
            return
        content_type = Message()
        content_type["content-type"] = self.headers.get("Content-Type", "")
        media = content_type.get_content_type()
        if media == "application/sparql-update":
            self.send_error_text(403, "this endpoint is read-only: SPARQL Update is refused")
        elif media == "application/sparql-query":
            self.answer_query(body, params)
        elif media == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body, keep_blank_values=True)
            merged = {**params, **form}
            if "update" in form:
                self.send_error_text(403, "this endpoint is read-only: SPARQL Update is refused")
            elif "query" not in form:
                self.send_error_text(400, "missing 'query' in the form body")
            else:
                self.answer_query(form["query"][0], merged)
        else:
            self.send_error_text(415, "POST application/x-www-form-urlencoded (query=...) or application/sparql-query")

    def _read_only(self) -> None:
        self.close_connection = True  # any body is left unread
        self.send_error_text(405, "this endpoint is read-only", {"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = _read_only

    # -------------------------------------------------------------- answers
    def answer_query(self, sparql: str, params: dict[str, list[str]]) -> None:
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            self.send_error_text(400, "default-graph-uri and named-graph-uri are not supported: use GRAPH or FROM")
            return
        runner = self.server.runner
        try:
            answer = runner.run(sparql)
        except QueryRefused as exc:
            self.send_error_text(exc.status, str(exc), {"Retry-After": "5"} if exc.status == 503 else None)
            return
        fmt = _first(params, "format")
        accept = self.headers.get("Accept")
        headers = {"Vary": "Accept"}
        if answer.truncated:
            headers[TRUNCATED_HEADER] = "true"
            headers[LIMIT_HEADER] = str(runner.limit)
        if answer.kind == "triples":
            name = choose(GRAPH_TYPES, fmt, accept, "turtle")
            if name is None:
                self.send_error_text(406, f"format {fmt!r} is not offered for graphs: {', '.join(GRAPH_TYPES)}")
                return
            self.send_body(200, serialise_triples(name, answer.triples), GRAPH_TYPES[name], headers)
            return
        name = choose(RESULT_TYPES, fmt, accept, "json")
        if name is None:
            self.send_error_text(406, f"format {fmt!r} is not offered for results: {', '.join(RESULT_TYPES)}")
            return
        if answer.kind == "boolean":
            body = serialise_boolean(name, answer.boolean)
        else:
            body = serialise_solutions(name, answer.variables, answer.rows)
        self.send_body(200, body, RESULT_TYPES[name], headers)

    def send_static(self, name: str) -> None:
        if name not in STATIC_FILES:
            self.send_error_text(404, "not found")
            return
        body = files("conflictkg.graph").joinpath("static", name).read_bytes()
        self.send_body(200, body, STATIC_FILES[name], {"Content-Security-Policy": CSP, "Cache-Control": "no-cache"})

    def describe_resource(self, path: str, params: dict[str, list[str]]) -> None:
        base = self.server.config.base_iri
        oxstore = self.server.runner.oxstore
        candidates = [base + path.lstrip("/")]
        decoded = base + urllib.parse.unquote(path).lstrip("/")
        if decoded != candidates[0]:
            candidates.append(decoded)
        for iri in candidates:
            triples = describe(oxstore, iri)
            if triples:
                break
        else:
            self.send_error_text(404, f"nothing is known about <{candidates[-1]}>")
            return
        fmt = _first(params, "format")
        options = {"html": HTML_TYPE, **GRAPH_TYPES}
        name = choose(options, fmt, self.headers.get("Accept"), "turtle")
        if name is None:
            self.send_error_text(406, f"format {fmt!r} is not offered: {', '.join(options)}")
            return
        headers = {"Vary": "Accept"}
        if name == "html":
            headers["Content-Security-Policy"] = CSP
            self.send_body(200, render_html(iri, triples, base), HTML_TYPE, headers)
        else:
            self.send_body(200, serialise_triples(name, triples), GRAPH_TYPES[name], headers)


def make_server(
    store: Store,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    limit: int = DEFAULT_LIMIT,
    timeout: float = DEFAULT_TIMEOUT,
    base_iri: str = DEFAULT_BASE_IRI,
    quiet: bool = False,
    workers: int = DEFAULT_WORKERS,
    custom_functions: dict[Any, Callable[..., Any]] | None = None,
) -> SparqlServer:
    """A server over ``store`` bound to ``host:port`` (port 0 picks a free one); call ``serve_forever``.

    ``custom_functions`` are passed to pyoxigraph (extension functions; the tests use one to
    make a query wait).
    """
    if limit < 1:
        raise ValueError("the result limit must be at least 1")
    if timeout <= 0:
        raise ValueError("the timeout must be positive")
    if not base_iri.startswith(("http://", "https://")) or not base_iri.endswith("/"):
        raise ValueError(f"the base IRI must be an http(s) IRI ending with '/', got {base_iri!r}")
    runner = QueryRunner(
        store.oxigraph,  # the raw pyoxigraph handle: results are serialised from pyoxigraph terms
        timeout=timeout,
        limit=limit,
        workers=workers,
        custom_functions=custom_functions,
    )
    return SparqlServer((host, port), runner, ServerConfig(base_iri=base_iri, quiet=quiet))


__all__ = [
    "DEFAULT_BASE_IRI",
    "DEFAULT_LIMIT",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WORKERS",
    "Answer",
    "QueryRefused",
    "QueryRunner",
    "SparqlServer",
    "accepted",
    "choose",
    "describe",
    "keywords",
    "make_server",
    "operation",
    "uses_service",
]
