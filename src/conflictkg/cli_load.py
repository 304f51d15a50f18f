"""``conflictkg load``: read articles and shards, extract, validate, infer and store them in parallel.

Wired into the main parser by :func:`register` in :func:`conflictkg.cli.build_parser`.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conflictkg import api, cli_scale, sources
from conflictkg.cli_common import CliError, open_store, store_path
from conflictkg.ingest import default_workers, load_iter
from conflictkg.progress import Progress
from conflictkg.worker import Options


def cmd_load(args: argparse.Namespace) -> int:
    gone = sources.missing(args.paths)
    if gone:
        raise CliError(f"no such file or folder: {', '.join(gone)}")
    if args.workers is not None and args.workers < 1:
        raise CliError("--workers must be at least 1")
    previous = _interrupt_on_sigterm()  # so that a killed load stops its workers and closes the store
    try:
        with open_store(args) as store:
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
            f"store {store_path(args)} holds {len(store)} quads",
            file=sys.stderr,
        )
    return 1 if problems else 0


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], store_opt: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add ``load`` to the main parser."""
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
