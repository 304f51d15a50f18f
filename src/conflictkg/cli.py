"""The ``conflictkg`` command: a thin layer over :mod:`conflictkg.api`.

This module holds the parser, ``main`` and the query commands; the other commands live in modules of
their own, each adding its subcommand with ``register``: ``cli_load``, ``cli_validate``,
``cli_curation`` (entities, merge), ``cli_evaluate``, ``cli_endpoints`` (push, serve), ``cli_scale``
(extract). What they share is in ``cli_common``.

Exit codes, for CI: 0 success (or: the data conforms), 1 shape violations (or rejected articles),
2 an error (bad input, unknown query, store locked or unreadable).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from conflictkg import (
    __version__,
    api,
    cli_curation,
    cli_endpoints,
    cli_evaluate,
    cli_load,
    cli_scale,
    cli_validate,
)
from conflictkg.cli_common import CliError, store_opt
from conflictkg.cli_common import open_store as _open
from conflictkg.cli_common import out as _out
from conflictkg.graph.export import FORMATS
from conflictkg.graph.queries import QueryError, as_csv, as_sparql_json, as_table, page_number
from conflictkg.graph.store import StoreError
from conflictkg.loaders import ArticleError

EPILOG = """\
examples:
  conflictkg load ../shared/articles/kazan-drone-attack.id.json
  conflictkg load notes.txt --lang id --published 2024-12-22
  conflictkg validate                       # every article graph in the store
  conflictkg validate --format junit -o shacl.xml
  conflictkg queries                        # what can be asked
  conflictkg query attacks
  conflictkg query events-in --param place=Tatarstan --lang id
  conflictkg export --format nq -o graph.nq

The store is a folder (default: ./conflictkg-store, or $CONFLICTKG_STORE; --store DIR).
Exit codes: 0 ok / conforms, 1 violations or rejected articles, 2 error.
"""


# ------------------------------------------------------------------ commands


def cmd_queries(args: argparse.Namespace) -> int:
    qs = api.queries()
    width = max(len(q.name) for q in qs)
    for q in qs:
        print(f"{q.name.ljust(width)}  {q.summary}")
        if args.verbose and q.paginated:
            print(f"{'':{width}}    --limit N --offset M  (pages of its rows)")
        if args.verbose:
            for p in q.params:
                print(f"{'':{width}}    --param {p.name}=<{p.type}>  e.g. {p.example}: {p.description}")
    return 0


def _params(pairs: Sequence[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise CliError(f"--param expects key=value, got {pair!r}")
        out[key.strip()] = value
    return out


def _page_count(text: str) -> int:
    """argparse type for --limit/--offset: a bad value is a usage error (exit 2)."""
    try:
        return page_number(text, "the value")
    except QueryError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_query(args: argparse.Namespace) -> int:
    if args.endpoint:
        return _query(args, None)
    with _open(args) as store:
        return _query(args, store)


def _query(args: argparse.Namespace, store: api.Store | None) -> int:
    names = [q.name for q in api.queries()] if args.all else [args.name]
    if not args.all and not args.name:
        raise CliError("name a stored query (see 'conflictkg queries'), or use --all")
    out = _out(args.output)
    for name in names:
        q = next((x for x in api.queries() if x.name == name), None)
        params = _params(args.param)
        if args.all and q is not None:
            params = {p.name: params.get(p.name, p.example) for p in q.params}
        # --all pages the paginated queries only; the others are short and come whole
        page = (args.limit, args.offset) if q is None or q.paginated or not args.all else (None, None)
        if store is None:
            if page != (None, None):
                raise CliError("--limit and --offset apply to the local store, not to --endpoint")
            result = cli_endpoints.run_remote(args, name, params)
        else:
            result = api.query(store, name, params, lang=args.lang, limit=page[0], offset=page[1])
        if args.format == "json":
            out.write(as_sparql_json(result) + "\n")
        elif args.format == "csv":
            out.write(as_csv(result))
        else:
            if args.all:
                shown = ", ".join(f"{k}={v}" for k, v in params.items())
                out.write(f"\n== {name}{' (' + shown + ')' if shown else ''}: {result.query.summary}\n")
            out.write(as_table(result, width=args.width) + "\n")
    if out is not sys.stdout:
        out.close()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with _open(args) as store:
        out = _out(args.output)
        n = api.export(store, args.format, out, reference=not args.no_reference, inferred=args.inferred)
    if out is not sys.stdout:
        out.close()
    if not args.quiet:
        print(f"exported {n} statements as {args.format}", file=sys.stderr)
    return 0


# ------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conflictkg",
        description="Turn news about armed conflict into a validated RDF knowledge graph, and ask it questions.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"conflictkg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    cli_load.register(sub, store_opt)
    cli_validate.register(sub, store_opt)

    p = sub.add_parser(
        "queries", help="list the stored queries", description="List the stored queries: name, then summary."
    )
    p.add_argument("-v", "--verbose", action="store_true", help="also show each query's parameters")
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser(
        "query",
        help="run a stored query",
        description="Run a stored query on the store. Parameters are bound as RDF terms, never "
        "pasted into the query. Labels come in --lang, falling back to English.",
    )
    p.add_argument("name", nargs="?", help="stored query name (see 'conflictkg queries')")
    store_opt(p)
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--lang", default="en", help="label language (default en)")
    p.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table (default), SPARQL 1.1 JSON results, or CSV",
    )
    p.add_argument("--all", action="store_true", help="run every stored query (examples as parameters)")
    p.add_argument(
        "--limit", type=_page_count, metavar="N", help="at most N rows (paginated queries; default: every row)"
    )
    p.add_argument("--offset", type=_page_count, metavar="M", help="skip the first M rows (paginated queries)")
    p.add_argument("--width", type=int, default=60, help="cut table cells to this width")
    p.add_argument("-o", "--output", metavar="FILE")
    cli_endpoints.add_remote_options(p)
    p.set_defaults(func=cmd_query)

    cli_curation.register_entities(sub, store_opt)
    cli_evaluate.register(sub)

    p = sub.add_parser(
        "export",
        help="write the graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD",
        description="Export the article graphs and the reference data, deterministically "
        "(the same store gives byte-identical files).",
    )
    store_opt(p)
    p.add_argument("--format", choices=FORMATS, default="ttl")
    p.add_argument("--inferred", action="store_true", help="include the OWL RL entailments")
    p.add_argument("--no-reference", action="store_true", help="leave out the ontology, lexicon and gazetteer")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_export)
    cli_endpoints.register(sub, store_opt)
    cli_curation.register_merge(sub, store_opt)
    cli_scale.register(sub, store_opt)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code: int = args.func(args)
        return code
    except (ArticleError, StoreError, QueryError, CliError, OSError, ValueError) as exc:  # GoldError is a ValueError
        print(f"conflictkg: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("conflictkg: interrupted", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
