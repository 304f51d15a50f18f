"""Push the store's named graphs to a remote triple store.

Two ways, both idempotent (pushing twice leaves the same remote graphs):

- **Graph Store HTTP Protocol** (preferred): ``PUT <gsp>?graph=G`` with N-Triples replaces graph
  G; a large graph goes as one PUT then ``POST`` (append) batches. Every request names its graph:
  a request without ``graph=`` means the *default* graph, and on Oxigraph a PUT without it
  replaces the whole dataset. (``graph=`` works on Oxigraph and Virtuoso; Virtuoso's own
  ``graph-uri=`` is unknown to Oxigraph, which then replaces everything.)
- **SPARQL Update**, where a server offers nothing else: ``CLEAR SILENT GRAPH <G>`` with the
  first ``INSERT DATA`` chunk, then further chunks of at most 1,000 triples (Virtuoso fails on
  larger updates). ``SILENT`` because a non-silent CLEAR/DROP of a missing graph is an error.

A failure stops the push: the :class:`PushError` says which graphs were pushed and which were
not, and running the same push again finishes the job (``skip_unchanged`` leaves alone the
graphs whose remote triple count and content hash already match).
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.client import HTTPException
from itertools import islice
from typing import Any, TextIO

import pyoxigraph as ox

from .normalise import term_key
from .queries import term_json
from .remote import Endpoint, RemoteError, describe_failure, one_line, select
from .store import Store
from .terms import from_ox

GSP_BATCH = 50_000
UPDATE_BATCH = 1_000  # Virtuoso: INSERT DATA fails near 5,000 lines, INSERT {} WHERE {} above ~1,400 triples

Progress = Callable[[int, int, str], None]


@dataclass
class GraphPush:
    graph: str
    triples: int
    status: str = "pending"  # pending, pushed, skipped, failed
    seconds: float = 0.0
    error: str = ""


@dataclass
class PushReport:
    method: str  # "gsp" or "update"
    target: str
    graphs: list[GraphPush] = field(default_factory=list)
    seconds: float = 0.0

    def named(self, status: str) -> list[str]:
        return [g.graph for g in self.graphs if g.status == status]

    @property
    def triples_pushed(self) -> int:
        return sum(g.triples for g in self.graphs if g.status == "pushed")

    @property
    def rate(self) -> float:
        """Triples per second over the graphs actually sent."""
        busy = sum(g.seconds for g in self.graphs if g.status == "pushed")
        return self.triples_pushed / busy if busy > 0 else 0.0

    def summary(self) -> str:
        pushed, skipped = self.named("pushed"), self.named("skipped")
        return (
            f"pushed {len(pushed)} graph(s), {self.triples_pushed} triples, to {self.target} by "
            f"{'Graph Store Protocol' if self.method == 'gsp' else 'SPARQL Update'} in {self.seconds:.2f} s "
            f"({self.rate:,.0f} triples/s)" + (f"; {len(skipped)} unchanged graph(s) skipped" if skipped else "")
        )


class PushError(RemoteError):
    """The push stopped; ``report`` says which graphs were pushed and which were not."""

    def __init__(self, message: str, report: PushReport):
        super().__init__(message)
        self.report = report

    def details(self) -> list[str]:
        r = self.report
        lines = [f"pushed: {g}" for g in r.named("pushed")] + [f"unchanged: {g}" for g in r.named("skipped")]
        lines += [f"NOT pushed: {g.graph}" for g in r.graphs if g.status in ("failed", "pending")]
        return lines


# ------------------------------------------------------------------ reading the local store


def _oxigraph(store: Store) -> ox.Store:
    """The store's pyoxigraph handle: pushing streams quads, which :class:`Store` has no public call for."""
    handle: ox.Store = store.oxigraph
    return handle


def local_counts(store: Store) -> dict[str, int]:
    """Triples per named graph (every graph of :meth:`Store.graph_names`, empty ones included)."""
    counts = dict.fromkeys(store.graph_names(), 0)
    rows = _oxigraph(store).query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        graph, count = row["g"], row["n"]
        if isinstance(graph, ox.NamedNode) and isinstance(count, ox.Literal):
            counts[graph.value] = int(count.value)
    return counts


