"""Round trip through a private Virtuoso (Debian's virtuoso-opensource-7-bin): push the seed store
by the Graph Store Protocol and by SPARQL Update, run every stored query remotely and compare it
with the embedded store once normalised (Virtuoso writes typed-literal, 1/0 booleans, 3.0 doubles).

Skips, saying why, when virtuoso-t is not installed (tools/install-test-services.sh installs it).
"""

from __future__ import annotations

import urllib.request

import pytest

from conflictkg import api
from conflictkg.graph.normalise import differences
from conflictkg.graph.push import PushReport, local_counts, push, verify
from conflictkg.graph.remote import Endpoint, RemoteError, run_remote_query, select
from conflictkg.graph.store import Store

from .servers import RunningServer, local_and_remote, separators_of
from .servers import virtuoso_server_fixture as virtuoso_server_fixture  # the fixture 'virtuoso_server'

QUERY_NAMES = [q.name for q in api.queries()]


def _clear(server: RunningServer, store: Store) -> None:
    """Drop our graphs (Virtuoso's own system graphs stay)."""
    update = " ;\n".join(f"CLEAR SILENT GRAPH <{g}>" for g in store.graph_names())
    request = urllib.request.Request(
        server.update, data=update.encode(), headers={"Content-Type": "application/sparql-update"}
    )
    with urllib.request.urlopen(request, timeout=60) as r:
        assert r.status == 200


@pytest.fixture(scope="module")
def pushed(virtuoso_server: RunningServer, seed_store: Store) -> PushReport:
    _clear(virtuoso_server, seed_store)
    assert verify(seed_store, Endpoint(virtuoso_server.query)) != []
    return push(seed_store, graph_store=Endpoint(virtuoso_server.graph_store), query=Endpoint(virtuoso_server.query))


def test_push_by_graph_store_protocol(pushed: PushReport, virtuoso_server: RunningServer, seed_store: Store) -> None:
    assert pushed.named("pushed") == seed_store.graph_names()
    assert verify(seed_store, Endpoint(virtuoso_server.query)) == []


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_stored_query_remote_equals_local(
    pushed: PushReport, virtuoso_server: RunningServer, seed_store: Store, name: str
) -> None:
    local, remote = local_and_remote(seed_store, Endpoint(virtuoso_server.query), name)
    assert differences(local, remote, separators_of(name)) == []


def test_the_comparison_covers_rows(pushed: PushReport, virtuoso_server: RunningServer, seed_store: Store) -> None:
    """Most stored queries answer something on the seed article, so the comparison above is not vacuous."""
    answered = [
        name
        for name in QUERY_NAMES
        if local_and_remote(seed_store, Endpoint(virtuoso_server.query), name)[1]["results"]["bindings"]
    ]
    assert {"actors", "attacks", "events", "events-in", "threats"} <= set(answered)


def test_skip_unchanged_compares_content_across_engines(
    pushed: PushReport, virtuoso_server: RunningServer, seed_store: Store
) -> None:
    """The content hash is taken on normalised terms, so Virtuoso's forms match pyoxigraph's."""
    report = push(
        seed_store,
        graph_store=Endpoint(virtuoso_server.graph_store),
        query=Endpoint(virtuoso_server.query),
        skip_unchanged=True,
    )
    assert report.named("skipped") == seed_store.graph_names()


def test_push_by_sparql_update_is_idempotent(virtuoso_server: RunningServer, seed_store: Store) -> None:
    _clear(virtuoso_server, seed_store)
    for _ in range(2):
        report = push(seed_store, update=Endpoint(virtuoso_server.update))  # chunks of <= 1000 triples
        assert report.named("pushed") == seed_store.graph_names()
        assert report.triples_pushed == sum(local_counts(seed_store).values())
        assert verify(seed_store, Endpoint(virtuoso_server.query)) == []
    local, remote = local_and_remote(seed_store, Endpoint(virtuoso_server.query), "attacks")
    assert differences(local, remote) == []


def test_digest_auth_endpoint(virtuoso_server: RunningServer) -> None:
    """Virtuoso's /sparql-auth takes Digest only; a wrong password is a one-line error."""
    auth_url = virtuoso_server.query + "-auth"
    _, rows = select(Endpoint(auth_url, user="dba", password="dba", auth="digest"), "SELECT (1 AS ?one) {}")
    assert [str(r["one"]) for r in rows] == ["1"]
    with pytest.raises(RemoteError) as caught:
        run_remote_query(Endpoint(auth_url, user="dba", password="wrong", auth="digest"), "actors")
    assert "\n" not in str(caught.value) and "Unauthorized" in str(caught.value)
