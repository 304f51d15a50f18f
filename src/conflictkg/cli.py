"""The ``conflictkg`` command: a thin layer over :mod:`conflictkg.api`.

Exit codes, for CI: 0 success (or: the data conforms), 1 shape violations (or rejected articles),
2 an error (bad input, unknown query, store locked or unreadable).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from conflictkg import __version__, api, cli_endpoints, cli_scale, sources
from conflictkg.graph import validate as validation
from conflictkg.graph.export import FORMATS
from conflictkg.graph.queries import QueryError, as_csv, as_sparql_json, as_table
from conflictkg.graph.store import StoreError
from conflictkg.ingest import default_workers, load_iter
from conflictkg.loaders import ArticleError
from conflictkg.progress import Progress
from conflictkg.worker import Options

DEFAULT_STORE = "conflictkg-store"
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


class CliError(Exception):
    pass


def _store_path(args: argparse.Namespace) -> str:
    return str(args.store or os.environ.get("CONFLICTKG_STORE") or DEFAULT_STORE)


def _open(args: argparse.Namespace) -> api.Store:
    return api.open_store(_store_path(args))


def _out(path: str | None) -> TextIO:
    return open(path, "w", encoding="utf-8", newline="\n") if path else sys.stdout


# ------------------------------------------------------------------ commands


def cmd_load(args: argparse.Namespace) -> int:
    gone = sources.missing(args.paths)
    if gone:
        raise CliError(f"no such file or folder: {', '.join(gone)}")
    if args.workers is not None and args.workers < 1:
        raise CliError("--workers must be at least 1")
    previous = _interrupt_on_sigterm()  # so that a killed load stops its workers and closes the store
    try:
        with _open(args) as store:
            return _load(args, store)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _interrupt_on_sigterm() -> Any:
    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, stop)


def _load(args: argparse.Namespace, store: api.Store) -> int:
    show_bar = not args.quiet and sys.stderr.isatty()
    bar = Progress(sources.count_items(args.paths) if show_bar else None, sys.stderr, enabled=show_bar)

    def report(o: api.LoadOutcome) -> None:
        bar.update(o.status)
        if args.verbose and not args.quiet:
            detail = f" ({o.triples} triples, {o.inferred} inferred)" if o.status == "loaded" else ""
            bar.note(f"{o.source}: {o.status}{detail} {o.seconds:.2f}s")
            for m in o.messages:
                bar.note(f"    note: {m}")
        cli_scale.report_outcome(o, bar)

    curation = Path(args.curation).read_text(encoding="utf-8") if args.curation else None
    options = Options(
        validate=not args.no_validate, validator=args.validator, reasoner=args.reasoner, curation=curation
    )
    workers = args.workers or default_workers()
    try:
        for outcome in load_iter(
            store,
            args.paths,
            lang=args.lang,
            published=args.published,
            url=args.url,
            options=options,
            workers=workers,
            batch_size=args.batch_size,
            strict=args.strict,
        ):
            report(outcome)
    finally:
        bar.close()
    counts = bar.counts
    problems = counts["rejected"] + counts["bad"] + counts["failed"]
    if not args.quiet:
        print(
            f"{bar.done} record(s): {counts['loaded']} loaded, {counts['unchanged']} unchanged, "
            f"{counts['rejected']} rejected, {counts['failed']} failed, {counts['bad']} bad input; "
            f"{bar.done / max(time.monotonic() - bar.start, 1e-9):.1f} articles/s with {workers} worker(s); "
            f"store {_store_path(args)} holds {len(store)} quads",
            file=sys.stderr,
        )
    return 1 if problems else 0


def cmd_validate(args: argparse.Namespace) -> int:
    if args.files:
        report = api.validate_files(args.files, lang=args.lang)
    else:
        with _open(args) as store:
            report = api.validate_store(store, lang=args.lang)
    render = {"text": validation.as_text, "json": validation.as_json, "junit": validation.as_junit}[args.format]
    out = _out(args.output)
    out.write(render(report).rstrip("\n") + "\n")
    if out is not sys.stdout:
        out.close()
    return 0 if report.conforms else 1


def cmd_queries(args: argparse.Namespace) -> int:
    qs = api.queries()
    width = max(len(q.name) for q in qs)
    for q in qs:
        print(f"{q.name.ljust(width)}  {q.summary}")
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
        if store is None:
            result = cli_endpoints.run_remote(args, name, params)
        else:
            result = api.query(store, name, params, lang=args.lang)
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


def cmd_entities(args: argparse.Namespace) -> int:
    with _open(args) as store:
        result = api.query(store, "unlinked-entities" if args.unlinked else "entities", {}, lang=args.lang)
    print(as_sparql_json(result) if args.format == "json" else as_table(result, width=args.width))
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from conflictkg.graph.merge import merge_events

    with _open(args) as store:
        n = merge_events(store)
    print(f"{n} merged event(s); see 'conflictkg query merged-events'", file=sys.stderr)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from conflictkg import evaluate as ev

    results = ev.evaluate(Path(args.gold_dir), Path(args.articles))
    out = _out(args.output)
    out.write(
        (ev.report_json(results) if args.format == "json" else ev.report_text(results, not args.no_errors)) + "\n"
    )
    if out is not sys.stdout:
        out.close()
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

    def store_opt(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--store", metavar="DIR", help=f"store folder (default ${{CONFLICTKG_STORE}} or ./{DEFAULT_STORE})"
        )

    p = sub.add_parser(
        "load",
        help="read articles, extract facts, validate and store them",
        description="Read articles (.txt, .json, .jsonl of any size, or folders of them) and N-Quads shards "
        "written by 'conflictkg extract' (.nq), extract events, actors and claims in parallel worker processes, "
        "validate each article graph with SHACL, infer with OWL RL and store it in its own named graph, one "
        "transaction per batch of articles. An article already stored with the same content is left unchanged, "
        "so an interrupted load can simply be run again. An article that fails validation is not stored; a bad "
        "record is reported with its file and line and the rest goes on. Exit 1 if any article was rejected, "
        "failed or was bad input, 2 on a usage error (or, with --strict, at the first bad record).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    store_opt(p)
    p.add_argument("--lang", help="language of .txt input (ISO 639-1); detected when not given")
    p.add_argument(
        "--published", metavar="YYYY-MM-DD", help="publication date of .txt input (resolves 'Saturday', 'last week')"
    )
    p.add_argument("--url", help="source URL of .txt input")
    p.add_argument("--no-validate", action="store_true", help="store without SHACL validation")
    p.add_argument(
        "--curation", metavar="FILE", help="curator decisions (Turtle, docs/curation.md) applied before validation"
    )
    p.add_argument(
        "--reasoner",
        choices=("fast", "owlrl"),
        default="fast",
        help="OWL RL engine: the compiled fast path (default) or owlrl, the reference; same entailments",
    )
    p.add_argument(
        "--validator",
        choices=("fast", "pyshacl"),
        default="fast",
        help="SHACL engine: the shapes compiled to SPARQL in Oxigraph (default) or pyshacl, the reference; "
        "same findings",
    )
    p.add_argument(
        "-j", "--workers", type=int, metavar="N", help="worker processes for extraction (default: all cores)"
    )
    p.add_argument(
        "--batch-size", type=int, default=64, metavar="N", help="articles written per transaction (default 64)"
    )
    p.add_argument("--strict", action="store_true", help="stop at the first bad record or failed article (exit 2)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary; problems still shown")
    p.add_argument("-v", "--verbose", action="store_true", help="a line for every article")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser(
        "validate",
        help="check the store (or RDF files) against the SHACL shapes",
        description="Validate every article graph in the store, or the given RDF files, against the "
        "shapes. Exit 0 when there is no violation (warnings allowed), 1 otherwise.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="RDF files to validate instead of the store")
    store_opt(p)
    p.add_argument("--format", choices=("text", "json", "junit"), default="text")
    p.add_argument("--lang", choices=("en", "id"), default="en", help="language of the messages")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(func=cmd_validate)

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
    p.add_argument("--width", type=int, default=60, help="cut table cells to this width")
    p.add_argument("-o", "--output", metavar="FILE")
    cli_endpoints.add_remote_options(p)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser(
        "entities",
        help="list the entities the articles name (--unlinked: those the gazetteer lacks)",
        description="List every entity named in the loaded articles, or with --unlinked the provisional ones the "
        "gazetteer lacks (names read next to a role title or a place noun), for curators to add or map.",
    )
    store_opt(p)
    p.add_argument("--unlinked", action="store_true", help="only provisional entities (ckg:linked false)")
    p.add_argument("--lang", default="en")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--width", type=int, default=60)
    p.set_defaults(func=cmd_entities)

    p = sub.add_parser(
        "evaluate",
        help="score the extractor against gold annotations",
        description="Extract every article named by the gold files in GOLD_DIR (format: docs/gold-format.md) and "
        "print precision, recall and F1 per fact kind and overall, then every miss and false positive with its "
        "sentence.",
    )
    p.add_argument("gold_dir", metavar="GOLD_DIR")
    p.add_argument(
        "--articles",
        default=os.environ.get("CONFLICTKG_ARTICLES", "../shared/articles"),
        help="folder holding the articles (default ../shared/articles or $CONFLICTKG_ARTICLES)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--no-errors", action="store_true", help="scores only, without the list of errors")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(func=cmd_evaluate)

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
    p = sub.add_parser(
        "merge",
        help="merge the same event reported by several articles",
        description="Rebuild the graph of cross-article merged events (rule: docs/extraction.md); every report "
        "stays as it is, and the merged node lists them with the reasons.",
    )
    store_opt(p)
    p.set_defaults(func=cmd_merge)
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