def _triples(store: Store, graph: str) -> Iterator[ox.Quad]:
    return iter(_oxigraph(store).quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def _ntriples(quads: Iterable[ox.Quad]) -> tuple[str, bool]:
    """N-Triples text of the quads' triples, and whether a blank node occurs."""
    lines, bnodes = [], False
    for q in quads:
        bnodes = bnodes or isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)
        lines.append(f"{q.subject} {q.predicate} {q.object} .\n")
    return "".join(lines), bnodes


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph) -> dict[str, str]:
    return term_json(from_ox(term))


def content_hash(keys: Iterable[tuple[Any, ...]]) -> str:
    """Hash of a graph's normalised triples (engine-independent: see :mod:`.normalise`)."""
    h = hashlib.sha256()
    for key in sorted(json.dumps(k, ensure_ascii=False) for k in keys):
        h.update(key.encode("utf-8") + b"\n")
    return h.hexdigest()


def local_hash(store: Store, graph: str) -> str:
    return content_hash(
        (term_key(_json_term(q.subject)), term_key(_json_term(q.predicate)), term_key(_json_term(q.object)))
        for q in _triples(store, graph)
    )


def remote_state(endpoint: Endpoint, graph: str) -> tuple[int, str | None]:
    """Remote triple count of a graph, and its content hash (None when the graph is empty)."""
    _, rows = select(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    count = int(str(rows[0]["n"])) if rows and "n" in rows[0] else 0
    if count == 0:
        return 0, None
    _, triples = select(endpoint, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    keys = (tuple(term_key(term_json(row[v])) if v in row else None for v in ("s", "p", "o")) for row in triples)
    return count, content_hash(keys)


# ------------------------------------------------------------------ HTTP


def graph_url(gsp: str, graph: str) -> str:
    """``<gsp>?graph=<G>``; refuses to build a URL without a graph (see the module docstring)."""
    if not graph:
        raise ValueError("refusing a Graph Store request without a graph IRI (it would target the whole dataset)")
    split = urllib.parse.urlsplit(gsp)
    existing = [(k, v) for k, v in urllib.parse.parse_qsl(split.query) if k not in ("graph", "graph-uri", "default")]
    query = urllib.parse.urlencode([*existing, ("graph", graph)])
    return urllib.parse.urlunsplit((split.scheme, split.netloc, split.path, query, ""))


def _send(endpoint: Endpoint, url: str, method: str, body: bytes, content_type: str) -> None:
    headers = {"Content-Type": content_type, "User-Agent": "conflictkg push", **endpoint.headers()}
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with endpoint.opener().open(request, timeout=endpoint.timeout) as response:
            response.read()
    except (urllib.error.URLError, OSError, HTTPException) as exc:
        raise RemoteError(describe_failure(exc, url.split("?")[0], endpoint.timeout)) from None


def _push_gsp(endpoint: Endpoint, store: Store, graph: str, batch: int, advance: Callable[[int], None]) -> None:
    url = graph_url(endpoint.url, graph)
    quads = _triples(store, graph)
    method = "PUT"
    while True:
        chunk = list(islice(quads, batch))
        if not chunk and method == "POST":
            return
        text, _ = _ntriples(chunk)
        _send(endpoint, url, method, text.encode("utf-8"), "application/n-triples")
        advance(len(chunk))
        method = "POST"  # the first request replaced the graph; the rest append
        if len(chunk) < batch:
            return


def _push_update(endpoint: Endpoint, store: Store, graph: str, batch: int, advance: Callable[[int], None]) -> None:
    quads = _triples(store, graph)
    first = True
    while True:
        chunk = list(islice(quads, min(batch, UPDATE_BATCH)))
        if not chunk and not first:
            return
        text, bnodes = _ntriples(chunk)
        parts = [f"CLEAR SILENT GRAPH <{graph}>"] if first else []
        if chunk:
            # Virtuoso refuses blank nodes in INSERT DATA; the template form takes them (each
            # request then makes its own blank nodes, so one split across chunks is not shared).
            parts.append(
                f"INSERT {{ GRAPH <{graph}> {{\n{text}}} }} WHERE {{}}"
                if bnodes
                else f"INSERT DATA {{ GRAPH <{graph}> {{\n{text}}} }}"
            )
        _send(endpoint, endpoint.url, "POST", " ;\n".join(parts).encode("utf-8"), "application/sparql-update")
        advance(len(chunk))
        first = False
        if len(chunk) < min(batch, UPDATE_BATCH):
            return


# ------------------------------------------------------------------ push


def push(
    store: Store,
    *,
    graph_store: Endpoint | None = None,
    update: Endpoint | None = None,
    query: Endpoint | None = None,
    graphs: list[str] | None = None,
    skip_unchanged: bool = False,
    batch: int | None = None,
    progress: Progress | None = None,
) -> PushReport:
    """Push ``graphs`` (default: every named graph of the store) through ``graph_store`` or ``update``.

    ``query`` (a SPARQL query endpoint on the same server) is needed for ``skip_unchanged``.
    Raises :class:`PushError` when a graph fails; the graphs after it are left unsent.
    """
    if graph_store is None and update is None:
        raise ValueError("push needs a Graph Store URL or a SPARQL Update endpoint")
    if skip_unchanged and query is None:
        raise ValueError("skipping unchanged graphs needs the SPARQL query endpoint")
    target = graph_store or update
    assert target is not None
    method = "gsp" if graph_store is not None else "update"
    size = batch or (GSP_BATCH if method == "gsp" else UPDATE_BATCH)
    if size < 1:
        raise ValueError("the batch size must be at least 1")
    counts = local_counts(store)
    names = graphs if graphs is not None else list(counts)
    unknown = [g for g in names if g not in counts]
    if unknown:
        raise ValueError(f"not in the store: {', '.join(unknown)}")
    report = PushReport(method, target.url, [GraphPush(g, counts[g]) for g in names])
    total = sum(g.triples for g in report.graphs)
    done = 0
    started = time.perf_counter()

    for item in report.graphs:

        def advance(n: int, name: str = item.graph) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, total, name)

        t0 = time.perf_counter()
        try:
            if skip_unchanged and query is not None:
                remote_count, remote_hash = remote_state(query, item.graph)
                if remote_count == item.triples and (item.triples == 0 or remote_hash == local_hash(store, item.graph)):
                    item.status = "skipped"
                    advance(item.triples)
                    continue
            if graph_store is not None:
                _push_gsp(graph_store, store, item.graph, size, advance)
            else:
                assert update is not None
                _push_update(update, store, item.graph, size, advance)
        except (RemoteError, ValueError) as exc:
            item.status, item.error = "failed", one_line(str(exc), 300)
            item.seconds = time.perf_counter() - t0
            report.seconds = time.perf_counter() - started
            pushed = len(report.named("pushed")) + len(report.named("skipped"))
            raise PushError(
                f"push stopped at graph {item.graph}: {item.error}; {pushed} of {len(report.graphs)} graph(s) "
                f"are on the server, {len(report.graphs) - pushed} not pushed; run the same command again to finish",
                report,
            ) from None
        item.status, item.seconds = "pushed", time.perf_counter() - t0
    report.seconds = time.perf_counter() - started
    return report


def verify(store: Store, query: Endpoint, graphs: list[str] | None = None) -> list[str]:
    """Graphs whose remote triple count differs from the local one (empty when all match)."""
    counts = local_counts(store)
    wrong = []
    for name in graphs if graphs is not None else list(counts):
        _, rows = select(query, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        remote = int(str(rows[0]["n"])) if rows and "n" in rows[0] else 0
        if remote != counts.get(name, 0):
            wrong.append(f"{name}: {remote} remote vs {counts.get(name, 0)} local triples")
    return wrong


# ------------------------------------------------------------------ progress bar


class ProgressBar:
    """A one-line progress bar on a terminal; silent when the stream is not a tty."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None, width: int = 30):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.width = width
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int, graph: str) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        fraction = done / total if total else 1.0
        filled = int(self.width * fraction)
        label = graph.rsplit("/graph/", 1)[-1]
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\rpush [{bar}] {fraction:4.0%} {done:,}/{total:,} triples {label[:40]:<40}")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False
