"""Round trip through a real Oxigraph server: push the seed store, run every stored query remotely,
compare with the embedded store. Also: idempotent pushes, a push that fails midway and is
finished by a re-run, the CLI functions, and the one-line errors of a remote query (stub servers).
"""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from conflictkg import api, cli, cli_endpoints
from conflictkg.graph.normalise import differences
from conflictkg.graph.push import PushError, PushReport, local_counts, push, verify
from conflictkg.graph.remote import Endpoint, RemoteError, run_remote_query
from conflictkg.graph.store import Store

from .conftest import DEMO_ARTICLE
from .servers import (
    Reply,
    Request,
    RunningServer,
    StubServer,
    forward,
    free_port,
    local_and_remote,
    separators_of,
)
from .servers import oxigraph_server_fixture as oxigraph_server_fixture  # the fixture 'oxigraph_server'

QUERY_NAMES = [q.name for q in api.queries()]


def _clear(server: RunningServer) -> None:
    """Empty the server (so that a test sees only what it pushed)."""
    from urllib.request import Request as UrlRequest
    from urllib.request import urlopen

    req = UrlRequest(server.update, data=b"CLEAR SILENT ALL", headers={"Content-Type": "application/sparql-update"})
    with urlopen(req, timeout=60) as r:
        assert r.status in (200, 204)


@pytest.fixture(scope="module")
def pushed(oxigraph_server: RunningServer, seed_store: Store) -> PushReport:
    _clear(oxigraph_server)
    return push(seed_store, graph_store=Endpoint(oxigraph_server.graph_store), query=Endpoint(oxigraph_server.query))


def test_push_sends_every_graph(pushed: PushReport, seed_store: Store, oxigraph_server: RunningServer) -> None:
    assert pushed.method == "gsp"
    assert pushed.named("pushed") == seed_store.graph_names()
    assert pushed.triples_pushed == sum(local_counts(seed_store).values())
    assert verify(seed_store, Endpoint(oxigraph_server.query)) == []
    assert "triples/s" in pushed.summary()


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_stored_query_remote_equals_local(
    pushed: PushReport, oxigraph_server: RunningServer, seed_store: Store, name: str
) -> None:
    local, remote = local_and_remote(seed_store, Endpoint(oxigraph_server.query), name)
    assert differences(local, remote, separators_of(name)) == []


def test_the_comparison_covers_rows(pushed: PushReport, oxigraph_server: RunningServer, seed_store: Store) -> None:
    """Most stored queries answer something on the seed article, so the comparison above is not vacuous."""
    answered = [
        name
        for name in QUERY_NAMES
        if local_and_remote(seed_store, Endpoint(oxigraph_server.query), name)[1]["results"]["bindings"]
    ]
    assert {"actors", "attacks", "events", "events-in", "threats"} <= set(answered)


def test_push_again_is_idempotent(pushed: PushReport, oxigraph_server: RunningServer, seed_store: Store) -> None:
    again = push(seed_store, graph_store=Endpoint(oxigraph_server.graph_store), query=Endpoint(oxigraph_server.query))
    assert again.named("pushed") == seed_store.graph_names()
    assert verify(seed_store, Endpoint(oxigraph_server.query)) == []


def test_skip_unchanged_graphs(pushed: PushReport, oxigraph_server: RunningServer, seed_store: Store) -> None:
    report = push(
        seed_store,
        graph_store=Endpoint(oxigraph_server.graph_store),
        query=Endpoint(oxigraph_server.query),
        skip_unchanged=True,
    )
    assert report.named("skipped") == seed_store.graph_names()
    assert report.triples_pushed == 0


def test_push_by_sparql_update_in_small_batches(oxigraph_server: RunningServer, seed_store: Store) -> None:
    _clear(oxigraph_server)
    seen: list[int] = []
    report = push(
        seed_store,
        update=Endpoint(oxigraph_server.update),
        query=Endpoint(oxigraph_server.query),
        batch=700,
        progress=lambda done, total, graph: seen.append(done),
    )
    assert report.method == "update"
    assert report.named("pushed") == seed_store.graph_names()
    assert verify(seed_store, Endpoint(oxigraph_server.query)) == []
    assert seen == sorted(seen) and seen[-1] == sum(local_counts(seed_store).values())
    # twice: CLEAR SILENT GRAPH with the first chunk makes it idempotent
    push(seed_store, update=Endpoint(oxigraph_server.update), batch=700)
    assert verify(seed_store, Endpoint(oxigraph_server.query)) == []


