"""Stored queries against a remote SPARQL 1.1 endpoint (through SPARQLWrapper).

A remote run binds parameters exactly as a local one (:func:`conflictkg.graph.store.bind_values`
adds a ``VALUES`` block) and returns the same :class:`~conflictkg.graph.queries.QueryResult`, so
the CLI formats it unchanged. The stored queries read the union of all graphs as the default
graph: Virtuoso does that already, an Oxigraph server needs ``--union-default-graph``.

Every failure (endpoint down, slow, refusing, or answering something that is not SPARQL JSON
results) becomes a :class:`RemoteError` whose message is one line, for the CLI to print.
"""

from __future__ import annotations

import ast
import base64
import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import BASIC, DIGEST, JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from .queries import QueryResult, bind, get_query
from .store import bind_values

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
USER_AGENT = "conflictkg (SPARQLWrapper)"
AUTH_SCHEMES = ("basic", "digest")


class RemoteError(OSError):
    """A remote endpoint could not answer. ``str()`` is a single line meant for the user.

    It is an :class:`OSError` (the request's I/O failed) so that the CLI's existing error
    handling prints it without a traceback.
    """


@dataclass(frozen=True)
class Endpoint:
    """Where and how to reach a SPARQL service.

    ``user``/``password`` give HTTP Basic auth (or Digest, with ``auth="digest"``, which is all
    Virtuoso's ``-auth`` endpoints accept); ``token`` gives ``Authorization: Bearer``.
    """

    url: str
    user: str | None = None
    password: str | None = None
    token: str | None = None
    auth: str = "basic"
    timeout: float = 30.0

    def __post_init__(self) -> None:
        if not self.url.startswith(("http://", "https://")):
            raise RemoteError(f"endpoint must be an http(s) URL, got {self.url!r}")
        if self.auth not in AUTH_SCHEMES:
            raise RemoteError(f"unknown auth scheme {self.auth!r} (use {' or '.join(AUTH_SCHEMES)})")
        if self.token and self.user:
            raise RemoteError("give either a user and password or a token, not both")
        if self.timeout <= 0:
            raise RemoteError("the timeout must be a positive number of seconds")

    def headers(self) -> dict[str, str]:
        """Authorization headers that can be sent up front (Basic and Bearer; Digest needs a challenge)."""
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.user is not None and self.auth == "basic":
            pair = f"{self.user}:{self.password or ''}".encode()
            return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
        return {}

    def opener(self) -> urllib.request.OpenerDirector:
        """A urllib opener for this endpoint, with a Digest handler when Digest auth is asked for."""
        handlers: list[urllib.request.BaseHandler] = []
        if self.user is not None and self.auth == "digest":
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(None, self.url, self.user, self.password or "")
            handlers.append(urllib.request.HTTPDigestAuthHandler(manager))
        return urllib.request.build_opener(*handlers)


