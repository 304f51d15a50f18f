"""The ``push`` and ``serve`` commands, and ``query --endpoint``: ConflictKG and real SPARQL servers.

``conflictkg.cli`` wires these in: :func:`register` adds the two subcommands,
:func:`add_remote_options` adds ``--endpoint`` and its auth options to ``query``, and
:func:`run_remote` runs one stored query remotely. Errors are :class:`RemoteError` (an
``OSError``) or ``ValueError``, which the CLI prints as one line. ``python -m
conflictkg.cli_endpoints push|serve ...`` runs the two commands on their own.
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType

from conflictkg import api
from conflictkg.graph.push import ProgressBar, PushError, push, verify
from conflictkg.graph.queries import QueryResult
from conflictkg.graph.remote import AUTH_SCHEMES, Endpoint, RemoteError, run_remote_query
from conflictkg.graph.serve import DEFAULT_BASE_IRI, DEFAULT_LIMIT, DEFAULT_TIMEOUT, make_server

PASSWORD_ENV = "CONFLICTKG_ENDPOINT_PASSWORD"
TOKEN_ENV = "CONFLICTKG_ENDPOINT_TOKEN"
DEFAULT_STORE = "conflictkg-store"  # as in conflictkg.cli
DEFAULT_PORT = 8000

StoreOpt = Callable[[argparse.ArgumentParser], None]


def _store_path(args: argparse.Namespace) -> str:
    return str(getattr(args, "store", None) or os.environ.get("CONFLICTKG_STORE") or DEFAULT_STORE)


# ------------------------------------------------------------------ remote options


def _auth_options(group: argparse._ArgumentGroup, *, timeout: float = 30.0) -> None:
    group.add_argument("--user", help="user name for HTTP auth (Basic unless --auth digest)")
    group.add_argument("--password", help=f"password for --user (better: ${PASSWORD_ENV}; asked for on a terminal)")
    group.add_argument("--auth", choices=AUTH_SCHEMES, default="basic", help="HTTP auth scheme for --user")
    group.add_argument("--token", help=f"bearer token (Authorization: Bearer ...; or ${TOKEN_ENV})")
    group.add_argument(
        "--timeout", type=float, default=timeout, metavar="SECONDS", help=f"per request (default {timeout:g})"
    )


def add_remote_options(p: argparse.ArgumentParser) -> None:
    """Add ``--endpoint URL`` and its auth and timeout options to the ``query`` command."""
    group = p.add_argument_group(
        "remote endpoint",
        "Run the stored query on a SPARQL 1.1 endpoint instead of the local store (the server must "
        "read the union of all graphs as its default graph, as Virtuoso does and Oxigraph does "
        "with --union-default-graph).",
    )
    group.add_argument("--endpoint", metavar="URL", help="SPARQL query endpoint, e.g. http://127.0.0.1:7878/query")
    _auth_options(group)


def endpoint_from_args(args: argparse.Namespace, url: str) -> Endpoint:
    """An :class:`Endpoint` for ``url`` with the credentials and timeout given on the command line."""
    user = getattr(args, "user", None)
    password = getattr(args, "password", None)
    token = getattr(args, "token", None) or os.environ.get(TOKEN_ENV) or None
    if user is not None and password is None:
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            if not sys.stdin.isatty():
                raise RemoteError(f"--user {user} needs a password: --password, or ${PASSWORD_ENV}")
            password = getpass.getpass(f"password for {user} at {url}: ")
    if token and user is not None and not getattr(args, "token", None):
        token = None  # an explicit --user wins over a token from the environment
    return Endpoint(
        url,
        user=user,
        password=password,
        token=token,
        auth=getattr(args, "auth", "basic"),
        timeout=float(getattr(args, "timeout", 30.0)),
    )


def run_remote(args: argparse.Namespace, name: str, params: dict[str, str]) -> QueryResult:
    """Run the stored query ``name`` on ``args.endpoint`` with ``params`` bound as locally."""
    return run_remote_query(endpoint_from_args(args, args.endpoint), name, params, lang=getattr(args, "lang", "en"))


# ------------------------------------------------------------------ push


def cmd_push(args: argparse.Namespace) -> int:
    query = endpoint_from_args(args, args.endpoint)
    graph_store = endpoint_from_args(args, args.graph_store) if args.graph_store else None
    update = None if graph_store else endpoint_from_args(args, args.update_endpoint or args.endpoint)
    bar = ProgressBar(enabled=False if args.quiet else None)
    with api.open_store(_store_path(args)) as store:
        try:
            report = push(
                store,
                graph_store=graph_store,
                update=update,
                query=query,
                graphs=args.graph or None,
                skip_unchanged=args.skip_unchanged,
                batch=args.batch,
                progress=bar,
            )
        except PushError as exc:
            bar.close()
            print(f"conflictkg: error: {exc}", file=sys.stderr)
            for line in exc.details():
                print(f"    {line}", file=sys.stderr)
            return 2
        finally:
            bar.close()
        if not args.quiet:
            print(report.summary(), file=sys.stderr)
        if not args.no_verify:
            wrong = verify(store, query, [g.graph for g in report.graphs])
            if wrong:
                print("conflictkg: error: the server holds other triple counts than the store:", file=sys.stderr)
                for line in wrong:
                    print(f"    {line}", file=sys.stderr)
                return 2
            if not args.quiet:
                print(f"verified: {len(report.graphs)} graph(s) have the same triple counts remotely", file=sys.stderr)
    return 0


# ------------------------------------------------------------------ serve


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def cmd_serve(args: argparse.Namespace) -> int:
    path = _store_path(args)
    with api.open_store(path) as store:
        server = make_server(
            store,
            host=args.host,
            port=args.port,
            limit=args.limit,
            timeout=args.timeout,
            base_iri=args.base_iri,
            quiet=args.quiet,
            workers=args.workers,
        )
        if not _is_loopback(args.host):
            print(f"conflictkg serve: warning: listening on {args.host}, not only on this machine", file=sys.stderr)
        articles = len(store.article_graphs())
        print(
            f"conflictkg serve: listening on {server.url} (SPARQL at {server.url}sparql; store {path}, "
            f"{articles} article(s), read-only); Ctrl-C to stop",
            file=sys.stderr,
            flush=True,
        )
        previous = signal.signal(signal.SIGTERM, _stop)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            server.server_close()
    return 0


# ------------------------------------------------------------------ parsers


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], store_opt: StoreOpt) -> None:
    """Add the ``push`` and ``serve`` subcommands."""
    p = sub.add_parser(
        "push",
        help="upload the store's named graphs to a SPARQL server",
        description="Upload every named graph of the store (articles, inferred, reference) to a "
        "triple store: by the Graph Store Protocol (PUT ...?graph=G) when --graph-store is given, "
        "else by SPARQL Update. Replacing a graph is idempotent: after a failure, run the same "
        "command again. The push is checked afterwards by comparing triple counts per graph.",
        epilog="examples:\n"
        "  conflictkg push --endpoint http://127.0.0.1:7878/query --graph-store http://127.0.0.1:7878/store\n"
        "  conflictkg push --endpoint http://127.0.0.1:8890/sparql "
        "--graph-store http://127.0.0.1:8890/sparql-graph-crud\n"
        "  conflictkg push --endpoint http://127.0.0.1:8890/sparql      # SPARQL Update only",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    store_opt(p)
    p.add_argument("--endpoint", required=True, metavar="URL", help="SPARQL query endpoint of the server")
    p.add_argument("--graph-store", metavar="URL", help="Graph Store Protocol endpoint (e.g. Oxigraph /store)")
    p.add_argument("--update-endpoint", metavar="URL", help="SPARQL Update endpoint (default: --endpoint)")
    p.add_argument("--graph", action="append", metavar="IRI", help="push only this graph (repeatable)")
    p.add_argument(
        "--skip-unchanged",
        action="store_true",
        help="leave alone graphs whose remote triple count and content hash already match",
    )
    p.add_argument("--batch", type=int, metavar="N", help="triples per request (default 50000 GSP, 1000 Update)")
    p.add_argument("--no-verify", action="store_true", help="do not compare triple counts afterwards")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    _auth_options(p.add_argument_group("authentication"), timeout=120.0)
    p.set_defaults(func=cmd_push)

    p = sub.add_parser(
        "serve",
        help="serve the store as a read-only SPARQL endpoint with a query page",
        description="Serve the store over HTTP: a read-only SPARQL 1.1 Protocol endpoint at /sparql "
        "(JSON, XML, CSV, TSV; Turtle, N-Triples, JSON-LD), a query page at / and linked-data "
        "descriptions of the IRIs under --base-iri (GET /id/kazan describes <BASE/id/kazan>). "
        "Updates and SERVICE are refused. The server holds the store: stop it before loading.",
    )
    store_opt(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help=f"most rows per answer (default {DEFAULT_LIMIT})")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS", help="per query; 503 after it")
    p.add_argument("--workers", type=int, default=4, help="queries running at once (default 4)")
    p.add_argument(
        "--base-iri", default=DEFAULT_BASE_IRI, metavar="IRI", help=f"IRI of the path / (default {DEFAULT_BASE_IRI})"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no access log")
    p.set_defaults(func=cmd_serve)