def test_failed_push_says_what_was_pushed_and_a_rerun_finishes(
    oxigraph_server: RunningServer, seed_store: Store
) -> None:
    _clear(oxigraph_server)
    names = seed_store.graph_names()
    failing = {"on": True}

    def proxy(request: Request) -> Reply:
        if failing["on"] and request.method == "PUT" and len([r for r in stub.requests if r.method == "PUT"]) == 3:
            return 500, "text/plain", b"injected failure\nsecond line"
        return forward(oxigraph_server.query.rsplit("/", 1)[0], request)

    with StubServer(proxy) as stub:
        gsp, query = Endpoint(stub.url + "/store"), Endpoint(stub.url + "/query")
        with pytest.raises(PushError) as caught:
            push(seed_store, graph_store=gsp, query=query)
        message = str(caught.value)
        assert "\n" not in message
        assert names[2] in message and "2 of" in message and "run the same command again" in message
        report = caught.value.report
        assert report.named("pushed") == names[:2]
        assert [g.graph for g in report.graphs if g.status != "pushed"] == names[2:]
        assert any(line.startswith("NOT pushed: " + names[2]) for line in caught.value.details())
        wrong = verify(seed_store, Endpoint(oxigraph_server.query))
        assert len(wrong) == len(names) - 2

        failing["on"] = False
        rerun = push(seed_store, graph_store=gsp, query=query, skip_unchanged=True)
    assert rerun.named("skipped") == names[:2]
    assert rerun.named("pushed") == names[2:]
    assert verify(seed_store, Endpoint(oxigraph_server.query)) == []


def test_every_gsp_request_names_its_graph(oxigraph_server: RunningServer, seed_store: Store) -> None:
    with StubServer(lambda r: forward(oxigraph_server.query.rsplit("/", 1)[0], r)) as stub:
        push(seed_store, graph_store=Endpoint(stub.url + "/store"), batch=2000)
    writes = [r for r in stub.requests if r.method in ("PUT", "POST")]
    assert len(writes) > len(seed_store.graph_names())  # some graphs needed more than one batch
    assert all("?graph=" in r.path for r in writes)
    assert {r.method for r in writes} == {"PUT", "POST"}


# ------------------------------------------------------------------ the CLI functions


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store"
    with api.open_store(path) as store:
        api.load(store, [DEMO_ARTICLE])
    return path


