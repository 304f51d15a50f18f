"""``conflictkg evaluate``: score the extractor against the gold annotations (docs/gold-format.md).

Wired into the main parser by :func:`register`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from conflictkg.cli_common import out


def cmd_evaluate(args: argparse.Namespace) -> int:
    from conflictkg import evaluate as ev

    results = ev.evaluate(Path(args.gold_dir), Path(args.articles))
    stream = out(args.output)
    stream.write(
        (ev.report_json(results) if args.format == "json" else ev.report_text(results, not args.no_errors)) + "\n"
    )
    if stream is not sys.stdout:
        stream.close()
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