def one_line(text: str | bytes, limit: int = 160) -> str:
    """The first meaningful line of a server message, shortened (servers answer HTML or stack traces)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    for line in text.splitlines():
        line = " ".join(line.split())
        if line and not line.startswith("<"):
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return ""


def _wrapped_body(message: str) -> str:
    _, found, body = message.partition("Response:")
    if not found:
        return ""
    try:
        value = ast.literal_eval(body.strip())
    except (ValueError, SyntaxError):
        return body
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def describe_failure(exc: BaseException, url: str, timeout: float) -> str:
    """One line saying what went wrong talking to ``url``."""
    if isinstance(exc, urllib.error.HTTPError):
        detail = one_line(exc.read() if exc.fp is not None else b"")
        hint = " (check --user/--password or --token)" if exc.code in (401, 403) else ""
        return f"{url} answered HTTP {exc.code} {exc.reason}{hint}" + (f": {detail}" if detail else "")
    if isinstance(exc, SPARQLWrapperException):
        # SPARQLWrapper turns 400/401/404/414/500 into its own exceptions, with the body's repr
        # after "Response:"; keep the class and the body's first line.
        detail = one_line(_wrapped_body(str(exc.args[0]) if exc.args else ""))
        return f"{url} refused the request ({type(exc).__name__})" + (f": {detail}" if detail else "")
    reason: object = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"{url} did not answer within {timeout:g} s (use --timeout to wait longer)"
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot reach {url}: connection refused (is the server running?)"
    if isinstance(reason, socket.gaierror):
        return f"cannot reach {url}: unknown host"
    if isinstance(reason, OSError | HTTPException):
        return f"cannot reach {url}: {one_line(str(reason)) or type(reason).__name__}"
    return f"{url}: {type(exc).__name__}: {one_line(str(exc))}"


# ------------------------------------------------------------------ SPARQL JSON results


def term_from_json(term: dict[str, Any]) -> Node:
    """One SPARQL 1.1 JSON results term as an rdflib term (Virtuoso's ``typed-literal`` included)."""
    kind, value = term.get("type"), term.get("value")
    if not isinstance(value, str):
        raise ValueError("a term has no string value")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if term.get("xml:lang"):
            return Literal(value, lang=str(term["xml:lang"]))
        datatype = term.get("datatype")
        if datatype and datatype != XSD_STRING:
            return Literal(value, datatype=URIRef(str(datatype)))
        return Literal(value)
    raise ValueError(f"unknown term type {kind!r}")


def parse_select(body: bytes) -> tuple[list[str], list[dict[str, Node]]]:
    """Variables and rows of a SPARQL JSON SELECT result; ValueError when it is not one."""
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(
            f"not JSON ({exc.__class__.__name__} at the start: {one_line(body[:80]) or 'empty'})"
        ) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("head"), dict):
        raise ValueError("JSON without a 'head' object")
    variables = doc["head"].get("vars")
    bindings = (doc.get("results") or {}).get("bindings") if isinstance(doc.get("results"), dict) else None
    if not isinstance(variables, list) or not isinstance(bindings, list):
        raise ValueError("JSON without 'head.vars' and 'results.bindings' (not a SELECT result)")
    rows = []
    for binding in bindings:
        if not isinstance(binding, dict):
            raise ValueError("a binding is not an object")
        rows.append({str(k): term_from_json(v) for k, v in binding.items() if isinstance(v, dict)})
    return [str(v) for v in variables], rows


# ------------------------------------------------------------------ running queries


def _wrapper(endpoint: Endpoint, sparql: str) -> SPARQLWrapper:
    sw = SPARQLWrapper(endpoint.url, agent=USER_AGENT)
    sw.setQuery(sparql)
    sw.setMethod(POST)  # the bound queries are a few kB: no URL length worries
    sw.setReturnFormat(JSON)
    sw.setTimeout(max(1, round(endpoint.timeout)))
    if endpoint.user is not None:
        sw.setHTTPAuth(DIGEST if endpoint.auth == "digest" else BASIC)
        sw.setCredentials(endpoint.user, endpoint.password or "")
    if endpoint.token:
        sw.addCustomHttpHeader("Authorization", f"Bearer {endpoint.token}")
    return sw


def select(endpoint: Endpoint, sparql: str) -> tuple[list[str], list[dict[str, Node]]]:
    """Run a SELECT on the endpoint; variables and rows of rdflib terms."""
    sw = _wrapper(endpoint, sparql)
    try:
        result = sw.query()
        body: bytes = result.response.read()
        content_type = str(result.info().get("content-type", ""))
    except (SPARQLWrapperException, urllib.error.URLError, OSError, HTTPException) as exc:
        raise RemoteError(describe_failure(exc, endpoint.url, endpoint.timeout)) from None
    try:
        return parse_select(body)
    except ValueError as exc:
        shown = content_type.split(";")[0] or "no content type"
        raise RemoteError(f"{endpoint.url} did not answer with SPARQL JSON results ({shown}): {exc}") from None


def run_remote_query(
    endpoint: Endpoint, name: str, params: dict[str, str] | None = None, lang: str = "en"
) -> QueryResult:
    """Run a stored query remotely, with parameters bound exactly as :func:`~.queries.run_query` does."""
    query = get_query(name)
    bindings = bind(query, params or {}, lang)
    variables, rows = select(endpoint, bind_values(query.text, bindings))
    return QueryResult(query, variables, rows)
