"""``conflictkg entities`` and ``conflictkg merge``: what curators look at and rebuild in a loaded store.

Wired into the main parser by :func:`register_entities` and :func:`register_merge` (two functions:
the subcommands keep their places in ``conflictkg --help``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from conflictkg import api
from conflictkg.cli_common import open_store
from conflictkg.graph.queries import as_sparql_json, as_table

StoreOpt = Callable[[argparse.ArgumentParser], None]


def cmd_entities(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        result = api.query(store, "unlinked-entities" if args.unlinked else "entities", {}, lang=args.lang)
    print(as_sparql_json(result) if args.format == "json" else as_table(result, width=args.width))
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from conflictkg.graph.merge import merge_events

    with open_store(args) as store:
        n = merge_events(store)
    print(f"{n} merged event(s); see 'conflictkg query merged-events'", file=sys.stderr)
    return 0


def register_entities(sub: argparse._SubParsersAction[argparse.ArgumentParser], store_opt: StoreOpt) -> None:
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


def register_merge(sub: argparse._SubParsersAction[argparse.ArgumentParser], store_opt: StoreOpt) -> None:
    p = sub.add_parser(
        "merge",
        help="merge the same event reported by several articles",
        description="Rebuild the graph of cross-article merged events (rule: docs/extraction.md); every report "
        "stays as it is, and the merged node lists them with the reasons.",
    )
    store_opt(p)
    p.set_defaults(func=cmd_merge)
