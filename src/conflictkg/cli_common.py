"""What the modules of the ``conflictkg`` command share: the store folder option, opening the store,
output files and :class:`CliError` (a usage error: exit 2, as every error :func:`conflictkg.cli.main` prints).

A module of its own so that the command modules (``cli_load``, ``cli_validate``, ...) and
:mod:`conflictkg.cli`, which wires them into one parser, import it and not each other.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

from conflictkg import api

DEFAULT_STORE = "conflictkg-store"


class CliError(Exception):
    pass


def store_path(args: argparse.Namespace) -> str:
    return str(getattr(args, "store", None) or os.environ.get("CONFLICTKG_STORE") or DEFAULT_STORE)


def open_store(args: argparse.Namespace) -> api.Store:
    return api.open_store(store_path(args))


def out(path: str | None) -> TextIO:
    return open(path, "w", encoding="utf-8", newline="\n") if path else sys.stdout


def store_opt(p: argparse.ArgumentParser) -> None:
    """Add ``--store DIR`` to a subcommand."""
    p.add_argument("--store", metavar="DIR", help=f"store folder (default ${{CONFLICTKG_STORE}} or ./{DEFAULT_STORE})")
