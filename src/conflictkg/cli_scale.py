"""Commands for corpus scale: ``conflictkg extract`` (Dask) writes shards that ``conflictkg load`` ingests.

Wired into the main parser by ``cli_scale.register(sub, store_opt)`` in :func:`conflictkg.cli.build_parser`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from conflictkg import sources
from conflictkg.progress import Progress
from conflictkg.worker import LoadOutcome, Options


class UsageError(ValueError):
    """Bad arguments (exit 2, as every ValueError in conflictkg.cli.main)."""


def cmd_extract(args: argparse.Namespace) -> int:
    from conflictkg.distributed import extract

    gone = sources.missing(args.paths)
    if gone:
        raise UsageError(f"no such file or folder: {', '.join(gone)}")
    if args.workers < 1 or args.partition_size < 1:
        raise UsageError("--workers and --partition-size must be at least 1")
    show_bar = not args.quiet and sys.stderr.isatty()
    bar = Progress(sources.count_items(args.paths) if show_bar else None, sys.stderr, enabled=show_bar)
    options = Options(validate=not args.no_validate, validator=args.validator, reasoner=args.reasoner)
    try:
        for o in extract(
            args.paths,
            args.output,
            address=args.dask,
            workers=args.workers,
            partition_size=args.partition_size,
            options=options,
            lang=args.lang,
            published=args.published,
            url=args.url,
        ):
            bar.update(o.status)
            report_outcome(o, bar)
    finally:
        bar.close()
    c = bar.counts
    if not args.quiet:
        print(
            f"{bar.done} record(s): {c['loaded']} extracted, {c['rejected']} rejected, {c['failed']} failed, "
            f"{c['bad']} bad input; shards in {args.output} (load them with: conflictkg load {args.output})",
            file=sys.stderr,
        )
    return 1 if c["rejected"] + c["failed"] + c["bad"] else 0


def report_outcome(o: LoadOutcome, bar: Progress) -> None:
    """One line per article that was not stored (bad input, failed, rejected), with its violations."""
    if o.status == "bad":
        bar.note(f"bad input: {o.messages[0]}")
    elif o.status == "failed":
        bar.note(f"{o.source}: failed, not stored: {'; '.join(o.messages)}")
    elif o.status == "rejected":
        bar.note(f"{o.source}: rejected, not stored (violates the shapes)")
        for f in o.findings:
            if f.severity == "Violation":
                bar.note(f"    {f.severity}: {f.focus} {f.path}: {f.message}")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], store_opt: Callable[..., None]) -> None:
    """Add the scale subcommands to the main parser (``store_opt`` adds --store to those that need it)."""
    p = sub.add_parser(
        "extract",
        help="extract a corpus on a Dask cluster into N-Quads shards (load them with 'conflictkg load DIR')",
        description="Extract, validate and infer every article (.txt, .json, .jsonl, or folders of them) on a Dask "
        "cluster and write the article graphs as N-Quads shards part-NNNNN.nq in DIR, one per partition. Without "
        "--dask, a LocalCluster of --workers processes runs here. Shards already in DIR are skipped, so an "
        "interrupted run resumes. 'conflictkg load DIR' stores the shards (or 'oxigraph load', Virtuoso's ld_dir: "
        "see docs/scale.md). Exit 1 if any article was rejected, failed or was bad input, 2 on a usage error.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the shards")
    p.add_argument("--dask", metavar="SCHEDULER_ADDRESS", help="a running Dask scheduler, e.g. tcp://host:8786")
    p.add_argument("-j", "--workers", type=int, default=2, metavar="N", help="LocalCluster processes without --dask")
    p.add_argument("--partition-size", type=int, default=200, metavar="N", help="articles per shard (default 200)")
    p.add_argument("--lang", help="language of .txt input (ISO 639-1); detected when not given")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date of .txt input")
    p.add_argument("--url", help="source URL of .txt input")
    p.add_argument("--no-validate", action="store_true", help="keep articles that violate the shapes")
    p.add_argument("--validator", choices=("fast", "pyshacl"), default="fast", help="SHACL engine (same findings)")
    p.add_argument("--reasoner", choices=("fast", "owlrl"), default="fast", help="OWL RL engine (same entailments)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    p.set_defaults(func=cmd_extract)
