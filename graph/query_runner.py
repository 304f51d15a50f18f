"""Read-only SPARQL queries for the endpoint (graph/serve.py): refusals, a timeout and a row limit.

Each query runs in a worker thread; the request thread waits at most ``timeout`` seconds and then
answers 503 (pyoxigraph cannot cancel a query, so a timed-out worker runs on, and at most
``workers`` run at once). At most ``limit`` rows or triples are kept; the answer says when more
were found. Updates (403) and ``SERVICE`` (400, pyoxigraph would fetch the remote service) are
refused before anything runs. Split from the HTTP layer so that it can be used and tested alone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from .results import Rows
from .sparql_text import operation, uses_service

DEFAULT_LIMIT = 10_000
DEFAULT_TIMEOUT = 30.0
DEFAULT_WORKERS = 4


class QueryRefused(Exception):
    """The request cannot be answered; ``status`` is the HTTP code to send."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class Answer:
    kind: str  # "solutions", "boolean", "triples"
    variables: list[str] = field(default_factory=list)
    rows: Rows = field(default_factory=list)
    triples: list[ox.Triple] = field(default_factory=list)
    boolean: bool = False
    truncated: bool = False


class QueryRunner:
    """Runs read-only queries on a pyoxigraph store, each in a worker thread with a timeout."""

    def __init__(
        self,
        oxstore: ox.Store,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        limit: int = DEFAULT_LIMIT,
        workers: int = DEFAULT_WORKERS,
        custom_functions: dict[Any, Callable[..., Any]] | None = None,
    ):
        self.oxstore = oxstore
        self.timeout = timeout
        self.limit = limit
        self.custom_functions = custom_functions
        self._slots = threading.BoundedSemaphore(workers)

    def check(self, sparql: str) -> None:
        kind = operation(sparql)
        if kind == "update":
            raise QueryRefused(403, "this endpoint is read-only: SPARQL Update is refused")
        if uses_service(sparql):
            raise QueryRefused(400, "SERVICE (federated query) is refused by this endpoint")

    def _evaluate(self, sparql: str) -> Answer:
        result = self.oxstore.query(sparql, use_default_graph_as_union=True, custom_functions=self.custom_functions)
        if isinstance(result, ox.QueryBoolean):
            return Answer("boolean", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows: Rows = []
            for solution in result:
                if len(rows) == self.limit:
                    return Answer("solutions", variables, rows, truncated=True)
                rows.append(tuple(solution[v] for v in variables))
            return Answer("solutions", variables, rows)
        triples: list[ox.Triple] = []
        for triple in result:
            if len(triples) == self.limit:
                return Answer("triples", triples=triples, truncated=True)
            triples.append(triple)
        return Answer("triples", triples=triples)

    def run(self, sparql: str) -> Answer:
        """Check and evaluate ``sparql``; raises :class:`QueryRefused` with the HTTP status to answer."""
        self.check(sparql)
        if not self._slots.acquire(blocking=False):
            raise QueryRefused(503, "too many queries are running; try again later")
        done = threading.Event()
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                box["answer"] = self._evaluate(sparql)
            except BaseException as exc:  # handed to the request thread, which answers it
                box["error"] = exc
            finally:
                self._slots.release()
                done.set()

        threading.Thread(target=work, name="sparql-query", daemon=True).start()
        if not done.wait(self.timeout):
            raise QueryRefused(503, f"the query did not finish within {self.timeout:g} s")
        error = box.get("error")
        if isinstance(error, SyntaxError):
            raise QueryRefused(400, f"query syntax: {error}")
        if error is not None:
            raise QueryRefused(500, f"query failed: {error}")
        answer: Answer = box["answer"]
        return answer