def test_cli_push_and_query_endpoint(
    oxigraph_server: RunningServer, disk_store: Path, seed_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    _clear(oxigraph_server)
    argv = ["push", "--store", str(disk_store), "--endpoint", oxigraph_server.query]
    assert cli.main([*argv, "--graph-store", oxigraph_server.graph_store]) == 0
    err = capsys.readouterr().err
    assert "triples/s" in err and "verified" in err
    assert cli.main([*argv, "--update-endpoint", oxigraph_server.update, "--skip-unchanged", "-q"]) == 0
    assert capsys.readouterr().err == ""

    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("--lang", default="en")
    cli_endpoints.add_remote_options(parser)
    args = parser.parse_args(["attacks", "--endpoint", oxigraph_server.query, "--timeout", "20"])
    result = cli_endpoints.run_remote(args, "attacks", {})
    assert any(str(row.get("placeLabel")) == "Kazan" for row in result.rows)
    local = api.query(seed_store, "events-in", {"place": "Tatarstan"}, lang="id")
    args = parser.parse_args(["events-in", "--endpoint", oxigraph_server.query, "--lang", "id"])
    remote = cli_endpoints.run_remote(args, "events-in", {"place": "Tatarstan"})
    assert sorted(map(str, (r["event"] for r in remote.rows))) == sorted(map(str, (r["event"] for r in local.rows)))


def test_cli_push_failure_prints_pushed_and_not_pushed(disk_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with StubServer(lambda r: (503, "text/plain", b"maintenance")) as stub:
        code = cli.main(
            ["push", "--store", str(disk_store), "--endpoint", stub.url + "/q", "--graph-store", stub.url + "/gsp"]
        )
    err = capsys.readouterr().err
    assert code == 2
    assert "HTTP 503" in err and "maintenance" in err and "NOT pushed:" in err
    assert "Traceback" not in err


# ------------------------------------------------------------------ remote errors and auth (stub servers)

SELECT_JSON = json.dumps(
    {
        "head": {"vars": ["x"]},
        "results": {
            "bindings": [
                {"x": {"type": "typed-literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}
            ]
        },
    }
).encode()


def _remote_error(endpoint: Endpoint) -> str:
    with pytest.raises(RemoteError) as caught:
        run_remote_query(endpoint, "actors")
    message = str(caught.value)
    assert "\n" not in message and message
    return message


def test_endpoint_down_is_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}/sparql"
    assert "connection refused" in _remote_error(Endpoint(url))


def test_slow_endpoint_is_one_line() -> None:
    def slow(request: Request) -> Reply:
        stub.release.wait()
        return 200, "application/sparql-results+json", SELECT_JSON

    with StubServer(slow) as stub:
        assert "did not answer within 1 s" in _remote_error(Endpoint(stub.url + "/sparql", timeout=1))


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ((200, "text/html", b"<html><body>Welcome to nginx</body></html>"), "did not answer with SPARQL JSON results"),
        ((200, "application/sparql-results+json", b'{"head": {"vars": ["x"]}}'), "not a SELECT result"),
        ((200, "application/sparql-results+json", b"\x00\xff garbage"), "not JSON"),
        ((500, "text/plain", b"Virtuoso 37000 Error SP030: syntax\nmore"), "Error SP030"),
        ((401, "text/plain", b"who are you"), "refused the request (Unauthorized)"),
        ((403, "text/plain", b"forbidden"), "HTTP 403"),
    ],
)
def test_garbage_and_refusals_are_one_line(reply: Reply, expected: str) -> None:
    with StubServer(lambda r: reply) as stub:
        assert expected in _remote_error(Endpoint(stub.url + "/sparql"))


def test_basic_auth_password_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cli_endpoints.PASSWORD_ENV, "s3cret")
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="en")
    cli_endpoints.add_remote_options(parser)
    with StubServer(lambda r: (200, "application/sparql-results+json", SELECT_JSON)) as stub:
        args = parser.parse_args(["--endpoint", stub.url + "/sparql", "--user", "ana"])
        result = cli_endpoints.run_remote(args, "actors", {})
        args = parser.parse_args(["--endpoint", stub.url + "/sparql", "--token", "tok-123"])
        cli_endpoints.run_remote(args, "actors", {})
    assert [str(r["x"]) for r in result.rows] == ["1"]
    assert stub.requests[0].headers["Authorization"] == "Basic YW5hOnMzY3JldA=="  # ana:s3cret
    assert stub.requests[1].headers["Authorization"] == "Bearer tok-123"
    body = stub.requests[0].body.decode()
    assert "query=" in body and "VALUES" in body  # the parameters (?lang) are bound as a VALUES block


def test_push_sends_the_token(seed_store: Store) -> None:
    with StubServer(lambda r: (204, "text/plain", b"")) as stub:
        push(seed_store, graph_store=Endpoint(stub.url + "/store", token="t0k"), graphs=[seed_store.graph_names()[0]])
    assert [r.headers.get("Authorization") for r in stub.requests] == ["Bearer t0k"]


def test_user_without_password_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cli_endpoints.PASSWORD_ENV, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())  # not a terminal: no password prompt
    parser = argparse.ArgumentParser()
    cli_endpoints.add_remote_options(parser)
    args = parser.parse_args(["--endpoint", "http://127.0.0.1:9/sparql", "--user", "ana"])
    with pytest.raises(RemoteError, match="needs a password"):
        cli_endpoints.endpoint_from_args(args, args.endpoint)


def test_query_command_error_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from conflictkg import cli

    code = cli.main(["query", "attacks", "--endpoint", f"http://127.0.0.1:{free_port()}/sparql"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "connection refused" in err
